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
  | "INELIGIBLE_REPLICA"
  // Idempotent producers
  | "OUT_OF_ORDER_SEQUENCE_NUMBER"
  | "DUPLICATE_SEQUENCE_NUMBER"
  | "INVALID_PRODUCER_EPOCH"
  | "UNKNOWN_PRODUCER_ID"
  | "PRODUCER_FENCED"
  | "COORDINATOR_NOT_AVAILABLE"
  | "COORDINATOR_LOAD_IN_PROGRESS"
  // Share groups (KIP-932); UNKNOWN_MEMBER_ID and NOT_COORDINATOR are shared with consumer groups
  | "UNKNOWN_MEMBER_ID"
  | "NOT_COORDINATOR"
  | "FENCED_MEMBER_EPOCH"
  | "GROUP_MAX_SIZE_REACHED"
  | "INVALID_RECORD_STATE"
  | "INVALID_REQUEST"
  // Consumer groups (classic protocol) and ListOffsets
  | "REBALANCE_IN_PROGRESS"
  | "ILLEGAL_GENERATION"
  | "INVALID_SESSION_TIMEOUT"
  | "MEMBER_ID_REQUIRED"
  | "INCONSISTENT_GROUP_PROTOCOL"
  | "FENCED_INSTANCE_ID"
  | "GROUP_ID_NOT_FOUND"
  | "INVALID_GROUP_ID"
  | "OFFSET_METADATA_TOO_LARGE"
  | "OFFSET_NOT_AVAILABLE"
  | "UNKNOWN_SERVER_ERROR";

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
  OUT_OF_ORDER_SEQUENCE_NUMBER: "OutOfOrderSequenceException",
  DUPLICATE_SEQUENCE_NUMBER: "DuplicateSequenceException",
  INVALID_PRODUCER_EPOCH: "InvalidProducerEpochException",
  UNKNOWN_PRODUCER_ID: "UnknownProducerIdException",
  PRODUCER_FENCED: "ProducerFencedException",
  COORDINATOR_NOT_AVAILABLE: "CoordinatorNotAvailableException",
  COORDINATOR_LOAD_IN_PROGRESS: "CoordinatorLoadInProgressException",
  UNKNOWN_MEMBER_ID: "UnknownMemberIdException",
  NOT_COORDINATOR: "NotCoordinatorException",
  FENCED_MEMBER_EPOCH: "FencedMemberEpochException",
  GROUP_MAX_SIZE_REACHED: "GroupMaxSizeReachedException",
  INVALID_RECORD_STATE: "InvalidRecordStateException",
  INVALID_REQUEST: "InvalidRequestException",
  REBALANCE_IN_PROGRESS: "RebalanceInProgressException",
  ILLEGAL_GENERATION: "IllegalGenerationException",
  INVALID_SESSION_TIMEOUT: "InvalidSessionTimeoutException",
  MEMBER_ID_REQUIRED: "MemberIdRequiredException",
  INCONSISTENT_GROUP_PROTOCOL: "InconsistentGroupProtocolException",
  FENCED_INSTANCE_ID: "FencedInstanceIdException",
  GROUP_ID_NOT_FOUND: "GroupIdNotFoundException",
  INVALID_GROUP_ID: "InvalidGroupIdException",
  OFFSET_METADATA_TOO_LARGE: "OffsetMetadataTooLarge",
  OFFSET_NOT_AVAILABLE: "OffsetNotAvailableException",
  UNKNOWN_SERVER_ERROR: "UnknownServerException",
};

/**
 * The errors whose exception extends RetriableException in Kafka's client (Errors.java maps each
 * code to its exception): a producer may resend after them; every other error is final for
 * that batch. TimeoutException, NetworkException and the InvalidMetadataException family
 * (NotLeaderOrFollower, FencedLeaderEpoch, UnknownTopicOrPartition, LeaderNotAvailable) are
 * retriable; OutOfOrderSequence, InvalidProducerEpoch, DuplicateSequence, UnknownProducerId,
 * ProducerFenced and UnknownServer are not.
 */
export const retriableErrors: ReadonlySet<KafkaErrorName> = new Set<KafkaErrorName>([
  "NOT_LEADER_OR_FOLLOWER",
  "NOT_ENOUGH_REPLICAS",
  "NOT_ENOUGH_REPLICAS_AFTER_APPEND",
  "REQUEST_TIMED_OUT",
  "FENCED_LEADER_EPOCH",
  "UNKNOWN_LEADER_EPOCH",
  "UNKNOWN_TOPIC_OR_PARTITION",
  "LEADER_NOT_AVAILABLE",
  "NOT_CONTROLLER",
  "NETWORK_EXCEPTION",
  "COORDINATOR_NOT_AVAILABLE",
  "COORDINATOR_LOAD_IN_PROGRESS",
  "NOT_COORDINATOR",
  "OFFSET_NOT_AVAILABLE",
]);

/** Errors.exception() instanceof RetriableException */
export function isRetriable(error: KafkaErrorName): boolean {
  return retriableErrors.has(error);
}

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
