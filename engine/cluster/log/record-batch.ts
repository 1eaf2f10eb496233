/**
 * Building a RecordBatch: the caller (a leader assigning offsets at its log end) stamps the
 * offsets, the leader epoch and the producer's identity on a list of records.
 */
import { batchSizeInBytes, RECORD_BATCH_OVERHEAD } from "./record-size.js";
import type { RecordBatch, SimRecord } from "./types.js";

/** RecordBatch.NO_PRODUCER_ID: the batch comes from a non-idempotent producer. */
export const NO_PRODUCER_ID = -1;
/** RecordBatch.NO_PRODUCER_EPOCH */
export const NO_PRODUCER_EPOCH = -1;
/** RecordBatch.NO_SEQUENCE */
export const NO_SEQUENCE = -1;
/** RecordBatch.NO_PARTITION_LEADER_EPOCH: no leader has stamped the batch yet. */
export const NO_PARTITION_LEADER_EPOCH = -1;
/** RecordBatch.NO_TIMESTAMP */
export const NO_TIMESTAMP = -1;

/** What a batch carries besides its records and offsets. */
export interface BatchMeta {
  /** The appending leader's epoch; stamped on the batch and recorded in the leader epoch cache. */
  readonly partitionLeaderEpoch: number;
  /** Default -1 (NO_PRODUCER_ID). */
  readonly producerId?: number;
  /** Default -1 (NO_PRODUCER_EPOCH). */
  readonly producerEpoch?: number;
  /** Default -1 (NO_SEQUENCE). */
  readonly baseSequence?: number;
  /**
   * The batch's v2 size when the sender already knows it: Kafka's broker reads it from the
   * batch header the producer wrote (MemoryRecordsBuilder counted it while appending), it does
   * not re-size the records. Absent, it is computed from the records (batchSizeInBytes), once.
   */
  readonly sizeInBytes?: number;
}

/**
 * Builds a batch holding `records` at offsets baseOffset..baseOffset + records.length - 1, with
 * its v2 size and its max timestamp (CreateTime). The records array is stored, not copied, so it
 * must not be mutated afterwards: replicas share it.
 */
export function assignOffsets(records: readonly SimRecord[], baseOffset: number, meta: BatchMeta): RecordBatch {
  if (records.length === 0) {
    throw new RangeError("records has length 0: a batch needs at least one record");
  }
  if (!Number.isSafeInteger(baseOffset) || baseOffset < 0) {
    throw new RangeError(`baseOffset ${baseOffset} is not allowed: offsets are non-negative integers`);
  }
  const sizeInBytes = meta.sizeInBytes ?? batchSizeInBytes(records);
  if (!Number.isSafeInteger(sizeInBytes) || sizeInBytes < RECORD_BATCH_OVERHEAD) {
    throw new RangeError(`sizeInBytes ${sizeInBytes} is not allowed: a v2 batch is an integer of at least ${RECORD_BATCH_OVERHEAD} bytes`);
  }
  let maxTimestamp = NO_TIMESTAMP;
  for (let i = 0; i < records.length; i++) {
    if (records[i].timestamp > maxTimestamp) maxTimestamp = records[i].timestamp;
  }
  return {
    baseOffset,
    lastOffset: baseOffset + records.length - 1,
    partitionLeaderEpoch: meta.partitionLeaderEpoch,
    producerId: meta.producerId ?? NO_PRODUCER_ID,
    producerEpoch: meta.producerEpoch ?? NO_PRODUCER_EPOCH,
    baseSequence: meta.baseSequence ?? NO_SEQUENCE,
    maxTimestamp,
    sizeInBytes,
    records,
  };
}
