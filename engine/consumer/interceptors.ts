import type { TopicPartition } from "./assignors/types.js";
import type { ConsumerRecords, OffsetAndMetadata } from "./consumer-record.js";

/** Committed offsets by partition, in commit order. */
export type CommittedOffsets = ReadonlyMap<string, { tp: TopicPartition; offset: OffsetAndMetadata }>;

/**
 * Kafka's ConsumerInterceptor: onConsume sees (and may replace) the records just before poll()
 * returns them; onCommit sees offsets once a commit succeeded (sync, async or auto).
 */
export interface ConsumerInterceptor {
  /** A short name for the trace. */
  readonly name?: string;
  onConsume(records: ConsumerRecords<unknown, unknown>): ConsumerRecords<unknown, unknown>;
  onCommit?(offsets: CommittedOffsets): void;
  close?(): void;
}

/**
 * Kafka's ConsumerInterceptors: runs the chain in order. As in Kafka, an interceptor that
 * throws is skipped (Kafka logs a warning) and the chain goes on with the records it had.
 */
export class ConsumerInterceptors {
  constructor(readonly interceptors: readonly ConsumerInterceptor[] = []) {}

  onConsume(records: ConsumerRecords<unknown, unknown>): ConsumerRecords<unknown, unknown> {
    let current = records;
    for (const interceptor of this.interceptors) {
      try {
        current = interceptor.onConsume(current);
      } catch {
        // Kafka logs and ignores exceptions thrown by interceptors.
      }
    }
    return current;
  }

  onCommit(offsets: CommittedOffsets): void {
    for (const interceptor of this.interceptors) {
      try {
        interceptor.onCommit?.(offsets);
      } catch {
        // Kafka logs and ignores exceptions thrown by interceptors.
      }
    }
  }

  close(): void {
    for (const interceptor of this.interceptors) interceptor.close?.();
  }
}

/** Counts what it sees: records consumed and commits (what a metrics interceptor does). */
export class CountingConsumerInterceptor implements ConsumerInterceptor {
  readonly name = "count";
  consumed = 0;
  commits = 0;
  onConsume(records: ConsumerRecords<unknown, unknown>): ConsumerRecords<unknown, unknown> {
    this.consumed += records.count();
    return records;
  }
  onCommit(): void {
    this.commits++;
  }
}
