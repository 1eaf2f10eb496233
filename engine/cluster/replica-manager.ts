import type { BrokerId } from "../kernel/trace.js";
import { KafkaError, type KafkaErrorName } from "./errors.js";
import { assignOffsets, type LeaderAppendInfo, type RecordBatch, type SimRecord } from "./log/index.js";
import { incrementSequence, type ProducerStateEntry } from "./producer-state/index.js";
import { Partition, type LeaderAndIsr } from "./partition.js";
import { request } from "./rpc.js";
import { brokerNodeId, tpKey, type PartitionState } from "./types.js";
import type { Broker } from "./broker.js";
import { collectIds, emitRolls, idsFrom } from "./log-events.js";

export type Acks = "0" | "1" | "all";

export interface ProduceResponse {
  error: KafkaErrorName;
  baseOffset: number;
  detail: string;
}

export interface FetchResponse {
  error: KafkaErrorName;
  batches: readonly RecordBatch[];
  highWatermark: number;
  logStartOffset: number;
  logEndOffset: number;
  detail: string;
}

export interface AlterPartitionResponse {
  error: KafkaErrorName;
  state: LeaderAndIsr | null;
}

interface DelayedProduce {
  requiredOffset: number;
  baseOffset: number;
  timer: { cancel(): void };
  respond: (response: ProduceResponse) => void;
}

interface DelayedFetch {
  timer: { cancel(): void };
  complete: () => void;
}

/** The sequence the leader would have accepted next from this producer at this epoch (-1: any). */
function expectedSequence(entry: ProducerStateEntry | null, producerEpoch: number): number {
  if (!entry || entry.producerEpoch < 0) return -1;
  if (producerEpoch !== entry.producerEpoch) return 0;
  return entry.isEmpty ? -1 : incrementSequence(entry.lastSeq, 1);
}

/** ListOffsetsRequest.EARLIEST_TIMESTAMP */
export const LIST_OFFSETS_EARLIEST_TIMESTAMP = -2;
/** ListOffsetsRequest.LATEST_TIMESTAMP */
export const LIST_OFFSETS_LATEST_TIMESTAMP = -1;

export interface ListOffsetsRequest {
  topic: string;
  partition: number;
  /** -2 (EARLIEST), -1 (LATEST) or a timestamp in ms. */
  timestamp: number;
  isolationLevel: "read_uncommitted" | "read_committed";
}

export interface ListOffsetsResponse {
  error: KafkaErrorName;
  /** -1 when no record matches the timestamp. */
  offset: number;
  /** The found record's timestamp; -1 for EARLIEST and LATEST. */
  timestamp: number;
  leaderEpoch: number;
  detail: string;
}

/** LogSegment.findOffsetByTimestamp over the whole log: the first record with timestamp >= target. */
function findOffsetByTimestamp(p: Partition, target: number): { offset: number; timestamp: number; leaderEpoch: number } | null {
  const start = p.log.logStartOffset;
  for (const segment of p.log.segments) {
    for (const batch of segment.batches) {
      if (batch.maxTimestamp < target || batch.lastOffset < start) continue;
      for (let i = 0; i < batch.records.length; i++) {
        const offset = batch.baseOffset + i;
        if (offset >= start && batch.records[i].timestamp >= target) return { offset, timestamp: batch.records[i].timestamp, leaderEpoch: batch.partitionLeaderEpoch };
      }
    }
  }
  return null;
}

const emptyFetch = (error: KafkaErrorName, detail: string, p?: Partition): FetchResponse => ({
  error,
  batches: [],
  highWatermark: p?.highWatermark ?? -1,
  logStartOffset: p?.log.logStartOffset ?? -1,
  logEndOffset: p?.logEndOffset ?? -1,
  detail,
});

/**
 * Kafka's ReplicaManager for one broker: it owns the partitions hosted here, applies the
 * controller's LeaderAndIsr decisions, serves produce and fetch requests, runs the follower
 * fetchers and the ISR-expiration task, and asks the controller to change the ISR
 * (AlterPartition, KIP-497).
 * Simplification: one fetcher per partition rather than one fetcher thread per leader broker.
 */
export class ReplicaManager {
  readonly partitions = new Map<string, Partition>();
  private readonly delayedProduces = new Map<string, DelayedProduce[]>();
  private readonly delayedFetches = new Map<string, DelayedFetch[]>();
  /** The live fetcher per partition; replacing the token stops the old loop. */
  private readonly fetcherTokens = new Map<string, object>();
  /** Called after each LeaderAndIsr with the partitions that became (or stayed) leader here and those that became followers. */
  readonly leadershipChangeListeners: ((updatedLeaders: readonly Partition[], updatedFollowers: readonly Partition[]) => void)[] = [];

  constructor(private readonly broker: Broker) {}

  private get rt() {
    return this.broker.runtime;
  }

  private get aliveBrokers(): ReadonlySet<BrokerId> {
    return this.broker.metadata.aliveBrokers;
  }

  startup(): void {
    // LogManager.loadLogs: the producer state lives in memory, so a (re)started broker rebuilds
    // it from the logs on its disk before it serves anything.
    for (const p of this.partitions.values()) p.log.loadProducerState();
    const lag = this.rt.settings.replicaLagTimeMaxMs;
    // ReplicaManager.startup schedules isr-expiration at half the lag time.
    const isrTick = () => {
      this.maybeShrinkIsr();
      this.broker.after(Math.max(1, Math.floor(lag / 2)), isrTick);
    };
    this.broker.after(Math.max(1, Math.floor(lag / 2)), isrTick);
    const retentionTick = () => {
      this.cleanupLogs();
      this.broker.after(this.rt.settings.logRetentionCheckIntervalMs, retentionTick);
    };
    this.broker.after(this.rt.settings.logRetentionCheckIntervalMs, retentionTick);
  }

  /** In-memory replica state is lost on a crash; the logs (on disk) stay. */
  shutdownOnCrash(): void {
    for (const p of this.partitions.values()) {
      p.role = "none";
      p.leaderId = null;
      p.leaderEpoch = -1;
      p.partitionEpoch = -1;
      p.pendingIsr = null;
      p.remote.clear();
    }
    this.delayedProduces.clear();
    this.delayedFetches.clear();
    this.fetcherTokens.clear();
  }

  partition(topic: string, partition: number): Partition | undefined {
    return this.partitions.get(tpKey(topic, partition));
  }

  // ---- Controller requests ------------------------------------------------------------

  private acceptControllerEpoch(controllerEpoch: number, requestName: string): boolean {
    if (controllerEpoch < this.broker.metadata.controllerEpoch) {
      this.rt.trace.emit({
        t: this.broker.nowMs,
        type: "request.rejected",
        broker: this.broker.id,
        request: requestName,
        error: "STALE_CONTROLLER_EPOCH",
        detail: `controller epoch ${controllerEpoch} is older than ${this.broker.metadata.controllerEpoch}`,
      });
      return false;
    }
    return true;
  }

  handleUpdateMetadata(controllerId: BrokerId, controllerEpoch: number, alive: BrokerId[], states: PartitionState[], deletedTopics: string[]): void {
    if (!this.acceptControllerEpoch(controllerEpoch, "UpdateMetadata")) return;
    this.broker.metadata.update(controllerId, controllerEpoch, alive, states, deletedTopics);
    this.rt.trace.emit({ t: this.broker.nowMs, type: "metadata.updated", broker: this.broker.id, controller: controllerId, controllerEpoch });
  }

  /** ReplicaManager.becomeLeaderOrFollower. */
  handleLeaderAndIsr(controllerId: BrokerId, controllerEpoch: number, states: PartitionState[]): void {
    if (!this.acceptControllerEpoch(controllerEpoch, "LeaderAndIsr")) return;
    const meta = this.broker.metadata;
    if (controllerEpoch > meta.controllerEpoch) {
      meta.controllerEpoch = controllerEpoch;
      meta.controllerId = controllerId;
    }
    const now = this.broker.nowMs;
    const updatedLeaders: Partition[] = [];
    const updatedFollowers: Partition[] = [];
    for (const state of states) {
      const key = tpKey(state.topic, state.partition);
      let p = this.partitions.get(key);
      if (!p) {
        const config = this.rt.topicConfig(state.topic);
        p = new Partition(state.topic, state.partition, this.broker.id, config, this.broker.logManager.getOrCreateLog(state.topic, state.partition, config));
        this.partitions.set(key, p);
      }
      // A stale decision (older leader epoch, or same epoch and no newer partition epoch) is ignored.
      const newer = state.leaderEpoch > p.leaderEpoch || (state.leaderEpoch === p.leaderEpoch && state.partitionEpoch > p.partitionEpoch);
      if (!newer) continue;
      if (state.leader === this.broker.id) {
        this.stopFetcher(key);
        p.makeLeader(state, now, meta.aliveBrokers.size > 0 ? meta.aliveBrokers : new Set(state.isr));
        this.emitRole(p, "leader");
        this.emitHw(p);
        this.completeDelayed(p);
        updatedLeaders.push(p);
      } else {
        const wasLeader = p.role === "leader";
        updatedFollowers.push(p);
        p.makeFollower(state);
        this.emitRole(p, state.leader === null ? "offline" : "follower");
        if (wasLeader) this.failDelayedProduces(p, "NOT_LEADER_OR_FOLLOWER");
        if (state.leader !== null) this.startFetcher(p);
        else this.stopFetcher(key);
      }
    }
    // Kafka's onLeadershipChange callback: the group coordinator takes over or drops the groups
    // of the __consumer_offsets partitions this broker now leads or follows.
    if (updatedLeaders.length + updatedFollowers.length > 0) {
      for (const listener of this.leadershipChangeListeners) listener(updatedLeaders, updatedFollowers);
    }
  }

  /** StopReplica(delete=true) after a topic deletion. */
  handleStopReplica(controllerEpoch: number, topic: string): void {
    if (!this.acceptControllerEpoch(controllerEpoch, "StopReplica")) return;
    for (const [key, p] of [...this.partitions]) {
      if (p.topic !== topic) continue;
      this.stopFetcher(key);
      this.failDelayedProduces(p, "UNKNOWN_TOPIC_OR_PARTITION");
      this.partitions.delete(key);
      this.broker.logManager.deleteLog(p.topic, p.partition);
    }
  }

  private emitRole(p: Partition, role: "leader" | "follower" | "offline"): void {
    this.rt.trace.emit({ t: this.broker.nowMs, type: "replica.role", broker: this.broker.id, topic: p.topic, partition: p.partition, role, leaderEpoch: p.leaderEpoch });
  }

  private emitHw(p: Partition): void {
    this.rt.trace.emit({ t: this.broker.nowMs, type: "replica.hw", broker: this.broker.id, topic: p.topic, partition: p.partition, hw: p.highWatermark });
  }

  // ---- Produce --------------------------------------------------------------------------

  /** ReplicaManager.appendRecords for one partition, with Kafka's acks semantics. */
  handleProduce(
    topic: string,
    partition: number,
    records: readonly SimRecord[],
    acks: Acks,
    timeoutMs: number,
    /** The batch header's producer fields, and its size when the producer sends it (see BatchMeta.sizeInBytes). */
    producer: { producerId: number; producerEpoch: number; baseSequence: number; sizeInBytes?: number },
    respond: (response: ProduceResponse) => void,
  ): void {
    const p = this.partition(topic, partition);
    if (!p || p.role !== "leader") {
      return respond({ error: "NOT_LEADER_OR_FOLLOWER", baseOffset: -1, detail: `broker ${this.broker.id} is not the leader of ${tpKey(topic, partition)}` });
    }
    // Partition.appendRecordsToLeader: acks=all is refused up front when the ISR is too small.
    if (acks === "all" && p.isr.length < p.config.minInsyncReplicas) {
      return respond({
        error: "NOT_ENOUGH_REPLICAS",
        baseOffset: -1,
        detail: `ISR [${p.isr.join(", ")}] has ${p.isr.length} member(s), min.insync.replicas is ${p.config.minInsyncReplicas}`,
      });
    }
    const batch = assignOffsets(records, p.logEndOffset, {
      partitionLeaderEpoch: p.leaderEpoch,
      producerId: producer.producerId,
      producerEpoch: producer.producerEpoch,
      baseSequence: producer.baseSequence,
      sizeInBytes: producer.sizeInBytes,
    });
    const appended = this.appendToLeader(p, batch);
    if ("error" in appended) return acks === "0" ? undefined : respond({ error: appended.error, baseOffset: -1, detail: appended.detail });
    this.maybeAdvanceHw(p);
    this.wakeDelayedFetches(p);
    // A duplicate is answered like the original append: its offsets, and for acks=all only once
    // the high watermark covers the original batch (UnifiedLog returns the duplicate's LogAppendInfo).
    if (acks === "1") return respond({ error: "NONE", baseOffset: appended.firstOffset, detail: "" });
    if (acks === "0") return; // The producer is not waiting for an answer.
    const delayed: DelayedProduce = {
      requiredOffset: appended.lastOffset + 1,
      baseOffset: appended.firstOffset,
      respond,
      timer: this.broker.after(timeoutMs, () => {
        this.removeDelayedProduce(p, delayed);
        respond({ error: "REQUEST_TIMED_OUT", baseOffset: -1, detail: `the high watermark did not reach ${delayed.requiredOffset} within ${timeoutMs} ms` });
      }),
    };
    if (!this.tryCompleteProduce(p, delayed)) {
      const key = tpKey(p.topic, p.partition);
      const list = this.delayedProduces.get(key) ?? [];
      list.push(delayed);
      this.delayedProduces.set(key, list);
    }
  }

  /**
   * The leader's append with the idempotent producer checks: a retried batch is not appended
   * (produce.duplicate) and a sequence gap or fenced epoch is refused (produce.rejected-sequence).
   */
  private appendToLeader(p: Partition, batch: RecordBatch): { firstOffset: number; lastOffset: number } | { error: KafkaErrorName; detail: string } {
    let info: LeaderAppendInfo | undefined;
    try {
      this.appendLocally(p, batch, () => {
        info = p.appendAsLeader(batch);
        return info.duplicate === null;
      });
    } catch (e) {
      if (!(e instanceof KafkaError) || (e.errorName !== "OUT_OF_ORDER_SEQUENCE_NUMBER" && e.errorName !== "INVALID_PRODUCER_EPOCH")) throw e;
      this.rt.trace.emit({
        t: this.broker.nowMs,
        type: "produce.rejected-sequence",
        broker: this.broker.id,
        topic: p.topic,
        partition: p.partition,
        producerId: batch.producerId,
        producerEpoch: batch.producerEpoch,
        firstSeq: batch.baseSequence,
        expectedSeq: e.errorName === "OUT_OF_ORDER_SEQUENCE_NUMBER" ? expectedSequence(p.log.producerStateManager.lastEntry(batch.producerId), batch.producerEpoch) : -1,
        error: e.errorName,
      });
      return { error: e.errorName, detail: e.message };
    }
    const { duplicate, firstOffset, lastOffset } = info!;
    if (duplicate) {
      this.rt.trace.emit({
        t: this.broker.nowMs,
        type: "produce.duplicate",
        broker: this.broker.id,
        topic: p.topic,
        partition: p.partition,
        producerId: batch.producerId,
        producerEpoch: batch.producerEpoch,
        firstSeq: duplicate.firstSeq,
        lastSeq: duplicate.lastSeq,
        baseOffset: duplicate.firstOffset,
      });
    }
    return { firstOffset, lastOffset };
  }

  /** Appends through `append` (which returns false when it appended nothing) and narrates it. */
  private appendLocally(p: Partition, batch: RecordBatch, append: () => boolean | void): void {
    const segmentsBefore = p.log.segments.length;
    if (append() === false) return;
    this.rt.trace.emit({
      t: this.broker.nowMs,
      type: "replica.append",
      broker: this.broker.id,
      topic: p.topic,
      partition: p.partition,
      baseOffset: batch.baseOffset,
      lastOffset: batch.lastOffset,
      leo: p.logEndOffset,
      ids: this.rt.trace.level === "full" ? collectIds([batch]) : [],
    });
    if (p.log.segments.length > segmentsBefore) emitRolls(this.rt.trace, this.broker.nowMs, this.broker.id, p, segmentsBefore);
  }

  /** Partition.checkEnoughReplicasReachOffset. */
  private tryCompleteProduce(p: Partition, delayed: DelayedProduce): boolean {
    if (p.role !== "leader") return false;
    if (p.highWatermark < delayed.requiredOffset) return false;
    delayed.timer.cancel();
    if (p.maximalIsr.length < p.config.minInsyncReplicas) {
      delayed.respond({
        error: "NOT_ENOUGH_REPLICAS_AFTER_APPEND",
        baseOffset: -1,
        detail: `written, but the ISR shrank to [${p.maximalIsr.join(", ")}], below min.insync.replicas ${p.config.minInsyncReplicas}`,
      });
    } else {
      delayed.respond({ error: "NONE", baseOffset: delayed.baseOffset, detail: "" });
    }
    return true;
  }

  private removeDelayedProduce(p: Partition, delayed: DelayedProduce): void {
    const key = tpKey(p.topic, p.partition);
    const list = this.delayedProduces.get(key);
    if (!list) return;
    const i = list.indexOf(delayed);
    if (i >= 0) list.splice(i, 1);
  }

  private completeDelayed(p: Partition): void {
    const key = tpKey(p.topic, p.partition);
    const list = this.delayedProduces.get(key);
    if (!list || list.length === 0) return;
    this.delayedProduces.set(
      key,
      list.filter((d) => !this.tryCompleteProduce(p, d)),
    );
  }

  private failDelayedProduces(p: Partition, error: KafkaErrorName): void {
    const key = tpKey(p.topic, p.partition);
    const list = this.delayedProduces.get(key) ?? [];
    this.delayedProduces.delete(key);
    for (const d of list) {
      d.timer.cancel();
      d.respond({ error, baseOffset: -1, detail: `broker ${this.broker.id} is no longer the leader of ${key}` });
    }
  }

  private maybeAdvanceHw(p: Partition): void {
    if (p.maybeIncrementLeaderHW(this.broker.nowMs, this.aliveBrokers)) {
      this.emitHw(p);
      this.completeDelayed(p);
    }
  }

  // ---- Fetch (leader side) --------------------------------------------------------------

  private validateLeaderFetch(p: Partition | undefined, currentLeaderEpoch: number, key: string): FetchResponse | null {
    if (!p || p.role !== "leader") return emptyFetch("NOT_LEADER_OR_FOLLOWER", `broker ${this.broker.id} is not the leader of ${key}`, p);
    if (currentLeaderEpoch >= 0 && currentLeaderEpoch < p.leaderEpoch)
      return emptyFetch("FENCED_LEADER_EPOCH", `epoch ${currentLeaderEpoch} is older than ${p.leaderEpoch}`, p);
    if (currentLeaderEpoch > p.leaderEpoch) return emptyFetch("UNKNOWN_LEADER_EPOCH", `epoch ${currentLeaderEpoch} is newer than ${p.leaderEpoch}`, p);
    return null;
  }

  /**
   * A fetch from a follower (replicaId >= 0) or a consumer (replicaId -1). Followers move
   * the leader's view of their LEO, which may expand the ISR and advance the HW. Consumers
   * are capped at the HW. With nothing to return, the fetch waits up to maxWaitMs for data.
   */
  handleFetch(
    replicaId: BrokerId | -1,
    topic: string,
    partition: number,
    fetchOffset: number,
    currentLeaderEpoch: number,
    maxWaitMs: number,
    maxBytes: number,
    respond: (response: FetchResponse) => void,
  ): void {
    const key = tpKey(topic, partition);
    const p = this.partition(topic, partition);
    const invalid = this.validateLeaderFetch(p, currentLeaderEpoch, key);
    if (invalid || !p) return respond(invalid!);
    if (fetchOffset > p.logEndOffset || fetchOffset < p.log.logStartOffset) {
      return respond(emptyFetch("OFFSET_OUT_OF_RANGE", `offset ${fetchOffset} is outside [${p.log.logStartOffset}, ${p.logEndOffset}]`, p));
    }
    if (replicaId >= 0) {
      p.updateFollowerFetchState(replicaId, fetchOffset, this.broker.nowMs);
      this.maybeExpandIsr(p, replicaId);
      this.maybeAdvanceHw(p);
    }
    const read = (): FetchResponse => {
      const maxOffset = replicaId >= 0 ? undefined : p.highWatermark;
      const canRead = replicaId >= 0 ? fetchOffset < p.logEndOffset : fetchOffset < p.highWatermark;
      const batches = canRead && p.role === "leader" ? p.log.read(fetchOffset, maxBytes, maxOffset).batches : [];
      return { error: "NONE", batches, highWatermark: p.highWatermark, logStartOffset: p.log.logStartOffset, logEndOffset: p.logEndOffset, detail: "" };
    };
    const now = read();
    if (now.batches.length > 0 || maxWaitMs <= 0) return respond(now);
    // DelayedFetch: wait for new data (or a HW move, for consumers) or the timeout.
    const list = this.delayedFetches.get(key) ?? [];
    let done = false;
    const entry: DelayedFetch = {
      complete: () => {
        if (done) return;
        done = true;
        entry.timer.cancel();
        respond(p.role === "leader" ? read() : emptyFetch("NOT_LEADER_OR_FOLLOWER", `broker ${this.broker.id} lost leadership`, p));
      },
      timer: this.broker.after(maxWaitMs, () => {
        if (done) return;
        done = true;
        const remaining = this.delayedFetches.get(key);
        if (remaining) this.delayedFetches.set(key, remaining.filter((d) => d !== entry));
        respond(p.role === "leader" ? read() : emptyFetch("NOT_LEADER_OR_FOLLOWER", `broker ${this.broker.id} lost leadership`, p));
      }),
    };
    list.push(entry);
    this.delayedFetches.set(key, list);
  }

  private wakeDelayedFetches(p: Partition): void {
    const key = tpKey(p.topic, p.partition);
    const list = this.delayedFetches.get(key);
    if (!list || list.length === 0) return;
    this.delayedFetches.delete(key);
    for (const d of list) d.complete();
  }

  // ---- ListOffsets (consumers) --------------------------------------------------------------

  /**
   * ListOffsets from a consumer (Partition.fetchOffsetForTimestamp): EARLIEST (-2) is the log
   * start offset, LATEST (-1) the last offset a consumer may read up to (the high watermark),
   * and a timestamp t >= 0 the first record with timestamp >= t, if it is below the high
   * watermark (offset -1 otherwise). A leader whose high watermark has not yet caught up with the
   * start of its epoch answers OFFSET_NOT_AVAILABLE (KIP-207), except for EARLIEST.
   * Simplification: there are no transactions, so read_committed's last stable offset is the high watermark.
   */
  handleListOffsets(req: ListOffsetsRequest, respond: (response: ListOffsetsResponse) => void): void {
    const { topic, partition, timestamp } = req;
    const key = tpKey(topic, partition);
    const none = (error: KafkaErrorName, detail: string): ListOffsetsResponse => ({ error, offset: -1, timestamp: -1, leaderEpoch: -1, detail });
    if (!Number.isInteger(timestamp) || timestamp < LIST_OFFSETS_EARLIEST_TIMESTAMP) {
      return respond(none("INVALID_REQUEST", `timestamp ${timestamp} is not allowed: use -2 (EARLIEST), -1 (LATEST) or a timestamp >= 0 in ms`));
    }
    const p = this.partition(topic, partition);
    if (!p) {
      const known = this.broker.metadata.partitions.has(key);
      return respond(none(known ? "NOT_LEADER_OR_FOLLOWER" : "UNKNOWN_TOPIC_OR_PARTITION", known ? `broker ${this.broker.id} does not host ${key}` : `unknown partition ${key}`));
    }
    if (p.role !== "leader") return respond(none("NOT_LEADER_OR_FOLLOWER", `broker ${this.broker.id} is not the leader of ${key}`));
    const lastFetchableOffset = p.highWatermark;
    const offsetsError =
      p.leaderEpochStartOffset > p.highWatermark
        ? none(
            "OFFSET_NOT_AVAILABLE",
            `the high watermark (${p.highWatermark}) of ${key} is lagging behind the start offset from the beginning of leader epoch ${p.leaderEpoch} (${p.leaderEpochStartOffset})`,
          )
        : null;
    if (timestamp === LIST_OFFSETS_EARLIEST_TIMESTAMP) {
      const offset = p.log.logStartOffset;
      return respond({ error: "NONE", offset, timestamp: -1, leaderEpoch: p.log.leaderEpochCache.epochForOffset(offset) ?? -1, detail: "" });
    }
    if (timestamp === LIST_OFFSETS_LATEST_TIMESTAMP) {
      return respond(offsetsError ?? { error: "NONE", offset: lastFetchableOffset, timestamp: -1, leaderEpoch: p.leaderEpoch, detail: "" });
    }
    const found = findOffsetByTimestamp(p, timestamp);
    if (found && found.offset < lastFetchableOffset) return respond({ error: "NONE", ...found, detail: "" });
    respond(offsetsError ?? none("NONE", `no record at or after timestamp ${timestamp} below the high watermark ${lastFetchableOffset}`));
  }

  /** OffsetsForLeaderEpoch: where did `epoch` end in the leader's log? */
  handleOffsetsForLeaderEpoch(topic: string, partition: number, epoch: number): { error: KafkaErrorName; leaderEpoch: number; endOffset: number } {
    const p = this.partition(topic, partition);
    if (!p || p.role !== "leader") return { error: "NOT_LEADER_OR_FOLLOWER", leaderEpoch: -1, endOffset: -1 };
    const result = p.log.leaderEpochCache.endOffsetFor(epoch, p.logEndOffset);
    return { error: "NONE", leaderEpoch: result.epoch, endOffset: result.endOffset };
  }

  // ---- ISR changes ----------------------------------------------------------------------

  private maybeExpandIsr(p: Partition, replicaId: BrokerId): void {
    const change = p.isrExpansionFor(replicaId, this.aliveBrokers);
    if (change) this.sendAlterPartition(p, change.change, change.replica, change.newIsr, "caught up to the high watermark");
  }

  private maybeShrinkIsr(): void {
    const now = this.broker.nowMs;
    for (const p of this.partitions.values()) {
      if (p.role !== "leader" || p.pendingIsr) continue;
      const outOfSync = p.outOfSyncReplicas(now);
      if (outOfSync.length === 0) continue;
      const newIsr = p.isr.filter((r) => !outOfSync.includes(r));
      const lag = this.rt.settings.replicaLagTimeMaxMs;
      this.sendAlterPartition(p, "shrink", outOfSync[0], newIsr, `not caught up for more than replica.lag.time.max.ms (${lag} ms)`);
    }
  }

  /** AlterPartitionManager: the leader proposes; the controller commits or refuses. */
  private sendAlterPartition(p: Partition, change: "expand" | "shrink", replica: BrokerId, newIsr: BrokerId[], reason: string): void {
    const controllerId = this.broker.metadata.controllerId;
    if (controllerId === null) return;
    p.pendingIsr = { change, replica, newIsr };
    const proposal = { leader: this.broker.id, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, newIsr };
    const topic = p.topic;
    const partition = p.partition;
    request<AlterPartitionResponse>(
      this.rt.sim,
      this.rt.net,
      this.broker,
      brokerNodeId(controllerId),
      "AlterPartition",
      (respond) => {
        const controller = this.rt.broker(controllerId)?.controller;
        if (!controller) return respond({ error: "NOT_CONTROLLER", state: null });
        controller.handleAlterPartition(topic, partition, proposal, respond);
      },
      (outcome) => {
        const current = this.partition(topic, partition);
        if (current !== p || p.pendingIsr?.newIsr !== newIsr) return;
        p.pendingIsr = null;
        if (!outcome.ok || outcome.response.error !== "NONE" || !outcome.response.state) return;
        const state = outcome.response.state;
        if (state.leaderEpoch !== p.leaderEpoch) return;
        p.isr = [...state.isr];
        p.partitionEpoch = state.partitionEpoch;
        this.rt.trace.emit({ t: this.broker.nowMs, type: "partition.isr", topic, partition, leader: this.broker.id, isr: [...p.isr], change, replica, reason });
        this.maybeAdvanceHw(p);
        this.completeDelayed(p);
      },
      this.rt.settings.controllerSocketTimeoutMs,
    );
  }

  // ---- Follower fetcher -----------------------------------------------------------------

  private stopFetcher(key: string): void {
    this.fetcherTokens.delete(key);
  }

  /** Truncate first (OffsetsForLeaderEpoch, KIP-101), then fetch in a loop. */
  private startFetcher(p: Partition): void {
    const key = tpKey(p.topic, p.partition);
    const token = {};
    this.fetcherTokens.set(key, token);
    this.truncateThenFetch(p, token);
  }

  private fetcherLive(p: Partition, token: object): boolean {
    return this.fetcherTokens.get(tpKey(p.topic, p.partition)) === token && p.role === "follower" && p.leaderId !== null;
  }

  private truncateThenFetch(p: Partition, token: object): void {
    const leader = p.leaderId;
    if (leader === null || !this.fetcherLive(p, token)) return;
    const latestEpoch = p.log.leaderEpochCache.latestEpoch();
    if (latestEpoch === null) return this.fetchLoop(p, token);
    const { topic, partition } = p;
    request<{ error: KafkaErrorName; leaderEpoch: number; endOffset: number }>(
      this.rt.sim,
      this.rt.net,
      this.broker,
      brokerNodeId(leader),
      "OffsetsForLeaderEpoch",
      (respond) => {
        const target = this.rt.broker(leader);
        respond(target ? target.replicaManager.handleOffsetsForLeaderEpoch(topic, partition, latestEpoch) : { error: "NOT_LEADER_OR_FOLLOWER", leaderEpoch: -1, endOffset: -1 });
      },
      (outcome) => {
        if (!this.fetcherLive(p, token)) return;
        if (!outcome.ok || outcome.response.error !== "NONE") {
          this.broker.after(this.rt.settings.replicaFetchBackoffMs, () => this.truncateThenFetch(p, token));
          return;
        }
        const { endOffset, leaderEpoch } = outcome.response;
        // Kafka truncates to the leader's end offset for our latest epoch (or for the epoch the
        // leader answers with), never beyond our own LEO. UNDEFINED means the leader knows no
        // common epoch: Kafka then falls back to the high watermark.
        let target = endOffset >= 0 ? Math.min(endOffset, p.logEndOffset) : p.highWatermark;
        if (endOffset >= 0 && leaderEpoch !== latestEpoch) {
          const ours = p.log.leaderEpochCache.endOffsetFor(leaderEpoch, p.logEndOffset);
          if (ours.endOffset >= 0) target = Math.min(target, ours.endOffset);
        }
        this.truncate(p, target, `diverged from leader ${leader} (epoch ${latestEpoch} ended at ${endOffset} on the leader)`);
        this.fetchLoop(p, token);
      },
      this.rt.settings.replicaSocketTimeoutMs,
    );
  }

  private truncate(p: Partition, offset: number, reason: string): void {
    if (offset >= p.logEndOffset) return;
    const fromLeo = p.logEndOffset;
    const lostIds = idsFrom(p, offset);
    p.truncateTo(offset);
    this.rt.trace.emit({
      t: this.broker.nowMs,
      type: "replica.truncate",
      broker: this.broker.id,
      topic: p.topic,
      partition: p.partition,
      fromLeo,
      toOffset: p.logEndOffset,
      lostIds,
      reason,
    });
  }

  private fetchLoop(p: Partition, token: object): void {
    const leader = p.leaderId;
    if (leader === null || !this.fetcherLive(p, token)) return;
    const { topic, partition } = p;
    const fetchOffset = p.logEndOffset;
    const epoch = p.leaderEpoch;
    const replicaId = this.broker.id;
    const settings = this.rt.settings;
    this.rt.trace.emit({ t: this.broker.nowMs, type: "replica.fetch", broker: replicaId, topic, partition, leader, fetchOffset });
    request<FetchResponse>(
      this.rt.sim,
      this.rt.net,
      this.broker,
      brokerNodeId(leader),
      "Fetch",
      (respond) => {
        const target = this.rt.broker(leader);
        if (!target) return respond(emptyFetch("NOT_LEADER_OR_FOLLOWER", "no such broker"));
        target.replicaManager.handleFetch(replicaId, topic, partition, fetchOffset, epoch, settings.replicaFetchWaitMaxMs, settings.replicaFetchMaxBytes, respond);
      },
      (outcome) => {
        if (!this.fetcherLive(p, token)) return;
        const retry = () => this.broker.after(settings.replicaFetchBackoffMs, () => this.fetchLoop(p, token));
        if (!outcome.ok) return retry();
        const response = outcome.response;
        if (response.error === "OFFSET_OUT_OF_RANGE") {
          // ReplicaFetcherThread: ahead of the leader, truncate to its LEO; behind its start, start over there.
          if (fetchOffset > response.logEndOffset) this.truncate(p, response.logEndOffset, `ahead of leader ${leader}'s log end offset ${response.logEndOffset}`);
          else if (fetchOffset < response.logStartOffset) p.log.truncateFullyAndStartAt(response.logStartOffset);
          return this.fetchLoop(p, token);
        }
        if (response.error !== "NONE") return retry();
        if (p.logEndOffset !== fetchOffset) return this.fetchLoop(p, token);
        for (const batch of response.batches) {
          if (batch.lastOffset < p.logEndOffset) continue;
          this.appendLocally(p, batch, () => p.appendAsFollower([batch]));
        }
        if (p.updateFollowerHighWatermark(response.highWatermark)) this.emitHw(p);
        this.fetchLoop(p, token);
      },
      settings.replicaSocketTimeoutMs,
    );
  }

  // ---- Retention ------------------------------------------------------------------------

  /** The retention task: followers use their own HW too, so no replica deletes what a consumer may still need. */
  cleanupLogs(): void {
    this.broker.logManager.cleanupLogs(this.broker.nowMs, (topic, partition) => this.partition(topic, partition)?.highWatermark ?? null);
  }
}
