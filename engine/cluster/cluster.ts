import { resolveConfig, effectiveTopicConfig } from "../config/index.js";
import { Network, defaultNetworkOptions, type NetworkOptions } from "../kernel/network.js";
import { prngFor, randomInt, type Prng } from "../kernel/prng.js";
import { Simulation } from "../kernel/simulation.js";
import { Trace, type BrokerId, type TraceLevel } from "../kernel/trace.js";
import { Broker, type BrokerRuntime } from "./broker.js";
import { ZooKeeper } from "./coordination/zookeeper.js";
import { KafkaController } from "./controller/controller.js";
import { assignReplicasToBrokers } from "./controller/leader-election.js";
import { seedTopic } from "./controller/zk-state.js";
import { KafkaError } from "./errors.js";
import type { PartitionConfig } from "./partition.js";
import { logConfigFromTopicConfig } from "./topic-log-config.js";
import { brokerNodeId, type BrokerSettings } from "./types.js";

export interface ClusterOptions {
  /** Root seed: every random draw of the run derives from it. */
  seed: number;
  /** Number of brokers; their ids are 1..brokers. */
  brokers: number;
  /** Broker configs by Kafka's names (validated against the config table). */
  brokerConfig?: Readonly<Record<string, unknown>>;
  network?: Partial<NetworkOptions>;
  traceLevel?: TraceLevel;
}

export interface TopicSpec {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Topic configs by Kafka's names, over the broker defaults. */
  config?: Readonly<Record<string, unknown>>;
  /** Explicit replica lists per partition; Kafka's assignment algorithm otherwise. */
  assignment?: BrokerId[][];
}

/**
 * A whole simulated Kafka cluster in ZooKeeper mode: the brokers, the coordination
 * service and the network, on one virtual clock, writing one trace.
 */
export class Cluster implements BrokerRuntime {
  readonly sim = new Simulation();
  readonly trace: Trace;
  readonly net: Network;
  readonly zk: ZooKeeper;
  readonly settings: BrokerSettings;
  readonly brokerConfig: Readonly<Record<string, unknown>>;
  readonly brokers = new Map<BrokerId, Broker>();
  private readonly topicOverrides = new Map<string, Readonly<Record<string, unknown>>>();
  private readonly topicConfigCache = new Map<string, PartitionConfig>();
  private readonly assignmentPrng: Prng;
  private started = false;

  constructor(readonly options: ClusterOptions) {
    if (!Number.isInteger(options.brokers) || options.brokers < 1) {
      throw new RangeError(`brokers must be an integer >= 1, got ${options.brokers}`);
    }
    this.trace = new Trace(options.traceLevel ?? "full");
    this.brokerConfig = resolveConfig("broker", options.brokerConfig ?? {});
    const c = this.brokerConfig as Record<string, number | boolean>;
    this.settings = {
      zkSessionTimeoutMs: c["zookeeper.session.timeout.ms"] as number,
      replicaLagTimeMaxMs: c["replica.lag.time.max.ms"] as number,
      replicaFetchWaitMaxMs: c["replica.fetch.wait.max.ms"] as number,
      replicaFetchMaxBytes: c["replica.fetch.max.bytes"] as number,
      replicaFetchBackoffMs: c["replica.fetch.backoff.ms"] as number,
      replicaSocketTimeoutMs: c["replica.socket.timeout.ms"] as number,
      controllerSocketTimeoutMs: c["controller.socket.timeout.ms"] as number,
      deleteTopicEnable: c["delete.topic.enable"] as boolean,
      logRetentionCheckIntervalMs: c["log.retention.check.interval.ms"] as number,
    };
    const network = { ...defaultNetworkOptions, ...options.network };
    this.net = new Network(this.sim, prngFor(options.seed, "network"), network, (node) => this.isUp(node), {
      dropped: (from, to, kind, reason) => this.trace.emit({ t: this.sim.nowMs, type: "network.dropped", from, to, kind, reason }),
    });
    this.zk = new ZooKeeper(this.sim, this.trace);
    this.assignmentPrng = prngFor(options.seed, "replica-assignment");
    for (let id = 1; id <= options.brokers; id++) this.brokers.set(id, new Broker(id, this));
  }

  // ---- BrokerRuntime ------------------------------------------------------------------------

  broker(id: BrokerId): Broker | undefined {
    return this.brokers.get(id);
  }

  createController(broker: Broker, epoch: number): KafkaController {
    return new KafkaController(broker, epoch, this, this.assignmentPrng);
  }

  topicConfig(topic: string): PartitionConfig {
    let cached = this.topicConfigCache.get(topic);
    if (!cached) {
      const t = effectiveTopicConfig(this.brokerConfig, this.topicOverrides.get(topic) ?? {}) as Record<string, unknown>;
      cached = {
        ...logConfigFromTopicConfig(t),
        minInsyncReplicas: t["min.insync.replicas"] as number,
        uncleanLeaderElectionEnable: t["unclean.leader.election.enable"] as boolean,
        replicaLagTimeMaxMs: this.settings.replicaLagTimeMaxMs,
      };
      this.topicConfigCache.set(topic, cached);
    }
    return cached;
  }

  /**
   * Changes a topic's config while the cluster runs (Kafka's dynamic topic configs, e.g.
   * kafka-configs.sh --alter). Partitions pick the new values up at once.
   */
  alterTopicConfig(topic: string, overrides: Readonly<Record<string, unknown>>): void {
    const merged = { ...(this.topicOverrides.get(topic) ?? {}), ...overrides };
    effectiveTopicConfig(this.brokerConfig, merged); // validates; throws ConfigValidationError
    this.topicOverrides.set(topic, merged);
    this.topicConfigCache.delete(topic);
    const config = this.topicConfig(topic);
    for (const broker of this.brokers.values()) {
      for (const p of broker.replicaManager.partitions.values()) {
        if (p.topic !== topic) continue;
        p.config = config;
        p.log.updateConfig(config);
      }
    }
  }

  // ---- Setup ------------------------------------------------------------------------------

  /**
   * Declares a topic that exists before the run starts: its assignment and initial state are
   * written to the coordination service, and the first controller loads them.
   */
  seedTopic(spec: TopicSpec): BrokerId[][] {
    if (this.started) throw new Error(`seedTopic("${spec.name}") must be called before start(); use admin().createTopic once running`);
    const ids = [...this.brokers.keys()];
    if (spec.replicationFactor > ids.length) {
      throw new KafkaError("INVALID_REPLICATION_FACTOR", `Replication factor: ${spec.replicationFactor} larger than available brokers: ${ids.length}.`);
    }
    if (spec.config) effectiveTopicConfig(this.brokerConfig, spec.config);
    this.topicOverrides.set(spec.name, spec.config ?? {});
    const assignment =
      spec.assignment ??
      assignReplicasToBrokers(ids, spec.partitions, spec.replicationFactor, randomInt(this.assignmentPrng, 0, ids.length - 1), randomInt(this.assignmentPrng, 0, ids.length - 1));
    seedTopic(this.zk, spec.name, assignment);
    this.trace.emit({ t: this.sim.nowMs, type: "topic.created", topic: spec.name, partitions: spec.partitions, replicationFactor: spec.replicationFactor, assignment });
    assignment.forEach((replicas, partition) =>
      this.trace.emit({ t: this.sim.nowMs, type: "partition.leader", topic: spec.name, partition, leader: replicas[0], leaderEpoch: 0, isr: [...replicas], replicas: [...replicas], election: "initial" }),
    );
    return assignment;
  }

  start(): void {
    this.started = true;
    for (const broker of this.brokers.values()) broker.start();
  }

  // ---- Faults -----------------------------------------------------------------------------

  isUp(node: string): boolean {
    if (node === "zk") return true;
    if (node.startsWith("broker-")) return this.brokers.get(Number(node.slice(7)))?.alive ?? false;
    return true;
  }

  crash(id: BrokerId): void {
    this.requireBroker(id).crash();
  }

  restart(id: BrokerId): void {
    this.requireBroker(id).start();
  }

  /** Cuts the network between two sets of nodes ("broker-1", "zk", "client-0" or broker ids). */
  cut(a: readonly (string | BrokerId)[], b: readonly (string | BrokerId)[]): void {
    const nodesA = a.map(nodeName);
    const nodesB = b.map(nodeName);
    this.net.cut(nodesA, nodesB);
    this.trace.emit({ t: this.sim.nowMs, type: "network.cut", a: nodesA, b: nodesB });
  }

  /** Isolates one node from every other node (a broker alive but cut off). */
  isolate(node: string | BrokerId): void {
    const name = nodeName(node);
    const others = ["zk", ...[...this.brokers.keys()].map(brokerNodeId), ...this.clientNodes].filter((n) => n !== name);
    this.cut([name], others);
  }

  heal(): void {
    this.net.heal();
    this.trace.emit({ t: this.sim.nowMs, type: "network.healed" });
  }

  slow(node: string | BrokerId, extraLatencyMs: number): void {
    const name = nodeName(node);
    this.net.slow(name, extraLatencyMs);
    this.trace.emit({ t: this.sim.nowMs, type: "network.slowed", node: name, extraLatencyMs });
  }

  dropResponses(node: string | BrokerId, ratio: number): void {
    const name = nodeName(node);
    this.net.dropResponsesFrom(name, ratio);
    this.trace.emit({ t: this.sim.nowMs, type: "network.responses-dropped", node: name, ratio });
  }

  /** Client node names, registered by workloads so that isolate() can cut them too. */
  readonly clientNodes: string[] = [];

  // ---- Queries ----------------------------------------------------------------------------

  /** The broker that currently holds /controller and has loaded the state, if any. */
  activeController(): KafkaController | null {
    for (const broker of this.brokers.values()) if (broker.alive && broker.controller?.isActive) return broker.controller;
    return null;
  }

  /** The partition's leader as the active controller last decided it (null when offline). */
  leaderOf(topic: string, partition: number): BrokerId | null {
    return this.activeController()?.partitions.get(`${topic}-${partition}`)?.leader ?? null;
  }

  /** Admin operations, run by the active controller; they throw Kafka's exceptions. */
  admin(): Pick<KafkaController, "createTopic" | "deleteTopic" | "createPartitions"> {
    const controller = this.activeController();
    if (!controller) throw new KafkaError("NOT_CONTROLLER", "No controller is available right now (an election may be in progress).");
    return {
      createTopic: (name, partitions, rf, assignment) => controller.createTopic(name, partitions, rf, assignment),
      deleteTopic: (name) => controller.deleteTopic(name),
      createPartitions: (name, count) => controller.createPartitions(name, count),
    };
  }

  runUntil(timeMs: number, maxEvents?: number): number {
    return this.sim.runUntil(timeMs, maxEvents);
  }

  private requireBroker(id: BrokerId): Broker {
    const broker = this.brokers.get(id);
    if (!broker) throw new RangeError(`broker ${id} does not exist; brokers are 1..${this.brokers.size}`);
    return broker;
  }
}

function nodeName(node: string | BrokerId): string {
  return typeof node === "number" ? brokerNodeId(node) : node;
}
