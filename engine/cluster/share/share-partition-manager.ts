import type { Broker } from "../broker.js";
import type { KafkaErrorName } from "../errors.js";
import type { RecordBatch } from "../log/index.js";
import type { Partition } from "../partition.js";
import { tpKey } from "../types.js";
import type { ShareAcknowledgeRequest, ShareAcknowledgeResponse, ShareFetchRequest, ShareFetchResponse } from "./protocol.js";
import type { AcknowledgeType } from "./record-state.js";
import { SharePartition, type AcknowledgedRecord, type AcquiredRecords, type LockScheduler, type LockTimeout, type PersistedShareState } from "./share-partition.js";
import { shareGroupConfig, shareSettingsFrom, type ShareSettings } from "./share-settings.js";

/**
 * Kafka's SharePartitionManager: the share-partitions this broker leads, one per (share group,
 * topic-partition), and the ShareFetch and ShareAcknowledge requests that use them. It lives
 * on every broker; a share-partition exists only where its partition's leader is.
 * Simplification: Kafka persists share-partition state through the share coordinator in the
 * __share_group_state topic; here a cluster-wide store that never fails or lags stands in for
 * it (sharePersister). It is written after every change, as Kafka's writeShareGroupState, and a
 * new leader loads it: the start offset and each record's state and delivery count survive a
 * leader change; acquisition locks do not (acquired records become AVAILABLE again).
 */
export class SharePartitionManager {
  private readonly sharePartitions = new Map<string, SharePartition>();
  /** Share fetches waiting for records to become acquirable (DelayedShareFetch), per share-partition. */
  private readonly delayedShareFetches = new Map<string, Set<() => void>>();
  /** The start offset last narrated per share-partition, so share.start-offset is emitted only on a move. */
  private readonly narratedStartOffsets = new WeakMap<SharePartition, number>();
  readonly settings: ShareSettings;
  /** Acquisition locks run on the broker's timers: a crash cancels them with everything else. */
  private readonly lockScheduler: LockScheduler;

  constructor(private readonly broker: Broker) {
    this.settings = shareSettingsFrom(broker.runtime);
    this.lockScheduler = {
      get nowMs() {
        return broker.nowMs;
      },
      schedule: (delayMs, action) => broker.after(delayMs, action),
    };
  }

  private get trace() {
    return this.broker.runtime.trace;
  }

  /** Everything here is in memory: a crash loses it (the lock timers die with the broker's incarnation). */
  shutdownOnCrash(): void {
    this.sharePartitions.clear();
    this.delayedShareFetches.clear();
  }

  /** The share-partition of a group on this broker, if loaded (for inspection and tests). */
  sharePartition(groupId: string, topic: string, partition: number): SharePartition | undefined {
    return this.sharePartitions.get(keyOf(groupId, topic, partition));
  }

  /**
   * ShareFetch: apply the piggybacked acknowledgements, then acquire up to maxRecords records
   * for the member. With nothing to acquire the request waits up to maxWaitMs, and is woken
   * when records are released or their locks expire.
   * Simplification: a waiting share fetch is not woken by new appends; it answers at maxWaitMs.
   */
  handleShareFetch(request: ShareFetchRequest, respond: (response: ShareFetchResponse) => void): void {
    const loaded = this.loadSharePartition(request.groupId, request.topic, request.partition);
    if ("error" in loaded) {
      return respond({ error: loaded.error, detail: loaded.detail, acknowledgeError: loaded.error, acknowledgeDetail: loaded.detail, batches: [], acquiredRecords: [] });
    }
    const { sp, partition: p } = loaded;
    let acknowledgeError: KafkaErrorName = "NONE";
    let acknowledgeDetail = "";
    if (request.acknowledgementBatches.length > 0) {
      const result = this.acknowledge(sp, request.memberId, request.acknowledgementBatches);
      acknowledgeError = result.error;
      acknowledgeDetail = result.detail;
    }
    const answer = (fetched: { batches: readonly RecordBatch[]; acquiredRecords: AcquiredRecords[] }): ShareFetchResponse => ({
      error: "NONE",
      detail: "",
      acknowledgeError,
      acknowledgeDetail,
      ...fetched,
    });
    const first = this.acquire(sp, p, request);
    if (first.acquiredRecords.length > 0 || request.maxWaitMs <= 0) return respond(answer(first));

    const key = keyOf(sp.groupId, sp.topic, sp.partition);
    let done = false;
    const complete = () => {
      if (done) return;
      done = true;
      timer.cancel();
      this.delayedShareFetches.get(key)?.delete(complete);
      const current = this.sharePartitions.get(key);
      if (current !== sp || p.role !== "leader") {
        return respond({ error: "NOT_LEADER_OR_FOLLOWER", detail: `broker ${this.broker.id} no longer leads ${tpKey(sp.topic, sp.partition)}`, acknowledgeError, acknowledgeDetail, batches: [], acquiredRecords: [] });
      }
      respond(answer(this.acquire(sp, p, request)));
    };
    const timer = this.broker.after(request.maxWaitMs, complete);
    let waiting = this.delayedShareFetches.get(key);
    if (!waiting) this.delayedShareFetches.set(key, (waiting = new Set()));
    waiting.add(complete);
  }

  /** ShareAcknowledge: settle records; with closeSession, release whatever the member still holds. */
  handleShareAcknowledge(request: ShareAcknowledgeRequest, respond: (response: ShareAcknowledgeResponse) => void): void {
    const loaded = this.loadSharePartition(request.groupId, request.topic, request.partition);
    if ("error" in loaded) return respond({ error: loaded.error, detail: loaded.detail });
    const { sp } = loaded;
    const result = request.acknowledgementBatches.length > 0 ? this.acknowledge(sp, request.memberId, request.acknowledgementBatches) : { error: "NONE" as const, detail: "" };
    if (request.closeSession) this.releaseAcquiredRecords(sp, request.memberId);
    respond({ error: result.error, detail: result.detail });
  }

  /** Finds or loads the share-partition; only the partition's leader has one. */
  private loadSharePartition(groupId: string, topic: string, partition: number): { sp: SharePartition; partition: Partition } | { error: KafkaErrorName; detail: string } {
    const p = this.broker.replicaManager.partition(topic, partition);
    if (!p || p.role !== "leader") return { error: "NOT_LEADER_OR_FOLLOWER", detail: `broker ${this.broker.id} is not the leader of ${tpKey(topic, partition)}` };
    const key = keyOf(groupId, topic, partition);
    const existing = this.sharePartitions.get(key);
    if (existing && existing.leaderEpoch === p.leaderEpoch) return { sp: existing, partition: p };
    // A share-partition from an earlier leadership of this broker is stale: start over.
    existing?.close();
    const groupConfig = shareGroupConfig(this.broker.runtime, groupId);
    const persisted = sharePersister(this.broker.runtime).get(key);
    // ShareFetchUtils.offsetForLatestTimestamp / offsetForEarliestTimestamp (read_uncommitted: latest is the HW).
    const startOffset = groupConfig["share.auto.offset.reset"] === "earliest" ? p.log.logStartOffset : p.highWatermark;
    const sp: SharePartition = new SharePartition({
      groupId,
      topic,
      partition,
      leaderEpoch: p.leaderEpoch,
      startOffset,
      maxInFlightRecords: this.settings.partitionMaxRecordLocks,
      maxDeliveryCount: this.settings.deliveryCountLimit,
      recordLockDurationMs: groupConfig["share.record.lock.duration.ms"] ?? this.settings.recordLockDurationMs,
      scheduler: this.lockScheduler,
      onLockTimeout: (timeout) => this.onLockTimeout(sp, timeout),
    });
    if (persisted) sp.restore(persisted);
    this.sharePartitions.set(key, sp);
    this.narratedStartOffsets.set(sp, sp.startOffset);
    return { sp, partition: p };
  }

  /** Reads from the next fetch offset up to the high watermark and acquires what it can. */
  private acquire(sp: SharePartition, p: Partition, request: ShareFetchRequest): { batches: readonly RecordBatch[]; acquiredRecords: AcquiredRecords[] } {
    const none = { batches: [] as RecordBatch[], acquiredRecords: [] as AcquiredRecords[] };
    if (p.log.logStartOffset > sp.startOffset) {
      const archived = sp.updateCacheAndOffsets(p.log.logStartOffset);
      this.emitArchived(sp, "log-start-moved", archived);
      this.afterStateChange(sp);
    }
    if (!sp.canAcquireRecords()) return none;
    const fetchOffset = sp.nextFetchOffset();
    if (fetchOffset >= p.highWatermark || fetchOffset < p.log.logStartOffset) return none;
    const batches = p.log.read(fetchOffset, request.maxBytes, p.highWatermark).batches.filter((b) => b.baseOffset < p.highWatermark);
    if (batches.length === 0) return none;
    // Records at or above the HW are not readable yet; cut the last range there.
    const ranges = batches.map((b) => ({ baseOffset: b.baseOffset, lastOffset: Math.min(b.lastOffset, p.highWatermark - 1) }));
    const acquiredRecords = sp.acquire(request.memberId, request.maxRecords, ranges);
    for (const range of acquiredRecords) this.emitAcquired(sp, request.memberId, range, batches);
    this.afterStateChange(sp);
    return acquiredRecords.length > 0 ? { batches, acquiredRecords } : none;
  }

  private acknowledge(sp: SharePartition, memberId: string, batches: ShareFetchRequest["acknowledgementBatches"]): { error: KafkaErrorName; detail: string } {
    const result = sp.acknowledge(memberId, batches);
    if (result.error !== "NONE") return result;
    this.emitAcknowledged(sp, memberId, result.records);
    this.afterStateChange(sp);
    if (result.records.some((r) => r.state === "AVAILABLE")) this.wakeDelayedShareFetches(sp);
    return result;
  }

  private releaseAcquiredRecords(sp: SharePartition, memberId: string): void {
    const { released, archived } = sp.releaseAcquiredRecords(memberId);
    this.emitArchived(sp, "delivery-count-limit", archived);
    this.afterStateChange(sp);
    if (released.length > 0) this.wakeDelayedShareFetches(sp);
  }

  private onLockTimeout(sp: SharePartition, timeout: LockTimeout): void {
    const key = keyOf(sp.groupId, sp.topic, sp.partition);
    if (this.sharePartitions.get(key) !== sp) return;
    const p = this.broker.replicaManager.partition(sp.topic, sp.partition);
    if (!p || p.role !== "leader" || p.leaderEpoch !== sp.leaderEpoch) {
      // This broker lost the leadership: its share-partition is stale and must not write state.
      sp.close();
      this.sharePartitions.delete(key);
      return;
    }
    const full = this.trace.level === "full";
    const offsets = [...timeout.released, ...timeout.archived].sort((a, b) => a - b);
    this.trace.emit({ t: this.broker.nowMs, type: "share.lock-expired", group: sp.groupId, topic: sp.topic, partition: sp.partition, broker: this.broker.id, member: timeout.memberId, count: offsets.length, offsets: full ? offsets : [] });
    this.emitArchived(sp, "delivery-count-limit", timeout.archived);
    this.afterStateChange(sp);
    if (timeout.released.length > 0) this.wakeDelayedShareFetches(sp);
  }

  private wakeDelayedShareFetches(sp: SharePartition): void {
    const waiting = this.delayedShareFetches.get(keyOf(sp.groupId, sp.topic, sp.partition));
    if (!waiting || waiting.size === 0) return;
    for (const complete of [...waiting]) complete();
  }

  // ---- Narration ----------------------------------------------------------------------

  private emitAcquired(sp: SharePartition, memberId: string, range: AcquiredRecords, batches: readonly RecordBatch[]): void {
    const full = this.trace.level === "full";
    const offsets: number[] = [];
    const ids: string[] = [];
    if (full) {
      for (let offset = range.firstOffset; offset <= range.lastOffset; offset++) offsets.push(offset);
      for (const batch of batches) {
        batch.records.forEach((record, i) => {
          const offset = batch.baseOffset + i;
          if (offset >= range.firstOffset && offset <= range.lastOffset && record.id !== undefined) ids.push(record.id);
        });
      }
    }
    this.trace.emit({
      t: this.broker.nowMs,
      type: "share.acquired",
      group: sp.groupId,
      topic: sp.topic,
      partition: sp.partition,
      broker: this.broker.id,
      member: memberId,
      firstOffset: range.firstOffset,
      lastOffset: range.lastOffset,
      deliveryCount: range.deliveryCount,
      count: range.lastOffset - range.firstOffset + 1,
      offsets,
      ids,
    });
  }

  private emitAcknowledged(sp: SharePartition, memberId: string, records: readonly AcknowledgedRecord[]): void {
    const full = this.trace.level === "full";
    const byType = new Map<AcknowledgeType | "GAP", number[]>();
    for (const r of records) {
      const list = byType.get(r.type) ?? [];
      list.push(r.offset);
      byType.set(r.type, list);
    }
    for (const [ackType, offsets] of byType) {
      this.trace.emit({ t: this.broker.nowMs, type: "share.acknowledged", group: sp.groupId, topic: sp.topic, partition: sp.partition, broker: this.broker.id, member: memberId, ackType, count: offsets.length, offsets: full ? offsets : [] });
    }
    this.emitArchived(sp, "rejected", records.filter((r) => r.type === "REJECT" || r.type === "GAP").map((r) => r.offset));
    this.emitArchived(sp, "delivery-count-limit", records.filter((r) => r.type === "RELEASE" && r.state === "ARCHIVED").map((r) => r.offset));
  }

  private emitArchived(sp: SharePartition, reason: "rejected" | "delivery-count-limit" | "log-start-moved", offsets: readonly number[]): void {
    if (offsets.length === 0) return;
    const full = this.trace.level === "full";
    this.trace.emit({ t: this.broker.nowMs, type: "share.archived", group: sp.groupId, topic: sp.topic, partition: sp.partition, broker: this.broker.id, reason, count: offsets.length, offsets: full ? [...offsets] : [] });
  }

  private afterStateChange(sp: SharePartition): void {
    // Every path that changes record states ends here: write the state, as writeShareGroupState does.
    sharePersister(this.broker.runtime).set(keyOf(sp.groupId, sp.topic, sp.partition), sp.snapshot());
    if (this.narratedStartOffsets.get(sp) === sp.startOffset) return;
    this.narratedStartOffsets.set(sp, sp.startOffset);
    this.trace.emit({ t: this.broker.nowMs, type: "share.start-offset", group: sp.groupId, topic: sp.topic, partition: sp.partition, broker: this.broker.id, startOffset: sp.startOffset, endOffset: sp.endOffset });
  }
}

/** The stand-in for __share_group_state: one per cluster, keyed like the share-partitions. */
const persisters = new WeakMap<object, Map<string, PersistedShareState>>();

function sharePersister(cluster: object): Map<string, PersistedShareState> {
  let store = persisters.get(cluster);
  if (!store) persisters.set(cluster, (store = new Map()));
  return store;
}

function keyOf(groupId: string, topic: string, partition: number): string {
  return `${groupId}\u0000${tpKey(topic, partition)}`;
}
