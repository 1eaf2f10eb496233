/**
 * The storage layer's exceptions, by Kafka's names. Each message names the value at fault and
 * what would have been allowed.
 */
import { KafkaError } from "../errors.js";

/**
 * OffsetOutOfRangeException: a read, lookup or log-start-offset move asked for an offset the log
 * does not hold. Carries Kafka's OFFSET_OUT_OF_RANGE error name so a broker can return it as is.
 */
export class OffsetOutOfRangeError extends KafkaError {
  constructor(
    readonly offset: number,
    readonly logStartOffset: number,
    readonly logEndOffset: number,
    message: string,
  ) {
    super("OFFSET_OUT_OF_RANGE", message);
  }
}

/** RecordBatchTooLargeException: a batch larger than segment.bytes can never fit in a segment. */
export class RecordBatchTooLargeError extends Error {
  constructor(message: string) {
    super(`RecordBatchTooLargeException: ${message}`);
    this.name = "RecordBatchTooLargeException";
  }
}

/** UnexpectedAppendOffsetException: a batch's first offset is below the log end offset. */
export class UnexpectedAppendOffsetError extends Error {
  constructor(
    readonly firstOffset: number,
    readonly lastOffset: number,
    message: string,
  ) {
    super(`UnexpectedAppendOffsetException: ${message}`);
    this.name = "UnexpectedAppendOffsetException";
  }
}

/** LogSegmentOffsetOverflowException: an offset cannot be stored relative to the segment's base offset. */
export class LogSegmentOffsetOverflowError extends Error {
  constructor(
    readonly segmentBaseOffset: number,
    readonly offset: number,
  ) {
    super(
      `LogSegmentOffsetOverflowException: offset ${offset} cannot be stored in the segment with base offset ` +
        `${segmentBaseOffset}: it must lie in [${segmentBaseOffset}, ${segmentBaseOffset + 2147483647}] ` +
        `(the index stores offsets as 4-byte deltas from the base offset)`,
    );
    this.name = "LogSegmentOffsetOverflowException";
  }
}

/** InvalidOffsetException: an index entry must have a larger offset than the one before it. */
export class InvalidOffsetError extends Error {
  constructor(message: string) {
    super(`InvalidOffsetException: ${message}`);
    this.name = "InvalidOffsetException";
  }
}

/** ConfigException for a log config: names the config key, the value and what is allowed. */
export class InvalidLogConfigError extends Error {
  constructor(
    readonly configName: string,
    readonly value: unknown,
    allowed: string,
  ) {
    super(`ConfigException: Invalid value ${String(value)} for configuration ${configName}: ${allowed}`);
    this.name = "ConfigException";
  }
}
