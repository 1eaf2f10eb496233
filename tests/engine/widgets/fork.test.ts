import { describe, expect, test } from "vitest";
import { runScenario, serializeTrace, type Fault, type ScenarioInput, type TraceEvent } from "../../../engine/index";
import { addFault, applyAction, Fork, getAtPath, setAtPath, type ForkAction } from "../../../widgets/kit/fork";
import { addProduceBurst, acksKnob, minInsyncKnob } from "../../../widgets/replica-log/controls";
import { presets } from "../../../widgets/replica-log/presets";

const before = (trace: readonly TraceEvent[], tMs: number) => serializeTrace(trace.filter((e) => e.t < tMs));

describe("fork: an action at time t changes only the future", () => {
  const base = presets.steady.scenario;
  const original = runScenario(base);
  const tMs = 7_321;
  const actions: [string, ForkAction][] = [
    ["crash the leader", { kind: "fault", fault: { type: "crash", atMs: 0, broker: 1 } }],
    ["slow a follower", { kind: "fault", fault: { type: "slow", atMs: 0, broker: 3, extraLatencyMs: 1500 } }],
    ["cut the leader off", { kind: "fault", fault: { type: "isolate", atMs: 0, broker: 1 } }],
    ["produce 5 records", { kind: "edit", label: "produce", edit: (s) => addProduceBurst(s, tMs) }],
    ["switch acks to 1 mid-run", { kind: "knob", path: acksKnob.path, value: "1", faults: acksKnob.midRun!("1", base)! }],
    ["raise min.insync.replicas mid-run", { kind: "knob", path: minInsyncKnob.path, value: 2, faults: minInsyncKnob.midRun!(2, base)! }],
  ];

  test.each(actions)("%s at 7.3 s: the trace before 7.3 s is byte-for-byte the same", (_, action) => {
    const forked = runScenario(applyAction(base, action, tMs));
    expect(before(forked.trace, tMs)).toBe(before(original.trace, tMs));
    expect(serializeTrace(forked.trace)).not.toBe(serializeTrace(original.trace));
  });

  test("the fault is stamped with the time of the action (whole milliseconds)", () => {
    const next = applyAction(base, { kind: "fault", fault: { type: "crash", atMs: 0, broker: 2 } }, 4_200.7);
    expect(next.faults?.at(-1)).toEqual({ type: "crash", atMs: 4_200, broker: 2 });
  });

  test("apply is pure; commit keeps the replaced run as the ghost from t on; reset forgets everything", () => {
    const fork = new Fork(base);
    const action: ForkAction = { kind: "fault", fault: { type: "crash", atMs: 0, broker: 1 } };
    const next = fork.apply(action, 5_000);
    expect(fork.scenario.faults ?? []).toHaveLength(0);
    fork.commit(next, action, 5_000, original);
    expect(fork.scenario.faults).toHaveLength(1);
    expect(fork.actions).toHaveLength(1);
    expect(fork.ghost?.fromMs).toBe(5_000);
    expect(fork.ghost?.trace).toBe(original.trace);
    fork.reset();
    expect(fork.scenario).toEqual(base);
    expect(fork.ghost).toBeNull();
  });

  test("a knob with no mid-run fault rewrites the scenario itself", () => {
    const next = applyAction(base, { kind: "knob", path: ["cluster", "config", "replica.lag.time.max.ms"], value: 9000, faults: [] }, 3_000);
    expect(getAtPath(next, ["cluster", "config", "replica.lag.time.max.ms"])).toBe(9000);
    expect(getAtPath(base, ["cluster", "config", "replica.lag.time.max.ms"])).toBe(4000);
  });

  test("setAtPath creates missing objects and arrays on the way, without touching the input", () => {
    const empty = { version: 1, seed: 1, durationMs: 10, cluster: { brokers: 1 } } as ScenarioInput;
    const next = setAtPath(empty, ["topics", 0, "config", "min.insync.replicas"], 2);
    expect(next.topics?.[0]).toEqual({ config: { "min.insync.replicas": 2 } });
    expect(empty.topics).toBeUndefined();
    expect(() => setAtPath(empty, [], 1)).toThrow(/path is empty/);
  });

  test("addFault appends, so faults taken at the same time keep the order they were taken in", () => {
    const a: Fault = { type: "heal", atMs: 10 };
    const b: Fault = { type: "crash", atMs: 10, broker: 1 };
    expect(addFault(addFault(base, a), b).faults?.slice(-2)).toEqual([a, b]);
  });
});
