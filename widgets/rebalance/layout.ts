import type { MemberRow, PartitionChip, RebalanceView } from "./fold";

/**
 * Where everything on the rebalance stage goes, in real CSS pixels, as plain numbers (no DOM),
 * so the positions can be tested and the drawing stays a set of keyed joins. Wide stages put
 * the coordinator on the left and the members on the right; narrow ones (a phone) stack them.
 */

export const PAD = 12;
export const CHIP_W = 38;
export const CHIP_H = 24;
export const CHIP_GAP = 6;
export const STATE_H = 22;
export const STATE_GAP = 8;
const HEADER_H = 44;
const MEMBER_NAME_W = 170;
/** A member's detail line (why it is stalled, removed or idle) runs under its chips. */
export const DETAIL_LINE = 18;
const MEMBER_ROW_MIN = 52;

export interface StatePill {
  state: string;
  x: number;
  y: number;
  width: number;
}

export interface MemberBox {
  member: MemberRow;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Where the first chip of this member goes, and how many fit on one line. */
  chipsX: number;
  chipsY: number;
  perLine: number;
  /** Baseline of the first detail line, or null when the member has nothing more to say. */
  detailY: number | null;
  /** The detail, wrapped to the row's width. */
  detailLines: string[];
}

/** Average advance of an 11.5 px UI-font character, for wrapping SVG text (which cannot wrap itself). */
const CHAR_PX = 6.3;

/** Breaks text at spaces into lines no wider than maxPx (a single long word gets its own line). */
export function wrapText(text: string, maxPx: number): string[] {
  const perLine = Math.max(8, Math.floor(maxPx / CHAR_PX));
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= perLine) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}


export interface ChipPlace {
  chip: PartitionChip;
  x: number;
  y: number;
}

export interface LegendPlace {
  index: number;
  x: number;
  y: number;
}

/** Legend items wrap onto as many lines as the width needs; `labels` are the four texts in order. */
export function layoutLegend(labels: readonly string[], width: number, top: number): { items: LegendPlace[]; height: number } {
  const items: LegendPlace[] = [];
  let x = PAD;
  let y = top;
  labels.forEach((text, index) => {
    const w = CHIP_W * LEGEND_SCALE + 6 + text.length * 6.4 + 16;
    if (x + w > width - PAD && x > PAD) {
      x = PAD;
      y += LEGEND_LINE;
    }
    items.push({ index, x, y });
    x += w;
  });
  return { items, height: y - top + LEGEND_LINE };
}

export const LEGEND_SCALE = 0.7;
const LEGEND_LINE = 24;

export interface StageLayout {
  narrow: boolean;
  width: number;
  header: number;
  coordinator: { x: number; y: number; width: number; height: number };
  states: StatePill[];
  /** The "nobody reads" pool under the state machine. */
  pool: { x: number; y: number; width: number; perLine: number; height: number };
  members: MemberBox[];
  chips: ChipPlace[];
  legend: LegendPlace[];
  /** Where the Plot timeline starts, and the stage's total height with it. */
  timelineY: number;
  timelineHeight: number;
  height: number;
}

/** The order the state machine is drawn in: the rebalance cycle top to bottom, Dead apart. */
export const STATE_ORDER = ["Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead"] as const;

export function timelineHeightFor(partitionCount: number): number {
  return 56 + Math.max(1, partitionCount) * 22;
}

export function layoutStage(view: RebalanceView, width: number, legendLabels: readonly string[], detailOf: (member: MemberRow) => string | null = () => null): StageLayout {
  const narrow = width < 620;
  const header = narrow ? HEADER_H + 32 : HEADER_H;
  const coordWidth = narrow ? width - 2 * PAD : 236;
  const stateWidth = coordWidth - 44;
  const states: StatePill[] = STATE_ORDER.map((state, i) => ({
    state,
    x: PAD + 28,
    // Dead sits apart from the cycle, a little lower.
    y: header + 28 + i * (STATE_H + STATE_GAP) + (state === "Dead" ? 6 : 0),
    width: stateWidth,
  }));
  const statesBottom = states[states.length - 1].y + STATE_H;
  const poolPerLine = Math.max(1, Math.floor((coordWidth - 16 + CHIP_GAP) / (CHIP_W + CHIP_GAP)));
  const poolChips = view.chips.filter((c) => c.member === null);
  const poolLines = Math.max(1, Math.ceil(poolChips.length / poolPerLine));
  const pool = { x: PAD + 8, y: statesBottom + 36, width: coordWidth - 16, perLine: poolPerLine, height: poolLines * (CHIP_H + CHIP_GAP) };
  const coordinatorHeight = pool.y + pool.height + 8 - header;
  const coordinator = { x: PAD, y: header, width: coordWidth, height: coordinatorHeight };

  const membersX = narrow ? PAD : PAD + coordWidth + 16;
  const membersWidth = width - membersX - PAD;
  const nameWidth = narrow ? 0 : Math.min(MEMBER_NAME_W, Math.floor(membersWidth * 0.4));
  const chipsWidth = membersWidth - nameWidth - 16;
  const perLine = Math.max(1, Math.floor((chipsWidth + CHIP_GAP) / (CHIP_W + CHIP_GAP)));
  let y = narrow ? coordinator.y + coordinator.height + 12 : header;
  const members: MemberBox[] = [];
  for (const member of view.members) {
    const chipCount = member.owned.length + member.pending.length;
    // An idle member shows one empty slot; a member that left shows no chip row at all.
    const lines = chipCount > 0 ? Math.ceil(chipCount / perLine) : member.idle ? 1 : 0;
    const chipsTop = narrow ? 42 : 12;
    const detailText = detailOf(member);
    const detailLines = detailText ? wrapText(detailText, membersWidth - 24).length : 0;
    const chipsBottom = lines > 0 ? chipsTop + lines * (CHIP_H + CHIP_GAP) - CHIP_GAP : narrow ? 36 : 0;
    const height = Math.max(MEMBER_ROW_MIN, Math.max(narrow ? 0 : 42, chipsBottom) + 8 + detailLines * DETAIL_LINE);
    const detailY = detailLines > 0 ? y + height - 8 - (detailLines - 1) * DETAIL_LINE : null;
    members.push({ member, x: membersX, y, width: membersWidth, height, chipsX: membersX + (narrow ? 10 : nameWidth + 8), chipsY: y + chipsTop, perLine, detailY, detailLines: detailText ? wrapText(detailText, membersWidth - 24) : [] });
    y += height + 8;
  }
  const membersBottom = members.length > 0 ? y : narrow ? coordinator.y + coordinator.height + 12 : header;

  const chips: ChipPlace[] = [];
  for (const box of members) {
    const mine = [...box.member.owned.map((p) => p), ...box.member.pending];
    mine.forEach((partition, i) => {
      const chip = view.chips.find((c) => c.partition === partition && c.member === box.member.client);
      if (!chip) return;
      chips.push({ chip, x: box.chipsX + (i % box.perLine) * (CHIP_W + CHIP_GAP), y: box.chipsY + Math.floor(i / box.perLine) * (CHIP_H + CHIP_GAP) });
    });
  }
  poolChips.forEach((chip, i) => {
    chips.push({ chip, x: pool.x + (i % pool.perLine) * (CHIP_W + CHIP_GAP), y: pool.y + Math.floor(i / pool.perLine) * (CHIP_H + CHIP_GAP) });
  });

  const contentBottom = Math.max(coordinator.y + coordinator.height, membersBottom);
  const legend = layoutLegend(legendLabels, width, contentBottom + 10);
  const timelineY = contentBottom + 10 + legend.height + 6;
  const timelineHeight = timelineHeightFor(view.partitionCount);
  return { narrow, width, header, coordinator, states, pool, members, chips, legend: legend.items, timelineY, timelineHeight, height: timelineY + timelineHeight + 4 };
}
