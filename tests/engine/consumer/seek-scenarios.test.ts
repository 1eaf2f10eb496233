import { describe, expect, it } from "vitest";
import { checkConsumption } from "../../../engine/checker/consumption.js";
import { parseScenario, runScenario, ScenarioValidationError, serializeTrace, type ScenarioInput, type TraceEvent } from "../../../engine/index.js";

/**
 * One broker, "orders" with `partitions` partitions, a producer writing 30 records to
 * partition 0 (one every 150 ms from t = 0), and a group of `consumers` consumers (each
 * processes a record in `processingMs`, 5 records per poll, starting from the earliest offset).
 */
function seekLab(options: { faults: unknown[]; processingMs?: number; commit?: string; consumers?: number; partitions?: number; durationMs?: number }): ScenarioInput {
  const consumer = (client: string) => ({
    type: "consumer",
    client,
    groupId: "billing",
    topics: ["orders"],
    processingMsPerRecord: options.processingMs ?? 50,
    commit: options.commit ?? "sync-after-processing",
    config: { "max.poll.records": 5, "auto.offset.reset": "earliest", "session.timeout.ms": 3_000, "heartbeat.interval.ms": 1_000 },
  });
  return {
    version: 1,
    seed: 7,
    durationMs: options.durationMs ?? 12_000,
    cluster: {
      brokers: 1,
      config: { "offsets.topic.num.partitions": 1, "offsets.topic.replication.factor": 1, "group.initial.rebalance.delay.ms": 0, "group.min.session.timeout.ms": 1000 },
      network: { latencyMsMin: 5, latencyMsMax: 10, dropRatio: 0 },
    },
    topics: [{ name: "orders", partitions: options.partitions ?? 1, replicationFactor: 1 }],
    workload: [
      { type: "produce", client: "producer-0", topic: "orders", partition: 0, startMs: 0, count: 30, intervalMs: 150, acks: "all" },
      ...Array.from({ length: options.consumers ?? 1 }, (_, i) => consumer(`consumer-${i}`)),
    ],
    faults: options.faults,
  } as ScenarioInput;
}

const seekAt = (atMs: number, to: unknown, extra: Record<string, unknown> = {}) => ({ type: "consumer-seek", atMs, client: "consumer-0", topic: "orders", to, ...extra });

/** How many times each offset of orders-0 was processed, in processing order. */
function processings(trace: readonly TraceEvent[]): { offset: number; t: number }[] {
  return trace.flatMap((e) => (e.type === "consumer.process" && e.partition === 0 ? [{ offset: e.offset, t: e.t }] : []));
}

function timesProcessed(trace: readonly TraceEvent[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const p of processings(trace)) counts.set(p.offset, (counts.get(p.offset) ?? 0) + 1);
  return counts;
}

const seeks = (trace: readonly TraceEvent[]) => trace.filter((e): e is Extract<TraceEvent, { type: "consumer.seek" }> => e.type === "consumer.seek" && e.reason.includes("consumer-seek"));
const skips = (trace: readonly TraceEvent[]) => trace.filter((e): e is Extract<TraceEvent, { type: "fault.skipped" }> => e.type === "fault.skipped" && e.fault === "consumer-seek");

describe("consumer-seek: the application moves its position between two polls", () => {
  it("Seek lab: seek to offset 10 after the consumer has read everything re-reads 10..29, and the checker names the seek", () => {
    const { trace } = runScenario(seekLab({ faults: [seekAt(6_000, { offset: 10 })] }));
    const [seek] = seeks(trace);
    expect(seek).toMatchObject({ client: "consumer-0", topic: "orders", partition: 0, offset: 10 });
    expect(seek.reason).toBe("seek(orders-0, 10) (consumer-seek at 6000 ms)");
    // Made at the next turn of the poll loop, not before the fault.
    expect(seek.t).toBeGreaterThanOrEqual(6_000);
    const counts = timesProcessed(trace);
    for (let offset = 0; offset < 30; offset++) expect(counts.get(offset), `offset ${offset}`).toBe(offset < 10 ? 1 : 2);
    // After the seek, processing starts again at offset 10 and goes in order.
    expect(processings(trace).filter((p) => p.t > seek.t).map((p) => p.offset)).toEqual(Array.from({ length: 20 }, (_, i) => 10 + i));

    const verdict = checkConsumption(trace);
    expect(verdict.lost).toEqual([]);
    expect(verdict.duplicated.map((d) => d.offset)).toEqual(Array.from({ length: 20 }, (_, i) => 10 + i));
    expect(verdict.duplicated.every((d) => d.cause === "reprocessed")).toBe(true);
    expect(verdict.duplicated[0].explanation).toMatch(/consumer-0 moved its position back from 30 to offset 10 at \d+ ms \(seek\(orders-0, 10\) \(consumer-seek at 6000 ms\)\), so it read the record again/);
  });

  it("Seek lab: seekToBeginning re-reads the whole partition from the log start offset", () => {
    const { trace } = runScenario(seekLab({ faults: [seekAt(6_000, "beginning")] }));
    const [seek] = seeks(trace);
    expect(seek).toMatchObject({ offset: 0, reason: "seekToBeginning(orders-0) (consumer-seek at 6000 ms): the log start offset" });
    const counts = timesProcessed(trace);
    for (let offset = 0; offset < 30; offset++) expect(counts.get(offset), `offset ${offset}`).toBe(2);
    expect(checkConsumption(trace).duplicated[0].explanation).toMatch(/moved its position back from 30 to offset 0 .*seekToBeginning/);
  });

  it("Seek lab: seekToEnd while a backlog waits skips it: the position jumps to the high watermark and the skipped records are never processed", () => {
    // 250 ms per record against one record per 150 ms: a backlog builds. Auto-commit commits the new position.
    const { trace } = runScenario(seekLab({ processingMs: 250, commit: "auto", faults: [seekAt(3_000, "end")] }));
    const [seek] = seeks(trace);
    expect(seek.reason).toBe("seekToEnd(orders-0) (consumer-seek at 3000 ms): the end of the partition (the high watermark)");
    const hw = trace.filter((e) => e.type === "replica.hw" && e.partition === 0 && e.topic === "orders" && e.t <= seek.t).pop();
    expect(hw && hw.type === "replica.hw" ? hw.hw : null).toBe(seek.offset);
    // The position before the seek: just past the last batch poll() returned.
    const lastPoll = trace.filter((e) => e.type === "consumer.poll" && e.client === "consumer-0" && e.t <= seek.t).pop();
    const from = lastPoll && lastPoll.type === "consumer.poll" ? lastPoll.ranges[0].toOffset + 1 : -1;
    expect(seek.offset - from).toBeGreaterThan(3);
    // After the seek, nothing below the new position is processed: the backlog from..end-1 is skipped for good.
    expect(processings(trace).filter((p) => p.t > seek.t).every((p) => p.offset >= seek.offset)).toBe(true);
    const counts = timesProcessed(trace);
    const skipped = Array.from({ length: seek.offset - from }, (_, i) => from + i);
    expect(skipped.filter((o) => counts.has(o))).toEqual([]);
    const verdict = checkConsumption(trace);
    expect(verdict.lost.map((l) => l.offset)).toEqual(skipped);
    expect(verdict.lost[0].explanation).toMatch(new RegExp(`consumer-0 had moved its position over it, from ${from} to ${seek.offset} at ${seek.t} ms \\(seekToEnd\\(orders-0\\)`));
  });

  it("Seek lab: a seek by timestamp lands on the first record whose timestamp is at or after it (offsetsForTimes, then seek)", () => {
    const targetMs = 1_500;
    const { trace } = runScenario(seekLab({ faults: [seekAt(6_000, { timestamp: targetMs })] }));
    // Each record's timestamp is the time its producer sent it.
    const sentAt = new Map<string, number>();
    for (const e of trace) if (e.type === "produce.sent") for (const id of e.ids) sentAt.set(id, e.t);
    const offsets: { offset: number; timestamp: number }[] = [];
    for (const e of trace) if (e.type === "replica.append" && e.partition === 0) e.ids.forEach((id, i) => offsets.push({ offset: e.baseOffset + i, timestamp: sentAt.get(id)! }));
    const expected = offsets.find((r) => r.timestamp >= targetMs)!;
    expect(expected.offset).toBeGreaterThan(0);
    const [seek] = seeks(trace);
    expect(seek.offset).toBe(expected.offset);
    expect(seek.reason).toBe(`offsetsForTimes(orders-0, ${targetMs} ms) = offset ${expected.offset} (record timestamp ${expected.timestamp} ms), then seek() (consumer-seek at 6000 ms)`);
    expect(timesProcessed(trace).get(expected.offset)).toBe(2);
    expect(timesProcessed(trace).get(expected.offset - 1)).toBe(1);
  });

  it("Seek lab: a timestamp after the last record finds nothing (Kafka returns null): the position stays and the run says so", () => {
    const { trace } = runScenario(seekLab({ faults: [seekAt(6_000, { timestamp: 99_000 })] }));
    expect(seeks(trace)).toEqual([]);
    expect(skips(trace)[0].reason).toBe("offsetsForTimes found no record of orders-0 with a timestamp at or after 99000 ms (Kafka answers null), so its position was not moved (consumer-seek at 6000 ms)");
    expect(checkConsumption(trace).duplicated).toEqual([]);
  });

  it("Seek lab, two consumers: seeking a partition another member holds is refused with Kafka's IllegalStateException, and nothing moves", () => {
    const { trace } = runScenario(seekLab({ consumers: 2, partitions: 2, faults: [seekAt(6_000, { offset: 0 }, { partition: 1 })] }));
    const assigned = trace.filter((e) => e.type === "consumer.assigned" && e.client === "consumer-0").pop();
    expect(assigned && assigned.type === "consumer.assigned" ? assigned.partitions : null).toEqual(["orders-0"]);
    expect(seeks(trace)).toEqual([]);
    expect(skips(trace)[0].reason).toMatch(/^IllegalStateException: No current assignment for partition orders-1\. consumer-0 holds orders-0 at \d+ ms, so orders-1 was not moved \(consumer-seek at 6000 ms\)$/);
  });

  it("Seek lab: a seek before the consumer has joined its group finds no partition to seek", () => {
    const { trace } = runScenario(seekLab({ faults: [seekAt(0, "beginning")] }));
    expect(skips(trace)[0].reason).toBe("consumer-0 holds no partition of orders at 0 ms (not assigned yet, or taken away by a rebalance), so there is nothing to seek (consumer-seek at 0 ms)");
    expect(timesProcessed(trace).get(0)).toBe(1);
  });

  it("Seek lab: a seek on a crashed consumer is skipped, and one still queued when it crashes is reported", () => {
    const crashed = runScenario(seekLab({ faults: [{ type: "consumer-crash", atMs: 2_000, client: "consumer-0" }, seekAt(3_000, { offset: 0 })] }));
    expect(crashed.trace.find((e) => e.type === "fault.skipped")).toMatchObject({ fault: "consumer-seek", reason: "consumer-0 is not running, so it holds no position to move" });
    // The seek and the crash at the same step of the loop: the crash comes first.
    const queued = runScenario(seekLab({ processingMs: 250, faults: [seekAt(3_000, { offset: 0 }), { type: "consumer-crash", atMs: 3_000, client: "consumer-0", at: "after-processing" }] }));
    expect(skips(queued.trace)[0].reason).toBe("consumer-0 crashed before its poll loop reached the seek asked for at 3000 ms");
    expect(seeks(queued.trace)).toEqual([]);
  });

  it("same scenario, same trace, seeks included", () => {
    const scenario = seekLab({ faults: [seekAt(6_000, { timestamp: 1_500 }), seekAt(8_000, "end")] });
    expect(serializeTrace(runScenario(scenario).trace)).toBe(serializeTrace(runScenario(scenario).trace));
  });
});

describe("consumer-seek validation names the field, the value and what is allowed", () => {
  const issuesOf = (fault: unknown, extra: Parameters<typeof seekLab>[0] = { faults: [] }) => {
    try {
      parseScenario(seekLab({ ...extra, faults: [fault] }));
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioValidationError);
      return (error as ScenarioValidationError).issues;
    }
    return [];
  };

  it("an unknown target", () => {
    expect(issuesOf(seekAt(1_000, "start"))).toEqual([{ path: "faults[0].to", message: 'allowed: "beginning", "end", { "offset": n } or { "timestamp": ms }, with n and ms whole numbers >= 0', value: "start" }]);
    expect(issuesOf(seekAt(1_000, { offset: 3, timestamp: 5 }))[0]).toMatchObject({ path: "faults[0].to" });
  });

  it("a negative offset", () => {
    expect(issuesOf(seekAt(1_000, { offset: -1 }))).toEqual([{ path: "faults[0].to.offset", message: "a seek offset must be >= 0", value: -1 }]);
  });

  it("an unknown topic, a partition that does not exist, a topic the consumer never reads, a client that is not a consumer", () => {
    expect(issuesOf(seekAt(1_000, "end", { topic: "payments" }))).toEqual([{ path: "faults[0].topic", message: "unknown topic; declared topics: orders", value: "payments" }]);
    expect(issuesOf(seekAt(1_000, "end", { partition: 4 }), { faults: [], partitions: 2 })).toEqual([{ path: "faults[0].partition", message: 'topic "orders" has partitions 0..1', value: 4 }]);
    const scenario = seekLab({ faults: [seekAt(1_000, "end", { topic: "payments" })] }) as { topics: unknown[] };
    scenario.topics.push({ name: "payments", partitions: 1, replicationFactor: 1 });
    expect(() => parseScenario(scenario)).toThrow(/faults\[0\]\.topic: consumer-0 never reads this topic, so it can hold none of its partitions; it reads: orders \(got "payments"\)/);
    expect(issuesOf(seekAt(1_000, "end", { client: "producer-0" }))[0]).toMatchObject({ path: "faults[0].client", value: "producer-0" });
  });
});
