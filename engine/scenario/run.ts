import { checkDelivery, type DeliveryVerdict } from "../checker/delivery.js";
import { Cluster } from "../cluster/cluster.js";
import { KafkaError } from "../cluster/errors.js";
import type { BrokerId, TraceEvent } from "../kernel/trace.js";
import { ConsumeWorkload } from "../workload/consume-workload.js";
import { crashShareConsumer, startShareConsumerWorkload } from "../consumer/share/share-consumer-workload.js";
import { applyConsumerFault, startConsumerWorkload } from "../workload/consumer-workload.js";
import { ProduceWorkload } from "../workload/produce-workload.js";
import { ProducerWorkload } from "../workload/producer-workload.js";
import type { Fault, Scenario } from "./schema.js";
import { parseScenario } from "./validate.js";
import { summarize, type RunStats } from "./stats.js";

export interface RunResult {
  /** The validated scenario, with defaults filled in. */
  scenario: Scenario;
  /** Every state change of the run, in order. */
  trace: TraceEvent[];
  stats: RunStats;
  /** Lost, duplicated and reordered records with their causes (empty lists at trace level "summary"). */
  verdict: DeliveryVerdict;
}

export interface RunOptions {
  /** Stop after this many simulation events (a guard for fuzzing); unlimited by default. */
  maxEvents?: number;
}

/**
 * Builds the cluster a scenario describes, schedules its workload, faults and admin
 * operations, runs it on the virtual clock and returns the trace, statistics and delivery
 * verdict. Same scenario (and seed), same trace, byte for byte.
 */
export function runScenario(input: unknown, options: RunOptions = {}): RunResult {
  const scenario = parseScenario(input);
  const cluster = buildCluster(scenario);
  cluster.runUntil(scenario.durationMs, options.maxEvents);
  const trace = cluster.trace.events;
  const verdict = scenario.trace === "full" ? checkDelivery(trace) : { lost: [], duplicated: [], reordered: [], unavailable: [] };
  return { scenario, trace, stats: summarize(trace, scenario.durationMs, verdict), verdict };
}

/** The cluster of a validated scenario, with everything scheduled but nothing run yet. */
export function buildCluster(scenario: Scenario): Cluster {
  const cluster = new Cluster({
    seed: scenario.seed,
    brokers: scenario.cluster.brokers,
    brokerConfig: scenario.cluster.config,
    network: scenario.cluster.network,
    traceLevel: scenario.trace,
  });
  for (const topic of scenario.topics) cluster.seedTopic(topic);
  const producers = new Map<string, ProduceWorkload>();
  const kafkaProducers = new Map<string, ProducerWorkload>();
  for (const w of scenario.workload) {
    if (w.type === "produce") {
      const workload = new ProduceWorkload(cluster, { ...w, key: w.key ?? null });
      producers.set(w.client, workload);
      workload.start();
    } else if (w.type === "producer") {
      const workload = new ProducerWorkload(cluster, w);
      kafkaProducers.set(w.client, workload);
      workload.start();
    } else if (w.type === "share-consumer") {
      startShareConsumerWorkload(cluster, w);
    } else if (w.type === "consumer") {
      startConsumerWorkload(cluster, w, scenario.seed);
    } else {
      new ConsumeWorkload(cluster, w).start();
    }
  }
  for (const fault of scenario.faults) cluster.sim.scheduleAt(fault.atMs, () => applyFault(cluster, fault, producers, kafkaProducers));
  for (const op of scenario.admin) {
    cluster.sim.scheduleAt(op.atMs, () => {
      try {
        const admin = cluster.admin();
        if (op.op === "create-topic") admin.createTopic(op.topic, op.partitions, op.replicationFactor);
        else if (op.op === "delete-topic") admin.deleteTopic(op.topic);
        else admin.createPartitions(op.topic, op.totalCount);
      } catch (error) {
        if (!(error instanceof KafkaError)) throw error;
        cluster.trace.emit({ t: cluster.sim.nowMs, type: "admin.error", op: op.op, topic: op.topic, error: error.name, message: error.message });
      }
    });
  }
  if (scenario.healAtMs !== undefined) {
    cluster.sim.scheduleAt(scenario.healAtMs, () => {
      cluster.heal();
      for (const broker of cluster.brokers.values()) {
        cluster.slow(broker.id, 0);
        cluster.dropResponses(broker.id, 0);
        if (!broker.alive) broker.start();
      }
    });
  }
  cluster.start();
  return cluster;
}

function resolveBroker(cluster: Cluster, fault: Fault & { broker: BrokerId | "leader" | "controller" }): BrokerId | null {
  if (typeof fault.broker === "number") return fault.broker;
  if (fault.broker === "controller") {
    for (const broker of cluster.brokers.values()) if (broker.alive && broker.controller) return broker.id;
    return null;
  }
  const topic = "topic" in fault ? fault.topic : undefined;
  const partition = "partition" in fault ? (fault.partition ?? 0) : 0;
  return topic === undefined ? null : cluster.leaderOf(topic, partition);
}

function applyFault(cluster: Cluster, fault: Fault, producers: Map<string, ProduceWorkload>, kafkaProducers: Map<string, ProducerWorkload>): void {
  const skip = (reason: string) => cluster.trace.emit({ t: cluster.sim.nowMs, type: "fault.skipped", fault: fault.type, reason });
  switch (fault.type) {
    case "crash": {
      const id = resolveBroker(cluster, fault);
      if (id === null) return skip(`no ${fault.broker} to crash right now`);
      return cluster.crash(id);
    }
    case "restart":
      return cluster.restart(fault.broker);
    case "isolate": {
      const id = resolveBroker(cluster, fault);
      if (id === null) return skip(`no ${fault.broker} to isolate right now`);
      return cluster.isolate(id);
    }
    case "cut":
      return cluster.cut(fault.a, fault.b);
    case "heal":
      return cluster.heal();
    case "slow":
      return cluster.slow(fault.broker, fault.extraLatencyMs);
    case "drop-responses":
      return cluster.dropResponses(fault.broker, fault.ratio);
    case "topic-config":
      cluster.alterTopicConfig(fault.topic, fault.config);
      cluster.trace.emit({ t: cluster.sim.nowMs, type: "topic.config-changed", topic: fault.topic, config: { ...fault.config } });
      return;
    case "producer-send":
      kafkaProducers.get(fault.client)?.sendBurst(fault.count, fault.key ?? null, fault.intervalMs);
      return;
    case "producer-acks": {
      producers.get(fault.client)?.setAcks(fault.acks);
      cluster.trace.emit({ t: cluster.sim.nowMs, type: "client.config-changed", client: fault.client, key: "acks", value: fault.acks });
      return;
    }
    case "share-consumer-crash": {
      const reason = crashShareConsumer(cluster, fault.client);
      return reason === null ? undefined : skip(reason);
    }
    case "consumer-crash":
    case "consumer-restart":
    case "consumer-stall":
    case "consumer-join":
    case "consumer-leave":
    case "consumer-seek": {
      const reason = applyConsumerFault(cluster, fault);
      return reason === null ? undefined : skip(reason);
    }
  }
}

/** The trace as canonical JSON: the byte-for-byte form that determinism is checked on. */
export function serializeTrace(trace: readonly TraceEvent[]): string {
  return JSON.stringify(trace);
}
