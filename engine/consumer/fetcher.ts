import type { RecordBatch } from "../cluster/log/index.js";
import type { FetchResponse } from "../cluster/replica-manager.js";
import { request } from "../cluster/rpc.js";
import { brokerNodeId } from "../cluster/types.js";
import type { TopicPartition } from "./assignors/types.js";
import type { ConsumerMetadata, ConsumerNode } from "./consumer-metadata.js";
import type { ConsumerRecord } from "./consumer-record.js";
import type { Deserializer } from "./deserializers.js";
import { offsetOutOfRange, recordDeserializationException, type ConsumerException } from "./errors.js";
import type { SubscriptionState, TopicPartitionState } from "./subscription-state.js";

export interface FetchSettings {
  client: string;
  group: string;
  fetchMaxWaitMs: number;
  maxPartitionFetchBytes: number;
  requestTimeoutMs: number;
  retryBackoffMs: number;
}

/**
 * Records fetched for one partition and not yet returned by poll() (Kafka's CompletedFetch). It
 * keeps the fetched batches as they came and a cursor into them: a ConsumerRecord is only made
 * when poll() hands the record out.
 */
interface CompletedFetch {
  tp: TopicPartition;
  key: string;
  /** The position the fetch was sent for: stale if the position moved since (seek, reset). */
  fetchOffset: number;
  batches: readonly RecordBatch[];
  /** The offset of the next record to hand out. */
  nextOffset: number;
  /** The batch holding nextOffset. */
  batchIndex: number;
  /** One past the last offset that may be handed out (the high watermark, or the end of the data). */
  endOffset: number;
}

const NO_HEADERS: readonly (readonly [string, string])[] = [];

/** True while some fetched records of this partition have not been handed out. */
function hasRemaining(c: CompletedFetch): boolean {
  return c.nextOffset < c.endOffset;
}

/** What one collectFetch gives back: records, or the exception poll() must throw. */
export interface Fetch<K, V> {
  records: ConsumerRecord<K, V>[];
  error: ConsumerException | null;
}

/**
 * Kafka's Fetcher (AbstractFetch): sends a fetch for every fetchable partition that has no
 * buffered data and no fetch in flight, buffers what comes back, and hands out at most
 * max.poll.records per poll(), moving each partition's position as it does. OFFSET_OUT_OF_RANGE
 * (the position fell below the log start after retention, or beyond the end) asks for a reset
 * per auto.offset.reset, or fails poll() with OffsetOutOfRangeException when the policy is none.
 * Simplification: one Fetch request per partition, not one per leader broker.
 * Simplification: positions carry no leader epoch, so there is no KIP-320 position validation
 * (OffsetsForLeaderEpoch) after a leader change; a truncated position shows up as OFFSET_OUT_OF_RANGE.
 */
export class Fetcher<K, V> {
  private readonly completed: CompletedFetch[] = [];
  private readonly inFlight = new Set<string>();
  private pendingError: ConsumerException | null = null;
  /** Called when a fetch response arrives (the poll loop may be waiting for it). */
  onData: () => void = () => {};

  constructor(
    private readonly node: ConsumerNode,
    private readonly metadata: ConsumerMetadata,
    private readonly subscriptions: SubscriptionState,
    private readonly settings: FetchSettings,
    private readonly keyDeserializer: Deserializer<K>,
    private readonly valueDeserializer: Deserializer<V>,
  ) {}

  hasBufferedData(): boolean {
    return this.pendingError !== null || this.completed.some((c) => hasRemaining(c) && this.isStillFetchable(c));
  }

  private isStillFetchable(c: CompletedFetch): boolean {
    const s = this.subscriptions.stateByKey(c.key);
    return !!s && !s.paused && s.position !== null && s.resetStrategy === null && c.nextOffset === s.position;
  }

  /**
   * Drops buffered data of partitions no longer assigned, whose position moved (seek), or whose
   * position is being reset (seekToBeginning/seekToEnd, auto.offset.reset): Kafka's
   * FetchCollector drains those ("no longer fetchable") rather than return them.
   */
  private pruneBuffer(): void {
    for (let i = this.completed.length - 1; i >= 0; i--) {
      const c = this.completed[i];
      const s = this.subscriptions.stateByKey(c.key);
      if (!s || !hasRemaining(c) || s.resetStrategy !== null || (s.position !== null && c.nextOffset !== s.position)) this.completed.splice(i, 1);
    }
  }

  private isBuffered(key: string): boolean {
    for (const c of this.completed) if (c.key === key) return true;
    return false;
  }

  /** Sends fetches for every fetchable partition without buffered data or an outstanding fetch. */
  sendFetches(): void {
    if (this.completed.length > 0) this.pruneBuffer();
    for (const s of this.subscriptions.statesView()) {
      if (!this.subscriptions.isFetchable(s) || this.inFlight.has(s.key) || this.isBuffered(s.key)) continue;
      this.fetch(s);
    }
  }

  private fetch(s: TopicPartitionState): void {
    const { topic, partition } = s.tp;
    const leader = this.metadata.leaderFor(topic, partition);
    if (leader === null) {
      this.metadata.update();
      return;
    }
    const key = s.key;
    const fetchOffset = s.position!;
    this.inFlight.add(key);
    const cluster = this.node.cluster;
    request<FetchResponse>(
      cluster.sim,
      cluster.net,
      this.node,
      brokerNodeId(leader),
      "Fetch",
      (respond) => {
        const broker = cluster.broker(leader);
        if (!broker) return;
        broker.replicaManager.handleFetch(-1, topic, partition, fetchOffset, -1, this.settings.fetchMaxWaitMs, this.settings.maxPartitionFetchBytes, respond);
      },
      (outcome) => {
        this.inFlight.delete(key);
        const current = this.subscriptions.stateByKey(key);
        // The partition was revoked, or the application moved its position while we waited.
        if (!current || current.position !== fetchOffset) return this.onData();
        if (!outcome.ok) {
          this.metadata.update();
          return this.retryLater();
        }
        this.handleResponse(current, fetchOffset, outcome.response);
      },
      this.settings.requestTimeoutMs,
    );
  }

  private retryLater(): void {
    this.node.after(this.settings.retryBackoffMs, () => this.onData());
  }

  private handleResponse(s: TopicPartitionState, fetchOffset: number, response: FetchResponse): void {
    if (response.error === "OFFSET_OUT_OF_RANGE") {
      s.highWatermark = response.highWatermark;
      s.logStartOffset = response.logStartOffset;
      const strategy = this.subscriptions.defaultResetStrategy;
      if (strategy === "none") this.pendingError = offsetOutOfRange(s.tp, fetchOffset);
      else this.subscriptions.requestOffsetReset(s.tp, strategy, `fetch offset ${fetchOffset} is out of range [${response.logStartOffset}, ${response.logEndOffset}] (OFFSET_OUT_OF_RANGE)`);
      return this.onData();
    }
    if (response.error !== "NONE") {
      this.metadata.update();
      return this.retryLater();
    }
    s.highWatermark = response.highWatermark;
    s.logStartOffset = response.logStartOffset;
    // Only records in [fetchOffset, high watermark) are handed out; the batches are kept as they came.
    const batches = response.batches.filter((b) => b.records.length > 0 && b.baseOffset + b.records.length > fetchOffset && b.baseOffset < response.highWatermark);
    if (batches.length > 0) {
      const last = batches[batches.length - 1];
      const nextOffset = Math.max(fetchOffset, batches[0].baseOffset);
      const endOffset = Math.min(response.highWatermark, last.baseOffset + last.records.length);
      if (nextOffset < endOffset) this.completed.push({ tp: s.tp, key: s.key, fetchOffset, batches, nextOffset, batchIndex: 0, endOffset });
    }
    this.onData();
  }

  /**
   * Kafka's FetchCollector.collectFetch: up to maxPollRecords records, partition by partition in
   * the order their fetches completed, each partition's position moved past what is returned.
   * A record that fails to deserialize stops the batch; if it is the first, poll() throws, and
   * keeps throwing until the application seeks past it.
   */
  collectFetch(maxPollRecords: number): Fetch<K, V> {
    if (this.pendingError) {
      const error = this.pendingError;
      this.pendingError = null;
      return { records: [], error };
    }
    if (this.completed.length === 0) return { records: [], error: null };
    this.pruneBuffer();
    const out: ConsumerRecord<K, V>[] = [];
    for (const c of this.completed) {
      if (out.length >= maxPollRecords) break;
      const s = this.subscriptions.stateByKey(c.key);
      if (!s || s.paused || s.position === null || s.pendingRevocation) continue;
      const { topic, partition } = c.tp;
      while (c.nextOffset < c.endOffset && out.length < maxPollRecords) {
        let batch = c.batches[c.batchIndex];
        while (c.nextOffset >= batch.baseOffset + batch.records.length) batch = c.batches[++c.batchIndex];
        if (c.nextOffset < batch.baseOffset) c.nextOffset = batch.baseOffset;
        const offset = c.nextOffset;
        const r = batch.records[offset - batch.baseOffset];
        let key: K;
        let value: V;
        try {
          key = this.keyDeserializer.deserialize(topic, r.key);
        } catch (e) {
          return this.deserializationFailure(out, "KEY", c, offset, e);
        }
        try {
          value = this.valueDeserializer.deserialize(topic, r.value);
        } catch (e) {
          return this.deserializationFailure(out, "VALUE", c, offset, e);
        }
        out.push({ topic, partition, offset, timestamp: r.timestamp, key, value, headers: r.headers ?? NO_HEADERS, leaderEpoch: batch.partitionLeaderEpoch, id: r.id });
        c.nextOffset = offset + 1;
        s.position = offset + 1;
      }
    }
    this.pruneBuffer();
    return { records: out, error: null };
  }

  private deserializationFailure(out: ConsumerRecord<K, V>[], origin: "KEY" | "VALUE", c: CompletedFetch, offset: number, e: unknown): Fetch<K, V> {
    if (out.length > 0) return { records: out, error: null };
    return { records: [], error: recordDeserializationException(origin, c.tp, offset, e instanceof Error ? e.message : String(e)) };
  }

  /** Forgets everything buffered (after a crash or close). */
  clear(): void {
    this.completed.length = 0;
    this.inFlight.clear();
    this.pendingError = null;
  }
}
