import type { OffsetLookup } from "../../engine/index";
import { t } from "../../content/i18n/t";
import { formatExactBytes } from "./describe";
import type { LogSegmentsView, OffsetPosition, SegmentView } from "./fold";

/**
 * The three steps a broker takes to find offset N, as the reader steps through them:
 * 1. the floor segment: a binary search over the segments' base offsets (their file names);
 * 2. the floor entry of that segment's sparse offset index: a binary search over the entries;
 * 3. the forward scan of batches from that entry's byte position to the batch holding N.
 * The answer is the engine's own (Log.lookup); the probes replay the two binary searches so the
 * reader can see each comparison. Kafka keeps segments in a skip-list map and calls floorEntry;
 * a binary search over the sorted base offsets visits the same answer, and its probes are what
 * a person would do with the file names.
 */

export type BatchLocation = OffsetLookup["scanned"][number];

export interface SegmentProbe {
  /** The segment looked at, by position in the directory. */
  mid: number;
  baseOffset: number;
  file: string;
  /** baseOffset <= N: the answer is here or to the right. */
  atOrBelow: boolean;
}

export interface IndexProbe {
  slot: number;
  entry: OffsetPosition;
  /** entry.offset <= N: the answer is this slot or a later one. */
  atOrBelow: boolean;
}

export interface LookupSteps {
  offset: number;
  segmentProbes: SegmentProbe[];
  /** Position of the floor segment in the directory. */
  segmentPosition: number;
  segmentBaseOffset: number;
  segmentFile: string;
  indexProbes: IndexProbe[];
  /** The floor entry's slot, -1 when no entry is <= N (scan from byte 0). */
  indexSlot: number;
  indexEntry: OffsetPosition | null;
  /** Where the scan starts, in bytes into the .log file. */
  scanFromPosition: number;
  scanned: readonly BatchLocation[];
  found: BatchLocation | null;
  /** Bytes of batch headers the scan stepped over before the found batch. */
  bytesSkipped: number;
}

export type OffsetInput = { ok: true; offset: number } | { ok: false; message: string };

/**
 * Reads what the reader typed. Allowed: a whole number in [logStartOffset, logEndOffset), the
 * offsets that hold a record; the message names the value and the range otherwise.
 */
export function parseOffsetInput(text: string, view: Pick<LogSegmentsView, "logStartOffset" | "logEndOffset">): OffsetInput {
  const start = view.logStartOffset;
  const end = view.logEndOffset;
  if (end <= start) return { ok: false, message: t("logSegments.lookup.empty", { start, end }) };
  const trimmed = text.trim().replace(/[_,\s]/g, "");
  if (!/^\d+$/.test(trimmed)) return { ok: false, message: t("logSegments.lookup.notANumber", { value: text.trim(), start, end }) };
  const offset = Number(trimmed);
  if (!Number.isSafeInteger(offset) || offset < start || offset >= end) {
    return { ok: false, message: t("logSegments.lookup.outOfRange", { offset: trimmed, start, end }) };
  }
  return { ok: true, offset };
}

/** The floor-segment search over base offsets, probe by probe (Log.floorSegmentIndex's loop). */
export function floorSegmentProbes(segments: readonly SegmentView[], offset: number): { probes: SegmentProbe[]; position: number } {
  const probes: SegmentProbe[] = [];
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const atOrBelow = segments[mid].baseOffset <= offset;
    probes.push({ mid, baseOffset: segments[mid].baseOffset, file: segments[mid].logFile, atOrBelow });
    if (atOrBelow) lo = mid + 1;
    else hi = mid;
  }
  return { probes, position: lo - 1 };
}

/** The floor-entry search in a sparse index, probe by probe (OffsetIndex.largestLowerBoundSlotFor). */
export function floorEntryProbes(index: readonly OffsetPosition[], offset: number): { probes: IndexProbe[]; slot: number } {
  const probes: IndexProbe[] = [];
  if (index.length === 0) return { probes, slot: -1 };
  const first = index[0].offset <= offset;
  probes.push({ slot: 0, entry: index[0], atOrBelow: first });
  if (!first) return { probes, slot: -1 };
  let lo = 0;
  let hi = index.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    const atOrBelow = index[mid].offset <= offset;
    probes.push({ slot: mid, entry: index[mid], atOrBelow });
    if (atOrBelow) lo = mid;
    else hi = mid - 1;
  }
  return { probes, slot: lo };
}

/**
 * Every step of looking up `offset` in the view's log. The offset must have passed
 * parseOffsetInput; the engine's Log.lookup decides the answer.
 */
export function lookupSteps(view: LogSegmentsView, offset: number): LookupSteps {
  const answer = view.log.lookup(offset);
  const { probes: segmentProbes, position } = floorSegmentProbes(view.segments, offset);
  const segment = view.segments[position];
  const { probes: indexProbes, slot } = floorEntryProbes(segment?.index ?? [], offset);
  const scanFromPosition = answer.indexEntry?.position ?? 0;
  const found = answer.found;
  const bytesSkipped = found === null ? 0 : found.position - scanFromPosition;
  return {
    offset,
    segmentProbes,
    segmentPosition: position,
    segmentBaseOffset: answer.segmentBaseOffset,
    segmentFile: answer.segmentFile,
    indexProbes,
    indexSlot: slot,
    indexEntry: answer.indexEntry,
    scanFromPosition,
    scanned: answer.scanned,
    found,
    bytesSkipped,
  };
}

/** The number of steps the reader walks through: 1 floor segment, 2 index entry, 3 scan. */
export const LOOKUP_STEP_COUNT = 3;

/** One sentence per step, for the step panel and the narration. */
export function describeLookupStep(steps: LookupSteps, step: number): string {
  if (step <= 1) {
    const path = steps.segmentProbes.map((p) => t(p.atOrBelow ? "logSegments.lookup.probe.right" : "logSegments.lookup.probe.left", { base: p.baseOffset, offset: steps.offset })).join("; ");
    return t("logSegments.lookup.step1", { offset: steps.offset, file: steps.segmentFile, probes: path });
  }
  if (step === 2) {
    if (steps.indexEntry === null) return t("logSegments.lookup.step2.none", { offset: steps.offset, file: steps.segmentFile.replace(/\.log$/, ".index") });
    return t("logSegments.lookup.step2", {
      offset: steps.offset,
      entry: steps.indexEntry.offset,
      position: formatExactBytes(steps.indexEntry.position),
      probes: steps.indexProbes.length,
      file: steps.segmentFile.replace(/\.log$/, ".index"),
    });
  }
  if (steps.found === null) return t("logSegments.lookup.step3.none", { offset: steps.offset });
  return t("logSegments.lookup.step3", {
    offset: steps.offset,
    from: formatExactBytes(steps.scanFromPosition),
    batches: steps.scanned.length,
    first: steps.found.baseOffset,
    last: steps.found.lastOffset,
    position: formatExactBytes(steps.found.position),
  });
}
