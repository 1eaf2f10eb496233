import { describe, expect, test } from "vitest";
import { runScenario, type ScenarioInput } from "../../../engine/index";
import { checkGoal, goals } from "../../../widgets/exercises/goals";
import { MAX_P99_LATENCY_MS, TARGET_RECORDS_PER_SECOND, acknowledgedRecords, recordsToSend, retriedBatches } from "../../../widgets/exercises/producer-goals";
import { setAtPath } from "../../../widgets/kit/fork";
import { checkKnobValue, knobKind, knobDef, knobValueAt } from "../../../widgets/kit/knobs";
import { idempotenceKnob, pipelineKnobs } from "../../../widgets/producer-pipeline/controls";
import { describePipeline } from "../../../widgets/producer-pipeline/describe";
import { foldPipeline } from "../../../widgets/producer-pipeline/fold";
import { presetNamed, presets } from "../../../widgets/producer-pipeline/presets";

/**
 * The producer chapter's exercises: each has a check, a failing preset (the figure as the
 * reader finds it) and a passing solution written as "the preset plus the knobs the reader
 * turned" in the producer-pipeline figure above the exercise.
 */

/** The preset with these producer configs set, as the pipeline's knobs write them. */
function withConfig(scenario: ScenarioInput, config: Record<string, string | number | boolean>): ScenarioInput {
  return Object.entries(config).reduce((s, [key, value]) => setAtPath(s, ["workload", 0, "config", key], value), scenario);
}

/** A message in plain words: a sentence, no i18n key, no unfilled {placeholder}, no "undefined". */
function expectPlainWords(message: string): void {
  expect(message).toMatch(/^[A-Z0-9].*[.)]$/);
  expect(message).not.toMatch(/producerGoal\.|\{[a-z]+\}|undefined|NaN|\[object/);
}

const overload = presets.overload.scenario;
const flaky = presets["flaky-network"].scenario;

describe("producer exercises are registered", () => {
  test("the three producer.* ids have checks", () => {
    expect(Object.keys(goals).filter((id) => id.startsWith("producer.")).sort()).toEqual(["producer.keep-order-with-retries", "producer.never-fail-a-send", "producer.throughput-within-latency"]);
  });
});

describe("producer.keep-order-with-retries (P-RETRY, P-IDEMPOTENCE)", () => {
  const check = goals["producer.keep-order-with-retries"];

  test("the flaky-network preset fails: with idempotence off and five requests in flight, a retried batch lands behind newer records", () => {
    const result = runScenario(flaky);
    expect(result.verdict.reordered.length).toBeGreaterThan(0);
    const outcome = check(result);
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toMatch(/^\d+ record\(s\) landed out of send order after \d+ retried batch\(es\), for example: producer-0#\d+ was sent before producer-0#\d+ but stored after it/);
    expectPlainWords(outcome.message);
  });

  test("enable.idempotence=true passes: the leader refuses the early batch, and every record is stored once, in order", () => {
    const result = runScenario(withConfig(flaky, { "enable.idempotence": true }));
    expect(retriedBatches(result.trace)).toBeGreaterThan(0);
    const outcome = check(result);
    expect(outcome).toMatchObject({ passed: true, message: expect.stringMatching(/^Done: all 36 records are stored in send order in every partition, and each exactly once.*OUT_OF_ORDER_SEQUENCE_NUMBER/) });
    expectPlainWords(outcome.message);
  });

  test("max.in.flight.requests.per.connection=1 passes too: nothing can overtake the lost batch", () => {
    const outcome = check(runScenario(withConfig(flaky, { "max.in.flight.requests.per.connection": 1 })));
    expect(outcome).toMatchObject({ passed: true, message: expect.stringMatching(/one request at a time per broker/) });
  });

  test("idempotence keeps order whatever linger.ms the reader picks on the way", () => {
    for (const linger of [0, 100, 400]) {
      expect(check(runScenario(withConfig(flaky, { "enable.idempotence": true, "linger.ms": linger }))).passed).toBe(true);
    }
  });

  test("a run without the cut is told nothing was retried, so the goal cannot be met by avoiding the fault", () => {
    const outcome = check(runScenario({ ...flaky, faults: [] }));
    expect(outcome).toMatchObject({ passed: false, message: expect.stringMatching(/^No batch was retried/) });
    expectPlainWords(outcome.message);
  });

  test("retries=0 keeps the order only by failing the lost batch, and is told so", () => {
    const outcome = check(runScenario(withConfig(flaky, { retries: 0 })));
    expect(outcome).toMatchObject({ passed: false, message: expect.stringMatching(/retries is 0: the lost batch failed instead \(\d+ records\)/) });
  });
});

describe("producer.never-fail-a-send (P-BUFFER)", () => {
  const check = goals["producer.never-fail-a-send"];

  test("the overload preset fails: sends still blocked after max.block.ms throw the buffer's TimeoutException", () => {
    const outcome = check(runScenario(overload));
    expect(outcome).toMatchObject({ passed: false, message: expect.stringMatching(/^\d+ of 120 send\(\) calls failed with a TimeoutException \(BufferExhaustedException\): they waited max\.block\.ms \(150 ms\)/) });
    expectPlainWords(outcome.message);
  });

  test("more buffer.memory passes: every record is acknowledged, and the message says how often send() still blocked", () => {
    const outcome = check(runScenario(withConfig(overload, { "buffer.memory": 16_384 })));
    expect(outcome).toMatchObject({ passed: true, message: expect.stringMatching(/^Done: all 120 records acknowledged and no send\(\) failed\. send\(\) still blocked for \d+ of them/) });
    expectPlainWords(outcome.message);
  });

  test("a buffer that holds the whole burst never blocks at all", () => {
    expect(check(runScenario(withConfig(overload, { "buffer.memory": 32_768 })))).toMatchObject({ passed: true, message: expect.stringMatching(/never even had to wait/) });
  });

  test("linger.ms=0 alone stops the timeouts but leaves the application stuck in send() when the run ends", () => {
    const outcome = check(runScenario(withConfig(overload, { "linger.ms": 0 })));
    expect(outcome).toMatchObject({ passed: false, message: expect.stringMatching(/^No send\(\) failed, but only \d+ of 120 records were acknowledged/) });
  });
});

describe("producer.throughput-within-latency (P-BATCH, P-SENDER)", () => {
  const check = goals["producer.throughput-within-latency"];

  test("the overload preset fails: records fail in send() before throughput even counts", () => {
    const outcome = check(runScenario(overload));
    expect(outcome).toMatchObject({ passed: false, message: expect.stringMatching(/^\d+ of 120 records failed \(\d+ × BufferExhaustedException\)/) });
    expectPlainWords(outcome.message);
  });

  test("a bigger buffer alone lets every record through but queues them: too slow and too late", () => {
    const result = runScenario(withConfig(overload, { "buffer.memory": 16_384 }));
    expect(result.stats.producer.ackedPerSecond).toBeLessThan(TARGET_RECORDS_PER_SECOND);
    expect(result.stats.producer.latencyP99Ms).toBeGreaterThan(MAX_P99_LATENCY_MS);
    const outcome = check(result);
    expect(outcome).toMatchObject({ passed: false, message: expect.stringMatching(/^\d+ records a second were acknowledged, with a p99 latency of \d+ ms\. The goal is at least 120 a second and at most 300 ms\./) });
    expectPlainWords(outcome.message);
  });

  test("five requests in flight without cutting linger.ms is still too slow at the tail", () => {
    const outcome = check(runScenario(withConfig(overload, { "buffer.memory": 16_384, "max.in.flight.requests.per.connection": 5 })));
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toMatch(/p99 latency of \d+ ms/);
  });

  test("buffer room, linger.ms=0 and five requests in flight pass", () => {
    const result = runScenario(withConfig(overload, { "buffer.memory": 16_384, "linger.ms": 0, "max.in.flight.requests.per.connection": 5 }));
    expect(acknowledgedRecords(result.trace)).toBe(recordsToSend(result));
    const outcome = check(result);
    expect(outcome).toMatchObject({ passed: true, message: expect.stringMatching(/^Done: \d+ records a second acknowledged with acks=all, a p99 latency of \d+ ms \(median \d+ ms\), all 120 records/) });
    expectPlainWords(outcome.message);
  });

  test("bigger batches with linger.ms=0 pass as well, with one request at a time", () => {
    expect(checkGoal("producer.throughput-within-latency", runScenario(withConfig(overload, { "buffer.memory": 16_384, "linger.ms": 0, "batch.size": 2048 }))).passed).toBe(true);
  });

  test("acks=1 is not accepted as a way to go faster", () => {
    const outcome = check(runScenario(withConfig(overload, { "buffer.memory": 16_384, "linger.ms": 0, "max.in.flight.requests.per.connection": 5, acks: "1" })));
    expect(outcome).toMatchObject({ passed: false, message: expect.stringMatching(/^The producer runs with acks=1\. Keep acks=all/) });
  });
});

describe("producer-pipeline: the exercises' scenes and the enable.idempotence switch", () => {
  test("flaky-network draws a retried batch: at some moment a batch of orders-0 waits in retry backoff, and the stage says so", () => {
    const result = runScenario(presetNamed("flaky-network").scenario);
    const moments = result.trace.filter((e) => e.type === "producer.batch" && e.state === "retry-backoff").map((e) => e.t);
    expect(moments.length).toBeGreaterThan(0);
    const view = foldPipeline(result.trace, moments[0], result.scenario);
    expect(view.partitions[0].deque.some((b) => b.state === "retry-backoff")).toBe(true);
    expect(describePipeline(view)).toMatch(/retry backoff/);
  });

  test("overload fills the buffer: send() blocks and the gauge counts the sends that timed out", () => {
    const result = runScenario(presetNamed("overload").scenario);
    const end = foldPipeline(result.trace, result.scenario.durationMs, result.scenario);
    expect(end.counts.failed).toBeGreaterThan(0);
    expect(end.buffer.totalBytes).toBe(3072);
  });

  test("the switch is a boolean control after the other knobs, and leaves the existing knobs as they were", () => {
    expect(pipelineKnobs.map((k) => k.id)).toEqual(["batch.size", "linger.ms", "buffer.memory", "max.in.flight.requests.per.connection", "acks", "enable.idempotence"]);
    expect(knobKind(knobDef(idempotenceKnob), idempotenceKnob)).toBe("switch");
  });

  test("the switch shows idempotence as KafkaProducer resolves it: on by default, off when acks=0 quietly turns it off, off when set off", () => {
    expect(knobValueAt(idempotenceKnob, presets.default.scenario, 0)).toBe(true);
    expect(knobValueAt(idempotenceKnob, presets["acks-0"].scenario, 0)).toBe(false);
    expect(knobValueAt(idempotenceKnob, flaky, 0)).toBe(false);
    expect(knobValueAt(idempotenceKnob, withConfig(flaky, { "enable.idempotence": true }), 0)).toBe(true);
  });

  test("switching it on with acks=0 is refused by the producer with Kafka's own message", () => {
    expect(checkKnobValue(idempotenceKnob, "yes")).toMatchObject({ ok: false });
    expect(() => runScenario(withConfig(presets["acks-0"].scenario, { "enable.idempotence": true }))).toThrow(/acks/);
  });
});
