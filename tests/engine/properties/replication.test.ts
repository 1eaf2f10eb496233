import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runScenario, serializeTrace, type TraceEvent } from "../../../engine/index.js";
import { faultyScenario } from "../support/scenarios.js";

/** Folds the trace in order and checks, at every event, that the leader's HW <= every ISR member's LEO. */
function hwViolations(trace: readonly TraceEvent[]): string[] {
  const leo = new Map<number, number>();
  const hwByBroker = new Map<number, number>();
  let leader: number | null = null;
  let isr: number[] = [];
  const problems: string[] = [];
  for (const e of trace) {
    if (e.type === "replica.append") leo.set(e.broker, e.leo);
    else if (e.type === "replica.truncate") leo.set(e.broker, e.toOffset);
    else if (e.type === "replica.hw") hwByBroker.set(e.broker, e.hw);
    else if (e.type === "partition.leader") ({ leader, isr } = e);
    else if (e.type === "partition.isr") isr = e.isr;
    else continue;
    if (leader === null) continue;
    const hw = hwByBroker.get(leader) ?? 0;
    for (const member of isr) {
      if ((leo.get(member) ?? 0) < hw) problems.push(`t=${e.t}: HW ${hw} on leader ${leader} > LEO ${leo.get(member) ?? 0} of ISR member ${member}`);
    }
  }
  return problems;
}

/** Every consumer read must end below the HW its leader had at that moment. */
function readsBeyondHw(trace: readonly TraceEvent[]): string[] {
  const hwByBroker = new Map<number, number>();
  const problems: string[] = [];
  for (const e of trace) {
    if (e.type === "replica.hw") hwByBroker.set(e.broker, e.hw);
    if (e.type === "consume.read" && e.toOffset >= (hwByBroker.get(e.from) ?? 0)) {
      problems.push(`t=${e.t}: consumer read offset ${e.toOffset} from broker ${e.from} whose HW is ${hwByBroker.get(e.from) ?? 0}`);
    }
  }
  return problems;
}

const runs = (n: number) => ({ numRuns: n, seed: 20261124 });

describe("replication properties under random crash, cut, slow and drop schedules", () => {
  it("C-HW: the high watermark never exceeds the log end offset of any ISR member", () => {
    fc.assert(
      fc.property(faultyScenario({ acks: "all", minInsyncReplicas: 2, unclean: false }), (scenario) => {
        expect(hwViolations(runScenario(scenario).trace)).toEqual([]);
      }),
      runs(60),
    );
  });

  it("C-HW: no consumer ever reads a record at or beyond the high watermark, even with unclean elections", () => {
    fc.assert(
      fc.property(faultyScenario({ acks: "1", minInsyncReplicas: 1, unclean: true }), (scenario) => {
        expect(readsBeyondHw(runScenario(scenario).trace)).toEqual([]);
      }),
      runs(60),
    );
  });

  it("R-FIX: with acks=all, min.insync.replicas=2 and unclean election off, no acknowledged record is ever lost", () => {
    fc.assert(
      fc.property(faultyScenario({ acks: "all", minInsyncReplicas: 2, unclean: false }), (scenario) => {
        const { verdict, stats } = runScenario(scenario);
        expect(verdict.lost).toEqual([]);
        return stats.recordsAcked >= 0;
      }),
      runs(150),
    );
  });

  it("R-LOSS: with unclean leader election enabled, the property finds a schedule that loses an acknowledged record", () => {
    const result = fc.check(
      fc.property(faultyScenario({ acks: "all", minInsyncReplicas: 1, unclean: true }), (scenario) => runScenario(scenario).verdict.lost.length === 0),
      runs(300),
    );
    expect(result.failed).toBe(true);
    const counterexample = result.counterexample![0];
    const { verdict } = runScenario(counterexample);
    expect(verdict.lost[0].cause).toBe("unclean-leader-election");
    expect(verdict.lost[0].explanation).toMatch(/unclean election/);
  });

  it("determinism: the same scenario and seed give the same trace, byte for byte, over 1,000 random scenarios", () => {
    const small = faultyScenario({ acks: "all", minInsyncReplicas: 2, unclean: false }).map((s) => ({ ...s, durationMs: 8_000, healAtMs: 6_000, faults: (s.faults ?? []).map((f) => ({ ...f, atMs: f.atMs % 6_000 })), workload: [{ type: "produce" as const, topic: "orders", count: 30, intervalMs: 150, acks: "all" as const, requestTimeoutMs: 3_000 }] }));
    fc.assert(
      fc.property(small, (scenario) => {
        expect(serializeTrace(runScenario(scenario).trace)).toBe(serializeTrace(runScenario(scenario).trace));
      }),
      runs(1_000),
    );
  });
});
