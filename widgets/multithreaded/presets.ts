import type { ScenarioInput } from "../../engine/index";

/**
 * The multithreaded-consumption widget's scenes. A backlog is written first (one producer per
 * partition, so a record's colour is its partition's key and its id "p1#4" reads as "partition 1,
 * record 4"), then the application starts and works through it in one of two ways:
 * - "per-thread": N KafkaConsumers in one group, one per thread; each owns the partitions the
 *   assignor gives it and processes them in order. Threads beyond the partition count own nothing.
 * - "worker-pool": one KafkaConsumer polls and hands each batch to N workers (the "consumer"
 *   workload's `workers`); records of one partition run in parallel and may finish out of order.
 * Every setting lives in the scenario itself, so a URL restores the scene and the knobs read it back.
 */

export type Model = "per-thread" | "worker-pool";
export const MODELS: readonly Model[] = ["per-thread", "worker-pool"];

export interface Settings {
  model: Model;
  /** Consumers (per-thread) or workers (worker-pool), 1..8. */
  threads: number;
  /** Partitions of the topic, 1..6. */
  partitions: number;
  /** processingMsPerRecord. */
  processingMs: number;
  /** processingJitterMs: each record's time varies by up to this much either way. */
  jitterMs: number;
}

export const TOPIC = "orders";
export const GROUP = "orders-app";
/** Records written to each partition before the application starts. */
export const RECORDS_PER_PARTITION = 10;
/** When the application's consumer(s) start, once the backlog is written. */
export const APP_START_MS = 400;
export const MAX_THREADS = 8;
export const MAX_PARTITIONS = 6;
/** The consumer's session.timeout.ms in these scenes: a crashed consumer's partitions move after it. */
export const SESSION_TIMEOUT_MS = 3000;

/** The poller of the worker-pool model. */
export const POLLER = "poller";

/** Producer of partition p: its records are "p<p>#<n>", all with the key "key-<p>". */
export const producerOf = (partition: number): string => `p${partition}`;
export const consumerOf = (index: number): string => `consumer-${index}`;

type Workload = NonNullable<ScenarioInput["workload"]>[number];
type ConsumerSpec = Extract<Workload, { type: "consumer" }>;

/** max.poll.records in these scenes. */
export const MAX_POLL_RECORDS = 8;

/**
 * How long the scene runs: until the busiest thread is through the backlog, plus room for the
 * group to form and a moment to look at the end state. Per-thread: the busiest consumer owns
 * ceil(P / N) partitions. Worker pool: each batch of max.poll.records waits for its slowest worker.
 */
export function durationFor(s: Settings): number {
  let workMs: number;
  if (s.model === "per-thread") {
    workMs = Math.ceil(s.partitions / Math.min(s.threads, s.partitions)) * RECORDS_PER_PARTITION * (s.processingMs + s.jitterMs / 2) * 1.1;
  } else {
    const batches = Math.ceil((s.partitions * RECORDS_PER_PARTITION) / MAX_POLL_RECORDS);
    // Each worker's share of the backlog, plus about one record per batch spent waiting for the slowest worker.
    workMs = (Math.ceil((s.partitions * RECORDS_PER_PARTITION) / Math.min(s.threads, MAX_POLL_RECORDS)) + batches) * (s.processingMs + s.jitterMs * 0.6);
  }
  return APP_START_MS + 1000 + Math.ceil(workMs / 250) * 250;
}

function consumerSpec(client: string, s: Settings, workers: number): ConsumerSpec {
  return {
    type: "consumer",
    client,
    groupId: GROUP,
    topics: [TOPIC],
    startMs: APP_START_MS,
    processingMsPerRecord: s.processingMs,
    processingJitterMs: s.jitterMs,
    workers,
    // The application commits after each processed batch: at-least-once.
    commit: "sync-after-processing",
    config: {
      // Small batches, so the pool gets a mix of partitions and the picture moves.
      "max.poll.records": MAX_POLL_RECORDS,
      "auto.offset.reset": "earliest",
      "session.timeout.ms": SESSION_TIMEOUT_MS,
      "heartbeat.interval.ms": 1000,
    },
  };
}

/** The scene for these settings. The application's consumer workloads come first (the knobs read them there). */
export function sceneFor(s: Settings): ScenarioInput {
  const consumers = s.model === "per-thread" ? Array.from({ length: s.threads }, (_, i) => consumerSpec(consumerOf(i), s, 1)) : [consumerSpec(POLLER, s, s.threads)];
  const producers: Workload[] = Array.from({ length: s.partitions }, (_, p) => ({
    type: "produce",
    client: producerOf(p),
    topic: TOPIC,
    partition: p,
    key: `key-${p}`,
    startMs: 0,
    count: RECORDS_PER_PARTITION,
    intervalMs: 20,
    acks: "all",
  }));
  return {
    version: 1,
    name: `multithreaded-${s.model}`,
    description:
      s.model === "per-thread"
        ? `${s.threads} consumer(s) in group ${GROUP}, one per thread, read ${s.partitions} partition(s) of ${TOPIC}.`
        : `One consumer polls ${s.partitions} partition(s) of ${TOPIC} and hands each batch to ${s.threads} worker(s).`,
    seed: 5,
    durationMs: durationFor(s),
    cluster: {
      brokers: 1,
      // Simplification for speed: one broker, one __consumer_offsets partition, no initial
      // rebalance delay; the group forms at once and the threads start together.
      config: { "offsets.topic.num.partitions": 1, "offsets.topic.replication.factor": 1, "group.initial.rebalance.delay.ms": 0, "group.min.session.timeout.ms": 1000 },
      network: { latencyMsMin: 2, latencyMsMax: 5, dropRatio: 0 },
    },
    topics: [{ name: TOPIC, partitions: s.partitions, replicationFactor: 1 }],
    workload: [...consumers, ...producers],
    faults: [],
  };
}

const isConsumer = (w: Workload): w is ConsumerSpec => w.type === "consumer";

/** The settings a scene was built from (read back from its workloads); defaults for anything missing. */
export function settingsOf(scenario: ScenarioInput): Settings {
  const consumers = (scenario.workload ?? []).filter(isConsumer);
  const first = consumers[0];
  // The worker-pool scene has one consumer, the poller; a single consumer with workers > 1 is one too.
  const model: Model = consumers.length === 1 && (first?.client === POLLER || (first?.workers ?? 1) > 1) ? "worker-pool" : "per-thread";
  return {
    model,
    threads: model === "worker-pool" ? (first?.workers ?? 1) : Math.max(1, consumers.length),
    partitions: scenario.topics?.[0]?.partitions ?? 3,
    processingMs: first?.processingMsPerRecord ?? 150,
    jitterMs: first?.processingJitterMs ?? 0,
  };
}

/**
 * The same scene with one setting changed. Faults (a crashed consumer) are kept when they still
 * name a consumer of the new scene.
 */
export function withSettings(scenario: ScenarioInput, change: Partial<Settings>): ScenarioInput {
  const next = sceneFor({ ...settingsOf(scenario), ...change });
  const clients = new Set((next.workload ?? []).filter(isConsumer).map((w) => w.client));
  const faults = (scenario.faults ?? []).filter((f) => !("client" in f) || clients.has(f.client as string));
  return { ...next, faults, durationMs: durationWithFaults(next.durationMs!, faults) };
}

/**
 * Room after a crash: the coordinator waits session.timeout.ms before it expires the dead member,
 * then the group rebalances and the new owner works through what is left.
 */
export function durationWithFaults(baseMs: number, faults: NonNullable<ScenarioInput["faults"]>): number {
  const lastCrash = Math.max(0, ...faults.filter((f) => f.type === "consumer-crash").map((f) => f.atMs));
  return lastCrash === 0 ? baseMs : Math.max(baseMs, lastCrash + SESSION_TIMEOUT_MS + (baseMs - APP_START_MS));
}

/** The scene with a crash of `client` at atMs, long enough to show its partitions moving. */
export function withCrash(scenario: ScenarioInput, client: string, atMs: number): ScenarioInput {
  const faults = [...(scenario.faults ?? []), { type: "consumer-crash" as const, atMs, client }];
  return { ...scenario, faults, durationMs: durationWithFaults(durationFor(settingsOf(scenario)), faults) };
}

export interface Preset {
  scenario: ScenarioInput;
  /** Where the player starts, and the moment the static first frame shows. */
  startMs: number;
}

export const presets = {
  // Four consumers, two partitions: each busy thread keeps its partition's order; two threads idle.
  "per-thread": { scenario: sceneFor({ model: "per-thread", threads: 4, partitions: 2, processingMs: 150, jitterMs: 100 }), startMs: 1_600 },
  // One poller, four workers, two partitions: twice as fast, and records of a partition finish out of order.
  "worker-pool": { scenario: sceneFor({ model: "worker-pool", threads: 4, partitions: 2, processingMs: 150, jitterMs: 100 }), startMs: 1_000 },
} satisfies Record<string, Preset>;

export type PresetName = keyof typeof presets;

/** The preset named by an Astro prop or attribute, or an error naming the allowed names. */
export function presetNamed(name: string | undefined): Preset {
  const key = (name ?? "worker-pool") as PresetName;
  const preset = presets[key];
  if (!preset) throw new Error(`multithreaded: unknown preset "${name}"; allowed: ${Object.keys(presets).join(", ")}`);
  return preset;
}
