import { t, type MessageKey } from "../../content/i18n/t";
import type { BatchState, RecordStage } from "./events";

/**
 * Words and shapes for the pipeline's states, shared by the stage, the text alternative and
 * the static first frame, so a state is always told by a word and a glyph, never by colour alone.
 */

const stateKeys: Record<BatchState, MessageKey> = {
  open: "producerPipeline.state.open",
  ready: "producerPipeline.state.ready",
  "in-flight": "producerPipeline.state.inFlight",
  "retry-backoff": "producerPipeline.state.retryBackoff",
  acknowledged: "producerPipeline.state.acknowledged",
  failed: "producerPipeline.state.failed",
  expired: "producerPipeline.state.expired",
};

export function batchStateLabel(state: BatchState): string {
  return t(stateKeys[state]);
}

/** A glyph per state, drawn beside the word: the shape that does not depend on colour. */
export const stateGlyph: Record<BatchState, string> = {
  open: "○",
  ready: "▶",
  "in-flight": "↗",
  "retry-backoff": "↻",
  acknowledged: "✓",
  failed: "✕",
  expired: "⊘",
};

const stageKeys: Record<RecordStage, MessageKey> = {
  send: "producerPipeline.stage.send",
  "wait-metadata": "producerPipeline.stage.waitMetadata",
  interceptor: "producerPipeline.stage.interceptor",
  serialize: "producerPipeline.stage.serialize",
  partition: "producerPipeline.stage.partition",
  append: "producerPipeline.stage.append",
  blocked: "producerPipeline.stage.blocked",
  error: "producerPipeline.stage.error",
};

export function stageLabel(stage: RecordStage): string {
  return t(stageKeys[stage]);
}

/** Which of the four stations (send(), interceptors, serializer, partitioner) a stage is at; 4 = past them. */
export function stationOf(stage: RecordStage): number {
  switch (stage) {
    case "send":
    case "wait-metadata":
      return 0;
    case "interceptor":
      return 1;
    case "serialize":
      return 2;
    case "partition":
      return 3;
    default:
      return 4;
  }
}

/** Bytes as a reader says them: 1,024 B under 10 KB, else 16 KB (1 KB = 1024 B, as Kafka's sizes are). */
export function formatBytes(bytes: number): string {
  if (Math.abs(bytes) < 10 * 1024) return `${Math.round(bytes).toLocaleString("en-US")} B`;
  return `${(Math.round((bytes / 1024) * 10) / 10).toLocaleString("en-US")} KB`;
}

/** Kilobytes with at most one decimal, for the buffer pool gauge: 4096 -> "4 KB", 3584 -> "3.5 KB". */
export function formatKilobytes(bytes: number): string {
  return `${(Math.round((bytes / 1024) * 10) / 10).toLocaleString("en-US")} KB`;
}

/** The short label of a record: its key's first letter, or "·" without a key. */
export function recordLetter(key: string | null): string {
  return key === null || key.length === 0 ? "·" : key[0].toUpperCase();
}

/** "producer-0#12" -> "#12": short enough to label a record in the stage. */
export function shortRecordId(id: string): string {
  const hash = id.lastIndexOf("#");
  return hash >= 0 ? id.slice(hash) : id;
}

/** "producer-0/orders-1/12" -> "b12": batches are numbered per producer, so the number names one. */
export function shortBatchId(id: string): string {
  const slash = id.lastIndexOf("/");
  return slash >= 0 ? `b${id.slice(slash + 1)}` : id;
}
