import type { Log, OffsetLookup, Scenario, TraceEvent } from "../../engine/index";
import { modeOf, type LogSegmentsMode } from "./presets";
import { rebuildLog, type RebuiltLog, type RetentionDeletion } from "./rebuild";

/** An offset index entry: an absolute offset and the byte position of its batch in the .log file. */
export type OffsetPosition = NonNullable<OffsetLookup["indexEntry"]>;

/**
 * The partition directory at time t: one row per segment (its .log and .index files, its size
 * against segment.bytes, its sparse index entries), the log start offset, the high watermark
 * and the log end offset, and what retention has deleted so far.
 */

export interface SegmentView {
  baseOffset: number;
  logFile: string;
  indexFile: string;
  sizeInBytes: number;
  /** The offsets the segment holds: [baseOffset, nextOffset). Equal when it is empty. */
  nextOffset: number;
  batchCount: number;
  /** The sparse index, with absolute offsets (Kafka stores them relative to the base offset). */
  index: OffsetPosition[];
  /** The newest record's timestamp (ms), -1 for an empty segment: what retention.ms compares. */
  largestTimestamp: number;
  active: boolean;
  /** sizeInBytes / segment.bytes, 0..1. */
  fill: number;
  /**
   * Why a closed segment was closed: "size" when the next batch would not have fit under
   * segment.bytes, else "time" (segment.ms). Null for the active segment.
   */
  rolledBy: "size" | "time" | null;
  /**
   * When retention.ms lets this segment go (largestTimestamp + retention.ms), at the cleaner's
   * next run after it, if every older segment goes too and the HW is past it; null when it never
   * will (retention.ms = -1, or an empty segment). The active segment counts: when it is due,
   * the broker first rolls a fresh, empty active segment (UnifiedLog.deleteSegments).
   */
  expiresAtMs: number | null;
}

export interface LogSegmentsView {
  tMs: number;
  mode: LogSegmentsMode;
  broker: number;
  topic: string;
  partition: number;
  /** The directory's name, "orders-0". */
  directory: string;
  segments: SegmentView[];
  config: RebuiltLog["config"];
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  sizeInBytes: number;
  deletions: RetentionDeletion[];
  /** Deletions in the recent window, drawn fading out. */
  recentDeletions: RetentionDeletion[];
  /** The next time the cleaner looks (every log.retention.check.interval.ms after start), or null. */
  nextRetentionCheckMs: number | null;
  /** The rebuilt log, for step-by-step lookups (see lookup.ts). */
  log: Log;
}

/** How long (simulated ms) a deleted segment stays drawn as a fading outline. */
export const DELETION_WINDOW_MS = 4_000;

/** Folds the trace up to tMs into the directory picture. Pure and deterministic. */
export function foldLogSegments(trace: readonly TraceEvent[], tMs: number, scenario: Scenario): LogSegmentsView {
  const topic = scenario.topics[0]?.name ?? "orders";
  const partition = 0;
  const rebuilt = rebuildLog(trace, tMs, scenario, topic, partition);
  const { log, config } = rebuilt;
  const segments = log.segments;
  const segmentViews: SegmentView[] = segments.map((segment, i) => {
    const index: OffsetPosition[] = [];
    for (let slot = 0; slot < segment.offsetIndex.entries; slot++) index.push(segment.offsetIndex.entry(slot));
    const active = i === segments.length - 1;
    const largestTimestamp = segment.largestTimestamp;
    const next = active ? null : segments[i + 1];
    const nextBatch = next !== null && next.batchCount > 0 ? next.batches[0].sizeInBytes : 0;
    // LogSegment.shouldRoll's size rule: the segment rolls when size > segment.bytes - batch size.
    const rolledBy = next === null ? null : segment.sizeInBytes > config.segmentBytes - nextBatch ? "size" : "time";
    return {
      baseOffset: segment.baseOffset,
      logFile: segment.logFile,
      indexFile: indexFileName(segment.logFile),
      sizeInBytes: segment.sizeInBytes,
      nextOffset: segment.nextOffset,
      batchCount: segment.batchCount,
      index,
      largestTimestamp,
      active,
      fill: config.segmentBytes > 0 ? Math.min(1, segment.sizeInBytes / config.segmentBytes) : 0,
      rolledBy,
      expiresAtMs: config.retentionMs < 0 || largestTimestamp < 0 ? null : largestTimestamp + config.retentionMs,
    };
  });
  const interval = config.retentionCheckIntervalMs;
  const nextRetentionCheckMs =
    rebuilt.startedAtMs === null || interval <= 0 ? null : rebuilt.startedAtMs + (Math.floor((tMs - rebuilt.startedAtMs) / interval) + 1) * interval;
  return {
    tMs,
    mode: modeOf(scenario),
    broker: rebuilt.broker,
    topic,
    partition,
    directory: `${topic}-${partition}`,
    segments: segmentViews,
    config,
    logStartOffset: log.logStartOffset,
    logEndOffset: log.logEndOffset,
    highWatermark: rebuilt.highWatermark,
    sizeInBytes: log.sizeInBytes,
    deletions: rebuilt.deletions,
    recentDeletions: rebuilt.deletions.filter((d) => d.t > tMs - DELETION_WINDOW_MS),
    nextRetentionCheckMs,
    log,
  };
}

/** "00000000000000001030.log" -> "00000000000000001030.index": a segment's files share its base offset. */
export function indexFileName(logFile: string): string {
  return logFile.replace(/\.log$/, ".index");
}
