import type { SimRecord } from "../cluster/log/index.js";
import type { BrokerId } from "../kernel/trace.js";
import type { BufferPool, PoolBuffer } from "./buffer-pool.js";
import { ProducerException } from "./errors.js";
import { BuiltInPartitioner, UNKNOWN_PARTITION, type NextInt, type StickyPartitionInfo } from "./partitioner/index.js";
import type { ProduceFuture } from "./produce-future.js";
import { ProducerBatch, type BatchObserver } from "./producer-batch.js";
import type { ProducerMetadata } from "./producer-metadata.js";
import type { TransactionManager } from "./transaction-manager.js";

/** The settings the accumulator reads (Kafka's names in comments). */
export interface AccumulatorConfig {
  /** batch.size */
  batchSize: number;
  /** linger.ms */
  lingerMs: number;
  /** delivery.timeout.ms */
  deliveryTimeoutMs: number;
  /** partitioner.adaptive.partitioning.enable */
  enableAdaptivePartitioning: boolean;
}

/** RecordAccumulator.RecordAppendResult, plus the partition the record went to. */
export interface RecordAppendResult {
  /**
   * RecordAppendResult.abortForNewBatch: the record would open a new batch and the caller asked
   * to be told first (the Kafka 3.x path for partitioners with onNewBatch): nothing was appended.
   */
  readonly abortForNewBatch?: boolean;
  readonly partition: number;
  readonly batch: ProducerBatch;
  readonly batchIsFull: boolean;
  readonly newBatchCreated: boolean;
  readonly appendedBytes: number;
}

/** The answer of an append that stopped before opening a new batch (see RecordAppendResult.abortForNewBatch). */
export const ABORT_FOR_NEW_BATCH: RecordAppendResult = Object.freeze({
  abortForNewBatch: true,
  partition: -1,
  batch: null as unknown as ProducerBatch,
  batchIsFull: false,
  newBatchCreated: false,
  appendedBytes: 0,
});

/** RecordAccumulator.ReadyCheckResult. */
export interface ReadyCheckResult {
  /** Leaders with something sendable, in the order found. */
  readonly readyNodes: BrokerId[];
  /** When the next batch becomes sendable (linger or backoff), in ms from now. */
  readonly nextReadyCheckDelayMs: number;
  /** Topics with a batch whose partition has no known leader. */
  readonly unknownLeaderTopics: Set<string>;
}

/** One record on its way into a batch, with its sizes already known. */
export interface AppendRequest {
  readonly topic: string;
  /** UNKNOWN_PARTITION (-1) lets the built-in sticky partitioner choose. */
  readonly partition: number;
  readonly record: SimRecord;
  readonly keyLength: number;
  readonly valueLength: number;
  readonly headersSize: number;
  /** The record's upper-bound size: an oversized record's batch is this big. */
  readonly sizeUpperBound: number;
  /** The send's future, or null when nobody holds one. */
  readonly future: ProduceFuture | null;
  /** The send's number (record id "client#n") and the time of its send() call. */
  readonly sendNumber: number;
  readonly sendMs: number;
}

/** Who waits for a blocked append: the producer's send() (its application thread). */
export interface AppendHost {
  nowMs(): number;
  appendUnblocked(context: unknown, outcome: RecordAppendResult | ProducerException): void;
}

interface TopicInfo {
  /** Deques by partition number (sparse): iteration runs in partition order, as Kafka's map does. */
  readonly batches: (ProducerBatch[] | undefined)[];
  dequeCount: number;
  readonly builtInPartitioner: BuiltInPartitioner;
  readonly muted: Set<number>;
}

/**
 * Kafka's RecordAccumulator: per partition a deque of ProducerBatch. send() appends to the
 * last batch of the record's partition or opens a new one with memory from the BufferPool
 * (waiting for it when buffer.memory is used up); the Sender asks ready() which leaders have
 * something sendable (a full batch, linger.ms elapsed, a flush, waiting allocations, closing;
 * not while a retry backs off) and drain()s up to max.request.size per leader.
 */
export class RecordAccumulator {
  private readonly topicInfoMap = new Map<string, TopicInfo>();
  /** Batches not yet completed (Kafka's IncompleteBatches). */
  readonly incomplete = new Set<ProducerBatch>();
  private readonly nodesDrainIndex = new Map<BrokerId, number>();
  private flushesInProgress = 0;
  private closed = false;
  private nextBatchExpiryTimeMs = Number.POSITIVE_INFINITY;
  private batchCounter = 0;

  constructor(
    private readonly clientId: string,
    readonly config: AccumulatorConfig,
    readonly free: BufferPool,
    private readonly transactionManager: TransactionManager | null,
    private readonly nextInt: NextInt,
    private readonly observer: BatchObserver,
    /** Keep per-record send numbers and times in batches (trace level "full"). */
    private readonly trackRecords = true,
  ) {}

  private topicInfo(topic: string): TopicInfo {
    let info = this.topicInfoMap.get(topic);
    if (!info) {
      // KAFKA-14303: a batch.size of 0 still sticks for at least one byte.
      info = { batches: [], dequeCount: 0, builtInPartitioner: new BuiltInPartitioner(topic, Math.max(1, this.config.batchSize), this.nextInt), muted: new Set() };
      this.topicInfoMap.set(topic, info);
    }
    return info;
  }

  private dequeFor(info: TopicInfo, partition: number): ProducerBatch[] {
    let dq = info.batches[partition];
    if (!dq) {
      info.batches[partition] = dq = [];
      info.dequeCount++;
    }
    return dq;
  }

  /** The deque of a partition (for tests and views). */
  getDeque(topic: string, partition: number): readonly ProducerBatch[] | undefined {
    return this.topicInfoMap.get(topic)?.batches[partition];
  }

  /** The built-in partitioner of a topic (for views). */
  builtInPartitioner(topic: string): BuiltInPartitioner {
    return this.topicInfo(topic).builtInPartitioner;
  }

  /**
   * RecordAccumulator.append. Returns the result when the record is in a batch; returns null
   * when a new batch must wait for memory: `host.appendUnblocked(context, outcome)` is then
   * called with the result, or with the allocation's failure, once the wait ends (the send()
   * waits meanwhile). The returned result object is reused by the next append: read it at once.
   */
  append(request: AppendRequest, maxTimeToBlockMs: number, nowMs: number, cluster: ProducerMetadata, host: AppendHost, context: unknown, abortOnNewBatch = false): RecordAppendResult | null {
    if (this.closed) throw closedError();
    if (abortOnNewBatch && request.partition !== UNKNOWN_PARTITION) {
      // RecordAccumulator.append: try the partition's open batch; if the record would need a new
      // one, return before allocating so the producer can call onNewBatch and ask its
      // partitioner again.
      const dq = this.dequeFor(this.topicInfo(request.topic), request.partition);
      const appended = this.tryAppend(request, dq, request.partition, nowMs);
      return appended ?? ABORT_FOR_NEW_BATCH;
    }
    return this.appendAttempt(this.topicInfo(request.topic), request, null, nowMs, maxTimeToBlockMs, cluster, host, context);
  }

  private appendAttempt(
    info: TopicInfo,
    request: AppendRequest,
    buffer: PoolBuffer | null,
    nowMs: number,
    maxTimeToBlockMs: number,
    cluster: ProducerMetadata,
    host: AppendHost,
    context: unknown,
  ): RecordAppendResult | null {
    let partitionInfo: StickyPartitionInfo | null = null;
    let partition = request.partition;
    if (partition === UNKNOWN_PARTITION) {
      partitionInfo = info.builtInPartitioner.peekCurrentPartitionInfo(cluster);
      partition = partitionInfo.partition();
    }
    const dq = this.dequeFor(info, partition);
    const appended = this.tryAppend(request, dq, partition, nowMs);
    if (appended) {
      if (buffer) this.free.deallocate(buffer);
      info.builtInPartitioner.updatePartitionInfo(partitionInfo, appended.appendedBytes, cluster, allBatchesFull(dq));
      return appended;
    }
    if (buffer === null) {
      buffer = this.allocateBuffer(info, request, maxTimeToBlockMs, cluster, host, context);
      if (buffer === null) return null;
    }
    const result = this.appendNewBatch(request, dq, partition, buffer, nowMs);
    info.builtInPartitioner.updatePartitionInfo(partitionInfo, result.appendedBytes, cluster, allBatchesFull(dq));
    return result;
  }

  /**
   * BufferPool.allocate for a new batch; null while the send waits for memory. Its own method,
   * not inline in appendAttempt: the callbacks capture the arguments, and a function that makes
   * closures allocates their context on every call, which would be once per record.
   */
  private allocateBuffer(info: TopicInfo, request: AppendRequest, maxTimeToBlockMs: number, cluster: ProducerMetadata, host: AppendHost, context: unknown): PoolBuffer | null {
    const size = Math.max(this.config.batchSize, request.sizeUpperBound);
    return this.free.allocate(
      size,
      maxTimeToBlockMs,
      (late) => {
        const at = host.nowMs();
        if (this.closed) {
          this.free.deallocate(late);
          return host.appendUnblocked(context, closedError());
        }
        // The record was copied when it blocked: the result is read before any other append.
        host.appendUnblocked(context, this.appendAttempt(info, request, late, at, maxTimeToBlockMs, cluster, host, context)!);
      },
      (error) => host.appendUnblocked(context, error),
    );
  }

  private tryAppend(request: AppendRequest, dq: ProducerBatch[], partition: number, nowMs: number): RecordAppendResult | null {
    const last = dq.length > 0 ? dq[dq.length - 1] : undefined;
    if (last === undefined || last.isDone() || last.state !== "open") return null;
    const appendedBytes = last.tryAppend(request.record, request.keyLength, request.valueLength, request.headersSize, request.future, request.sendNumber, request.sendMs, nowMs);
    if (appendedBytes < 0) {
      last.closeForRecordAppends("full");
      return null;
    }
    const full = dq.length > 1 || last.isFull();
    if (last.isFull()) last.closeForRecordAppends("full");
    return this.result(partition, last, full, false, appendedBytes);
  }

  /** One result object, refilled by every append: a million appends make no garbage here. */
  private readonly lastResult: { -readonly [K in keyof RecordAppendResult]: RecordAppendResult[K] } = {
    partition: -1,
    batch: null as unknown as ProducerBatch,
    batchIsFull: false,
    newBatchCreated: false,
    appendedBytes: 0,
  };

  private result(partition: number, batch: ProducerBatch, batchIsFull: boolean, newBatchCreated: boolean, appendedBytes: number): RecordAppendResult {
    const r = this.lastResult;
    r.partition = partition;
    r.batch = batch;
    r.batchIsFull = batchIsFull;
    r.newBatchCreated = newBatchCreated;
    r.appendedBytes = appendedBytes;
    return r;
  }

  private appendNewBatch(request: AppendRequest, dq: ProducerBatch[], partition: number, buffer: PoolBuffer, nowMs: number): RecordAppendResult {
    const id = `${this.clientId}/${request.topic}-${partition}/${this.batchCounter++}`;
    const batch = new ProducerBatch(id, request.topic, partition, nowMs, buffer.capacity, buffer, this.observer, this.trackRecords);
    const appendedBytes = batch.tryAppend(request.record, request.keyLength, request.valueLength, request.headersSize, request.future, request.sendNumber, request.sendMs, nowMs);
    dq.push(batch);
    this.incomplete.add(batch);
    batch.announce();
    if (batch.isFull()) batch.closeForRecordAppends("full");
    return this.result(partition, batch, dq.length > 1 || batch.isFull(), true, appendedBytes);
  }

  // ---- ready -------------------------------------------------------------------------------

  /** RecordAccumulator.ready: the leaders with sendable batches, and when to look again. */
  ready(cluster: ProducerMetadata, nowMs: number): ReadyCheckResult {
    const readyNodes: BrokerId[] = [];
    const unknownLeaderTopics = new Set<string>();
    let nextReadyCheckDelayMs = Number.POSITIVE_INFINITY;
    const exhausted = this.free.queued() > 0;
    const flushing = this.flushesInProgress > 0;
    for (const [topic, info] of this.topicInfoMap) {
      const partitionCount = cluster.partitionsForTopic(topic).length;
      const adaptive = this.config.enableAdaptivePartitioning && info.dequeCount >= partitionCount && partitionCount > 0;
      const queueSizes: number[] | null = adaptive ? [] : null;
      const partitionIds: number[] | null = adaptive ? [] : null;
      const { batches } = info;
      for (let partition = 0; partition < batches.length; partition++) {
        const dq = batches[partition];
        if (dq === undefined) continue;
        const leader = cluster.leaderFor(topic, partition);
        if (leader !== null && queueSizes) {
          queueSizes.push(dq.length);
          partitionIds!.push(partition);
        }
        if (dq.length === 0) continue;
        if (leader === null) {
          unknownLeaderTopics.add(topic);
          continue;
        }
        if (readyNodes.includes(leader) || info.muted.has(partition)) continue;
        const batch = dq[0];
        const waitedTimeMs = batch.waitedTimeMs(nowMs);
        const backingOff = batch.attempts > 0 && waitedTimeMs < batch.retryBackoffMs;
        const timeToWaitMs = backingOff ? batch.retryBackoffMs : this.config.lingerMs;
        const full = dq.length > 1 || batch.isFull();
        const expired = waitedTimeMs >= timeToWaitMs;
        const sendable = full || expired || exhausted || this.closed || flushing;
        if (sendable && !backingOff) readyNodes.push(leader);
        else nextReadyCheckDelayMs = Math.min(nextReadyCheckDelayMs, Math.max(timeToWaitMs - waitedTimeMs, 0));
      }
      if (queueSizes) info.builtInPartitioner.updatePartitionLoadStats(queueSizes, partitionIds!, queueSizes.length);
      else if (this.config.enableAdaptivePartitioning) info.builtInPartitioner.updatePartitionLoadStats(null, [], 0);
    }
    return { readyNodes, nextReadyCheckDelayMs, unknownLeaderTopics };
  }

  /** Any batch not yet drained? */
  hasUndrained(): boolean {
    for (const info of this.topicInfoMap.values()) for (const dq of info.batches) if (dq && dq.length > 0) return true;
    return false;
  }

  // ---- drain -------------------------------------------------------------------------------

  /**
   * shouldStopDrainBatchesForPartition: the idempotent producer does not drain a partition
   * before it has a producer id, nor a new batch while older in-flight batches carry a stale
   * epoch or an unresolved sequence, nor a retried batch that is not the first in flight (so
   * retries go out one at a time, in sequence order).
   */
  private shouldStopDrainBatchesForPartition(first: ProducerBatch): boolean {
    const tm = this.transactionManager;
    if (tm === null) return false;
    if (!tm.hasProducerId()) return true;
    const { topic, partition } = first;
    if (!first.hasSequence()) {
      if (tm.hasInflightBatches(topic, partition) && tm.hasStaleProducerIdAndEpoch(topic, partition)) return true;
      if (tm.hasUnresolvedSequence(topic, partition)) return true;
    }
    const firstInFlightSequence = tm.firstInFlightSequence(topic, partition);
    return firstInFlightSequence !== -1 && first.hasSequence() && first.baseSequence !== firstInFlightSequence;
  }

  private drainBatchesForOneNode(cluster: ProducerMetadata, node: BrokerId, maxSize: number, nowMs: number): ProducerBatch[] {
    const ready: ProducerBatch[] = [];
    const parts = cluster.partitionsForNode(node);
    if (parts.length === 0) return ready;
    let size = 0;
    // Each node keeps its own drain index, so no partition is starved.
    let drainIndex = (this.nodesDrainIndex.get(node) ?? 0) % parts.length;
    const start = drainIndex;
    do {
      const part = parts[drainIndex];
      this.nodesDrainIndex.set(node, drainIndex);
      drainIndex = (drainIndex + 1) % parts.length;
      const info = this.topicInfoMap.get(part.topic);
      if (!info || info.muted.has(part.partition)) continue;
      const dq = info.batches[part.partition];
      if (!dq || dq.length === 0) continue;
      const first = dq[0];
      if (first.attempts > 0 && first.waitedTimeMs(nowMs) < first.retryBackoffMs) continue;
      // A single batch larger than max.request.size still goes, alone.
      if (size + first.estimatedSizeInBytes > maxSize && ready.length > 0) break;
      if (this.shouldStopDrainBatchesForPartition(first)) break;
      dq.shift();
      const tm = this.transactionManager;
      if (tm !== null && !first.hasSequence()) {
        tm.maybeUpdateProducerIdAndEpoch(first.topic, first.partition);
        const { producerId, epoch } = tm.producerIdAndEpoch();
        first.setProducerState(producerId, epoch, tm.sequenceNumber(first.topic, first.partition));
        tm.incrementSequenceNumber(first.topic, first.partition, first.recordCount);
        tm.addInFlightBatch(first);
      }
      size += first.estimatedSizeInBytes;
      ready.push(first);
      first.drained(nowMs, this.drainReason(first, dq));
    } while (start !== drainIndex);
    return ready;
  }

  private drainReason(batch: ProducerBatch, rest: readonly ProducerBatch[]): string {
    if (batch.retry) return `retry (attempt ${batch.attempts + 1})`;
    if (batch.isFull() || rest.length > 0) return "batch full";
    if (this.flushesInProgress > 0) return "flush()";
    if (this.closed) return "close()";
    if (this.free.queued() > 0) return "buffer.memory exhausted";
    return `linger.ms (${this.config.lingerMs} ms) elapsed`;
  }

  /** RecordAccumulator.drain: per ready node, batches up to maxSize bytes. */
  drain(cluster: ProducerMetadata, nodes: readonly BrokerId[], maxSize: number, nowMs: number): Map<BrokerId, ProducerBatch[]> {
    const batches = new Map<BrokerId, ProducerBatch[]>();
    for (const node of nodes) batches.set(node, this.drainBatchesForOneNode(cluster, node, maxSize, nowMs));
    return batches;
  }

  mutePartition(topic: string, partition: number): void {
    this.topicInfo(topic).muted.add(partition);
  }

  unmutePartition(topic: string, partition: number): void {
    this.topicInfoMap.get(topic)?.muted.delete(partition);
  }

  // ---- retries and expiry ------------------------------------------------------------------

  /**
   * RecordAccumulator.reenqueue: a batch to retry goes back to the FRONT of its deque, ahead
   * of newer batches (which is how retries reorder records without idempotence); with
   * idempotence it goes where its sequence number belongs (insertInSequenceOrder).
   */
  reenqueue(batch: ProducerBatch, nowMs: number, backoffMs: number, reason: string): void {
    batch.reenqueued(nowMs, backoffMs, reason);
    const dq = this.dequeFor(this.topicInfo(batch.topic), batch.partition);
    if (this.transactionManager !== null) insertInSequenceOrder(dq, batch);
    else dq.unshift(batch);
  }

  /** RecordAccumulator.expiredBatches: batches in the deques past delivery.timeout.ms, oldest first. */
  expiredBatches(nowMs: number): ProducerBatch[] {
    const expired: ProducerBatch[] = [];
    for (const info of this.topicInfoMap.values()) {
      for (const dq of info.batches) {
        if (!dq) continue;
        while (dq.length > 0) {
          const batch = dq[0];
          if (!batch.hasReachedDeliveryTimeout(this.config.deliveryTimeoutMs, nowMs)) {
            this.maybeUpdateNextBatchExpiryTime(batch);
            break;
          }
          dq.shift();
          expired.push(batch);
        }
      }
    }
    return expired;
  }

  resetNextBatchExpiryTime(): void {
    this.nextBatchExpiryTimeMs = Number.POSITIVE_INFINITY;
  }

  maybeUpdateNextBatchExpiryTime(batch: ProducerBatch): void {
    this.nextBatchExpiryTimeMs = Math.min(this.nextBatchExpiryTimeMs, batch.createdMs + this.config.deliveryTimeoutMs);
  }

  /** The earliest time a batch will expire. */
  nextExpiryTimeMs(): number {
    return this.nextBatchExpiryTimeMs;
  }

  /** A batch is done: its memory goes back to the pool. */
  deallocate(batch: ProducerBatch): void {
    this.incomplete.delete(batch);
    if (batch.buffer) {
      this.free.deallocate(batch.buffer);
      batch.buffer = null;
    }
  }

  // ---- flush and close ---------------------------------------------------------------------

  beginFlush(): void {
    this.flushesInProgress++;
  }

  endFlush(): void {
    this.flushesInProgress = Math.max(0, this.flushesInProgress - 1);
  }

  flushInProgress(): boolean {
    return this.flushesInProgress > 0;
  }

  hasIncomplete(): boolean {
    return this.incomplete.size > 0;
  }

  /** Every batch not yet completed, oldest first. */
  incompleteBatches(): ProducerBatch[] {
    return [...this.incomplete];
  }

  /** Removes a batch from its deque (when it is aborted). */
  removeFromDeque(batch: ProducerBatch): void {
    const dq = this.topicInfoMap.get(batch.topic)?.batches[batch.partition];
    if (!dq) return;
    const i = dq.indexOf(batch);
    if (i >= 0) dq.splice(i, 1);
  }

  /** Makes every batch sendable and refuses new appends. */
  close(): void {
    this.closed = true;
    this.free.close();
  }

  isClosed(): boolean {
    return this.closed;
  }
}

function closedError(): ProducerException {
  return new ProducerException("KafkaException", "Producer closed while send in progress");
}

/** Only the last batch of a deque can still take records. */
function allBatchesFull(dq: readonly ProducerBatch[]): boolean {
  const last = dq.length > 0 ? dq[dq.length - 1] : undefined;
  return last === undefined || last.isFull();
}

/**
 * RecordAccumulator.insertInSequenceOrder: batches with sequences at the head of the deque
 * stay in sequence order; a re-enqueued batch goes after those with lower sequences.
 */
export function insertInSequenceOrder(dq: ProducerBatch[], batch: ProducerBatch): void {
  if (!batch.hasSequence()) throw new Error(`Trying to re-enqueue batch ${batch.id}, which has no sequence even though idempotence is enabled.`);
  let i = 0;
  while (i < dq.length && dq[i].hasSequence() && dq[i].baseSequence < batch.baseSequence) i++;
  dq.splice(i, 0, batch);
}
