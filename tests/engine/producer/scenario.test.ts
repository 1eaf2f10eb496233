import { describe, expect, it } from "vitest";
import { parseScenario, runScenario, ScenarioValidationError, serializeTrace, type ScenarioInput } from "../../../engine/index.js";

function producerScenario(workload: Record<string, unknown> = {}, extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    version: 1,
    seed: 7,
    durationMs: 5_000,
    cluster: { brokers: 3, config: { "min.insync.replicas": 2 } },
    topics: [{ name: "orders", partitions: 3, replicationFactor: 3 }],
    workload: [{ type: "producer", topic: "orders", count: 50, intervalMs: 10, keys: ["a", "b", "c", "d"], ...workload } as never],
    ...extra,
  };
}

function issuesOf(input: unknown): ScenarioValidationError {
  try {
    parseScenario(input);
  } catch (error) {
    if (error instanceof ScenarioValidationError) return error;
    throw error;
  }
  throw new Error("expected the scenario to be refused");
}

describe('scenario workload "producer" (the real KafkaProducer)', () => {
  it("runs: every record acknowledged, in order, once, with producer figures in the stats", () => {
    const result = runScenario(producerScenario());
    expect(result.stats.recordsAcked).toBe(50);
    expect(result.verdict).toMatchObject({ lost: [], duplicated: [], reordered: [] });
    expect(result.stats.producer.ackedPerSecond).toBeGreaterThan(0);
    expect(result.stats.producer.latencyP99Ms).toBeGreaterThanOrEqual(result.stats.producer.latencyP50Ms);
    expect(result.stats.producer.recordsPerBatch).toBeGreaterThanOrEqual(1);
    expect(result.stats.producer.batchesPerRequest).toBeGreaterThanOrEqual(1);
  });

  it("is deterministic: the same scenario twice gives the same trace, byte for byte", () => {
    const scenario = producerScenario({ config: { "linger.ms": 20, "enable.idempotence": false, acks: "1" }, intervalMs: 3 }, {
      faults: [{ type: "crash", atMs: 1_500, broker: "leader", topic: "orders", partition: 0 }],
    });
    expect(serializeTrace(runScenario(scenario).trace)).toBe(serializeTrace(runScenario(scenario).trace));
  });

  it("sync mode waits for each answer: the same records take longer than in async mode", () => {
    const lastAck = (mode: "sync" | "async") => runScenario(producerScenario({ mode, intervalMs: 0, count: 20 })).trace.filter((e) => e.type === "produce.acked").at(-1)!.t;
    expect(lastAck("sync")).toBeGreaterThan(lastAck("async") + 50);
  });

  it("the integer value serializer fails the sends whose values are not numbers, and only those", () => {
    const result = runScenario(producerScenario({ valueSerializer: "integer", values: ["1", "2", "three"], count: 6 }));
    expect(result.stats.recordsAcked).toBe(4);
    expect(result.stats.errors).toEqual({ SerializationException: 2 });
  });

  it("refuses bad producer configs with the path, the value and what is allowed", () => {
    const error = issuesOf(producerScenario({ config: { "linger.ms": -1, "batch.sizes": 5, "enable.idempotence": true, acks: "0" } }));
    const byPath = Object.fromEntries(error.issues.map((i) => [i.path, i]));
    expect(byPath['workload[0].config["linger.ms"]'].message).toMatch(/Invalid value -1 for configuration linger.ms/);
    expect(byPath['workload[0].config["linger.ms"]'].value).toBe(-1);
    expect(byPath['workload[0].config["batch.sizes"]']).toBeDefined();
    expect(error.message).not.toContain("undefined");
  });

  it("refuses Kafka's idempotence conflicts and an unknown interceptor", () => {
    const error = issuesOf(producerScenario({ config: { "enable.idempotence": true, acks: "1" }, interceptors: ["count", "shout"] }));
    const paths = error.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['workload[0].config["acks"]', "workload[0].interceptors[1]"]));
    expect(error.message).toContain("Must set acks to all in order to use the idempotent producer.");
    expect(error.message).toContain("allowed: all while enable.idempotence is true");
    expect(error.message).toContain("unknown interceptor; allowed: count, filter-key:<key>, upper-case-value");
  });

  it('a "producer-send" action sends more records from the same producer at its time', () => {
    const result = runScenario(producerScenario({ count: 5 }, { faults: [{ type: "producer-send", atMs: 3_000, client: "producer-0", count: 7, key: "zed" }] }));
    expect(result.stats.recordsAcked).toBe(12);
    const late = result.trace.filter((e) => e.type === "produce.acked" && e.t >= 3_000);
    expect(late.flatMap((e) => (e.type === "produce.acked" ? e.ids : []))).toEqual(Array.from({ length: 7 }, (_, i) => `producer-0#${5 + i}`));
    expect(issuesOf(producerScenario({}, { faults: [{ type: "producer-send", atMs: 10, client: "ghost", count: 1 }] })).message).toContain('no "producer" workload has this client name');
  });

  it("refuses a producer-acks fault aimed at a KafkaProducer, saying why", () => {
    const error = issuesOf(producerScenario({}, { faults: [{ type: "producer-acks", atMs: 100, client: "producer-0", acks: "1" }] }));
    expect(error.message).toMatch(/faults\[0\]\.client: is a "producer" workload: a KafkaProducer reads acks once/);
  });
});
