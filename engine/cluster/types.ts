import type { BrokerId } from "../kernel/trace.js";
import type { LeaderAndIsr, PartitionConfig } from "./partition.js";

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** Map key for a topic-partition, in Kafka's "topic-partition" spelling. */
export function tpKey(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

export function brokerNodeId(id: BrokerId): string {
  return `broker-${id}`;
}

/** A partition's state as the controller and the metadata cache hold it. */
export interface PartitionState extends LeaderAndIsr, TopicPartition {}

/** The broker settings the cluster model reads, from the config table (Kafka's names in comments). */
export interface BrokerSettings {
  /** zookeeper.session.timeout.ms */
  zkSessionTimeoutMs: number;
  /** replica.lag.time.max.ms */
  replicaLagTimeMaxMs: number;
  /** replica.fetch.wait.max.ms */
  replicaFetchWaitMaxMs: number;
  /** replica.fetch.max.bytes */
  replicaFetchMaxBytes: number;
  /** replica.fetch.backoff.ms */
  replicaFetchBackoffMs: number;
  /** replica.socket.timeout.ms */
  replicaSocketTimeoutMs: number;
  /** controller.socket.timeout.ms */
  controllerSocketTimeoutMs: number;
  /** delete.topic.enable */
  deleteTopicEnable: boolean;
  /** log.retention.check.interval.ms */
  logRetentionCheckIntervalMs: number;
}

/** What the cluster's nodes share: the clock, the network, the trace and the settings. */
export interface TopicConfigSource {
  /** Effective settings for a topic: its overrides over the broker defaults. */
  topicConfig(topic: string): PartitionConfig;
}
