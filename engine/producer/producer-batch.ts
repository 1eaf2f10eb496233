import { RECORD_BATCH_OVERHEAD, type SimRecord } from "../cluster/log/index.js";
import { tpKey } from "../cluster/types.js";
import { nextBatchState, type BatchEvent, type BatchState } from "./batch-machine.js";
import type { PoolBuffer } from "./buffer-pool.js";
import type { ProducerException } from "./errors.js";
import type { ProduceFuture } from "./produce-future.js";
import { recordSizeInBytes } from "./record-size.js";

/** RecordBatch.NO_SEQUENCE */
export const NO_SEQUENCE = -1;

/** Told about every state change of a batch (the producer turns it into a producer.batch event). */
export type BatchObserver = (batch: ProducerBatch, state: BatchState, reason: string) => void;

/**
 * Kafka's ProducerBatch: the records bound for one partition that travel in one produce
 * request, with the futures to complete when the broker answers. Its lifecycle is the XState
 * machine of batch-machine.ts, stepped one event per protocol step through the machine's
 * compiled transition table (not an actor per batch: see batch-machine.ts for why).
 */
export class ProducerBatch {
  readonly records: SimRecord[] = [];
  /**
   * Kafka's thunks: the future of record i at index i, in append (= send) order; null, or
   * missing past the end, where nobody holds a future (a scenario's fire-and-forget sends: a
   * million of them should not make a million objects).
   */
  readonly futures: (ProduceFuture | null)[] = [];
  /** Per record, when trackRecords: simulated time of its send() call, for latency. */
  readonly sendTimesMs: number[] = [];
  /** Per record, when trackRecords: its send number (the n of the record id "client#n"). */
  readonly sendNumbers: number[] = [];
  private doneListeners: (() => void)[] | null = null;
  /** MemoryRecordsBuilder.estimatedBytesWritten: the batch header plus every record. */
  estimatedSizeInBytes = RECORD_BATCH_OVERHEAD;
  /**
   * Kafka's ProducerBatch.attempts(): how many times it was re-enqueued for a retry, so 0
   * during its first send, 1 during the second. Sender.canRetry compares it with `retries`.
   */
  attempts = 0;
  /**
   * How many requests have carried it, counting the one in flight: 1 from its first drain on,
   * 0 before. The producer.batch trace event's `attempt` (see trace.ts).
   */
  sendAttempts = 0;
  lastAttemptMs: number;
  lastAppendTimeMs: number;
  drainedMs = -1;
  /** The retry backoff drawn when it was re-enqueued (with its jitter), in ms. */
  retryBackoffMs = 0;
  /** True once it came back for a retry (Kafka's inRetry()). */
  retry = false;
  producerId = -1;
  producerEpoch = -1;
  baseSequence = NO_SEQUENCE;
  /** Its sequence was rewritten by an epoch bump (Kafka's sequenceHasBeenReset). */
  reopened = false;
  /** Buffer memory, returned to the pool when the batch completes. */
  buffer: PoolBuffer | null;
  private closedForAppends = false;
  private baseTimestamp = -1;
  private currentState: BatchState = "open";
  private topicPartitionKey: string | null = null;

  constructor(
    /** Stable id for the trace: "<client>/<topic>-<partition>/<n>". */
    readonly id: string,
    readonly topic: string,
    readonly partition: number,
    readonly createdMs: number,
    /** The buffer's capacity: batch.size, or more for a record larger than batch.size. */
    readonly writeLimit: number,
    buffer: PoolBuffer | null,
    private readonly observer: BatchObserver,
    /** Keep send numbers and send times per record (trace level "full"). */
    readonly trackRecords = true,
  ) {
    this.lastAttemptMs = createdMs;
    this.lastAppendTimeMs = createdMs;
    this.buffer = buffer;
  }

  /** Announces the new batch (after its first record, so the trace shows it holding one). */
  announce(): void {
    this.observer(this, "open", "new batch");
  }

  /** "topic-partition", made once (the Sender keys its in-flight lists by it). */
  get topicPartition(): string {
    return (this.topicPartitionKey ??= tpKey(this.topic, this.partition));
  }

  get recordCount(): number {
    return this.records.length;
  }

  get state(): BatchState {
    return this.currentState;
  }

  /** The last sequence number in the batch (NO_SEQUENCE without one). */
  get lastSequence(): number {
    return this.baseSequence === NO_SEQUENCE ? NO_SEQUENCE : this.baseSequence + this.records.length - 1;
  }

  hasSequence(): boolean {
    return this.baseSequence !== NO_SEQUENCE;
  }

  /** Acknowledged, failed or expired. */
  isDone(): boolean {
    return this.currentState === "acknowledged" || this.currentState === "failed" || this.currentState === "expired";
  }

  /** MemoryRecordsBuilder.isFull: closed, or the write limit is reached. */
  isFull(): boolean {
    return this.closedForAppends || (this.records.length > 0 && this.writeLimit <= this.estimatedSizeInBytes);
  }

  /**
   * ProducerBatch.tryAppend: adds the record if it fits (MemoryRecordsBuilder.hasRoomFor; the
   * first record always fits). Returns the bytes appended, or -1 when it does not fit.
   */
  tryAppend(record: SimRecord, keyLength: number, valueLength: number, headersSize: number, future: ProduceFuture | null, sendNumber: number, sendMs: number, nowMs: number): number {
    const count = this.records.length;
    if (this.closedForAppends) return -1;
    if (count === 0) this.baseTimestamp = record.timestamp;
    const size = recordSizeInBytes(count, record.timestamp - this.baseTimestamp, keyLength, valueLength, headersSize);
    if (count > 0 && (this.writeLimit <= this.estimatedSizeInBytes || this.writeLimit < this.estimatedSizeInBytes + size)) return -1;
    this.records.push(record);
    // The side arrays grow only when used: futures when someone holds one, send numbers and
    // times when the trace keeps per-record detail (trackRecords).
    if (future !== null) {
      while (this.futures.length < count) this.futures.push(null);
      this.futures.push(future);
    }
    if (this.trackRecords) {
      this.sendNumbers.push(sendNumber);
      this.sendTimesMs.push(sendMs);
    }
    this.estimatedSizeInBytes += size;
    this.lastAppendTimeMs = nowMs;
    return count === 0 ? size + RECORD_BATCH_OVERHEAD : size;
  }

  /** No more appends (a newer batch was opened behind it, or it is being sent). */
  closeForRecordAppends(reason: string): void {
    if (this.closedForAppends) return;
    this.closedForAppends = true;
    if (this.currentState === "open") this.transition("batch.closed", reason);
  }

  /** How long it has waited: since creation, or since its last attempt when retrying. */
  waitedTimeMs(nowMs: number): number {
    return Math.max(0, nowMs - this.lastAttemptMs);
  }

  hasReachedDeliveryTimeout(deliveryTimeoutMs: number, nowMs: number): boolean {
    return deliveryTimeoutMs <= nowMs - this.createdMs;
  }

  /** Taken out of its deque for a request. */
  drained(nowMs: number, reason: string): void {
    this.closedForAppends = true;
    this.sendAttempts++;
    this.drainedMs = Math.max(this.drainedMs, nowMs);
    this.transition("batch.drained", reason);
  }

  /** Sent in a request (the drain counted the attempt). */
  sent(nowMs: number): void {
    this.lastAttemptMs = nowMs;
  }

  /** Back in its deque for a retry (RecordAccumulator.reenqueue). */
  reenqueued(nowMs: number, backoffMs: number, reason: string): void {
    this.attempts++;
    this.retry = true;
    this.lastAttemptMs = nowMs;
    this.lastAppendTimeMs = nowMs;
    this.retryBackoffMs = backoffMs;
    this.transition("batch.retry", reason);
  }

  backoffElapsed(): void {
    if (this.currentState === "retry-backoff") this.transition("batch.backoff-elapsed", "retry.backoff.ms elapsed");
  }

  setProducerState(producerId: number, producerEpoch: number, baseSequence: number): void {
    this.producerId = producerId;
    this.producerEpoch = producerEpoch;
    this.baseSequence = baseSequence;
  }

  /** An epoch bump rewrote this in-flight batch's sequence (TxnPartitionEntry.startSequencesAtBeginning). */
  resetProducerState(producerId: number, producerEpoch: number, baseSequence: number): void {
    this.reopened = true;
    this.setProducerState(producerId, producerEpoch, baseSequence);
  }

  /** ProducerBatch.complete: every future succeeds, offsets counting up from baseOffset (-1 stays -1). */
  complete(baseOffset: number, reason: string): boolean {
    if (this.isDone()) return false;
    this.transition("batch.acked", reason);
    const { topic, partition, futures, records } = this;
    for (let i = 0; i < futures.length; i++) futures[i]?.succeed(topic, partition, baseOffset < 0 ? -1 : baseOffset + i, records[i].timestamp);
    this.notifyDone();
    return true;
  }

  /** Runs `fn` once the batch is acknowledged, failed or expired (flush() waits this way). */
  onDone(fn: () => void): void {
    if (this.isDone()) fn();
    else (this.doneListeners ??= []).push(fn);
  }

  private notifyDone(): void {
    const listeners = this.doneListeners;
    this.doneListeners = null;
    if (listeners) for (const fn of listeners) fn();
  }

  /** ProducerBatch.completeExceptionally: every future fails with `error`; `expired` for delivery.timeout.ms. */
  completeExceptionally(error: ProducerException, expired: boolean): boolean {
    if (this.isDone()) return false;
    this.transition(expired ? "batch.expired" : "batch.failed", error.message);
    for (const future of this.futures) future?.fail(error);
    this.notifyDone();
    return true;
  }

  private transition(event: BatchEvent["type"], reason: string): void {
    const state = nextBatchState(this.currentState, event);
    if (state === this.currentState) return;
    this.currentState = state;
    this.observer(this, state, reason);
  }
}
