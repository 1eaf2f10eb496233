import type { BrokerId } from "../kernel/trace.js";
import type { LeaderAppendInfo, Log, LogConfig, RecordBatch } from "./log/index.js";

/** What the leader knows about one follower (Kafka's ReplicaState in Replica.scala). */
export interface RemoteReplicaState {
  /** The follower's LEO as the leader last learned it from a fetch; -1 when unknown. */
  logEndOffset: number;
  lastCaughtUpTimeMs: number;
  lastFetchLeaderLogEndOffset: number;
  lastFetchTimeMs: number;
}

/** The partition's leadership as the controller decided it (LeaderAndIsr). */
export interface LeaderAndIsr {
  leader: BrokerId | null;
  leaderEpoch: number;
  isr: BrokerId[];
  replicas: BrokerId[];
  /** Bumped on every ISR or leader change; AlterPartition requests must quote it. */
  partitionEpoch: number;
}

/** The effective topic settings a partition reads. */
export interface PartitionConfig extends LogConfig {
  minInsyncReplicas: number;
  uncleanLeaderElectionEnable: boolean;
  replicaLagTimeMaxMs: number;
}

/** An ISR change waiting for the controller, as in Kafka's PendingExpandIsr / PendingShrinkIsr. */
export interface PendingIsrChange {
  change: "expand" | "shrink";
  replica: BrokerId;
  newIsr: BrokerId[];
}

/**
 * One replica of a partition on one broker (Kafka's Partition.scala): its log, its role,
 * and, when it leads, what it knows of its followers. HW and ISR rules are Kafka's:
 * HW = min LEO over the "maximal" ISR (committed ISR plus a pending expansion) and caught-up
 * replicas about to join; it never moves while the committed ISR is under min.insync.replicas
 * (KIP-966's strict min ISR, in Kafka 4).
 */
export class Partition {
  readonly log: Log;
  role: "leader" | "follower" | "none" = "none";
  leaderId: BrokerId | null = null;
  leaderEpoch = -1;
  partitionEpoch = -1;
  replicas: BrokerId[] = [];
  /** The ISR the controller has committed. */
  isr: BrokerId[] = [];
  pendingIsr: PendingIsrChange | null = null;
  highWatermark = 0;
  /** Offset at which this broker's current leader epoch began (leaderEpochStartOffsetOpt). */
  leaderEpochStartOffset = 0;
  readonly remote = new Map<BrokerId, RemoteReplicaState>();

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly brokerId: BrokerId,
    public config: PartitionConfig,
    /** The partition's log, owned by the broker's LogManager (it survives crashes). */
    log: Log,
  ) {
    this.log = log;
  }

  get logEndOffset(): number {
    return this.log.logEndOffset;
  }

  /** The ISR used for the HW: a pending expansion already counts, a pending shrink does not yet. */
  get maximalIsr(): BrokerId[] {
    if (this.pendingIsr?.change === "expand") return this.pendingIsr.newIsr;
    return this.isr;
  }

  get isUnderMinIsr(): boolean {
    return this.role === "leader" && this.isr.length < this.config.minInsyncReplicas;
  }

  /** Becomes leader for `state` at `nowMs` (Partition.makeLeader). */
  makeLeader(state: LeaderAndIsr, nowMs: number, aliveBrokers: ReadonlySet<BrokerId>): void {
    const isNewLeaderEpoch = state.leaderEpoch > this.leaderEpoch;
    this.applyState(state);
    this.role = "leader";
    this.pendingIsr = null;
    if (isNewLeaderEpoch) {
      // The new epoch starts at our LEO; followers truncate to it if they diverged.
      this.leaderEpochStartOffset = this.logEndOffset;
      this.log.leaderEpochCache.assign(state.leaderEpoch, this.logEndOffset);
    }
    const leaderEnd = this.logEndOffset;
    this.remote.clear();
    for (const replica of state.replicas) {
      if (replica === this.brokerId) continue;
      // Replica.resetReplicaState: ISR members are treated as caught up at election time.
      const inSync = state.isr.includes(replica);
      this.remote.set(replica, {
        logEndOffset: -1,
        lastCaughtUpTimeMs: inSync ? nowMs : 0,
        lastFetchLeaderLogEndOffset: inSync ? leaderEnd : -1,
        lastFetchTimeMs: inSync ? nowMs : 0,
      });
    }
    this.maybeIncrementLeaderHW(nowMs, aliveBrokers);
  }

  makeFollower(state: LeaderAndIsr): void {
    this.applyState(state);
    this.role = "follower";
    this.pendingIsr = null;
    this.remote.clear();
  }

  private applyState(state: LeaderAndIsr): void {
    this.leaderId = state.leader;
    this.leaderEpoch = state.leaderEpoch;
    this.partitionEpoch = state.partitionEpoch;
    this.replicas = [...state.replicas];
    this.isr = [...state.isr];
  }

  /**
   * Leader append of a batch whose offsets the caller assigned from our LEO, with the idempotent
   * producer checks (Log.appendAsLeader): a retried batch is not appended again.
   */
  appendAsLeader(batch: RecordBatch): LeaderAppendInfo {
    return this.log.appendAsLeader(batch);
  }

  /** Follower append of batches fetched from the leader; keeps the epoch cache in step. */
  appendAsFollower(batches: readonly RecordBatch[]): void {
    for (const batch of batches) {
      if (batch.lastOffset < this.logEndOffset) continue;
      this.log.leaderEpochCache.assign(batch.partitionLeaderEpoch, batch.baseOffset);
      this.log.append(batch);
    }
  }

  /**
   * Partition.updateFollowerFetchState and Replica.updateFetchStateOrThrow: a follower that
   * fetches from the leader's LEO is caught up now; one that fetches from where the leader's
   * LEO was at its previous fetch was caught up at that previous fetch.
   */
  updateFollowerFetchState(replica: BrokerId, fetchOffset: number, nowMs: number): void {
    const state = this.remote.get(replica);
    if (!state) return;
    const leaderEnd = this.logEndOffset;
    if (fetchOffset >= leaderEnd) state.lastCaughtUpTimeMs = Math.max(state.lastCaughtUpTimeMs, nowMs);
    else if (fetchOffset >= state.lastFetchLeaderLogEndOffset)
      state.lastCaughtUpTimeMs = Math.max(state.lastCaughtUpTimeMs, state.lastFetchTimeMs);
    state.logEndOffset = fetchOffset;
    state.lastFetchLeaderLogEndOffset = leaderEnd;
    state.lastFetchTimeMs = nowMs;
  }

  /** Replica.isCaughtUp: at the leader's LEO, or caught up within replica.lag.time.max.ms. */
  isCaughtUp(replica: BrokerId, nowMs: number): boolean {
    const state = this.remote.get(replica);
    if (!state) return false;
    return state.logEndOffset === this.logEndOffset || nowMs - state.lastCaughtUpTimeMs <= this.config.replicaLagTimeMaxMs;
  }

  /**
   * Partition.maybeExpandIsr / isFollowerInSync: a follower outside the ISR joins once its
   * LEO reaches the HW and the start of the current leader epoch. Returns the change to
   * send to the controller, or null.
   */
  isrExpansionFor(replica: BrokerId, aliveBrokers: ReadonlySet<BrokerId>): PendingIsrChange | null {
    if (this.role !== "leader" || this.pendingIsr || this.isr.includes(replica)) return null;
    const state = this.remote.get(replica);
    if (!state || !aliveBrokers.has(replica)) return null;
    const leo = state.logEndOffset;
    if (leo >= this.highWatermark && leo >= this.leaderEpochStartOffset) {
      return { change: "expand", replica, newIsr: [...this.isr, replica] };
    }
    return null;
  }

  /** Partition.getOutOfSyncReplicas: ISR followers that have not caught up within the lag time. */
  outOfSyncReplicas(nowMs: number): BrokerId[] {
    if (this.role !== "leader") return [];
    return this.isr.filter((replica) => replica !== this.brokerId && !this.isCaughtUp(replica, nowMs));
  }

  /**
   * Partition.maybeIncrementLeaderHW. Returns true when the HW moved.
   * Only moves forward; a follower's unknown LEO (-1) holds it back until its first fetch.
   */
  maybeIncrementLeaderHW(nowMs: number, aliveBrokers: ReadonlySet<BrokerId>): boolean {
    if (this.role !== "leader" || this.isUnderMinIsr) return false;
    const leaderEnd = this.logEndOffset;
    let newHighWatermark = leaderEnd;
    const maximal = this.maximalIsr;
    for (const [replica, state] of this.remote) {
      const shouldWaitForReplicaToJoinIsr = this.isCaughtUp(replica, nowMs) && aliveBrokers.has(replica);
      if (state.logEndOffset < newHighWatermark && (maximal.includes(replica) || shouldWaitForReplicaToJoinIsr)) {
        newHighWatermark = state.logEndOffset;
      }
    }
    if (newHighWatermark > this.highWatermark) {
      this.highWatermark = newHighWatermark;
      return true;
    }
    return false;
  }

  /** A follower's HW: the leader's HW, capped at its own LEO. */
  updateFollowerHighWatermark(leaderHighWatermark: number): boolean {
    const hw = Math.min(leaderHighWatermark, this.logEndOffset);
    if (hw !== this.highWatermark) {
      this.highWatermark = hw;
      return true;
    }
    return false;
  }

  /** Truncation after a leader change; the HW never stays above the new LEO. */
  truncateTo(offset: number): void {
    this.log.truncateTo(offset);
    if (this.highWatermark > this.logEndOffset) this.highWatermark = this.logEndOffset;
  }
}
