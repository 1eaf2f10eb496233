import type { BrokerId, TraceEvent } from "../../kernel/trace.js";
import type { KafkaErrorName } from "../errors.js";
import type { SimRecord } from "../log/index.js";
import { tpKey, type TopicPartition } from "../types.js";
import { ClassicGroup, NO_LEADER } from "./classic-group.js";
import { ClassicGroupMember } from "./classic-group-member.js";
import { loadedGroupSnapshot } from "./classic-group-state-machine.js";
import { classicGroupHeartbeatKey, classicGroupJoinKey, classicGroupSyncKey, type CoordinatorTimer } from "./coordinator-timer.js";
import { groupMetadataRecord, type GroupMetadataValue } from "./coordinator-records.js";
import { CLASSIC_GROUP_NEW_MEMBER_JOIN_TIMEOUT_MS, type GroupCoordinatorConfig } from "./group-coordinator-config.js";
import {
  UNKNOWN_MEMBER_ID,
  type HeartbeatRequest,
  type HeartbeatResponse,
  type JoinGroupRequest,
  type JoinGroupResponse,
  type LeaveGroupRequest,
  type LeaveGroupResponse,
  type SyncGroupRequest,
  type SyncGroupResponse,
} from "./types.js";

/** What the classic protocol needs from the coordinator around it. */
export interface GroupMetadataHost {
  readonly brokerId: BrokerId;
  readonly config: GroupCoordinatorConfig;
  readonly timer: CoordinatorTimer;
  nowMs(): number;
  emit(event: TraceEvent): void;
  /** Kafka's `prefix + "-" + UUID.randomUUID()`. */
  newMemberId(prefix: string): string;
  /** Appends to the group's __consumer_offsets partition with acks=all; calls back once with the append's error. */
  appendRecords(groupId: string, records: SimRecord[], onComplete: (error: KafkaErrorName, detail: string) => void): void;
}

type JoinCallback = (response: JoinGroupResponse) => void;

/**
 * GroupMetadataManager.appendGroupMetadataErrorToResponseError: a failed write of the offsets
 * partition tells the member to find the coordinator again, or to retry.
 */
export function appendGroupMetadataErrorToResponseError(error: KafkaErrorName): KafkaErrorName {
  switch (error) {
    case "UNKNOWN_TOPIC_OR_PARTITION":
    case "NOT_ENOUGH_REPLICAS":
    case "REQUEST_TIMED_OUT":
      return "COORDINATOR_NOT_AVAILABLE";
    case "NOT_LEADER_OR_FOLLOWER":
      return "NOT_COORDINATOR";
    default:
      return error;
  }
}

function joinError(memberId: string, error: KafkaErrorName, detail: string): JoinGroupResponse {
  return { error, generationId: -1, protocolName: null, leader: NO_LEADER, memberId, members: [], detail };
}

const syncError = (error: KafkaErrorName, detail: string): SyncGroupResponse => ({ error, assignment: [], detail });

const tpNames = (partitions: readonly TopicPartition[]) => partitions.map((tp) => tpKey(tp.topic, tp.partition));

/**
 * The classic group protocol on the coordinator (the classic paths of Kafka 4's
 * GroupMetadataManager): JoinGroup, SyncGroup, Heartbeat and LeaveGroup, the join and sync
 * phases with their timeouts, member session expiry, and the group metadata written to
 * __consumer_offsets at every generation.
 */
export class GroupMetadataManager {
  readonly groups = new Map<string, ClassicGroup>();

  constructor(private readonly host: GroupMetadataHost) {}

  private get timer(): CoordinatorTimer {
    return this.host.timer;
  }

  /** getOrMaybeCreateClassicGroup: a new group starts Empty at generation 0. */
  getOrMaybeCreateGroup(groupId: string, createIfNotExists: boolean, reason: string): ClassicGroup | undefined {
    let group = this.groups.get(groupId);
    if (!group && createIfNotExists) {
      group = this.newGroup(groupId);
      this.emitState(groupId, "Dead", "Empty", 0, reason);
    }
    return group;
  }

  private newGroup(groupId: string, value?: GroupMetadataValue): ClassicGroup {
    const snapshot = value ? loadedGroupSnapshot(value.members.length > 0 ? "Stable" : "Empty", value.generation) : undefined;
    const group = new ClassicGroup(groupId, (from, to, generation, reason) => this.emitState(groupId, from, to, generation, reason), snapshot);
    this.groups.set(groupId, group);
    return group;
  }

  private emitState(group: string, from: string, to: string, generation: number, reason: string): void {
    this.host.emit({ t: this.host.nowMs(), type: "group.state", group, coordinator: this.host.brokerId, from, to, generation, reason });
  }

  private emitMember(group: ClassicGroup, member: string, change: "joined" | "left" | "expired" | "fenced", reason: string): void {
    this.host.emit({ t: this.host.nowMs(), type: "group.member", group: group.groupId, member, change, reason });
  }

  // ---- Loading and unloading ----------------------------------------------------------------

  /**
   * ClassicGroup.fromRecord and the coordinator's onLoaded: the group comes back Stable with its
   * members and their assignment (or Empty), and every member's session timer starts afresh.
   */
  loadGroup(groupId: string, value: GroupMetadataValue, reason: string): ClassicGroup {
    const group = this.newGroup(groupId, value);
    group.protocolType = value.protocolType;
    group.protocolName = value.protocol;
    for (const m of value.members) {
      const protocols = value.protocol !== null && m.subscription !== null ? [{ name: value.protocol, metadata: m.subscription }] : [];
      const member = new ClassicGroupMember(m.memberId, m.groupInstanceId, m.clientId, m.rebalanceTimeoutMs, m.sessionTimeoutMs, value.protocolType ?? "", protocols);
      member.assignment = m.assignment;
      group.add(member, null);
    }
    group.leaderId = value.leader;
    this.emitState(groupId, "Dead", group.state, group.generationId, reason);
    for (const member of group.members.values()) this.rescheduleHeartbeat(group, member);
    if (group.members.size > this.host.config.maxSize) {
      this.prepareRebalance(group, `Freshly-loaded group is over capacity (group.max.size ${this.host.config.maxSize}).`);
    }
    return group;
  }

  /** The coordinator lost the group (onUnloaded): parked requests are answered NOT_COORDINATOR. */
  unloadGroup(groupId: string, reason: string): void {
    const group = this.groups.get(groupId);
    if (!group) return;
    this.timer.cancelGroup(groupId);
    const detail = `this broker is no longer the coordinator of group ${groupId}: ${reason}`;
    if (group.is("PreparingRebalance")) {
      for (const member of group.members.values()) group.completeJoin(member, joinError(member.memberId, "NOT_COORDINATOR", detail));
    } else if (group.is("CompletingRebalance") || group.is("Stable")) {
      for (const member of group.members.values()) group.completeSync(member, syncError("NOT_COORDINATOR", detail));
    }
    group.transitionToDead(reason);
    this.groups.delete(groupId);
  }

  // ---- JoinGroup ------------------------------------------------------------------------------

  /** classicGroupJoinToClassicGroup */
  classicGroupJoin(request: JoinGroupRequest, respond: JoinCallback): void {
    const isUnknownMember = request.memberId === UNKNOWN_MEMBER_ID;
    const group = this.getOrMaybeCreateGroup(request.groupId, isUnknownMember, `created by the first JoinGroup`);
    if (!group) {
      return respond(joinError(request.memberId, "UNKNOWN_MEMBER_ID", `group ${request.groupId} does not exist on this coordinator; rejoin with an empty member id`));
    }
    // Simplification: Kafka 4 also writes an empty GroupMetadata record when a JoinGroup creates
    // a group and writes nothing else; here a group reaches the log with its first generation.
    if (!this.acceptJoiningMember(group, request.memberId)) {
      group.remove(request.memberId);
      respond(joinError(UNKNOWN_MEMBER_ID, "GROUP_MAX_SIZE_REACHED", `group ${group.groupId} already has group.max.size = ${this.host.config.maxSize} members`));
    } else if (isUnknownMember) {
      this.joinNewMember(group, request, respond);
    } else {
      this.joinExistingMember(group, request, respond);
    }
  }

  /** acceptJoiningMember: group.max.size, counting only the members that rejoined while rebalancing. */
  private acceptJoiningMember(group: ClassicGroup, memberId: string): boolean {
    const max = this.host.config.maxSize;
    switch (group.state) {
      case "Empty":
      case "Dead":
        return true;
      case "PreparingRebalance":
        // Counting the members that rejoined lets a shrunk group.max.size shed the last rejoiners.
        return (group.member(memberId)?.isAwaitingJoin ?? false) || group.numAwaitingJoinResponse < max;
      default:
        return group.has(memberId) || group.members.size < max;
    }
  }

  private joinNewMember(group: ClassicGroup, request: JoinGroupRequest, respond: JoinCallback): void {
    const protocolNames = request.protocols.map((p) => p.name);
    if (group.is("Dead")) {
      return respond(joinError(UNKNOWN_MEMBER_ID, "COORDINATOR_NOT_AVAILABLE", `group ${group.groupId} is being unloaded; find the coordinator again`));
    }
    if (!group.supportsProtocols(request.protocolType, protocolNames)) {
      return respond(joinError(UNKNOWN_MEMBER_ID, "INCONSISTENT_GROUP_PROTOCOL", inconsistentDetail(group, request.protocolType, protocolNames)));
    }
    const newMemberId = this.host.newMemberId(request.groupInstanceId ?? request.clientId ?? "consumer");
    if (request.groupInstanceId !== null) {
      const existing = group.staticMemberId(request.groupInstanceId);
      if (existing !== undefined) return this.updateStaticMemberThenRebalanceOrCompleteJoin(group, request, existing, newMemberId, respond);
      return this.addMemberThenRebalanceOrCompleteJoin(group, request, newMemberId, respond);
    }
    // KIP-394: a dynamic member gets its id first and must join again with it; until then it is
    // pending, and a pending member that never comes back expires after its session timeout.
    group.pendingJoinMembers.add(newMemberId);
    this.timer.schedule(classicGroupHeartbeatKey(group.groupId, newMemberId), request.sessionTimeoutMs, () => this.expireHeartbeat(group, newMemberId));
    respond(joinError(newMemberId, "MEMBER_ID_REQUIRED", `join again with member id ${newMemberId}`));
  }

  private joinExistingMember(group: ClassicGroup, request: JoinGroupRequest, respond: JoinCallback): void {
    const { memberId } = request;
    const protocolNames = request.protocols.map((p) => p.name);
    if (group.is("Dead")) {
      return respond(joinError(memberId, "COORDINATOR_NOT_AVAILABLE", `group ${group.groupId} is being unloaded; find the coordinator again`));
    }
    if (!group.supportsProtocols(request.protocolType, protocolNames)) {
      return respond(joinError(memberId, "INCONSISTENT_GROUP_PROTOCOL", inconsistentDetail(group, request.protocolType, protocolNames)));
    }
    if (group.isPendingMember(memberId)) {
      return this.addMemberThenRebalanceOrCompleteJoin(group, request, memberId, respond);
    }
    const error = group.validateMember(memberId, request.groupInstanceId);
    if (error) return respond(joinError(memberId, error, memberErrorDetail(group, memberId, request.groupInstanceId, error)));
    const member = group.member(memberId)!;
    const reason = request.reason || "not provided";
    switch (group.state) {
      case "PreparingRebalance":
        return this.updateMemberThenRebalanceOrCompleteJoin(group, member, request, `Member ${memberId} is joining group during PreparingRebalance; client reason: ${reason}`, respond);
      case "CompletingRebalance":
        if (member.matches(request.protocols)) {
          // A member that lost its JoinGroup response gets the current generation again.
          return respond(this.joinResponse(group, memberId, group.isLeader(memberId)));
        }
        return this.updateMemberThenRebalanceOrCompleteJoin(group, member, request, `Updating metadata for member ${memberId} during CompletingRebalance; client reason: ${reason}`, respond);
      case "Stable":
        if (group.isLeader(memberId)) {
          // The leader may rejoin to make the group reassign (e.g. a topic got partitions).
          return this.updateMemberThenRebalanceOrCompleteJoin(group, member, request, `Leader ${memberId} re-joining group during Stable; client reason: ${reason}`, respond);
        }
        if (!member.matches(request.protocols)) {
          return this.updateMemberThenRebalanceOrCompleteJoin(group, member, request, `Updating metadata for member ${memberId} during Stable; client reason: ${reason}`, respond);
        }
        return respond(this.joinResponse(group, memberId, false));
      default:
        return respond(joinError(memberId, "UNKNOWN_MEMBER_ID", `group ${group.groupId} is ${group.state}; rejoin with an empty member id`));
    }
  }

  private joinResponse(group: ClassicGroup, memberId: string, withMembers: boolean): JoinGroupResponse {
    return {
      error: "NONE",
      generationId: group.generationId,
      protocolName: group.protocolName,
      leader: group.leaderId ?? NO_LEADER,
      memberId,
      members: withMembers ? group.currentClassicGroupMembers() : [],
      detail: "",
    };
  }

  private updateMemberThenRebalanceOrCompleteJoin(group: ClassicGroup, member: ClassicGroupMember, request: JoinGroupRequest, reason: string, respond: JoinCallback): void {
    group.updateMember(member, request.protocols, request.rebalanceTimeoutMs, request.sessionTimeoutMs, respond);
    this.maybePrepareRebalanceOrCompleteJoin(group, reason);
  }

  private addMemberThenRebalanceOrCompleteJoin(group: ClassicGroup, request: JoinGroupRequest, memberId: string, respond: JoinCallback): void {
    const member = new ClassicGroupMember(
      memberId,
      request.groupInstanceId,
      request.clientId ?? "consumer",
      request.rebalanceTimeoutMs,
      request.sessionTimeoutMs,
      request.protocolType,
      request.protocols,
    );
    member.isNew = true;
    // Another member during the initial delay: the delay may be extended (InitialDelayedJoin).
    if (group.is("PreparingRebalance") && group.previousState === "Empty") group.newMemberAdded = true;
    group.add(member, respond);
    // A new member cannot heartbeat while its JoinGroup is parked; drop it if the join phase
    // outlasts the new-member join timeout (the client will rejoin if it is still there).
    this.rescheduleHeartbeat(group, member, CLASSIC_GROUP_NEW_MEMBER_JOIN_TIMEOUT_MS);
    const reason = `Adding new member ${memberId} with group instance id ${request.groupInstanceId}; client reason: ${request.reason || "not provided"}`;
    this.emitMember(group, memberId, "joined", request.reason || "JoinGroup");
    this.maybePrepareRebalanceOrCompleteJoin(group, reason);
  }

  /**
   * updateStaticMemberThenRebalanceOrCompleteJoin: a known group.instance.id joined with an
   * unknown member id (a restarted static member). It takes over the old member's place; in a
   * Stable group whose selected assignor stays the same, without a rebalance.
   */
  private updateStaticMemberThenRebalanceOrCompleteJoin(group: ClassicGroup, request: JoinGroupRequest, oldMemberId: string, newMemberId: string, respond: JoinCallback): void {
    const groupInstanceId = request.groupInstanceId!;
    const currentLeader = group.leaderId ?? NO_LEADER;
    const newMember = group.replaceStaticMember(groupInstanceId, oldMemberId, newMemberId);
    this.timer.cancel(classicGroupHeartbeatKey(group.groupId, oldMemberId));
    this.emitMember(group, oldMemberId, "fenced", `group.instance.id ${groupInstanceId} rejoined as ${newMemberId}`);
    this.emitMember(group, newMemberId, "joined", `static member ${groupInstanceId} rejoined`);
    this.rescheduleHeartbeat(group, newMember);
    const old = { protocols: newMember.supportedProtocols, rebalanceTimeoutMs: newMember.rebalanceTimeoutMs, sessionTimeoutMs: newMember.sessionTimeoutMs };
    group.updateMember(newMember, request.protocols, request.rebalanceTimeoutMs, request.sessionTimeoutMs, respond);
    const reason = `Updating metadata for static member ${newMemberId} with instance id ${groupInstanceId}; client reason: ${request.reason || "not provided"}`;

    if (group.is("Stable")) {
      if (group.protocolName !== group.selectProtocol()) {
        return this.maybePrepareRebalanceOrCompleteJoin(group, `Group's selectedProtocol will change because static member ${newMemberId} with instance id ${groupInstanceId} joined with change of protocol`);
      }
      const generationId = group.generationId;
      this.host.appendRecords(group.groupId, [this.groupMetadataRecord(group, group.groupAssignment())], (error, detail) => {
        if (this.groups.get(group.groupId) !== group) return;
        if (error !== "NONE") {
          // The new member id could not be persisted: the old member comes back.
          group.updateMember(newMember, old.protocols, old.rebalanceTimeoutMs, old.sessionTimeoutMs, null);
          const restored = group.replaceStaticMember(groupInstanceId, newMemberId, oldMemberId);
          this.rescheduleHeartbeat(group, restored);
          const mapped = appendGroupMetadataErrorToResponseError(error);
          return respond({ error: mapped, generationId, protocolName: group.protocolName, leader: currentLeader, memberId: UNKNOWN_MEMBER_ID, members: [], detail });
        }
        // KIP-814: a rejoining static leader gets the members but must not reassign (skipAssignment).
        const isLeader = group.isLeader(newMemberId);
        group.completeJoin(newMember, { ...this.joinResponse(group, newMemberId, isLeader), skipAssignment: isLeader });
      });
      return;
    }
    if (group.is("CompletingRebalance")) {
      // The leader may already be assigning to the old member id: start over.
      return this.prepareRebalance(group, reason);
    }
    if (group.is("Empty") || group.is("Dead")) {
      throw new Error(`group ${group.groupId} was not supposed to be ${group.state} when static member ${groupInstanceId} rejoins`);
    }
    this.maybeCompleteJoinPhase(group);
  }

  // ---- Rebalance ------------------------------------------------------------------------------

  private maybePrepareRebalanceOrCompleteJoin(group: ClassicGroup, reason: string): void {
    if (group.canRebalance()) this.prepareRebalance(group, reason);
    else this.maybeCompleteJoinPhase(group);
  }

  /** The join phase may end early once everyone joined, except in an initial (delayed) rebalance. */
  private maybeCompleteJoinPhase(group: ClassicGroup): void {
    if (!group.is("PreparingRebalance")) return;
    if (group.previousState === "Empty") return;
    if (!group.hasAllMembersJoined()) return;
    this.completeClassicGroupJoin(group);
  }

  /**
   * prepareRebalance: members waiting for an assignment are told to rejoin; an Empty group waits
   * group.initial.rebalance.delay.ms for more members (InitialDelayedJoin); any other group
   * waits until all members rejoined or the rebalance timeout passed (DelayedJoin).
   */
  prepareRebalance(group: ClassicGroup, reason: string): void {
    if (group.is("CompletingRebalance")) this.resetAndPropagateAssignmentWithError(group, "REBALANCE_IN_PROGRESS", `group ${group.groupId} is rebalancing: ${reason}`);
    this.removeSyncExpiration(group);
    const isInitialRebalance = group.is("Empty");
    if (isInitialRebalance) {
      const delayMs = this.host.config.initialRebalanceDelayMs;
      const remainingMs = Math.max(group.rebalanceTimeoutMs() - delayMs, 0);
      this.timer.schedule(classicGroupJoinKey(group.groupId), delayMs, () => this.tryCompleteInitialRebalanceElseSchedule(group, delayMs, remainingMs));
    }
    group.transitionToPreparingRebalance(reason);
    if (!isInitialRebalance) this.maybeCompleteJoinElseSchedule(group);
  }

  private maybeCompleteJoinElseSchedule(group: ClassicGroup): void {
    if (group.hasAllMembersJoined()) return this.completeClassicGroupJoin(group);
    this.timer.schedule(classicGroupJoinKey(group.groupId), group.rebalanceTimeoutMs(), () => this.completeClassicGroupJoin(group));
  }

  /** InitialDelayedJoin: each new member extends the wait by up to the delay, within the rebalance timeout. */
  private tryCompleteInitialRebalanceElseSchedule(group: ClassicGroup, delayMs: number, remainingMs: number): void {
    if (group.newMemberAdded && remainingMs !== 0) {
      group.newMemberAdded = false;
      const newDelayMs = Math.min(this.host.config.initialRebalanceDelayMs, remainingMs);
      const newRemainingMs = Math.max(remainingMs - delayMs, 0);
      this.timer.schedule(classicGroupJoinKey(group.groupId), newDelayMs, () => this.tryCompleteInitialRebalanceElseSchedule(group, newDelayMs, newRemainingMs));
      return;
    }
    this.completeClassicGroupJoin(group);
  }

  /**
   * completeClassicGroupJoin: dynamic members that did not rejoin are dropped, the generation is
   * bumped, the assignor chosen, and every member gets its JoinGroup answer (the leader with
   * all members' subscriptions). Members then have the rebalance timeout to send SyncGroup.
   */
  private completeClassicGroupJoin(group: ClassicGroup): void {
    this.timer.cancel(classicGroupJoinKey(group.groupId));
    for (const failed of group.notYetRejoinedMembers()) {
      if (failed.isStaticMember) continue;
      group.remove(failed.memberId);
      this.timer.cancel(classicGroupHeartbeatKey(group.groupId, failed.memberId));
      this.emitMember(group, failed.memberId, "expired", `did not rejoin within the rebalance timeout (${group.rebalanceTimeoutMs()} ms)`);
    }
    if (group.is("Dead")) return;
    if (!group.maybeElectNewJoinedLeader() && group.members.size > 0) {
      // Only static members that did not rejoin are left: wait for them (or their session expiry).
      this.timer.schedule(classicGroupJoinKey(group.groupId), group.rebalanceTimeoutMs(), () => this.completeClassicGroupJoin(group));
      return;
    }
    group.initNextGeneration("join phase completed");
    if (group.is("Empty")) {
      this.host.appendRecords(group.groupId, [this.groupMetadataRecord(group, {})], () => {
        // A failed write of an empty generation is harmless: it has no members (Kafka only logs it).
      });
      return;
    }
    this.host.emit({
      t: this.host.nowMs(),
      type: "group.rebalance",
      group: group.groupId,
      generation: group.generationId,
      protocol: group.protocolName ?? "",
      leader: group.leaderId ?? NO_LEADER,
      members: [...group.members.keys()],
    });
    for (const member of group.members.values()) {
      group.completeJoin(member, this.joinResponse(group, member.memberId, group.isLeader(member.memberId)));
      this.rescheduleHeartbeat(group, member);
      member.isNew = false;
      group.pendingSyncMembers.add(member.memberId);
    }
    const generationId = group.generationId;
    this.timer.schedule(classicGroupSyncKey(group.groupId), group.rebalanceTimeoutMs(), () => this.expirePendingSync(group, generationId));
  }

  /** expirePendingSync: members that never sent SyncGroup within the rebalance timeout are removed. */
  private expirePendingSync(group: ClassicGroup, generationId: number): void {
    if (generationId !== group.generationId) return;
    if (!(group.is("CompletingRebalance") || group.is("Stable")) || group.pendingSyncMembers.size === 0) return;
    const pending = [...group.pendingSyncMembers];
    for (const memberId of pending) {
      group.remove(memberId);
      this.timer.cancel(classicGroupHeartbeatKey(group.groupId, memberId));
      this.emitMember(group, memberId, "expired", `did not send SyncGroup within the rebalance timeout`);
    }
    this.prepareRebalance(group, `Removing [${pending.join(", ")}] on pending sync request expiration`);
  }

  private removeSyncExpiration(group: ClassicGroup): void {
    group.pendingSyncMembers.clear();
    this.timer.cancel(classicGroupSyncKey(group.groupId));
  }

  private resetAndPropagateAssignmentWithError(group: ClassicGroup, error: KafkaErrorName, detail: string): void {
    for (const member of group.members.values()) member.assignment = [];
    this.propagateAssignment(group, error, detail);
  }

  private propagateAssignment(group: ClassicGroup, error: KafkaErrorName, detail: string): void {
    for (const member of group.members.values()) {
      // A member's session restarts once it has its assignment (it may have expired while waiting).
      if (group.completeSync(member, { error, assignment: member.assignment, detail })) this.rescheduleHeartbeat(group, member);
    }
  }

  // ---- Sessions -------------------------------------------------------------------------------

  rescheduleHeartbeat(group: ClassicGroup, member: ClassicGroupMember, timeoutMs = member.sessionTimeoutMs): void {
    this.timer.schedule(classicGroupHeartbeatKey(group.groupId, member.memberId), timeoutMs, () => this.expireHeartbeat(group, member.memberId));
  }

  /** expireClassicGroupMemberHeartbeat */
  private expireHeartbeat(group: ClassicGroup, memberId: string): void {
    if (group.is("Dead")) return;
    if (group.isPendingMember(memberId)) {
      group.remove(memberId);
      if (group.is("PreparingRebalance") && group.hasAllMembersJoined()) this.completeClassicGroupJoin(group);
      return;
    }
    const member = group.member(memberId);
    if (!member || member.hasSatisfiedHeartbeat()) return;
    const timeoutMs = member.isNew ? CLASSIC_GROUP_NEW_MEMBER_JOIN_TIMEOUT_MS : member.sessionTimeoutMs;
    this.emitMember(group, memberId, "expired", member.isNew ? `new member's JoinGroup waited longer than ${timeoutMs} ms` : `no heartbeat within session.timeout.ms (${timeoutMs} ms)`);
    this.removeMemberAndUpdateGroup(group, member, `removing member ${memberId} on heartbeat expiration.`);
  }

  private removeMemberAndUpdateGroup(group: ClassicGroup, member: ClassicGroupMember, reason: string): void {
    group.completeJoin(member, joinError(UNKNOWN_MEMBER_ID, "UNKNOWN_MEMBER_ID", `member ${member.memberId} was removed from group ${group.groupId}: ${reason}`));
    group.remove(member.memberId);
    if (group.is("Stable") || group.is("CompletingRebalance")) this.maybePrepareRebalanceOrCompleteJoin(group, reason);
    else if (group.is("PreparingRebalance") && group.hasAllMembersJoined()) this.completeClassicGroupJoin(group);
  }

  // ---- SyncGroup ------------------------------------------------------------------------------

  /** classicGroupSyncToClassicGroup */
  classicGroupSync(request: SyncGroupRequest, respond: (response: SyncGroupResponse) => void): void {
    const group = this.groups.get(request.groupId);
    if (!group || group.is("Empty")) return respond(syncError("UNKNOWN_MEMBER_ID", `group ${request.groupId} has no members`));
    const error = this.validateSyncGroup(group, request);
    if (error) return respond(syncError(error, memberErrorDetail(group, request.memberId, request.groupInstanceId, error, request.generationId)));
    const { memberId } = request;
    if (group.is("PreparingRebalance")) return respond(syncError("REBALANCE_IN_PROGRESS", `group ${group.groupId} is rebalancing; rejoin`));
    if (group.is("Stable")) {
      this.removePendingSyncMember(group, memberId);
      return respond({ error: "NONE", assignment: group.member(memberId)!.assignment, detail: "" });
    }
    // CompletingRebalance: park the request until the leader's assignment is stored.
    group.member(memberId)!.awaitingSync = respond;
    this.removePendingSyncMember(group, memberId);
    if (!group.isLeader(memberId)) return;
    const assignment: Record<string, TopicPartition[]> = {};
    for (const id of group.members.keys()) assignment[id] = request.assignments[id] ?? [];
    const generationId = group.generationId;
    this.host.appendRecords(group.groupId, [this.groupMetadataRecord(group, assignment)], (appendError, detail) => {
      // The group may have moved on (a member joined) while the write replicated.
      if (this.groups.get(group.groupId) !== group || !group.is("CompletingRebalance") || group.generationId !== generationId) return;
      if (appendError !== "NONE") {
        const mapped = appendGroupMetadataErrorToResponseError(appendError);
        this.resetAndPropagateAssignmentWithError(group, mapped, `storing the assignment failed: ${detail}`);
        return this.maybePrepareRebalanceOrCompleteJoin(group, `Error ${mapped} when storing group assignment during SyncGroup (member: ${memberId}).`);
      }
      for (const m of group.members.values()) m.assignment = assignment[m.memberId] ?? [];
      this.propagateAssignment(group, "NONE", "");
      group.transitionToStable(`assignment from leader ${memberId} stored`);
      const byMember: Record<string, string[]> = {};
      for (const m of group.members.values()) byMember[m.memberId] = tpNames(m.assignment);
      this.host.emit({ t: this.host.nowMs(), type: "group.assignment", group: group.groupId, generation: generationId, assignment: byMember });
    });
  }

  private validateSyncGroup(group: ClassicGroup, request: SyncGroupRequest): KafkaErrorName | null {
    if (group.is("Dead")) return "COORDINATOR_NOT_AVAILABLE";
    const error = group.validateMember(request.memberId, request.groupInstanceId);
    if (error) return error;
    if (request.generationId !== group.generationId) return "ILLEGAL_GENERATION";
    if (request.protocolName !== null && group.protocolName !== null && request.protocolName !== group.protocolName) return "INCONSISTENT_GROUP_PROTOCOL";
    return null;
  }

  private removePendingSyncMember(group: ClassicGroup, memberId: string): void {
    group.pendingSyncMembers.delete(memberId);
    if (group.pendingSyncMembers.size === 0) this.timer.cancel(classicGroupSyncKey(group.groupId));
  }

  // ---- Heartbeat and LeaveGroup ---------------------------------------------------------------

  /** classicGroupHeartbeatToClassicGroup: in Kafka 4 a member of a generation being synced heartbeats normally. */
  classicGroupHeartbeat(request: HeartbeatRequest): HeartbeatResponse {
    const group = this.groups.get(request.groupId);
    if (!group) return { error: "UNKNOWN_MEMBER_ID", detail: `group ${request.groupId} not found` };
    if (group.is("Dead")) return { error: "COORDINATOR_NOT_AVAILABLE", detail: `group ${group.groupId} is being unloaded` };
    const error = group.validateMember(request.memberId, request.groupInstanceId) ?? (request.generationId !== group.generationId ? "ILLEGAL_GENERATION" : null);
    if (error) return { error, detail: memberErrorDetail(group, request.memberId, request.groupInstanceId, error, request.generationId) };
    switch (group.state) {
      case "Empty":
        return { error: "UNKNOWN_MEMBER_ID", detail: `group ${group.groupId} is Empty` };
      case "PreparingRebalance":
        this.rescheduleHeartbeat(group, group.member(request.memberId)!);
        return { error: "REBALANCE_IN_PROGRESS", detail: `group ${group.groupId} is rebalancing: ${request.memberId} must rejoin` };
      default:
        this.rescheduleHeartbeat(group, group.member(request.memberId)!);
        return { error: "NONE", detail: "" };
    }
  }

  /** classicGroupLeaveToClassicGroup; a static member may be removed by group.instance.id alone (an admin). */
  classicGroupLeave(request: LeaveGroupRequest): LeaveGroupResponse {
    const group = this.groups.get(request.groupId);
    if (!group) return { error: "UNKNOWN_MEMBER_ID", detail: `group ${request.groupId} not found` };
    if (group.is("Dead")) return { error: "COORDINATOR_NOT_AVAILABLE", detail: `group ${group.groupId} is being unloaded` };
    const members: NonNullable<LeaveGroupResponse["members"]> = [];
    for (const identity of request.members) {
      const reason = identity.reason || "not provided";
      let error: KafkaErrorName = "NONE";
      if (identity.memberId === UNKNOWN_MEMBER_ID) {
        const staticId = group.staticMemberId(identity.groupInstanceId);
        if (staticId === undefined) error = "UNKNOWN_MEMBER_ID";
        else this.removeCurrentMember(group, staticId, reason);
      } else if (group.isPendingMember(identity.memberId)) {
        group.remove(identity.memberId);
        this.timer.cancel(classicGroupHeartbeatKey(group.groupId, identity.memberId));
      } else {
        error = group.validateMember(identity.memberId, identity.groupInstanceId) ?? "NONE";
        if (error === "NONE") this.removeCurrentMember(group, identity.memberId, reason);
      }
      members.push({ memberId: identity.memberId, groupInstanceId: identity.groupInstanceId, error });
    }
    const left = members.filter((m) => m.error === "NONE").map((m) => m.memberId);
    if (left.length > 0) {
      const reason = `explicit \`LeaveGroup\` request for (${left.join(", ")}) members.`;
      if (group.is("Stable") || group.is("CompletingRebalance")) this.maybePrepareRebalanceOrCompleteJoin(group, reason);
      else if (group.is("PreparingRebalance")) this.maybeCompleteJoinPhase(group);
    }
    return { error: "NONE", members, detail: "" };
  }

  private removeCurrentMember(group: ClassicGroup, memberId: string, reason: string): void {
    const member = group.member(memberId)!;
    this.timer.cancel(classicGroupHeartbeatKey(group.groupId, memberId));
    group.completeJoin(member, joinError(UNKNOWN_MEMBER_ID, "UNKNOWN_MEMBER_ID", `member ${memberId} left group ${group.groupId}`));
    group.remove(memberId);
    this.emitMember(group, memberId, "left", reason);
  }

  // ---- Records --------------------------------------------------------------------------------

  /** GroupCoordinatorRecordHelpers.newGroupMetadataRecord: the generation and every member's assignment. */
  private groupMetadataRecord(group: ClassicGroup, assignment: Readonly<Record<string, TopicPartition[]>>): SimRecord {
    const protocol = group.protocolName;
    const value: GroupMetadataValue = {
      protocolType: group.protocolType,
      generation: group.generationId,
      protocol,
      leader: group.leaderId,
      currentStateTimestampMs: this.host.nowMs(),
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        rebalanceTimeoutMs: m.rebalanceTimeoutMs,
        sessionTimeoutMs: m.sessionTimeoutMs,
        subscription: protocol === null ? null : m.metadata(protocol),
        assignment: assignment[m.memberId] ?? [],
      })),
    };
    return groupMetadataRecord(group.groupId, value, this.host.nowMs());
  }
}

function inconsistentDetail(group: ClassicGroup, protocolType: string, names: readonly string[]): string {
  if (protocolType === "" || names.length === 0) return `protocol type and protocols must not be empty (got "${protocolType}", [${names.join(", ")}])`;
  if (group.protocolType !== protocolType) return `group ${group.groupId} uses protocol type "${group.protocolType}", not "${protocolType}"`;
  return `none of [${names.join(", ")}] is supported by every member of group ${group.groupId}`;
}

function memberErrorDetail(group: ClassicGroup, memberId: string, groupInstanceId: string | null, error: KafkaErrorName, generationId?: number): string {
  switch (error) {
    case "FENCED_INSTANCE_ID":
      return `group.instance.id ${groupInstanceId} now belongs to member ${group.staticMemberId(groupInstanceId)}, not ${memberId}`;
    case "UNKNOWN_MEMBER_ID":
      return `member ${memberId || "(none)"} is not in group ${group.groupId}`;
    case "ILLEGAL_GENERATION":
      return `generation ${generationId} is not the group's current generation ${group.generationId}`;
    default:
      return `${error} for member ${memberId} of group ${group.groupId}`;
  }
}
