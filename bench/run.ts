/**
 * npm run bench: the performance figures DESIGN.md budgets. It prints numbers; it is not a test.
 * Wall-clock time is read here, in the benchmark, never inside the engine.
 */
import { runScenario, type ScenarioInput } from "../engine/index.js";
import { presets } from "../widgets/replica-log/presets.js";

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

function throughputScenario(records: number): ScenarioInput {
  return {
    version: 1,
    seed: 1,
    durationMs: 60_000,
    trace: "summary",
    cluster: { brokers: 3, config: { "min.insync.replicas": 2 } },
    topics: [{ name: "bench", partitions: 3, replicationFactor: 3 }],
    workload: [0, 1, 2].map((partition) => ({
      type: "produce" as const,
      client: `producer-${partition}`,
      topic: "bench",
      partition,
      count: records / 3,
      intervalMs: 5,
      recordsPerRequest: 1_000,
      valueBytes: 100,
      acks: "all" as const,
    })),
  };
}

/** KafkaProducer -> 3 brokers, RF 3, acks=all: the real producer client, all records sent at once. */
function producerThroughputScenario(records: number): ScenarioInput {
  return {
    version: 1,
    seed: 1,
    durationMs: 120_000,
    trace: "summary",
    cluster: { brokers: 3, config: { "min.insync.replicas": 2 } },
    topics: [{ name: "bench", partitions: 3, replicationFactor: 3 }],
    workload: [
      {
        type: "producer" as const,
        client: "producer-0",
        topic: "bench",
        count: records,
        intervalMs: 0,
        keys: null,
        valueBytes: 100,
        config: { acks: "all", "linger.ms": 5 },
      },
    ],
  };
}

/** The replication widget's leader-crash scene, exactly as the chapter ships it, with another seed. */
function replicationWidgetScenario(seed: number): ScenarioInput {
  return { ...presets["leader-crash"].scenario, seed };
}

// Warm up the JIT so the figures describe steady state.
for (let i = 0; i < 3; i++) runScenario(throughputScenario(30_000));

const records = 3_000_000;
const big = time(() => runScenario(throughputScenario(records)));
const acked = big.value.stats.recordsAcked;
console.log(`Three brokers, RF 3, acks=all, 3 partitions: ${acked.toLocaleString("en")} records acknowledged in ${big.ms.toFixed(0)} ms`);
console.log(`  => ${Math.round((acked / big.ms) * 1000).toLocaleString("en")} records/s end to end on one core (budget: >= 1,000,000)`);

for (let i = 0; i < 3; i++) runScenario(producerThroughputScenario(50_000));
const producerRecords = 1_000_000;
// CPU time beside wall time: on a busy machine wall time measures the neighbours too. CPU time
// includes V8's parallel GC helper threads, so on an idle machine it can exceed the wall time.
const producerCpuStart = process.cpuUsage();
const viaProducer = time(() => runScenario(producerThroughputScenario(producerRecords)));
const producerCpu = process.cpuUsage(producerCpuStart);
const producerCpuMs = (producerCpu.user + producerCpu.system) / 1000;
const producerAcked = viaProducer.value.stats.recordsAcked;
console.log(
  `KafkaProducer -> 3 brokers, RF 3, acks=all, 3 partitions, batch.size 16384, linger.ms 5: ${producerAcked.toLocaleString("en")} records acknowledged in ${viaProducer.ms.toFixed(0)} ms (${producerCpuMs.toFixed(0)} ms CPU)`,
);
console.log(
  `  => ${Math.round((producerAcked / viaProducer.ms) * 1000).toLocaleString("en")} records/s through KafkaProducer on one core, ${Math.round((producerAcked / producerCpuMs) * 1000).toLocaleString("en")} per CPU-second (budget: >= 1,000,000)`,
);

for (let i = 0; i < 20; i++) runScenario(replicationWidgetScenario(i));
const sweep = time(() => {
  let lost = 0;
  for (let seed = 0; seed < 1_000; seed++) lost += runScenario(replicationWidgetScenario(seed)).verdict.lost.length;
  return lost;
});
console.log(`1,000 seeded runs of the replication widget's leader-crash scene: ${sweep.ms.toFixed(0)} ms (budget: about 1,000 ms in a Web Worker)`);
const one = time(() => runScenario(replicationWidgetScenario(7)));
console.log(`One run of that scene (a knob change): ${one.ms.toFixed(2)} ms (budget: 16 ms including redraw)`);

// The consumer figures (consumer groups, the rebalance and commit-timing widgets, the assignors).
await import("./consumer-group.js");
