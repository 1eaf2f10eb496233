import { partitionForKey, utf8, type ScenarioInput } from "../../engine/index";

/**
 * The messaging-models scene: one topic, a steady stream of keyed records, and N consumers
 * reading it in one of three ways (the point-to-point and publish-subscribe models, and
 * Kafka 4's share groups). Everything the knobs change is rebuilt here from four numbers, so
 * a knob change always yields a whole, valid scenario.
 */

export const MODELS = ["one-group", "group-each", "share-group"] as const;
export type Model = (typeof MODELS)[number];

export const TOPIC = "orders";
/** The group of the "one group" model, and the share group of the "share group" model. */
export const GROUP = "orders-app";
export const SHARE_GROUP = "orders-share";
export const MIN_CONSUMERS = 1;
export const MAX_CONSUMERS = 6;
export const MIN_PARTITIONS = 1;
export const MAX_PARTITIONS = 6;

/** When the consumers start, and when the first records arrive. */
const CONSUMERS_START_MS = 500;
const PRODUCE_START_MS = 1_000;
/** Records per partition, and the gap between two of them: small and slow enough to follow. */
const RECORDS_PER_PARTITION = 10;
const PRODUCE_INTERVAL_MS = 1_600;
const DURATION_MS = 20_000;

/**
 * Key names. Each partition gets the first name whose first letter no other key has (the
 * letter labels the record block) and whose murmur2 partition is that partition, exactly as Kafka's
 * default partitioner would place it.
 */
const KEY_NAMES = ["alice", "amy", "bob", "ben", "carol", "chen", "dave", "dan", "erin", "eli", "frank", "fay", "grace", "gus", "heidi", "hugo", "ivan", "ida", "judy", "jack", "kim", "kate", "liam", "lea", "mia", "max", "noah", "nia", "olga", "omar", "pat", "pia", "quinn", "rosa", "ray", "sam", "sara", "tina", "tom", "uma", "uri", "vic", "vera", "wes", "wu", "xena", "yuri", "yara", "zoe", "zed"];

/** One key per partition, each one hashing (murmur2) to its partition. */
export function keysFor(partitions: number): string[] {
  const keys: string[] = [];
  for (let p = 0; p < partitions; p++) {
    const key = KEY_NAMES.find((name) => !keys.some((k) => k[0] === name[0]) && partitionForKey(utf8(name), partitions) === p);
    if (!key) throw new Error(`messaging-models: no key name hashes to partition ${p} of ${partitions}; add names to KEY_NAMES`);
    keys.push(key);
  }
  return keys;
}

/** The group a consumer of the "a group each" model belongs to: app-a, app-b ... */
export function ownGroup(index: number): string {
  return `app-${String.fromCharCode(97 + index)}`;
}

export function consumerName(index: number): string {
  return `consumer-${index}`;
}

type Workload = NonNullable<ScenarioInput["workload"]>[number];

/** Consumer configs every classic consumer shares: read from the start, notice a crash in 6 s. */
const CONSUMER_CONFIG = {
  // Kafka's default is latest; the scene starts reading before the first record, but a consumer
  // added later must read the topic from its start to show "every group gets every record".
  "auto.offset.reset": "earliest",
  "session.timeout.ms": 6_000,
  "heartbeat.interval.ms": 1_000,
  "auto.commit.interval.ms": 1_000,
} as const;

/** One consumer of the given model, starting at startMs. */
export function consumerWorkload(model: Model, index: number, startMs: number): Workload {
  const client = consumerName(index);
  if (model === "share-group") {
    return {
      type: "share-consumer",
      client,
      groupId: SHARE_GROUP,
      topic: TOPIC,
      startMs,
      processingMsPerRecord: 700,
      pollTimeoutMs: 500,
      // Kafka's default for a share group is latest; earliest so no record is skipped.
      shareAutoOffsetReset: "earliest",
    };
  }
  return {
    type: "consumer",
    client,
    groupId: model === "one-group" ? GROUP : ownGroup(index),
    topics: [TOPIC],
    startMs,
    processingMsPerRecord: 100,
    // One poll() a second when there is nothing to read (Kafka apps often use 100 ms): the same
    // picture, a tenth of the simulated fetches, so a knob change re-simulates in a frame.
    pollTimeoutMs: 1_000,
    commit: "auto",
    config: { ...CONSUMER_CONFIG },
  };
}

/** One producer per key (so each partition gets a steady stream), starting a little apart. */
function producers(partitions: number): Workload[] {
  return keysFor(partitions).map((key, p) => ({
    type: "produce" as const,
    client: `producer-${p}`,
    topic: TOPIC,
    key,
    startMs: PRODUCE_START_MS + Math.round((p * PRODUCE_INTERVAL_MS) / partitions),
    count: RECORDS_PER_PARTITION,
    intervalMs: PRODUCE_INTERVAL_MS,
    acks: "all" as const,
  }));
}

export interface SceneOptions {
  model: Model;
  consumers: number;
  partitions: number;
  seed?: number;
  faults?: ScenarioInput["faults"];
}

/** The whole scenario for a model, a number of consumers and a number of partitions. */
export function scene(o: SceneOptions): ScenarioInput {
  checkRange("consumers", o.consumers, MIN_CONSUMERS, MAX_CONSUMERS);
  checkRange("partitions", o.partitions, MIN_PARTITIONS, MAX_PARTITIONS);
  return {
    version: 1,
    // The model is the scenario's name: the model knob reads it back from there.
    name: o.model,
    description: describeModel(o.model, o.consumers, o.partitions),
    seed: o.seed ?? 3,
    durationMs: DURATION_MS,
    cluster: {
      brokers: 3,
      config: {
        // Simplification for speed: one __consumer_offsets partition (Kafka's default is 50),
        // one replica; the coordinator works the same.
        "offsets.topic.num.partitions": 1,
        "offsets.topic.replication.factor": 1,
        // Kafka waits 3 s for more members before a new group's first rebalance; 1 s keeps the scene short.
        "group.initial.rebalance.delay.ms": 1_000,
        // Share groups: a lock runs out after 4 s (Kafka: 30 s) and a silent member is removed
        // after 6 s (Kafka: 45 s), so a crash's consequence shows within seconds.
        "group.share.record.lock.duration.ms": 4_000,
        "group.share.session.timeout.ms": 6_000,
        "group.share.heartbeat.interval.ms": 1_000,
      },
    },
    topics: [{ name: TOPIC, partitions: o.partitions, replicationFactor: 1 }],
    workload: [...producers(o.partitions), ...Array.from({ length: o.consumers }, (_, i) => consumerWorkload(o.model, i, CONSUMERS_START_MS))],
    faults: o.faults ?? [],
  };
}

function describeModel(model: Model, consumers: number, partitions: number): string {
  const what = model === "one-group" ? `in one consumer group (${GROUP})` : model === "group-each" ? "each in a consumer group of its own" : `in one share group (${SHARE_GROUP})`;
  return `${consumers} consumer(s) ${what} read ${TOPIC} (${partitions} partition(s), one key each).`;
}

function checkRange(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`messaging-models: ${field} is ${value}; allowed: a whole number from ${min} to ${max}`);
}

/** The model a scenario was built for: its name, else what its consumer workloads say. */
export function modelOf(scenario: { name?: string; workload?: readonly { type: string; groupId?: string | null }[] }): Model {
  if ((MODELS as readonly string[]).includes(scenario.name ?? "")) return scenario.name as Model;
  const consumers = (scenario.workload ?? []).filter((w) => w.type === "consumer" || w.type === "share-consumer");
  if (consumers.some((w) => w.type === "share-consumer")) return "share-group";
  return new Set(consumers.map((w) => w.groupId)).size > 1 ? "group-each" : "one-group";
}
