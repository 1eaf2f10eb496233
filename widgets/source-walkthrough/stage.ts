import { select, type Selection } from "d3-selection";
import { t, type MessageKey } from "../../content/i18n/t";
import type { StageContext } from "../kit/spec";
import { layer, sizeStage, translate } from "../kit/stage";
import { LANE_NAME } from "./describe";
import { LANES, lanesUpTo, laneOf, type LaneId, type LaneItem, type WalkView } from "./fold";
import { chosenStep, notifyRendered } from "./walk-state";

/**
 * Draws where the records are, one box per part of the producer (application thread,
 * RecordAccumulator, Sender/NetworkClient, the leader, the callbacks), each holding its
 * records, batches or requests as labelled chips. The box whose code runs at the current step
 * has a thick outline and a "▶" before its name. Side by side on a wide stage, stacked on a
 * narrow one.
 */

const LANE_SUB: Record<LaneId, MessageKey> = {
  app: "sourceWalkthrough.stage.appSub",
  accumulator: "sourceWalkthrough.stage.accumulatorSub",
  sender: "sourceWalkthrough.stage.senderSub",
  broker: "sourceWalkthrough.stage.brokerSub",
  callbacks: "sourceWalkthrough.stage.callbacksSub",
};

const CHIP_H = 20;
const GAP = 8;

export function renderWalkthrough(svg: SVGSVGElement, view: WalkView, ctx: StageContext<WalkView>): void {
  const width = Math.max(300, Math.round(ctx.width));
  const narrow = width < 620;
  const index = currentIndex(svg, view);
  const currentLane = index >= 0 ? laneOf(view.steps[index].step) : null;
  const lanes = index >= 0 ? lanesUpTo(ctx.result.trace, view.steps[index].at, view.client) : view.lanes;
  const maxItems = Math.max(1, ...LANES.map((l) => lanes[l].length));
  const laneWidth = narrow ? width - 2 * GAP : (width - GAP * (LANES.length + 1)) / LANES.length;
  const laneHeight = narrow ? 44 + Math.ceil(maxItems / 3) * (CHIP_H + 4) : 48 + maxItems * (CHIP_H + 4);
  const height = narrow ? LANES.length * (laneHeight + GAP) + GAP : laneHeight + 2 * GAP;
  sizeStage(svg, width, height);
  layer(svg, "lanes")
    .selectAll<SVGGElement, LaneId>("g.sw-lane")
    .data(LANES, (d) => d)
    .join((enter) => {
      const g = enter.append<SVGGElement>("g").attr("class", "sw-lane");
      g.append("rect").attr("class", "sw-lane-box").attr("rx", 6);
      g.append("text").attr("class", "sw-lane-marker");
      g.append("text").attr("class", "sw-lane-name");
      g.append("text").attr("class", "sw-lane-sub");
      g.append("g").attr("class", "sw-chips");
      return g;
    })
    .attr("class", (d) => `sw-lane${d === currentLane ? " is-current" : ""}`)
    .style("transform", (_, i) => (narrow ? translate(GAP, GAP + i * (laneHeight + GAP)) : translate(GAP + i * (laneWidth + GAP), GAP)))
    .each(function (lane) {
      const g = select<SVGGElement>(this);
      g.select("rect.sw-lane-box").attr("width", laneWidth).attr("height", laneHeight);
      g.select("text.sw-lane-marker").attr("x", 6).attr("y", 17).text(lane === currentLane ? "▶" : "");
      g.select("text.sw-lane-name").attr("x", 20).attr("y", 17).text(t(LANE_NAME[lane]));
      g.select("text.sw-lane-sub").attr("x", 20).attr("y", 33).text(t(LANE_SUB[lane]));
      drawChips(g.select<SVGGElement>("g.sw-chips"), lanes[lane], laneWidth, narrow);
    });
  notifyRendered(svg);
}

function drawChips(g: Selection<SVGGElement, unknown>, items: readonly LaneItem[], laneWidth: number, narrow: boolean): void {
  const perRow = narrow ? 3 : 1;
  const chipWidth = (laneWidth - 16 - (perRow - 1) * 4) / perRow;
  g.selectAll<SVGGElement, LaneItem>("g.sw-chip")
    .data(items, (d) => d.key)
    .join((enter) => {
      const chip = enter.append<SVGGElement>("g");
      chip.append("rect").attr("rx", 4).attr("height", CHIP_H);
      chip.append("text").attr("x", 6).attr("y", CHIP_H / 2).attr("dy", "0.35em");
      return chip;
    })
    .attr("class", (d) => `sw-chip sw-chip--${d.kind}`)
    .style("transform", (_, i) => translate(8 + (i % perRow) * (chipWidth + 4), 42 + Math.floor(i / perRow) * (CHIP_H + 4)))
    .each(function (d) {
      const chip = select<SVGGElement>(this);
      chip.select("rect").attr("width", chipWidth);
      chip.select("text").text(fit(d.label, chipWidth));
    });
}

/** Cuts a label to what fits in the chip (about 6.4 px per character at 11 px). */
function fit(label: string, width: number): string {
  const max = Math.max(3, Math.floor((width - 10) / 6.4));
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

/** The step the reader is on: their pick if it is at this time, else the last step reached. */
export function currentIndex(svg: SVGSVGElement, view: WalkView): number {
  const picked = chosenStep(svg);
  if (picked !== null && picked >= 0 && picked < view.steps.length && view.steps[picked].t === view.tMs && picked <= view.lastIndex) return picked;
  return view.lastIndex;
}
