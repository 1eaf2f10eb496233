import { checkConsumption, type RunResult } from "../../engine/index";
import { t, type MessageKey } from "../../content/i18n/t";
import { formatSeconds } from "../kit/format";
import { foldCommitTiming, labConsumer } from "../commit-timing/fold";
import type { GoalOutcome } from "./goals";

/**
 * The goals of the consumer chapter's exercises (content/chapters/consumers.mdx), checked on
 * the run of the commit-timing lab above them: the consumption checker's verdict (records
 * processed twice or never) and the lab's own fold (where the group started, what it did).
 */

const pass = (key: MessageKey, params?: Record<string, string | number>): GoalOutcome => ({ passed: true, message: t(key, params) });
const fail = (key: MessageKey, params?: Record<string, string | number>): GoalOutcome => ({ passed: false, message: t(key, params) });

/** The lab's state at the end of the run. */
function endView(result: RunResult) {
  return foldCommitTiming(result.trace, result.scenario.durationMs, result.scenario);
}

function labClient(result: RunResult): string {
  return labConsumer(result.scenario).spec?.client ?? "consumer-0";
}

/** The lab consumer's crashes, and whether a restarted consumer processed records after each. */
function crashesOf(result: RunResult): { t: number; step: string; resumed: boolean }[] {
  const client = labClient(result);
  const trace = result.trace;
  return trace
    .filter((e) => e.type === "consumer.crash" && e.client === client)
    .map((e) => ({
      t: e.t,
      step: e.type === "consumer.crash" ? e.step : "",
      resumed: trace.some((p) => p.type === "consumer.process" && p.client === client && p.t > e.t),
    }));
}

/** Records of the partition the group never processed at all (from `from` on). */
function neverProcessed(result: RunResult, from: number): number[] {
  const view = endView(result);
  return view.records.filter((r) => r.offset >= from && r.processedTimes === 0).map((r) => r.offset);
}

// ---- consumers.lose-a-record -------------------------------------------------------------------

function loseARecord(result: RunResult): GoalOutcome {
  const crashes = crashesOf(result);
  if (crashes.length === 0) return fail("consumerGoal.lose.noCrash");
  const verdict = checkConsumption(result.trace);
  const lost = verdict.lost.find((l) => l.cause === "committed-before-processing");
  if (lost) return pass("consumerGoal.lose.passed", { count: verdict.lost.length, explanation: lost.explanation });
  if (!crashes.some((c) => c.resumed)) return fail("consumerGoal.lose.noRestart");
  return fail("consumerGoal.lose.nothingLost", { twice: verdict.duplicated.length });
}

// ---- consumers.at-most-one-duplicate ------------------------------------------------------------

const MAX_DUPLICATES = 1;

function atMostOneDuplicate(result: RunResult): GoalOutcome {
  const crash = crashesOf(result).find((c) => c.step === "mid-batch");
  if (!crash) return fail("consumerGoal.fewDup.noMidBatchCrash");
  if (!crash.resumed) return fail("consumerGoal.fewDup.noRestart", { time: formatSeconds(crash.t) });
  const verdict = checkConsumption(result.trace);
  if (verdict.lost.length > 0) return fail("consumerGoal.fewDup.lost", { count: verdict.lost.length, explanation: verdict.lost[0].explanation });
  const view = endView(result);
  const missing = neverProcessed(result, view.startOffset ?? 0);
  if (missing.length > 0) return fail("consumerGoal.fewDup.unfinished", { count: missing.length, first: missing[0] });
  if (verdict.duplicated.length > MAX_DUPLICATES) return fail("consumerGoal.fewDup.tooMany", { count: verdict.duplicated.length, max: MAX_DUPLICATES });
  return pass("consumerGoal.fewDup.passed", { count: verdict.duplicated.length, time: formatSeconds(crash.t), processed: view.counts.processed });
}

// ---- consumers.only-new-records -------------------------------------------------------------------

/** Where the group started, and how many records were in the log then (none: it never got a position). */
function groupStart(result: RunResult): { offset: number; t: number; policy: string | null } | null {
  const client = labClient(result);
  const start = result.trace.find((e) => (e.type === "consumer.reset" || e.type === "consumer.seek") && e.client === client);
  if (!start || (start.type !== "consumer.reset" && start.type !== "consumer.seek")) return null;
  return { offset: start.offset, t: start.t, policy: start.type === "consumer.reset" ? start.policy : null };
}

function noPosition(result: RunResult): GoalOutcome {
  const view = endView(result);
  return view.lastError ? fail("consumerGoal.reset.neverStarted", { exception: view.lastError.exception }) : fail("consumerGoal.reset.noStart");
}

function onlyNewRecords(result: RunResult): GoalOutcome {
  const start = groupStart(result);
  if (!start) return noPosition(result);
  const view = endView(result);
  if (start.offset === 0) return fail("consumerGoal.newOnly.fromZero", { processed: view.counts.processed });
  const old = view.records.find((r) => r.offset < start.offset && r.processedTimes > 0);
  if (old) return fail("consumerGoal.newOnly.readOld", { offset: old.offset, start: start.offset });
  const missing = neverProcessed(result, start.offset);
  if (missing.length > 0) return fail("consumerGoal.newOnly.missed", { count: missing.length, first: missing[0] });
  return pass("consumerGoal.newOnly.passed", { start: start.offset, time: formatSeconds(start.t), count: view.records.length - start.offset, skipped: start.offset });
}

// ---- consumers.read-everything-retained -----------------------------------------------------------

function readEverythingRetained(result: RunResult): GoalOutcome {
  const start = groupStart(result);
  if (!start) return noPosition(result);
  const view = endView(result);
  if (start.offset > 0) return fail("consumerGoal.everything.startedLate", { start: start.offset, policy: start.policy ?? "seek" });
  const missing = neverProcessed(result, 0);
  if (missing.length > 0) return fail("consumerGoal.everything.missed", { count: missing.length, first: missing[0] });
  return pass("consumerGoal.everything.passed", { count: view.records.length, time: formatSeconds(start.t) });
}

// ---- consumers.replay-from-offset ---------------------------------------------------------------

/** The offset the replay must start at (the lab's "Seek to offset 10" button). */
const REPLAY_FROM = 10;

/**
 * Passes when the records processed a second time are exactly a run from offset 10 on: record
 * 10 and every record after it up to the last one replayed, nothing before 10, nothing lost.
 */
function replayFromOffset(result: RunResult): GoalOutcome {
  if (!groupStart(result)) return noPosition(result);
  const view = endView(result);
  const twice = view.records.filter((r) => r.processedTimes >= 2);
  if (twice.length === 0) return fail("consumerGoal.replay.none", { offset: REPLAY_FROM });
  const early = twice.find((r) => r.offset < REPLAY_FROM);
  if (early) return fail("consumerGoal.replay.tooEarly", { offset: early.offset, from: REPLAY_FROM });
  const first = twice[0].offset;
  if (first > REPLAY_FROM) {
    const times = view.records.find((r) => r.offset === REPLAY_FROM)?.processedTimes ?? 0;
    return fail("consumerGoal.replay.startedLate", { first, from: REPLAY_FROM, times });
  }
  const last = twice[twice.length - 1].offset;
  const gap = view.records.find((r) => r.offset > REPLAY_FROM && r.offset < last && r.processedTimes < 2);
  if (gap) return fail("consumerGoal.replay.gap", { offset: gap.offset, first, last });
  const verdict = checkConsumption(result.trace);
  if (verdict.lost.length > 0) return fail("consumerGoal.replay.lost", { count: verdict.lost.length, explanation: verdict.lost[0].explanation });
  const explanation = verdict.duplicated.find((d) => d.offset === REPLAY_FROM)?.explanation ?? "";
  return pass("consumerGoal.replay.passed", { from: REPLAY_FROM, last, count: twice.length, explanation });
}

/** The consumer chapter's goals, registered in goals.ts. */
export const consumerGoals = {
  "consumers.lose-a-record": loseARecord,
  "consumers.at-most-one-duplicate": atMostOneDuplicate,
  "consumers.only-new-records": onlyNewRecords,
  "consumers.read-everything-retained": readEverythingRetained,
  "consumers.replay-from-offset": replayFromOffset,
};
