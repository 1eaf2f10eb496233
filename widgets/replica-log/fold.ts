import type { BrokerId, Scenario, TraceEvent } from "../../engine/index";
import type { NodeState } from "../kit/stage";

/**
 * The replica-log view: one partition's replicas at time t, folded from the trace alone
 * (the widget never looks inside the engine). Pure: same trace and t, same view.
 */

export interface RecordMark {
  offset: number;
  /** The checker id, "producer-0#3": the record's identity on every replica. */
  id: string;
  /** Index of its producer in the order producers first appear, for its colour. */
  producerIndex: number;
}

export interface ReplicaRow {
  broker: BrokerId;
  state: NodeState;
  alive: boolean;
  cutOff: boolean;
  inIsr: boolean;
  /** Extra network latency of a slowed broker, 0 when normal. */
  slowMs: number;
  /** Records by offset (holes are undefined: below a truncation or never fetched). */
  records: (RecordMark | undefined)[];
  leo: number;
  /** This replica's own high watermark (a follower's trails the leader's). */
  hw: number;
  /**
   * For a follower: the last time it was caught up to the leader's log end offset, by Kafka's
   * rule (Replica.updateFetchState), read from the follower's fetches. Simplification: the
   * fetch's send time stands in for its arrival at the leader, a few ms later.
   */
  lastCaughtUpMs: number | null;
  /** The broker holds /controller. */
  controller: boolean;
}

export interface ReplicaView {
  tMs: number;
  topic: string;
  partition: number;
  replicas: BrokerId[];
  /** The controller's decision: the current leader, or null while the partition is offline. */
  leader: BrokerId | null;
  leaderEpoch: number;
  isr: BrokerId[];
  /** The leader's high watermark: records below it are committed. Kept from the last leader while offline. */
  hw: number;
  rows: ReplicaRow[];
  /** Largest LEO of any replica: how far the picture must reach. */
  maxLeo: number;
  replicaLagTimeMaxMs: number;
  acked: number;
  failed: number;
  sent: number;
  /** Every produce client in order of first appearance (the producer colours). */
  producers: string[];
  /** The last story event at or before t, for the status line. */
  lastElection: "initial" | "clean" | "unclean" | "none" | "isr-change" | "reassign" | null;
}

/** The partition a replica-log shows: the scenario's first topic, partition 0. */
export function shownPartition(scenario: Scenario): { topic: string; partition: number } {
  const topic = scenario.topics[0]?.name ?? "orders";
  return { topic, partition: 0 };
}

interface FollowerFetchState {
  lastCaughtUpMs: number | null;
  lastFetchMs: number;
  lastFetchLeaderLeo: number;
}

export function foldReplicaLog(trace: readonly TraceEvent[], tMs: number, scenario: Scenario): ReplicaView {
  const { topic, partition } = shownPartition(scenario);
  const brokerCount = scenario.cluster.brokers;
  const configured = scenario.cluster.config["replica.lag.time.max.ms"];
  const replicaLagTimeMaxMs = typeof configured === "number" ? configured : Number(configured ?? 30_000) || 30_000;
  const assignment = scenario.topics[0]?.assignment?.[0];
  let replicas: BrokerId[] = assignment ? [...assignment] : Array.from({ length: Math.min(brokerCount, scenario.topics[0]?.replicationFactor ?? 1) }, (_, i) => i + 1);

  const alive = new Map<BrokerId, boolean>();
  const logs = new Map<BrokerId, (RecordMark | undefined)[]>();
  const leo = new Map<BrokerId, number>();
  const hw = new Map<BrokerId, number>();
  const slow = new Map<BrokerId, number>();
  const fetchState = new Map<BrokerId, FollowerFetchState>();
  const producers: string[] = [];
  let cuts: { a: string[]; b: string[] }[] = [];
  let leader: BrokerId | null = null;
  let leaderEpoch = 0;
  let isr: BrokerId[] = [...replicas];
  let leaderHw = 0;
  let controller: BrokerId | null = null;
  let acked = 0;
  let failed = 0;
  let sent = 0;
  let lastElection: ReplicaView["lastElection"] = null;

  const onPartition = (e: { topic: string; partition: number }) => e.topic === topic && e.partition === partition;
  const producerIndex = (id: string): number => {
    const client = id.slice(0, id.lastIndexOf("#"));
    let index = producers.indexOf(client);
    if (index < 0) index = producers.push(client) - 1;
    return index;
  };

  for (const e of trace) {
    if (e.t > tMs) break;
    switch (e.type) {
      case "broker.started":
        alive.set(e.broker, true);
        break;
      case "broker.crashed":
        alive.set(e.broker, false);
        if (controller === e.broker) controller = null;
        break;
      case "controller.elected":
        controller = e.broker;
        break;
      case "controller.resigned":
        if (controller === e.broker) controller = null;
        break;
      case "network.cut":
        cuts.push({ a: e.a, b: e.b });
        break;
      case "network.healed":
        cuts = [];
        break;
      case "network.slowed": {
        const id = brokerOf(e.node);
        if (id !== null) slow.set(id, e.extraLatencyMs);
        break;
      }
      case "topic.created":
        if (e.topic === topic && e.assignment[partition]) replicas = [...e.assignment[partition]];
        break;
      case "partition.leader":
        if (!onPartition(e)) break;
        leader = e.leader;
        leaderEpoch = e.leaderEpoch;
        isr = [...e.isr];
        replicas = [...e.replicas];
        lastElection = e.election;
        if (leader !== null) {
          leaderHw = hw.get(leader) ?? leaderHw;
          // Replica.resetReplicaState: ISR members count as caught up at election time.
          for (const r of isr) fetchState.set(r, { lastCaughtUpMs: e.t, lastFetchMs: e.t, lastFetchLeaderLeo: leo.get(leader) ?? 0 });
        }
        break;
      case "partition.isr":
        if (!onPartition(e)) break;
        isr = [...e.isr];
        break;
      case "replica.append": {
        if (!onPartition(e)) break;
        const log = logs.get(e.broker) ?? [];
        e.ids.forEach((id, i) => (log[e.baseOffset + i] = { offset: e.baseOffset + i, id, producerIndex: producerIndex(id) }));
        logs.set(e.broker, log);
        leo.set(e.broker, e.leo);
        break;
      }
      case "replica.truncate": {
        if (!onPartition(e)) break;
        const log = logs.get(e.broker);
        if (log) log.length = Math.min(log.length, e.toOffset);
        leo.set(e.broker, e.toOffset);
        // Partition.truncateTo: the HW never stays above the new LEO (no event says so).
        if ((hw.get(e.broker) ?? 0) > e.toOffset) hw.set(e.broker, e.toOffset);
        break;
      }
      case "replica.hw":
        if (!onPartition(e)) break;
        hw.set(e.broker, e.hw);
        if (e.broker === leader) leaderHw = e.hw;
        break;
      case "replica.fetch": {
        if (!onPartition(e)) break;
        const leaderLeo = leo.get(e.leader) ?? 0;
        const state = fetchState.get(e.broker) ?? { lastCaughtUpMs: null, lastFetchMs: e.t, lastFetchLeaderLeo: -1 };
        // Replica.updateFetchState: caught up now if at the leader's LEO; caught up at the
        // previous fetch if this one starts where the leader's log ended back then.
        if (e.fetchOffset >= leaderLeo) state.lastCaughtUpMs = e.t;
        else if (state.lastFetchLeaderLeo >= 0 && e.fetchOffset >= state.lastFetchLeaderLeo) state.lastCaughtUpMs = Math.max(state.lastCaughtUpMs ?? 0, state.lastFetchMs);
        state.lastFetchMs = e.t;
        state.lastFetchLeaderLeo = leaderLeo;
        fetchState.set(e.broker, state);
        break;
      }
      case "produce.sent":
        if (onPartition(e)) sent += e.count;
        break;
      case "produce.acked":
        if (onPartition(e)) acked += e.count;
        break;
      case "produce.failed":
        if (onPartition(e)) failed += e.count;
        break;
      default:
        break;
    }
  }

  const rows: ReplicaRow[] = replicas.map((broker) => {
    const isAlive = alive.get(broker) ?? false;
    const cutOff = isAlive && isCutOff(broker, cuts);
    const inIsr = isr.includes(broker);
    const state: NodeState = !isAlive ? "dead" : cutOff ? "cut-off" : broker === leader ? "leader" : inIsr ? "follower" : "out-of-sync";
    const follower = broker !== leader;
    return {
      broker,
      state,
      alive: isAlive,
      cutOff,
      inIsr,
      slowMs: slow.get(broker) ?? 0,
      records: logs.get(broker) ?? [],
      leo: leo.get(broker) ?? 0,
      hw: hw.get(broker) ?? 0,
      lastCaughtUpMs: follower ? (fetchState.get(broker)?.lastCaughtUpMs ?? null) : null,
      controller: controller === broker,
    };
  });
  const maxLeo = rows.reduce((max, row) => Math.max(max, row.leo), 0);
  return { tMs, topic, partition, replicas, leader, leaderEpoch, isr, hw: leaderHw, rows, maxLeo, replicaLagTimeMaxMs, acked, failed, sent, producers, lastElection };
}

/** "broker-3" -> 3; other nodes -> null. */
export function brokerOf(node: string): BrokerId | null {
  const match = /^broker-(\d+)$/.exec(node);
  return match ? Number(match[1]) : null;
}

/**
 * A broker is drawn cut off when a cut separates it from ZooKeeper or from another broker:
 * it runs, but the cluster cannot reach it (an isolate, or a cut that names it).
 */
export function isCutOff(broker: BrokerId, cuts: readonly { a: string[]; b: string[] }[]): boolean {
  const name = `broker-${broker}`;
  return cuts.some(({ a, b }) => {
    const other = a.includes(name) ? b : b.includes(name) ? a : null;
    return other !== null && other.some((node) => node === "zk" || node.startsWith("broker-"));
  });
}
