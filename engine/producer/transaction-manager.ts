import { tpKey } from "../cluster/types.js";
import { NO_SEQUENCE, type ProducerBatch } from "./producer-batch.js";

/** A producer id and epoch; -1/-1 before InitProducerId answered (ProducerIdAndEpoch.NONE). */
export interface ProducerIdAndEpoch {
  readonly producerId: number;
  readonly epoch: number;
}

export const NO_PRODUCER_ID_AND_EPOCH: ProducerIdAndEpoch = { producerId: -1, epoch: -1 };

const NO_LAST_ACKED_SEQUENCE_NUMBER = -1;

/** Kafka's TxnPartitionEntry: one partition's sequence bookkeeping. */
class TxnPartitionEntry {
  producerIdAndEpoch: ProducerIdAndEpoch;
  nextSequence = 0;
  lastAckedSequence = NO_LAST_ACKED_SEQUENCE_NUMBER;
  /** In-flight (sent, not completed) batches, by base sequence. */
  readonly inflightBatchesBySequence: ProducerBatch[] = [];

  constructor(producerIdAndEpoch: ProducerIdAndEpoch) {
    this.producerIdAndEpoch = producerIdAndEpoch;
  }

  /** Rewrites every in-flight batch's sequence from 0 under a new epoch (after an epoch bump). */
  startSequencesAtBeginning(next: ProducerIdAndEpoch): void {
    let sequence = 0;
    for (const batch of this.inflightBatchesBySequence) {
      batch.resetProducerState(next.producerId, next.epoch, sequence);
      sequence += batch.recordCount;
    }
    this.producerIdAndEpoch = next;
    this.nextSequence = sequence;
    this.lastAckedSequence = NO_LAST_ACKED_SEQUENCE_NUMBER;
  }
}

/**
 * The idempotent half of Kafka's TransactionManager (no transactions): the producer id and
 * epoch from InitProducerId, per-partition sequence numbers assigned when batches are
 * drained, the in-flight batches per partition (so retries go out in sequence order), and the
 * KIP-360 epoch bump that resets a partition's sequences after a gap
 * (OUT_OF_ORDER_SEQUENCE_NUMBER, or batches that expired after being sent).
 */
export class TransactionManager {
  private producerIdAndEpochValue: ProducerIdAndEpoch = NO_PRODUCER_ID_AND_EPOCH;
  private readonly partitions = new Map<string, TxnPartitionEntry>();
  /** The same entries by topic, then partition: the per-batch lookups build no "topic-partition" key. */
  private readonly entriesByTopic = new Map<string, (TxnPartitionEntry | undefined)[]>();
  private readonly partitionsWithUnresolvedSequences = new Map<string, number>();
  private readonly partitionsToRewriteSequences = new Set<string>();
  private epochBumpRequired = false;
  /** INITIALIZING while an InitProducerId request is out. */
  state: "UNINITIALIZED" | "INITIALIZING" | "READY" = "UNINITIALIZED";

  producerIdAndEpoch(): ProducerIdAndEpoch {
    return this.producerIdAndEpochValue;
  }

  hasProducerId(): boolean {
    return this.producerIdAndEpochValue.producerId >= 0;
  }

  /** InitProducerId answered. */
  setProducerIdAndEpoch(value: ProducerIdAndEpoch): void {
    this.producerIdAndEpochValue = value;
    this.state = "READY";
  }

  private entry(topic: string, partition: number): TxnPartitionEntry {
    let entry = this.peekEntry(topic, partition);
    if (!entry) {
      entry = new TxnPartitionEntry(this.producerIdAndEpochValue);
      this.partitions.set(tpKey(topic, partition), entry);
      let byPartition = this.entriesByTopic.get(topic);
      if (!byPartition) this.entriesByTopic.set(topic, (byPartition = []));
      byPartition[partition] = entry;
    }
    return entry;
  }

  private peekEntry(topic: string, partition: number): TxnPartitionEntry | undefined {
    return this.entriesByTopic.get(topic)?.[partition];
  }

  sequenceNumber(topic: string, partition: number): number {
    return this.entry(topic, partition).nextSequence;
  }

  incrementSequenceNumber(topic: string, partition: number, increment: number): void {
    // Sequences wrap at Integer.MAX_VALUE, as DefaultRecordBatch.incrementSequence does.
    const entry = this.entry(topic, partition);
    const next = entry.nextSequence + increment;
    entry.nextSequence = next > 0x7fffffff ? next - 0x80000000 : next;
  }

  /** A batch with a fresh sequence joins the partition's in-flight list, kept in sequence order. */
  addInFlightBatch(batch: ProducerBatch): void {
    const list = this.entry(batch.topic, batch.partition).inflightBatchesBySequence;
    let i = list.length;
    while (i > 0 && list[i - 1].baseSequence > batch.baseSequence) i--;
    list.splice(i, 0, batch);
  }

  removeInFlightBatch(batch: ProducerBatch): void {
    const list = this.peekEntry(batch.topic, batch.partition)?.inflightBatchesBySequence;
    if (!list) return;
    const i = list.indexOf(batch);
    if (i >= 0) list.splice(i, 1);
  }

  /** The lowest sequence in flight for the partition, or NO_SEQUENCE. */
  firstInFlightSequence(topic: string, partition: number): number {
    const list = this.peekEntry(topic, partition)?.inflightBatchesBySequence;
    return list && list.length > 0 ? list[0].baseSequence : NO_SEQUENCE;
  }

  hasInflightBatches(topic: string, partition: number): boolean {
    return (this.peekEntry(topic, partition)?.inflightBatchesBySequence.length ?? 0) > 0;
  }

  hasStaleProducerIdAndEpoch(topic: string, partition: number): boolean {
    const current = this.producerIdAndEpochValue;
    const entry = this.entry(topic, partition).producerIdAndEpoch;
    return entry.producerId !== current.producerId || entry.epoch !== current.epoch;
  }

  hasUnresolvedSequence(topic: string, partition: number): boolean {
    return this.partitionsWithUnresolvedSequences.size > 0 && this.partitionsWithUnresolvedSequences.has(tpKey(topic, partition));
  }

  /**
   * At drain time: a partition still on an old id/epoch (and with nothing in flight) starts
   * over at sequence 0 under the current one.
   */
  maybeUpdateProducerIdAndEpoch(topic: string, partition: number): void {
    if (!this.hasStaleProducerIdAndEpoch(topic, partition) || this.hasInflightBatches(topic, partition)) return;
    const entry = this.entry(topic, partition);
    entry.producerIdAndEpoch = this.producerIdAndEpochValue;
    entry.nextSequence = 0;
    entry.lastAckedSequence = NO_LAST_ACKED_SEQUENCE_NUMBER;
  }

  /** handleCompletedBatch: the partition's last acknowledged sequence moves up. */
  handleCompletedBatch(batch: ProducerBatch): void {
    const entry = this.entry(batch.topic, batch.partition);
    entry.lastAckedSequence = Math.max(entry.lastAckedSequence, batch.lastSequence);
    this.removeInFlightBatch(batch);
  }

  /**
   * handleFailedBatch for the idempotent producer: the batch leaves the in-flight list; an
   * out-of-order failure, or one that leaves a gap (adjustSequenceNumbers), bumps the epoch.
   */
  handleFailedBatch(batch: ProducerBatch, errorName: string, adjustSequenceNumbers: boolean): void {
    this.removeInFlightBatch(batch);
    if (errorName === "OUT_OF_ORDER_SEQUENCE_NUMBER" || adjustSequenceNumbers) this.requestEpochBumpForPartition(batch.topic, batch.partition);
  }

  /** A batch that was sent expired: whether the broker has it is unknown until the others answer. */
  markSequenceUnresolved(batch: ProducerBatch): void {
    const key = tpKey(batch.topic, batch.partition);
    const next = batch.lastSequence + 1;
    this.partitionsWithUnresolvedSequences.set(key, Math.max(this.partitionsWithUnresolvedSequences.get(key) ?? next, next));
  }

  /**
   * maybeResolveSequences: once nothing is in flight for an unresolved partition, it is fine if
   * the last acknowledged sequence reached the next one; otherwise there is a gap, and the
   * epoch is bumped.
   */
  maybeResolveSequences(): void {
    if (this.partitionsWithUnresolvedSequences.size === 0) return;
    for (const key of [...this.partitionsWithUnresolvedSequences.keys()]) {
      const entry = this.partitions.get(key);
      if (entry && entry.inflightBatchesBySequence.length > 0) continue;
      if (entry && entry.nextSequence - entry.lastAckedSequence !== 1) {
        this.epochBumpRequired = true;
        this.partitionsToRewriteSequences.add(key);
      }
      this.partitionsWithUnresolvedSequences.delete(key);
    }
  }

  /**
   * TransactionManager.canRetry for a broker error. OUT_OF_ORDER_SEQUENCE_NUMBER is retried:
   * if the batch is not the next one expected, an earlier batch is still in doubt, so it just
   * waits; if it is the next one, there is a real gap, and the epoch is bumped first.
   */
  canRetry(errorName: string, batch: ProducerBatch, retriable: boolean): boolean {
    if (errorName === "OUT_OF_ORDER_SEQUENCE_NUMBER") {
      const entry = this.entry(batch.topic, batch.partition);
      const isNext = batch.baseSequence - entry.lastAckedSequence === 1;
      const unresolved = this.partitionsWithUnresolvedSequences.get(tpKey(batch.topic, batch.partition));
      if (unresolved === undefined && (batch.reopened || !isNext)) return true;
      if (unresolved === undefined || batch.baseSequence === unresolved) this.requestEpochBumpForPartition(batch.topic, batch.partition);
      return true;
    }
    if (errorName === "UNKNOWN_PRODUCER_ID") {
      // The broker lost this producer's state (its log start moved past it): bump and retry.
      if (!batch.reopened) this.requestEpochBumpForPartition(batch.topic, batch.partition);
      return true;
    }
    // Simplification: an answer to a batch still carrying an epoch older than the current one
    // (rewritten by a bump while in flight) is retried under the new epoch.
    if (errorName === "INVALID_PRODUCER_EPOCH") return batch.producerEpoch < this.producerIdAndEpochValue.epoch || batch.reopened;
    return retriable;
  }

  requestEpochBumpForPartition(topic: string, partition: number): void {
    this.epochBumpRequired = true;
    this.partitionsToRewriteSequences.add(tpKey(topic, partition));
  }

  /**
   * bumpIdempotentEpochAndResetIdIfNeeded (KIP-360): the idempotent producer bumps its own
   * epoch (no broker round trip) and restarts the affected partitions' sequences at 0. Returns
   * true when it bumped.
   */
  bumpIdempotentEpochAndResetIdIfNeeded(): boolean {
    if (!this.epochBumpRequired || !this.hasProducerId()) return false;
    const current = this.producerIdAndEpochValue;
    this.producerIdAndEpochValue = { producerId: current.producerId, epoch: current.epoch + 1 };
    for (const key of this.partitionsToRewriteSequences) {
      this.partitions.get(key)?.startSequencesAtBeginning(this.producerIdAndEpochValue);
      this.partitionsWithUnresolvedSequences.delete(key);
    }
    this.partitionsToRewriteSequences.clear();
    this.epochBumpRequired = false;
    return true;
  }
}
