import { describe, expect, test } from "vitest";
import { runScenario, type ScenarioInput } from "../../../engine/index";
import { checkGoal, goals } from "../../../widgets/exercises/goals";
import { addConsumer, listenerKnob, strategyKnob } from "../../../widgets/rebalance/controls";
import { foldRebalance } from "../../../widgets/rebalance/fold";
import { COOPERATIVE_STICKY_ASSIGNOR, presets } from "../../../widgets/rebalance/presets";

/**
 * The chapter "Rebalancing"'s exercises: each has a check, a failing preset and a passing
 * solution, written as "the preset plus what the reader did in the widget" (its knobs and its
 * "Add consumer" action at a moment of the run).
 */

const copy = (s: ScenarioInput): ScenarioInput => JSON.parse(JSON.stringify(s)) as ScenarioInput;

/** "Add consumer" pressed at each of the given times, as the widget does it (with the view at that time). */
function addConsumersAt(scenario: ScenarioInput, times: readonly number[]): ScenarioInput {
  let s = copy(scenario);
  for (const tMs of times) {
    const run = runScenario(s);
    s = addConsumer(s, tMs, foldRebalance(run.trace, tMs, run.scenario))!;
  }
  return s;
}

const noLeave = (s: ScenarioInput): ScenarioInput => ({ ...copy(s), faults: [] });

describe("rebalance exercises are registered", () => {
  test("the three rebalance.* ids have checks", () => {
    expect(Object.keys(goals).filter((id) => id.startsWith("rebalance."))).toEqual(["rebalance.scale-out-without-stopping", "rebalance.no-duplicate-processing", "rebalance.idle-member"]);
  });
});

describe("rebalance.scale-out-without-stopping (G-REBALANCE, G-ASSIGN)", () => {
  const check = goals["rebalance.scale-out-without-stopping"];

  test("the three-members preset fails: only two members read at the end", () => {
    expect(check(runScenario(presets["three-members"].scenario))).toMatchObject({ passed: false, message: expect.stringMatching(/only 2 member\(s\) read partitions/) });
  });

  test("adding two consumers under the eager range assignor fails: all six partitions stop for over a second, not only the two that move", () => {
    const outcome = check(runScenario(addConsumersAt(noLeave(presets["three-members"].scenario), [12_000, 16_000])));
    expect(outcome).toMatchObject({
      passed: false,
      message: expect.stringMatching(/^6 partitions \(orders-0, orders-1, orders-2, orders-3, orders-4, orders-5\) stopped being read for more than 1\.0 s.*the eager protocol/),
    });
  });

  test("the same two consumers with cooperative-sticky pass: only the two partitions that move to the newcomers pause", () => {
    const cooperative = strategyKnob.apply!(noLeave(presets["three-members"].scenario), [COOPERATIVE_STICKY_ASSIGNOR]);
    const outcome = check(runScenario(addConsumersAt(cooperative, [12_000, 16_000])));
    expect(outcome).toMatchObject({ passed: true, message: expect.stringMatching(/^5 members read the topic, and only 2 partition\(s\) ever paused/) });
  });
});

describe("rebalance.no-duplicate-processing (G-REBALANCE)", () => {
  const check = goals["rebalance.no-duplicate-processing"];

  test("the listener preset fails: the partitions consumer-1 hands over are read again from their start", () => {
    const outcome = check(runScenario(presets.listener.scenario));
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toMatch(/record\(s\) were processed twice, for example/);
  });

  test("committing in onPartitionsRevoked passes", () => {
    const solution = listenerKnob.apply!(copy(presets.listener.scenario), "commit-on-revoke");
    expect(check(runScenario(solution))).toMatchObject({ passed: true, message: expect.stringMatching(/partition\(s\) changed owner and none of the \d+ records was processed twice/) });
  });

  test("a run where no partition changes owner is told there was no hand-over", () => {
    expect(check(runScenario(noLeave(presets.listener.scenario))).message).toMatch(/No partition changed owner/);
  });
});

describe("rebalance.idle-member (G-GROUP)", () => {
  const check = goals["rebalance.idle-member"];

  test("the three-members preset fails: every member owns a partition", () => {
    expect(checkGoal("rebalance.idle-member", runScenario(presets["three-members"].scenario))).toMatchObject({ passed: false, message: expect.stringMatching(/owns a partition \(6 partitions\)/) });
  });

  test("three members on a two-partition topic pass, and the check says why one of them is idle", () => {
    const solution = noLeave(presets["three-members"].scenario);
    solution.topics![0].partitions = 2;
    expect(check(runScenario(solution))).toMatchObject({ passed: true, message: expect.stringMatching(/owns no partition at 30\.0 s: 3 members share 2 partitions/) });
  });
});

describe("the chapter's scale-out figure (the nearest figure above the scale-out and idle-member exercises)", () => {
  const check = goals["rebalance.scale-out-without-stopping"];

  test("is three members with nobody leaving: adding two under eager range fails, under cooperative-sticky passes", () => {
    const scene = presets["scale-out"].scenario;
    expect(scene.faults ?? []).toEqual([]);
    expect(check(runScenario(addConsumersAt(scene, [12_000, 16_000]))).passed).toBe(false);
    const cooperative = strategyKnob.apply!(scene, [COOPERATIVE_STICKY_ASSIGNOR]);
    expect(check(runScenario(addConsumersAt(cooperative, [12_000, 16_000]))).passed).toBe(true);
  });
});
