import { describe, expect, test } from "vitest";
import { checkConsumption, parseScenario, runScenario, type RunResult, type ScenarioInput, type TraceEvent } from "../../../engine/index";
import { addCrash, chosenCrashStep, commitKnob, commitTimingActions, crashStepKnob, maxPollRecordsKnob } from "../../../widgets/commit-timing/controls";
import { describeCommitTiming } from "../../../widgets/commit-timing/describe";
import { foldCommitTiming } from "../../../widgets/commit-timing/fold";
import { crashSpot, loopFor } from "../../../widgets/commit-timing/loop";
import { presetOutcome } from "../../../widgets/commit-timing/outcomes";
import { presets } from "../../../widgets/commit-timing/presets";
import { knobValueAt } from "../../../widgets/kit/knobs";

const run = (scenario: ScenarioInput): RunResult => runScenario(scenario);
const fold = (result: RunResult, tMs: number) => foldCommitTiming(result.trace, tMs, result.scenario);
const crashOf = (trace: readonly TraceEvent[]) => trace.find((e) => e.type === "consumer.crash")!;

describe("commit after processing + a mid-batch crash: duplicates, nothing lost (at least once)", () => {
  const result = run(presets["commit-after"].scenario);
  const crash = crashOf(result.trace);

  test("the consumer dies halfway through the batch 10-13, after processing 10 and 11, with offset 10 committed", () => {
    expect(crash).toMatchObject({ step: "mid-batch", committed: { "orders-0": 10 } });
    const view = fold(result, crash.t);
    expect(view.step).toBe("crashed");
    expect(view.crash).toMatchObject({ step: "mid-batch", committed: 10, position: 14 });
    expect(view.batch).toMatchObject({ fromOffset: 10, toOffset: 13, done: 2, dead: true });
    expect(view.committed).toBe(10);
    expect(view.position).toBeNull();
    expect(view.records.filter((r) => r.offset >= 10 && r.offset <= 13).map((r) => r.fate)).toEqual(["processed", "processed", "unread", "unread"]);
  });

  test("after the restart the first fetch starts at the committed offset 10, so 10 and 11 are processed twice", () => {
    const end = fold(result, result.scenario.durationMs);
    expect(end.restart).toMatchObject({ resumedAt: 10, from: "committed", firstFetch: { fromOffset: 10 } });
    expect(end.records.filter((r) => r.fate === "twice").map((r) => r.offset)).toEqual([10, 11]);
    expect(end.counts).toEqual({ processed: 30, twice: 2, lost: 0 });
    const verdict = checkConsumption(result.trace);
    expect(verdict.lost).toEqual([]);
    expect(verdict.duplicated.map((d) => d.offset)).toEqual([10, 11]);
    expect(verdict.duplicated[0].explanation).toMatch(/crashed at \d+ ms \(step mid-batch\) when the group's committed offset for orders-0 was 10/);
  });

  test("between the crash and the restart the restarted consumer waits for the group: it is joining, with no position", () => {
    const view = fold(result, 5_000);
    expect(view).toMatchObject({ alive: true, step: "joining", position: null, committed: 10 });
    expect(describeCommitTiming(view)).toMatch(/Restarted at 4\.0 s as a new member/);
  });
});

describe("commit before processing + the same crash: records lost, no duplicates (at most once)", () => {
  const result = run(presets["commit-before"].scenario);
  const crash = crashOf(result.trace);

  test("right after poll() the batch 10-13 is committed (offset 14) before any of it is processed", () => {
    const commit = result.trace.find((e) => e.type === "consumer.commit" && e.offsets["orders-0"] === 14)!;
    const view = fold(result, commit.t);
    expect(view.committed).toBe(14);
    expect(view.step).toBe("process");
    // Still in the batch, not yet lost: the consumer is alive and about to process them.
    expect(view.records.filter((r) => r.offset >= 10 && r.offset <= 13).map((r) => r.fate)).toEqual(["in-batch", "in-batch", "in-batch", "in-batch"]);
  });

  test("the crash mid-batch leaves 12 and 13 below the committed offset and never processed", () => {
    const view = fold(result, crash.t);
    expect(view.records.filter((r) => r.offset >= 10 && r.offset <= 13).map((r) => r.fate)).toEqual(["processed", "processed", "lost", "lost"]);
    const end = fold(result, result.scenario.durationMs);
    expect(end.restart).toMatchObject({ resumedAt: 14, from: "committed" });
    expect(end.counts).toEqual({ processed: 28, twice: 0, lost: 2 });
    const verdict = checkConsumption(result.trace);
    expect(verdict.duplicated).toEqual([]);
    expect(verdict.lost.map((l) => l.offset)).toEqual([12, 13]);
  });
});

describe("auto commit: the commit is made inside a later poll()", () => {
  const result = run(presets["auto-commit"].scenario);
  const autos = result.trace.filter((e): e is Extract<TraceEvent, { type: "consumer.commit" }> => e.type === "consumer.commit" && e.kind === "auto");

  test("each auto-commit comes with a poll and covers exactly the records of the earlier polls, all processed already", () => {
    expect(autos.length).toBeGreaterThan(0);
    for (const commit of autos) {
      const poll = result.trace.filter((e): e is Extract<TraceEvent, { type: "consumer.poll" }> => e.type === "consumer.poll" && e.t <= commit.t).pop()!;
      // The poll that made the commit returned records from the committed offset on: none of them is covered.
      expect(commit.offsets["orders-0"]).toBe(poll.ranges[0].fromOffset);
      const processedBefore = new Set(result.trace.filter((e) => e.type === "consumer.process" && e.t <= poll.t).map((e) => (e.type === "consumer.process" ? e.offset : -1)));
      for (let offset = 0; offset < commit.offsets["orders-0"]; offset++) expect(processedBefore.has(offset)).toBe(true);
    }
  });

  test("the first auto-commit waits auto.commit.interval.ms (5 s) from the consumer's start", () => {
    expect(autos[0].t).toBeGreaterThanOrEqual(5_000);
    expect(fold(result, autos[0].t).lastCommit).toMatchObject({ kind: "auto", offset: 23 });
  });

  test("a crash after it repeats everything processed since: offsets 23-28", () => {
    const end = fold(result, result.scenario.durationMs);
    expect(end.records.filter((r) => r.fate === "twice").map((r) => r.offset)).toEqual([23, 24, 25, 26, 27, 28]);
    expect(end.counts.lost).toBe(0);
  });

  test("a shorter auto.commit.interval.ms (1 s) makes the same crash repeat fewer records", () => {
    const shorter = JSON.parse(JSON.stringify(presets["auto-commit"].scenario)) as ScenarioInput & { workload: { config?: Record<string, unknown> }[] };
    shorter.workload[1].config!["auto.commit.interval.ms"] = 1_000;
    expect(fold(run(shorter), 13_000).counts.twice).toBeLessThan(6);
  });
});

describe("the loop diagram and the crash mark", () => {
  test("each strategy orders its steps as the lab's loop runs them", () => {
    expect(loopFor("sync-after-processing", 5000).map((n) => n.id)).toEqual(["poll", "process", "commit"]);
    expect(loopFor("sync-before-processing", 5000).map((n) => n.id)).toEqual(["poll", "commit", "process"]);
    expect(loopFor("async-after-processing", 5000).map((n) => n.sub)).toEqual(["poll()", expect.any(String), "commitAsync()"]);
    expect(loopFor("auto", 5000).map((n) => n.id)).toEqual(["poll", "process"]);
  });

  test("a crash sits on the box or on the arrow of its step", () => {
    const after = loopFor("sync-after-processing", 5000);
    expect(crashSpot(after, "mid-batch")).toEqual({ node: 1 });
    expect(crashSpot(after, "after-poll")).toEqual({ after: 0 });
    expect(crashSpot(after, "before-commit")).toEqual({ after: 1 });
    expect(crashSpot(after, "after-commit")).toEqual({ after: 2 });
    expect(crashSpot(loopFor("auto", 5000), "before-commit")).toEqual({ node: 0 });
  });

  test("the loop's current step follows the run: poll, then commit, then process for commit-before", () => {
    const result = run(presets["commit-before"].scenario);
    const poll = result.trace.find((e) => e.type === "consumer.poll" && e.ranges[0].fromOffset === 10)!;
    expect(fold(result, poll.t).step).toBe("commit");
    expect(fold(result, poll.t + 100).step).toBe("process");
  });
});

describe("knobs and actions", () => {
  test("the crash-step knob moves the lab's crash: right after the commit, the crash costs nothing", () => {
    const scenario = crashStepKnob.apply!(presets["commit-after"].scenario, "after-commit");
    expect(knobValueAt(crashStepKnob, scenario, 0)).toBe("after-commit");
    expect(chosenCrashStep(scenario)).toBe("after-commit");
    const end = fold(run(scenario), 12_000);
    expect(end.crash?.step).toBe("after-commit");
    expect(end.counts).toMatchObject({ twice: 0, lost: 0 });
  });

  test("the commit knob switches the strategy of the same run (commit-after becomes commit-before)", () => {
    const scenario = commitKnob.apply!(presets["commit-after"].scenario, "sync-before-processing");
    expect(checkConsumption(run(scenario).trace).lost.length).toBe(2);
  });

  test("max.poll.records=1 makes a mid-batch crash cost nothing with commit after processing", () => {
    const scenario = maxPollRecordsKnob.apply!(presets["commit-after"].scenario, 1);
    expect(fold(run(scenario), 12_000).counts).toMatchObject({ twice: 0, lost: 0, processed: 30 });
  });

  test("'Crash consumer' adds a crash at t at the chosen step, kept first so the knob still shows it", () => {
    const base = presets["new-group"].scenario;
    const scenario = addCrash(crashStepKnob.apply!(base, "after-poll"), 4_000);
    expect(scenario.faults?.[0]).toEqual({ type: "consumer-crash", atMs: 4_000, client: "consumer-0", at: "mid-batch" });
    expect(() => parseScenario(scenario)).not.toThrow();
    const crashAction = commitTimingActions.find((a) => a.id === "crash")!;
    const withTwo = crashAction.edit!(presets["commit-after"].scenario, 6_500, fold(run(presets["commit-after"].scenario), 6_500));
    expect(withTwo!.faults?.slice(-1)[0]).toEqual({ type: "consumer-crash", atMs: 6_500, client: "consumer-0", at: "mid-batch" });
  });

  test("'Restart consumer' is offered only while the consumer is dead", () => {
    const result = run(presets["commit-after"].scenario);
    const restart = commitTimingActions.find((a) => a.id === "restart")!;
    expect(restart.enabled!(fold(result, 3_000))).toBe(false);
    expect(restart.enabled!(fold(result, 3_600))).toBe(true);
    expect(restart.fault!(3_600, fold(result, 3_600))).toEqual({ type: "consumer-restart", atMs: 3_600, client: "consumer-0" });
  });
});

describe("the static first frame's table", () => {
  test("the presets' outcomes: commit-after repeats two, commit-before loses two, auto-commit repeats six", () => {
    expect(presetOutcome("commit-after")).toMatchObject({ strategy: "sync-after-processing", crash: { step: "mid-batch" }, resumedAt: 10, resumedFrom: "committed", twice: 2, lost: 0 });
    expect(presetOutcome("commit-before")).toMatchObject({ strategy: "sync-before-processing", resumedAt: 14, twice: 0, lost: 2 });
    expect(presetOutcome("auto-commit")).toMatchObject({ strategy: "auto", resumedAt: 23, twice: 6, lost: 0 });
  });
});

describe("describe: the stage in words", () => {
  test("mid-batch it names the batch, the position, the committed offset and the HW", () => {
    const result = run(presets["commit-after"].scenario);
    const poll = result.trace.find((e) => e.type === "consumer.poll" && e.ranges[0].fromOffset === 10)!;
    const text = describeCommitTiming(fold(result, poll.t + 300));
    expect(text).toMatch(/^At \d+\.\d s, consumer-0 uses commitSync after processing\. Processing the batch 10–13: 1 of 4 done\. A crash is armed: the process dies the next time its loop reaches "mid-batch"\. orders-0 ends at offset \d+, high watermark \d+, position 14, committed offset 10\./);
  });

  test("with auto.offset.reset=none it says why the consumer never starts", () => {
    const result = run(presets["new-group"].scenario);
    expect(describeCommitTiming(fold(result, 5_000))).toMatch(/poll\(\) throws NoOffsetForPartitionException again and again/);
  });
});

describe("commit-timing budget", () => {
  test("each preset, and the commit-after preset after a knob change, simulates and folds within one frame (16 ms) on average after warm-up", () => {
    const changed = maxPollRecordsKnob.apply!(presets["commit-after"].scenario, 2);
    const scenarios = [...Object.values(presets).map((p) => p.scenario), changed];
    // Warm the engine's code paths once for all of them (the page has run the presets already).
    for (let i = 0; i < 5; i++) for (const scenario of scenarios) runScenario(scenario);
    for (const scenario of scenarios) {
      const runs = 20;
      const start = performance.now();
      for (let i = 0; i < runs; i++) {
        const result = runScenario(scenario);
        foldCommitTiming(result.trace, 6_000, result.scenario);
      }
      const averageMs = (performance.now() - start) / runs;
      expect(averageMs, `average ${averageMs.toFixed(2)} ms`).toBeLessThan(16);
    }
  });
});
