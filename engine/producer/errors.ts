import { exceptionNames, type KafkaErrorName } from "../cluster/errors.js";

/**
 * The producer's failures, by Kafka's exception class names (TimeoutException,
 * SerializationException, RecordTooLargeException ...), so a reader can look them up in
 * Kafka's documentation. A broker error keeps its protocol name in `errorName`.
 */
export class ProducerException extends Error {
  constructor(
    /** Kafka's exception class, e.g. "TimeoutException". */
    override readonly name: string,
    message: string,
    /** The protocol error behind it (NOT_LEADER_OR_FOLLOWER ...), or the exception name for client-side failures. */
    readonly errorName: string = name,
  ) {
    super(message);
  }
}

/** Error names the broker side of idempotence adds to KafkaErrorName; listed here so this module compiles on its own. */
export type ProducerErrorName =
  | KafkaErrorName
  | "OUT_OF_ORDER_SEQUENCE_NUMBER"
  | "DUPLICATE_SEQUENCE_NUMBER"
  | "INVALID_PRODUCER_EPOCH"
  | "UNKNOWN_PRODUCER_ID";

const idempotenceExceptions: Record<string, string> = {
  OUT_OF_ORDER_SEQUENCE_NUMBER: "OutOfOrderSequenceException",
  DUPLICATE_SEQUENCE_NUMBER: "DuplicateSequenceException",
  INVALID_PRODUCER_EPOCH: "InvalidProducerEpochException",
  UNKNOWN_PRODUCER_ID: "UnknownProducerIdException",
};

/** Kafka's exception class for a protocol error name. */
export function exceptionNameOf(error: string): string {
  return (exceptionNames as Record<string, string>)[error] || idempotenceExceptions[error] || "KafkaException";
}

/** A broker (or network) error as the exception Kafka's producer completes a future with. */
export function brokerError(error: string, detail: string): ProducerException {
  return new ProducerException(exceptionNameOf(error), detail, error);
}

/**
 * Errors whose exception is a RetriableException in Kafka: the Sender retries these (until
 * retries or delivery.timeout.ms run out). OUT_OF_ORDER_SEQUENCE_NUMBER is not among them; the
 * idempotent producer decides about it itself (TransactionManager.canRetry).
 */
export const RETRIABLE_ERRORS: ReadonlySet<string> = new Set([
  "NOT_LEADER_OR_FOLLOWER",
  "NOT_ENOUGH_REPLICAS",
  "NOT_ENOUGH_REPLICAS_AFTER_APPEND",
  "REQUEST_TIMED_OUT",
  "UNKNOWN_TOPIC_OR_PARTITION",
  "LEADER_NOT_AVAILABLE",
  "NETWORK_EXCEPTION",
  "FENCED_LEADER_EPOCH",
  "UNKNOWN_LEADER_EPOCH",
  "CORRUPT_MESSAGE",
  "KAFKA_STORAGE_ERROR",
]);

/** Errors whose exception is an InvalidMetadataException: the Sender asks for fresh metadata. */
export const INVALID_METADATA_ERRORS: ReadonlySet<string> = new Set([
  "NOT_LEADER_OR_FOLLOWER",
  "UNKNOWN_TOPIC_OR_PARTITION",
  "LEADER_NOT_AVAILABLE",
  "NETWORK_EXCEPTION",
  "FENCED_LEADER_EPOCH",
  "UNKNOWN_LEADER_EPOCH",
  "KAFKA_STORAGE_ERROR",
]);

export function timeoutException(message: string): ProducerException {
  return new ProducerException("TimeoutException", message);
}
