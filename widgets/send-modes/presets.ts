import type { ScenarioInput } from "../../engine/index";

/**
 * The send-modes scenario: two producers on one three-broker cluster send the same records
 * (same count, same keys, same topic) at the same moment, one calling send().get() for each record
 * ("sync"), the other sending with a callback and moving on ("async"). Everything else is
 * Kafka 4's producer defaults, so the difference on screen is the calling style alone.
 */

export const TOPIC = "orders";
export const SYNC_CLIENT = "sync-producer";
export const ASYNC_CLIENT = "async-producer";
/** Three keys that murmur2 sends to partitions 0, 1 and 2: each partition gets its own run of callbacks to number. */
export const KEYS = ["alice", "dave", "carol"] as const;

/** When both producers call their first send(). */
export const START_MS = 150;

export interface SendModesSetup {
  /** Records each producer sends. */
  count: number;
  lingerMs: number;
  acks: "0" | "1" | "all";
  /** One-way network latency between any two nodes, in ms. */
  latencyMs: number;
}

export const DEFAULT_SETUP: SendModesSetup = { count: 12, lingerMs: 5, acks: "all", latencyMs: 2 };

function producer(client: string, mode: "sync" | "async", setup: SendModesSetup) {
  return {
    type: "producer" as const,
    client,
    topic: TOPIC,
    // Once the cluster has elected its leaders, so both producers start on a settled cluster.
    startMs: START_MS,
    count: setup.count,
    intervalMs: 0,
    keys: [...KEYS],
    valueBytes: 100,
    mode,
    config: { "linger.ms": setup.lingerMs, acks: setup.acks },
  };
}

/**
 * How long to simulate: long enough for the sync producer's last callback at the slowest
 * settings (each record waits linger.ms, then a request and replication round trips), and no
 * longer, so the timeline has no long empty tail.
 */
export function durationFor(setup: Pick<SendModesSetup, "count" | "lingerMs" | "latencyMs">): number {
  const perRecordMs = setup.lingerMs + 6 * Math.max(1, setup.latencyMs) + 10;
  return Math.ceil((START_MS + setup.count * perRecordMs * 1.5 + 100) / 100) * 100;
}

/** The setup a scenario was built from (what the knobs last wrote into it). */
export function setupOf(scenario: ScenarioInput): SendModesSetup {
  const w = (scenario.workload?.[0] ?? {}) as { count?: number; config?: Record<string, unknown> };
  return {
    count: w.count ?? DEFAULT_SETUP.count,
    lingerMs: Number(w.config?.["linger.ms"] ?? DEFAULT_SETUP.lingerMs),
    acks: (w.config?.["acks"] as SendModesSetup["acks"]) ?? DEFAULT_SETUP.acks,
    latencyMs: scenario.cluster?.network?.latencyMsMin ?? DEFAULT_SETUP.latencyMs,
  };
}

/** The scenario for a setup; the widget's knobs edit exactly these fields. */
export function sendModesScenario(setup: SendModesSetup = DEFAULT_SETUP): ScenarioInput {
  return {
    version: 1,
    name: "send-modes",
    description: "The same records sent with send().get() and with callbacks, side by side.",
    seed: 11,
    durationMs: durationFor(setup),
    cluster: {
      brokers: 3,
      network: { latencyMsMin: setup.latencyMs, latencyMsMax: setup.latencyMs, dropRatio: 0 },
    },
    topics: [{ name: TOPIC, partitions: 3, replicationFactor: 3, config: { "min.insync.replicas": 2 } }],
    workload: [producer(SYNC_CLIENT, "sync", setup), producer(ASYNC_CLIENT, "async", setup)],
    faults: [],
  };
}
