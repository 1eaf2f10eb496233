/**
 * Small builders shared by the log tests. Kept out of *.test.ts so Vitest does not run it.
 */
import { assignOffsets, Log, type LogConfig, type RecordBatch, type SimRecord } from "../../../../engine/cluster/log/index.js";

/** A config that never deletes anything and rolls only by size. */
export const baseConfig: LogConfig = {
  segmentBytes: 1024 * 1024 * 1024,
  indexIntervalBytes: 4096,
  retentionMs: -1,
  retentionBytes: -1,
};

/** `count` records with null keys and the given value, all at `timestamp`. */
export function records(count: number, value = "v", timestamp = 0): SimRecord[] {
  return Array.from({ length: count }, () => ({ key: null, value, timestamp }));
}

/** Appends one batch of `count` records at the log end, stamped with `epoch`. */
export function appendRecords(log: Log, count: number, options: { value?: string; timestamp?: number; epoch?: number } = {}): RecordBatch {
  const batch = assignOffsets(records(count, options.value, options.timestamp), log.logEndOffset, {
    partitionLeaderEpoch: options.epoch ?? 0,
  });
  log.append(batch);
  return batch;
}

/**
 * Kafka's TestUtils.singletonRecords("test".getBytes): one record, null key, value "test".
 * By hand: body = attributes 1 + timestampDelta 1 + offsetDelta 1 + null key 1 + (length 1 + 4)
 * + header count 1 = 10; with its length varint 11; with the 61-byte batch header 72.
 */
export const SINGLETON_TEST_BATCH_BYTES = 72;

export function appendSingleton(log: Log, timestamp = -1, epoch = 0): RecordBatch {
  const batch = assignOffsets([{ key: null, value: "test", timestamp }], log.logEndOffset, { partitionLeaderEpoch: epoch });
  log.append(batch);
  return batch;
}
