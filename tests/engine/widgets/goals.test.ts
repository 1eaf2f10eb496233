import { describe, expect, test } from "vitest";
import { buildCluster, runScenario, type ScenarioInput, type TraceEvent } from "../../../engine/index";
import { CONTROLLER_ELECTION_PRESETS } from "../../../widgets/controller-election/presets";
import { finalSegments, partitionOf } from "../../../widgets/exercises/facts";
import { checkGoal, goals, parseIndexAnswer, parseSegmentAnswer } from "../../../widgets/exercises/goals";
import { presets as hwPresets } from "../../../widgets/hw-chart/presets";
import { LOG_SEGMENTS_PRESETS } from "../../../widgets/log-segments/presets";
import { presets as replicaPresets } from "../../../widgets/replica-log/presets";

/** A mutable copy of a preset, to write a solution as "the preset plus what the reader did". */
function copy(scenario: ScenarioInput): ScenarioInput & { faults: NonNullable<ScenarioInput["faults"]>; topics: NonNullable<ScenarioInput["topics"]> } {
  const clone = JSON.parse(JSON.stringify(scenario)) as ScenarioInput;
  return { ...clone, faults: clone.faults ?? [], topics: clone.topics ?? [] };
}

describe("every exercise in the chapters has a goal check", () => {
  test("the exercise ids of every chapter each have a check, and every check an exercise (the seven of replication and brokers among them)", async () => {
    const { readdir, readFile } = await import("node:fs/promises");
    const ids: string[] = [];
    const dir = new URL("../../../content/chapters/", import.meta.url);
    for (const file of (await readdir(dir)).filter((f) => f.endsWith(".mdx"))) {
      const text = await readFile(new URL(file, dir), "utf8");
      for (const match of text.matchAll(/<Exercise\s+id="([^"]+)"/g)) ids.push(match[1]);
    }
    expect(ids.sort()).toEqual(Object.keys(goals).sort());
    expect(ids.filter((id) => id.startsWith("replication.") || id.startsWith("brokers."))).toHaveLength(7);
  });

  test("an unknown exercise id is reported, not thrown", () => {
    expect(checkGoal("nope", runScenario(replicaPresets.steady.scenario))).toEqual({ passed: false, message: 'There is no check for the exercise "nope".' });
  });
});

describe("replication.hold-the-watermark (C-HW, C-ISR)", () => {
  const check = goals["replication.hold-the-watermark"];

  test("the slow-follower preset fails: the follower leaves the ISR after 2 s of held-back HW", () => {
    const outcome = check(runScenario(hwPresets["slow-follower"].scenario));
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toMatch(/removed from the ISR/);
  });

  test("raising replica.lag.time.max.ms keeps the slow follower in the ISR and the HW held back for over 10 s", () => {
    const solution = copy(hwPresets["slow-follower"].scenario);
    solution.cluster.config = { ...solution.cluster.config, "replica.lag.time.max.ms": 30_000 };
    const outcome = check(runScenario(solution));
    expect(outcome).toMatchObject({ passed: true, message: expect.stringMatching(/all three replicas in the ISR/) });
  });

  test("a run without a slow follower is told the HW never fell behind", () => {
    expect(check(runScenario(replicaPresets.steady.scenario)).message).toMatch(/never fell 5 or more offsets/);
  });
});

describe("replication.keep-acked-with-slow-follower (C-ISR, T-REPLICA)", () => {
  const check = goals["replication.keep-acked-with-slow-follower"];

  test("the slow-follower preset fails: nobody crashed the leader", () => {
    expect(check(runScenario(replicaPresets["slow-follower"].scenario))).toMatchObject({ passed: false, message: expect.stringMatching(/leader was not crashed/) });
  });

  test("crashing the leader at 15 s, after 28 acks=all records: the clean election keeps every one readable", () => {
    const solution = copy(replicaPresets["slow-follower"].scenario);
    solution.faults.push({ type: "crash", atMs: 15_000, broker: "leader", topic: "orders" });
    expect(check(runScenario(solution))).toMatchObject({ passed: true, message: expect.stringMatching(/all 28 acknowledged records are readable/) });
  });

  test("crashing too early, or with acks=1, is named as the problem", () => {
    const early = copy(replicaPresets["slow-follower"].scenario);
    early.faults.push({ type: "crash", atMs: 6_000, broker: 1 });
    expect(check(runScenario(early)).message).toMatch(/Only \d+ record\(s\) had been acknowledged/);
    const acks1 = copy(replicaPresets["slow-follower"].scenario);
    acks1.workload = acks1.workload!.map((w) => ({ ...w, acks: "1" as const }));
    acks1.faults.push({ type: "crash", atMs: 15_000, broker: 1 });
    expect(check(runScenario(acks1)).message).toMatch(/acks=1/);
  });
});

describe("replication.lose-an-acknowledged-record (C-ISR, T-REPLICA)", () => {
  const check = goals["replication.lose-an-acknowledged-record"];

  test("the leader-crash preset fails: every acks=all record is still on some replica", () => {
    expect(check(runScenario(replicaPresets["leader-crash"].scenario))).toMatchObject({ passed: false, message: expect.stringMatching(/No unclean election happened/) });
  });

  test("unclean election of a lagging replica, then the old ISR returns and truncates: an acks=all record is on no replica", () => {
    const solution = copy(replicaPresets["leader-crash"].scenario);
    solution.topics[0].config = { ...solution.topics[0].config, "unclean.leader.election.enable": true };
    solution.faults.push(
      { type: "slow", atMs: 2_000, broker: 3, extraLatencyMs: 1_500 },
      { type: "crash", atMs: 10_000, broker: 1 },
      { type: "crash", atMs: 10_000, broker: 2 },
      { type: "restart", atMs: 22_000, broker: 1 },
      { type: "restart", atMs: 22_000, broker: 2 },
    );
    const result = runScenario(solution);
    expect(check(result)).toMatchObject({ passed: true, message: expect.stringMatching(/acknowledged with acks=all at .* on no replica/) });
    expect(result.verdict.lost[0]?.cause).toBe("unclean-leader-election");
  });

  test("while an old ISR member is still down it holds the record, and the message says so", () => {
    const partial = copy(replicaPresets["leader-crash"].scenario);
    partial.topics[0].config = { ...partial.topics[0].config, "unclean.leader.election.enable": true };
    partial.faults.push({ type: "slow", atMs: 2_000, broker: 3, extraLatencyMs: 1_500 }, { type: "crash", atMs: 10_000, broker: 1 }, { type: "crash", atMs: 10_000, broker: 2 });
    expect(check(runScenario(partial)).message).toMatch(/still hold it/);
  });
});

describe("brokers.controller-epoch-3 (B-CONTROLLER)", () => {
  const check = goals["brokers.controller-epoch-3"];
  const preset = CONTROLLER_ELECTION_PRESETS["three-brokers"].scenario;
  /** Crash whoever is the controller at each of these times. */
  const failovers = (...times: number[]) => times.flatMap((atMs) => [{ type: "crash" as const, atMs, broker: "controller" as const }]);

  test("the three-brokers preset fails: its controller epoch stays below 3", () => {
    expect(check(runScenario(preset))).toMatchObject({ passed: false, message: expect.stringMatching(/only reached [12]; it must reach 3/) });
  });

  test("two controller failovers, with the crashed brokers restarted, end at epoch 3 with every broker agreeing", () => {
    const solution = copy(preset);
    const result0 = runScenario({ ...solution, faults: failovers(5_000) });
    const first = result0.trace.find((e) => e.type === "broker.crashed");
    solution.faults.push(...failovers(5_000), { type: "restart", atMs: 12_000, broker: first!.type === "broker.crashed" ? first!.broker : 1 });
    const result1 = runScenario(solution);
    const second = result1.trace.filter((e) => e.type === "controller.elected").at(-1);
    solution.faults.push(...failovers(16_000), { type: "restart", atMs: 24_000, broker: second!.type === "controller.elected" ? second!.broker : 1 });
    expect(check(runScenario(solution))).toMatchObject({ passed: true, message: expect.stringMatching(/controller in epoch 3, and every running broker \(\[1, 2, 3\]\) agrees/) });
  });

  test("going past epoch 3 is named as overshooting", () => {
    const over = copy(preset);
    const restartAll = (atMs: number) => [1, 2, 3].map((broker) => ({ type: "restart" as const, atMs, broker }));
    over.faults.push(...failovers(5_000), ...restartAll(12_000), ...failovers(14_000), ...restartAll(21_000), ...failovers(23_000), ...restartAll(30_000));
    expect(check(runScenario(over)).message).toMatch(/went past 3/);
  });
});

describe("brokers.fence-a-zombie (B-CONTROLLER)", () => {
  const check = goals["brokers.fence-a-zombie"];
  const preset = CONTROLLER_ELECTION_PRESETS["three-brokers"].scenario;

  test("the three-brokers preset fails: no broker rejected a stale controller epoch", () => {
    expect(check(runScenario(preset))).toMatchObject({ passed: false, message: expect.stringMatching(/No broker rejected a request/) });
  });

  test("crashing the controller is not enough, and the message says why", () => {
    const crash = copy(preset);
    crash.faults.push({ type: "crash", atMs: 5_000, broker: "controller" });
    expect(check(runScenario(crash)).message).toMatch(/crashed controller sends nothing/);
  });

  test("a run in which a broker rejects a request for its stale controller epoch passes (check proven on a constructed trace)", () => {
    const result = runScenario(preset);
    const rejected: TraceEvent = { t: 14_100, type: "request.rejected", broker: 3, request: "UpdateMetadata", error: "STALE_CONTROLLER_EPOCH", detail: "controller epoch 1 is older than 2" };
    expect(check({ ...result, trace: [...result.trace, rejected] })).toMatchObject({ passed: true, message: expect.stringMatching(/broker 3 rejected a UpdateMetadata request/) });
  });

  test("the reader's solution passes: cut the controller off from a broker, crash another, cut it off from ZooKeeper, heal", () => {
    // Broker 2 is the preset's controller. Its UpdateMetadata to broker 1 about broker 3's death
    // stays queued behind the cut; meanwhile it becomes a zombie and broker 1 takes over with
    // epoch 2; after the heal the queued request arrives and is refused.
    const solution = copy(preset);
    solution.faults.push(
      { type: "cut", atMs: 5_000, a: [2], b: [1] },
      { type: "crash", atMs: 6_000, broker: 3 },
      { type: "cut", atMs: 14_000, a: [2], b: ["zk"] },
      { type: "heal", atMs: 24_300 },
    );
    const result = runScenario(solution);
    expect(check(result)).toMatchObject({ passed: true, message: expect.stringMatching(/broker 1 rejected a (UpdateMetadata|LeaderAndIsr) request/) });
  });
});

describe("brokers.find-the-segment (B-STORAGE)", () => {
  const check = goals["brokers.find-the-segment"];
  const result = runScenario(LOG_SEGMENTS_PRESETS.lookup.scenario);

  test("the lookup preset with no answer fails and asks for the segment file", () => {
    expect(check(result)).toMatchObject({ passed: false, message: expect.stringMatching(/Type the name of the segment file/) });
  });

  test("naming 00000000000000001030.log and the index entry at offset 1479 passes (either as absolute or relative offset)", () => {
    expect(check(result, { segment: "00000000000000001030.log", index: "1479" })).toMatchObject({ passed: true, message: expect.stringMatching(/offset 1500 is in 00000000000000001030\.log/) });
    expect(check(result, { segment: "1030", index: "449" }).passed).toBe(true);
  });

  test("the answers agree with the engine's own three-step lookup on the leader's log", () => {
    const cluster = buildCluster(result.scenario);
    cluster.runUntil(result.scenario.durationMs);
    const lookup = cluster.broker(1)!.replicaManager.partition("orders", 0)!.log.lookup(1500);
    expect([lookup.segmentFile, lookup.indexEntry?.offset]).toEqual(["00000000000000001030.log", 1479]);
  });

  test("wrong answers say what is wrong without giving the answer away", () => {
    expect(check(result, { segment: "00000000000000002060.log", index: "1479" }).message).toMatch(/starts above 1500/);
    expect(check(result, { segment: "0", index: "1479" }).message).toMatch(/a later segment also does/);
    expect(check(result, { segment: "777", index: "1479" }).message).toMatch(/no segment with base offset 777/);
    expect(check(result, { segment: "1030", index: "1400" }).message).toMatch(/not the index entry/);
    expect(parseSegmentAnswer(" 00000000000000001030.log ")).toBe(1030);
    expect(parseIndexAnswer("none")).toBe("none");
    expect(parseIndexAnswer("1479 @ 446644")).toBe(1479);
  });
});

describe("brokers.move-the-log-start-offset (B-RETENTION)", () => {
  const check = goals["brokers.move-the-log-start-offset"];

  test("the retention preset fails: by the end every closed segment has aged out", () => {
    expect(check(runScenario(LOG_SEGMENTS_PRESETS.retention.scenario))).toMatchObject({ passed: false, message: expect.stringMatching(/no closed segment is left/) });
  });

  test("retention.ms of 110 s keeps the last closed segment and moves the log start offset to 1260", () => {
    const solution = copy(LOG_SEGMENTS_PRESETS.retention.scenario);
    solution.topics[0].config = { ...solution.topics[0].config, "retention.ms": 110_000 };
    expect(check(runScenario(solution))).toMatchObject({ passed: true, message: expect.stringMatching(/log start offset is 1260, and 1 closed segment/) });
  });

  test("the segments read from the trace match the engine's log, including the empty segment rolled when all are deleted", () => {
    const result = runScenario(LOG_SEGMENTS_PRESETS.retention.scenario);
    const cluster = buildCluster(result.scenario);
    cluster.runUntil(result.scenario.durationMs);
    const log = cluster.broker(1)!.replicaManager.partition("orders", 0)!.log;
    const segments = finalSegments(result.trace, partitionOf(result), 1);
    expect(segments.baseOffsets).toEqual(log.segments.map((s) => s.baseOffset));
    expect(segments.logStartOffset).toBe(log.logStartOffset);
  });
});
