import type { BrokerId, ConfigValue, Fault, ScenarioInput } from "../../engine/index";
import type { ActionSpec } from "../kit/spec";
import { knobValueAt, type KnobSpec } from "../kit/knobs";
import type { ReplicaView } from "./fold";

/**
 * The replication widgets' knobs and actions (shared by <kl-replica-log> and <kl-hw-chart>).
 * Actions read the partition's state at the moment they are taken, through `snapshot`, so a
 * widget whose view is not a ReplicaView (the chart) can still offer them.
 */

/** Added latency for "Slow follower": a fetch round trip of ~3 s, near replica.lag.time.max.ms. */
export const SLOW_FOLLOWER_MS = 1500;

const topicOf = (scenario: ScenarioInput): string => scenario.topics?.[0]?.name ?? "orders";

function produceClients(scenario: ScenarioInput): string[] {
  return (scenario.workload ?? []).filter((w) => w.type === "produce").map((w) => w.client ?? "producer-0");
}

/** acks: the workload's acks in the scenario; from a time t > 0 on, a producer-acks fault per producer. */
export const acksKnob: KnobSpec = {
  id: "acks",
  scope: "producer",
  key: "acks",
  path: ["workload", 0, "acks"],
  labelKey: "knob.acks",
  choices: ["0", "1", "all"],
  midRun: (value, scenario) => produceClients(scenario).map((client) => ({ type: "producer-acks", atMs: 0, client, acks: value as "0" | "1" | "all" })),
  fromFault: (fault) => (fault.type === "producer-acks" && fault.client === "producer-0" ? fault.acks : undefined),
};

function topicConfigKnob(key: "min.insync.replicas" | "unclean.leader.election.enable", labelKey: KnobSpec["labelKey"], range?: KnobSpec["range"]): KnobSpec {
  return {
    id: key,
    scope: "topic",
    key,
    path: ["topics", 0, "config", key],
    labelKey,
    range,
    // kafka-configs.sh --alter: a dynamic topic config change at time t.
    midRun: (value, scenario) => [{ type: "topic-config", atMs: 0, topic: topicOf(scenario), config: { [key]: value as string | number | boolean } }],
    fromFault: (fault) => (fault.type === "topic-config" && key in fault.config ? (fault.config[key] as ConfigValue) : undefined),
  };
}

export const minInsyncKnob = topicConfigKnob("min.insync.replicas", "knob.min.insync.replicas", { min: 1, max: 3, step: 1 });
export const uncleanKnob = topicConfigKnob("unclean.leader.election.enable", "knob.unclean.leader.election.enable");

/** A static broker config: a change re-runs the whole scenario from t = 0. */
export const lagTimeKnob: KnobSpec = {
  id: "replica.lag.time.max.ms",
  scope: "broker",
  key: "replica.lag.time.max.ms",
  path: ["cluster", "config", "replica.lag.time.max.ms"],
  labelKey: "knob.replica.lag.time.max.ms",
  range: { min: 1000, max: 30000, step: 1000 },
};

/** What an action needs to know about the partition at the moment it is taken. */
export interface PartitionSnapshot {
  leader: BrokerId | null;
  rows: readonly { broker: BrokerId; alive: boolean; cutOff: boolean; slowMs: number }[];
}

/** The follower "Slow follower" picks: the last live, not yet slowed replica that is not the leader. */
export function followerToSlow(p: PartitionSnapshot): BrokerId | null {
  const candidates = p.rows.filter((r) => r.broker !== p.leader && r.alive && r.slowMs === 0);
  return candidates.length > 0 ? candidates[candidates.length - 1].broker : null;
}

/**
 * "Produce 5 records": a new produce workload of 5 records starting at t, with the acks in
 * force at t. The engine has no "produce now" fault; a workload that starts at t is the same
 * thing in the scenario format, and each press is its own producer (its own colour).
 */
export function addProduceBurst(scenario: ScenarioInput, tMs: number, count = 5): ScenarioInput {
  const clients = new Set(produceClients(scenario));
  let n = clients.size;
  while (clients.has(`producer-${n}`)) n++;
  const acks = knobValueAt(acksKnob, scenario, tMs) as "0" | "1" | "all";
  const workload = [...(scenario.workload ?? []), { type: "produce" as const, client: `producer-${n}`, topic: topicOf(scenario), partition: 0, startMs: Math.floor(tMs), count, intervalMs: 40, acks }];
  return { ...scenario, workload };
}

/** The actions of the replication widgets, over any view that can give a partition snapshot. */
export function replicationActions<View>(snapshot: (view: View) => PartitionSnapshot, brokers: readonly BrokerId[] = [1, 2, 3]): ActionSpec<View>[] {
  const leaderAlive = (v: View) => {
    const p = snapshot(v);
    return p.leader !== null && (p.rows.find((r) => r.broker === p.leader)?.alive ?? false);
  };
  const actions: ActionSpec<View>[] = [
    { id: "produce", labelKey: "action.produce5", edit: (scenario, tMs) => addProduceBurst(scenario, tMs) },
    {
      id: "slow-follower",
      labelKey: "action.slowFollower",
      fault: (atMs, v) => {
        const broker = followerToSlow(snapshot(v));
        return broker === null ? null : { type: "slow", atMs, broker, extraLatencyMs: SLOW_FOLLOWER_MS };
      },
      enabled: (v) => followerToSlow(snapshot(v)) !== null,
    },
    {
      id: "restore-follower",
      labelKey: "action.restoreFollower",
      fault: (atMs, v) => {
        const slowed = snapshot(v).rows.find((r) => r.slowMs > 0);
        return slowed ? { type: "slow", atMs, broker: slowed.broker, extraLatencyMs: 0 } : null;
      },
      visible: (v) => snapshot(v).rows.some((r) => r.slowMs > 0),
    },
    {
      id: "crash-leader",
      labelKey: "action.crashLeader",
      fault: (atMs, v) => {
        const leader = snapshot(v).leader;
        return leader === null ? null : { type: "crash", atMs, broker: leader };
      },
      enabled: leaderAlive,
    },
    {
      id: "cut-leader-off",
      labelKey: "action.cutLeaderOff",
      fault: (atMs, v) => {
        const leader = snapshot(v).leader;
        return leader === null ? null : { type: "isolate", atMs, broker: leader };
      },
      enabled: (v) => leaderAlive(v) && !snapshot(v).rows.some((r) => r.broker === snapshot(v).leader && r.cutOff),
    },
    {
      id: "heal",
      labelKey: "action.healNetwork",
      fault: (atMs): Fault => ({ type: "heal", atMs }),
      visible: (v) => snapshot(v).rows.some((r) => r.cutOff),
    },
  ];
  for (const broker of brokers) {
    actions.push({
      id: `restart-${broker}`,
      labelKey: "action.restartBroker",
      labelParams: { broker },
      fault: (atMs) => ({ type: "restart", atMs, broker }),
      visible: (v) => snapshot(v).rows.some((r) => r.broker === broker && !r.alive),
    });
  }
  return actions;
}

export const replicaSnapshot = (view: ReplicaView): PartitionSnapshot => view;
