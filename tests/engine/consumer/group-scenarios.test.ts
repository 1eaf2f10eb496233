import { describe, expect, it } from "vitest";
import { runScenario, type ScenarioInput, type TraceEvent } from "../../../engine/index.js";

const RANGE = "org.apache.kafka.clients.consumer.RangeAssignor";

/**
 * Three instances of one application in group "orders-app" share six partitions of "orders" while
 * one keyless producer writes ten records a second (the rebalance widget's setting).
 */
function threeConsumersSixPartitions(options: { seed?: number; durationMs?: number; faults?: ScenarioInput["faults"]; strategy?: string } = {}): ScenarioInput {
  const durationMs = options.durationMs ?? 30_000;
  return {
    version: 1,
    seed: options.seed ?? 11,
    durationMs,
    cluster: { brokers: 3, config: { "offsets.topic.num.partitions": 1, "offsets.topic.replication.factor": 1 } },
    topics: [{ name: "orders", partitions: 6, replicationFactor: 1 }],
    workload: [
      { type: "produce", client: "producer-0", topic: "orders", count: durationMs / 100, intervalMs: 100 },
      ...[0, 1, 2].map((i) => ({
        type: "consumer" as const,
        client: `consumer-${i}`,
        groupId: "orders-app",
        topics: ["orders"],
        startMs: i * 1_100,
        processingMsPerRecord: 20,
        config: { "partition.assignment.strategy": options.strategy ?? RANGE, "session.timeout.ms": 10_000, "heartbeat.interval.ms": 3_000, "max.poll.interval.ms": 10_000, "auto.offset.reset": "earliest" },
      })),
    ],
    faults: options.faults ?? [],
  };
}

/** Each consumer's partitions in its last consumer.assigned event. */
function lastAssignment(trace: readonly TraceEvent[]): Map<string, string[]> {
  const assigned = new Map<string, string[]>();
  for (const e of trace) if (e.type === "consumer.assigned") assigned.set(e.client, [...e.partitions].sort());
  return assigned;
}

/** The partitions each consumer processed records of after time `fromMs`. */
function processedPartitions(trace: readonly TraceEvent[], fromMs: number): Map<string, string[]> {
  const seen = new Map<string, Set<string>>();
  for (const e of trace) {
    if (e.type !== "consumer.process" || e.t < fromMs) continue;
    let set = seen.get(e.client);
    if (!set) seen.set(e.client, (set = new Set()));
    set.add(`${e.topic}-${e.partition}`);
  }
  return new Map([...seen].map(([client, set]) => [client, [...set].sort()]));
}

describe("consumer groups in scenarios: every member reads", () => {
  it("Group: 3 consumers, 6 partitions, a steady keyless producer: every consumer processes records of exactly its assigned partitions", () => {
    const { trace } = runScenario(threeConsumersSixPartitions());
    const assigned = lastAssignment(trace);
    expect([...assigned.keys()].sort()).toEqual(["consumer-0", "consumer-1", "consumer-2"]);
    expect(new Set([...assigned.values()].flat()).size).toBe(6);
    // The last rebalance is over well before 20 s; from then on each member reads its own partitions, all of them.
    const lastAssignedAt = Math.max(...trace.filter((e) => e.type === "consumer.assigned").map((e) => e.t));
    expect(lastAssignedAt).toBeLessThan(15_000);
    const processed = processedPartitions(trace, lastAssignedAt + 1);
    for (const [client, partitions] of assigned) expect(processed.get(client), client).toEqual(partitions);
  });

  it("Group: the keyless producer spreads its records over all six partitions", () => {
    const { trace } = runScenario(threeConsumersSixPartitions({ durationMs: 6_000 }));
    const partitions = new Set(trace.flatMap((e) => (e.type === "produce.acked" ? [e.partition] : [])));
    expect([...partitions].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("Group: a member that joins later (consumer-join) gets partitions and processes their records", () => {
    const scenario = threeConsumersSixPartitions({ faults: [{ type: "consumer-leave", atMs: 12_000, client: "consumer-1" }, { type: "consumer-join", atMs: 16_000, client: "consumer-1" }] });
    const { trace } = runScenario(scenario);
    const assigned = lastAssignment(trace);
    const rejoinedAt = Math.max(...trace.filter((e) => e.type === "consumer.assigned").map((e) => e.t));
    expect(rejoinedAt).toBeGreaterThan(16_000);
    expect(assigned.get("consumer-1")!.length).toBe(2);
    const processed = processedPartitions(trace, rejoinedAt + 1);
    for (const [client, partitions] of assigned) expect(processed.get(client), client).toEqual(partitions);
  });

  it("Group: member ids are the client id and a well-formed version 4 UUID, the same for the same seed", () => {
    const ids = (seed: number) => [...new Set(runScenario(threeConsumersSixPartitions({ seed, durationMs: 10_000 })).trace.flatMap((e) => (e.type === "consumer.join" ? [e.member] : [])))];
    for (const seed of [1, 2, 3, 11, 42]) {
      const members = ids(seed);
      expect(members.length).toBeGreaterThanOrEqual(3);
      for (const id of members) expect(id).toMatch(/^consumer-[0-2]-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(ids(11)).toEqual(ids(11));
    expect(ids(11)).not.toEqual(ids(12));
  });
});

describe("a clean leave (consumer-leave) waits for the batch in hand", () => {
  it("a member that leaves mid-batch finishes its batch before close() commits, so nothing it was handed is skipped", async () => {
    const { presets } = await import("../../../widgets/rebalance/presets.js");
    const { runScenario, checkConsumption } = await import("../../../engine/index.js");
    const verdict = checkConsumption(runScenario(presets.cooperative.scenario).trace);
    expect(verdict.lost).toEqual([]);
  });
});
