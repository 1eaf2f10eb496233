import { describe, expect, it } from "vitest";
import { checkConsumption } from "../../../engine/checker/consumption.js";
import { parseScenario, runScenario, ScenarioValidationError, serializeTrace } from "../../../engine/index.js";
import { consumerLabScenario } from "./scenarios.js";

/** The seed and schedule fast-check found for "commit before processing loses records" (kept as a named case). */
export const commitBeforeProcessingLoss = consumerLabScenario({
  seed: 3,
  commit: "sync-before-processing",
  crashes: [{ atMs: 6_000, client: "consumer-0", at: "mid-batch", restartAfterMs: 2_000 }],
});

/** The shrunk counterexample tests/engine/properties/consumer.test.ts found (fast-check seed 42). */
export const foundByFastCheck = consumerLabScenario({
  seed: 1152992794,
  commit: "sync-before-processing",
  crashes: [
    { atMs: 29_992, client: "consumer-0", at: "after-processing", restartAfterMs: 3_124 },
    { atMs: 6_505, client: "consumer-1", at: "after-commit", restartAfterMs: 500 },
  ],
});

describe("consumer labs: the processing model and the consumption checker", () => {
  it("Consumer lab: commit before processing, consumer-1 crashes right after its commit (fast-check's seed 1152992794) loses that batch", () => {
    const verdict = checkConsumption(runScenario(foundByFastCheck).trace);
    expect(verdict.lost.length).toBeGreaterThan(0);
    expect(verdict.lost[0].explanation).toMatch(/consumer-1 committed offset \d+ at \d+ ms before processing it, then crashed at \d+ ms \(step after-commit\)/);
  });

  it("Consumer lab: commit before processing, crash mid-batch (seed 3) loses the rest of the batch, and says why", () => {
    const { trace } = runScenario(commitBeforeProcessingLoss);
    const verdict = checkConsumption(trace);
    expect(verdict.lost.length).toBeGreaterThan(0);
    expect(verdict.lost.every((l) => l.cause === "committed-before-processing")).toBe(true);
    expect(verdict.lost[0].explanation).toMatch(/consumer-0 committed offset \d+ at \d+ ms before processing it, then crashed at \d+ ms \(step mid-batch\)/);
    expect(verdict.duplicated).toEqual([]);
  });

  it("Consumer lab: commit after processing, crash after processing, loses nothing but processes the batch twice", () => {
    const { trace } = runScenario(consumerLabScenario({ seed: 3, commit: "sync-after-processing", crashes: [{ atMs: 6_000, client: "consumer-0", at: "after-processing", restartAfterMs: 2_000 }] }));
    const verdict = checkConsumption(trace);
    expect(verdict.lost).toEqual([]);
    expect(verdict.duplicated.length).toBeGreaterThan(0);
    expect(verdict.duplicated[0].cause).toBe("crash-before-commit");
    expect(verdict.duplicated[0].explanation).toMatch(/consumer-0 crashed at \d+ ms \(step after-processing\) when the group/);
    // Every produced record was processed at least once by the end.
    const processed = new Set(trace.flatMap((e) => (e.type === "consumer.process" ? [e.id] : [])));
    expect(processed.size).toBe(160);
  });

  it("Consumer lab: one poller feeding four workers processes records of one partition out of order", () => {
    const { trace } = runScenario(consumerLabScenario({ seed: 5, commit: "sync-after-processing", crashes: [], workers: 4, jitterMs: 15 }));
    const verdict = checkConsumption(trace);
    expect(verdict.reordered.length).toBeGreaterThan(0);
    expect(verdict.reordered[0].explanation).toMatch(/on worker \d .* on worker \d: records of one partition ran on different workers/);
    expect(verdict.lost).toEqual([]);
  });

  it("a stalled poll loop past max.poll.interval.ms leaves the group; the other member takes over", () => {
    const scenario = consumerLabScenario({ seed: 2, commit: "sync-after-processing", crashes: [] });
    (scenario.workload as { config?: Record<string, unknown> }[])[2].config = { "auto.offset.reset": "earliest", "session.timeout.ms": 6_000, "heartbeat.interval.ms": 1_000, "max.poll.interval.ms": 3_000, "max.poll.records": 10 };
    scenario.faults = [{ type: "consumer-stall", atMs: 9_000, client: "consumer-0", durationMs: 6_000 }];
    const { trace } = runScenario(scenario);
    expect(trace.find((e) => e.type === "consumer.leave" && e.client === "consumer-0")).toMatchObject({ reason: "consumer poll timeout has expired." });
    expect(trace.some((e) => e.type === "consumer.lost" && e.client === "consumer-0")).toBe(true);
    expect(checkConsumption(trace).lost).toEqual([]);
  });

  it("same scenario and seed, same trace, byte for byte (consumers, crashes and restarts included)", () => {
    expect(serializeTrace(runScenario(foundByFastCheck).trace)).toBe(serializeTrace(runScenario(foundByFastCheck).trace));
  });

  it("rejects a bad consumer config with Kafka's ConfigException wording at the config's path", () => {
    const scenario = consumerLabScenario({ seed: 1, commit: "auto", crashes: [] });
    (scenario.workload as { config?: Record<string, unknown> }[])[2].config = { "max.poll.records": 0 };
    try {
      parseScenario(scenario);
      expect.unreachable("parseScenario should have thrown");
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioValidationError);
      const issue = (error as ScenarioValidationError).issues.find((i) => i.path === 'workload[2].config["max.poll.records"]');
      expect(issue?.message).toBe("Invalid value 0 for configuration max.poll.records: Value must be at least 1");
    }
  });

  it("rejects a consumer fault naming a client that is not a consumer workload", () => {
    const scenario = consumerLabScenario({ seed: 1, commit: "auto", crashes: [] });
    scenario.faults = [{ type: "consumer-crash", atMs: 100, client: "producer-0" }];
    expect(() => parseScenario(scenario)).toThrow(/faults\[0\]\.client: no "consumer" workload has this client name/);
  });
});
