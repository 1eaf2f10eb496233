import { t } from "../../content/i18n/t";
import { formatSeconds } from "../kit/format";
import type { LogSegmentsView, SegmentView } from "./fold";

/** Words for the partition directory: labels on the stage and its text alternative. */

/** 1536 -> "1.5 KiB", 1048576 -> "1.0 MiB": byte sizes the way `ls -lh` would say them. */
export function formatBytes(bytes: number): string {
  if (bytes < 0) return t("logSegments.noLimit");
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(2)} MiB`;
}

/** Exact bytes with thousands separators: 1048576 -> "1,048,576". */
export function formatExactBytes(bytes: number): string {
  return bytes.toLocaleString("en-US");
}

/** "0-1029", or "empty" for a segment that holds nothing yet. */
export function segmentOffsets(segment: SegmentView): string {
  if (segment.nextOffset <= segment.baseOffset) return t("logSegments.segment.empty");
  return `${segment.baseOffset}-${segment.nextOffset - 1}`;
}

function describeSegment(segment: SegmentView, view: LogSegmentsView): string {
  const parts = [
    t("logSegments.describe.segment", {
      file: segment.logFile,
      offsets: segmentOffsets(segment),
      size: formatExactBytes(segment.sizeInBytes),
      limit: formatExactBytes(view.config.segmentBytes),
      entries: segment.index.length,
    }),
  ];
  if (segment.active) parts.push(t("logSegments.describe.active"));
  if (view.mode === "retention" && segment.expiresAtMs !== null) parts.push(t("logSegments.describe.expires", { time: formatSeconds(segment.expiresAtMs) }));
  return parts.join(" ");
}

/** The stage's text alternative: the directory, then the offsets that bound the log. */
export function describeLogSegments(view: LogSegmentsView): string {
  const sentences = [
    t("logSegments.describe.directory", {
      time: formatSeconds(view.tMs),
      directory: view.directory,
      broker: view.broker,
      count: view.segments.length,
      size: formatExactBytes(view.sizeInBytes),
    }),
    ...view.segments.map((segment) => describeSegment(segment, view)),
    t("logSegments.describe.offsets", { start: view.logStartOffset, hw: view.highWatermark, end: view.logEndOffset }),
  ];
  if (view.mode === "retention") {
    sentences.push(
      t("logSegments.describe.retention", {
        retentionMs: view.config.retentionMs < 0 ? t("logSegments.noLimit") : formatSeconds(view.config.retentionMs),
        retentionBytes: view.config.retentionBytes < 0 ? t("logSegments.noLimit") : formatExactBytes(view.config.retentionBytes),
        deleted: view.deletions.length,
      }),
    );
  }
  return sentences.join(" ");
}
