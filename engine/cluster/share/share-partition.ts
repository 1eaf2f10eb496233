import type { Timer } from "../../kernel/simulation.js";
import type { KafkaErrorName } from "../errors.js";
import {
  EMPTY_MEMBER_ID,
  InFlightState,
  isSettled,
  recordStateFor,
  type AcknowledgeType,
  type AcquisitionLock,
  type RecordState,
} from "./record-state.js";

/** A range of records handed to one member, all delivered the same number of times (ShareFetchResponseData.AcquiredRecords). */
export interface AcquiredRecords {
  firstOffset: number;
  lastOffset: number;
  deliveryCount: number;
}

/** One acknowledgement range from a client: one type for all, or one type per offset (ShareAcknowledgementBatch). */
export interface ShareAcknowledgementBatch {
  firstOffset: number;
  lastOffset: number;
  acknowledgeTypes: readonly (AcknowledgeType | "GAP")[];
}

/** What an acknowledgement did to one record: its type and the state it ended in (ARCHIVED for a RELEASE at the delivery limit). */
export interface AcknowledgedRecord {
  offset: number;
  type: AcknowledgeType | "GAP";
  state: RecordState;
}

export interface AcknowledgeResult {
  error: KafkaErrorName;
  detail: string;
  records: AcknowledgedRecord[];
}

/** Records whose acquisition lock ran out: back to AVAILABLE, or ARCHIVED at the delivery count limit. */
export interface LockTimeout {
  memberId: string;
  released: number[];
  archived: number[];
}

/** A share-partition's durable state (PersisterStateBatch per offset, and the start offset). */
export interface PersistedShareState {
  startOffset: number;
  records: { offset: number; state: Exclude<RecordState, "ACQUIRED">; deliveryCount: number }[];
}

/** The virtual clock the acquisition locks run on (the broker's, so a crash cancels them). */
export interface LockScheduler {
  readonly nowMs: number;
  schedule(delayMs: number, action: () => void): Timer;
}

export interface SharePartitionOptions {
  groupId: string;
  topic: string;
  partition: number;
  /** The partition leader epoch this share-partition was loaded in. */
  leaderEpoch: number;
  /** The share-partition start offset to begin at (from share.auto.offset.reset). */
  startOffset: number;
  /** group.share.partition.max.record.locks */
  maxInFlightRecords: number;
  /** group.share.delivery.count.limit */
  maxDeliveryCount: number;
  /** group.share.record.lock.duration.ms */
  recordLockDurationMs: number;
  scheduler: LockScheduler;
  /** Called when a lock times out, so the broker can narrate it and wake waiting share fetches. */
  onLockTimeout?: (timeout: LockTimeout) => void;
}

/** The first and last offset of a record batch, all acquire() needs to know about it. */
export interface OffsetRange {
  readonly baseOffset: number;
  readonly lastOffset: number;
}

/**
 * Kafka's SharePartition: the in-flight records of one topic-partition for one share group, on
 * the partition leader. Records between the share-partition start offset (SPSO) and end offset
 * (SPEO) each have a state, a delivery count and, while ACQUIRED, an owner and a lock timer.
 * Records below the SPSO are all done; records above the SPEO were never handed out.
 *
 * Simplification: Kafka keeps one state per fetched batch and splits it into per-offset states
 * only once its offsets diverge; this keeps per-offset states from the start. What a consumer
 * sees (which offsets, delivery counts, lock timeouts, start offset moves) is the same.
 * Simplification: no persister. Kafka writes every state change to the share coordinator
 * (__share_group_state) before it takes effect; here a change takes effect at once, so the
 * rollback path only runs when a request is invalid half way through.
 */
export class SharePartition {
  readonly groupId: string;
  readonly topic: string;
  readonly partition: number;
  readonly leaderEpoch: number;
  /** In-flight records by offset; always inserted in ascending order, so iteration is by offset. */
  private readonly cachedState = new Map<number, InFlightState>();
  private lastCachedOffset = -1;
  private findNextFetchOffsetFlag = false;
  private startOffsetValue: number;
  private endOffsetValue: number;

  constructor(private readonly options: SharePartitionOptions) {
    this.groupId = options.groupId;
    this.topic = options.topic;
    this.partition = options.partition;
    this.leaderEpoch = options.leaderEpoch;
    this.startOffsetValue = options.startOffset;
    this.endOffsetValue = options.startOffset;
  }

  /** The share-partition start offset (SPSO): every record below it is acknowledged or archived. */
  get startOffset(): number {
    return this.startOffsetValue;
  }

  /** The share-partition end offset (SPEO): the last offset ever acquired, or the next to fetch while nothing is in flight. */
  get endOffset(): number {
    return this.endOffsetValue;
  }

  /** The state of one in-flight record, or undefined when it is not in flight (below the SPSO or not yet fetched). */
  recordState(offset: number): { state: RecordState; deliveryCount: number; memberId: string } | undefined {
    const s = this.cachedState.get(offset);
    return s ? { state: s.state, deliveryCount: s.deliveryCount, memberId: s.memberId } : undefined;
  }

  /** Offsets currently in flight, in order, with their states (for narration and tests). */
  inFlight(): { offset: number; state: RecordState; deliveryCount: number; memberId: string }[] {
    return [...this.cachedState].map(([offset, s]) => ({ offset, state: s.state, deliveryCount: s.deliveryCount, memberId: s.memberId }));
  }

  /**
   * SharePartition.nextFetchOffset: where the next share fetch reads from. Normally just past
   * the SPEO; after a release or a lock timeout, the first AVAILABLE in-flight record.
   */
  nextFetchOffset(): number {
    const fresh = this.cachedState.size === 0 || this.startOffsetValue > this.lastCachedOffset;
    if (!this.findNextFetchOffsetFlag) return fresh ? this.endOffsetValue : this.endOffsetValue + 1;
    if (fresh) {
      this.findNextFetchOffsetFlag = false;
      return this.endOffsetValue;
    }
    for (const [offset, s] of this.cachedState) if (s.state === "AVAILABLE") return offset;
    this.findNextFetchOffsetFlag = false;
    return this.endOffsetValue + 1;
  }

  /**
   * SharePartition.canAcquireRecords: yes when there are released records to hand out again,
   * else only while fewer than group.share.partition.max.record.locks records are in flight.
   */
  canAcquireRecords(): boolean {
    if (this.nextFetchOffset() !== this.endOffsetValue + 1) return true;
    const inFlight = this.cachedState.size === 0 ? 0 : this.endOffsetValue - this.startOffsetValue + 1;
    return inFlight < this.options.maxInFlightRecords;
  }

  /**
   * SharePartition.acquire: locks the AVAILABLE records among the fetched batches to `memberId`
   * and adds the never-fetched ones as ACQUIRED with delivery count 1. `maxFetchRecords` is a
   * soft limit: it is checked between batches, and new records are acquired up to the end of
   * the batch holding the limit (lastOffsetFromBatchWithRequestOffset), as Kafka does.
   */
  acquire(memberId: string, maxFetchRecords: number, batches: readonly OffsetRange[]): AcquiredRecords[] {
    if (maxFetchRecords <= 0 || batches.length === 0) return [];
    const first = batches[0].baseOffset;
    const last = batches[batches.length - 1].lastOffset;
    const wasEmpty = this.cachedState.size === 0;
    let newFrom = wasEmpty ? Math.max(first, this.endOffsetValue) : Math.max(first, this.lastCachedOffset + 1);
    if (this.startOffsetValue > this.lastCachedOffset) newFrom = Math.max(newFrom, this.startOffsetValue);
    const acquired: { offset: number; state: InFlightState }[] = [];

    // Records fetched before and released (or timed out) since: acquire them again.
    for (const batch of batches) {
      if (acquired.length >= maxFetchRecords) break;
      const hi = Math.min(batch.lastOffset, newFrom - 1);
      for (let offset = Math.max(batch.baseOffset, this.startOffsetValue); offset <= hi; offset++) {
        const s = this.cachedState.get(offset);
        if (!s || s.state !== "AVAILABLE" || s.hasOngoingStateTransition()) continue;
        if (s.tryUpdateState("ACQUIRED", true, this.options.maxDeliveryCount, memberId)) acquired.push({ offset, state: s });
      }
    }
    this.lockRuns(memberId, acquired);

    // Records never fetched by this share group.
    const remaining = maxFetchRecords - acquired.length;
    if (remaining > 0 && last >= newFrom) {
      let newLast = last;
      if (remaining < newLast - newFrom + 1) newLast = lastOffsetFromBatchWithRequestOffset(batches, newFrom + remaining - 1);
      const lock = this.createLock(memberId, newFrom, newLast, newLast - newFrom + 1);
      for (let offset = newFrom; offset <= newLast; offset++) {
        const s = new InFlightState("ACQUIRED", 1, memberId, lock);
        this.cachedState.set(offset, s);
        acquired.push({ offset, state: s });
      }
      if (wasEmpty) this.startOffsetValue = newFrom;
      this.endOffsetValue = newLast;
      this.lastCachedOffset = newLast;
    }
    return toRanges(acquired.map(({ offset, state }) => ({ offset, deliveryCount: state.deliveryCount })));
  }

  /**
   * SharePartition.acknowledge: only the member holding a record may settle it. Every record
   * named must be ACQUIRED by `memberId`, or nothing changes (INVALID_RECORD_STATE); ranges
   * past what was acquired are INVALID_REQUEST. Afterwards the SPSO moves past any settled prefix.
   */
  acknowledge(memberId: string, batches: readonly ShareAcknowledgementBatch[]): AcknowledgeResult {
    const updated: InFlightState[] = [];
    const records: AcknowledgedRecord[] = [];
    const fail = (error: KafkaErrorName, detail: string): AcknowledgeResult => {
      for (const s of updated) s.completeStateTransition(false);
      return { error, detail, records: [] };
    };
    for (const batch of batches) {
      const types = batch.acknowledgeTypes;
      const size = batch.lastOffset - batch.firstOffset + 1;
      if (size < 1 || types.length === 0 || (types.length > 1 && types.length !== size)) {
        return fail("INVALID_REQUEST", `acknowledgement ${batch.firstOffset}-${batch.lastOffset} has ${types.length} acknowledge types; allowed: 1, or one per offset (${Math.max(size, 0)})`);
      }
      if (batch.lastOffset < this.startOffsetValue) continue; // all already settled
      const invalid = this.invalidAcknowledgementRange(batch);
      if (invalid) return fail(invalid.error, invalid.detail);
      for (let offset = Math.max(batch.firstOffset, this.startOffsetValue); offset <= batch.lastOffset; offset++) {
        const s = this.cachedState.get(offset);
        if (!s) continue; // a gap in the log (compaction): nothing was acquired there
        if (s.state !== "ACQUIRED") return fail("INVALID_RECORD_STATE", `The batch cannot be acknowledged. The offset ${offset} is not acquired (it is ${s.state}).`);
        if (s.memberId !== memberId) return fail("INVALID_RECORD_STATE", `Member ${memberId} is not the owner of offset ${offset}.`);
        const type = types.length > 1 ? types[offset - batch.firstOffset] : types[0];
        const target = recordStateFor(type);
        updated.push(s);
        if (!s.startStateTransition(target, false, this.options.maxDeliveryCount, EMPTY_MEMBER_ID)) {
          return fail("INVALID_RECORD_STATE", `Unable to acknowledge offset ${offset} as ${type}.`);
        }
        if (target === "AVAILABLE" && (s.state as RecordState) !== "ARCHIVED") this.findNextFetchOffsetFlag = true;
        records.push({ offset, type, state: s.state });
      }
    }
    for (const s of updated) {
      s.completeStateTransition(true);
      s.releaseLock();
    }
    this.maybeUpdateCachedStateAndOffsets();
    return { error: "NONE", detail: "", records };
  }

  /** fetchSubMapForAcknowledgementBatch's checks: the range must lie within the records in flight. */
  private invalidAcknowledgementRange(batch: ShareAcknowledgementBatch): { error: KafkaErrorName; detail: string } | null {
    const firstCached = this.cachedState.keys().next().value;
    const startMovedInside = batch.firstOffset < this.startOffsetValue && batch.lastOffset >= this.startOffsetValue;
    if (firstCached === undefined || (batch.firstOffset < firstCached && !startMovedInside)) {
      return { error: "INVALID_RECORD_STATE", detail: `Batch record not found. The offsets ${batch.firstOffset}-${batch.lastOffset} are not in flight.` };
    }
    if (batch.firstOffset > this.lastCachedOffset) return { error: "INVALID_REQUEST", detail: `Batch record not found. The first offset ${batch.firstOffset} is past the acquired records (last ${this.lastCachedOffset}).` };
    if (batch.lastOffset > this.lastCachedOffset) return { error: "INVALID_REQUEST", detail: `Batch record not found. The last offset ${batch.lastOffset} is past the acquired records (last ${this.lastCachedOffset}).` };
    return null;
  }

  /**
   * SharePartition.releaseAcquiredRecords: a member's share session closed, so everything it
   * holds goes back to AVAILABLE now (or ARCHIVED at the delivery limit) instead of waiting for
   * the locks to expire. Returns the records released.
   */
  releaseAcquiredRecords(memberId: string): { released: number[]; archived: number[] } {
    const released: number[] = [];
    const archived: number[] = [];
    for (const [offset, s] of this.cachedState) {
      if (s.state !== "ACQUIRED" || s.memberId !== memberId) continue;
      if (!s.tryUpdateState(offset < this.startOffsetValue ? "ARCHIVED" : "AVAILABLE", false, this.options.maxDeliveryCount, EMPTY_MEMBER_ID)) continue;
      s.releaseLock();
      if ((s.state as RecordState) === "ARCHIVED") archived.push(offset);
      else {
        released.push(offset);
        this.findNextFetchOffsetFlag = true;
      }
    }
    this.maybeUpdateCachedStateAndOffsets();
    return { released, archived };
  }

  /**
   * SharePartition.updateCacheAndOffsets: retention moved the log start offset past the SPSO;
   * AVAILABLE records below it can never be delivered, so they are archived. Returns them.
   */
  updateCacheAndOffsets(logStartOffset: number): number[] {
    if (logStartOffset <= this.startOffsetValue) return [];
    const archived: number[] = [];
    if (this.cachedState.size === 0) {
      this.startOffsetValue = logStartOffset;
      this.endOffsetValue = logStartOffset;
      return archived;
    }
    for (const [offset, s] of this.cachedState) {
      if (offset >= logStartOffset) break;
      if (offset < this.startOffsetValue || s.state !== "AVAILABLE") continue;
      s.state = "ARCHIVED";
      s.memberId = EMPTY_MEMBER_ID;
      archived.push(offset);
    }
    if (archived.length > 0) this.findNextFetchOffsetFlag = true;
    this.startOffsetValue = logStartOffset;
    if (this.endOffsetValue < this.startOffsetValue) this.endOffsetValue = this.startOffsetValue;
    return archived;
  }

  /**
   * The state worth keeping across a leader change (what Kafka's persister writes to
   * __share_group_state): the start offset and every in-flight record's state and delivery
   * count. Locks are not kept: an ACQUIRED record is written as AVAILABLE.
   */
  snapshot(): PersistedShareState {
    return {
      startOffset: this.startOffsetValue,
      records: [...this.cachedState].map(([offset, s]) => ({ offset, state: s.state === "ACQUIRED" ? "AVAILABLE" : s.state, deliveryCount: s.deliveryCount })),
    };
  }

  /** SharePartition.maybeInitialize with persisted state: a new leader resumes where the group was. */
  restore(persisted: PersistedShareState): void {
    this.cachedState.clear();
    this.startOffsetValue = persisted.startOffset;
    for (const r of persisted.records) {
      if (r.offset < persisted.startOffset) continue;
      this.cachedState.set(r.offset, new InFlightState(r.state, r.deliveryCount, EMPTY_MEMBER_ID));
      this.lastCachedOffset = r.offset;
    }
    if (this.cachedState.size === 0) {
      this.endOffsetValue = this.startOffsetValue;
      return;
    }
    this.findNextFetchOffsetFlag = true;
    this.endOffsetValue = this.lastCachedOffset;
    this.maybeUpdateCachedStateAndOffsets();
  }

  /** Cancels every lock timer: the share-partition is being dropped (leader change, broker crash). */
  close(): void {
    for (const s of this.cachedState.values()) s.releaseLock();
  }

  /** One acquisition lock per run of consecutive offsets re-acquired together. */
  private lockRuns(memberId: string, acquired: readonly { offset: number; state: InFlightState }[]): void {
    let i = 0;
    while (i < acquired.length) {
      let j = i;
      while (j + 1 < acquired.length && acquired[j + 1].offset === acquired[j].offset + 1) j++;
      const lock = this.createLock(memberId, acquired[i].offset, acquired[j].offset, j - i + 1);
      for (let k = i; k <= j; k++) acquired[k].state.lock = lock;
      i = j + 1;
    }
  }

  /** SharePartition.scheduleAcquisitionLockTimeout. */
  private createLock(memberId: string, firstOffset: number, lastOffset: number, holders: number): AcquisitionLock {
    const { scheduler, recordLockDurationMs } = this.options;
    const lock: AcquisitionLock = { memberId, firstOffset, lastOffset, expirationMs: scheduler.nowMs + recordLockDurationMs, holders, timer: null };
    lock.timer = scheduler.schedule(recordLockDurationMs, () => this.releaseAcquisitionLockOnTimeout(lock));
    return lock;
  }

  /**
   * SharePartition.releaseAcquisitionLockOnTimeout: the member did not acknowledge in time.
   * Its records go back to AVAILABLE for another delivery, or to ARCHIVED once they have been
   * delivered group.share.delivery.count.limit times (or lie below the SPSO).
   */
  private releaseAcquisitionLockOnTimeout(lock: AcquisitionLock): void {
    lock.timer = null;
    const released: number[] = [];
    const archived: number[] = [];
    for (let offset = lock.firstOffset; offset <= lock.lastOffset; offset++) {
      const s = this.cachedState.get(offset);
      if (!s || s.lock !== lock || s.state !== "ACQUIRED") continue;
      s.lock = null;
      if (!s.tryUpdateState(offset < this.startOffsetValue ? "ARCHIVED" : "AVAILABLE", false, this.options.maxDeliveryCount, EMPTY_MEMBER_ID)) continue;
      if ((s.state as RecordState) === "ARCHIVED") archived.push(offset);
      else {
        released.push(offset);
        this.findNextFetchOffsetFlag = true;
      }
    }
    if (released.length === 0 && archived.length === 0) return;
    this.maybeUpdateCachedStateAndOffsets();
    this.options.onLockTimeout?.({ memberId: lock.memberId, released, archived });
  }

  /**
   * SharePartition.maybeUpdateCachedStateAndOffsets: once the records from the SPSO on are
   * settled (ACKNOWLEDGED or ARCHIVED), the SPSO moves past them and they leave the cache.
   */
  private maybeUpdateCachedStateAndOffsets(): void {
    let lastSettled = -1;
    for (const [offset, s] of this.cachedState) {
      if (!isSettled(s.state)) break;
      lastSettled = offset;
    }
    if (lastSettled === -1) return;
    if (lastSettled === this.lastCachedOffset) {
      this.startOffsetValue = Math.max(this.startOffsetValue, this.lastCachedOffset + 1);
      this.endOffsetValue = Math.max(this.endOffsetValue, this.lastCachedOffset + 1);
      this.cachedState.clear();
      this.lastCachedOffset = -1;
      return;
    }
    for (const offset of [...this.cachedState.keys()]) {
      if (offset > lastSettled) {
        this.startOffsetValue = Math.max(this.startOffsetValue, offset);
        break;
      }
      this.cachedState.delete(offset);
    }
  }
}

/** SharePartition.lastOffsetFromBatchWithRequestOffset: round a record limit up to the end of its batch. */
function lastOffsetFromBatchWithRequestOffset(batches: readonly OffsetRange[], offset: number): number {
  let previous: OffsetRange | null = null;
  for (const batch of batches) {
    if (offset >= batch.baseOffset) {
      previous = batch;
      continue;
    }
    break;
  }
  return previous !== null && offset <= previous.lastOffset ? previous.lastOffset : offset;
}

/** Consecutive offsets with the same delivery count, as AcquiredRecords ranges. */
function toRanges(records: readonly { offset: number; deliveryCount: number }[]): AcquiredRecords[] {
  const sorted = [...records].sort((a, b) => a.offset - b.offset);
  const ranges: AcquiredRecords[] = [];
  for (const r of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && last.lastOffset + 1 === r.offset && last.deliveryCount === r.deliveryCount) last.lastOffset = r.offset;
    else ranges.push({ firstOffset: r.offset, lastOffset: r.offset, deliveryCount: r.deliveryCount });
  }
  return ranges;
}
