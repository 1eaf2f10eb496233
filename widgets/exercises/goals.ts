import { buildCluster, type BrokerId, type RunResult } from "../../engine/index";
import { t, type MessageKey } from "../../content/i18n/t";
import { formatList, formatSeconds } from "../kit/format";
import { rebalanceGoals } from "./rebalance-goals";
import { consumerGoals } from "./consumer-goals";
import { producerGoals } from "./producer-goals";
import {
  ackedRecords,
  aliveAtEnd,
  controllerViews,
  finalController,
  finalHighWatermarks,
  finalLeader,
  finalLogs,
  finalSegments,
  heldStretches,
  leaderAt,
  maxControllerEpoch,
  partitionOf,
} from "./facts";

/**
 * The checkable goal of every exercise, by its stable id (content/chapters/*.mdx). A check
 * reads only the run (and, for an exercise that asks the reader to name something, their
 * answers) and says in plain words what is missing. The same checks back the "Check" button
 * under each exercise and a command-line grader.
 */
export interface GoalOutcome {
  passed: boolean;
  message: string;
}

/** The reader's typed answers, by input id (only exercises that ask for them). */
export type Answers = Readonly<Record<string, string>>;

export type GoalCheck = (result: RunResult, answers?: Answers) => GoalOutcome;

/** An answer field an exercise shows next to its Check button. */
export interface GoalInput {
  id: string;
  labelKey: MessageKey;
}

const pass = (key: MessageKey, params?: Record<string, string | number>): GoalOutcome => ({ passed: true, message: t(key, params) });
const fail = (key: MessageKey, params?: Record<string, string | number>): GoalOutcome => ({ passed: false, message: t(key, params) });

// ---- replication.hold-the-watermark ---------------------------------------------------------

/** HW at least this many offsets below the leader's LEO ... */
const HOLD_GAP = 5;
/** ... for this long, with every replica in the ISR. */
const HOLD_MS = 10_000;

function holdTheWatermark(result: RunResult): GoalOutcome {
  const stretches = heldStretches(result, HOLD_GAP);
  const best = stretches.reduce<(typeof stretches)[number] | null>((a, b) => (a === null || b.toMs - b.fromMs > a.toMs - a.fromMs ? b : a), null);
  if (best && best.toMs - best.fromMs >= HOLD_MS) {
    return pass("goal.hold.passed", { length: formatSeconds(best.toMs - best.fromMs), from: formatSeconds(best.fromMs), to: formatSeconds(best.toMs) });
  }
  if (!best) return fail("goal.hold.never", { gap: HOLD_GAP });
  const ended =
    best.endedBy === "isr"
      ? t("goal.hold.endedByIsr", { isr: formatList(best.isr) })
      : best.endedBy === "hw"
        ? t("goal.hold.endedByHw", { gap: HOLD_GAP })
        : best.endedBy === "leader"
          ? t("goal.hold.endedByLeader")
          : t("goal.hold.endedByEnd");
  return fail("goal.hold.tooShort", { length: formatSeconds(best.toMs - best.fromMs), from: formatSeconds(best.fromMs), to: formatSeconds(best.toMs), ended, need: formatSeconds(HOLD_MS) });
}

// ---- replication.keep-acked-with-slow-follower ----------------------------------------------

const MIN_ACKED_BEFORE_CRASH = 20;

function keepAckedWithSlowFollower(result: RunResult): GoalOutcome {
  const p = partitionOf(result);
  const trace = result.trace;
  const slowed = trace.find((e) => e.type === "network.slowed" && e.extraLatencyMs > 0 && /^broker-\d+$/.test(e.node) && leaderAt(trace, p, e.t) !== Number(e.node.slice(7)));
  if (!slowed) return fail("goal.keepAcked.noSlow");
  const acked = ackedRecords(trace, p);
  const notAll = acked.find((a) => a.acks !== "all");
  if (notAll) return fail("goal.keepAcked.notAll", { id: notAll.id, acks: notAll.acks });
  const crash = trace.find((e) => e.type === "broker.crashed" && e.t >= slowed.t && leaderAt(trace, p, e.t) === e.broker);
  if (!crash || crash.type !== "broker.crashed") return fail("goal.keepAcked.noCrash");
  const ackedBefore = acked.filter((a) => a.tMs <= crash.t).length;
  if (ackedBefore < MIN_ACKED_BEFORE_CRASH) return fail("goal.keepAcked.tooFew", { count: ackedBefore, need: MIN_ACKED_BEFORE_CRASH, time: formatSeconds(crash.t) });
  const newLeader = trace.find((e) => e.type === "partition.leader" && e.topic === p.topic && e.partition === p.partition && e.t > crash.t && e.leader !== null && e.leader !== crash.broker);
  if (!newLeader) return fail("goal.keepAcked.noNewLeader", { broker: crash.broker });
  const leader = finalLeader(trace, p);
  if (leader === null) return fail("goal.keepAcked.offlineAtEnd");
  const log = finalLogs(trace, p).get(leader) ?? [];
  const hw = finalHighWatermarks(trace, p).get(leader) ?? 0;
  const readable = new Set(log.slice(0, hw).filter((id): id is string => id !== undefined));
  const missing = acked.filter((a) => !readable.has(a.id));
  if (missing.length > 0) {
    const onLog = new Set(log.filter((id): id is string => id !== undefined));
    const first = missing[0];
    return fail(onLog.has(first.id) ? "goal.keepAcked.notYetReadable" : "goal.keepAcked.missing", { count: missing.length, id: first.id, time: formatSeconds(first.tMs), leader });
  }
  return pass("goal.keepAcked.passed", { count: acked.length, crashed: crash.broker, time: formatSeconds(crash.t), leader });
}

// ---- replication.lose-an-acknowledged-record -------------------------------------------------

function loseAnAcknowledgedRecord(result: RunResult): GoalOutcome {
  const p = partitionOf(result);
  const trace = result.trace;
  const ackedAll = ackedRecords(trace, p).filter((a) => a.acks === "all");
  if (ackedAll.length === 0) return fail("goal.lose.noneAcked");
  const logs = finalLogs(trace, p);
  const holders = (id: string): BrokerId[] => [...logs].filter(([, log]) => log.includes(id)).map(([broker]) => broker);
  const vanished = ackedAll.find((a) => holders(a.id).length === 0);
  if (vanished) return pass("goal.lose.passed", { id: vanished.id, time: formatSeconds(vanished.tMs) });
  const leader = finalLeader(trace, p);
  const leaderLog = leader === null ? [] : (logs.get(leader) ?? []);
  const goneFromLeader = ackedAll.find((a) => !leaderLog.includes(a.id));
  if (goneFromLeader) return fail("goal.lose.stillOnReplica", { id: goneFromLeader.id, brokers: formatList(holders(goneFromLeader.id)) });
  const unclean = trace.some((e) => e.type === "partition.leader" && e.topic === p.topic && e.partition === p.partition && e.election === "unclean");
  return fail(unclean ? "goal.lose.uncleanKeptAll" : "goal.lose.noUnclean", { count: ackedAll.length });
}

// ---- brokers.controller-epoch-3 ---------------------------------------------------------------

const TARGET_CONTROLLER_EPOCH = 3;

function controllerEpoch3(result: RunResult): GoalOutcome {
  const trace = result.trace;
  const reached = maxControllerEpoch(trace);
  if (reached < TARGET_CONTROLLER_EPOCH) return fail("goal.epoch.tooLow", { epoch: reached, target: TARGET_CONTROLLER_EPOCH });
  if (reached > TARGET_CONTROLLER_EPOCH) return fail("goal.epoch.tooHigh", { epoch: reached, target: TARGET_CONTROLLER_EPOCH });
  const controller = finalController(trace);
  const alive = aliveAtEnd(trace);
  if (!controller || !alive.has(controller.broker)) return fail("goal.epoch.noController");
  const views = controllerViews(trace);
  const disagreeing = [...alive].sort((a, b) => a - b).filter((b) => {
    const view = views.get(b);
    return !view || view.controller !== controller.broker || view.epoch !== controller.epoch;
  });
  if (disagreeing.length > 0) return fail("goal.epoch.disagree", { brokers: formatList(disagreeing), controller: controller.broker, epoch: controller.epoch });
  return pass("goal.epoch.passed", { controller: controller.broker, epoch: controller.epoch, brokers: formatList([...alive].sort((a, b) => a - b)) });
}

// ---- brokers.fence-a-zombie -------------------------------------------------------------------

function fenceAZombie(result: RunResult): GoalOutcome {
  const trace = result.trace;
  const rejected = trace.find((e) => e.type === "request.rejected" && e.error === "STALE_CONTROLLER_EPOCH");
  if (rejected && rejected.type === "request.rejected") {
    return pass("goal.zombie.passed", { broker: rejected.broker, request: rejected.request, time: formatSeconds(rejected.t), detail: rejected.detail });
  }
  if (maxControllerEpoch(trace) < 2) return fail("goal.zombie.noNewController");
  const cut = trace.some((e) => e.type === "network.cut");
  return fail(cut ? "goal.zombie.cutNoRequest" : "goal.zombie.crashOnly");
}

// ---- brokers.find-the-segment -----------------------------------------------------------------

const LOOKUP_OFFSET = 1500;

/** "00000000000000001030.log", "00000000000000001030" or "1030" all name the segment based at 1030. */
export function parseSegmentAnswer(answer: string | undefined): number | null {
  const match = /^\s*0*(\d+)(\.log)?\s*$/.exec(answer ?? "");
  return match ? Number(match[1]) : null;
}

/** The index entry as its offset (absolute or relative to the segment), or "none" when the scan starts at the segment's start. */
export function parseIndexAnswer(answer: string | undefined): number | "none" | null {
  const text = (answer ?? "").trim().toLowerCase();
  if (/^(none|no entry|start|-)$/.test(text)) return "none";
  const match = /^(\d+)/.exec(text);
  return match ? Number(match[1]) : null;
}

function findTheSegment(result: RunResult, answers: Answers = {}): GoalOutcome {
  const p = partitionOf(result);
  const leader = finalLeader(result.trace, p);
  if (leader === null) return fail("goal.segment.offline");
  // The lookup needs the offset index, which no trace event carries: rebuild the run (same
  // scenario, same seed, same log) and ask the leader's log, as the widget's lookup does.
  const cluster = buildCluster(result.scenario);
  cluster.runUntil(result.scenario.durationMs);
  const log = cluster.broker(leader)?.replicaManager.partition(p.topic, p.partition)?.log;
  if (!log || LOOKUP_OFFSET < log.logStartOffset || LOOKUP_OFFSET >= log.logEndOffset) {
    return fail("goal.segment.notInLog", { offset: LOOKUP_OFFSET, start: log?.logStartOffset ?? 0, end: log?.logEndOffset ?? 0 });
  }
  const lookup = log.lookup(LOOKUP_OFFSET);
  const segment = parseSegmentAnswer(answers.segment);
  if (segment === null) return fail("goal.segment.askSegment");
  if (segment !== lookup.segmentBaseOffset) {
    const bases = log.segments.map((s) => s.baseOffset);
    if (!bases.includes(segment)) return fail("goal.segment.noSuchSegment", { base: segment });
    return fail(segment > LOOKUP_OFFSET ? "goal.segment.segmentTooHigh" : "goal.segment.segmentTooLow", { base: segment, offset: LOOKUP_OFFSET });
  }
  const index = parseIndexAnswer(answers.index);
  if (index === null) return fail("goal.segment.askIndex");
  const expected = lookup.indexEntry;
  const right = expected === null ? index === "none" : index !== "none" && (index === expected.offset || index === expected.offset - lookup.segmentBaseOffset);
  if (!right) return fail(expected === null ? "goal.segment.indexShouldBeNone" : "goal.segment.indexWrong", { offset: LOOKUP_OFFSET });
  return pass("goal.segment.passed", {
    file: lookup.segmentFile,
    entry: expected === null ? t("goal.segment.noEntry") : t("goal.segment.entry", { offset: expected.offset, position: expected.position }),
    scanned: lookup.scanned.length,
  });
}

// ---- brokers.move-the-log-start-offset ------------------------------------------------------------

const TARGET_LOG_START = 1000;

function moveTheLogStartOffset(result: RunResult): GoalOutcome {
  const p = partitionOf(result);
  const leader = finalLeader(result.trace, p);
  if (leader === null) return fail("goal.lso.offline");
  const segments = finalSegments(result.trace, p, leader);
  const other = segments.deletionReasons.find((r) => r !== "retention.ms" && r !== "retention.bytes");
  if (other) return fail("goal.lso.notRetention", { reason: other });
  const closed = segments.baseOffsets.length - 1;
  if (segments.logStartOffset < TARGET_LOG_START) return fail("goal.lso.tooLow", { start: segments.logStartOffset, target: TARGET_LOG_START, bases: formatList(segments.baseOffsets) });
  if (closed < 1) return fail("goal.lso.noClosed", { start: segments.logStartOffset });
  return pass("goal.lso.passed", { start: segments.logStartOffset, closed });
}

/** Every exercise id used in the chapters, with its check. */
export const goals = {
  "replication.hold-the-watermark": holdTheWatermark,
  "replication.keep-acked-with-slow-follower": keepAckedWithSlowFollower,
  "replication.lose-an-acknowledged-record": loseAnAcknowledgedRecord,
  "brokers.controller-epoch-3": controllerEpoch3,
  "brokers.fence-a-zombie": fenceAZombie,
  "brokers.find-the-segment": findTheSegment,
  "brokers.move-the-log-start-offset": moveTheLogStartOffset,
  ...rebalanceGoals,
  ...consumerGoals,
  ...producerGoals,
} satisfies Record<string, GoalCheck>;

export type ExerciseId = keyof typeof goals;

/** Answer fields an exercise asks for beside its Check button. */
export const goalInputs: Partial<Record<ExerciseId, readonly GoalInput[]>> = {
  "brokers.find-the-segment": [
    { id: "segment", labelKey: "goal.segment.input.segment" },
    { id: "index", labelKey: "goal.segment.input.index" },
  ],
};

export function isExerciseId(id: string): id is ExerciseId {
  return Object.prototype.hasOwnProperty.call(goals, id);
}

/** Runs the check of exercise `id`; an unknown id is reported, not thrown. */
export function checkGoal(id: string, result: RunResult, answers?: Answers): GoalOutcome {
  if (!isExerciseId(id)) return { passed: false, message: t("goal.unknown", { id }) };
  return goals[id](result, answers);
}
