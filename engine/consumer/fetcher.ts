import type { FetchResponse } from "../cluster/replica-manager.js";
import { request } from "../cluster/rpc.js";
import { brokerNodeId } from "../cluster/types.js";
import type { TopicPartition } from "./assignors/types.js";
import type { ConsumerMetadata, ConsumerNode } from "./consumer-metadata.js";
import type { ConsumerRecord } from "./consumer-record.js";
import type { Deserializer } from "./deserializers.js";
import { offsetOutOfRange, recordDeserializationException, type ConsumerException } from "./errors.js";
import { tpKeyOf, type SubscriptionState, type TopicPartitionState } from "./subscription-state.js";

export interface FetchSettings {
  client: string;
  group: string;
  fetchMaxWaitMs: number;
  maxPartitionFetchBytes: number;
  requestTimeoutMs: number;
  retryBackoffMs: number;
}

/** Records fetched for one partition and not yet returned by poll() (Kafka's CompletedFetch). */
interface CompletedFetch {
  tp: TopicPartition;
  /** The position the fetch was sent for: stale if the position moved since (seek, reset). */
  fetchOffset: number;
  records: { offset: number; key: string | null; value: string | null; timestamp: number; headers: readonly (readonly [string, string])[]; leaderEpoch: number; id: string | undefined }[];
  next: number;
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
    return this.pendingError !== null || this.completed.some((c) => c.next < c.records.length && this.isStillFetchable(c));
  }

  private isStillFetchable(c: CompletedFetch): boolean {
    const s = this.subscriptions.state(c.tp);
    return !!s && !s.paused && s.position !== null && c.records[c.next]?.offset === s.position;
  }

  /** Drops buffered data of partitions no longer assigned or whose position moved (seek). */
  private pruneBuffer(): void {
    for (let i = this.completed.length - 1; i >= 0; i--) {
      const c = this.completed[i];
      const s = this.subscriptions.state(c.tp);
      if (!s || c.next >= c.records.length || (s.position !== null && c.records[c.next].offset !== s.position)) this.completed.splice(i, 1);
    }
  }

  /** Sends fetches for every fetchable partition without buffered data or an outstanding fetch. */
  sendFetches(): void {
    this.pruneBuffer();
    const buffered = new Set(this.completed.map((c) => tpKeyOf(c.tp)));
    for (const s of this.subscriptions.states()) {
      const key = tpKeyOf(s.tp);
      if (!this.subscriptions.isFetchable(s) || this.inFlight.has(key) || buffered.has(key)) continue;
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
    const key = tpKeyOf(s.tp);
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
        const current = this.subscriptions.state(s.tp);
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
    const records: CompletedFetch["records"] = [];
    for (const batch of response.batches) {
      for (let i = 0; i < batch.records.length; i++) {
        const offset = batch.baseOffset + i;
        if (offset < fetchOffset || offset >= response.highWatermark) continue;
        const r = batch.records[i];
        records.push({ offset, key: r.key, value: r.value, timestamp: r.timestamp, headers: r.headers ?? [], leaderEpoch: batch.partitionLeaderEpoch, id: r.id });
      }
    }
    if (records.length > 0) this.completed.push({ tp: s.tp, fetchOffset, records, next: 0 });
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
    this.pruneBuffer();
    const out: ConsumerRecord<K, V>[] = [];
    for (const c of this.completed) {
      if (out.length >= maxPollRecords) break;
      const s = this.subscriptions.state(c.tp);
      if (!s || s.paused || s.position === null) continue;
      while (c.next < c.records.length && out.length < maxPollRecords) {
        const r = c.records[c.next];
        let key: K;
        let value: V;
        try {
          key = this.keyDeserializer.deserialize(c.tp.topic, r.key);
        } catch (e) {
          return this.deserializationFailure(out, "KEY", c, r.offset, e);
        }
        try {
          value = this.valueDeserializer.deserialize(c.tp.topic, r.value);
        } catch (e) {
          return this.deserializationFailure(out, "VALUE", c, r.offset, e);
        }
        out.push({ topic: c.tp.topic, partition: c.tp.partition, offset: r.offset, timestamp: r.timestamp, key, value, headers: r.headers, leaderEpoch: r.leaderEpoch, id: r.id });
        c.next++;
        s.position = r.offset + 1;
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
