/**
 * Kafka's errors, by Kafka's names. A client- or broker-side failure carries one of these
 * names in the trace so a reader can look it up in Kafka's documentation.
 */
export type KafkaErrorName =
  | "NONE"
  | "NOT_LEADER_OR_FOLLOWER"
  | "NOT_ENOUGH_REPLICAS"
  | "NOT_ENOUGH_REPLICAS_AFTER_APPEND"
  | "REQUEST_TIMED_OUT"
  | "FENCED_LEADER_EPOCH"
  | "UNKNOWN_LEADER_EPOCH"
  | "OFFSET_OUT_OF_RANGE"
  | "UNKNOWN_TOPIC_OR_PARTITION"
  | "LEADER_NOT_AVAILABLE"
  | "STALE_CONTROLLER_EPOCH"
  | "NOT_CONTROLLER"
  | "INVALID_UPDATE_VERSION"
  | "INVALID_REPLICATION_FACTOR"
  | "INVALID_PARTITIONS"
  | "TOPIC_ALREADY_EXISTS"
  | "TOPIC_DELETION_DISABLED"
  | "INVALID_TOPIC_EXCEPTION"
  | "NETWORK_EXCEPTION"
  | "INELIGIBLE_REPLICA";

/** The exception class Kafka's Java client throws for each error, for messages and docs. */
export const exceptionNames: Record<KafkaErrorName, string> = {
  NONE: "",
  NOT_LEADER_OR_FOLLOWER: "NotLeaderOrFollowerException",
  NOT_ENOUGH_REPLICAS: "NotEnoughReplicasException",
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: "NotEnoughReplicasAfterAppendException",
  REQUEST_TIMED_OUT: "TimeoutException",
  FENCED_LEADER_EPOCH: "FencedLeaderEpochException",
  UNKNOWN_LEADER_EPOCH: "UnknownLeaderEpochException",
  OFFSET_OUT_OF_RANGE: "OffsetOutOfRangeException",
  UNKNOWN_TOPIC_OR_PARTITION: "UnknownTopicOrPartitionException",
  LEADER_NOT_AVAILABLE: "LeaderNotAvailableException",
  STALE_CONTROLLER_EPOCH: "ControllerMovedException",
  NOT_CONTROLLER: "NotControllerException",
  INVALID_UPDATE_VERSION: "InvalidUpdateVersionException",
  INVALID_REPLICATION_FACTOR: "InvalidReplicationFactorException",
  INVALID_PARTITIONS: "InvalidPartitionsException",
  TOPIC_ALREADY_EXISTS: "TopicExistsException",
  TOPIC_DELETION_DISABLED: "TopicDeletionDisabledException",
  INVALID_TOPIC_EXCEPTION: "InvalidTopicException",
  NETWORK_EXCEPTION: "NetworkException",
  INELIGIBLE_REPLICA: "IneligibleReplicaException",
};

/** An error raised synchronously by the admin API (e.g. a bad replication factor). */
export class KafkaError extends Error {
  constructor(
    readonly errorName: KafkaErrorName,
    message: string,
  ) {
    super(`${exceptionNames[errorName]}: ${message}`);
    this.name = exceptionNames[errorName] || "KafkaError";
  }
}
