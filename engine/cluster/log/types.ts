/**
 * The plain data a partition log stores: records and the batches that carry them.
 *
 * Both are plain objects so they can be shared between replicas and copied into traces without
 * any class machinery. A batch's `records` array is shared by every replica that holds the batch:
 * nothing may copy or mutate it after the batch is built (see `assignOffsets`).
 */

/** One record as a producer sent it. Sizes are computed from these strings as UTF-8 bytes. */
export interface SimRecord {
  readonly key: string | null;
  readonly value: string | null;
  /** Record headers as [key, value] pairs, in order. Absent means no headers. */
  readonly headers?: readonly (readonly [string, string])[];
  /** CreateTime in milliseconds of simulated time. */
  readonly timestamp: number;
  /** checker identity of the produced record, e.g. "p0-17"; not part of Kafka's format */
  readonly id?: string;
}

/**
 * A record batch in Kafka's v2 format (DefaultRecordBatch), without the bytes.
 * Records inside it have offsets baseOffset..lastOffset, in array order.
 */
export interface RecordBatch {
  readonly baseOffset: number;
  readonly lastOffset: number;
  /** The leader epoch of the leader that appended the batch (-1: none stamped yet). */
  readonly partitionLeaderEpoch: number;
  /** -1 (RecordBatch.NO_PRODUCER_ID) for a non-idempotent producer. */
  readonly producerId: number;
  /** -1 (RecordBatch.NO_PRODUCER_EPOCH) for a non-idempotent producer. */
  readonly producerEpoch: number;
  /** -1 (RecordBatch.NO_SEQUENCE) for a non-idempotent producer. */
  readonly baseSequence: number;
  /** The largest record timestamp in the batch (CreateTime), -1 if none. */
  readonly maxTimestamp: number;
  /** Kafka's DefaultRecordBatch.sizeInBytes: 61 header bytes plus every record's v2 size. */
  readonly sizeInBytes: number;
  readonly records: readonly SimRecord[];
}
