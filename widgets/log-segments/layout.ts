/**
 * Where things go on the log-segments stage, in CSS pixels: a summary line, the offset ruler
 * (the partition's offsets from 0 to the log end offset, with the deleted prefix), a note line,
 * one row per segment file, and, in the lookup tab, a strip for the forward scan.
 */

export interface SegmentRowBox {
  y: number;
  h: number;
  /** The file-name column (wide layout) or line (compact layout). */
  nameX: number;
  nameY: number;
  /** The size bar: its track is segment.bytes wide. */
  barX: number;
  barY: number;
  barW: number;
  barH: number;
  /** The info line (offsets, size, state). */
  infoX: number;
  infoY: number;
  /** The line under the bar, for the lookup's floor index entry. */
  entryY: number;
}

export interface LogSegmentsLayout {
  width: number;
  height: number;
  compact: boolean;
  pad: number;
  summaryY: number;
  ruler: { x: number; y: number; w: number; h: number };
  noteY: number;
  rows: SegmentRowBox[];
  /** The scan strip (lookup tab only), else null. */
  scan: { x: number; y: number; w: number; h: number } | null;
}

export const PAD = 12;
const SUMMARY_H = 22;
const RULER_TOP = 18;
const RULER_H = 18;
const RULER_LABELS_H = 30;
const NOTE_H = 20;
const ROW_H_WIDE = 64;
const ROW_H_COMPACT = 80;
const SCAN_H = 78;
/** The file-name column in the wide layout: 20 digits and ".index" in an 11px monospace font. */
const NAME_W = 196;

export function layoutLogSegments(width: number, segmentCount: number, withScan: boolean): LogSegmentsLayout {
  const w = Math.max(300, Math.round(width));
  const compact = w < 600;
  const inner = w - 2 * PAD;
  const summaryY = PAD + 14;
  const rulerY = PAD + SUMMARY_H + RULER_TOP;
  const ruler = { x: PAD, y: rulerY, w: inner, h: RULER_H };
  const noteY = rulerY + RULER_H + RULER_LABELS_H + 4;
  const rowsY = noteY + NOTE_H - 6;
  const rowH = compact ? ROW_H_COMPACT : ROW_H_WIDE;
  const rows: SegmentRowBox[] = [];
  for (let i = 0; i < Math.max(1, segmentCount); i++) {
    const y = rowsY + i * rowH;
    if (compact) {
      rows.push({ y, h: rowH - 6, nameX: PAD + 8, nameY: y + 16, barX: PAD + 8, barY: y + 24, barW: inner - 16, barH: 14, infoX: PAD + 8, infoY: y + 52, entryY: y + 68 });
    } else {
      const barX = PAD + NAME_W + 14;
      rows.push({ y, h: rowH - 6, nameX: PAD + 8, nameY: y + 19, barX, barY: y + 26, barW: w - PAD - 8 - barX, barH: 14, infoX: barX, infoY: y + 19, entryY: y + 53 });
    }
  }
  const rowsBottom = rowsY + Math.max(1, segmentCount) * rowH;
  const scan = withScan ? { x: PAD, y: rowsBottom + 4, w: inner, h: SCAN_H } : null;
  const height = (scan ? scan.y + scan.h : rowsBottom) + PAD;
  return { width: w, height, compact, pad: PAD, summaryY, ruler, noteY, rows, scan };
}
