import type { Timer } from "../../kernel/simulation.js";
import type { Broker } from "../broker.js";
import { tpKey, type TopicPartition } from "../types.js";
import { LEAVE_GROUP_MEMBER_EPOCH, type FindCoordinatorResponse, type ShareGroupHeartbeatRequest, type ShareGroupHeartbeatResponse } from "./protocol.js";
import { shareSettingsFrom, type ShareSettings } from "./share-settings.js";
import { assignSharePartitions } from "./simple-assignor.js";

/** One member of a share group, as the coordinator keeps it (ShareGroupMember). */
export interface ShareGroupMember {
  readonly memberId: string;
  memberEpoch: number;
  subscribedTopics: string[];
  assignment: TopicPartition[];
  sessionTimer: Timer | null;
}

/** A share group's membership (ShareGroup): its epoch and its target assignment. */
export interface ShareGroupState {
  readonly groupId: string;
  groupEpoch: number;
  /** The partition counts the last target assignment was computed from, "topic:n,...". */
  metadataSignature: string;
  readonly members: Map<string, ShareGroupMember>;
  targetAssignment: Map<string, TopicPartition[]>;
}

/** The part of a consumer-group coordinator this needs: FindCoordinator, as the consumer-group contract defines it. */
interface FindCoordinatorHost {
  handleFindCoordinator(request: { key: string; keyType: "group" | "share" }, respond: (response: FindCoordinatorResponse) => void): void;
}

/**
 * The share-group half of Kafka's group coordinator (GroupMetadataManager.shareGroupHeartbeat):
 * members join, heartbeat and leave with ShareGroupHeartbeat, as in the consumer-group protocol
 * of KIP-848, and the coordinator assigns partitions with the SimpleAssignor. There is no
 * revocation step: a share-partition may have many members, so a member takes its target
 * assignment at once and its epoch jumps to the group epoch.
 * A member that sends no heartbeat for group.share.session.timeout.ms is removed. The records
 * it had acquired are not touched here: they come back when their acquisition locks expire.
 * Simplification: membership is kept in memory only (Kafka writes it to __consumer_offsets), so a
 * new coordinator knows no members; they get UNKNOWN_MEMBER_ID and join again with epoch 0.
 */
export class ShareGroupCoordinator {
  private readonly groups = new Map<string, ShareGroupState>();
  readonly settings: ShareSettings;

  constructor(private readonly broker: Broker) {
    this.settings = shareSettingsFrom(broker.runtime);
  }

  shutdownOnCrash(): void {
    this.groups.clear();
  }

  /** A group's membership, for inspection and tests. */
  group(groupId: string): ShareGroupState | undefined {
    return this.groups.get(groupId);
  }

  /**
   * FindCoordinator for a share group: share groups live in the group coordinator, found by
   * __consumer_offsets partition like any group, so this asks the broker's GroupCoordinator.
   * Simplification: a broker without one (the consumer-group coordinator is not loaded) names
   * the live broker with the lowest id instead.
   */
  handleFindCoordinator(groupId: string, respond: (response: FindCoordinatorResponse) => void): void {
    const host = (this.broker as unknown as { groupCoordinator?: Partial<FindCoordinatorHost> }).groupCoordinator;
    if (host && typeof host.handleFindCoordinator === "function") return host.handleFindCoordinator({ key: groupId, keyType: "group" }, respond);
    const alive = [...this.broker.metadata.aliveBrokers].sort((a, b) => a - b);
    if (alive.length === 0) return respond({ error: "COORDINATOR_NOT_AVAILABLE", nodeId: -1, detail: `broker ${this.broker.id} knows no live broker yet` });
    respond({ error: "NONE", nodeId: alive[0], detail: "" });
  }

  handleShareGroupHeartbeat(request: ShareGroupHeartbeatRequest, respond: (response: ShareGroupHeartbeatResponse) => void): void {
    const { groupId, memberId, memberEpoch } = request;
    const reply = (partial: Partial<ShareGroupHeartbeatResponse>): void =>
      respond({ error: "NONE", detail: "", memberId, memberEpoch, heartbeatIntervalMs: this.settings.heartbeatIntervalMs, assignment: null, ...partial });
    const invalid = validateHeartbeat(request);
    if (invalid) return reply({ error: "INVALID_REQUEST", detail: invalid });

    let group = this.groups.get(groupId);
    if (memberEpoch === LEAVE_GROUP_MEMBER_EPOCH) {
      const member = group?.members.get(memberId);
      if (!group || !member) return reply({ error: "UNKNOWN_MEMBER_ID", detail: `member ${memberId} is not in share group ${groupId}` });
      this.removeMember(group, member, "left");
      return reply({ memberEpoch: LEAVE_GROUP_MEMBER_EPOCH });
    }
    if (!group) this.groups.set(groupId, (group = { groupId, groupEpoch: 0, metadataSignature: "", members: new Map(), targetAssignment: new Map() }));

    let member = group.members.get(memberId);
    let bump = false;
    let joined = false;
    if (memberEpoch === 0) {
      if (!member) {
        if (group.members.size >= this.settings.maxSize) {
          return reply({ error: "GROUP_MAX_SIZE_REACHED", detail: `share group ${groupId} already has ${group.members.size} members (group.share.max.size)` });
        }
        member = { memberId, memberEpoch: 0, subscribedTopics: [], assignment: [], sessionTimer: null };
        group.members.set(memberId, member);
        bump = true;
        joined = true;
      }
    } else if (!member) {
      return reply({ error: "UNKNOWN_MEMBER_ID", detail: `member ${memberId} is not in share group ${groupId} (its session may have expired)` });
    } else if (memberEpoch !== member.memberEpoch) {
      return reply({ error: "FENCED_MEMBER_EPOCH", detail: `member ${memberId} sent epoch ${memberEpoch}; its epoch is ${member.memberEpoch}` });
    }

    if (request.subscribedTopicNames !== null) {
      const topics = [...new Set(request.subscribedTopicNames)].sort();
      if (topics.join(",") !== member.subscribedTopics.join(",")) {
        member.subscribedTopics = topics;
        bump = true;
      }
    }
    const signature = this.metadataSignature(group);
    if (signature !== group.metadataSignature) bump = true;
    if (bump) this.bumpGroupEpoch(group);

    // Share groups reconcile at once: the member takes its target assignment and the group epoch.
    member.memberEpoch = group.groupEpoch;
    member.assignment = group.targetAssignment.get(memberId) ?? [];
    if (joined) this.emitMember(group, member, "joined");
    this.scheduleSessionTimeout(group, member);
    reply({ memberEpoch: member.memberEpoch, assignment: member.assignment.map((tp) => ({ ...tp })) });
  }

  /** A new group epoch and a new target assignment from the SimpleAssignor. */
  private bumpGroupEpoch(group: ShareGroupState): void {
    group.groupEpoch++;
    group.metadataSignature = this.metadataSignature(group);
    const members = [...group.members.values()].map((m) => ({ memberId: m.memberId, subscribedTopics: m.subscribedTopics, assigned: group.targetAssignment.get(m.memberId) ?? [] }));
    group.targetAssignment = assignSharePartitions(members, (topic) => this.broker.metadata.partitionCount(topic));
    const assignment: Record<string, string[]> = {};
    for (const [memberId, tps] of group.targetAssignment) assignment[memberId] = tps.map((tp) => tpKey(tp.topic, tp.partition));
    this.broker.runtime.trace.emit({ t: this.broker.nowMs, type: "share.assignment", group: group.groupId, coordinator: this.broker.id, groupEpoch: group.groupEpoch, assignment });
  }

  private metadataSignature(group: ShareGroupState): string {
    const topics = new Set<string>();
    for (const m of group.members.values()) for (const t of m.subscribedTopics) topics.add(t);
    return [...topics].sort().map((t) => `${t}:${this.broker.metadata.partitionCount(t)}`).join(",");
  }

  private scheduleSessionTimeout(group: ShareGroupState, member: ShareGroupMember): void {
    member.sessionTimer?.cancel();
    member.sessionTimer = this.broker.after(this.settings.sessionTimeoutMs, () => {
      member.sessionTimer = null;
      if (this.groups.get(group.groupId) === group && group.members.get(member.memberId) === member) this.removeMember(group, member, "expired");
    });
  }

  private removeMember(group: ShareGroupState, member: ShareGroupMember, change: "left" | "expired"): void {
    member.sessionTimer?.cancel();
    member.sessionTimer = null;
    group.members.delete(member.memberId);
    group.targetAssignment.delete(member.memberId);
    this.emitMember(group, member, change);
    this.bumpGroupEpoch(group);
  }

  private emitMember(group: ShareGroupState, member: ShareGroupMember, change: "joined" | "left" | "expired"): void {
    this.broker.runtime.trace.emit({
      t: this.broker.nowMs,
      type: "share.member",
      group: group.groupId,
      coordinator: this.broker.id,
      member: member.memberId,
      change,
      memberEpoch: member.memberEpoch,
      groupEpoch: group.groupEpoch,
    });
  }
}

/** ShareGroupHeartbeatRequest validation (GroupMetadataManager.throwIfShareGroupHeartbeatRequestIsInvalid). */
function validateHeartbeat(request: ShareGroupHeartbeatRequest): string | null {
  if (!request.groupId) return "GroupId can't be empty.";
  if (!request.memberId) return "MemberId can't be empty.";
  if (request.memberEpoch < LEAVE_GROUP_MEMBER_EPOCH) return `MemberEpoch is ${request.memberEpoch}; allowed: -1 (leave), 0 (join) or the epoch last received.`;
  if (request.memberEpoch === 0 && (request.subscribedTopicNames === null || request.subscribedTopicNames.length === 0)) {
    return "SubscribedTopicNames must be set in first request.";
  }
  return null;
}
