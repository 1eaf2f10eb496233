import { describe, expect, test } from "vitest";
import { runScenario, type RunResult, type ScenarioInput } from "../../../engine/index";
import { setAtPath } from "../../../widgets/kit/fork";
import { describePipeline } from "../../../widgets/producer-pipeline/describe";
import { foldPipeline, type BatchMark, type PipelineView } from "../../../widgets/producer-pipeline/fold";
import { presets } from "../../../widgets/producer-pipeline/presets";
import { sendFault, withKeys } from "../../../widgets/producer-pipeline/controls";
import { isNoisy, narrate } from "../../../widgets/kit/narrate";

/**
 * The producer-pipeline widget folds real runs of the engine's KafkaProducer: what a reader
 * sees in the accumulator, the buffer pool and the in-flight queues at any time t.
 */

const run = (scenario: ScenarioInput): RunResult => runScenario(scenario);
const withConfig = (scenario: ScenarioInput, key: string, value: string | number): ScenarioInput => setAtPath(scenario, ["workload", 0, "config", key], value);

/** Every distinct event time of the run, with the view there. */
function views(result: RunResult): PipelineView[] {
  const times = [...new Set(result.trace.map((e) => e.t))];
  return times.map((t) => foldPipeline(result.trace, t, result.scenario));
}

/** Every batch the run ever showed, by id, in its last state seen. */
function allBatches(result: RunResult): Map<string, BatchMark> {
  const seen = new Map<string, BatchMark>();
  for (const view of views(result)) {
    for (const row of view.partitions) for (const b of [...row.deque, ...row.done]) seen.set(b.id, b);
    for (const broker of view.brokers) for (const r of broker.inFlight) for (const b of r.batches) seen.set(b.id, b);
  }
  return seen;
}

const lastEventTime = (result: RunResult, predicate: (e: RunResult["trace"][number]) => boolean): number => {
  const hit = result.trace.filter(predicate);
  if (hit.length === 0) throw new Error("no such event in the run");
  return hit[hit.length - 1].t;
};

describe("producer-pipeline: the default scene (P-PIPELINE, P-ACCUM, P-SENDER)", () => {
  const result = run(presets.default.scenario);
  const batchSize = 1024;

  test("P-PIPELINE: the first record waits for metadata; the next ones are serialized, partitioned by key and appended at once", () => {
    const waiting = result.trace.find((e) => e.type === "producer.record" && e.stage === "wait-metadata")!;
    const first = foldPipeline(result.trace, waiting.t, result.scenario);
    expect(first.current).toMatchObject({ stage: "wait-metadata", passed: ["send", "wait-metadata"], partition: -1 });
    expect(first.current?.record).toMatchObject({ id: "producer-0#0", key: "alice" });
    // producer-0#3 (carol) is the only record sent at its time: the stage shows it alone.
    const append = result.trace.find((e) => e.type === "producer.record" && e.id === "producer-0#3" && e.stage === "append")!;
    expect(result.trace.filter((e) => e.type === "producer.record" && e.t === append.t).every((e) => e.type === "producer.record" && e.id === "producer-0#3")).toBe(true);
    const view = foldPipeline(result.trace, append.t, result.scenario);
    expect(view.current).toMatchObject({ stage: "append", passed: ["send", "serialize", "partition", "append"], partition: 2 });
    expect(view.current?.record.key).toBe("carol");
    expect(view.partitions[2].deque[0].records.map((r) => r.key)).toEqual(["carol"]);
  });

  test("P-ACCUM: batches fill up to batch.size and no further: a batch sent as full could not take one more record", () => {
    const full = result.trace.filter((e) => e.type === "producer.batch" && e.state === "in-flight" && e.reason === "batch full");
    expect(full.length).toBeGreaterThan(0);
    for (const e of full) {
      if (e.type !== "producer.batch") continue;
      expect(e.bytes).toBeLessThanOrEqual(batchSize);
      // The smallest record of this scene is over 200 bytes.
      expect(e.bytes + 200).toBeGreaterThan(batchSize);
      expect(e.count).toBe(4);
    }
    // The moment a batch fills, it is closed (ready) and a new open batch takes the next record.
    const fullAt = result.trace.find((e) => e.type === "producer.batch" && e.state === "ready");
    if (!fullAt || fullAt.type !== "producer.batch") throw new Error("no batch became ready");
    const view = foldPipeline(result.trace, fullAt.t, result.scenario);
    const placed = [...view.partitions[fullAt.partition].deque, ...view.brokers.flatMap((b) => b.inFlight.flatMap((r) => r.batches))].find((b) => b.id === fullAt.batch)!;
    expect(placed.records.length).toBe(4);
    expect(placed.bytes).toBe(fullAt.bytes);
    expect(view.partitions[fullAt.partition].deque.some((b) => b.state === "open" && b.records.length === 1)).toBe(true);
  });

  test("P-ACCUM: a batch that does not fill waits linger.ms, its clock running down, then is sent", () => {
    const lingered = result.trace.find((e) => e.type === "producer.batch" && e.state === "in-flight" && e.reason.startsWith("linger.ms"));
    if (!lingered || lingered.type !== "producer.batch") throw new Error("no batch lingered out");
    const opened = result.trace.find((e) => e.type === "producer.batch" && e.batch === lingered.batch && e.state === "open")!;
    expect(lingered.t - opened.t).toBeGreaterThanOrEqual(400);
    const before = foldPipeline(result.trace, opened.t + 100, result.scenario);
    const waiting = before.partitions[lingered.partition].deque.find((b) => b.id === lingered.batch)!;
    expect(waiting.state).toBe("open");
    expect(waiting.lingerLeftMs).toBe(300);
    expect(waiting.bytes).toBeLessThan(batchSize);
    const after = foldPipeline(result.trace, lingered.t, result.scenario);
    expect(after.partitions[lingered.partition].deque.map((b) => b.id)).not.toContain(lingered.batch);
  });

  test("P-SENDER: a drained batch sits in its leader's in-flight queue until acknowledged, then leaves an 'acked at offset' note", () => {
    const request = result.trace.find((e) => e.type === "producer.request" && e.phase === "sent");
    if (!request || request.type !== "producer.request") throw new Error("no request");
    const flying = foldPipeline(result.trace, request.t, result.scenario);
    const broker = flying.brokers.find((b) => b.broker === request.to)!;
    expect(broker.inFlight.map((r) => r.batches.map((b) => b.id))).toContainEqual(request.batches);
    expect(broker.leaderOf.length).toBeGreaterThan(0);
    const done = result.trace.find((e) => e.type === "producer.request" && e.phase === "completed" && e.request === request.request)!;
    const after = foldPipeline(result.trace, done.t, result.scenario);
    expect(after.brokers.find((b) => b.broker === request.to)!.inFlight.map((r) => r.id)).not.toContain(`r${request.request}`);
    const batch = after.partitions.flatMap((p) => p.done).find((b) => b.id === request.batches[0])!;
    expect(batch.state).toBe("acknowledged");
    expect(batch.baseOffset).toBe(0);
    expect(describePipeline(after)).toMatch(/acked at offset 0 \(\d records\)/);
  });

  test("the in-flight queues never hold more than max.in.flight.requests.per.connection, and a batch is never in two places", () => {
    for (const view of views(result)) {
      const placed: string[] = [];
      for (const broker of view.brokers) {
        expect(broker.inFlight.length).toBeLessThanOrEqual(view.settings.maxInFlight);
        for (const r of broker.inFlight) placed.push(...r.batches.map((b) => b.id));
      }
      for (const row of view.partitions) placed.push(...row.deque.map((b) => b.id));
      expect(new Set(placed).size).toBe(placed.length);
    }
  });

  test("the buffer pool gauge follows BufferPool: used plus free is buffer.memory, and everything is returned at the end", () => {
    for (const view of views(result)) expect(view.buffer.usedBytes + view.buffer.availableBytes).toBe(16384);
    const end = foldPipeline(result.trace, result.scenario.durationMs, result.scenario);
    expect(end.counts.acknowledged).toBe(36);
    expect(end.counts.failed).toBe(0);
    expect(end.partitions.every((p) => p.deque.length === 0)).toBe(true);
  });

  test("folding is pure: the same trace and time give the same view", () => {
    expect(foldPipeline(result.trace, 1_100, result.scenario)).toEqual(foldPipeline(result.trace, 1_100, result.scenario));
  });

  test("describe says what is drawn: each partition's deque, the buffer pool and each broker's in-flight requests", () => {
    const text = describePipeline(foldPipeline(result.trace, presets.default.startMs, result.scenario));
    expect(text).toContain("producer-0 sends keyed records to orders with acks=all, batch.size 1024 bytes, linger.ms 400");
    expect(text).toMatch(/orders-0 → broker 1: /);
    expect(text).toMatch(/Buffer pool: [\d,]+ B of 16 KB used/);
    expect(text).toMatch(/Broker 1: \d of 5 requests in flight/);
  });
});

describe("producer-pipeline: interceptors and serializers (P-INTERCEPT, P-SERDE)", () => {
  test("P-INTERCEPT: with interceptor.classes the record passes the interceptors before the serializer; without, the station is idle", () => {
    const plain = foldPipeline(run(presets.default.scenario).trace, 1_100, run(presets.default.scenario).scenario);
    expect(plain.interceptors).toEqual([]);
    expect(plain.current?.passed).not.toContain("interceptor");
    const scenario = setAtPath(presets.default.scenario, ["workload", 0, "interceptors"], ["count"]);
    const result = run(scenario);
    const view = foldPipeline(result.trace, 1_100, result.scenario);
    expect(view.interceptors).toEqual(["count"]);
    expect(view.current?.passed.slice(0, 3)).toEqual(["send", "interceptor", "serialize"]);
  });

  test("P-SERDE: the serializer gives the record its size in bytes, and appending it grows its batch by the record's bytes", () => {
    const result = run(presets.default.scenario);
    const index = result.trace.findIndex((e) => e.type === "producer.record" && e.stage === "append" && !e.detail.includes("new batch"));
    const append = result.trace[index];
    if (append.type !== "producer.record") throw new Error("not an append");
    const before = foldPipeline(result.trace.slice(0, index), append.t, result.scenario);
    const after = foldPipeline(result.trace.slice(0, index + 1), append.t, result.scenario);
    expect(before.current).toMatchObject({ stage: "partition", record: { id: append.id } });
    expect(before.current!.bytes).toBeGreaterThan(200);
    const batchBefore = before.partitions[append.partition].deque.find((b) => b.state === "open")!;
    const batchAfter = after.partitions[append.partition].deque.find((b) => b.id === batchBefore.id)!;
    expect(batchAfter.records.length).toBe(batchBefore.records.length + 1);
    expect(batchAfter.bytes).toBe(batchBefore.bytes + append.bytes!);
  });
});

describe("producer-pipeline: the event log narrates the producer in plain words", () => {
  test("every producer event of a run has a sentence with every placeholder filled; per-record steps are kept out of the story", () => {
    const result = run(presets["buffer-full"].scenario);
    const producerEvents = result.trace.filter((e) => e.type.startsWith("producer."));
    const types = new Set(producerEvents.map((e) => e.type));
    for (const type of ["producer.created", "producer.record", "producer.batch", "producer.buffer", "producer.request", "producer.init-id"] as const) expect(types).toContain(type);
    for (const event of producerEvents) {
      const text = narrate(event);
      expect(text, JSON.stringify(event)).toBeTruthy();
      expect(text).not.toMatch(/\{\w+\}/);
    }
    const blocked = producerEvents.find((e) => e.type === "producer.record" && e.stage === "blocked")!;
    expect(narrate(blocked)).toMatch(/^send\(\) of producer-0#\d+ blocked: waiting up to 150 ms for buffer.memory/);
    expect(isNoisy(blocked)).toBe(true);
    expect(isNoisy(producerEvents.find((e) => e.type === "producer.batch")!)).toBe(false);
  });
});

describe("producer-pipeline: buffer.memory full (P-ACCUM, max.block.ms)", () => {
  const result = run(presets["buffer-full"].scenario);

  test("send() blocks while the buffer pool is exhausted, and the gauge says how many wait", () => {
    const blocked = views(result).filter((v) => v.buffer.waiting > 0);
    expect(blocked.length).toBeGreaterThan(0);
    const view = blocked[0];
    expect(view.buffer.availableBytes).toBeLessThan(1024);
    expect(describePipeline(view)).toMatch(/send\(\) blocked with \d+ waiting/);
    expect(result.trace.some((e) => e.type === "producer.record" && e.stage === "blocked")).toBe(true);
  });

  test("sends still blocked after max.block.ms fail with a TimeoutException; the others are acknowledged", () => {
    const end = foldPipeline(result.trace, result.scenario.durationMs, result.scenario);
    expect(end.counts.timeouts).toBeGreaterThan(0);
    expect(end.counts.failed).toBe(end.counts.timeouts);
    expect(end.counts.acknowledged).toBeGreaterThan(0);
    expect(end.counts.acknowledged + end.counts.failed).toBe(40);
    // BufferExhaustedException is Kafka's TimeoutException for a buffer that stayed full.
    expect(end.lastFailure?.error).toBe("BufferExhaustedException");
    expect(describePipeline(end)).toMatch(/\(\d+ TimeoutException\)/);
  });
});

describe("producer-pipeline: knobs change the picture", () => {
  const base = presets.default.scenario;
  const maxRecordsPerBatch = (scenario: ScenarioInput): number => Math.max(...[...allBatches(run(scenario)).values()].map((b) => b.count));

  test("a bigger batch.size holds more records per batch", () => {
    expect(maxRecordsPerBatch(withConfig(base, "batch.size", 2048))).toBeGreaterThan(maxRecordsPerBatch(base));
  });

  test("linger.ms = 0 sends records almost one by one", () => {
    expect(maxRecordsPerBatch(withConfig(base, "linger.ms", 0))).toBeLessThan(maxRecordsPerBatch(base));
  });

  test("max.in.flight.requests.per.connection = 1 keeps at most one request per broker", () => {
    const result = run(withConfig(withConfig(base, "max.in.flight.requests.per.connection", 1), "linger.ms", 0));
    const all = views(result);
    expect(all.every((v) => v.brokers.every((b) => b.inFlight.length <= 1))).toBe(true);
    expect(all.some((v) => v.settings.maxInFlight === 1)).toBe(true);
  });

  test("P-ACKS: with acks=0 batches complete without an offset", () => {
    const result = run(withConfig(base, "acks", "0"));
    const end = foldPipeline(result.trace, result.scenario.durationMs, result.scenario);
    const done = end.partitions.flatMap((p) => p.done);
    expect(done.length).toBeGreaterThan(0);
    expect(done.every((b) => b.state === "acknowledged" && b.baseOffset === null)).toBe(true);
    expect(describePipeline(end)).toContain("no offset (acks=0)");
  });

  test("a smaller buffer.memory shows a fuller gauge", () => {
    const peak = (scenario: ScenarioInput) => Math.max(...views(run(scenario)).map((v) => v.buffer.usedBytes / v.buffer.totalBytes));
    expect(peak(withConfig(base, "buffer.memory", 4096))).toBeGreaterThan(peak(base));
  });

  test("keyless records: the choice is the scenario's, and the view says so", () => {
    const result = run(withKeys(base, false));
    const end = foldPipeline(result.trace, result.scenario.durationMs, result.scenario);
    expect(end.keyed).toBe(false);
    expect(describePipeline(end)).toContain("sends keyless records");
    expect(end.counts.acknowledged).toBe(36);
  });
});

describe("producer-pipeline: send actions", () => {
  test("'Send 10 records' at t adds ten keyed records with the next key in turn, all to that key's partition", () => {
    const result = run(presets.default.scenario);
    const view = foldPipeline(result.trace, 3_000, result.scenario);
    const fault = sendFault(3_000, view, 10);
    expect(fault).toMatchObject({ type: "producer-send", atMs: 3_000, client: "producer-0", count: 10, key: "alice", intervalMs: 0 });
    const next = run({ ...presets.default.scenario, faults: [fault] });
    const end = foldPipeline(next.trace, next.scenario.durationMs, next.scenario);
    expect(end.counts.sent).toBe(46);
    expect(end.manualSends).toBe(1);
    const late = next.trace.filter((e) => e.type === "producer.record" && e.stage === "append" && e.t >= 3_000);
    expect(late).toHaveLength(10);
    expect(late.every((e) => e.type === "producer.record" && e.key === "alice" && e.partition === 0)).toBe(true);
    // The next press takes the next key.
    expect(sendFault(3_100, end, 1)).toMatchObject({ key: "dave" });
  });
});
