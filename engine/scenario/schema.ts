import { z } from "zod";
import { shareConsumerCrashFault, shareConsumerWorkload } from "./share-schema.js";
import { consumerCrashFault, consumerJoinFault, consumerLeaveFault, consumerRestartFault, consumerSeekFault, consumerStallFault, consumerWorkload } from "./consumer-schema.js";

/**
 * The scenario format, version 1: the one contract between the engine, the widgets, the
 * exercises, shared URLs and the tests. Plain JSON with Kafka's config names. Every field
 * has a default where a sensible one exists, so a scenario says only what matters to it.
 */

export const SCENARIO_VERSION = 1;

const configValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** Config overrides by Kafka's names; values are checked against the config table separately. */
const configOverrides = z.record(z.string(), configValue);

const brokerId = z.number().int().min(1);
/** A fault's target: a broker id, or the current leader of a partition, or the active controller, decided when the fault fires. */
const brokerTarget = z.union([brokerId, z.literal("leader"), z.literal("controller")]);
const nodeName = z.union([brokerId, z.string().regex(/^(zk|broker-\d+|[a-z][a-z0-9-]*)$/, "a node name: a broker id, \"zk\" or a client name")]);
const timeMs = z.number().int().min(0);

const topicSpec = z.object({
  name: z.string().regex(/^[a-zA-Z0-9._-]{1,249}$/, "1 to 249 of a-z, A-Z, 0-9, '.', '_' and '-'"),
  partitions: z.number().int().min(1).max(64),
  replicationFactor: z.number().int().min(1),
  config: configOverrides.default({}),
  /** Explicit replica list per partition (the first is the preferred leader). */
  assignment: z.array(z.array(brokerId).min(1)).optional(),
});

const acks = z.enum(["0", "1", "all"]);

const produceWorkload = z.object({
  type: z.literal("produce"),
  client: z.string().regex(/^[a-z][a-z0-9-]*$/, "lower-case letters, digits and '-'").default("producer-0"),
  topic: z.string(),
  partition: z.number().int().min(0).optional(),
  key: z.string().nullable().optional(),
  startMs: timeMs.default(0),
  count: z.number().int().min(0).max(10_000_000),
  intervalMs: z.number().int().min(1),
  recordsPerRequest: z.number().int().min(1).max(100_000).default(1),
  valueBytes: z.number().int().min(0).max(1_000_000).default(100),
  acks: acks.default("all"),
  requestTimeoutMs: z.number().int().min(1).default(30_000),
});

/**
 * The real producer client (engine/producer's KafkaProducer) sending `count` records. Its
 * `config` holds Kafka producer configs by name, checked against the config table and Kafka's
 * idempotence rules.
 */
const producerWorkload = z.object({
  type: z.literal("producer"),
  client: z.string().regex(/^[a-z][a-z0-9-]*$/, "lower-case letters, digits and '-'").default("producer-0"),
  topic: z.string(),
  startMs: timeMs.default(0),
  count: z.number().int().min(0).max(10_000_000),
  /** ms between two send() calls; 0 sends them all at once. */
  intervalMs: z.number().int().min(0).default(0),
  /** Keys used in turn; null sends keyless records. */
  keys: z.array(z.string()).min(1, "give at least one key, or null for keyless records").nullable().default(null),
  partition: z.number().int().min(0).optional(),
  valueBytes: z.number().int().min(0).max(1_000_000).default(100),
  /** "sync" waits for each send's answer before the next (send().get()); "async" does not. */
  mode: z.enum(["async", "sync"]).default("async"),
  config: configOverrides.default({}),
  /** Built-in interceptors: "count", "filter-key:<key>", "upper-case-value". */
  interceptors: z.array(z.string()).optional(),
  valueSerializer: z.enum(["string", "integer"]).optional(),
  /** Values used in turn (instead of valueBytes of "v"). */
  values: z.array(z.string()).min(1).optional(),
});

const consumeWorkload = z.object({
  type: z.literal("consume"),
  client: z.string().regex(/^[a-z][a-z0-9-]*$/, "lower-case letters, digits and '-'").default("consumer-0"),
  topic: z.string(),
  partition: z.number().int().min(0).default(0),
  startMs: timeMs.default(0),
  intervalMs: z.number().int().min(1).default(100),
  autoOffsetReset: z.enum(["earliest", "latest"]).default("earliest"),
  maxBytes: z.number().int().min(1).default(1_048_576),
});

const onPartition = { topic: z.string().optional(), partition: z.number().int().min(0).optional() };

const fault = z.discriminatedUnion("type", [
  z.object({ type: z.literal("crash"), atMs: timeMs, broker: brokerTarget, ...onPartition }),
  z.object({ type: z.literal("restart"), atMs: timeMs, broker: brokerId }),
  /** Cut the network between two sets of nodes; both directions. */
  z.object({ type: z.literal("cut"), atMs: timeMs, a: z.array(nodeName).min(1), b: z.array(nodeName).min(1) }),
  /** Cut one broker off from every other node, while it keeps running. */
  z.object({ type: z.literal("isolate"), atMs: timeMs, broker: brokerTarget, ...onPartition }),
  z.object({ type: z.literal("heal"), atMs: timeMs }),
  /** Add latency to every message to or from a broker (0 restores it). */
  z.object({ type: z.literal("slow"), atMs: timeMs, broker: brokerId, extraLatencyMs: z.number().int().min(0).max(600_000) }),
  /** Drop this fraction of the responses a broker sends (0 restores it). */
  z.object({ type: z.literal("drop-responses"), atMs: timeMs, broker: brokerId, ratio: z.number().min(0).max(1) }),
  /** A dynamic topic config change (kafka-configs.sh --alter), e.g. unclean.leader.election.enable. */
  z.object({ type: z.literal("topic-config"), atMs: timeMs, topic: z.string(), config: configOverrides }),
  /** A produce workload's acks changed mid-run (not allowed for "producer" workloads: KafkaProducer reads its configs once). */
  z.object({ type: z.literal("producer-acks"), atMs: timeMs, client: z.string(), acks }),
  /** A "producer" workload's application sends `count` more records at atMs, `intervalMs` apart (0: all at once). */
  z.object({
    type: z.literal("producer-send"),
    atMs: timeMs,
    client: z.string(),
    count: z.number().int().min(1).max(100_000),
    /** The key of these records; null or absent sends them keyless. */
    key: z.string().nullable().optional(),
    intervalMs: z.number().int().min(0).default(0),
  }),
  /** A share consumer's process dies (share groups, KIP-932). */
  shareConsumerCrashFault,
  /** KafkaConsumer faults (engine/scenario/consumer-schema.ts). */
  consumerCrashFault,
  consumerRestartFault,
  consumerStallFault,
  consumerJoinFault,
  consumerLeaveFault,
  consumerSeekFault,
]);

const adminOp = z.discriminatedUnion("op", [
  z.object({ op: z.literal("create-topic"), atMs: timeMs, topic: z.string(), partitions: z.number().int(), replicationFactor: z.number().int() }),
  z.object({ op: z.literal("delete-topic"), atMs: timeMs, topic: z.string() }),
  z.object({ op: z.literal("create-partitions"), atMs: timeMs, topic: z.string(), totalCount: z.number().int() }),
]);

export const scenarioSchema = z.object({
  version: z.literal(SCENARIO_VERSION),
  name: z.string().max(200).optional(),
  description: z.string().max(2_000).optional(),
  /** Root seed of every random draw in the run. */
  seed: z.number().int().min(0).max(0x7fffffff),
  /** How long to simulate, in ms. */
  durationMs: z.number().int().min(1).max(24 * 3_600_000),
  /** "full" keeps every event; "summary" drops per-message noise (faster, for sweeps). */
  trace: z.enum(["full", "summary"]).default("full"),
  cluster: z.object({
    brokers: z.number().int().min(1).max(9),
    /** "zookeeper": the pre-4.0 controller elected through /controller. KRaft arrives as a second mode. */
    controllerMode: z.literal("zookeeper").default("zookeeper"),
    config: configOverrides.default({}),
    network: z
      .object({
        latencyMsMin: z.number().int().min(0).max(10_000).default(1),
        latencyMsMax: z.number().int().min(0).max(10_000).default(3),
        dropRatio: z.number().min(0).max(1).default(0),
      })
      .default({ latencyMsMin: 1, latencyMsMax: 3, dropRatio: 0 }),
  }),
  topics: z.array(topicSpec).default([]),
  workload: z.array(z.discriminatedUnion("type", [produceWorkload, producerWorkload, consumeWorkload, shareConsumerWorkload, consumerWorkload])).default([]),
  faults: z.array(fault).default([]),
  admin: z.array(adminOp).default([]),
  /**
   * Liveness phase (TigerBeetle's VOPR): at this time every broker restarts and the network
   * heals, so a checker can ask whether the cluster converges.
   */
  healAtMs: timeMs.optional(),
});

/** A scenario as written (defaults may be omitted). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A validated scenario with every default filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
export type Fault = Scenario["faults"][number];
export type WorkloadSpec = Scenario["workload"][number];
export type AdminOp = Scenario["admin"][number];
