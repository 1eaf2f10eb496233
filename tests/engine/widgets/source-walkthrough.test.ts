import { describe, expect, it } from "vitest";
import { parseScenario, runScenario } from "../../../engine/index";
import { foldWalkthrough, laneOf } from "../../../widgets/source-walkthrough/fold";
import { OUTLINE, STEP_ORDER, locateStep, outlineStepIds, type StepId } from "../../../widgets/source-walkthrough/outline";
import { walkthroughScenario, WALK_CLIENT } from "../../../widgets/source-walkthrough/presets";
import { sentenceOf } from "../../../widgets/source-walkthrough/sentence";
import { walkSteps, type WalkStep } from "../../../widgets/source-walkthrough/steps";

const result = runScenario(walkthroughScenario());
const steps = walkSteps(result.trace, WALK_CLIENT);
const rank = new Map(STEP_ORDER.map((id, i) => [id, i]));

/** The steps about one record (before it joins a batch) or one batch, in run order. */
function stepsAbout(filter: (s: WalkStep) => boolean): StepId[] {
  return steps.filter(filter).map((s) => s.step);
}

describe("source walkthrough: the outline", () => {
  it("gives every step one place, with a line range inside its block", () => {
    const ids = outlineStepIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(STEP_ORDER));
    for (const block of OUTLINE) {
      const lines = block.code.split("\n").length;
      for (const step of block.steps) {
        expect(step.fromLine).toBeGreaterThanOrEqual(1);
        expect(step.toLine).toBeLessThanOrEqual(lines);
        expect(step.fromLine).toBeLessThanOrEqual(step.toLine);
      }
    }
  });

  it("names Kafka's real methods in the lines of their steps", () => {
    const line = (id: StepId): string => {
      const { block, step } = locateStep(id);
      return block.code.split("\n").slice(step.fromLine - 1, step.toLine).join("\n");
    };
    expect(line("doSend.waitOnMetadata")).toContain("waitOnMetadata(");
    expect(line("doSend.serialize")).toContain("keySerializer.serialize(");
    expect(line("doSend.serialize")).toContain("valueSerializer.serialize(");
    expect(line("doSend.append")).toContain("accumulator.append(");
    expect(line("doSend.wakeup")).toContain("this.sender.wakeup()");
    expect(line("accumulator.allocate")).toContain("free.allocate(");
    expect(line("accumulator.ready")).toContain("readyNodes.add(leader)");
    expect(line("accumulator.drain")).toContain("deque.pollFirst()");
    expect(line("inFlightRequests.add")).toContain("reqs.addFirst(request)");
    expect(line("sender.reenqueueBatch")).toContain("canRetry(batch, response, now)");
    expect(line("batch.done")).toContain("completeFutureAndFireCallbacks");
    expect(() => locateStep("no.such.step" as StepId)).toThrow(/not in the outline/);
  });
});

describe("source walkthrough: the default run (3 records, a full buffer, a cut connection)", () => {
  it("reaches every step of the outline, and only steps of the outline", () => {
    const reached = new Set(steps.map((s) => s.step));
    const known = new Set(outlineStepIds());
    for (const s of reached) expect(known.has(s)).toBe(true);
    expect([...known].filter((id) => !reached.has(id))).toEqual([]);
  });

  it("follows the code path for each record: send() through append, in the outline's order", () => {
    for (const id of ["producer-0#0", "producer-0#1", "producer-0#2"]) {
      const path = stepsAbout((s) => s.record === id && rank.get(s.step)! <= rank.get("doSend.wakeup")!);
      expect(path[0]).toBe("producer.send");
      expect(path.at(-1)).toBe("doSend.wakeup");
      for (let i = 1; i < path.length; i++) expect(rank.get(path[i])!).toBeGreaterThan(rank.get(path[i - 1])!);
    }
    // The third record finds buffer.memory used up and waits in BufferPool.allocate.
    expect(stepsAbout((s) => s.record === "producer-0#2")).toContain("bufferPool.wait");
  });

  it("follows the code path for each batch: drained, sent, appended by the leader, completed, called back", () => {
    const batchIds = [...new Set(steps.filter((s) => s.batch).map((s) => s.batch!))];
    expect(batchIds.length).toBe(3);
    for (const batch of batchIds) {
      const path = stepsAbout((s) => s.batch === batch && rank.get(s.step)! >= rank.get("accumulator.ready")!);
      // A retried batch starts over at ready(); within each attempt the order never goes back.
      const attempts: StepId[][] = [[]];
      for (const step of path) {
        if (step === "accumulator.ready" && attempts.at(-1)!.length > 0) attempts.push([]);
        attempts.at(-1)!.push(step);
      }
      for (const attempt of attempts) {
        for (let i = 1; i < attempt.length; i++) {
          if (attempt[i] === "sender.runOnce") continue;
          expect(rank.get(attempt[i])!, `${batch}: ${attempt.join(" > ")}`).toBeGreaterThanOrEqual(rank.get(attempt[i - 1])!);
        }
      }
      expect(path.at(-1)).toBe("callbacks.onCompletion");
    }
  });

  it("retries the batches whose requests timed out, and calls back in send order", () => {
    expect(steps.filter((s) => s.step === "sender.reenqueueBatch").length).toBeGreaterThanOrEqual(1);
    const callbacks = steps.filter((s) => s.step === "callbacks.onCompletion").map((s) => s.record);
    expect(callbacks).toEqual(["producer-0#0", "producer-0#1", "producer-0#2"]);
  });

  it("keeps steps in time order and says something for each", () => {
    for (let i = 1; i < steps.length; i++) expect(steps[i].t).toBeGreaterThanOrEqual(steps[i - 1].t);
    for (const s of steps) {
      const text = sentenceOf(s);
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toMatch(/\{[a-z]+\}|undefined|\[object/);
    }
  });

  it("folds to the last step reached at a time, with the records in the right place", () => {
    const scenario = parseScenario(walkthroughScenario());
    const before = foldWalkthrough(result.trace, 100, scenario);
    expect(before.lastIndex).toBe(-1);
    const firstAck = steps.find((s) => s.step === "callbacks.onCompletion")!;
    const view = foldWalkthrough(result.trace, firstAck.t, scenario);
    expect(view.steps[view.lastIndex].t).toBe(firstAck.t);
    expect(view.lanes.callbacks.map((i) => i.key)).toContain("producer-0#0");
    const atThatTime = view.steps.slice(0, view.lastIndex + 1).filter((s) => s.t === firstAck.t);
    expect(atThatTime.map((s) => laneOf(s.step))).toContain("callbacks");
  });
  it("re-simulates within one frame (16 ms) on average", () => {
    const scenario = walkthroughScenario();
    for (let i = 0; i < 10; i++) runScenario(scenario);
    const start = performance.now();
    for (let i = 0; i < 10; i++) runScenario(scenario);
    expect((performance.now() - start) / 10).toBeLessThan(16);
  });
});
