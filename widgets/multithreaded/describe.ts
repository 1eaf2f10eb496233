import { t } from "../../content/i18n/t";
import { formatSeconds, formatTopicPartition } from "../kit/format";
import type { Lane, MultithreadedView, OutOfOrderFinish, PartitionRow } from "./fold";
import { GROUP } from "./presets";

/** Words shared by the stage, the text alternative and the static frame. */

export const formatRate = (perSec: number): string => (Math.round(perSec * 10) / 10).toFixed(1);

export function modelName(model: MultithreadedView["model"]): string {
  return t(model === "per-thread" ? "multithreaded.model.per-thread" : "multithreaded.model.worker-pool");
}

export function headerText(view: MultithreadedView): string {
  const head = t(view.model === "per-thread" ? "multithreaded.header.per-thread" : "multithreaded.header.worker-pool", { threads: view.threads, partitions: view.partitionCount, topic: view.topic, group: GROUP });
  const timing = view.jitterMs > 0 ? t("multithreaded.header.timingJitter", { ms: view.processingMs, jitter: view.jitterMs }) : t("multithreaded.header.timing", { ms: view.processingMs });
  return `${head} · ${timing}`;
}

export function statsText(view: MultithreadedView): string {
  return t("multithreaded.stats", { rate: formatRate(view.throughputPerSec), processed: view.processed, written: view.written, idle: view.idleThreads, late: view.outOfOrder.length });
}

export function laneName(lane: Lane, view: Pick<MultithreadedView, "model">): string {
  return view.model === "worker-pool" ? t("multithreaded.lane.worker", { worker: lane.worker }) : lane.client;
}

/** What a thread is doing, in words: the record in hand, or why it has none. */
export function laneStateText(lane: Lane, view: Pick<MultithreadedView, "model" | "tMs">): string {
  switch (lane.state) {
    case "processing":
      return t("multithreaded.lane.record", { partition: lane.current!.partition, offset: lane.current!.offset, left: Math.max(0, Math.round(lane.current!.finishMs - view.tMs)) });
    case "waiting":
      return t(view.model === "worker-pool" ? "multithreaded.lane.waitingPool" : "multithreaded.lane.waiting");
    case "idle":
      return t("multithreaded.lane.idle");
    case "joining":
      return t("multithreaded.lane.joining");
    case "crashed":
      return t("multithreaded.lane.crashed");
    case "not-started":
      return t("multithreaded.lane.notStarted");
  }
}

export function lateLabel(late: OutOfOrderFinish): string {
  return t("multithreaded.late.label", { partition: late.partition, after: late.afterOffset, offset: late.offset });
}

/** "safe to commit 4, not 7: #4 not done yet" — the committable offset of a partition. */
export function safeCommitText(row: PartitionRow): string {
  return row.finishedUpTo > row.safeToCommit ? t("multithreaded.partition.gap", { safe: row.safeToCommit, upTo: row.finishedUpTo, missing: row.safeToCommit }) : t("multithreaded.partition.safe", { safe: row.safeToCommit });
}

/** The stage in words: the text alternative of the picture, and what tests read. */
export function describeMultithreaded(view: MultithreadedView): string {
  const parts = [
    t("multithreaded.describe.head", {
      time: formatSeconds(view.tMs),
      model: modelName(view.model),
      threads: view.threads,
      partitions: view.partitionCount,
      processed: view.processed,
      written: view.written,
      rate: formatRate(view.throughputPerSec),
      idle: view.idleThreads,
      late: view.outOfOrder.length,
    }),
  ];
  if (view.doneAtMs !== null) parts.push(t("multithreaded.describe.done", { time: formatSeconds(view.doneAtMs) }));
  for (const row of view.partitions) {
    const tp = formatTopicPartition(view.topic, row.partition);
    parts.push(
      row.finished.length === 0
        ? t("multithreaded.describe.partitionEmpty", { tp, safe: safeCommitText(row) })
        : t("multithreaded.describe.partition", { tp, order: row.finished.map((f) => (f.again ? t("multithreaded.describe.again", { offset: f.offset }) : `#${f.offset}`)).join(" "), safe: safeCommitText(row) }),
    );
  }
  for (const lane of view.lanes) parts.push(t("multithreaded.describe.lane", { lane: laneName(lane, view), state: laneStateText(lane, view) }));
  if (view.outOfOrder.length > 0) parts.push(t("multithreaded.describe.late", { list: view.outOfOrder.map(lateLabel).join("; ") }));
  return parts.join(". ") + ".";
}
