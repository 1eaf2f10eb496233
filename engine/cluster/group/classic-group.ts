import { createActor, type Actor } from "xstate";
import type { KafkaErrorName } from "../errors.js";
import type { TopicPartition } from "../types.js";
import { ClassicGroupMember } from "./classic-group-member.js";
import { classicGroupStateMachine, type ClassicGroupSnapshot, type ClassicGroupStateName } from "./classic-group-state-machine.js";
import { javaStringHashCode } from "./partition-for-group.js";
import type { JoinGroupRequestProtocol, JoinGroupResponse, JoinGroupResponseMember, SyncGroupResponse } from "./types.js";

/** ClassicGroup.NO_LEADER */
export const NO_LEADER = "";

/** Called on every state change, for the trace. */
export type GroupTransitionListener = (from: ClassicGroupStateName, to: ClassicGroupStateName, generationId: number, reason: string) => void;

/**
 * A classic group's metadata (Kafka's ClassicGroup): its members, static members, members that
 * still have to join or sync, the protocol type and the selected assignor, the leader, and the
 * state machine that holds its state and generation.
 *
 * Simplification: Kafka keeps members in a HashMap keyed by random UUID-based ids, so "the next
 * member" (a new leader when the leader leaves) is an arbitrary one; here members iterate in the
 * order they joined, which is just as arbitrary and reproducible.
 */
export class ClassicGroup {
  readonly members = new Map<string, ClassicGroupMember>();
  /** group.instance.id -> member id. */
  readonly staticMembers = new Map<string, string>();
  /** Member ids handed out with MEMBER_ID_REQUIRED whose second JoinGroup has not come yet (KIP-394). */
  readonly pendingJoinMembers = new Set<string>();
  /** Members of the new generation that have not sent SyncGroup yet. */
  readonly pendingSyncMembers = new Set<string>();
  protocolType: string | null = null;
  protocolName: string | null = null;
  leaderId: string | null = null;
  /** Another member joined during the initial rebalance delay: extend it (InitialDelayedJoin). */
  newMemberAdded = false;
  private numMembersAwaitingJoinResponse = 0;
  /** Assignor name -> how many members offer it. */
  private readonly supportedProtocols = new Map<string, number>();
  private readonly actor: Actor<typeof classicGroupStateMachine>;

  constructor(
    readonly groupId: string,
    onTransition: GroupTransitionListener,
    /** A loaded group's restored state; a new group starts Empty at generation 0. */
    snapshot?: ClassicGroupSnapshot,
  ) {
    this.actor = createActor(classicGroupStateMachine, snapshot ? { snapshot, input: {} } : { input: {} });
    let last = this.state;
    this.actor.subscribe((s) => {
      const to = s.value as ClassicGroupStateName;
      if (to === last) return;
      const from = last;
      last = to;
      onTransition(from, to, s.context.generationId, s.context.reason);
    });
    this.actor.start();
  }

  // ---- State ------------------------------------------------------------------------------

  get state(): ClassicGroupStateName {
    return this.actor.getSnapshot().value as ClassicGroupStateName;
  }

  get previousState(): ClassicGroupStateName {
    return this.actor.getSnapshot().context.previousState;
  }

  get generationId(): number {
    return this.actor.getSnapshot().context.generationId;
  }

  is(state: ClassicGroupStateName): boolean {
    return this.state === state;
  }

  /** ClassicGroup.canRebalance: PreparingRebalance's valid previous states. */
  canRebalance(): boolean {
    return this.is("Stable") || this.is("CompletingRebalance") || this.is("Empty");
  }

  transitionToPreparingRebalance(reason: string): void {
    this.send({ type: "rebalance.prepare", reason }, "PreparingRebalance");
  }

  transitionToStable(reason: string): void {
    this.send({ type: "sync.complete", reason }, "Stable");
  }

  transitionToDead(reason: string): void {
    this.send({ type: "group.unload", reason }, "Dead");
  }

  /**
   * ClassicGroup.initNextGeneration: a new generation with the assignor the members voted for,
   * in CompletingRebalance; or, with no member left, an Empty generation without a protocol.
   */
  initNextGeneration(reason: string): void {
    this.protocolName = this.members.size > 0 ? this.selectProtocol() : null;
    this.send({ type: "join.complete", memberCount: this.members.size, reason }, this.members.size > 0 ? "CompletingRebalance" : "Empty");
    this.pendingSyncMembers.clear();
  }

  private send(event: Parameters<Actor<typeof classicGroupStateMachine>["send"]>[0], expected: ClassicGroupStateName): void {
    const from = this.state;
    this.actor.send(event);
    if (this.state !== expected) {
      throw new Error(`group ${this.groupId}: illegal transition ${from} -> ${expected} on ${event.type} (Kafka's assertValidTransition)`);
    }
  }

  // ---- Members ----------------------------------------------------------------------------

  has(memberId: string): boolean {
    return this.members.has(memberId);
  }

  member(memberId: string): ClassicGroupMember | undefined {
    return this.members.get(memberId);
  }

  isLeader(memberId: string): boolean {
    return this.leaderId === memberId;
  }

  isPendingMember(memberId: string): boolean {
    return this.pendingJoinMembers.has(memberId);
  }

  staticMemberId(groupInstanceId: string | null): string | undefined {
    return groupInstanceId === null ? undefined : this.staticMembers.get(groupInstanceId);
  }

  /** ClassicGroup.add: the first member fixes the protocol type and becomes the leader. */
  add(member: ClassicGroupMember, awaitingJoin: ((response: JoinGroupResponse) => void) | null): void {
    if (member.groupInstanceId !== null) {
      if (this.staticMembers.has(member.groupInstanceId)) throw new Error(`static member ${member.groupInstanceId} is already in group ${this.groupId}`);
      this.staticMembers.set(member.groupInstanceId, member.memberId);
    }
    if (this.members.size === 0) this.protocolType = member.protocolType;
    if (this.leaderId === null) this.leaderId = member.memberId;
    this.members.set(member.memberId, member);
    this.countProtocols(member, +1);
    member.awaitingJoin = awaitingJoin;
    if (member.isAwaitingJoin) this.numMembersAwaitingJoinResponse++;
    this.pendingJoinMembers.delete(member.memberId);
  }

  /** ClassicGroup.remove: a leaving leader hands over to the next member. */
  remove(memberId: string): void {
    const removed = this.members.get(memberId);
    if (removed) {
      this.members.delete(memberId);
      this.countProtocols(removed, -1);
      if (removed.isAwaitingJoin) this.numMembersAwaitingJoinResponse--;
      if (removed.groupInstanceId !== null) this.staticMembers.delete(removed.groupInstanceId);
    }
    if (this.isLeader(memberId)) this.leaderId = this.members.keys().next().value ?? null;
    this.pendingJoinMembers.delete(memberId);
    this.pendingSyncMembers.delete(memberId);
  }

  /** ClassicGroup.updateMember: new protocols and timeouts, and (un)park its JoinGroup. */
  updateMember(
    member: ClassicGroupMember,
    protocols: JoinGroupRequestProtocol[],
    rebalanceTimeoutMs: number,
    sessionTimeoutMs: number,
    awaitingJoin: ((response: JoinGroupResponse) => void) | null,
  ): void {
    this.countProtocols(member, -1);
    member.supportedProtocols = protocols;
    this.countProtocols(member, +1);
    member.rebalanceTimeoutMs = rebalanceTimeoutMs;
    member.sessionTimeoutMs = sessionTimeoutMs;
    if (awaitingJoin && !member.isAwaitingJoin) this.numMembersAwaitingJoinResponse++;
    else if (!awaitingJoin && member.isAwaitingJoin) this.numMembersAwaitingJoinResponse--;
    member.awaitingJoin = awaitingJoin;
  }

  /**
   * ClassicGroup.replaceStaticMember: a static member came back with a new member id. The old
   * id's parked requests are answered FENCED_INSTANCE_ID; the new member keeps the old one's
   * assignment, and its leadership.
   */
  replaceStaticMember(groupInstanceId: string, oldMemberId: string, newMemberId: string): ClassicGroupMember {
    const old = this.members.get(oldMemberId);
    if (!old) throw new Error(`cannot replace member ${oldMemberId}: not in group ${this.groupId}`);
    this.members.delete(oldMemberId);
    const fenced = `member ${oldMemberId} was replaced by ${newMemberId} for group.instance.id ${groupInstanceId}`;
    this.completeJoin(old, { error: "FENCED_INSTANCE_ID", generationId: -1, protocolName: null, leader: NO_LEADER, memberId: oldMemberId, members: [], detail: fenced });
    this.completeSync(old, { error: "FENCED_INSTANCE_ID", assignment: [], detail: fenced });
    const replacement = new ClassicGroupMember(newMemberId, old.groupInstanceId, old.clientId, old.rebalanceTimeoutMs, old.sessionTimeoutMs, old.protocolType, old.supportedProtocols);
    replacement.assignment = old.assignment;
    this.members.set(newMemberId, replacement);
    if (this.isLeader(oldMemberId)) this.leaderId = newMemberId;
    this.staticMembers.set(groupInstanceId, newMemberId);
    return replacement;
  }

  /** ClassicGroup.maybeElectNewJoinedLeader: a leader that did not rejoin hands over to one that did. */
  maybeElectNewJoinedLeader(): boolean {
    if (this.leaderId === null) return false;
    const leader = this.members.get(this.leaderId);
    if (leader?.isAwaitingJoin) return true;
    for (const member of this.members.values()) {
      if (member.isAwaitingJoin) {
        this.leaderId = member.memberId;
        return true;
      }
    }
    return false;
  }

  /** How many members have a JoinGroup parked right now. */
  get numAwaitingJoinResponse(): number {
    return this.numMembersAwaitingJoinResponse;
  }

  hasAllMembersJoined(): boolean {
    return this.members.size === this.numMembersAwaitingJoinResponse && this.pendingJoinMembers.size === 0;
  }

  notYetRejoinedMembers(): ClassicGroupMember[] {
    return [...this.members.values()].filter((m) => !m.isAwaitingJoin);
  }

  /** ClassicGroup.rebalanceTimeoutMs: the largest rebalance timeout of any member. */
  rebalanceTimeoutMs(): number {
    let max = 0;
    for (const member of this.members.values()) max = Math.max(max, member.rebalanceTimeoutMs);
    return max;
  }

  /** ClassicGroup.validateMember: FENCED_INSTANCE_ID or UNKNOWN_MEMBER_ID, or null when the member is known. */
  validateMember(memberId: string, groupInstanceId: string | null): KafkaErrorName | null {
    if (groupInstanceId !== null) {
      const existing = this.staticMembers.get(groupInstanceId);
      if (existing === undefined) return "UNKNOWN_MEMBER_ID";
      if (existing !== memberId) return "FENCED_INSTANCE_ID";
    }
    return this.members.has(memberId) ? null : "UNKNOWN_MEMBER_ID";
  }

  /** ClassicGroup.validateOffsetCommit for a non-transactional commit. */
  validateOffsetCommit(memberId: string, groupInstanceId: string | null, generationId: number): KafkaErrorName | null {
    if (this.is("Dead")) return "COORDINATOR_NOT_AVAILABLE";
    // generation -1 in an Empty group: the admin client or a consumer without group management.
    if (generationId < 0 && this.is("Empty")) return null;
    if (generationId >= 0 || memberId !== "" || groupInstanceId !== null) {
      const error = this.validateMember(memberId, groupInstanceId);
      if (error) return error;
      if (generationId !== this.generationId) return "ILLEGAL_GENERATION";
    } else if (!this.is("Empty")) {
      return "UNKNOWN_MEMBER_ID";
    }
    if (this.is("CompletingRebalance")) return "REBALANCE_IN_PROGRESS";
    return null;
  }

  // ---- Join and sync responses ----------------------------------------------------------

  completeJoin(member: ClassicGroupMember, response: JoinGroupResponse): boolean {
    const callback = member.awaitingJoin;
    if (!callback) return false;
    member.awaitingJoin = null;
    this.numMembersAwaitingJoinResponse--;
    callback(response);
    return true;
  }

  completeSync(member: ClassicGroupMember, response: SyncGroupResponse): boolean {
    const callback = member.awaitingSync;
    if (!callback) return false;
    member.awaitingSync = null;
    callback(response);
    return true;
  }

  /** ClassicGroup.currentClassicGroupMembers: what the leader's JoinGroup response lists. */
  currentClassicGroupMembers(): JoinGroupResponseMember[] {
    const protocol = this.protocolName;
    if (protocol === null) throw new Error(`group ${this.groupId} has no protocol in state ${this.state}`);
    return [...this.members.values()].map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.metadata(protocol) }));
  }

  /** Every member's assignment by member id (ClassicGroup.groupAssignment). */
  groupAssignment(): Record<string, TopicPartition[]> {
    const result: Record<string, TopicPartition[]> = {};
    for (const m of this.members.values()) result[m.memberId] = m.assignment;
    return result;
  }

  // ---- Protocols ----------------------------------------------------------------------------

  /**
   * ClassicGroup.supportsProtocols: an Empty group takes any non-empty protocol type and list;
   * otherwise the type must match and at least one offered assignor must be offered by all members.
   */
  supportsProtocols(protocolType: string, protocolNames: readonly string[]): boolean {
    if (this.is("Empty")) return protocolType !== "" && protocolNames.length > 0;
    return this.protocolType === protocolType && protocolNames.some((name) => (this.supportedProtocols.get(name) ?? 0) === this.members.size);
  }

  /**
   * ClassicGroup.selectProtocol: among the assignors every member offers, each member votes for
   * its most preferred one and the most votes win. Kafka counts votes in a HashMap and takes the
   * first maximum in its iteration order, so a tie goes to the name Java's HashMap iterates first.
   */
  selectProtocol(): string {
    if (this.members.size === 0) throw new Error(`cannot select a protocol for empty group ${this.groupId}`);
    const candidates = new Set<string>();
    for (const [name, count] of this.supportedProtocols) if (count === this.members.size) candidates.add(name);
    const votes = new Map<string, number>();
    for (const member of this.members.values()) {
      const vote = member.vote(candidates);
      votes.set(vote, (votes.get(vote) ?? 0) + 1);
    }
    let best: string | null = null;
    for (const name of javaHashMapOrder([...votes.keys()])) {
      if (best === null || votes.get(name)! > votes.get(best)!) best = name;
    }
    return best!;
  }

  private countProtocols(member: ClassicGroupMember, delta: 1 | -1): void {
    for (const p of member.supportedProtocols) {
      const count = (this.supportedProtocols.get(p.name) ?? 0) + delta;
      if (count === 0) this.supportedProtocols.delete(p.name);
      else this.supportedProtocols.set(p.name, count);
    }
  }
}

/**
 * The order a `new HashMap<String, _>()` iterates its keys in: by bucket (HashMap.hash spreads the
 * high bits, the table grows past 3/4 full from 16 buckets), then by insertion within a bucket.
 */
function javaHashMapOrder(keysInInsertionOrder: readonly string[]): string[] {
  let capacity = 16;
  while (keysInInsertionOrder.length > capacity * 0.75) capacity *= 2;
  const bucket = (key: string) => {
    const h = javaStringHashCode(key);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return keysInInsertionOrder
    .map((key, i) => ({ key, i, b: bucket(key) }))
    .sort((x, y) => x.b - y.b || x.i - y.i)
    .map((e) => e.key);
}
