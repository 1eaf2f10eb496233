import type { ScenarioInput } from "../../engine/index";

/**
 * The producer chapter's pipeline scenes: one producer ("producer-0") writing to "orders",
 * three partitions led by three different brokers. Sizes are chosen so that a batch visibly
 * holds several records: 200-byte values against a 1 KB batch.size leave room for four records
 * (each record also carries its key and about a dozen bytes of record overhead, and a batch its
 * 61-byte header), and buffer.memory is a few batches, so its gauge moves.
 */
export interface Preset {
  scenario: ScenarioInput;
  /** Where the player starts, and the moment the static first frame shows. */
  startMs: number;
}

export const TOPIC = "orders";
export const CLIENT = "producer-0";
/**
 * Keys cycled by keyed records. murmur2 sends alice, bob and grace to partition 0, dave and
 * frank to 1, carol to 2: uneven on purpose, so one partition's batches fill up while another's
 * linger out half empty. Their first letters differ, and label the records.
 */
export const KEYS = ["alice", "dave", "bob", "carol", "grace", "frank"] as const;

type ProducerConfig = Record<string, string | number | boolean | null>;

interface SceneOptions {
  name: string;
  description: string;
  durationMs: number;
  count: number;
  intervalMs: number;
  keys: readonly string[] | null;
  valueBytes?: number;
  config: ProducerConfig;
  /** Network latency per hop: tens of ms, so a request is visibly in flight. */
  latencyMs?: [number, number];
  seed?: number;
  /** When the application's first send() happens (default 500 ms, right after the cluster started). */
  startMs?: number;
  faults?: ScenarioInput["faults"];
}

function scene(o: SceneOptions): ScenarioInput {
  const [latencyMsMin, latencyMsMax] = o.latencyMs ?? [20, 40];
  return {
    version: 1,
    name: o.name,
    description: o.description,
    seed: o.seed ?? 11,
    durationMs: o.durationMs,
    cluster: { brokers: 3, config: {}, network: { latencyMsMin, latencyMsMax, dropRatio: 0 } },
    // One partition led by each broker, so each broker gets its own in-flight queue.
    topics: [{ name: TOPIC, partitions: 3, replicationFactor: 3, assignment: [[1, 2, 3], [2, 3, 1], [3, 1, 2]], config: { "min.insync.replicas": 2 } }],
    workload: [
      {
        type: "producer",
        client: CLIENT,
        topic: TOPIC,
        startMs: o.startMs ?? 500,
        count: o.count,
        intervalMs: o.intervalMs,
        keys: o.keys ? [...o.keys] : null,
        valueBytes: o.valueBytes ?? 200,
        mode: "async",
        config: o.config,
      },
    ],
    faults: o.faults ?? [],
  } as ScenarioInput;
}

/** Producer configs every scene shares (Kafka's names). */
const common: ProducerConfig = {
  "batch.size": 1024,
  "linger.ms": 400,
  "buffer.memory": 16384,
  "max.in.flight.requests.per.connection": 5,
  acks: "all",
};

export const presets = {
  default: {
    // 36 keyed records, one every 40 ms: each partition gets one about every 120 ms, so a
    // batch either fills (four records) or waits out linger.ms = 300 ms half full.
    scenario: scene({
      name: "default",
      description: "A steady asynchronous stream of keyed records into three partitions; batches fill up or linger out, then fly to their leaders.",
      durationMs: 4_000,
      count: 36,
      intervalMs: 40,
      keys: KEYS,
      config: { ...common },
    }),
    startMs: 1_100,
  },
  "buffer-full": {
    // 40 records sent back to back into a 3 KB buffer (three batches' worth) while each batch
    // spends ~150 ms in flight (acks=all waits for the followers): send() blocks the application
    // thread, and a send still blocked after max.block.ms = 150 ms fails with
    // BufferExhaustedException, Kafka's TimeoutException for a full buffer.
    scenario: scene({
      name: "buffer-full",
      description: "Forty records sent back to back into a three-batch buffer: send() blocks, and after max.block.ms some sends fail with a TimeoutException.",
      durationMs: 3_500,
      count: 40,
      intervalMs: 0,
      keys: KEYS,
      latencyMs: [40, 60],
      config: { ...common, "buffer.memory": 3072, "linger.ms": 50, "max.block.ms": 150 },
    }),
    startMs: 650,
  },
  "acks-0": {
    // Fire and forget: the sender counts a batch done as soon as the request is written, so
    // in-flight slots empty at once and no offset ever comes back.
    scenario: scene({
      name: "acks-0",
      description: "The default stream with acks=0: requests complete as soon as they are sent, without offsets.",
      durationMs: 4_000,
      count: 36,
      intervalMs: 40,
      keys: KEYS,
      config: { ...common, acks: "0" },
    }),
    startMs: 1_100,
  },
  keyless: {
    // No keys: the built-in partitioner sticks to one partition until about batch.size bytes
    // went there, so batches fill one partition at a time.
    scenario: scene({
      name: "keyless",
      description: "The default stream without keys: sticky partitioning fills one partition's batch at a time.",
      durationMs: 4_000,
      count: 36,
      intervalMs: 40,
      keys: null,
      config: { ...common },
    }),
    startMs: 1_100,
  },
  "flaky-network": {
    // The exercise "keep order with retries": the connection between the producer and broker 1
    // (leader of orders-0) breaks for 150 ms, just as a request is on its way. That request is
    // lost; the next one, sent after the heal, is written; the lost one times out after
    // request.timeout.ms and its retry lands behind it. Idempotence is switched off explicitly
    // (it is on by default), so the leader cannot refuse the out-of-order batch. The records
    // start at 1.5 s, once every follower fetches (before that, acks=all answers take longer
    // than this short request.timeout.ms).
    scenario: scene({
      name: "flaky-network",
      description: "The keyed stream with idempotence off and five requests in flight; a 150 ms network cut between the producer and broker 1 loses a request, and its retry lands behind newer records.",
      durationMs: 4_500,
      startMs: 1_500,
      count: 36,
      intervalMs: 40,
      keys: KEYS,
      config: { ...common, "linger.ms": 100, "enable.idempotence": false, "request.timeout.ms": 400, "delivery.timeout.ms": 3_000 },
      faults: [
        { type: "cut", atMs: 2_100, a: [CLIENT], b: [1] },
        { type: "heal", atMs: 2_250 },
      ],
    }),
    startMs: 2_000,
  },
  overload: {
    // The exercises on buffer and throughput: 120 records, one every 5 ms (200 a second), into a
    // 3 KB buffer, with one request in flight per broker and a 400 ms linger. The sender moves
    // about a fifth of that, the buffer fills, send() blocks, and sends still blocked after
    // max.block.ms = 150 ms fail. More buffer.memory stops the failures but not the queue: the
    // records then wait in the buffer instead, and latency climbs. Starts at 1.5 s, like
    // flaky-network, so the followers' first fetch does not count against latency.
    scenario: scene({
      name: "overload",
      description: "120 keyed records at 200 a second into a 3 KB buffer with one request in flight per broker: send() blocks and some sends time out.",
      durationMs: 5_000,
      startMs: 1_500,
      count: 120,
      intervalMs: 5,
      keys: KEYS,
      config: { ...common, "buffer.memory": 3072, "max.block.ms": 150, "max.in.flight.requests.per.connection": 1 },
    }),
    startMs: 1_900,
  },
} satisfies Record<string, Preset>;

export type PresetName = keyof typeof presets;

/** The preset named by an Astro prop or attribute, or an error naming the allowed names. */
export function presetNamed(name: string | undefined): Preset {
  const key = (name ?? "default") as PresetName;
  const preset = presets[key];
  if (!preset) throw new Error(`producer-pipeline: unknown preset "${name}"; allowed: ${Object.keys(presets).join(", ")}`);
  return preset;
}
