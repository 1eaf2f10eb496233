import { configs } from "../../config/index.js";

/** The broker configs the group coordinator reads (Kafka's GroupCoordinatorConfig), by Kafka's names in comments. */
export interface GroupCoordinatorConfig {
  /** group.initial.rebalance.delay.ms */
  initialRebalanceDelayMs: number;
  /** group.min.session.timeout.ms */
  minSessionTimeoutMs: number;
  /** group.max.session.timeout.ms */
  maxSessionTimeoutMs: number;
  /** group.max.size */
  maxSize: number;
  /** offsets.topic.num.partitions */
  offsetsTopicNumPartitions: number;
  /** offsets.topic.replication.factor */
  offsetsTopicReplicationFactor: number;
  /** offsets.commit.timeout.ms: how long a coordinator write waits for all in-sync replicas. */
  offsetCommitTimeoutMs: number;
  /** offset.metadata.max.bytes */
  offsetMetadataMaxBytes: number;
}

/**
 * Kafka's classicGroupNewMemberJoinTimeoutMs (5 minutes, not a broker config): how long a new
 * member's parked JoinGroup may wait before the coordinator drops the member.
 */
export const CLASSIC_GROUP_NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;

/** Reads the coordinator's settings from resolved broker configs, falling back to Kafka's defaults. */
export function groupCoordinatorConfig(brokerConfig: Readonly<Record<string, unknown>> = {}): GroupCoordinatorConfig {
  const b = configs.broker;
  const read = (key: keyof typeof b): number => {
    const value = brokerConfig[key];
    return typeof value === "number" ? value : (b[key].default as number);
  };
  return {
    initialRebalanceDelayMs: read("group.initial.rebalance.delay.ms"),
    minSessionTimeoutMs: read("group.min.session.timeout.ms"),
    maxSessionTimeoutMs: read("group.max.session.timeout.ms"),
    maxSize: read("group.max.size"),
    offsetsTopicNumPartitions: read("offsets.topic.num.partitions"),
    offsetsTopicReplicationFactor: read("offsets.topic.replication.factor"),
    offsetCommitTimeoutMs: read("offsets.commit.timeout.ms"),
    offsetMetadataMaxBytes: read("offset.metadata.max.bytes"),
  };
}
