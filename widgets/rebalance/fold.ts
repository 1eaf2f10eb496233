import type { BrokerId, Scenario, TraceEvent } from "../../engine/index";
import { consumptionVerdictOf, foldConsumption, type ConsumptionTimeline } from "./consumption-fold";

/**
 * The rebalance view: one consumer group at time t, folded from the trace alone (the widget
 * never looks inside the engine). The broker side (group.* events) gives the coordinator's
 * state, generation, leader and target assignment; the client side (consumer.* events) gives
 * what each member really owns and whether it is alive, stalled or gone. Pure: same trace and
 * t, same view.
 */

/** The five states of the coordinator's GroupMetadata state machine (Kafka's names). */
export const GROUP_STATES = ["Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead"] as const;
export type GroupStateName = (typeof GROUP_STATES)[number];

/**
 * What a member is doing at t:
 * joining     started, not yet given an assignment
 * rebalancing in a rebalance after having had an assignment
 * stable      has its assignment and polls
 * stalled     its poll loop is blocked (a long record, a GC pause)
 * crashed     its process died without leaving; the coordinator waits for session.timeout.ms
 * left        it left the group (close(), or the poll timeout fired) or was removed after a crash
 */
export type MemberStatus = "joining" | "rebalancing" | "stable" | "stalled" | "crashed" | "left";

export interface MemberRow {
  /** The client name, "consumer-2": the member's identity across generations. */
  client: string;
  /** The coordinator's member id (changes when the member rejoins from scratch); "" before its first join. */
  memberId: string;
  status: MemberStatus;
  /** Partitions it owns now (what onPartitionsAssigned gave it, minus what it revoked or lost). */
  owned: number[];
  /** Partitions the coordinator's latest assignment gives it that it has not received yet. */
  pending: number[];
  isLeader: boolean;
  /** Stable, in the group, and owning nothing: more members than partitions. */
  idle: boolean;
  /** While stalled: when the stall ends. */
  stallUntilMs: number | null;
  /** The coordinator removed it after a crash (session timeout) or a stall (poll timeout). */
  removedBy: "session-timeout" | "poll-timeout" | "leave" | null;
  /** Index in order of first appearance: picks its colour and its short label. */
  index: number;
}

/**
 * A partition chip's look:
 * consuming   owned by a member that is polling it
 * stuck       owned by a member that is stalled or crashed: nobody reads it
 * pending     assigned by the latest SyncGroup, not yet received by its new owner
 * revoked     given up (revoked or lost) and not yet assigned to anyone
 * unassigned  never owned yet in this run
 */
export type ChipStatus = "consuming" | "stuck" | "pending" | "revoked" | "unassigned";

export interface PartitionChip {
  partition: number;
  status: ChipStatus;
  /** The member it sits with: its owner, or its pending owner; null in the coordinator's pool. */
  member: string | null;
  /** For revoked chips: who had it last. */
  lastOwner: string | null;
  /** When it last changed status (for the tooltip and the text alternative). */
  sinceMs: number;
}

export interface GroupStateChange {
  tMs: number;
  from: GroupStateName | null;
  to: GroupStateName;
  generation: number;
  reason: string;
}

export interface RebalanceView {
  tMs: number;
  durationMs: number;
  group: string;
  topic: string;
  partitionCount: number;
  coordinator: BrokerId | null;
  state: GroupStateName | null;
  generation: number;
  /** The assignor the group chose (protocol name: "range", "cooperative-sticky", ...). */
  protocol: string | null;
  /** Eager or cooperative, from the configured strategy. */
  rebalanceProtocol: "eager" | "cooperative";
  leader: string | null;
  members: MemberRow[];
  chips: PartitionChip[];
  /** The coordinator's state changes up to t, newest last. */
  history: GroupStateChange[];
  /** Rebalances so far (transitions into PreparingRebalance). */
  rebalances: number;
  /** Records processed more than once by the group, up to t (the consumption checker's duplicates). */
  duplicates: number;
  /** Records processed at least once, up to t. */
  processed: number;
  /** The listener commits in onPartitionsRevoked. */
  commitOnRevoke: boolean;
  /** The members' max.poll.interval.ms and session.timeout.ms (the first consumer's). */
  maxPollIntervalMs: number;
  sessionTimeoutMs: number;
  /** The whole run's consumption, per partition: bars and gaps (drawn with the part after t faded). */
  timeline: ConsumptionTimeline;
}

/** The consumer workloads' group and topic, from the scenario. */
export function groupOf(scenario: Scenario): { group: string; topic: string } {
  for (const w of scenario.workload as readonly Record<string, unknown>[]) {
    if (w.type === "consumer") {
      const topics = (w.topics as string[] | undefined) ?? [];
      return { group: String(w.groupId ?? "group-0"), topic: topics[0] ?? scenario.topics[0]?.name ?? "orders" };
    }
  }
  return { group: "group-0", topic: scenario.topics[0]?.name ?? "orders" };
}

/** The class names the strategy list names, in preference order, as the short protocol names. */
export function strategyNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : [];
  return list.map((s) => shortAssignorName(String(s).trim()));
}

/** "org.apache.kafka.clients.consumer.CooperativeStickyAssignor" -> "cooperative-sticky" (the assignor's name()). */
export function shortAssignorName(className: string): string {
  const simple = className.slice(className.lastIndexOf(".") + 1);
  switch (simple) {
    case "RangeAssignor":
      return "range";
    case "RoundRobinAssignor":
      return "roundrobin";
    case "StickyAssignor":
      return "sticky";
    case "CooperativeStickyAssignor":
      return "cooperative-sticky";
    default:
      return simple;
  }
}

function consumerWorkloads(scenario: Scenario): Record<string, unknown>[] {
  return (scenario.workload as readonly Record<string, unknown>[]).filter((w) => w.type === "consumer");
}

/** The rebalance protocol the group uses: cooperative only when every strategy the first member lists is cooperative. */
export function rebalanceProtocolOf(scenario: Scenario): "eager" | "cooperative" {
  const first = consumerWorkloads(scenario)[0];
  const config = (first?.config ?? {}) as Record<string, unknown>;
  const names = strategyNames(config["partition.assignment.strategy"] ?? ["org.apache.kafka.clients.consumer.RangeAssignor", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor"]);
  // ConsumerCoordinator picks the protocol every assignor supports; only CooperativeStickyAssignor supports COOPERATIVE.
  return names.length > 0 && names.every((n) => n === "cooperative-sticky") ? "cooperative" : "eager";
}

/** A numeric consumer config of the first member, or Kafka's default. */
export function consumerConfigMs(scenario: Scenario, key: string, fallback: number): number {
  const config = (consumerWorkloads(scenario)[0]?.config ?? {}) as Record<string, unknown>;
  const value = Number(config[key]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function commitOnRevokeOf(scenario: Scenario): boolean {
  const consumers = consumerWorkloads(scenario);
  return consumers.length > 0 && consumers.every((w) => w.listener === "commit-on-revoke");
}

/** "orders-3" -> 3 when the topic matches. */
export function partitionOfKey(key: string, topic: string): number | null {
  if (!key.startsWith(`${topic}-`)) return null;
  const n = Number(key.slice(topic.length + 1));
  return Number.isInteger(n) && n >= 0 ? n : null;
}

function isGroupState(name: string): name is GroupStateName {
  return (GROUP_STATES as readonly string[]).includes(name);
}

interface MemberState {
  client: string;
  memberId: string;
  index: number;
  owned: Set<number>;
  started: boolean;
  everAssigned: boolean;
  inRebalance: boolean;
  crashed: boolean;
  left: boolean;
  stallUntilMs: number | null;
  removedBy: MemberRow["removedBy"];
}

export function foldRebalance(trace: readonly TraceEvent[], tMs: number, scenario: Scenario): RebalanceView {
  const { group, topic } = groupOf(scenario);
  let partitionCount = scenario.topics.find((tp) => tp.name === topic)?.partitions ?? 1;
  const members = new Map<string, MemberState>();
  const clientOfMember = new Map<string, string>();
  const chipInfo = new Map<number, { lastOwner: string | null; sinceMs: number; everOwned: boolean }>();
  let target = new Map<string, number[]>(); // client -> partitions of the latest assignment
  let coordinator: BrokerId | null = null;
  let state: GroupStateName | null = null;
  let generation = 0;
  let protocol: string | null = null;
  let leaderMember: string | null = null;
  const history: GroupStateChange[] = [];
  let rebalances = 0;
  const processedCount = new Map<string, number>();

  const member = (client: string): MemberState => {
    let m = members.get(client);
    if (!m) {
      m = { client, memberId: "", index: members.size, owned: new Set(), started: false, everAssigned: false, inRebalance: false, crashed: false, left: false, stallUntilMs: null, removedBy: null };
      members.set(client, m);
    }
    return m;
  };
  const touch = (partition: number, tAt: number, owner?: string | null) => {
    const info = chipInfo.get(partition) ?? { lastOwner: null, sinceMs: 0, everOwned: false };
    info.sinceMs = tAt;
    if (owner !== undefined && owner !== null) {
      info.lastOwner = owner;
      info.everOwned = true;
    }
    chipInfo.set(partition, info);
  };

  for (const e of trace) {
    if (e.t > tMs) break;
    if (e.type === "topic.partitions-added") {
      if (e.topic === topic) partitionCount = e.to;
      continue;
    }
    if (!("group" in e) || e.group !== group) continue;
    switch (e.type) {
      case "group.state":
        if (e.to === "PreparingRebalance" && state !== "PreparingRebalance") {
          rebalances++;
          // The last generation's assignment no longer promises anything: nothing is pending until the next one.
          target = new Map();
        }
        history.push({ tMs: e.t, from: isGroupState(e.from) ? e.from : null, to: isGroupState(e.to) ? e.to : "Dead", generation: e.generation, reason: e.reason });
        state = isGroupState(e.to) ? e.to : state;
        // An Empty or Dead group has no members, so no leader.
        if (e.to === "Empty" || e.to === "Dead") leaderMember = null;
        generation = e.generation;
        coordinator = e.coordinator;
        break;
      case "group.rebalance":
        generation = e.generation;
        protocol = e.protocol;
        leaderMember = e.leader;
        break;
      case "group.assignment": {
        const next = new Map<string, number[]>();
        for (const [memberId, tps] of Object.entries(e.assignment)) {
          const client = clientOfMember.get(memberId) ?? memberId;
          next.set(client, tps.map((k) => partitionOfKey(k, topic)).filter((p): p is number => p !== null));
        }
        target = next;
        break;
      }
      case "group.member": {
        const client = clientOfMember.get(e.member);
        if (!client) break;
        const m = member(client);
        if (e.change === "expired") m.removedBy = m.stallUntilMs !== null || e.reason.includes("poll") ? "poll-timeout" : "session-timeout";
        else if (e.change === "left" && m.removedBy === null) m.removedBy = "leave";
        break;
      }
      case "coordinator.moved":
        coordinator = e.to;
        break;
      case "consumer.started": {
        const m = member(e.client);
        m.started = true;
        // A restarted process starts from nothing: it owns no partitions until it rejoins.
        if (m.crashed || m.left) m.owned = new Set();
        m.crashed = false;
        m.left = false;
        m.removedBy = null;
        break;
      }
      case "consumer.state": {
        const m = member(e.client);
        if (e.member !== "") {
          m.memberId = e.member;
          clientOfMember.set(e.member, m.client);
        }
        m.inRebalance = e.to === "PREPARING_REBALANCE" || e.to === "COMPLETING_REBALANCE";
        if (e.to === "CLOSED") m.left = true;
        break;
      }
      case "consumer.join": {
        const m = member(e.client);
        // A member the poll timeout put out of the group is back in it.
        if (m.removedBy === "poll-timeout") m.removedBy = null;
        m.memberId = e.member;
        clientOfMember.set(m.memberId, m.client);
        if (e.leader !== "") leaderMember = e.leader;
        if (e.protocol !== "") protocol = e.protocol;
        break;
      }
      case "consumer.assigned": {
        const m = member(e.client);
        m.everAssigned = true;
        m.inRebalance = false;
        const now = new Set(e.partitions.map((k) => partitionOfKey(k, topic)).filter((p): p is number => p !== null));
        for (const p of now) if (!m.owned.has(p)) touch(p, e.t, m.client);
        m.owned = now;
        break;
      }
      case "consumer.revoked":
      case "consumer.lost": {
        const m = member(e.client);
        for (const k of e.partitions) {
          const p = partitionOfKey(k, topic);
          if (p === null || !m.owned.has(p)) continue;
          m.owned.delete(p);
          touch(p, e.t, m.client);
        }
        break;
      }
      case "consumer.crash": {
        const m = member(e.client);
        m.crashed = true;
        for (const p of m.owned) touch(p, e.t);
        break;
      }
      case "consumer.stall": {
        const m = member(e.client);
        m.stallUntilMs = e.t + e.durationMs;
        for (const p of m.owned) touch(p, e.t);
        break;
      }
      case "consumer.leave": {
        const m = member(e.client);
        if (e.reason.includes("poll")) m.removedBy = "poll-timeout";
        else if (m.removedBy === null) m.removedBy = "leave";
        break;
      }
      case "consumer.closed":
        member(e.client).left = true;
        break;
      case "consumer.process":
        processedCount.set(e.id, (processedCount.get(e.id) ?? 0) + 1);
        break;
      default:
        break;
    }
  }

  // A member whose closed/crashed process the coordinator already removed owns nothing any more.
  const rows: MemberRow[] = [...members.values()]
    .filter((m) => m.started || m.memberId !== "")
    .sort((a, b) => clientOrder(a.client) - clientOrder(b.client) || a.index - b.index)
    .map((m) => {
      const stalled = m.stallUntilMs !== null && tMs < m.stallUntilMs && !m.crashed && !m.left;
      const status: MemberStatus =
        m.left || (m.removedBy !== null && m.crashed)
          ? "left"
          : m.crashed
            ? "crashed"
            : stalled
              ? "stalled"
              : m.removedBy === "poll-timeout"
                ? // Back from a stall past max.poll.interval.ms: out of the group until it rejoins.
                  "rebalancing"
                : m.inRebalance
                  ? m.everAssigned
                    ? "rebalancing"
                    : "joining"
                  : m.everAssigned
                    ? "stable"
                    : "joining";
      const owned = [...m.owned].filter((p) => p < partitionCount).sort((a, b) => a - b);
      const pending = status === "left" || status === "crashed" ? [] : (target.get(m.client) ?? []).filter((p) => !m.owned.has(p) && p < partitionCount).sort((a, b) => a - b);
      return {
        client: m.client,
        memberId: m.memberId,
        status,
        owned: status === "left" ? [] : owned,
        pending,
        isLeader: leaderMember !== null && m.memberId === leaderMember && status !== "left",
        idle: status === "stable" && owned.length === 0 && pending.length === 0,
        stallUntilMs: stalled ? m.stallUntilMs : null,
        removedBy: m.removedBy,
        index: m.index,
      };
    });

  const chips: PartitionChip[] = [];
  for (let p = 0; p < partitionCount; p++) {
    const info = chipInfo.get(p) ?? { lastOwner: null, sinceMs: 0, everOwned: false };
    const owner = rows.find((r) => r.owned.includes(p));
    if (owner) {
      const consuming = owner.status === "stable" || owner.status === "rebalancing" || owner.status === "joining";
      chips.push({ partition: p, status: consuming ? "consuming" : "stuck", member: owner.client, lastOwner: owner.client, sinceMs: info.sinceMs });
      continue;
    }
    const pendingOwner = rows.find((r) => r.pending.includes(p));
    if (pendingOwner) {
      chips.push({ partition: p, status: "pending", member: pendingOwner.client, lastOwner: info.lastOwner, sinceMs: info.sinceMs });
      continue;
    }
    chips.push({ partition: p, status: info.everOwned ? "revoked" : "unassigned", member: null, lastOwner: info.lastOwner, sinceMs: info.sinceMs });
  }

  // The consumption checker names the records processed twice; count those whose second processing happened by t.
  const duplicates = consumptionVerdictOf(trace).duplicated.filter((d) => d.group === group && d.processings.length > 1 && d.processings[1].t <= tMs).length;
  const leader = rows.find((r) => r.isLeader)?.client ?? null;
  return {
    tMs,
    durationMs: scenario.durationMs,
    group,
    topic,
    partitionCount,
    coordinator,
    state,
    generation,
    protocol,
    rebalanceProtocol: rebalanceProtocolOf(scenario),
    leader,
    members: rows,
    chips,
    history,
    rebalances,
    duplicates,
    processed: processedCount.size,
    commitOnRevoke: commitOnRevokeOf(scenario),
    maxPollIntervalMs: consumerConfigMs(scenario, "max.poll.interval.ms", 300_000),
    sessionTimeoutMs: consumerConfigMs(scenario, "session.timeout.ms", 45_000),
    timeline: foldConsumption(trace, scenario),
  };
}

/** consumer-2 sorts after consumer-10? No: by the trailing number, then by name. */
function clientOrder(client: string): number {
  const m = /(\d+)$/.exec(client);
  return m ? Number(m[1]) : 1e9;
}
