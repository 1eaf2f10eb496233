import type { Cluster } from "../cluster/cluster.js";
import type { InitProducerIdResponse } from "../cluster/broker.js";
import type { ClientMetadataResponse } from "../cluster/metadata-cache.js";
import type { Acks, ProduceResponse } from "../cluster/replica-manager.js";
import { request, type Endpoint, type RequestOutcome } from "../cluster/rpc.js";
import { brokerNodeId, tpKey } from "../cluster/types.js";
import { randomInt, type Prng } from "../kernel/prng.js";
import type { Timer } from "../kernel/simulation.js";
import type { BrokerId } from "../kernel/trace.js";
import { brokerError, INVALID_METADATA_ERRORS, ProducerException, RETRIABLE_ERRORS, timeoutException } from "./errors.js";
import type { ExponentialBackoff } from "./exponential-backoff.js";
import { InFlightRequests, type InFlightRequest } from "./in-flight-requests.js";
import { sendProduceRequest, type MultiPartitionProduceResponse } from "./produce-request.js";
import type { ProducerBatch } from "./producer-batch.js";
import type { ProducerMetadata } from "./producer-metadata.js";
import type { RecordAccumulator } from "./record-accumulator.js";
import type { TransactionManager } from "./transaction-manager.js";

/** Kafka's reconnect.backoff.ms default: a node that refused a connection is left alone this long. */
export const RECONNECT_BACKOFF_MS = 50;

/** The settings the Sender reads (Kafka's names in comments). */
export interface SenderConfig {
  /** acks */
  acks: Acks;
  /** max.request.size */
  maxRequestSize: number;
  /** request.timeout.ms */
  requestTimeoutMs: number;
  /** retries */
  retries: number;
  /** max.in.flight.requests.per.connection == 1: partitions are muted while a batch is in flight. */
  guaranteeMessageOrder: boolean;
}


/** What the Sender shares with the KafkaProducer that owns it. */
export interface SenderHost {
  readonly cluster: Cluster;
  readonly clientId: string;
  readonly endpoint: Endpoint;
  /** Per-record trace detail (ids, latencies) only at trace level "full". */
  readonly fullTrace: boolean;
}

/**
 * Kafka's Sender, the producer's I/O thread, as a loop on the simulation clock: each runOnce
 * asks the accumulator which leaders are ready, drains their batches into one Produce request
 * per broker (at most max.in.flight.requests.per.connection unanswered per broker), expires
 * batches past delivery.timeout.ms, handles answers (complete, retry with exponential backoff,
 * or fail), keeps the metadata fresh (every metadata.max.age.ms, and at once after a leader
 * error) through the least loaded broker, and for the idempotent producer gets a producer id
 * first. It sleeps until the next thing due (linger, backoff, expiry, metadata age) unless
 * woken by a send or an answer.
 */
export class Sender {
  private timer: Timer | null = null;
  private timerAtMs = Number.POSITIVE_INFINITY;
  private requestCounter = 0;
  private readonly inFlightBatches = new Map<string, ProducerBatch[]>();
  /** Metadata and InitProducerId requests in flight, per node (for leastLoadedNode). */
  private readonly otherInFlight = new Map<BrokerId, number>();
  private readonly unreachableUntilMs = new Map<BrokerId, number>();
  private metadataInFlight = false;
  private initProducerIdRetryAtMs = 0;
  private running = true;
  private forceClosed = false;
  /** Called once the sender has nothing left to do after close(). */
  onStopped: (() => void) | null = null;

  constructor(
    private readonly host: SenderHost,
    readonly accumulator: RecordAccumulator,
    readonly metadata: ProducerMetadata,
    readonly inFlightRequests: InFlightRequests,
    private readonly transactionManager: TransactionManager | null,
    private readonly retryBackoff: ExponentialBackoff,
    readonly config: SenderConfig,
    private readonly prng: Prng,
  ) {}

  private get sim() {
    return this.host.cluster.sim;
  }

  private get trace() {
    return this.host.cluster.trace;
  }

  /** Sender.wakeup: run the loop again in this instant. */
  wakeup(): void {
    this.scheduleRun(0);
  }

  isRunning(): boolean {
    return this.running;
  }

  /** Sender.initiateClose: send what is left, then stop. */
  initiateClose(): void {
    this.running = false;
    this.wakeup();
  }

  /** Sender.forceClose: stop now; incomplete batches fail. */
  forceClose(): void {
    this.running = false;
    this.forceClosed = true;
    this.timer?.cancel();
    this.timer = null;
  }

  /**
   * Runs the loop after `delayMs` unless it already runs by then. Called for every appended
   * record that fills a batch, so the usual case (a run already due) returns before anything is
   * allocated; the closure lives in armTimer, since a function that makes one pays for its
   * context on every call.
   */
  private scheduleRun(delayMs: number): void {
    if (this.forceClosed) return;
    const at = this.sim.nowMs + delayMs;
    if (this.timer !== null && this.timerAtMs <= at) return;
    this.armTimer(delayMs, at);
  }

  private armTimer(delayMs: number, at: number): void {
    this.timer?.cancel();
    this.timerAtMs = at;
    this.timer = this.sim.schedule(delayMs, () => {
      this.timer = null;
      this.timerAtMs = Number.POSITIVE_INFINITY;
      this.runOnce();
    });
  }

  /** Sender.runOnce: one pass of the loop. */
  runOnce(): void {
    if (this.forceClosed) return;
    const now = this.sim.nowMs;
    const tm = this.transactionManager;
    if (tm !== null) {
      tm.maybeResolveSequences();
      if (tm.bumpIdempotentEpochAndResetIdIfNeeded()) {
        const { producerId, epoch } = tm.producerIdAndEpoch();
        this.trace.emit({ t: now, type: "producer.init-id", client: this.host.clientId, producerId, producerEpoch: epoch, from: null });
      }
      if (!tm.hasProducerId()) this.maybeSendInitProducerId(now);
    }
    let pollTimeoutMs = this.sendProducerData(now);
    pollTimeoutMs = Math.min(pollTimeoutMs, this.maybeUpdateMetadata(now));
    if (tm !== null && !tm.hasProducerId() && tm.state !== "INITIALIZING") pollTimeoutMs = Math.min(pollTimeoutMs, Math.max(0, this.initProducerIdRetryAtMs - now));
    if (!this.running && !this.accumulator.hasUndrained() && this.inFlightRequests.count() === 0) {
      this.onStopped?.();
      this.onStopped = null;
      return;
    }
    if (Number.isFinite(pollTimeoutMs)) this.scheduleRun(Math.max(0, pollTimeoutMs));
  }

  /** Sender.sendProducerData: ready, drain, expire, send. Returns how long to sleep. */
  private sendProducerData(now: number): number {
    const { accumulator, metadata } = this;
    const result = accumulator.ready(metadata, now);
    if (result.unknownLeaderTopics.size > 0) {
      for (const topic of result.unknownLeaderTopics) metadata.add(topic);
      metadata.requestUpdate();
    }
    let notReadyTimeoutMs = Number.POSITIVE_INFINITY;
    const nodes: BrokerId[] = [];
    for (const node of result.readyNodes) {
      const until = this.unreachableUntilMs.get(node) ?? 0;
      if (until > now) {
        notReadyTimeoutMs = Math.min(notReadyTimeoutMs, until - now);
        continue;
      }
      // A full connection is woken by its next answer.
      if (this.inFlightRequests.canSendMore(node)) nodes.push(node);
    }
    const batchesByNode = accumulator.drain(metadata, nodes, this.config.maxRequestSize, now);
    let drained = false;
    for (const batches of batchesByNode.values()) {
      for (const batch of batches) {
        drained = true;
        this.addToInflightBatches(batch);
        if (this.config.guaranteeMessageOrder) accumulator.mutePartition(batch.topic, batch.partition);
      }
    }
    accumulator.resetNextBatchExpiryTime();
    const expiredInflight = this.getExpiredInflightBatches(now);
    const expired = accumulator.expiredBatches(now);
    expired.push(...expiredInflight);
    for (const batch of expired) {
      const message = `Expiring ${batch.recordCount} record(s) for ${tpKey(batch.topic, batch.partition)}:${now - batch.createdMs} ms has passed since batch creation`;
      this.failBatch(batch, timeoutException(message), false, true);
      if (this.transactionManager !== null && batch.retry) this.transactionManager.markSequenceUnresolved(batch);
    }
    let pollTimeoutMs = Math.min(result.nextReadyCheckDelayMs, notReadyTimeoutMs, accumulator.nextExpiryTimeMs() - now);
    pollTimeoutMs = Math.max(pollTimeoutMs, 0);
    // More may be sendable at once (max.request.size cut a drain short): look again now.
    if (drained && nodes.length > 0) pollTimeoutMs = 0;
    for (const [node, batches] of batchesByNode) if (batches.length > 0) this.sendProduceRequest(node, batches, now);
    return pollTimeoutMs;
  }

  private addToInflightBatches(batch: ProducerBatch): void {
    const key = batch.topicPartition;
    let list = this.inFlightBatches.get(key);
    if (!list) this.inFlightBatches.set(key, (list = []));
    list.push(batch);
  }

  private removeFromInflightBatches(batch: ProducerBatch): void {
    const key = batch.topicPartition;
    const list = this.inFlightBatches.get(key);
    if (!list) return;
    const i = list.indexOf(batch);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.inFlightBatches.delete(key);
  }

  /** Sender.getExpiredInflightBatches: sent batches past delivery.timeout.ms, per partition oldest first. */
  private getExpiredInflightBatches(now: number): ProducerBatch[] {
    const expired: ProducerBatch[] = [];
    for (const [key, list] of this.inFlightBatches) {
      while (list.length > 0) {
        const batch = list[0];
        if (!batch.hasReachedDeliveryTimeout(this.accumulator.config.deliveryTimeoutMs, now)) {
          this.accumulator.maybeUpdateNextBatchExpiryTime(batch);
          break;
        }
        list.shift();
        if (!batch.isDone()) expired.push(batch);
      }
      if (list.length === 0) this.inFlightBatches.delete(key);
    }
    return expired;
  }

  // ---- Produce requests ------------------------------------------------------------------

  private sendProduceRequest(node: BrokerId, batches: ProducerBatch[], now: number): void {
    const { acks, requestTimeoutMs } = this.config;
    const client = this.host.clientId;
    const full = this.host.fullTrace;
    const req: InFlightRequest = { id: this.requestCounter++, node, batches, sentMs: now };
    const ids = batches.map((b) => b.id);
    if (acks !== "0") this.inFlightRequests.add(req);
    this.trace.emit({ t: now, type: "producer.request", client, request: req.id, to: node, phase: "sent", batches: ids, inFlight: this.inFlightRequests.count(node) });
    for (const batch of batches) {
      batch.sent(now);
      this.trace.emit({
        t: now,
        type: "produce.sent",
        client,
        topic: batch.topic,
        partition: batch.partition,
        count: batch.recordCount,
        ids: full ? recordIds(batch) : [],
        acks,
        to: node,
      });
    }
    sendProduceRequest(
      this.host.cluster,
      this.host.endpoint,
      node,
      batches.map((b) => ({
        topic: b.topic,
        partition: b.partition,
        records: b.records,
        producerId: b.producerId,
        producerEpoch: b.producerEpoch,
        baseSequence: b.baseSequence,
        sizeInBytes: b.estimatedSizeInBytes,
      })),
      acks,
      requestTimeoutMs,
      (outcome) => this.handleProduceResponse(req, outcome),
    );
    if (acks === "0") {
      // acks=0: nobody answers; a batch counts as done once its request is on the wire.
      this.trace.emit({ t: now, type: "producer.request", client, request: req.id, to: node, phase: "completed", batches: ids, inFlight: this.inFlightRequests.count(node) });
      for (const batch of batches) this.completeBatch(batch, { error: "NONE", baseOffset: -1, detail: "" }, node, now);
    }
  }

  /** Sender.handleProduceResponse. */
  private handleProduceResponse(req: InFlightRequest, outcome: RequestOutcome<MultiPartitionProduceResponse>): void {
    if (this.forceClosed || !this.inFlightRequests.complete(req)) return;
    const now = this.sim.nowMs;
    const client = this.host.clientId;
    const ids = req.batches.map((b) => b.id);
    const inFlight = this.inFlightRequests.count(req.node);
    if (!outcome.ok) {
      const timedOut = outcome.error === "REQUEST_TIMED_OUT";
      this.trace.emit({ t: now, type: "producer.request", client, request: req.id, to: req.node, phase: timedOut ? "timed-out" : "failed", batches: ids, inFlight, error: outcome.error });
      const detail = timedOut
        ? `no response from broker ${req.node} within request.timeout.ms (${this.config.requestTimeoutMs} ms)`
        : `connection to broker ${req.node} refused`;
      if (!timedOut) this.unreachableUntilMs.set(req.node, now + RECONNECT_BACKOFF_MS);
      // NetworkClient asks for new metadata after a disconnect.
      this.metadata.requestUpdate();
      for (const batch of req.batches) this.completeBatch(batch, { error: outcome.error, baseOffset: -1, detail }, req.node, now);
    } else {
      let errors: string[] | null = null;
      for (const r of outcome.response) if (r.error !== "NONE") (errors ??= []).push(r.error);
      this.trace.emit({
        t: now,
        type: "producer.request",
        client,
        request: req.id,
        to: req.node,
        phase: "completed",
        batches: ids,
        inFlight,
        ...(errors !== null ? { error: [...new Set(errors)].join(",") } : {}),
      });
      const { batches } = req;
      for (let i = 0; i < batches.length; i++) this.completeBatch(batches[i], outcome.response[i], req.node, now);
    }
    this.wakeup();
  }

  /** Sender.completeBatch: success, retry or failure of one batch. */
  private completeBatch(batch: ProducerBatch, response: ProduceResponse, from: BrokerId, now: number): void {
    const error: string = response.error;
    if (error === "NONE") {
      this.completeBatchSuccessfully(batch, response.baseOffset, from, now);
    } else {
      if (this.canRetry(batch, error, now)) {
        this.reenqueueBatch(batch, `${error}: ${response.detail}`, now);
      } else if (error === "DUPLICATE_SEQUENCE_NUMBER") {
        // The broker already has this batch: a success, offset unknown.
        this.completeBatchSuccessfully(batch, response.baseOffset, from, now);
      } else {
        this.failBatch(batch, brokerError(error, response.detail || error), batch.attempts < this.config.retries, false);
      }
      if (INVALID_METADATA_ERRORS.has(error)) this.metadata.requestUpdate();
    }
    if (this.config.guaranteeMessageOrder) this.accumulator.unmutePartition(batch.topic, batch.partition);
  }

  /** Sender.canRetry. */
  private canRetry(batch: ProducerBatch, error: string, now: number): boolean {
    if (batch.hasReachedDeliveryTimeout(this.accumulator.config.deliveryTimeoutMs, now)) return false;
    // attempts counts re-sends (Kafka's), so `retries` re-sends are allowed after the first send.
    if (batch.attempts >= this.config.retries || batch.isDone()) return false;
    const retriable = RETRIABLE_ERRORS.has(error);
    return this.transactionManager === null ? retriable : this.transactionManager.canRetry(error, batch, retriable);
  }

  private reenqueueBatch(batch: ProducerBatch, reason: string, now: number): void {
    // Kafka's ready() backs off by backoff(attempts() - 1) after reenqueued() counted this retry:
    // the same value as backoff(attempts) before it.
    const backoffMs = this.retryBackoff.backoff(batch.attempts);
    this.removeFromInflightBatches(batch);
    this.accumulator.reenqueue(batch, now, backoffMs, reason);
    // The backoff is a simulation event that comes back to the batch's machine.
    this.sim.schedule(backoffMs, () => {
      batch.backoffElapsed();
      this.wakeup();
    });
  }

  private completeBatchSuccessfully(batch: ProducerBatch, baseOffset: number, from: BrokerId, now: number): void {
    // Even a batch that already expired moves the last acknowledged sequence (it did land).
    this.transactionManager?.handleCompletedBatch(batch);
    this.removeFromInflightBatches(batch);
    if (batch.isDone()) return;
    const full = this.host.fullTrace;
    let latencyMs: number[] = [];
    if (full) {
      latencyMs = new Array(batch.sendTimesMs.length);
      for (let i = 0; i < latencyMs.length; i++) latencyMs[i] = now - batch.sendTimesMs[i];
    }
    this.trace.emit({
      t: now,
      type: "produce.acked",
      client: this.host.clientId,
      topic: batch.topic,
      partition: batch.partition,
      count: batch.recordCount,
      ids: full ? recordIds(batch) : [],
      baseOffset,
      acks: this.config.acks,
      from: this.config.acks === "0" ? null : from,
      latencyMs,
    });
    batch.complete(baseOffset, this.config.acks === "0" ? "sent (acks=0)" : `acknowledged by broker ${from} at offset ${baseOffset}`);
    this.accumulator.deallocate(batch);
  }

  /** Sender.failBatch. */
  private failBatch(batch: ProducerBatch, exception: ProducerException, adjustSequenceNumbers: boolean, expired: boolean): void {
    this.transactionManager?.handleFailedBatch(batch, exception.errorName, adjustSequenceNumbers);
    this.removeFromInflightBatches(batch);
    if (batch.isDone()) return;
    this.trace.emit({
      t: this.sim.nowMs,
      type: "produce.failed",
      client: this.host.clientId,
      topic: batch.topic,
      partition: batch.partition,
      count: batch.recordCount,
      ids: this.host.fullTrace ? recordIds(batch) : [],
      error: exception.errorName,
      detail: exception.message,
    });
    batch.completeExceptionally(exception, expired);
    this.accumulator.deallocate(batch);
  }

  /** Fails every incomplete batch (close with a zero timeout). */
  abortIncompleteBatches(exception: ProducerException): void {
    for (const batch of this.accumulator.incompleteBatches()) {
      this.accumulator.removeFromDeque(batch);
      this.failBatch(batch, exception, false, false);
    }
  }

  // ---- Metadata and InitProducerId ---------------------------------------------------------

  /**
   * NetworkClient.leastLoadedNode: from a random start, the first broker with nothing in
   * flight, else the one with the fewest requests in flight; brokers that just refused a
   * connection are skipped while in reconnect backoff.
   */
  leastLoadedNode(now: number): BrokerId | null {
    const nodes = this.metadata.brokers;
    if (nodes.length === 0) return null;
    const offset = randomInt(this.prng, 0, nodes.length - 1);
    let best: BrokerId | null = null;
    let bestInFlight = Number.POSITIVE_INFINITY;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[(offset + i) % nodes.length];
      if ((this.unreachableUntilMs.get(node) ?? 0) > now) continue;
      const inFlight = this.inFlightRequests.count(node) + (this.otherInFlight.get(node) ?? 0);
      if (inFlight === 0) return node;
      if (inFlight < bestInFlight) {
        bestInFlight = inFlight;
        best = node;
      }
    }
    return best;
  }

  private trackOther(node: BrokerId, delta: number): void {
    this.otherInFlight.set(node, (this.otherInFlight.get(node) ?? 0) + delta);
  }

  /** DefaultMetadataUpdater.maybeUpdate: refresh when due. Returns ms until the next refresh is due. */
  private maybeUpdateMetadata(now: number): number {
    const metadata = this.metadata;
    if (metadata.topicCount() === 0 && !metadata.updateRequested()) return Number.POSITIVE_INFINITY;
    if (this.metadataInFlight) return Number.POSITIVE_INFINITY;
    const wait = metadata.timeToNextUpdate(now);
    if (wait > 0) return wait;
    const node = this.leastLoadedNode(now);
    if (node === null) return RECONNECT_BACKOFF_MS;
    this.metadataInFlight = true;
    this.trackOther(node, 1);
    const topics = metadata.topicList();
    const cluster = this.host.cluster;
    request<ClientMetadataResponse | null>(
      cluster.sim,
      cluster.net,
      this.host.endpoint,
      brokerNodeId(node),
      "Metadata",
      (respond) => {
        const broker = cluster.broker(node);
        respond(broker && broker.metadata.controllerEpoch >= 0 ? broker.metadata.metadataResponse(topics) : null);
      },
      (outcome) => {
        this.metadataInFlight = false;
        this.trackOther(node, -1);
        if (this.forceClosed) return;
        const at = this.sim.nowMs;
        if (!outcome.ok || outcome.response === null) {
          if (outcome.ok === false && outcome.error === "NETWORK_EXCEPTION") this.unreachableUntilMs.set(node, at + RECONNECT_BACKOFF_MS);
          metadata.failedUpdate(at);
        } else {
          metadata.update(outcome.response, at);
          this.trace.emit({ t: at, type: "client.metadata", client: this.host.clientId, from: node, leaders: metadata.leaders() });
        }
        this.wakeup();
      },
      this.config.requestTimeoutMs,
    );
    return Number.POSITIVE_INFINITY;
  }

  /** The idempotent producer's first request: InitProducerId to the least loaded broker. */
  private maybeSendInitProducerId(now: number): void {
    const tm = this.transactionManager!;
    if (tm.state === "INITIALIZING" || now < this.initProducerIdRetryAtMs) return;
    const node = this.leastLoadedNode(now);
    if (node === null) return;
    tm.state = "INITIALIZING";
    this.trackOther(node, 1);
    const cluster = this.host.cluster;
    request<InitProducerIdResponse>(
      cluster.sim,
      cluster.net,
      this.host.endpoint,
      brokerNodeId(node),
      "InitProducerId",
      (respond) => cluster.broker(node)?.handleInitProducerId(respond),
      (outcome) => {
        this.trackOther(node, -1);
        if (this.forceClosed) return;
        const at = this.sim.nowMs;
        if (outcome.ok && outcome.response.error === "NONE") {
          const { producerId, producerEpoch } = outcome.response;
          tm.setProducerIdAndEpoch({ producerId, epoch: producerEpoch });
          this.trace.emit({ t: at, type: "producer.init-id", client: this.host.clientId, producerId, producerEpoch, from: node });
        } else {
          tm.state = "UNINITIALIZED";
          this.initProducerIdRetryAtMs = at + this.retryBackoff.initialIntervalMs;
          if (!outcome.ok && outcome.error === "NETWORK_EXCEPTION") this.unreachableUntilMs.set(node, at + RECONNECT_BACKOFF_MS);
        }
        this.wakeup();
      },
      this.config.requestTimeoutMs,
    );
  }
}

function recordIds(batch: ProducerBatch): string[] {
  const ids = new Array<string>(batch.records.length);
  for (let i = 0; i < ids.length; i++) ids[i] = batch.records[i].id ?? "";
  return ids;
}
