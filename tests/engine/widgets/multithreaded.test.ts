import { describe, expect, test } from "vitest";
import { checkConsumption, runScenario, type ScenarioInput } from "../../../engine/index";
import { knobValueAt } from "../../../widgets/kit/knobs";
import { modelKnob, multithreadedActions, threadsKnob } from "../../../widgets/multithreaded/controls";
import { describeMultithreaded } from "../../../widgets/multithreaded/describe";
import { foldMultithreaded, type MultithreadedView } from "../../../widgets/multithreaded/fold";
import { presets, RECORDS_PER_PARTITION, sceneFor, settingsOf, withCrash, withSettings, type Settings } from "../../../widgets/multithreaded/presets";

/**
 * The multithreaded widget's fold over REAL runs of the "consumer" workload: one consumer per
 * thread in a group, or one poller feeding a worker pool (`workers`).
 */

const run = (scenario: ScenarioInput) => {
  const result = runScenario(scenario);
  return { result, at: (tMs: number) => foldMultithreaded(result.trace, tMs, result.scenario), end: () => foldMultithreaded(result.trace, result.scenario.durationMs, result.scenario) };
};
const scene = (s: Partial<Settings>) => sceneFor({ model: "per-thread", threads: 4, partitions: 2, processingMs: 150, jitterMs: 100, ...s });
const finishOrder = (view: MultithreadedView, partition: number) => view.partitions[partition].finished.map((f) => f.offset);
const inOrder = Array.from({ length: RECORDS_PER_PARTITION }, (_, i) => i);

describe("multithreaded fold: one consumer per thread", () => {
  const perThread = run(presets["per-thread"].scenario);

  test("G-THREADS: each partition's records finish in offset order, all on the one thread that owns it", () => {
    const view = perThread.end();
    expect(view.model).toBe("per-thread");
    for (const row of view.partitions) {
      expect(finishOrder(view, row.partition)).toEqual(inOrder);
      expect(new Set(row.finished.map((f) => f.lane)).size).toBe(1);
      expect(row.safeToCommit).toBe(RECORDS_PER_PARTITION);
      expect(row.committed).toBe(RECORDS_PER_PARTITION);
    }
    expect(view.outOfOrder).toEqual([]);
    expect(checkConsumption(perThread.result.trace).reordered).toEqual([]);
    expect(view.doneAtMs).not.toBeNull();
  });

  test("G-THREADS: consumers beyond the partition count own nothing and stay idle (4 consumers, 2 partitions: 2 idle)", () => {
    const view = perThread.at(presets["per-thread"].startMs);
    expect(view.idleThreads).toBe(2);
    const idle = view.lanes.filter((l) => l.state === "idle");
    expect(idle).toHaveLength(2);
    for (const lane of idle) expect(lane.partitions).toEqual([]);
    expect(perThread.end().lanes.filter((l) => l.processed === 0)).toHaveLength(2);
    expect(describeMultithreaded(view)).toContain("2 idle thread(s)");
  });

  test("G-THREADS: with more partitions than consumers nobody idles (2 consumers, 5 partitions)", () => {
    const view = run(scene({ threads: 2, partitions: 5 })).end();
    expect(view.idleThreads).toBe(0);
    expect(view.lanes.map((l) => l.partitions.length).sort()).toEqual([2, 3]);
    expect(view.outOfOrder).toEqual([]);
    expect(view.processed).toBe(5 * RECORDS_PER_PARTITION);
  });

  test("G-THREADS: every thread works on one record at a time, which started before now and finishes after", () => {
    const { at, result } = perThread;
    for (let t = 0; t <= result.scenario.durationMs; t += 50) {
      for (const lane of at(t).lanes) {
        if (lane.state !== "processing") continue;
        expect(lane.current!.startMs).toBeLessThanOrEqual(t);
        expect(lane.current!.finishMs).toBeGreaterThan(t);
        expect(lane.partitions).toContain(lane.current!.partition);
      }
    }
  });
});

describe("multithreaded fold: one poller feeding a worker pool", () => {
  const pool = run(presets["worker-pool"].scenario);
  const perThread = run(presets["per-thread"].scenario);

  test("G-THREADS: four workers on two partitions process faster than four consumers on two partitions", () => {
    const poolEnd = pool.end();
    const threadEnd = perThread.end();
    expect(poolEnd.processed).toBe(2 * RECORDS_PER_PARTITION);
    expect(threadEnd.processed).toBe(2 * RECORDS_PER_PARTITION);
    expect(poolEnd.doneAtMs!).toBeLessThan(threadEnd.doneAtMs!);
    expect(poolEnd.throughputPerSec).toBeGreaterThan(1.4 * threadEnd.throughputPerSec);
    expect(poolEnd.idleThreads).toBe(0);
  });

  test("G-THREADS: records of one partition finish out of order, each marked as the consumption checker reports it", () => {
    const view = pool.end();
    const reordered = checkConsumption(pool.result.trace).reordered;
    expect(view.outOfOrder.length).toBeGreaterThan(0);
    expect(view.outOfOrder.map((o) => [o.id, o.afterId])).toEqual(reordered.map((r) => [r.id, r.after.id]));
    const late = view.outOfOrder[0];
    const row = view.partitions[late.partition];
    // The marked record finished after a later record of its own partition.
    const at = (offset: number) => row.finished.findIndex((f) => f.offset === offset);
    expect(at(late.afterOffset)).toBeLessThan(at(late.offset));
    expect(row.finished[at(late.offset)].outOfOrder).toEqual({ afterOffset: late.afterOffset, afterId: late.afterId });
    expect(describeMultithreaded(view)).toContain(`p${late.partition}: #${late.afterOffset} finished before #${late.offset}`);
    expect(finishOrder(view, late.partition)).not.toEqual(inOrder);
  });

  test("G-THREADS: while a record is still running, only the offset below it is safe to commit, not the highest finished", () => {
    const { result, at } = pool;
    let sawGap = false;
    for (let t = 0; t <= result.scenario.durationMs; t += 10) {
      for (const row of at(t).partitions) {
        const done = new Set(row.finished.map((f) => f.offset));
        expect(done.has(row.safeToCommit)).toBe(false);
        for (let o = 0; o < row.safeToCommit; o++) expect(done.has(o)).toBe(true);
        if (row.finishedUpTo > row.safeToCommit) sawGap = true;
        // The engine's pool commits only after the whole batch is done: never past an unfinished record.
        if (row.committed !== null) expect(row.committed).toBeLessThanOrEqual(row.safeToCommit);
      }
    }
    expect(sawGap).toBe(true);
  });

  test("G-THREADS: the workers run records of the same partition at the same time", () => {
    const { result, at } = pool;
    let together = 0;
    for (let t = 0; t <= result.scenario.durationMs; t += 20) {
      const partitions = at(t).lanes.filter((l) => l.state === "processing").map((l) => l.current!.partition);
      if (new Set(partitions).size < partitions.length) together++;
    }
    expect(together).toBeGreaterThan(10);
  });

  test("G-THREADS: without variation the workers finish in the order they started (4 workers, 150 ms each)", () => {
    const view = run(scene({ model: "worker-pool", jitterMs: 0 })).end();
    expect(view.processed).toBe(2 * RECORDS_PER_PARTITION);
    expect(view.outOfOrder).toEqual([]);
  });

  test("G-THREADS: a pool of one worker is the single-threaded poll loop: in order, and no faster", () => {
    const one = run(scene({ model: "worker-pool", threads: 1 })).end();
    expect(one.outOfOrder).toEqual([]);
    expect(one.doneAtMs!).toBeGreaterThan(pool.end().doneAtMs!);
  });
});

describe("multithreaded controls", () => {
  test("the knobs read back what they wrote, and a model change keeps the other settings", () => {
    const base = presets["per-thread"].scenario;
    expect(knobValueAt(modelKnob, base, 0)).toBe("per-thread");
    expect(knobValueAt(threadsKnob, base, 0)).toBe(4);
    const pool = withSettings(base, { model: "worker-pool" });
    expect(knobValueAt(modelKnob, pool, 0)).toBe("worker-pool");
    expect(settingsOf(pool)).toEqual({ ...settingsOf(base), model: "worker-pool" });
    const six = withSettings(pool, { threads: 6 });
    expect(knobValueAt(threadsKnob, six, 0)).toBe(6);
    expect((six.workload ?? []).filter((w) => w.type === "consumer")).toHaveLength(1);
    const threads = withSettings(six, { model: "per-thread" });
    expect((threads.workload ?? []).filter((w) => w.type === "consumer")).toHaveLength(6);
  });

  test("G-THREADS: crash consumer-0 and, after the session timeout, its partition moves on and a spare consumer gets one", () => {
    const crash = multithreadedActions.find((a) => a.id === "crash-consumer")!;
    const before = run(presets["per-thread"].scenario);
    const view = before.at(1_000);
    expect(crash.visible!(view)).toBe(true);
    const scenario = crash.edit!(presets["per-thread"].scenario, 1_000, view)!;
    const after = run(scenario);
    const end = after.end();
    const crashed = end.lanes.find((l) => l.client === "consumer-0")!;
    expect(crashed.state).toBe("crashed");
    // consumer-0 owned a partition; after the rebalance a consumer that idled before works, and every partition is finished.
    const owned = before.at(1_000).lanes.find((l) => l.client === "consumer-0")!.partitions;
    expect(owned.length).toBe(1);
    const idleBefore = before.at(1_000).lanes.filter((l) => l.state === "idle").map((l) => l.client);
    // The range assignor hands the partitions out again by member id: a spare consumer now owns one.
    expect(end.lanes.filter((l) => idleBefore.includes(l.client)).some((l) => l.partitions.length > 0)).toBe(true);
    expect(end.partitions.map((p) => p.safeToCommit)).toEqual([RECORDS_PER_PARTITION, RECORDS_PER_PARTITION]);
    expect(end.partitions[owned[0]].owner).not.toBe("consumer-0");
    // What consumer-0 processed after its last commit is processed again: at-least-once.
    expect(end.partitions[owned[0]].finished.some((f) => f.again)).toBe(true);
    expect(end.outOfOrder).toEqual([]);
    expect(crash.visible!(run(presets["worker-pool"].scenario).at(1_000))).toBe(false);
  });

  test("every preset and knob extreme runs and processes the whole backlog", () => {
    for (const s of [scene({ threads: 8, partitions: 6, processingMs: 50 }), scene({ model: "worker-pool", threads: 8, partitions: 6, processingMs: 50, jitterMs: 25 }), scene({ threads: 1, partitions: 1, processingMs: 500, jitterMs: 0 })]) {
      const view = run(s).end();
      expect(view.processed).toBe(view.written);
      expect(view.doneAtMs).not.toBeNull();
    }
  });
});
