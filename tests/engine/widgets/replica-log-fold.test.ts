import { describe, expect, test } from "vitest";
import { runScenario, type ScenarioInput } from "../../../engine/index";
import { describeReplicaLog } from "../../../widgets/replica-log/describe";
import { foldReplicaLog, isCutOff } from "../../../widgets/replica-log/fold";
import { presets } from "../../../widgets/replica-log/presets";

const run = (scenario: ScenarioInput) => runScenario(scenario);
const withFaults = (scenario: ScenarioInput, faults: NonNullable<ScenarioInput["faults"]>): ScenarioInput => ({ ...scenario, faults: [...(scenario.faults ?? []), ...faults] });

describe("replica-log fold: the picture at time t comes from the trace alone", () => {
  const steady = run(presets.steady.scenario);

  test("C-OFFSET: before the first record every replica is empty with LEO 0", () => {
    const view = foldReplicaLog(steady.trace, 500, steady.scenario);
    expect(view.rows.map((r) => [r.broker, r.state, r.leo, r.records.length])).toEqual([
      [1, "leader", 0, 0],
      [2, "follower", 0, 0],
      [3, "follower", 0, 0],
    ]);
    expect(view.hw).toBe(0);
  });

  test("C-LEO: each replica's records are numbered from 0 with no gaps and its LEO is one past the last", () => {
    const view = foldReplicaLog(steady.trace, 10_000, steady.scenario);
    for (const row of view.rows) {
      expect(row.records.map((r) => r!.offset)).toEqual(Array.from({ length: row.leo }, (_, i) => i));
      expect(row.records.every((r) => r!.id.startsWith("producer-0#"))).toBe(true);
    }
    expect(view.maxLeo).toBe(view.rows[0].leo);
  });

  test("C-HW: the leader's HW never exceeds any in-sync replica's LEO, and followers' HWs trail it", () => {
    for (let t = 0; t <= 24_000; t += 250) {
      const view = foldReplicaLog(steady.trace, t, steady.scenario);
      for (const row of view.rows) {
        if (row.inIsr) expect(view.hw).toBeLessThanOrEqual(row.leo);
        expect(row.hw).toBeLessThanOrEqual(Math.max(view.hw, row.leo));
      }
    }
  });

  test("folding is pure: the same trace and time give the same view", () => {
    expect(foldReplicaLog(steady.trace, 7_000, steady.scenario)).toEqual(foldReplicaLog(steady.trace, 7_000, steady.scenario));
  });

  test("C-ISR: a slowed follower ages past replica.lag.time.max.ms, is drawn out of sync, and rejoins once it catches up", () => {
    const slow = run(presets["slow-follower"].scenario);
    const during = foldReplicaLog(slow.trace, 7_000, slow.scenario);
    const follower = during.rows.find((r) => r.broker === 3)!;
    expect(follower.slowMs).toBe(1500);
    expect(follower.state).toBe("follower");
    expect(7_000 - follower.lastCaughtUpMs!).toBeGreaterThan(2_000);
    const after = foldReplicaLog(slow.trace, 12_000, slow.scenario);
    expect(after.isr).toEqual([1, 2]);
    expect(after.rows.find((r) => r.broker === 3)!.state).toBe("out-of-sync");
    const end = foldReplicaLog(slow.trace, 30_000, slow.scenario);
    expect(end.isr).toEqual([1, 2, 3]);
  });

  test("T-REPLICA: crashing the leader draws it dead and the ISR member elected next as leader, in a new epoch", () => {
    const crashed = run(withFaults(presets["leader-crash"].scenario, [{ type: "crash", atMs: 8_000, broker: 1 }]));
    const view = foldReplicaLog(crashed.trace, 20_000, crashed.scenario);
    expect(view.rows.find((r) => r.broker === 1)!.state).toBe("dead");
    expect(view.leader).toBe(2);
    expect(view.leaderEpoch).toBe(1);
    expect(view.lastElection).toBe("clean");
    expect(view.rows.find((r) => r.broker === 2)!.state).toBe("leader");
  });

  test("a broker cut off from everyone is drawn cut-off, and healing brings it back", () => {
    const cut = run(withFaults(presets.steady.scenario, [{ type: "isolate", atMs: 5_000, broker: 3 }, { type: "heal", atMs: 9_000 }]));
    expect(foldReplicaLog(cut.trace, 6_000, cut.scenario).rows[2].state).toBe("cut-off");
    expect(foldReplicaLog(cut.trace, 9_500, cut.scenario).rows[2].state).not.toBe("cut-off");
    expect(isCutOff(1, [{ a: ["broker-1"], b: ["producer-0"] }])).toBe(false);
    expect(isCutOff(1, [{ a: ["zk"], b: ["broker-1"] }])).toBe(true);
  });

  test("after a truncation the replica's log and LEO shrink and its HW is capped at the new LEO", () => {
    const trace = [
      ...steady.trace.filter((e) => e.t <= 5_000),
      { t: 5_001, type: "replica.truncate" as const, topic: "orders", partition: 0, broker: 2, fromLeo: 9, toOffset: 4, lostIds: [], reason: "test" },
    ];
    const row = foldReplicaLog(trace, 6_000, steady.scenario).rows[1];
    expect(row.leo).toBe(4);
    expect(row.records).toHaveLength(4);
    expect(row.hw).toBeLessThanOrEqual(4);
  });

  test("the text alternative names the leader, epoch, ISR, HW and every replica's state", () => {
    const text = describeReplicaLog(foldReplicaLog(steady.trace, 3_000, steady.scenario));
    expect(text).toMatch(/^At 3\.0 s, orders-0 has leader broker 1 in leader epoch 0, ISR \[1, 2, 3\] and high watermark \d+\./);
    expect(text).toMatch(/Broker 3: follower, log end offset \d+, high watermark \d+/);
  });
});
