/**
 * Kafka's ProducerStateEntry: what one partition leader (or follower) knows of one producer id:
 * its epoch and the metadata of its last NUM_BATCHES_TO_RETAIN batches, oldest first. The
 * producer keeps at most max.in.flight.requests.per.connection (at most 5) batches in flight,
 * so five cached batches are enough to recognise any retry of one of them.
 * Simplification: no transactions, so no coordinator epoch, ongoing-transaction offset or
 * verification state.
 */
import { NO_PRODUCER_EPOCH, NO_SEQUENCE, NO_TIMESTAMP } from "../log/record-batch.js";
import type { RecordBatch } from "../log/types.js";
import { BatchMetadata, lastSequenceOf } from "./batch-metadata.js";

/** ProducerStateEntry.NUM_BATCHES_TO_RETAIN */
export const NUM_BATCHES_TO_RETAIN = 5;

export class ProducerStateEntry {
  private readonly batches: BatchMetadata[] = [];

  constructor(
    readonly producerId: number,
    public producerEpoch: number,
    public lastTimestamp: number,
    firstBatch: BatchMetadata | null = null,
  ) {
    if (firstBatch) this.batches.push(firstBatch);
  }

  /** ProducerStateEntry.empty: no epoch and no batches yet. */
  static empty(producerId: number): ProducerStateEntry {
    return new ProducerStateEntry(producerId, NO_PRODUCER_EPOCH, NO_TIMESTAMP);
  }

  /** The cached batches, oldest (lowest sequence) first. */
  get batchMetadata(): readonly BatchMetadata[] {
    return this.batches;
  }

  get isEmpty(): boolean {
    return this.batches.length === 0;
  }

  get firstSeq(): number {
    return this.isEmpty ? NO_SEQUENCE : this.batches[0].firstSeq;
  }

  get lastSeq(): number {
    return this.isEmpty ? NO_SEQUENCE : this.batches[this.batches.length - 1].lastSeq;
  }

  get firstDataOffset(): number {
    return this.isEmpty ? -1 : this.batches[0].firstOffset;
  }

  get lastDataOffset(): number {
    return this.isEmpty ? -1 : this.batches[this.batches.length - 1].lastOffset;
  }

  get lastOffsetDelta(): number {
    return this.isEmpty ? 0 : this.batches[this.batches.length - 1].offsetDelta;
  }

  /** A copy with the same epoch and timestamp and no batches (what ProducerAppendInfo starts from). */
  withoutBatches(): ProducerStateEntry {
    return new ProducerStateEntry(this.producerId, this.producerEpoch, this.lastTimestamp);
  }

  addBatch(producerEpoch: number, lastSeq: number, lastOffset: number, offsetDelta: number, timestamp: number): void {
    this.maybeUpdateProducerEpoch(producerEpoch);
    this.addBatchMetadata(new BatchMetadata(lastSeq, lastOffset, offsetDelta, timestamp));
    this.lastTimestamp = timestamp;
  }

  /** A new epoch forgets the old epoch's batches: their sequences mean nothing any more. */
  maybeUpdateProducerEpoch(producerEpoch: number): boolean {
    if (this.producerEpoch === producerEpoch) return false;
    this.batches.length = 0;
    this.producerEpoch = producerEpoch;
    return true;
  }

  private addBatchMetadata(batch: BatchMetadata): void {
    if (this.batches.length === NUM_BATCHES_TO_RETAIN) this.batches.shift();
    this.batches.push(batch);
  }

  /** ProducerStateEntry.update: take over the epoch and the new batches of `next`. */
  update(next: ProducerStateEntry): void {
    this.maybeUpdateProducerEpoch(next.producerEpoch);
    for (const batch of next.batches) this.addBatchMetadata(batch);
    this.lastTimestamp = next.lastTimestamp;
  }

  /** ProducerStateEntry.findDuplicateBatch: a cached batch with the same epoch and exactly the same sequence range. */
  findDuplicateBatch(batch: RecordBatch): BatchMetadata | null {
    if (batch.producerEpoch !== this.producerEpoch) return null;
    return this.batchWithSequenceRange(batch.baseSequence, lastSequenceOf(batch));
  }

  batchWithSequenceRange(firstSeq: number, lastSeq: number): BatchMetadata | null {
    for (const metadata of this.batches) if (metadata.firstSeq === firstSeq && metadata.lastSeq === lastSeq) return metadata;
    return null;
  }
}
