import { beforeAll, describe, expect, test } from "vitest";
import { runScenario, type RunResult, type ScenarioInput, type TraceEvent } from "../../../engine/index";
import { rebalanceGaps, type ConsumptionTimeline } from "../../../widgets/rebalance/consumption-fold";
import { addConsumer, listenerKnob, partitionsKnob, rebalanceActions, strategyKnob } from "../../../widgets/rebalance/controls";
import { describeRebalance } from "../../../widgets/rebalance/describe";
import { foldRebalance, shortAssignorName, type RebalanceView } from "../../../widgets/rebalance/fold";
import { layoutStage, wrapText } from "../../../widgets/rebalance/layout";
import { COOPERATIVE_STICKY_ASSIGNOR, presetNamed, presets } from "../../../widgets/rebalance/presets";

/**
 * The rebalance widget's fold over real runs of the engine (no hand-written traces): who owns
 * what in each generation, the coordinator's states, the gaps each protocol leaves, idle
 * members, crashes and stalls, and the listener that removes the duplicates.
 */

const copy = (s: ScenarioInput): ScenarioInput => JSON.parse(JSON.stringify(s)) as ScenarioInput;
const fold = (r: RunResult, tMs: number): RebalanceView => foldRebalance(r.trace, tMs, r.scenario);
const owned = (v: RebalanceView): Record<string, number[]> => Object.fromEntries(v.members.map((m) => [m.client, m.owned]));
const first = <T extends TraceEvent["type"]>(r: RunResult, type: T, pred: (e: Extract<TraceEvent, { type: T }>) => boolean = () => true) =>
  r.trace.find((e): e is Extract<TraceEvent, { type: T }> => e.type === type && pred(e as Extract<TraceEvent, { type: T }>));
/** Partitions that stopped being read for longer than `ms` after the group first formed. */
const pausedLongerThan = (timeline: ConsumptionTimeline, ms: number): number[] =>
  [...new Set(rebalanceGaps(timeline).filter((g) => g.toMs - g.fromMs > ms).map((g) => g.partition))].sort((a, b) => a - b);
const withFaults = (s: ScenarioInput, faults: NonNullable<ScenarioInput["faults"]>): ScenarioInput => ({ ...copy(s), faults });

let eager: RunResult;
let cooperative: RunResult;
beforeAll(() => {
  eager = runScenario(presets["three-members"].scenario);
  cooperative = runScenario(presets.cooperative.scenario);
});

describe("rebalance fold: assignments per generation (three members, eager range, consumer-1 leaves at 14 s)", () => {
  test("generation 1 is Stable at the preset's start: range gives each member two neighbouring partitions, one member leads", () => {
    const v = fold(eager, presetNamed("three-members").startMs);
    expect(v).toMatchObject({ state: "Stable", generation: 1, protocol: "range", rebalanceProtocol: "eager", coordinator: expect.any(Number) });
    expect(owned(v)).toEqual({ "consumer-0": [0, 1], "consumer-1": [2, 3], "consumer-2": [4, 5] });
    expect(v.members.filter((m) => m.isLeader)).toHaveLength(1);
    expect(v.chips.every((c) => c.status === "consuming")).toBe(true);
  });

  test("the coordinator walks Empty, PreparingRebalance, CompletingRebalance, Stable, and once more after the leave", () => {
    const v = fold(eager, eager.scenario.durationMs);
    expect(v.history.map((h) => h.to)).toEqual(["Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "PreparingRebalance", "CompletingRebalance", "Stable"]);
    expect(v.rebalances).toBe(2);
  });

  test("generation 2 splits the six partitions between the two members left; consumer-1 is shown as having left", () => {
    const v = fold(eager, eager.scenario.durationMs);
    expect(v.generation).toBe(2);
    expect(owned(v)).toEqual({ "consumer-0": [0, 1, 2], "consumer-1": [], "consumer-2": [3, 4, 5] });
    expect(v.members.find((m) => m.client === "consumer-1")).toMatchObject({ status: "left", removedBy: "leave" });
    expect(describeRebalance(v)).toMatch(/group orders-app is Stable in generation 2/);
  });

  test("mid-rebalance, revoked partitions wait in the coordinator's pool and a new assignment is pending until its owner receives it", () => {
    const revoke = first(eager, "consumer.revoked", (e) => e.client === "consumer-2" && e.t > 14_000)!;
    const during = fold(eager, revoke.t);
    expect(during.state).toBe("PreparingRebalance");
    expect(during.chips.filter((c) => c.status === "revoked").map((c) => c.partition)).toEqual(expect.arrayContaining([2, 3, 4, 5]));
    expect(during.chips.filter((c) => c.status === "revoked").every((c) => c.member === null)).toBe(true);

    const stored = first(eager, "group.assignment", (e) => e.generation === 2)!;
    const pendingView = fold(eager, stored.t);
    const received = new Set(eager.trace.filter((e) => e.type === "consumer.assigned" && e.generation === 2 && e.t <= stored.t).map((e) => (e as { client: string }).client));
    const pending = pendingView.chips.filter((c) => c.status === "pending");
    expect(pending.length).toBeGreaterThan(0);
    for (const chip of pending) expect(received.has(chip.member!)).toBe(false);
  });
});

describe("rebalance fold: the gaps in consumption, eager against cooperative", () => {
  test("eager: besides consumer-1's two partitions, partitions that stay with their owner also stop for over a second", () => {
    const paused = pausedLongerThan(fold(eager, 0).timeline, 1000);
    expect(paused.length).toBeGreaterThanOrEqual(4);
    expect(paused).toEqual(expect.arrayContaining([2, 3]));
    // The member that rejoined first gave up everything and waited for the other to finish its batch.
    const ownerBefore = new Map(fold(eager, 13_000).members.flatMap((m) => m.owned.map((p) => [p, m.client] as const)));
    const ownerAfter = new Map(fold(eager, eager.scenario.durationMs).members.flatMap((m) => m.owned.map((p) => [p, m.client] as const)));
    const stayed = [...ownerBefore].filter(([p, client]) => ownerAfter.get(p) === client).map(([p]) => p);
    expect(paused.filter((p) => stayed.includes(p)).length).toBeGreaterThanOrEqual(2);
  });

  test("cooperative: only consumer-1's two partitions stop; the others are read right through the rebalance", () => {
    const v = fold(cooperative, cooperative.scenario.durationMs);
    expect(v.rebalanceProtocol).toBe("cooperative");
    expect(v.protocol).toBe("cooperative-sticky");
    const leaver = fold(cooperative, 13_000).members.find((m) => m.client === "consumer-1")!.owned;
    expect(pausedLongerThan(v.timeline, 0)).toEqual(leaver);
  });

  test("bars never overlap within a partition, and bars and gaps together cover the run from the first member's start", () => {
    for (const r of [eager, cooperative]) {
      const tl = fold(r, 0).timeline;
      for (let p = 0; p < tl.partitionCount; p++) {
        const pieces = [...tl.bars.filter((b) => b.partition === p), ...tl.gaps.filter((g) => g.partition === p)].sort((a, b) => a.fromMs - b.fromMs);
        expect(pieces[0].fromMs).toBe(tl.startMs);
        for (let i = 1; i < pieces.length; i++) expect(pieces[i].fromMs).toBe(pieces[i - 1].toMs);
        expect(pieces[pieces.length - 1].toMs).toBe(tl.durationMs);
      }
    }
  });
});

describe("rebalance fold: idle members, crashes and stalls", () => {
  test("three members and two partitions: one member is in the group, reads nothing, and is called idle", () => {
    const s = copy(presets["three-members"].scenario);
    expect(partitionsKnob.path).toEqual(["topics", 0, "partitions"]);
    s.topics![0].partitions = 2;
    const r = runScenario(withFaults(s, []));
    const v = fold(r, r.scenario.durationMs);
    const idle = v.members.filter((m) => m.idle);
    expect(idle).toHaveLength(1);
    expect(idle[0]).toMatchObject({ status: "stable", owned: [], pending: [] });
    expect(describeRebalance(v)).toMatch(new RegExp(`${idle[0].client} is reading \\(idle: only 2 partitions to share\\)`));
  });

  test("a crash sends no LeaveGroup: the member's partitions are stuck until session.timeout.ms, then go to the others", () => {
    const r = runScenario(withFaults(presets["three-members"].scenario, [{ type: "consumer-crash", atMs: 8_000, client: "consumer-2" }]));
    const stuck = fold(r, 12_000);
    expect(stuck.state).toBe("Stable");
    expect(stuck.members.find((m) => m.client === "consumer-2")).toMatchObject({ status: "crashed", owned: [4, 5] });
    expect(stuck.chips.filter((c) => c.status === "stuck").map((c) => c.partition)).toEqual([4, 5]);
    const expired = first(r, "group.member", (e) => e.change === "expired")!;
    expect(expired.t).toBeGreaterThanOrEqual(8_000 + 10_000 - 3_000); // session.timeout.ms after the last heartbeat
    const after = fold(r, r.scenario.durationMs);
    expect(after.members.find((m) => m.client === "consumer-2")).toMatchObject({ status: "left", removedBy: "session-timeout" });
    expect(after.chips.filter((c) => c.partition >= 4).every((c) => c.status === "consuming" && c.member !== "consumer-2")).toBe(true);
  });

  test("a stall past max.poll.interval.ms: the member is stalled, its partitions unread, then it leaves the group and is rebalanced away", () => {
    const r = runScenario(withFaults(presets["three-members"].scenario, [{ type: "consumer-stall", atMs: 8_000, client: "consumer-0", durationMs: 13_000 }]));
    const during = fold(r, 12_000);
    expect(during.members.find((m) => m.client === "consumer-0")).toMatchObject({ status: "stalled", stallUntilMs: 21_000 });
    expect(during.chips.filter((c) => c.status === "stuck").map((c) => c.partition)).toEqual([0, 1]);
    const leave = first(r, "consumer.leave", (e) => e.client === "consumer-0")!;
    expect(leave.reason).toMatch(/poll timeout/);
    expect(leave.t).toBeLessThan(21_000);
    expect(fold(r, leave.t + 1).members.find((m) => m.client === "consumer-0")?.removedBy).toBe("poll-timeout");
  });
});

describe("rebalance fold: the listener removes the duplicates", () => {
  test("without the listener, records of the partitions that move are processed twice; committing in onPartitionsRevoked leaves none", () => {
    const without = fold(runScenario(presets.listener.scenario), presets.listener.scenario.durationMs);
    expect(without.commitOnRevoke).toBe(false);
    expect(without.duplicates).toBeGreaterThan(10);
    const withListener = listenerKnob.apply!(copy(presets.listener.scenario), "commit-on-revoke");
    const v = fold(runScenario(withListener), presets.listener.scenario.durationMs);
    expect(v.commitOnRevoke).toBe(true);
    expect(v.duplicates).toBe(0);
    expect(v.processed).toBeGreaterThan(50);
  });
});

describe("rebalance controls", () => {
  test("the strategy knob writes Kafka's class name into every member, and the fold reads the protocol back", () => {
    const s = strategyKnob.apply!(copy(presets["three-members"].scenario), [COOPERATIVE_STICKY_ASSIGNOR]);
    const consumers = (s.workload ?? []).filter((w) => w.type === "consumer");
    expect(consumers).toHaveLength(3);
    for (const w of consumers) expect((w.config ?? {})["partition.assignment.strategy"]).toBe(COOPERATIVE_STICKY_ASSIGNOR);
    expect(shortAssignorName(COOPERATIVE_STICKY_ASSIGNOR)).toBe("cooperative-sticky");
  });

  test("Add consumer starts a new instance at t; once a member has left, it brings that member back with consumer-join", () => {
    const v = fold(eager, 8_000);
    const added = addConsumer(copy(presets["three-members"].scenario), 8_000, v)!;
    expect((added.workload ?? []).filter((w) => w.type === "consumer").map((w) => [w.client, w.startMs])).toContainEqual(["consumer-3", 8_000]);
    const later = fold(eager, 20_000);
    const rejoin = addConsumer(copy(presets["three-members"].scenario), 20_000, later)!;
    expect(rejoin.faults).toContainEqual({ type: "consumer-join", atMs: 20_000, client: "consumer-1" });
  });

  test("member actions are offered only for members that are running, and Stall outlasts max.poll.interval.ms", () => {
    const v = fold(eager, 20_000);
    const visible = rebalanceActions.filter((a) => (a.visible ? a.visible(v) : true)).map((a) => a.id);
    expect(visible).toEqual(["add-consumer", "remove-0", "crash-0", "stall-0", "remove-2", "crash-2", "stall-2"]);
    const stall = rebalanceActions.find((a) => a.id === "stall-2")!.fault!(20_000, v);
    expect(stall).toEqual({ type: "consumer-stall", atMs: 20_000, client: "consumer-2", durationMs: v.maxPollIntervalMs + 3000 });
  });
});

describe("rebalance layout", () => {
  test("every partition has exactly one chip, chips never overlap, and a narrow stage stacks the coordinator above the members", () => {
    for (const width of [1000, 375]) {
      const v = fold(eager, 15_400);
      const layout = layoutStage(v, width, ["read by its owner", "assigned, not yet received", "revoked: nobody reads it", "owner stalled or crashed"]);
      expect(layout.chips.map((c) => c.chip.partition).sort()).toEqual([0, 1, 2, 3, 4, 5]);
      const spots = new Set(layout.chips.map((c) => `${c.x},${c.y}`));
      expect(spots.size).toBe(6);
      for (const c of layout.chips) expect(c.x + 38).toBeLessThanOrEqual(width);
      if (width < 620) expect(layout.members[0].y).toBeGreaterThan(layout.coordinator.y + layout.coordinator.height);
    }
  });

  test("details wrap at spaces to the row's width", () => {
    expect(wrapText("crashed; removed after session.timeout.ms without a heartbeat", 160)).toEqual(["crashed; removed after", "session.timeout.ms", "without a heartbeat"]);
  });
});
