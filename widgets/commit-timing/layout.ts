import { RECORD_SIZE } from "../kit/stage";
import type { CommitTimingView } from "./fold";

/**
 * Where everything of the commit-timing stage goes, in real CSS pixels from the stage width.
 * On a narrow screen the header takes two lines, the loop's boxes shrink, and the log shows a
 * window of offsets around the consumer's position and the committed offset.
 */

export const CELL = RECORD_SIZE + 3;
export const PAD = 12;

export interface StageLayout {
  narrow: boolean;
  width: number;
  height: number;
  /** y of the status line(s). */
  headerLines: number;
  /** Top of the record row. */
  rowY: number;
  /** First offset drawn, and how many fit. */
  start: number;
  visible: number;
  blocksX: number;
  /** Top of the loop diagram. */
  loopY: number;
  loopBoxWidth: number;
  loopGap: number;
  legendY: number;
}

/** Average glyph width of the stage's 13 px UI font, for wrapping and keeping labels inside the stage. */
export const CHAR_PX = 7;

/** Splits text into lines of at most maxChars characters, at spaces. */
export function wrapText(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** x for a label of `text` that should start near `x` but must stay inside the stage. */
export function clampLabelX(x: number, text: string, width: number): number {
  return Math.max(PAD, Math.min(x, width - PAD - text.length * CHAR_PX * 0.92));
}

export function layoutFor(view: CommitTimingView, width: number, headerLines: number): StageLayout {
  const narrow = width < 560;
  const rowY = 16 * headerLines + 46;
  const blocksX = PAD;
  const visible = Math.max(6, Math.floor((width - 2 * PAD - 8) / CELL));
  const total = Math.max(view.logEnd, view.records.length);
  let start = 0;
  if (total > visible) {
    const anchors = [view.committed, view.position, view.batch?.fromOffset ?? null, view.crash?.committed ?? null].filter((x): x is number => x !== null);
    const low = anchors.length > 0 ? Math.min(...anchors) : total - visible;
    start = Math.max(0, Math.min(low - 2, total - visible));
  }
  const loopY = rowY + RECORD_SIZE + 104;
  const loopGap = narrow ? 22 : 44;
  const loopBoxWidth = Math.min(150, Math.floor((width - 2 * PAD - 2 * loopGap) / 3));
  const legendY = loopY + (narrow ? 100 : 92);
  return { narrow, width, height: legendY + (narrow ? 76 : 22), headerLines, rowY, start, visible, blocksX, loopY, loopBoxWidth, loopGap, legendY };
}

/** x of the left edge of an offset's block (an offset past the window clamps to the edge). */
export function offsetX(layout: StageLayout, offset: number): number {
  const clamped = Math.max(layout.start, Math.min(offset, layout.start + layout.visible));
  return layout.blocksX + (clamped - layout.start) * CELL;
}

export function inWindow(layout: StageLayout, offset: number): boolean {
  return offset >= layout.start && offset < layout.start + layout.visible;
}
