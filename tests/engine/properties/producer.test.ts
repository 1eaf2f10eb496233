import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runScenario, type ScenarioInput, type TraceEvent } from "../../../engine/index.js";

/**
 * The producer's big promises (P-SEND, P-RETRY, P-IDEMP) under random response drops and
 * leader failovers: callbacks of one partition complete in send order; with idempotence on,
 * retries never store a record twice or out of order; with it off, they can, and the
 * property finds such schedules (kept below as named scenarios).
 */

const runs = (n: number) => ({ numRuns: n, seed: 20261124 });

/** The n of a record id "producer-0#n": the record's place in its producer's send order. */
const sendIndex = (id: string) => Number(id.slice(id.lastIndexOf("#") + 1));

/** Pairs of callbacks on one partition that completed out of send order. */
export function callbackOrderViolations(trace: readonly TraceEvent[]): string[] {
  const last = new Map<string, number>();
  const problems: string[] = [];
  for (const e of trace) {
    if (e.type !== "produce.acked" && e.type !== "produce.failed") continue;
    const key = `${e.client}|${e.topic}-${e.partition}`;
    for (const id of e.ids) {
      const n = sendIndex(id);
      const before = last.get(key) ?? -1;
      if (n < before) problems.push(`t=${e.t}: callback of ${id} on ${e.topic}-${e.partition} after that of record #${before}`);
      last.set(key, Math.max(before, n));
    }
  }
  return problems;
}

export interface ProducerFaultOptions {
  idempotent: boolean;
}

/**
 * A keyed producer (so each key's records share a partition) sending to a three-broker
 * cluster while the leaders drop responses (a write that is stored but whose answer is lost)
 * and crash; request.timeout.ms is short so retries happen inside the run; then everything
 * heals so the run can finish.
 */
export function producerFaultScenario(options: ProducerFaultOptions): fc.Arbitrary<ScenarioInput> {
  const time = fc.integer({ min: 200, max: 9_000 });
  const broker = fc.integer({ min: 1, max: 3 });
  const fault = fc.oneof(
    { weight: 3, arbitrary: fc.record({ type: fc.constant("drop-responses" as const), atMs: time, broker, ratio: fc.constantFrom(0.3, 0.6, 1) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("drop-responses" as const), atMs: time, broker, ratio: fc.constant(0) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("crash" as const), atMs: time, broker: fc.constant("leader" as const), topic: fc.constant("orders"), partition: fc.integer({ min: 0, max: 1 }) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("restart" as const), atMs: time, broker }) },
  );
  return fc.record({ seed: fc.integer({ min: 0, max: 0x7fffffff }), faults: fc.array(fault, { minLength: 1, maxLength: 5 }) }).map(
    ({ seed, faults }): ScenarioInput => ({
      version: 1,
      seed,
      durationMs: 40_000,
      healAtMs: 12_000,
      cluster: {
        brokers: 3,
        config: {
          "zookeeper.session.timeout.ms": 3_000,
          "replica.lag.time.max.ms": 2_000,
          "min.insync.replicas": 2,
          "replica.socket.timeout.ms": 3_000,
          "controller.socket.timeout.ms": 3_000,
        },
      },
      topics: [{ name: "orders", partitions: 2, replicationFactor: 3 }],
      workload: [
        {
          type: "producer",
          topic: "orders",
          count: 150,
          intervalMs: 40,
          keys: ["alice", "bob", "carol", "dave"],
          config: {
            "enable.idempotence": options.idempotent,
            "acks": "all",
            "max.in.flight.requests.per.connection": 5,
            "linger.ms": 5,
            "batch.size": 1_024,
            "request.timeout.ms": 1_000,
            "retry.backoff.ms": 50,
            "delivery.timeout.ms": 60_000,
          },
        },
      ],
      faults,
    }),
  );
}

/**
 * The schedules the properties below found (shrunk by fast-check), kept as named scenarios so
 * that the failure they show stays a test even if the generators change.
 */
const leaderCrashAtStart = (idempotent: boolean): ScenarioInput => ({
    ...scenarioWith(idempotent),
    seed: 0,
    faults: [
      { type: "crash", atMs: 200, broker: "leader", topic: "orders", partition: 0 },
      { type: "restart", atMs: 200, broker: 1 },
    ],
  });

/** The generator's scenario around a fixed fault list (the faults are replaced). */
function scenarioWith(idempotent: boolean): ScenarioInput {
  return fc.sample(producerFaultScenario({ idempotent }), { numRuns: 1, seed: 1 })[0];
}

describe("named scenarios the properties found", () => {
  it("Producer: duplicates: the leader of orders-0 crashes at 200 ms, idempotence off -> a retried batch is stored twice", () => {
    const { verdict } = runScenario(leaderCrashAtStart(false));
    expect(verdict.duplicated.length).toBeGreaterThan(0);
    expect(verdict.duplicated[0].explanation).toMatch(/retried/);
  });

  it("Producer: reordering: the same crash with idempotence off stores a record after one sent later", () => {
    expect(runScenario(leaderCrashAtStart(false)).verdict.reordered.length).toBeGreaterThan(0);
  });

  it("Producer: the same crash with idempotence on: no duplicate, no reordering, the broker drops the resends", () => {
    const { verdict, trace } = runScenario(leaderCrashAtStart(true));
    expect(verdict.duplicated).toEqual([]);
    expect(verdict.reordered).toEqual([]);
    expect(trace.some((e) => e.type === "produce.duplicate")).toBe(true);
  });
});

describe("producer properties under random response drops and leader failovers", () => {
  it("the schedules do make the producer retry: most idempotent runs see the broker drop a resent batch", () => {
    const samples = fc.sample(producerFaultScenario({ idempotent: true }), { numRuns: 20, seed: 7 });
    const withDuplicatesDropped = samples.filter((s) => runScenario(s).trace.some((e) => e.type === "produce.duplicate")).length;
    expect(withDuplicatesDropped).toBeGreaterThanOrEqual(5);
  });

  it("P-SEND: callbacks of one partition complete in send order (idempotent producer)", () => {
    fc.assert(
      fc.property(producerFaultScenario({ idempotent: true }), (scenario) => {
        expect(callbackOrderViolations(runScenario(scenario).trace)).toEqual([]);
      }),
      runs(60),
    );
  });

  it("P-IDEMP: with idempotence on, retries never store a record twice or out of send order", () => {
    fc.assert(
      fc.property(producerFaultScenario({ idempotent: true }), (scenario) => {
        const { verdict, stats } = runScenario(scenario);
        expect(verdict.duplicated).toEqual([]);
        expect(verdict.reordered).toEqual([]);
        return stats.recordsAcked >= 0;
      }),
      runs(120),
    );
  });

  it("P-RETRY: with idempotence off, the property finds a schedule that stores a record twice", () => {
    const result = fc.check(
      fc.property(producerFaultScenario({ idempotent: false }), (scenario) => runScenario(scenario).verdict.duplicated.length === 0),
      runs(200),
    );
    expect(result.failed).toBe(true);
    const { verdict } = runScenario(result.counterexample![0]);
    expect(verdict.duplicated[0].offsets.length).toBeGreaterThanOrEqual(2);
  });

  it("P-RETRY: with idempotence off and 5 requests in flight, the property finds a schedule that reorders records", () => {
    const result = fc.check(
      fc.property(producerFaultScenario({ idempotent: false }), (scenario) => runScenario(scenario).verdict.reordered.length === 0),
      runs(300),
    );
    expect(result.failed).toBe(true);
    expect(runScenario(result.counterexample![0]).verdict.reordered.length).toBeGreaterThan(0);
  });
});
