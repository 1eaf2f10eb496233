/**
 * What the broker remembers of one appended batch of an idempotent producer (Kafka's
 * BatchMetadata), and the sequence arithmetic of DefaultRecordBatch: sequences are 32-bit and
 * wrap from Integer.MAX_VALUE to 0.
 */
import type { RecordBatch } from "../log/types.js";

/** Integer.MAX_VALUE: the largest sequence number; the next one is 0. */
export const MAX_SEQUENCE = 2_147_483_647;

/** DefaultRecordBatch.incrementSequence */
export function incrementSequence(sequence: number, increment: number): number {
  if (sequence > MAX_SEQUENCE - increment) return increment - (MAX_SEQUENCE - sequence) - 1;
  return sequence + increment;
}

/** DefaultRecordBatch.decrementSequence */
export function decrementSequence(sequence: number, decrement: number): number {
  if (sequence < decrement) return MAX_SEQUENCE - (decrement - sequence) + 1;
  return sequence - decrement;
}

/** RecordBatch.lastSequence: the base sequence plus the last offset delta, wrapped. */
export function lastSequenceOf(batch: RecordBatch): number {
  return incrementSequence(batch.baseSequence, batch.lastOffset - batch.baseOffset);
}

/** BatchMetadata: the last sequence and offset of a batch, and how many records back its first ones are. */
export class BatchMetadata {
  constructor(
    readonly lastSeq: number,
    readonly lastOffset: number,
    /** lastOffset - firstOffset, which is also lastSeq - firstSeq (modulo the wrap). */
    readonly offsetDelta: number,
    /** The batch's max timestamp. */
    readonly timestamp: number,
  ) {}

  get firstSeq(): number {
    return decrementSequence(this.lastSeq, this.offsetDelta);
  }

  get firstOffset(): number {
    return this.lastOffset - this.offsetDelta;
  }
}
