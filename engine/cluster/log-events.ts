import type { BrokerId, Trace } from "../kernel/trace.js";
import type { RecordBatch } from "./log/index.js";
import type { Partition } from "./partition.js";

/** The checker ids of the records in these batches, in offset order. */
export function collectIds(batches: readonly RecordBatch[]): string[] {
  const ids: string[] = [];
  for (const batch of batches) for (const record of batch.records) if (record.id !== undefined) ids.push(record.id);
  return ids;
}

/** Ids of every record at or above `offset` in the partition's log: what a truncation to `offset` removes. */
export function idsFrom(p: Partition, offset: number): string[] {
  const ids: string[] = [];
  for (const segment of p.log.segments) {
    for (const batch of segment.batches) {
      if (batch.lastOffset < offset) continue;
      batch.records.forEach((record, i) => {
        if (batch.baseOffset + i >= offset && record.id !== undefined) ids.push(record.id);
      });
    }
  }
  return ids;
}

/** Trace events for the segments an append rolled (new active segments). */
export function emitRolls(trace: Trace, t: number, broker: BrokerId, p: Partition, segmentsBefore: number): void {
  const segments = p.log.segments;
  for (let i = segmentsBefore; i < segments.length; i++) {
    trace.emit({ t, type: "log.rolled", broker, topic: p.topic, partition: p.partition, baseOffset: segments[i].baseOffset, file: segments[i].logFile });
  }
}
