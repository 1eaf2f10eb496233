import { describe, expect, it } from "vitest";
import { runScenario, type ScenarioInput } from "../../../engine/index.js";

/** Keyless records, 1000 per second, into 6 partitions, with a 3.x partitioner named by partitioner.class. */
function keyless(partitionerClass: string | null): ScenarioInput {
  return {
    version: 1,
    seed: 5,
    durationMs: 3_000,
    cluster: { brokers: 3 },
    topics: [{ name: "orders", partitions: 6, replicationFactor: 1 }],
    workload: [
      {
        type: "producer",
        topic: "orders",
        startMs: 1_000,
        count: 300,
        intervalMs: 1,
        valueBytes: 100,
        config: { "linger.ms": 20, "batch.size": 1_024, ...(partitionerClass ? { "partitioner.class": partitionerClass } : {}) },
      },
    ],
  };
}

const partitionsUsed = (scenario: ScenarioInput) =>
  new Set(runScenario(scenario).trace.flatMap((e) => (e.type === "produce.acked" ? [e.partition] : []))).size;

describe("Kafka 3.x partitioners hear about new batches (onNewBatch, KIP-480)", () => {
  it("UniformStickyPartitioner moves to another partition each time its batch is done, so keyless records spread", () => {
    expect(partitionsUsed(keyless("org.apache.kafka.clients.producer.UniformStickyPartitioner"))).toBeGreaterThanOrEqual(4);
  });

  it("each UniformStickyPartitioner batch stays on one partition until it is full: batches hold several records", () => {
    const { trace } = runScenario(keyless("org.apache.kafka.clients.producer.UniformStickyPartitioner"));
    const acked = trace.flatMap((e) => (e.type === "produce.acked" ? [e.count] : []));
    expect(acked.reduce((a, b) => a + b, 0) / acked.length).toBeGreaterThan(4);
  });

  it("RoundRobinPartitioner still deals consecutive records over all partitions", () => {
    expect(partitionsUsed(keyless("org.apache.kafka.clients.producer.RoundRobinPartitioner"))).toBe(6);
  });
});
