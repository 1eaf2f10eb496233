import type { ScenarioInput } from "../../engine/index";

/**
 * The rebalance widget's starting scenes. Fixed seeds and small counts (a few hundred records)
 * so a knob change re-simulates quickly. Timeouts are much shorter than Kafka's defaults
 * (session.timeout.ms 10 s instead of 45 s, max.poll.interval.ms 10 s instead of 5 min) so that
 * a crash or a stall shows its consequence within seconds.
 */
export interface Preset {
  scenario: ScenarioInput;
  /** Where the player starts, and the moment the static first frame shows. */
  startMs: number;
}

export const TOPIC = "orders";
export const GROUP = "orders-app";
export const RANGE_ASSIGNOR = "org.apache.kafka.clients.consumer.RangeAssignor";
export const ROUND_ROBIN_ASSIGNOR = "org.apache.kafka.clients.consumer.RoundRobinAssignor";
export const STICKY_ASSIGNOR = "org.apache.kafka.clients.consumer.StickyAssignor";
export const COOPERATIVE_STICKY_ASSIGNOR = "org.apache.kafka.clients.consumer.CooperativeStickyAssignor";

/** Consumer configs every member of a preset shares (one application, several instances). */
export function memberConfig(strategy: string, extra: Record<string, string | number | boolean> = {}): Record<string, string | number | boolean> {
  return {
    "partition.assignment.strategy": strategy,
    "session.timeout.ms": 10000,
    "heartbeat.interval.ms": 3000,
    "max.poll.interval.ms": 10000,
    "auto.commit.interval.ms": 1000,
    // One burst of the producer (ten records) per poll: at 250 ms a record an iteration of the
    // poll loop takes about 2.5 s; even two of them fit in max.poll.interval.ms, which is also
    // the time the coordinator waits for every member to rejoin.
    "max.poll.records": 10,
    ...extra,
  };
}

/** Records in each produce request of a preset's producer (one request a second). */
const PRODUCE_BURST = 10;

/** How far apart the instances of a preset start, in ms. */
const STAGGER_MS = 1100;

type ConsumerWorkload = Extract<NonNullable<ScenarioInput["workload"]>[number], { type: "consumer" }>;

/** One instance of the application: a KafkaConsumer in group orders-app, subscribed to orders. */
export function consumerWorkload(index: number, startMs: number, config: Record<string, string | number | boolean>, listener: "none" | "commit-on-revoke" = "none"): ConsumerWorkload {
  return {
    type: "consumer",
    client: `consumer-${index}`,
    groupId: GROUP,
    topics: [TOPIC],
    startMs,
    // Slow enough that a poll loop iteration takes a while: in an eager rebalance the members
    // that rejoin at once wait, with nothing to read, for the one still busy with its batch.
    processingMsPerRecord: 250,
    processingJitterMs: 150,
    commit: "auto",
    listener,
    config: { ...config },
  };
}

interface SceneOptions {
  name: string;
  description: string;
  strategy: string;
  members?: number;
  partitions?: number;
  durationMs?: number;
  extraConfig?: Record<string, string | number | boolean>;
  listener?: "none" | "commit-on-revoke";
  faults?: ScenarioInput["faults"];
}

function scene(o: SceneOptions): ScenarioInput {
  const durationMs = o.durationMs ?? 30_000;
  const config = memberConfig(o.strategy, o.extraConfig);
  return {
    version: 1,
    name: o.name,
    description: o.description,
    seed: 11,
    durationMs,
    cluster: {
      brokers: 3,
      // Simplification for speed: one __consumer_offsets partition (Kafka's default is 50) and
      // single replicas; the group coordinator works the same.
      config: { "offsets.topic.num.partitions": 1, "offsets.topic.replication.factor": 1 },
    },
    topics: [{ name: TOPIC, partitions: o.partitions ?? 6, replicationFactor: 1 }],
    workload: [
      // Ten records a second, keyless, arriving in bursts: one request of ten records a second, each
      // request to the next partition in turn. A partition thus gets ten records at a time and its
      // owner's polls return full batches. (Records trickling in one by one would make every poll
      // return a single record, and an eager rebalance would be over before anyone saw it.)
      { type: "produce", client: "producer-0", topic: TOPIC, startMs: 0, count: Math.floor(durationMs / 1000) * PRODUCE_BURST, intervalMs: 1000, recordsPerRequest: PRODUCE_BURST },
      // The instances start a little apart, as a real deployment's do, so their heartbeats are not in step.
      ...Array.from({ length: o.members ?? 3 }, (_, i) => consumerWorkload(i, i * STAGGER_MS, config, o.listener ?? "none")),
    ],
    faults: o.faults ?? [],
  };
}

export const presets = {
  "three-members": {
    scenario: scene({
      name: "three-members",
      description: "Three instances of orders-app share six partitions with the eager range assignor; consumer-1 is shut down cleanly at 14 s.",
      strategy: RANGE_ASSIGNOR,
      faults: [{ type: "consumer-leave", atMs: 14_000, client: "consumer-1" }],
    }),
    startMs: 8_000,
  },
  cooperative: {
    scenario: scene({
      name: "cooperative",
      description: "The same group with the cooperative-sticky assignor: when consumer-1 leaves at 14 s, only its partitions move.",
      strategy: COOPERATIVE_STICKY_ASSIGNOR,
      faults: [{ type: "consumer-leave", atMs: 14_000, client: "consumer-1" }],
    }),
    startMs: 8_000,
  },
  listener: {
    scenario: scene({
      name: "listener",
      description:
        "Auto-commit is off and orders-app commits nothing by itself, so a partition that moves is read again from the start, unless the rebalance listener commits in onPartitionsRevoked. consumer-1 leaves at 14 s.",
      strategy: RANGE_ASSIGNOR,
      extraConfig: { "enable.auto.commit": false, "auto.offset.reset": "earliest" },
      faults: [{ type: "consumer-leave", atMs: 14_000, client: "consumer-1" }],
    }),
    startMs: 8_000,
  },
  "scale-out": {
    scenario: scene({
      name: "scale-out",
      description: "Three instances of orders-app share six partitions with the eager range assignor and nobody leaves: the scene for adding members.",
      strategy: RANGE_ASSIGNOR,
    }),
    startMs: 8_000,
  },
} satisfies Record<string, Preset>;

export type PresetName = keyof typeof presets;

/** The preset named by an Astro prop or attribute, or an error naming the allowed names. */
export function presetNamed(name: string | undefined): Preset {
  const key = (name ?? "three-members") as PresetName;
  const preset = presets[key];
  if (!preset) throw new Error(`rebalance: unknown preset "${name}"; allowed: ${Object.keys(presets).join(", ")}`);
  return preset;
}
