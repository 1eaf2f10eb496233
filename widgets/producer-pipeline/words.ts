import type { Selection } from "d3-selection";
import { t } from "../../content/i18n/t";
import type { BatchMark, PipelineView } from "./fold";
import { batchStateLabel, shortBatchId, shortRecordId, stageLabel, stateGlyph } from "./marks";

/**
 * The words on the stage, shared by the drawing and the text alternative: the note on a
 * completed batch, the record passing through send(), a batch's detail lines and tooltip.
 */

export interface TextLine {
  key: string;
  text: string;
  x: number;
  y: number;
  cls: string;
  anchor?: "start" | "middle" | "end";
}

export function joinText(g: Selection<SVGGElement, unknown>, lines: TextLine[]): void {
  g.selectAll<SVGTextElement, TextLine>("text")
    .data(lines, (d) => d.key)
    .join("text")
    .attr("class", (d) => d.cls)
    .attr("x", (d) => d.x)
    .attr("y", (d) => d.y)
    .attr("text-anchor", (d) => d.anchor ?? "start")
    .text((d) => d.text);
}

/** Rough width of a 12 px UI label; good enough to choose between a long and a short note. */
export function textWidth(text: string): number {
  return text.length * 6.6;
}

/** ["#12 (key bob) → orders-1", "appended to a batch"]: the record passing through send() and where it is. */
export function currentRecordLines(view: PipelineView): [string, string] {
  const c = view.current;
  if (!c) return [t("producerPipeline.current.none"), ""];
  const key = c.record.key === null ? t("producerPipeline.noKey") : t("producerPipeline.key", { key: c.record.key });
  const partition = c.partition >= 0 ? ` → ${view.topic}-${c.partition}` : "";
  return [t("producerPipeline.current", { id: shortRecordId(c.record.id), key, partition }), stageLabel(c.stage)];
}

export function currentRecordText(view: PipelineView): string {
  return view.current ? currentRecordLines(view).join(": ") : t("producerPipeline.current.none");
}

/** "b3 ✓ acked at offset 8", "b3 ✕ failed: TimeoutException", "b3 ⊘ expired". */
export function doneNote(batch: BatchMark, short = false): string {
  const glyph = stateGlyph[batch.state];
  if (short) {
    if (batch.state === "acknowledged" && batch.baseOffset !== null) return t("producerPipeline.note.ackedShort", { batch: shortBatchId(batch.id), glyph, offset: batch.baseOffset });
    if (batch.state === "failed") return t("producerPipeline.note.failedShort", { batch: shortBatchId(batch.id), glyph });
  }
  if (batch.state === "acknowledged") {
    return batch.baseOffset === null
      ? t("producerPipeline.note.ackedNoOffset", { batch: shortBatchId(batch.id), glyph, count: batch.count })
      : t("producerPipeline.note.acked", { batch: shortBatchId(batch.id), glyph, offset: batch.baseOffset, count: batch.count });
  }
  if (batch.state === "expired") return t("producerPipeline.note.expired", { batch: shortBatchId(batch.id), glyph, count: batch.count });
  return t("producerPipeline.note.failed", { batch: shortBatchId(batch.id), glyph, count: batch.count, reason: batch.reason || batchStateLabel(batch.state) });
}

/** Two short lines under a batch: how full it is, and what it waits for. */
export function batchDetail(batch: BatchMark, view: PipelineView): [string, string] {
  const fill = t("producerPipeline.batch.fill", { count: batch.count, bytes: batch.bytes, size: view.settings.batchSize });
  if (batch.state === "open") return [fill, batch.lingerLeftMs && batch.lingerLeftMs > 0 ? t("producerPipeline.batch.linger", { ms: Math.round(batch.lingerLeftMs) }) : t("producerPipeline.batch.lingerOver")];
  if (batch.state === "retry-backoff") return [fill, t("producerPipeline.batch.attempt", { attempt: batch.attempt + 1 })];
  return [fill, batch.reason];
}

export function batchTitle(batch: BatchMark, view: PipelineView): string {
  return t("producerPipeline.batch.title", {
    batch: batch.id,
    tp: `${view.topic}-${batch.partition}`,
    state: batchStateLabel(batch.state),
    count: batch.count,
    bytes: batch.bytes,
    size: view.settings.batchSize,
    attempt: batch.attempt,
  });
}
