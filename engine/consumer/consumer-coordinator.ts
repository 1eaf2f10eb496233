import { createActor, type Actor } from "xstate";
import type { KafkaErrorName } from "../cluster/errors.js";
import type {
  FindCoordinatorResponse,
  HeartbeatResponse,
  JoinGroupResponse,
  LeaveGroupResponse,
  OffsetCommitResponse,
  OffsetFetchResponse,
  SyncGroupResponse,
} from "../cluster/group/types.js";
import { request } from "../cluster/rpc.js";
import { brokerNodeId } from "../cluster/types.js";
import type { Timer } from "../kernel/simulation.js";
import type { BrokerId } from "../kernel/trace.js";
import type { PartitionAssignor, RebalanceProtocol, Subscription, TopicPartition } from "./assignors/types.js";
import { groupCoordinatorOf, type GroupCoordinatorApi } from "./broker-api.js";
import type { ConsumerMetadata, ConsumerNode } from "./consumer-metadata.js";
import { ConsumerException, commitFailedNotInGroup, commitFailedRebalanced, rebalanceInProgress, tpString } from "./errors.js";
import { Heartbeat } from "./heartbeat.js";
import type { ConsumerInterceptors } from "./interceptors.js";
import { consumerMemberMachine, type JoinSucceeded, type MemberHost, type MemberState } from "./member-machine.js";
import { invokeListener } from "./rebalance-listener.js";
import { tpKeyOf, type SubscriptionState } from "./subscription-state.js";

/** AbstractCoordinator.JOIN_GROUP_TIMEOUT_LAPSE: JoinGroup may wait a rebalance timeout, plus this. */
const JOIN_GROUP_TIMEOUT_LAPSE_MS = 5_000;

export interface CoordinatorSettings {
  client: string;
  groupId: string;
  groupInstanceId: string | null;
  sessionTimeoutMs: number;
  /** max.poll.interval.ms, which is also the rebalance timeout the member sends. */
  rebalanceTimeoutMs: number;
  heartbeatIntervalMs: number;
  retryBackoffMs: number;
  requestTimeoutMs: number;
  autoCommitEnabled: boolean;
  autoCommitIntervalMs: number;
  /** partition.assignment.strategy, in order of preference. */
  assignors: readonly PartitionAssignor[];
  excludeInternalTopics: boolean;
}

export type CommitKind = "sync" | "async" | "auto";
export type CommitOffsets = ReadonlyMap<string, { tp: TopicPartition; offset: number }>;
export type CommitCallback = (offsets: CommitOffsets, error: ConsumerException | null) => void;

/** What the coordinator needs from its KafkaConsumer. */
export interface CoordinatorOwner {
  readonly node: ConsumerNode;
  readonly metadata: ConsumerMetadata;
  readonly subscriptions: SubscriptionState;
  readonly interceptors: ConsumerInterceptors;
  /** Something the poll loop may be waiting on happened: run its next step. */
  wakeup(): void;
  emit(event: Record<string, unknown> & { type: string }): void;
}

/** Retriable commit errors (the commit may succeed when sent again). */
const RETRIABLE_COMMIT: ReadonlySet<string> = new Set(["COORDINATOR_NOT_AVAILABLE", "NOT_COORDINATOR", "COORDINATOR_LOAD_IN_PROGRESS", "REQUEST_TIMED_OUT", "NETWORK_EXCEPTION", "UNKNOWN_TOPIC_OR_PARTITION"]);

/**
 * Kafka's ConsumerCoordinator (with AbstractCoordinator): finds the group coordinator, joins the
 * group through the member machine, runs the assignor when it is the leader, calls the
 * rebalance listener at Kafka's moments, heartbeats, commits and fetches offsets, and leaves.
 * Its "heartbeat thread" is a timer on the simulation's queue; everything else runs from the
 * application's poll().
 */
export class ConsumerCoordinator implements MemberHost {
  readonly member: Actor<typeof consumerMemberMachine>;
  readonly heartbeat: Heartbeat;
  readonly protocol: RebalanceProtocol;
  coordinatorId: BrokerId | null = null;
  private lookupInFlight = false;
  private nextLookupBroker = 0;
  private coordinatorWaiters: (() => void)[] = [];
  private heartbeatEnabled = false;
  private heartbeatTimer: Timer | null = null;
  private needsJoinPrepare = true;
  private joinPrepareCommit: "none" | "in-flight" | "done" = "none";
  private joinBackoffUntilMs = 0;
  private joinedSubscription: ReadonlySet<string> | null = null;
  /** The leader's view of partition counts when it assigned (assignmentSnapshot); a change means rebalance. */
  private assignmentSnapshot: Map<string, number> | null = null;
  private nextAutoCommitDeadlineMs: number;
  /** A fatal JoinGroup error, thrown from the next poll(). */
  fatalError: ConsumerException | null = null;
  /** The offsets this member last committed successfully, by "topic-partition". */
  readonly committedByMe = new Map<string, number>();
  private lastState: MemberState = "UNJOINED";

  constructor(
    private readonly owner: CoordinatorOwner,
    readonly settings: CoordinatorSettings,
  ) {
    this.heartbeat = new Heartbeat(settings.heartbeatIntervalMs, settings.sessionTimeoutMs, settings.rebalanceTimeoutMs, settings.retryBackoffMs);
    // ConsumerCoordinator: COOPERATIVE only when every configured assignor supports it.
    this.protocol = settings.assignors.length > 0 && settings.assignors.every((a) => a.supportedProtocols.includes("COOPERATIVE")) ? "COOPERATIVE" : "EAGER";
    this.nextAutoCommitDeadlineMs = owner.node.nowMs + settings.autoCommitIntervalMs;
    this.member = createActor(consumerMemberMachine, { input: { host: this } });
    this.member.subscribe((snapshot) => {
      const state = snapshot.value as MemberState;
      if (state === this.lastState) return;
      const from = this.lastState;
      this.lastState = state;
      this.owner.emit({ type: "consumer.state", client: this.settings.client, group: this.settings.groupId, from, to: state, generation: snapshot.context.generationId, member: snapshot.context.memberId });
    });
    this.member.start();
  }

  private get now(): number {
    return this.owner.node.nowMs;
  }

  get state(): MemberState {
    return this.member.getSnapshot().value as MemberState;
  }

  get generationId(): number {
    return this.member.getSnapshot().context.generationId;
  }

  get memberId(): string {
    return this.member.getSnapshot().context.memberId;
  }

  get isLeader(): boolean {
    const ctx = this.member.getSnapshot().context;
    return ctx.memberId !== "" && ctx.leader === ctx.memberId;
  }

  coordinatorUnknown(): boolean {
    return this.coordinatorId === null;
  }

  private emit(type: string, fields: Record<string, unknown>): void {
    this.owner.emit({ type, client: this.settings.client, group: this.settings.groupId, ...fields });
  }

  // ---- Coordinator discovery ------------------------------------------------------------

  /** FindCoordinator to any broker (brokers in turn); the coordinator leads the group's __consumer_offsets partition. */
  lookupCoordinator(onFound?: () => void): void {
    if (onFound) this.coordinatorWaiters.push(onFound);
    if (this.lookupInFlight || this.coordinatorId !== null) {
      if (this.coordinatorId !== null) this.flushCoordinatorWaiters();
      return;
    }
    this.lookupInFlight = true;
    const cluster = this.owner.node.cluster;
    const ids = [...cluster.brokers.keys()];
    const target = ids[this.nextLookupBroker++ % ids.length];
    request<FindCoordinatorResponse>(
      cluster.sim,
      cluster.net,
      this.owner.node,
      brokerNodeId(target),
      "FindCoordinator",
      (respond) => {
        const gc = groupCoordinatorOf(cluster.broker(target));
        if (!gc) return respond({ error: "COORDINATOR_NOT_AVAILABLE", nodeId: -1, detail: `broker ${target} has no group coordinator` });
        gc.handleFindCoordinator({ key: this.settings.groupId, keyType: "group" }, respond);
      },
      (outcome) => {
        this.lookupInFlight = false;
        if (outcome.ok && outcome.response.error === "NONE" && outcome.response.nodeId !== -1) {
          this.coordinatorId = outcome.response.nodeId;
          this.emit("consumer.coordinator", { coordinator: this.coordinatorId, reason: `FindCoordinator answered by broker ${target}` });
          this.flushCoordinatorWaiters();
          this.owner.wakeup();
          return;
        }
        this.owner.node.after(this.settings.retryBackoffMs, () => this.lookupCoordinator());
      },
      this.settings.requestTimeoutMs,
    );
  }

  private flushCoordinatorWaiters(): void {
    const waiters = this.coordinatorWaiters;
    this.coordinatorWaiters = [];
    for (const w of waiters) w();
  }

  /** AbstractCoordinator.markCoordinatorUnknown: find it again before the next request. */
  markCoordinatorUnknown(reason: string): void {
    if (this.coordinatorId === null) return;
    this.coordinatorId = null;
    this.emit("consumer.coordinator", { coordinator: null, reason });
  }

  /** One request to the group coordinator; no coordinator known means COORDINATOR_NOT_AVAILABLE at once. */
  private toCoordinator<Res extends { error: KafkaErrorName | string; detail: string }>(
    kind: string,
    serve: (gc: GroupCoordinatorApi, respond: (response: Res) => void) => void,
    onResponse: (error: string, response: Res | null, detail: string) => void,
    timeoutMs = this.settings.requestTimeoutMs,
  ): void {
    const target = this.coordinatorId;
    if (target === null) return onResponse("COORDINATOR_NOT_AVAILABLE", null, "the group coordinator is not known");
    const cluster = this.owner.node.cluster;
    request<Res | null>(
      cluster.sim,
      cluster.net,
      this.owner.node,
      brokerNodeId(target),
      kind,
      (respond) => {
        const gc = groupCoordinatorOf(cluster.broker(target));
        if (!gc) return respond(null);
        serve(gc, respond);
      },
      (outcome) => {
        if (!outcome.ok) {
          this.markCoordinatorUnknown(`${kind} to broker ${target}: ${outcome.error}`);
          return onResponse(outcome.error, null, `no answer from broker ${target} (${outcome.error})`);
        }
        const response = outcome.response;
        if (response === null) return onResponse("NOT_COORDINATOR", null, `broker ${target} has no group coordinator`);
        if (response.error === "NOT_COORDINATOR" || response.error === "COORDINATOR_NOT_AVAILABLE") this.markCoordinatorUnknown(`${kind}: ${response.error}`);
        onResponse(response.error, response, response.detail);
      },
      timeoutMs,
    );
  }

  // ---- poll(): join when needed, auto-commit --------------------------------------------

  /**
   * ConsumerCoordinator.poll: with group management, find the coordinator and (re)join when
   * needed; then maybe auto-commit. True when the member is ready for fetching.
   */
  poll(): boolean {
    const now = this.now;
    if (this.owner.subscriptions.partitionsAutoAssigned) {
      // Always update the poll timer, so the heartbeat thread does not leave the group while
      // poll() itself waits for a coordinator (Kafka's pollHeartbeat).
      this.heartbeat.poll(now);
      if (this.coordinatorUnknown()) {
        this.lookupCoordinator();
        return false;
      }
      if (this.rejoinNeededOrPending() && !this.ensureActiveGroup()) return false;
    }
    this.maybeAutoCommitOffsetsAsync(now);
    return true;
  }

  /** True when an auto-commit is due at the next poll (what a lab's "before-commit" crash waits for). */
  autoCommitDue(): boolean {
    return this.settings.autoCommitEnabled && this.now >= this.nextAutoCommitDeadlineMs;
  }

  rejoinNeededOrPending(): boolean {
    if (!this.owner.subscriptions.partitionsAutoAssigned) return false;
    const snapshot = this.member.getSnapshot();
    if (snapshot.value !== "STABLE" || snapshot.context.rejoinNeeded) return true;
    const subscription = this.owner.subscriptions.subscription;
    const joined = this.joinedSubscription;
    if (joined && joined !== subscription) {
      if (joined.size !== subscription.size) return true;
      for (const t of subscription) if (!joined.has(t)) return true;
    }
    if (this.assignmentSnapshot) {
      for (const [topic, count] of this.assignmentSnapshot) if (this.owner.metadata.partitionCount(topic) !== count) return true;
    }
    return false;
  }

  private ensureActiveGroup(): boolean {
    const state = this.state;
    if (state === "PREPARING_REBALANCE" || state === "COMPLETING_REBALANCE" || state === "CLOSED") return false;
    if (this.needsJoinPrepare) {
      // ConsumerCoordinator.onJoinPrepare -> maybeMarkPartitionsPendingRevocation: under the eager
      // protocol every owned partition is about to be revoked, so from now on poll() returns none of
      // its records (not even those already fetched) while the commit below and the join go on.
      if (this.protocol === "EAGER" && this.generationId !== -1) this.owner.subscriptions.markPendingRevocation(this.owner.subscriptions.assignedPartitions());
      // onJoinPrepare commits first (auto-commit) and waits for the answer, up to the rebalance timeout.
      if (this.settings.autoCommitEnabled && this.joinPrepareCommit === "none") {
        this.joinPrepareCommit = "in-flight";
        const timer = this.owner.node.after(this.settings.rebalanceTimeoutMs, () => {
          if (this.joinPrepareCommit !== "in-flight") return;
          this.joinPrepareCommit = "done";
          this.owner.wakeup();
        });
        this.commitOffsets(this.owner.subscriptions.allConsumed(), "auto", () => {
          timer.cancel();
          if (this.joinPrepareCommit !== "in-flight") return;
          this.joinPrepareCommit = "done";
          this.owner.wakeup();
        });
        return false;
      }
      if (this.joinPrepareCommit === "in-flight") return false;
      this.onJoinPrepare();
      this.needsJoinPrepare = false;
      this.joinPrepareCommit = "none";
    }
    if (this.now < this.joinBackoffUntilMs) return false;
    this.joinedSubscription = new Set(this.owner.subscriptions.subscription);
    this.member.send({ type: "join.send", reason: this.lastRejoinReason || "joining the group" });
    this.lastRejoinReason = "";
    return false;
  }

  private lastRejoinReason = "";

  /** AbstractCoordinator.requestRejoin. */
  requestRejoin(reason: string): void {
    this.lastRejoinReason = reason;
    this.member.send({ type: "rejoin.requested", reason });
  }

  /**
   * ConsumerCoordinator.onJoinPrepare: if the generation was reset (the member was kicked out),
   * whatever it owned is lost; otherwise eager revokes everything now, cooperative only the
   * partitions of topics it no longer subscribes to.
   */
  private onJoinPrepare(): void {
    const subs = this.owner.subscriptions;
    const generation = this.generationId;
    const owned = subs.assignedPartitions();
    if (generation === -1 || this.memberId === "") {
      if (owned.length > 0) {
        this.invokePartitionsLost(owned, "the generation was reset: the member is no longer part of the group");
        subs.assignFromSubscribed([]);
      }
    } else if (this.protocol === "EAGER") {
      this.invokePartitionsRevoked(owned, "eager rebalance: every partition is revoked before joining");
      subs.assignFromSubscribed([]);
    } else {
      const revoked = owned.filter((tp) => !subs.subscription.has(tp.topic));
      if (revoked.length > 0) {
        this.invokePartitionsRevoked(revoked, "the topic is no longer subscribed");
        subs.assignFromSubscribed(owned.filter((tp) => subs.subscription.has(tp.topic)));
      }
    }
    this.assignmentSnapshot = null;
  }

  private invokePartitionsRevoked(partitions: TopicPartition[], reason: string): void {
    const listener = this.owner.subscriptions.listener;
    if (partitions.length > 0) this.emit("consumer.revoked", { generation: this.generationId, partitions: partitions.map(tpString), reason });
    invokeListener(() => listener.onPartitionsRevoked(partitions));
  }

  private invokePartitionsLost(partitions: TopicPartition[], reason: string): void {
    const listener = this.owner.subscriptions.listener;
    this.emit("consumer.lost", { generation: this.generationId, partitions: partitions.map(tpString), reason });
    invokeListener(() => (listener.onPartitionsLost ? listener.onPartitionsLost(partitions) : listener.onPartitionsRevoked(partitions)));
  }

  // ---- MemberHost: JoinGroup, SyncGroup, onJoinComplete ----------------------------------

  private ownSubscription(): { topics: string[]; ownedPartitions: TopicPartition[]; generationId: number } {
    return {
      topics: [...this.owner.subscriptions.subscription].sort(),
      ownedPartitions: this.protocol === "COOPERATIVE" ? this.owner.subscriptions.assignedPartitions() : [],
      generationId: this.generationId,
    };
  }

  sendJoinGroup(memberId: string, reason: string): void {
    const metadata = this.ownSubscription();
    const req = {
      groupId: this.settings.groupId,
      memberId,
      groupInstanceId: this.settings.groupInstanceId,
      sessionTimeoutMs: this.settings.sessionTimeoutMs,
      rebalanceTimeoutMs: this.settings.rebalanceTimeoutMs,
      protocolType: "consumer",
      protocols: this.settings.assignors.map((a) => ({ name: a.name, metadata })),
      reason,
      clientId: this.settings.client,
    };
    this.toCoordinator<JoinGroupResponse>(
      "JoinGroup",
      (gc, respond) => gc.handleJoinGroup(req, respond),
      (error, response) => {
        if (this.state !== "PREPARING_REBALANCE") return;
        if (error === "NONE" && response) {
          this.emit("consumer.join", { generation: response.generationId, member: response.memberId, leader: response.leader, protocol: response.protocolName ?? "" });
          this.member.send({ type: "join.succeeded", generationId: response.generationId, memberId: response.memberId, leader: response.leader, protocolName: response.protocolName ?? "", members: response.members });
          return;
        }
        if (error === "MEMBER_ID_REQUIRED" && response) {
          this.member.send({ type: "join.member-id-required", memberId: response.memberId });
          return;
        }
        this.failJoin(error, response?.detail ?? "");
      },
      Math.max(this.settings.requestTimeoutMs, this.settings.rebalanceTimeoutMs + JOIN_GROUP_TIMEOUT_LAPSE_MS),
    );
  }

  private failJoin(error: string, detail: string): void {
    const resetMemberId = error === "UNKNOWN_MEMBER_ID" || error === "FENCED_INSTANCE_ID";
    const resetGeneration = resetMemberId || error === "ILLEGAL_GENERATION";
    if (error === "INCONSISTENT_GROUP_PROTOCOL" || error === "INVALID_SESSION_TIMEOUT" || error === "GROUP_MAX_SIZE_REACHED" || error === "GROUP_AUTHORIZATION_FAILED") {
      this.fatalError = new ConsumerException(exceptionFor(error), detail || error, error);
    }
    this.joinBackoffUntilMs = this.now + this.settings.retryBackoffMs;
    this.owner.node.after(this.settings.retryBackoffMs, () => this.owner.wakeup());
    if (this.state === "PREPARING_REBALANCE") this.member.send({ type: "join.failed", error, resetGeneration, resetMemberId });
    else this.member.send({ type: "sync.failed", error, resetGeneration, resetMemberId });
    this.owner.wakeup();
  }

  onJoinResponse(response: JoinSucceeded): void {
    const send = (assignments: Record<string, TopicPartition[]>) => {
      const req = {
        groupId: this.settings.groupId,
        generationId: response.generationId,
        memberId: response.memberId,
        groupInstanceId: this.settings.groupInstanceId,
        protocolName: response.protocolName,
        assignments,
      };
      this.toCoordinator<SyncGroupResponse>(
        "SyncGroup",
        (gc, respond) => gc.handleSyncGroup(req, respond),
        (error, res) => {
          if (this.state !== "COMPLETING_REBALANCE" || this.member.getSnapshot().context.pendingGeneration !== response.generationId) return;
          if (error === "NONE" && res) {
            this.member.send({ type: "sync.succeeded", assignment: res.assignment.map((tp) => ({ topic: tp.topic, partition: tp.partition })) });
            this.owner.wakeup();
            return;
          }
          this.failJoin(error, res?.detail ?? "");
        },
      );
    };
    if (response.leader !== response.memberId) return send({});
    // The leader refreshes metadata first so that it assigns from fresh partition counts.
    this.owner.metadata.update(() => {
      if (this.state !== "COMPLETING_REBALANCE" || this.member.getSnapshot().context.pendingGeneration !== response.generationId) return;
      send(this.performAssignment(response));
    });
  }

  /** ConsumerCoordinator.onLeaderElected / performAssignment: the group leader runs the chosen assignor. */
  private performAssignment(response: JoinSucceeded): Record<string, TopicPartition[]> {
    const assignor = this.settings.assignors.find((a) => a.name === response.protocolName);
    if (!assignor) throw new Error(`Coordinator selected invalid assignment protocol: ${response.protocolName}`);
    const subscriptions: Record<string, Subscription> = {};
    const allTopics = new Set<string>();
    for (const m of response.members) {
      subscriptions[m.memberId] = {
        topics: m.metadata.topics,
        ownedPartitions: m.metadata.ownedPartitions,
        generationId: m.metadata.generationId,
        ...(m.groupInstanceId !== null ? { groupInstanceId: m.groupInstanceId } : {}),
      };
      for (const t of m.metadata.topics) allTopics.add(t);
    }
    const partitionsPerTopic: Record<string, number> = {};
    this.assignmentSnapshot = new Map();
    for (const topic of [...allTopics].sort()) {
      const count = this.owner.metadata.partitionCount(topic);
      this.assignmentSnapshot.set(topic, count);
      if (count > 0) partitionsPerTopic[topic] = count;
    }
    return assignor.assign(partitionsPerTopic, subscriptions);
  }

  /**
   * ConsumerCoordinator.onJoinComplete: cooperative revokes what moved away (then rejoins);
   * the new assignment is taken; onPartitionsAssigned gets what was added (always called).
   */
  onJoinComplete(generationId: number, _memberId: string, _protocolName: string, assignment: TopicPartition[]): void {
    const subs = this.owner.subscriptions;
    const owned = subs.assignedPartitions();
    const assignedKeys = new Set(assignment.map(tpKeyOf));
    const ownedKeys = new Set(owned.map(tpKeyOf));
    const added = assignment.filter((tp) => !ownedKeys.has(tpKeyOf(tp)));
    if (this.protocol === "COOPERATIVE") {
      const revoked = owned.filter((tp) => !assignedKeys.has(tpKeyOf(tp)));
      if (revoked.length > 0) {
        this.invokePartitionsRevoked(revoked, "cooperative rebalance: the partition moves to another member");
        this.requestRejoin(`need to revoke partitions ${revoked.map(tpString).join(", ")} and re-join`);
      }
    }
    this.nextAutoCommitDeadlineMs = this.now + this.settings.autoCommitIntervalMs;
    subs.assignFromSubscribed(assignment);
    this.needsJoinPrepare = true;
    this.emit("consumer.assigned", { generation: generationId, partitions: assignment.map(tpString), added: added.map(tpString) });
    invokeListener(() => subs.listener.onPartitionsAssigned(added));
  }

  // ---- The heartbeat "thread" -----------------------------------------------------------

  enableHeartbeat(): void {
    if (this.heartbeatEnabled) return;
    this.heartbeatEnabled = true;
    this.heartbeat.restartSessionTimers(this.now);
    this.scheduleHeartbeatTick();
  }

  disableHeartbeat(): void {
    this.heartbeatEnabled = false;
    this.heartbeatTimer?.cancel();
    this.heartbeatTimer = null;
  }

  private scheduleHeartbeatTick(): void {
    this.heartbeatTimer?.cancel();
    if (!this.heartbeatEnabled) return;
    const at = Math.max(this.now, this.heartbeat.nextWakeupMs());
    this.heartbeatTimer = this.owner.node.after(at - this.now, () => this.heartbeatTick());
  }

  /** One wake-up of Kafka's HeartbeatThread.run loop. */
  private heartbeatTick(): void {
    this.heartbeatTimer = null;
    if (!this.heartbeatEnabled) return;
    const now = this.now;
    if (this.coordinatorUnknown()) {
      this.lookupCoordinator();
      this.heartbeat.failHeartbeat(now);
    } else if (this.heartbeat.sessionTimeoutExpired(now)) {
      // The coordinator has not answered for a whole session: assume it moved or died.
      this.markCoordinatorUnknown("session timed out without receiving a heartbeat response");
      this.heartbeat.restartSessionTimers(now);
    } else if (this.heartbeat.pollTimeoutExpired(now)) {
      // The application did not call poll() within max.poll.interval.ms: leave, so the
      // partitions go to a member that is making progress.
      this.maybeLeaveGroup("consumer poll timeout has expired.");
      return;
    } else if (this.heartbeat.shouldHeartbeat(now)) {
      this.sendHeartbeat();
    }
    this.scheduleHeartbeatTick();
  }

  private sendHeartbeat(): void {
    const ctx = this.member.getSnapshot().context;
    const generationId = this.state === "STABLE" ? ctx.generationId : ctx.pendingGeneration;
    const req = { groupId: this.settings.groupId, generationId, memberId: ctx.memberId, groupInstanceId: this.settings.groupInstanceId };
    this.heartbeat.sentHeartbeat(this.now);
    this.toCoordinator<HeartbeatResponse>(
      "Heartbeat",
      (gc, respond) => gc.handleHeartbeat(req, respond),
      (error) => {
        const now = this.now;
        if (error === "NONE") this.heartbeat.receiveHeartbeat(now);
        else this.heartbeat.failHeartbeat(now);
        if (error === "REBALANCE_IN_PROGRESS") {
          // The group is rebalancing: rejoin at the next poll() (only when stable; a member
          // already rejoining is answered by its JoinGroup).
          this.heartbeat.receiveHeartbeat(now);
          if (this.state === "STABLE") this.requestRejoin("group is already rebalancing");
        } else if (error === "UNKNOWN_MEMBER_ID" || error === "ILLEGAL_GENERATION" || error === "FENCED_INSTANCE_ID") {
          if (this.state === "STABLE" || this.state === "COMPLETING_REBALANCE") {
            this.member.send({ type: "generation.reset", reason: `Heartbeat: ${error}`, resetMemberId: error !== "ILLEGAL_GENERATION" });
            this.owner.wakeup();
          }
        }
        this.scheduleHeartbeatTick();
      },
    );
  }

  /** AbstractCoordinator.maybeLeaveGroup: a dynamic member sends LeaveGroup; the generation is reset either way. */
  maybeLeaveGroup(reason: string): void {
    const ctx = this.member.getSnapshot().context;
    if (this.settings.groupInstanceId === null && !this.coordinatorUnknown() && this.state !== "UNJOINED" && ctx.memberId !== "") {
      this.emit("consumer.leave", { member: ctx.memberId, reason });
      const req = { groupId: this.settings.groupId, members: [{ memberId: ctx.memberId, groupInstanceId: null, reason }] };
      this.toCoordinator<LeaveGroupResponse>("LeaveGroup", (gc, respond) => gc.handleLeaveGroup(req, respond), () => {});
    }
    if (this.state !== "CLOSED") this.member.send({ type: "generation.reset", reason, resetMemberId: true });
  }

  /**
   * ConsumerCoordinator.onLeavePrepare (close, unsubscribe): the owned partitions are revoked,
   * or lost when the generation is gone or a rebalance is in progress.
   */
  onLeavePrepare(): void {
    const subs = this.owner.subscriptions;
    const owned = subs.assignedPartitions();
    if (!subs.partitionsAutoAssigned || owned.length === 0) return;
    const state = this.state;
    if (this.generationId === -1 || this.memberId === "" || state === "PREPARING_REBALANCE" || state === "COMPLETING_REBALANCE") {
      this.invokePartitionsLost(owned, "leaving the group without a stable generation");
    } else {
      this.invokePartitionsRevoked(owned, "the consumer is leaving the group");
    }
    subs.assignFromSubscribed([]);
  }

  close(): void {
    this.disableHeartbeat();
    this.member.send({ type: "close" });
  }

  // ---- Offsets --------------------------------------------------------------------------

  /** ConsumerCoordinator.maybeAutoCommitOffsetsAsync: every auto.commit.interval.ms, from inside poll(). */
  private maybeAutoCommitOffsetsAsync(now: number): void {
    if (!this.settings.autoCommitEnabled) return;
    if (this.coordinatorUnknown()) {
      this.nextAutoCommitDeadlineMs = now + this.settings.retryBackoffMs;
      return;
    }
    if (now < this.nextAutoCommitDeadlineMs) return;
    this.nextAutoCommitDeadlineMs = now + this.settings.autoCommitIntervalMs;
    this.commitOffsets(this.owner.subscriptions.allConsumed(), "auto", (_offsets, error) => {
      if (error && RETRIABLE_COMMIT.has(error.errorName)) {
        this.nextAutoCommitDeadlineMs = Math.min(this.now + this.settings.retryBackoffMs, this.nextAutoCommitDeadlineMs);
      }
    });
  }

  /**
   * Sends one OffsetCommit (ConsumerCoordinator.sendOffsetCommitRequest) and calls back once
   * with its outcome. A member of a group commits with its generation, which must be stable;
   * a consumer using assign() commits with generation -1.
   */
  commitOffsets(offsets: CommitOffsets, kind: CommitKind, callback: CommitCallback): void {
    const record = (result: string, detail: string) =>
      this.emit("consumer.commit", { kind, offsets: Object.fromEntries([...offsets].map(([k, v]) => [k, v.offset])), result, detail });
    if (offsets.size === 0) return callback(offsets, null);
    let generationId = -1;
    let memberId = "";
    if (this.owner.subscriptions.partitionsAutoAssigned) {
      const state = this.state;
      if (state !== "STABLE") {
        const error = state === "PREPARING_REBALANCE" || state === "COMPLETING_REBALANCE" ? rebalanceInProgress() : commitFailedNotInGroup();
        record(error.name, error.message);
        return callback(offsets, error);
      }
      generationId = this.generationId;
      memberId = this.memberId;
    }
    const send = () => {
      const req = {
        groupId: this.settings.groupId,
        generationId,
        memberId,
        groupInstanceId: this.settings.groupInstanceId,
        offsets: [...offsets.values()].map(({ tp, offset }) => ({ topic: tp.topic, partition: tp.partition, offset, leaderEpoch: -1, metadata: "" })),
      };
      this.toCoordinator<OffsetCommitResponse>(
        "OffsetCommit",
        (gc, respond) => gc.handleOffsetCommit(req, respond),
        (error, response, detail) => {
          const partitionError = response?.partitions.find((p) => p.error !== "NONE")?.error;
          const effective = error !== "NONE" ? error : (partitionError ?? "NONE");
          if (effective === "NONE") {
            for (const [key, { offset }] of offsets) this.committedByMe.set(key, offset);
            record("NONE", "");
            this.owner.interceptors.onCommit(new Map([...offsets].map(([k, v]) => [k, { tp: v.tp, offset: { offset: v.offset, leaderEpoch: null, metadata: "" } }])));
            return callback(offsets, null);
          }
          let exception: ConsumerException;
          if (effective === "ILLEGAL_GENERATION" || effective === "UNKNOWN_MEMBER_ID" || effective === "FENCED_INSTANCE_ID") {
            exception = commitFailedRebalanced(effective);
            if (this.owner.subscriptions.partitionsAutoAssigned && this.state !== "CLOSED") this.member.send({ type: "generation.reset", reason: `OffsetCommit: ${effective}`, resetMemberId: effective !== "ILLEGAL_GENERATION" });
          } else if (effective === "REBALANCE_IN_PROGRESS") {
            exception = rebalanceInProgress();
            this.requestRejoin("OffsetCommit: the group is rebalancing");
          } else if (RETRIABLE_COMMIT.has(effective)) {
            exception = new ConsumerException("RetriableCommitFailedException", `Offset commit failed with a retriable exception. You should retry committing the latest consumed offsets. Caused by: ${detail || effective}`, effective);
          } else {
            exception = new ConsumerException("CommitFailedException", detail || effective, effective);
          }
          record(exception.name, exception.message);
          callback(offsets, exception);
        },
      );
    };
    if (this.coordinatorUnknown()) this.lookupCoordinator(send);
    else send();
  }

  /** OffsetFetch for these partitions: the committed offset of each, or null where none. */
  fetchCommittedOffsets(partitions: readonly TopicPartition[], callback: (result: Map<string, number | null> | null, error: string) => void): void {
    const send = () => {
      const req = { groupId: this.settings.groupId, partitions: partitions.map((tp) => ({ topic: tp.topic, partition: tp.partition })) };
      this.toCoordinator<OffsetFetchResponse>(
        "OffsetFetch",
        (gc, respond) => gc.handleOffsetFetch(req, respond),
        (error, response) => {
          if (error !== "NONE" || !response) return callback(null, error);
          const result = new Map<string, number | null>();
          for (const p of response.partitions) result.set(`${p.topic}-${p.partition}`, p.error === "NONE" && p.offset >= 0 ? p.offset : null);
          callback(result, "NONE");
        },
      );
    };
    if (this.coordinatorUnknown()) this.lookupCoordinator(send);
    else send();
  }
}

function exceptionFor(error: string): string {
  switch (error) {
    case "INCONSISTENT_GROUP_PROTOCOL":
      return "InconsistentGroupProtocolException";
    case "INVALID_SESSION_TIMEOUT":
      return "InvalidSessionTimeoutException";
    case "GROUP_MAX_SIZE_REACHED":
      return "GroupMaxSizeReachedException";
    default:
      return "KafkaException";
  }
}
