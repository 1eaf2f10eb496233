/**
 * The consumer figures of `npm run bench` (bench/run.ts imports this file last): how fast a
 * consumer group reads, how long a knob change of the rebalance and commit-timing widgets takes,
 * and how long each assignor takes to rebalance a large group. It prints numbers; it is not a test.
 */
import {
  cooperativeStickyAssignor,
  rangeAssignor,
  roundRobinAssignor,
  runScenario,
  stickyAssignor,
  type PartitionAssignor,
  type ScenarioInput,
  type Subscription,
  type TopicPartition,
} from "../engine/index.js";
import { presets as commitTimingPresets } from "../widgets/commit-timing/presets.js";
import { presets as rebalancePresets } from "../widgets/rebalance/presets.js";

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

/** The median wall time of `runs` calls, in ms. */
function medianMs(fn: () => unknown, runs: number): number {
  const times = Array.from({ length: runs }, () => time(fn).ms).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

/** Six producers fill six partitions (records in all) while three consumers of one group read them, processing takes no time. */
function groupOfThreeScenario(records: number): ScenarioInput {
  return {
    version: 1,
    seed: 1,
    durationMs: 60_000,
    trace: "summary",
    cluster: { brokers: 3, config: { "offsets.topic.num.partitions": 1, "offsets.topic.replication.factor": 1, "group.initial.rebalance.delay.ms": 0 } },
    topics: [{ name: "bench", partitions: 6, replicationFactor: 1 }],
    workload: [
      ...Array.from({ length: 6 }, (_, p) => ({ type: "produce" as const, client: `producer-${p}`, topic: "bench", partition: p, count: Math.floor(records / 6), intervalMs: 1, recordsPerRequest: 100, acks: "1" as const })),
      ...Array.from({ length: 3 }, (_, i) => ({
        type: "consumer" as const,
        client: `consumer-${i}`,
        groupId: "bench",
        topics: ["bench"],
        processingMsPerRecord: 0,
        config: { "auto.offset.reset": "earliest", "max.poll.records": 500 },
      })),
    ],
  };
}

const consumedBy = (scenario: ScenarioInput) => runScenario(scenario).trace.reduce((n, e) => n + (e.type === "consumer.poll" ? e.count : 0), 0);
const groupScenario = groupOfThreeScenario(10_002);
for (let i = 0; i < 5; i++) consumedBy(groupScenario);
const consumed = consumedBy(groupScenario);
const groupMs = medianMs(() => consumedBy(groupScenario), 9);
console.log(
  `Consumer group of 3 on 6 partitions (3 brokers, RF 1): ${consumed.toLocaleString("en")} records consumed in ${groupMs.toFixed(1)} ms => ${Math.round((consumed / groupMs) * 1000).toLocaleString("en")} records per second consumed by a group of 3`,
);

for (const [widget, presets] of [["rebalance", rebalancePresets], ["commit-timing", commitTimingPresets]] as const) {
  for (const [name, preset] of Object.entries(presets)) {
    for (let i = 0; i < 5; i++) runScenario(preset.scenario);
    console.log(`One run of the ${widget} widget's ${name} preset (a knob change): ${medianMs(() => runScenario(preset.scenario), 21).toFixed(2)} ms (budget: 16 ms including redraw)`);
  }
}

/** 100 members subscribed to 10 topics of 100 partitions each; the previous assignment is what each member owned. */
function rebalanceInput(previous: Record<string, TopicPartition[]> | null, members: number): [Record<string, number>, Record<string, Subscription>] {
  const partitionsPerTopic: Record<string, number> = {};
  for (let t = 0; t < 10; t++) partitionsPerTopic[`topic-${t}`] = 100;
  const topics = Object.keys(partitionsPerTopic);
  const subscriptions: Record<string, Subscription> = {};
  for (let m = 0; m < members; m++) {
    const id = `consumer-${m}`;
    subscriptions[id] = previous ? { topics, ownedPartitions: previous[id] ?? [], generationId: 1 } : { topics };
  }
  return [partitionsPerTopic, subscriptions];
}

const assignors: readonly PartitionAssignor[] = [rangeAssignor, roundRobinAssignor, stickyAssignor, cooperativeStickyAssignor];
const rebalanceMs: string[] = [];
for (const assignor of assignors) {
  const first = assignor.assign(...rebalanceInput(null, 101));
  // The rebalance measured: member 100 left, the other 100 bring what they owned.
  const rebalance = () => assignor.assign(...rebalanceInput(first, 100));
  for (let i = 0; i < 2; i++) rebalance();
  rebalanceMs.push(`${assignor.name} ${medianMs(rebalance, 5).toFixed(1)}`);
}
console.log(`A rebalance of 100 consumers over 1,000 partitions with each assignor (ms): ${rebalanceMs.join(", ")}`);
