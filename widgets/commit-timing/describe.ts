import { t } from "../../content/i18n/t";
import { formatSeconds } from "../kit/format";
import type { CommitTimingView, Fate, LoopStep } from "./fold";
import type { LoopStepId } from "./loop";
import type { CommitStrategy } from "./presets";

/** The stage in words: its text alternative, the status line, and what tests read. */

export function strategyLabel(strategy: CommitStrategy): string {
  switch (strategy) {
    case "auto":
      return t("commitTiming.strategy.auto");
    case "sync-after-processing":
      return t("commitTiming.strategy.syncAfter");
    case "sync-before-processing":
      return t("commitTiming.strategy.syncBefore");
    case "async-after-processing":
      return t("commitTiming.strategy.asyncAfter");
  }
}

export function fateLabel(fate: Fate): string {
  switch (fate) {
    case "unread":
      return t("commitTiming.fate.unread");
    case "in-batch":
      return t("commitTiming.fate.inBatch");
    case "processed":
      return t("commitTiming.fate.processed");
    case "twice":
      return t("commitTiming.fate.twice");
    case "lost":
      return t("commitTiming.fate.lost");
  }
}

export function loopStepLabel(step: LoopStepId): string {
  switch (step) {
    case "poll":
      return t("commitTiming.loop.poll");
    case "process":
      return t("commitTiming.loop.process");
    case "commit":
      return t("commitTiming.loop.commit");
  }
}

/** What the consumer is doing at t, in one or two sentences. */
export function statusLines(view: CommitTimingView): string[] {
  const lines = [stepSentence(view, view.step)];
  if (view.armed) lines.push(t("commitTiming.status.armed", { step: view.armed.step }));
  return lines;
}

function stepSentence(view: CommitTimingView, step: LoopStep): string {
  const batch = view.batch;
  switch (step) {
    case "idle":
      return t("commitTiming.status.idle");
    case "joining":
      return view.restart ? t("commitTiming.status.rejoining", { time: formatSeconds(view.restart.t) }) : t("commitTiming.status.joining", { group: view.group });
    case "poll":
      return view.lastError && view.position === null ? t("commitTiming.status.error", { exception: view.lastError.exception, policy: view.autoOffsetReset }) : t("commitTiming.status.poll");
    case "process":
      return batch ? t("commitTiming.status.process", { from: batch.fromOffset, to: batch.toOffset, done: batch.done, count: batch.count }) : t("commitTiming.status.poll");
    case "commit":
      return t("commitTiming.status.commit", { offset: view.position ?? 0 });
    case "crashed": {
      const crash = view.crash!;
      return t("commitTiming.status.crashed", { time: formatSeconds(crash.t), step: crash.step, committed: crash.committed === null ? t("commitTiming.none") : crash.committed, position: crash.position ?? t("commitTiming.none") });
    }
    case "stopped":
      return t("commitTiming.status.stopped");
  }
}

export function describeCommitTiming(view: CommitTimingView): string {
  const tp = `${view.topic}-${view.partition}`;
  const parts = [
    t("commitTiming.describe.head", { time: formatSeconds(view.tMs), client: view.client, strategy: strategyLabel(view.strategy) }),
    statusLines(view).join(" "),
    t("commitTiming.describe.log", {
      tp,
      end: view.logEnd,
      hw: view.hw,
      position: view.position === null ? t("commitTiming.none") : view.position,
      committed: view.committed === null ? t("commitTiming.none") : view.committed,
    }),
    t("commitTiming.describe.counts", { processed: view.counts.processed, twice: view.counts.twice, lost: view.counts.lost }),
  ];
  if (view.restart && view.restart.resumedAt !== null) {
    parts.push(view.restart.from === "committed" ? t("commitTiming.restart.committed", { offset: view.restart.resumedAt }) : t("commitTiming.restart.reset", { offset: view.restart.resumedAt, policy: view.autoOffsetReset }));
  }
  return parts.map((p) => p.replace(/\.$/, "")).join(". ") + ".";
}
