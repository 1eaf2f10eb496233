import type { TopicPartition } from "./assignors/types.js";

/** "topic-partition", Kafka's TopicPartition.toString(). */
export function tpString(tp: TopicPartition): string {
  return `${tp.topic}-${tp.partition}`;
}

/** Kafka's Set<TopicPartition>.toString(), e.g. "[orders-0, orders-1]". */
export function tpSetString(tps: readonly TopicPartition[]): string {
  return `[${tps.map(tpString).join(", ")}]`;
}

/**
 * The consumer's failures, by Kafka's exception class names, so a reader can look them up in
 * Kafka's documentation. `errorName` keeps a broker error's protocol name when there is one.
 */
export class ConsumerException extends Error {
  constructor(
    /** Kafka's exception class, e.g. "NoOffsetForPartitionException". */
    override readonly name: string,
    message: string,
    readonly errorName: string = name,
  ) {
    super(message);
  }
}

/** auto.offset.reset=none and no committed offset (NoOffsetForPartitionException). */
export function noOffsetForPartition(partitions: readonly TopicPartition[]): ConsumerException {
  return new ConsumerException("NoOffsetForPartitionException", `Undefined offset with no reset policy for partitions: ${tpSetString(partitions)}`);
}

/** auto.offset.reset=none and the position fell outside the log (Fetcher's OffsetOutOfRangeException). */
export function offsetOutOfRange(tp: TopicPartition, offset: number): ConsumerException {
  return new ConsumerException(
    "OffsetOutOfRangeException",
    `Fetch position FetchPosition{offset=${offset}} is out of range for partition ${tpString(tp)}`,
    "OFFSET_OUT_OF_RANGE",
  );
}

/** What ConsumerCoordinator.sendOffsetCommitRequest fails with when this member no longer belongs to an active generation. */
export function commitFailedNotInGroup(): ConsumerException {
  return new ConsumerException(
    "CommitFailedException",
    "Offset commit cannot be completed since the consumer is not part of an active group for auto partition assignment; it is likely that the consumer was kicked out of the group.",
  );
}

/** ILLEGAL_GENERATION or UNKNOWN_MEMBER_ID on an OffsetCommit: the group moved on without us. */
export function commitFailedRebalanced(error: string): ConsumerException {
  return new ConsumerException(
    "CommitFailedException",
    "Commit cannot be completed since the group has already rebalanced and assigned the partitions to another member. This means that the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too much time message processing. You can address this either by increasing max.poll.interval.ms or by reducing the maximum size of batches returned in poll() with max.poll.records.",
    error,
  );
}

/** A commit attempted while this member's rebalance is in progress. */
export function rebalanceInProgress(): ConsumerException {
  return new ConsumerException(
    "RebalanceInProgressException",
    "Offset commit cannot be completed since the consumer is undergoing a rebalance for auto partition assignment. You can try completing the rebalance by calling poll() and then retry the operation.",
    "REBALANCE_IN_PROGRESS",
  );
}

/** A deserializer failed on one record (Kafka 4's RecordDeserializationException, a SerializationException). */
export function recordDeserializationException(origin: "KEY" | "VALUE", tp: TopicPartition, offset: number, cause: string): ConsumerException {
  const e = new ConsumerException(
    "RecordDeserializationException",
    `Error deserializing ${origin} for partition ${tpString(tp)} at offset ${offset}. If needed, please seek past the record to continue consumption. Caused by: SerializationException: ${cause}`,
    "SerializationException",
  );
  return e;
}

export function illegalState(message: string): ConsumerException {
  return new ConsumerException("IllegalStateException", message);
}

export function timeoutException(message: string): ConsumerException {
  return new ConsumerException("TimeoutException", message, "REQUEST_TIMED_OUT");
}

/** Two blocking calls at once: Kafka's guard against multi-threaded use of one KafkaConsumer. */
export function concurrentModification(): ConsumerException {
  return new ConsumerException("ConcurrentModificationException", "KafkaConsumer is not safe for multi-threaded access");
}
