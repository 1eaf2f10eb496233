import type { Cluster } from "../cluster/cluster.js";
import { utf8Length, type SimRecord } from "../cluster/log/index.js";
import type { Acks } from "../cluster/replica-manager.js";
import type { Endpoint } from "../cluster/rpc.js";
import { resolveProducerConfig, type ResolvedConfig } from "../config/index.js";
import { prngFor } from "../kernel/prng.js";
import type { ProducerRecordStage } from "../kernel/trace.js";
import { BufferPool } from "./buffer-pool.js";
import { configureDeliveryTimeout } from "./delivery-timeout.js";
import { ProducerException, timeoutException } from "./errors.js";
import { ExponentialBackoff } from "./exponential-backoff.js";
import { InFlightRequests } from "./in-flight-requests.js";
import { ProducerInterceptors, type ProducerInterceptor } from "./interceptors.js";
import {
  decidePartition,
  partitionerFromFunction,
  RoundRobinPartitioner,
  UniformStickyPartitioner,
  utf8,
  type ChoosePartitionInput,
  type PartitionFunction,
  type Partitioner,
} from "./partitioner/index.js";
import { Completion, ProduceFuture, type SendCallback } from "./produce-future.js";
import type { ProducerBatch } from "./producer-batch.js";
import { ProducerMetadata } from "./producer-metadata.js";
import type { ProducerRecord } from "./record.js";
import { RecordAccumulator, type AppendHost, type AppendRequest, type RecordAppendResult } from "./record-accumulator.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
import { estimateSizeInBytesUpperBound, headersSizeInBytes } from "./record-size.js";
import { Sender } from "./sender.js";
import { StringSerializer, type Serializer } from "./serializers.js";
import { TransactionManager } from "./transaction-manager.js";

/** The pluggable parts of a producer; each defaults to Kafka's usual choice. */
export interface KafkaProducerOptions {
  /** key.serializer; StringSerializer by default. */
  keySerializer?: Serializer<any>;
  /** value.serializer; StringSerializer by default. */
  valueSerializer?: Serializer<any>;
  /** interceptor.classes, in order. */
  interceptors?: readonly ProducerInterceptor[];
  /** partitioner.class: a Partitioner or a plain function; unset uses the built-in partitioner. */
  partitioner?: Partitioner | PartitionFunction;
}

interface SendOp {
  readonly record: ProducerRecord<unknown, unknown>;
  /** Null for sendWithoutFuture (until flush() needs one). */
  future: ProduceFuture | null;
  /** Send order: the n of the record id "client#n". */
  readonly n: number;
  /** Simulated time of the send() call. */
  readonly sendMs: number;
  /** The partition decided before a wait for memory (-1 for the sticky partitioner). */
  partition: number;
  /** The record id "client#n", made when first needed (trace level full, errors). */
  id: string | null;
}

function emptySendOp(): Mutable<SendOp> {
  return { record: null as unknown as ProducerRecord<unknown, unknown>, future: null, n: 0, sendMs: 0, partition: -1, id: null };
}

/** Partitioner class names partitioner.class accepts. */
const PARTITIONER_CLASSES = ["org.apache.kafka.clients.producer.RoundRobinPartitioner", "org.apache.kafka.clients.producer.UniformStickyPartitioner"];

const KEY_BYTES_CACHE_LIMIT = 4096;

/**
 * Kafka's KafkaProducer on the simulated cluster. send() runs Kafka's doSend steps in
 * simulated time: interceptors (ProducerInterceptors.onSend), waitOnMetadata (up to
 * max.block.ms), serialize, partition, ensureValidRecordSize, RecordAccumulator.append (which
 * may wait for buffer memory, also up to max.block.ms); the Sender sends the batches.
 *
 * The application thread is modelled too: while a send waits (for metadata or memory), later
 * send() calls queue behind it and run in order when it resumes, as the calls of a blocked
 * thread would. send() returns a ProduceFuture that completes when the broker answers.
 * To wait for it from a script, use sendSync (it runs the simulation until the future is done).
 *
 * Simplification: Kafka's send() throws SerializationException (and IllegalArgumentException
 * for a bad partition) to the caller; here those fail the send's future instead, because a
 * simulated send may still be queued behind a blocked one when it fails. send() throws only
 * IllegalStateException after close().
 */
export class KafkaProducer implements AppendHost {
  readonly config: ResolvedConfig<"producer">;
  readonly metadata: ProducerMetadata;
  readonly accumulator: RecordAccumulator;
  readonly bufferPool: BufferPool;
  readonly sender: Sender;
  readonly inFlightRequests: InFlightRequests;
  readonly transactionManager: TransactionManager | null;
  readonly interceptors: ProducerInterceptors;
  readonly partitioner: Partitioner | null;
  private readonly keySerializer: Serializer<any>;
  private readonly valueSerializer: Serializer<any>;
  private readonly acks: Acks;
  private readonly maxBlockMs: number;
  private readonly maxRequestSize: number;
  private readonly totalMemorySize: number;
  private readonly fullTrace: boolean;
  private sendCount = 0;
  private readonly pending: SendOp[] = [];
  private blocked = false;
  private readonly unblockedListeners: (() => void)[] = [];
  private closed = false;
  private closeCompletion: Completion | null = null;
  private readonly keyBytesCache = new Map<string, Uint8Array>();
  private lastValue: string | null = null;
  private lastValueLength = -1;
  /** Reused for every append (see RecordAccumulator.append). */
  private appendRequest: Mutable<AppendRequest> = {
    topic: "",
    partition: -1,
    record: null as unknown as SimRecord,
    keyLength: -1,
    valueLength: -1,
    headersSize: 1,
    sizeUpperBound: 0,
    future: null,
    sendNumber: 0,
    sendMs: 0,
  };
  /** Reused input of decidePartition (KafkaProducer.partition), one per producer rather than per record. */
  private readonly partitionInput: Mutable<ChoosePartitionInput>;
  /** The last record built at trace level summary (see afterMetadata). */
  private lastSimRecord: SimRecord | null = null;
  /**
   * The SendOp of a fire-and-forget send that runs to its end at once, reused by the next one
   * (a million sends should not make a million SendOps); `keep` hands it over to a send that
   * has to wait and puts a fresh one in its place.
   */
  private scratchOp: Mutable<SendOp> = emptySendOp();
  private scratchInUse = false;

  constructor(
    readonly cluster: Cluster,
    readonly clientId: string,
    overrides: Readonly<Record<string, unknown>> = {},
    options: KafkaProducerOptions = {},
  ) {
    if (!/^[a-z][a-z0-9-]*$/.test(clientId)) throw new RangeError(`clientId "${clientId}" is not allowed: use lower-case letters, digits and '-', starting with a letter`);
    this.config = resolveProducerConfig(overrides);
    const c = this.config;
    const sim = cluster.sim;
    this.fullTrace = cluster.trace.level === "full";
    this.acks = c.acks as Acks;
    this.maxBlockMs = c["max.block.ms"];
    this.maxRequestSize = c["max.request.size"];
    this.totalMemorySize = c["buffer.memory"];
    this.keySerializer = options.keySerializer ?? StringSerializer;
    this.valueSerializer = options.valueSerializer ?? StringSerializer;
    this.interceptors = new ProducerInterceptors(options.interceptors ?? []);
    const seed = cluster.options.seed;
    const partitionerPrng = prngFor(seed, `producer:${clientId}:partitioner`);
    const nextInt = () => partitionerPrng.next();
    this.partitioner = partitionerOf(options.partitioner, c["partitioner.class"], nextInt);
    this.partitionInput = {
      topic: "",
      recordPartition: null,
      key: null,
      keyBytes: null,
      value: null,
      valueBytes: null,
      cluster: null as unknown as ProducerMetadata,
      partitioner: this.partitioner,
      partitionerIgnoreKeys: c["partitioner.ignore.keys"],
    };
    const endpoint: Endpoint = { nodeId: clientId, incarnation: 0, isCurrent: () => true };
    cluster.clientNodes.push(clientId);

    this.metadata = new ProducerMetadata([...cluster.brokers.keys()], c["metadata.max.age.ms"], c["retry.backoff.ms"]);
    this.partitionInput.cluster = this.metadata;
    this.bufferPool = new BufferPool(c["buffer.memory"], c["batch.size"], sim, () => this.emitBuffer());
    this.transactionManager = c["enable.idempotence"] ? new TransactionManager() : null;
    const trace = cluster.trace;
    this.accumulator = new RecordAccumulator(
      clientId,
      {
        batchSize: c["batch.size"],
        lingerMs: c["linger.ms"],
        deliveryTimeoutMs: configureDeliveryTimeout(c, overrides),
        enableAdaptivePartitioning: c["partitioner.adaptive.partitioning.enable"],
      },
      this.bufferPool,
      this.transactionManager,
      nextInt,
      (batch, state, reason) =>
        trace.emit({
          t: sim.nowMs,
          type: "producer.batch",
          client: clientId,
          batch: batch.id,
          topic: batch.topic,
          partition: batch.partition,
          state,
          count: batch.recordCount,
          bytes: batch.estimatedSizeInBytes,
          attempt: batch.sendAttempts,
          reason,
          baseSequence: batch.baseSequence,
        }),
      this.fullTrace,
    );
    this.inFlightRequests = new InFlightRequests(c["max.in.flight.requests.per.connection"]);
    const backoff = new ExponentialBackoff(c["retry.backoff.ms"], 2, c["retry.backoff.max.ms"], 0.2, prngFor(seed, `producer:${clientId}:retry-backoff`));
    this.sender = new Sender(
      { cluster, clientId, endpoint, fullTrace: this.fullTrace },
      this.accumulator,
      this.metadata,
      this.inFlightRequests,
      this.transactionManager,
      backoff,
      {
        acks: this.acks,
        maxRequestSize: c["max.request.size"],
        requestTimeoutMs: c["request.timeout.ms"],
        retries: c.retries,
        guaranteeMessageOrder: c["max.in.flight.requests.per.connection"] === 1,
      },
      prngFor(seed, `producer:${clientId}:least-loaded-node`),
    );
    trace.emit({ t: sim.nowMs, type: "producer.created", client: clientId, config: describeConfig(c) });
    // The idempotent producer asks for its id at once, as Kafka's Sender does on its first run.
    if (this.transactionManager) this.sender.wakeup();
  }

  // ---- send ---------------------------------------------------------------------------------

  /**
   * KafkaProducer.send: queues the record and returns its future. `callback` runs when the
   * send completes (after the interceptors' onAcknowledgement). Callbacks of one partition run
   * in send order.
   */
  send<K, V>(record: ProducerRecord<K, V>, callback?: SendCallback): ProduceFuture {
    if (this.closed) throw new ProducerException("IllegalStateException", "Cannot perform operation after producer has been closed");
    const future = new ProduceFuture(this.clientId, this.sendCount, this.cluster.sim.nowMs);
    if (!this.interceptors.isEmpty) future.onComplete((metadata, error) => this.interceptors.onAcknowledgement(metadata, error));
    if (callback) future.onComplete(callback);
    this.enqueue({ record: record as ProducerRecord<unknown, unknown>, future, n: this.sendCount++, sendMs: this.cluster.sim.nowMs, partition: -1, id: null });
    return future;
  }

  /**
   * send() for a driver that never reads the result (a scenario's workload): the same steps
   * and the same trace, without a future per record. Not part of Kafka's API.
   */
  sendWithoutFuture<K, V>(record: ProducerRecord<K, V>): void {
    if (!this.interceptors.isEmpty) {
      this.send(record);
      return;
    }
    if (this.closed) throw new ProducerException("IllegalStateException", "Cannot perform operation after producer has been closed");
    const n = this.sendCount++;
    const sendMs = this.cluster.sim.nowMs;
    if (this.blocked || this.scratchInUse) {
      this.enqueue({ record: record as ProducerRecord<unknown, unknown>, future: null, n, sendMs, partition: -1, id: null });
      return;
    }
    const op = this.scratchOp;
    op.record = record as ProducerRecord<unknown, unknown>;
    op.n = n;
    op.sendMs = sendMs;
    op.partition = -1;
    op.id = null;
    // No future means no callback can run inside doSend; the flag still guards a serializer or
    // partitioner that calls send() itself.
    this.scratchInUse = true;
    try {
      this.doSend(op);
    } finally {
      this.scratchInUse = false;
    }
  }

  /** `op` outlives the call that made it (it waits): a reused scratch op is handed over to it. */
  private keep(op: SendOp): SendOp {
    if (op === this.scratchOp) this.scratchOp = emptySendOp();
    return op;
  }

  private enqueue(op: SendOp): void {
    if (this.blocked) this.pending.push(op);
    else this.doSend(op);
  }

  private idOf(op: SendOp): string {
    return (op.id ??= `${this.clientId}#${op.n}`);
  }

  /**
   * A synchronous send, for scripts: send(), then run the simulation until the future is done
   * (at most max.block.ms + delivery.timeout.ms of simulated time), then get(): the record's
   * metadata, or the send's exception thrown. Cannot be called from inside a simulation event.
   */
  sendSync<K, V>(record: ProducerRecord<K, V>): ReturnType<ProduceFuture["get"]> {
    if (this.cluster.sim.isRunning) throw new Error("sendSync runs the simulation and cannot be called from inside a simulation event: use send() with a callback");
    const future = this.send(record);
    this.cluster.sim.runUntilDone(() => future.isDone(), this.maxBlockMs + this.accumulator.config.deliveryTimeoutMs + this.config["request.timeout.ms"]);
    return future.get();
  }

  /** True while a send waits for metadata or memory (the application thread is blocked). */
  isBlocked(): boolean {
    return this.blocked;
  }

  /** Runs `fn` once no send is blocked (at once if none is). */
  whenUnblocked(fn: () => void): void {
    if (!this.blocked) fn();
    else this.unblockedListeners.push(fn);
  }

  private stage(op: SendOp, stage: ProducerRecordStage, partition: number, detail: string, bytes?: number, batch?: string): void {
    const r = op.record;
    const t = this.cluster.sim.nowMs;
    const client = this.clientId;
    const id = this.idOf(op);
    const { topic } = r;
    const key = r.key === null || r.key === undefined ? null : String(r.key);
    // One literal per shape, keys in the same order (no spread of optional fields: it is slow,
    // and a trace must serialize byte for byte the same).
    this.cluster.trace.emit(
      bytes === undefined
        ? { t, type: "producer.record", client, id, stage, topic, partition, key, detail }
        : batch === undefined
          ? { t, type: "producer.record", client, id, stage, topic, partition, key, bytes, detail }
          : { t, type: "producer.record", client, id, stage, topic, partition, key, bytes, batch, detail },
    );
  }


  /** KafkaProducer.send + doSend, up to the first wait. */
  private doSend(op: SendOp): void {
    const full = this.fullTrace;
    const startMs = this.cluster.sim.nowMs;
    if (full) this.stage(op, "send", op.record.partition ?? -1, "KafkaProducer.send");
    let record = op.record;
    if (!this.interceptors.isEmpty) {
      const intercepted = this.interceptors.onSend(record);
      if ("filteredBy" in intercepted) {
        if (full) this.stage(op, "interceptor", -1, `dropped by ${intercepted.filteredBy}`);
        op.future?.succeed(record.topic, -1, -1, record.timestamp ?? startMs);
        return;
      }
      record = intercepted.record;
      if (full) this.stage(op, "interceptor", -1, `onSend: ${this.interceptors.interceptors.map((i) => i.name ?? "interceptor").join(", ")}`);
    }
    const interceptedOp: SendOp = record === op.record ? op : { record, future: op.future, n: op.n, sendMs: op.sendMs, partition: -1, id: op.id };
    const partition = record.partition ?? null;
    this.metadata.add(record.topic);
    const count = this.metadata.partitionCountForTopic(record.topic);
    if (count !== null && (partition === null || partition < count)) {
      this.afterMetadata(interceptedOp, startMs, this.maxBlockMs);
      return;
    }
    this.waitOnMetadata(interceptedOp, startMs);
  }

  /** KafkaProducer.waitOnMetadata when the topic (or the partition) is not known yet. */
  private waitOnMetadata(waiting: SendOp, startMs: number): void {
    const op = this.keep(waiting);
    const { topic } = op.record;
    const partition = op.record.partition ?? null;
    const sim = this.cluster.sim;
    if (this.fullTrace) this.stage(op, "wait-metadata", partition ?? -1, `waiting up to max.block.ms (${this.maxBlockMs} ms) for metadata of ${topic}`);
    this.block();
    this.metadata.requestUpdate();
    this.sender.wakeup();
    const check = () => {
      const count = this.metadata.partitionCountForTopic(topic);
      if (count !== null && (partition === null || partition < count)) {
        timer.cancel();
        unsubscribe();
        this.afterMetadata(op, startMs, Math.max(0, this.maxBlockMs - (sim.nowMs - startMs)));
        this.unblock();
        return;
      }
      this.metadata.requestUpdate();
    };
    const unsubscribe = this.metadata.onUpdate(check);
    const timer = sim.schedule(this.maxBlockMs, () => {
      unsubscribe();
      const count = this.metadata.partitionCountForTopic(topic);
      const message =
        count === null || partition === null
          ? `Topic ${topic} not present in metadata after ${this.maxBlockMs} ms.`
          : `Partition ${partition} of topic ${topic} with partition count ${count} is not present in metadata after ${this.maxBlockMs} ms.`;
      this.failSend(op, timeoutException(message), partition ?? -1);
      this.unblock();
    });
  }

  /** Serialize, partition, check the size, append. */
  private afterMetadata(op: SendOp, startMs: number, remainingWaitMs: number): void {
    const { record, future } = op;
    const { topic } = record;
    const full = this.fullTrace;
    const sim = this.cluster.sim;
    const key = record.key === undefined ? null : record.key;
    const value = record.value === undefined ? null : record.value;

    // ---- serialize
    let keyLength = -1;
    let keyBytes: Uint8Array | null = null;
    let valueLength = -1;
    let valueBytes: Uint8Array | null = null;
    const keyText = key === null ? null : String(key);
    try {
      if (key !== null) {
        if (this.keySerializer === StringSerializer) {
          keyBytes = this.keyBytesFor(keyText!);
        } else {
          keyBytes = this.keySerializer.serialize(topic, key);
        }
        keyLength = keyBytes === null ? -1 : keyBytes.length;
      }
    } catch (error) {
      return this.failSend(op, serializationError("key", error, this.idOf(op), topic), record.partition ?? -1);
    }
    try {
      if (value !== null) {
        if (this.valueSerializer === StringSerializer) {
          const text = String(value);
          if (text !== this.lastValue) {
            this.lastValue = text;
            this.lastValueLength = utf8Length(text);
          }
          valueLength = this.lastValueLength;
        } else {
          valueBytes = this.valueSerializer.serialize(topic, value);
          valueLength = valueBytes === null ? -1 : valueBytes.length;
        }
      }
    } catch (error) {
      return this.failSend(op, serializationError("value", error, this.idOf(op), topic), record.partition ?? -1);
    }
    if (full) this.stage(op, "serialize", record.partition ?? -1, "key and value serialized", Math.max(0, keyLength) + Math.max(0, valueLength));

    // ---- partition
    let partition: number;
    let rule: string;
    try {
      const input = this.partitionInput;
      input.topic = topic;
      input.recordPartition = record.partition ?? null;
      input.key = keyText;
      input.keyBytes = keyBytes;
      input.value = value;
      input.valueBytes = valueBytes ?? (value === null ? null : EMPTY_BYTES);
      const decision = decidePartition(input);
      partition = decision.partition;
      rule = decision.rule;
    } catch (error) {
      return this.failSend(op, new ProducerException("IllegalArgumentException", (error as Error).message), -1);
    }
    if (full) this.stage(op, "partition", partition, rule === "built-in-sticky" ? "built-in partitioner picks in the accumulator" : rule);

    // ---- ensureValidRecordSize
    const headersSize = headersSizeInBytes(record.headers, utf8Length);
    const serializedSize = estimateSizeInBytesUpperBound(keyLength, valueLength, headersSize);
    if (serializedSize > this.maxRequestSize) {
      return this.failSend(
        op,
        new ProducerException("RecordTooLargeException", `The message is ${serializedSize} bytes when serialized which is larger than ${this.maxRequestSize}, which is the value of the max.request.size configuration.`),
        partition,
      );
    }
    if (serializedSize > this.totalMemorySize) {
      return this.failSend(
        op,
        new ProducerException("RecordTooLargeException", `The message is ${serializedSize} bytes when serialized which is larger than the total memory buffer you have configured with the buffer.memory configuration.`),
        partition,
      );
    }

    // ---- RecordAccumulator.append
    const timestamp = record.timestamp ?? sim.nowMs;
    const valueText = value === null ? null : String(value);
    let simRecord: SimRecord;
    if (full) {
      const id = this.idOf(op);
      simRecord = record.headers ? { key: keyText, value: valueText, timestamp, id, headers: record.headers } : { key: keyText, value: valueText, timestamp, id };
    } else if (!record.headers) {
      // Without ids, equal records are interchangeable and immutable: consecutive equal records
      // share one object, so a summary run does not keep a million copies in the logs.
      const last = this.lastSimRecord;
      simRecord = last !== null && last.key === keyText && last.value === valueText && last.timestamp === timestamp ? last : { key: keyText, value: valueText, timestamp };
      this.lastSimRecord = simRecord;
    } else {
      simRecord = { key: keyText, value: valueText, timestamp, headers: record.headers };
    }
    const request = this.appendRequest;
    request.topic = topic;
    request.partition = partition;
    request.record = simRecord;
    request.keyLength = keyLength;
    request.valueLength = valueLength;
    request.headersSize = headersSize;
    request.sizeUpperBound = serializedSize;
    request.future = future;
    request.sendNumber = op.n;
    request.sendMs = op.sendMs;
    let result: RecordAppendResult | null;
    try {
      // Kafka 3.x (KIP-480) told a partitioner that has onNewBatch when its partition's batch was
      // done, then asked it again; Kafka 4 removed that hook, so only the 3.x partitioners kept
      // here (UniformStickyPartitioner, RoundRobinPartitioner) take this path.
      const onNewBatch = this.partitioner?.onNewBatch;
      result = this.accumulator.append(request, remainingWaitMs, sim.nowMs, this.metadata, this, op, onNewBatch !== undefined && record.partition == null);
      if (result !== null && result.abortForNewBatch) {
        this.partitioner!.onNewBatch!(topic, this.metadata, partition);
        partition = decidePartition(this.partitionInput).partition;
        request.partition = partition;
        if (full) this.stage(op, "partition", partition, `a new batch was needed: onNewBatch, then the partitioner chose again`);
        result = this.accumulator.append(request, remainingWaitMs, sim.nowMs, this.metadata, this, op);
      }
    } catch (error) {
      if (error instanceof ProducerException) return this.failSend(op, error, partition);
      throw error;
    }
    if (result === null) {
      // The accumulator keeps the request and the op while it waits: the next send needs fresh ones.
      this.appendRequest = { ...request };
      this.keep(op);
      op.partition = partition;
      if (full) this.stage(op, "blocked", partition, `waiting up to ${remainingWaitMs} ms for buffer.memory (${this.bufferPool.availableMemory()} of ${this.totalMemorySize} bytes free)`);
      this.block();
      return;
    }
    this.appended(op, result);
  }

  /** AppendHost: a blocked append ended (memory came, or max.block.ms passed). */
  appendUnblocked(context: unknown, outcome: RecordAppendResult | ProducerException): void {
    const op = context as SendOp;
    if (outcome instanceof ProducerException) this.failSend(op, outcome, op.partition);
    else this.appended(op, outcome);
    this.unblock();
  }

  /** AppendHost: the simulation's clock. */
  nowMs(): number {
    return this.cluster.sim.nowMs;
  }

  private appended(op: SendOp, result: RecordAppendResult): void {
    if (this.fullTrace) this.stage(op, "append", result.partition, `appended to batch ${result.batch.id}${result.newBatchCreated ? " (new batch)" : ""}`, result.appendedBytes, result.batch.id);
    if (result.batchIsFull || result.newBatchCreated) this.sender.wakeup();
  }

  private keyBytesFor(key: string): Uint8Array {
    let bytes = this.keyBytesCache.get(key);
    if (bytes === undefined) {
      bytes = StringSerializer.serialize("", key)!;
      if (this.keyBytesCache.size >= KEY_BYTES_CACHE_LIMIT) this.keyBytesCache.clear();
      this.keyBytesCache.set(key, bytes);
    }
    return bytes;
  }

  /** The send fails before reaching a batch: the future fails, and the trace says why. */
  private failSend(op: SendOp, error: ProducerException, partition: number): void {
    const t = this.cluster.sim.nowMs;
    if (this.fullTrace) this.stage(op, "error", partition, `${error.name}: ${error.message}`);
    this.cluster.trace.emit({
      t,
      type: "produce.failed",
      client: this.clientId,
      topic: op.record.topic,
      partition,
      count: 1,
      ids: this.fullTrace ? [this.idOf(op)] : [],
      error: error.name,
      detail: error.message,
    });
    op.future?.fail(error);
  }

  private block(): void {
    this.blocked = true;
  }

  /** The blocked send finished: queued sends run, in order, until one blocks again. */
  private unblock(): void {
    this.blocked = false;
    while (!this.blocked && this.pending.length > 0) this.doSend(this.pending.shift()!);
    if (this.blocked) return;
    const listeners = this.unblockedListeners.splice(0);
    for (const fn of listeners) fn();
  }

  // ---- flush and close ----------------------------------------------------------------------

  /**
   * KafkaProducer.flush: makes every buffered batch sendable now (ignoring linger.ms) and
   * completes once every record sent before the call has completed.
   */
  flush(): Completion {
    const completion = new Completion();
    this.accumulator.beginFlush();
    this.sender.wakeup();
    // Every batch incomplete now, and every send still waiting in send(), must complete.
    const waits: ((done: () => void) => void)[] = [];
    for (const batch of this.accumulator.incompleteBatches()) if (!batch.isDone()) waits.push((done) => batch.onDone(done));
    for (const op of this.pending) {
      const future = (op.future ??= new ProduceFuture(this.clientId, op.n, op.sendMs));
      waits.push((done) => future.onComplete(() => done()));
    }
    let remaining = waits.length;
    const finish = () => {
      this.accumulator.endFlush();
      completion.finish();
    };
    if (remaining === 0) finish();
    for (const wait of waits) wait(() => {
      if (--remaining === 0) finish();
    });
    return completion;
  }

  /**
   * KafkaProducer.close. By default it is graceful: no new sends, everything buffered is sent
   * and answered, then the producer stops. With timeoutMs 0 it stops at once and fails every
   * incomplete batch ("Producer is closed forcefully.").
   */
  close(options: { timeoutMs?: number } = {}): Completion {
    if (this.closeCompletion) return this.closeCompletion;
    const completion = (this.closeCompletion = new Completion());
    this.closed = true;
    const done = () => {
      this.interceptors.close();
      this.partitioner?.close?.();
      completion.finish();
    };
    if (options.timeoutMs === 0) {
      this.accumulator.close();
      this.sender.forceClose();
      this.sender.abortIncompleteBatches(new ProducerException("KafkaException", "Producer is closed forcefully."));
      done();
      return completion;
    }
    this.sender.onStopped = done;
    this.accumulator.close();
    this.sender.initiateClose();
    if (options.timeoutMs !== undefined) {
      this.cluster.sim.schedule(options.timeoutMs, () => {
        if (completion.isDone()) return;
        this.sender.forceClose();
        this.sender.abortIncompleteBatches(new ProducerException("KafkaException", "Producer is closed forcefully."));
        done();
      });
    }
    return completion;
  }

  isClosed(): boolean {
    return this.closed;
  }

  // ---- views --------------------------------------------------------------------------------

  private emitBuffer(): void {
    const pool = this.bufferPool;
    if (!pool) return;
    this.cluster.trace.emit({
      t: this.cluster.sim.nowMs,
      type: "producer.buffer",
      client: this.clientId,
      usedBytes: pool.usedMemory(),
      availableBytes: pool.availableMemory(),
      totalBytes: pool.totalMemory,
      waiting: pool.queued(),
    });
  }

  /** Batches not yet completed (in the accumulator or in flight). */
  incompleteBatches(): ProducerBatch[] {
    return this.accumulator.incompleteBatches();
  }
}

const EMPTY_BYTES = new Uint8Array(0);

function serializationError(what: "key" | "value", error: unknown, id: string, topic: string): ProducerException {
  const reason = error instanceof Error ? error.message : String(error);
  return new ProducerException("SerializationException", `Could not serialize the ${what} of record ${id} for topic ${topic}: ${reason}`);
}

function partitionerOf(option: Partitioner | PartitionFunction | undefined, className: string | null, nextInt: () => number): Partitioner | null {
  if (typeof option === "function") return partitionerFromFunction(option);
  if (option) return option;
  if (className === null) return null;
  const short = className.slice(className.lastIndexOf(".") + 1);
  if (short === "RoundRobinPartitioner") return new RoundRobinPartitioner();
  if (short === "UniformStickyPartitioner") return new UniformStickyPartitioner(nextInt);
  throw new ProducerException(
    "ConfigException",
    `Invalid value ${className} for configuration partitioner.class: Class ${className} could not be found. Allowed here: ${PARTITIONER_CLASSES.join(", ")}, or pass a partitioner object.`,
  );
}

/** The resolved settings a reader of the trace needs to understand the producer's behaviour. */
function describeConfig(c: ResolvedConfig<"producer">): Record<string, string | number | boolean | null> {
  const keys = [
    "acks",
    "enable.idempotence",
    "max.in.flight.requests.per.connection",
    "retries",
    "batch.size",
    "linger.ms",
    "buffer.memory",
    "max.block.ms",
    "max.request.size",
    "request.timeout.ms",
    "delivery.timeout.ms",
    "retry.backoff.ms",
    "retry.backoff.max.ms",
    "metadata.max.age.ms",
    "partitioner.class",
    "partitioner.ignore.keys",
  ] as const;
  const result: Record<string, string | number | boolean | null> = {};
  for (const key of keys) result[key] = c[key] as string | number | boolean | null;
  return result;
}
