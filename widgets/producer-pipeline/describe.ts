import { t } from "../../content/i18n/t";
import { formatSeconds } from "../kit/format";
import { currentRecordText, doneNote } from "./words";
import type { BatchMark, PipelineView } from "./fold";
import { batchStateLabel, formatBytes, shortBatchId } from "./marks";

/** The stage in words: the text alternative of the picture, and what tests read. */
export function describePipeline(view: PipelineView): string {
  const s = view.settings;
  const parts: string[] = [];
  parts.push(
    t("producerPipeline.describe.head", {
      time: formatSeconds(view.tMs),
      client: view.client,
      topic: view.topic,
      keyed: view.keyed ? t("producerPipeline.keyed") : t("producerPipeline.keyless"),
      acks: s.acks,
      batchSize: s.batchSize,
      linger: s.lingerMs,
      inFlight: s.maxInFlight,
    }),
  );
  if (view.current) parts.push(t("producerPipeline.describe.current", { text: currentRecordText(view) }));
  for (const row of view.partitions) {
    const tp = `${view.topic}-${row.partition}`;
    const leader = row.leader === null ? t("producerPipeline.row.noLeader") : t("producerPipeline.row.leader", { broker: row.leader });
    const deque = row.deque.length === 0 ? t("producerPipeline.describe.dequeEmpty") : row.deque.map((b) => describeBatch(b, view)).join("; ");
    const last = row.done[row.done.length - 1];
    parts.push(`${tp} ${leader}: ${deque}${last ? `; ${t("producerPipeline.describe.last", { note: doneNote(last), count: last.count })}` : ""}`);
  }
  const b = view.buffer;
  parts.push(
    b.waiting > 0
      ? t("producerPipeline.describe.bufferBlocked", { used: formatBytes(b.usedBytes), total: formatBytes(b.totalBytes), free: formatBytes(b.availableBytes), waiting: b.waiting })
      : t("producerPipeline.describe.buffer", { used: formatBytes(b.usedBytes), total: formatBytes(b.totalBytes), free: formatBytes(b.availableBytes) }),
  );
  for (const broker of view.brokers) {
    const requests = broker.inFlight.map((r) => t("producerPipeline.describe.request", { request: r.id, batches: r.batches.map((x) => t("producerPipeline.describe.requestBatch", { batch: shortBatchId(x.id), count: x.count })).join(", ") || "-" })).join(", ");
    parts.push(
      t(broker.alive ? "producerPipeline.describe.broker" : "producerPipeline.describe.brokerDead", {
        broker: broker.broker,
        used: broker.inFlight.length,
        max: s.maxInFlight,
        requests: requests ? `: ${requests}` : "",
      }),
    );
  }
  parts.push(t("producerPipeline.describe.counts", { sent: view.counts.sent, acked: view.counts.acknowledged, failed: view.counts.failed, timeouts: view.counts.timeouts }));
  if (view.lastFailure) parts.push(t("producerPipeline.describe.failure", { id: view.lastFailure.id, error: view.lastFailure.error }));
  return parts.join(". ") + ".";
}

function describeBatch(batch: BatchMark, view: PipelineView): string {
  const base = t("producerPipeline.describe.batch", { batch: shortBatchId(batch.id), state: batchStateLabel(batch.state), count: batch.count, bytes: batch.bytes, size: view.settings.batchSize });
  if (batch.state === "open" && batch.lingerLeftMs !== null) return `${base}, ${batch.lingerLeftMs > 0 ? t("producerPipeline.batch.linger", { ms: Math.round(batch.lingerLeftMs) }) : t("producerPipeline.batch.lingerOver")}`;
  if (batch.state === "retry-backoff") return `${base}, ${t("producerPipeline.batch.attempt", { attempt: batch.attempt })}`;
  return base;
}
