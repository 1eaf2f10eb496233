/**
 * The three retention rules of UnifiedLog.deleteOldSegments, as pure predicates over a segment
 * and the segment after it (Kafka's DeletionCondition). The Log walks its segments oldest first
 * and deletes while a predicate holds; see Log.deleteOldSegments.
 *
 * Simplification: cleanup.policy is "delete"; compaction is not modelled here, and neither is
 * tiered storage (local.retention.*).
 */
import type { LogSegment } from "./segment.js";

/** Why a segment was deleted, by the config (or offset) that caused it. */
export type SegmentDeletionReason = "retention.ms" | "retention.bytes" | "log-start-offset";

/** UnifiedLog.DeletionCondition: may `segment` be deleted, given the segment after it (null for the active one)? */
export type DeletionCondition = (segment: LogSegment, nextSegment: LogSegment | null) => boolean;

/** A deleted segment, described for a narrating widget. */
export interface SegmentDeletion {
  readonly reason: SegmentDeletionReason;
  readonly baseOffset: number;
  /** The last offset the segment held (baseOffset - 1 if it was empty). */
  readonly lastOffset: number;
  readonly segmentFile: string;
  readonly sizeInBytes: number;
  /** The segment's largest record timestamp, -1 if none: what retention.ms compared. */
  readonly largestTimestamp: number;
}

/** What one call of Log.deleteOldSegments did. */
export interface RetentionResult {
  /** Deleted segments, oldest first, each with its reason. */
  readonly deleted: readonly SegmentDeletion[];
  /** True when every segment was deletable, so an empty active segment was rolled first. */
  readonly rolledNewActiveSegment: boolean;
  /** The log start offset after the deletions. */
  readonly logStartOffset: number;
}

/**
 * deleteLogStartOffsetBreachedSegments: a segment goes once the next segment starts at or
 * before the log start offset, i.e. every offset it holds is below the log start offset.
 */
export function logStartOffsetBreached(logStartOffset: number): DeletionCondition {
  return (_segment, nextSegment) => nextSegment !== null && nextSegment.baseOffset <= logStartOffset;
}

/**
 * deleteRetentionSizeBreachedSegments: with the log `logSizeBytes` long, delete oldest segments
 * while the log stays at least retention.bytes long without them. Null when retention.bytes is
 * off (< 0) or the log is already below it. The predicate is stateful: it is called once per
 * segment, oldest first, and subtracts what it lets go.
 */
export function retentionSizeBreached(logSizeBytes: number, retentionBytes: number): DeletionCondition | null {
  if (retentionBytes < 0 || logSizeBytes < retentionBytes) return null;
  let bytesOverRetention = logSizeBytes - retentionBytes;
  return (segment) => {
    const deletable = bytesOverRetention - segment.sizeInBytes >= 0;
    if (deletable) bytesOverRetention -= segment.sizeInBytes;
    return deletable;
  };
}

/**
 * deleteRetentionMsBreachedSegments: a segment goes once its largest record timestamp is more
 * than retention.ms before now. Null when retention.ms is off (< 0).
 * Simplification: a segment with no record timestamp would use its file mtime in Kafka; there is
 * none here, so such a segment is never deleted by time.
 */
export function retentionMsBreached(nowMs: number, retentionMs: number): DeletionCondition | null {
  if (retentionMs < 0) return null;
  return (segment) => {
    const largestTimestamp = segment.largestTimestamp;
    return largestTimestamp >= 0 && nowMs - largestTimestamp > retentionMs;
  };
}
