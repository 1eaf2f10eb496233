import type { ScenarioInput } from "../../engine/index";

/**
 * The replication chapter's starting scenarios: one partition ("orders-0") on three brokers,
 * broker 1 the preferred leader. Timeouts are small so that things happen in seconds:
 * a ZooKeeper session expires after 6 s and a follower leaves the ISR after 4 s without
 * catching up. Each preset starts (startMs) in a moment that already shows something.
 */
export interface Preset {
  scenario: ScenarioInput;
  /** Where the player starts, and the moment the static first frame shows. */
  startMs: number;
}

export const TOPIC = "orders";

/** Broker configs shared by every preset: small timeouts, Kafka's names. */
const brokerConfig = {
  "zookeeper.session.timeout.ms": 6000,
  "replica.lag.time.max.ms": 4000,
};

function base(name: string, description: string, durationMs: number, faults: ScenarioInput["faults"] = []): ScenarioInput {
  return {
    version: 1,
    name,
    description,
    seed: 7,
    durationMs,
    cluster: {
      brokers: 3,
      config: { ...brokerConfig },
      // A few ms per hop, so a follower's fetch visibly trails the leader's append when stepping.
      network: { latencyMsMin: 20, latencyMsMax: 40, dropRatio: 0 },
    },
    topics: [{ name: TOPIC, partitions: 1, replicationFactor: 3, assignment: [[1, 2, 3]], config: { "min.insync.replicas": 1, "unclean.leader.election.enable": false } }],
    // Two records a second from one producer, acks=all.
    workload: [{ type: "produce", client: "producer-0", topic: TOPIC, partition: 0, startMs: 1000, count: 40, intervalMs: 500, acks: "all" }],
    faults,
  };
}

export const presets = {
  steady: {
    scenario: base("steady", "Three replicas of orders-0 keep up with a steady producer.", 24_000),
    startMs: 3_000,
  },
  "slow-follower": {
    // 1500 ms each way: a fetch round trip (3 s) plus a fetch that starts behind leaves broker 3
    // not caught up for longer than replica.lag.time.max.ms (4 s), so it leaves the ISR.
    scenario: base("slow-follower", "Broker 3's network is slowed by 1.5 s each way from t = 4 s.", 30_000, [{ type: "slow", atMs: 4_000, broker: 3, extraLatencyMs: 1_500 }]),
    startMs: 7_000,
  },
  "leader-crash": {
    scenario: base("leader-crash", "A steady producer; crash the leader and watch the election.", 36_000),
    startMs: 5_000,
  },
} satisfies Record<string, Preset>;

export type PresetName = keyof typeof presets;

/** The preset named by an Astro prop or attribute, or an error naming the allowed names. */
export function presetNamed(name: string | undefined): Preset {
  const key = (name ?? "steady") as PresetName;
  const preset = presets[key];
  if (!preset) throw new Error(`replica-log: unknown preset "${name}"; allowed: ${Object.keys(presets).join(", ")}`);
  return preset;
}
