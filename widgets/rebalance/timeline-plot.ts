import * as Plot from "@observablehq/plot";
import { select, type Selection } from "d3-selection";
import { t } from "../../content/i18n/t";
import { formatDuration } from "../kit/format";
import type { ConsumptionBar, ConsumptionGap } from "./consumption-fold";
import type { RebalanceView } from "./fold";

/**
 * The consumption timeline under the stage, drawn with Observable Plot: one row per partition,
 * a bar for each stretch a member reads it (the member's colour AND its short label "c1"), a
 * hatched bar for each stretch nobody does, labelled with its length, the rebalances as rules
 * and the player's time as a cursor. The whole run is drawn; what lies after t is veiled, so
 * the eager protocol's stop-the-world gap and the cooperative one's short hand-overs show at once.
 */

interface Frame {
  y: number;
  width: number;
  height: number;
  hatchId: string;
}

const MEMBER_COLOURS = 4;

function memberShort(client: string): string {
  const m = /(\d+)$/.exec(client);
  return m ? `c${m[1]}` : client.slice(0, 3);
}

export function renderTimeline(g: Selection<SVGGElement, unknown>, view: RebalanceView, frame: Frame): void {
  const timeline = view.timeline;
  const seconds = (ms: number) => ms / 1000;
  const rows = Array.from({ length: Math.max(timeline.partitionCount, view.partitionCount) }, (_, p) => `p${p}`);
  const marginLeft = 34;
  const marginRight = 14;
  const plotWidth = frame.width - marginLeft - marginRight;
  const pxPerSecond = plotWidth / Math.max(0.001, seconds(timeline.durationMs));
  const clientIndex = new Map(view.members.map((m) => [m.client, m.index]));
  const indexOf = (client: string) => clientIndex.get(client) ?? timeline.clients.indexOf(client);
  const rowOf = (d: { partition: number }) => `p${d.partition}`;
  const barMarks = [...new Set(timeline.bars.map((b) => indexOf(b.client) % MEMBER_COLOURS))].map((colour) =>
    Plot.barX(
      timeline.bars.filter((b) => indexOf(b.client) % MEMBER_COLOURS === colour),
      { x1: (d: ConsumptionBar) => seconds(d.fromMs), x2: (d: ConsumptionBar) => seconds(d.toMs), y: rowOf, insetTop: 3, insetBottom: 3, className: `kl-tl-bar kl-producer-${colour}` },
    ),
  );
  const labelled = timeline.bars.filter((b) => (b.toMs - b.fromMs) / 1000 * pxPerSecond >= 24);
  const gaps = timeline.gaps.filter((gap) => gap.toMs > gap.fromMs);
  const gapLabels = gaps.filter((gap) => !gap.initial && ((gap.toMs - gap.fromMs) / 1000) * pxPerSecond >= 44);
  const rebalanceStarts = view.history.filter((h) => h.to === "PreparingRebalance").map((h) => seconds(h.tMs));
  const chart = Plot.plot({
    width: frame.width,
    height: frame.height,
    marginLeft,
    marginRight,
    marginTop: 22,
    marginBottom: 32,
    style: { background: "transparent", color: "currentColor", fontFamily: "inherit", fontSize: "11px", overflow: "visible" },
    x: { domain: [0, seconds(timeline.durationMs)], label: t("rebalance.timeline.axis"), labelAnchor: "right" },
    y: { domain: rows, label: null, padding: 0.12 },
    marks: [
      // The wait for the group's first assignment is drawn faintly: it is not a rebalance's cost.
      Plot.barX(gaps.filter((gap) => gap.initial), { x1: (d: ConsumptionGap) => seconds(d.fromMs), x2: (d: ConsumptionGap) => seconds(d.toMs), y: rowOf, insetTop: 3, insetBottom: 3, className: "kl-tl-gap kl-tl-gap--initial" }),
      Plot.barX(gaps.filter((gap) => !gap.initial), { x1: (d: ConsumptionGap) => seconds(d.fromMs), x2: (d: ConsumptionGap) => seconds(d.toMs), y: rowOf, insetTop: 3, insetBottom: 3, className: "kl-tl-gap" }),
      ...barMarks,
      Plot.text(labelled, { x: (d: ConsumptionBar) => seconds((d.fromMs + d.toMs) / 2), y: rowOf, text: (d: ConsumptionBar) => memberShort(d.client), className: "kl-tl-label" }),
      Plot.text(gapLabels, { x: (d: ConsumptionGap) => seconds((d.fromMs + d.toMs) / 2), y: rowOf, text: (d: ConsumptionGap) => formatDuration(d.toMs - d.fromMs), className: "kl-tl-gap-label" }),
      Plot.ruleX(rebalanceStarts, { className: "kl-tl-rebalance" }),
      Plot.rect([0], { x1: seconds(view.tMs), x2: seconds(timeline.durationMs), className: "kl-tl-future" }),
      Plot.ruleX([seconds(view.tMs)], { className: "kl-tl-cursor" }),
      Plot.text([0], { frameAnchor: "top-left", dy: -16, dx: -marginLeft + 2, text: () => t("rebalance.timeline.title"), className: "kl-tl-title", textAnchor: "start" }),
    ],
  });
  const plotSvg = chart instanceof SVGSVGElement ? chart : chart.querySelector("svg");
  if (!plotSvg) return;
  plotSvg.removeAttribute("role");
  plotSvg.setAttribute("aria-hidden", "true");
  plotSvg.setAttribute("class", `${plotSvg.getAttribute("class") ?? ""} kl-rb-timeline`);
  // Plot's constant fills are colours; the hatch is a pattern in the stage's <defs>.
  select(plotSvg).selectAll("g.kl-tl-gap rect").attr("fill", `url(#${frame.hatchId})`);
  g.style("transform", `translate(0px, ${Math.round(frame.y)}px)`);
  g.node()?.replaceChildren(plotSvg);
}
