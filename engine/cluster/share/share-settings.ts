import { resolveConfig } from "../../config/index.js";

/** The broker configs the share-group code reads (Kafka's names in comments). */
export interface ShareSettings {
  /** group.share.record.lock.duration.ms */
  recordLockDurationMs: number;
  /** group.share.delivery.count.limit */
  deliveryCountLimit: number;
  /** group.share.partition.max.record.locks */
  partitionMaxRecordLocks: number;
  /** group.share.session.timeout.ms */
  sessionTimeoutMs: number;
  /** group.share.heartbeat.interval.ms */
  heartbeatIntervalMs: number;
  /** group.share.max.size */
  maxSize: number;
}

/** Reads the share settings from a resolved broker config (a Cluster's `brokerConfig`), or Kafka's defaults. */
export function shareSettingsFrom(runtime: object): ShareSettings {
  const config = ("brokerConfig" in runtime ? runtime.brokerConfig : resolveConfig("broker", {})) as Record<string, unknown>;
  const int = (key: string) => config[key] as number;
  return {
    recordLockDurationMs: int("group.share.record.lock.duration.ms"),
    deliveryCountLimit: int("group.share.delivery.count.limit"),
    partitionMaxRecordLocks: int("group.share.partition.max.record.locks"),
    sessionTimeoutMs: int("group.share.session.timeout.ms"),
    heartbeatIntervalMs: int("group.share.heartbeat.interval.ms"),
    maxSize: int("group.share.max.size"),
  };
}

/**
 * A share group's own configs (Kafka's GroupConfig, set with kafka-configs.sh --entity-type
 * groups), the ones the simulator reads.
 */
export interface ShareGroupConfig {
  /** share.auto.offset.reset: where a share-partition starts when the group first reads it. Kafka's default: latest. */
  "share.auto.offset.reset": "earliest" | "latest";
  /** share.record.lock.duration.ms: overrides the broker's group.share.record.lock.duration.ms for this group. */
  "share.record.lock.duration.ms"?: number;
}

const DEFAULT_GROUP_CONFIG: ShareGroupConfig = Object.freeze({ "share.auto.offset.reset": "latest" });

/** Group configs live with the cluster (in Kafka: in the controller's metadata), one map per cluster. */
const groupConfigsByCluster = new WeakMap<object, Map<string, ShareGroupConfig>>();

/** The group configs of `groupId` on this cluster (Kafka's defaults when none were set). */
export function shareGroupConfig(cluster: object, groupId: string): ShareGroupConfig {
  return groupConfigsByCluster.get(cluster)?.get(groupId) ?? DEFAULT_GROUP_CONFIG;
}

/**
 * Sets group configs of a share group (kafka-configs.sh --alter --entity-type groups). A
 * share-partition reads them when it is first loaded, so set them before the group reads.
 */
export function alterShareGroupConfig(cluster: object, groupId: string, config: Partial<ShareGroupConfig>): void {
  const reset = config["share.auto.offset.reset"];
  if (reset !== undefined && reset !== "earliest" && reset !== "latest") {
    throw new RangeError(`share.auto.offset.reset of group "${groupId}" is ${JSON.stringify(reset)}; allowed: "earliest" or "latest"`);
  }
  const lock = config["share.record.lock.duration.ms"];
  if (lock !== undefined && (!Number.isInteger(lock) || lock < 1000 || lock > 3_600_000)) {
    throw new RangeError(`share.record.lock.duration.ms of group "${groupId}" is ${JSON.stringify(lock)}; allowed: an integer from 1000 to 3600000`);
  }
  let configs = groupConfigsByCluster.get(cluster);
  if (!configs) groupConfigsByCluster.set(cluster, (configs = new Map()));
  configs.set(groupId, { ...shareGroupConfig(cluster, groupId), ...config });
}
