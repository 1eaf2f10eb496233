import type { TraceEventOf } from "../../engine/index";

/**
 * The producer's own trace events (engine/kernel/trace.ts, "The producer client"), under the
 * names this widget uses for them.
 */
export type ProducerRecordEvent = TraceEventOf<"producer.record">;
export type ProducerBatchEvent = TraceEventOf<"producer.batch">;
export type RecordStage = ProducerRecordEvent["stage"];
export type BatchState = ProducerBatchEvent["state"];

/**
 * The batch a record was appended to. The append event names it only in its detail
 * ("appended to batch producer-0/orders-1/4 (new batch)"); null when it does not.
 */
export function appendedBatchId(event: ProducerRecordEvent): string | null {
  const match = /appended to batch (\S+)/.exec(event.detail);
  return match ? match[1] : null;
}
