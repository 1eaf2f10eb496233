import { RECORD_SIZE } from "../kit/stage";
import type { MultithreadedView } from "./fold";

/**
 * Where everything sits on the multithreaded stage, in real pixels from its width. Wide: the
 * partitions on the left, the threads on the right. Narrow (a phone): threads under partitions.
 */

export const PAD = 12;
export const CELL = RECORD_SIZE + 3;
export const LINE = 17;
export const ROW_HEIGHT = 76;
/** Top of the record blocks in a partition row (room above for the name and the out-of-order triangles). */
export const BLOCKS_Y = 27;
export const LANE_HEIGHT = 46;
/** Out-of-order labels listed under the stage before "… and n more". */
export const MAX_LATE_LINES = 4;
/** Width of the name column of a lane. */
export const LANE_NAME_WIDTH = 96;

export interface Layout {
  width: number;
  wide: boolean;
  headerLines: string[];
  partitions: { x: number; y: number; width: number };
  lanes: { x: number; y: number; width: number };
  /** Record blocks that fit in a partition row. */
  visibleBlocks: number;
  lateY: number;
  height: number;
}

/** Splits text into lines of at most `chars` characters, at spaces (a long word stays whole). */
export function wrapText(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** About how many characters of 12.5 px text fit in `px`. */
export const charsIn = (px: number): number => Math.max(16, Math.floor(px / 6.7));

export function layoutFor(view: MultithreadedView, header: readonly string[], width: number): Layout {
  const wide = width >= 720;
  const headerLines = header.flatMap((text) => wrapText(text, charsIn(width - 2 * PAD)));
  const top = 8 + headerLines.length * LINE + 14;
  const inner = width - 2 * PAD;
  const partitionsWidth = wide ? Math.round(inner * 0.56) : inner;
  const partitions = { x: PAD, y: top, width: partitionsWidth };
  const partitionsHeight = LINE + view.partitions.length * ROW_HEIGHT;
  const lanesHeight = LINE + view.lanes.length * LANE_HEIGHT;
  const lanes = wide ? { x: PAD + partitionsWidth + 24, y: top, width: inner - partitionsWidth - 24 } : { x: PAD, y: top + partitionsHeight + 12, width: inner };
  const bodyBottom = wide ? top + Math.max(partitionsHeight, lanesHeight) : lanes.y + lanesHeight;
  const visibleBlocks = Math.max(4, Math.floor((partitions.width - 4) / CELL));
  const lateLines = Math.max(1, Math.min(view.outOfOrder.length, MAX_LATE_LINES) + (view.outOfOrder.length > MAX_LATE_LINES ? 1 : 0));
  const lateY = bodyBottom + 14;
  return { width, wide, headerLines, partitions, lanes, visibleBlocks, lateY, height: lateY + lateLines * LINE + 8 };
}
