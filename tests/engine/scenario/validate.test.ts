import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseScenario, runScenario, ScenarioValidationError } from "../../../engine/index.js";
import { threeBrokerScenario } from "../support/scenarios.js";

function issuesOf(input: unknown) {
  try {
    parseScenario(input);
  } catch (error) {
    if (error instanceof ScenarioValidationError) return error;
    throw error;
  }
  throw new Error("expected the scenario to be refused");
}

describe("scenario validation names the field, the value and what is allowed", () => {
  it("reports a replication factor above the broker count with Kafka's message", () => {
    const error = issuesOf(threeBrokerScenario({ topics: [{ name: "orders", partitions: 1, replicationFactor: 4 }] }));
    expect(error.message).toContain("topics[0].replicationFactor: InvalidReplicationFactorException: Replication factor: 4 larger than available brokers: 3. (got 4)");
  });

  it("reports a bad config value with the config table's error, and keeps every other problem too", () => {
    const base = threeBrokerScenario();
    const error = issuesOf({ ...base, cluster: { ...base.cluster, config: { "min.insync.replicas": 0, "replica.lag.time.max.ms": "soon" } }, faults: [{ type: "crash", atMs: 999_999, broker: 7 }] });
    const paths = error.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['cluster.config["min.insync.replicas"]', 'cluster.config["replica.lag.time.max.ms"]', "faults[0].atMs", "faults[0].broker"]));
    expect(error.message).toMatch(/Invalid value 0 for configuration min.insync.replicas: Value must be at least 1/);
    expect(error.message).toMatch(/broker 7 does not exist \(brokers are 1..3\)/);
  });

  it("reports schema problems with their path and the value found", () => {
    const error = issuesOf({ version: 2, seed: -1, durationMs: "long", cluster: { brokers: 0 } });
    expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["version", "seed", "durationMs", "cluster.brokers"]));
    expect(error.issues.find((i) => i.path === "durationMs")?.value).toBe("long");
  });

  it("refuses references to topics, partitions and producer clients that do not exist", () => {
    const error = issuesOf(threeBrokerScenario({ faults: [{ type: "crash", atMs: 10, broker: "leader", topic: "nope" }, { type: "producer-acks", atMs: 10, client: "ghost", acks: "1" }] }));
    expect(error.message).toMatch(/faults\[0\]\.topic: unknown topic; declared topics: orders \(got "nope"\)/);
    expect(error.message).toMatch(/faults\[1\]\.client: no produce workload has this client name/);
  });

  it("fuzz: arbitrary JSON is either a valid scenario or a ScenarioValidationError with at least one located issue", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          parseScenario(value);
        } catch (error) {
          expect(error).toBeInstanceOf(ScenarioValidationError);
          expect((error as ScenarioValidationError).issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("fuzz: a valid scenario with one field replaced by junk is refused cleanly or still runs", () => {
    const base = threeBrokerScenario({ durationMs: 3_000 }) as Record<string, unknown>;
    const paths = ["seed", "durationMs", "cluster", "topics", "workload", "faults", "trace", "healAtMs"];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, junk) => {
        const mutated = { ...base, [path]: junk };
        try {
          runScenario(mutated, { maxEvents: 20_000 });
        } catch (error) {
          expect(error).toBeInstanceOf(ScenarioValidationError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
