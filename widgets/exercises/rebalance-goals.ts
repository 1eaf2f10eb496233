import type { RunResult } from "../../engine/index";
import { t, type MessageKey } from "../../content/i18n/t";
import { formatDuration, formatSeconds } from "../kit/format";
import { consumptionVerdictOf, foldConsumption, rebalanceGaps } from "../rebalance/consumption-fold";
import { foldRebalance } from "../rebalance/fold";

/**
 * The goal checks of the chapter "Rebalancing" (exercise ids "rebalance.*"). Each reads only
 * the run, through the same folds the rebalance widget draws, and says what is missing.
 */
interface GoalOutcome {
  passed: boolean;
  message: string;
}

const pass = (key: MessageKey, params?: Record<string, string | number>): GoalOutcome => ({ passed: true, message: t(key, params) });
const fail = (key: MessageKey, params?: Record<string, string | number>): GoalOutcome => ({ passed: false, message: t(key, params) });

// ---- rebalance.scale-out-without-stopping -----------------------------------------------------

/** Members the group must reach ... */
const SCALE_OUT_MEMBERS = 5;
/** ... with at most this many partitions ever unread ... */
export const SCALE_OUT_MAX_PAUSED = 2;
/** ... for longer than this. */
export const SCALE_OUT_PAUSE_MS = 1000;

function scaleOutWithoutStopping(result: RunResult): GoalOutcome {
  const view = foldRebalance(result.trace, result.scenario.durationMs, result.scenario);
  const reading = view.members.filter((m) => m.status === "stable" && m.owned.length > 0);
  if (reading.length < SCALE_OUT_MEMBERS) return fail("rebalanceGoal.scaleOut.tooFew", { count: reading.length, need: SCALE_OUT_MEMBERS });
  const unread = view.chips.filter((c) => c.status !== "consuming");
  if (unread.length > 0) return fail("rebalanceGoal.scaleOut.unread", { partitions: unread.map((c) => `${view.topic}-${c.partition}`).join(", ") });
  const long = rebalanceGaps(foldConsumption(result.trace, result.scenario)).filter((g) => g.toMs - g.fromMs > SCALE_OUT_PAUSE_MS);
  const paused = [...new Set(long.map((g) => g.partition))].sort((a, b) => a - b);
  if (paused.length > SCALE_OUT_MAX_PAUSED) {
    return fail("rebalanceGoal.scaleOut.stopped", { count: paused.length, max: SCALE_OUT_MAX_PAUSED, pause: formatDuration(SCALE_OUT_PAUSE_MS), partitions: paused.map((p) => `${view.topic}-${p}`).join(", "), protocol: view.rebalanceProtocol });
  }
  return pass("rebalanceGoal.scaleOut.passed", { members: reading.length, count: paused.length, pause: formatDuration(SCALE_OUT_PAUSE_MS) });
}

// ---- rebalance.no-duplicate-processing --------------------------------------------------------

/** Enough processing that "nothing twice" is not won by reading nothing. */
export const NO_DUPLICATES_MIN_PROCESSED = 50;

function noDuplicateProcessing(result: RunResult): GoalOutcome {
  const timeline = foldConsumption(result.trace, result.scenario);
  const owners = new Map<number, Set<string>>();
  for (const bar of timeline.bars) owners.set(bar.partition, (owners.get(bar.partition) ?? new Set()).add(bar.client));
  const moved = [...owners].filter(([, clients]) => clients.size > 1).map(([p]) => p);
  if (moved.length === 0) return fail("rebalanceGoal.noDup.noMove");
  const verdict = consumptionVerdictOf(result.trace);
  if (verdict.duplicated.length > 0) {
    const first = verdict.duplicated[0];
    return fail("rebalanceGoal.noDup.duplicates", { count: verdict.duplicated.length, id: first.id, explanation: first.explanation });
  }
  const processed = new Set(result.trace.flatMap((e) => (e.type === "consumer.process" ? [e.id] : []))).size;
  if (processed < NO_DUPLICATES_MIN_PROCESSED) return fail("rebalanceGoal.noDup.tooFew", { count: processed, need: NO_DUPLICATES_MIN_PROCESSED });
  return pass("rebalanceGoal.noDup.passed", { moved: moved.length, processed });
}

// ---- rebalance.idle-member --------------------------------------------------------------------

function idleMember(result: RunResult): GoalOutcome {
  const view = foldRebalance(result.trace, result.scenario.durationMs, result.scenario);
  const idle = view.members.find((m) => m.idle);
  if (idle) {
    const inGroup = view.members.filter((m) => m.status !== "left" && m.status !== "crashed").length;
    return pass("rebalanceGoal.idle.passed", { member: idle.client, members: inGroup, partitions: view.partitionCount, generation: view.generation, time: formatSeconds(view.tMs) });
  }
  const inGroup = view.members.filter((m) => m.status === "stable").length;
  return fail("rebalanceGoal.idle.none", { members: inGroup, partitions: view.partitionCount });
}

/** The chapter's exercise ids and their checks (registered in goals.ts). */
export const rebalanceGoals = {
  "rebalance.scale-out-without-stopping": scaleOutWithoutStopping,
  "rebalance.no-duplicate-processing": noDuplicateProcessing,
  "rebalance.idle-member": idleMember,
};
