import type { ProducerException } from "./errors.js";
import type { ProducerRecord, RecordMetadata } from "./record.js";

/**
 * Kafka's ProducerInterceptor: sees (and may replace) every record before it is serialized,
 * and every acknowledgement or failure. Extension: onSend may return null to drop the record
 * (Kafka has no such filter; a lab needs one to show what interceptors can do). A dropped
 * send's future completes with partition and offset -1 and never reaches a broker.
 */
export interface ProducerInterceptor {
  /** A short name for the trace, e.g. "filter-key:a". */
  readonly name?: string;
  onSend(record: ProducerRecord<unknown, unknown>): ProducerRecord<unknown, unknown> | null;
  onAcknowledgement?(metadata: RecordMetadata | null, error: ProducerException | null): void;
  close?(): void;
}

/**
 * Kafka's ProducerInterceptors: runs the chain in order. As in Kafka, an interceptor that
 * throws is skipped (Kafka logs a warning) and the chain goes on with the record it had.
 */
export class ProducerInterceptors {
  constructor(readonly interceptors: readonly ProducerInterceptor[]) {}

  get isEmpty(): boolean {
    return this.interceptors.length === 0;
  }

  /** The record after every interceptor, or {filteredBy} when one dropped it. */
  onSend(record: ProducerRecord<unknown, unknown>): { record: ProducerRecord<unknown, unknown> } | { filteredBy: string } {
    let current = record;
    for (const interceptor of this.interceptors) {
      let next: ProducerRecord<unknown, unknown> | null;
      try {
        next = interceptor.onSend(current);
      } catch {
        continue;
      }
      if (next === null) return { filteredBy: interceptor.name ?? "interceptor" };
      current = next;
    }
    return { record: current };
  }

  onAcknowledgement(metadata: RecordMetadata | null, error: ProducerException | null): void {
    for (const interceptor of this.interceptors) {
      try {
        interceptor.onAcknowledgement?.(metadata, error);
      } catch {
        // Kafka logs and ignores exceptions thrown by interceptors.
      }
    }
  }

  close(): void {
    for (const interceptor of this.interceptors) interceptor.close?.();
  }
}

/** Counts what it sees: sends, acknowledgements and errors (what a metrics interceptor does). */
export class CountingInterceptor implements ProducerInterceptor {
  readonly name = "count";
  sent = 0;
  acked = 0;
  failed = 0;
  onSend(record: ProducerRecord<unknown, unknown>): ProducerRecord<unknown, unknown> {
    this.sent++;
    return record;
  }
  onAcknowledgement(_metadata: RecordMetadata | null, error: ProducerException | null): void {
    if (error) this.failed++;
    else this.acked++;
  }
}

/** Drops every record whose key is `key`. */
export function filterKeyInterceptor(key: string): ProducerInterceptor {
  return { name: `filter-key:${key}`, onSend: (record) => (record.key === key ? null : record) };
}

/** Replaces a string value by its upper-case form. */
export const upperCaseValueInterceptor: ProducerInterceptor = {
  name: "upper-case-value",
  onSend: (record) => (typeof record.value === "string" ? { ...record, value: record.value.toUpperCase() } : record),
};

/** The interceptors a scenario can name: "count", "filter-key:<key>", "upper-case-value". */
export const INTERCEPTOR_NAMES = ["count", "filter-key:<key>", "upper-case-value"] as const;

/** The built-in interceptor for a scenario name, or null when the name is unknown. */
export function interceptorFromName(name: string): ProducerInterceptor | null {
  if (name === "count") return new CountingInterceptor();
  if (name === "upper-case-value") return upperCaseValueInterceptor;
  if (name.startsWith("filter-key:") && name.length > "filter-key:".length) return filterKeyInterceptor(name.slice("filter-key:".length));
  return null;
}
