import * as Plot from "@observablehq/plot";
import { t } from "../../content/i18n/t";
import type { StageContext } from "../kit/spec";
import { sizeStage } from "../kit/stage";
import type { ChartMark, HwChartView, Series } from "./fold";

/**
 * Draws the chart with Observable Plot: one step line per replica's LEO (each its own dash
 * pattern and direct label, so colour is not the only cue), the leader's HW as a thick line,
 * vertical rules for ISR changes, elections and faults, and the time cursor. Colours come
 * from tokens through CSS classes (kl-chart-*), never from Plot's own scales.
 */

interface Point {
  key: string;
  broker: number | null;
  x: number;
  y: number;
}

function flatten(series: readonly Series[]): Point[] {
  return series.flatMap((s) => s.points.map((p) => ({ key: s.key, broker: s.broker, x: p.tMs / 1000, y: p.offset })));
}

export function renderHwChart(svg: SVGSVGElement, view: HwChartView, ctx: StageContext<HwChartView>): void {
  const width = Math.max(300, Math.round(ctx.width));
  const height = width < 560 ? 260 : 300;
  const xDomain: [number, number] = [0, view.durationMs / 1000];
  const yDomain: [number, number] = [0, Math.ceil(view.maxOffset * 1.08)];
  const last = (s: Series) => s.points[s.points.length - 1];
  const lineMarks = (series: readonly Series[], ghost: boolean) =>
    series.map((s) =>
      Plot.line(flatten([s]), {
        x: "x",
        y: "y",
        curve: "step-after",
        className: ghost ? `kl-chart-ghost kl-chart-${s.key}` : `kl-chart-line kl-chart-${s.key}`,
      }),
    );
  const ruleMarks = (marks: readonly ChartMark[]) => [
    Plot.ruleX(marks, { x: (m: ChartMark) => m.tMs / 1000, className: "kl-chart-rule" }),
    // Three label rows, so neighbouring marks do not print over each other.
    Plot.text(marks, {
      x: (m: ChartMark) => m.tMs / 1000,
      y: (_: ChartMark, i: number) => yDomain[1] - (i % 3) * rowStep,
      text: "label",
      textAnchor: "start",
      dx: 3,
      className: "kl-chart-rule-label",
      lineAnchor: "top",
    }),
  ];
  const ghostSeries = ctx.ghost ? [...ctx.ghost.leo, ctx.ghost.hw] : [];
  const plotHeight = height - 40 - 36;
  const unitsPerPx = (yDomain[1] - yDomain[0]) / plotHeight;
  const rowStep = 13 * unitsPerPx;
  const labels = spreadLabels(
    [...view.leo, view.hw].map((s) => ({
      key: s.key,
      x: last(s).tMs / 1000,
      y: last(s).offset,
      text: s.broker === null ? t("hwChart.label.hw", { hw: last(s).offset }) : t("hwChart.label.leo", { broker: s.broker, leo: last(s).offset }),
    })),
    13 * unitsPerPx,
  );
  const chart = Plot.plot({
    width,
    height,
    marginLeft: 44,
    marginRight: 70,
    marginTop: 40,
    marginBottom: 36,
    style: { background: "transparent", color: "currentColor", fontFamily: "inherit", fontSize: "12px" },
    x: { domain: xDomain, label: t("hwChart.axis.time"), labelAnchor: "right" },
    y: { domain: yDomain, label: t("hwChart.axis.offset"), grid: true },
    marks: [
      ...ruleMarks(view.marks),
      ...lineMarks(ghostSeries, true),
      ...lineMarks(view.leo, false),
      Plot.line(flatten([view.hw]), { x: "x", y: "y", curve: "step-after", className: "kl-chart-line kl-chart-hw" }),
      Plot.text(labels, { x: "x", y: "y", text: "text", textAnchor: "start", dx: 6, className: "kl-chart-label" }),
      Plot.ruleX([view.tMs / 1000], { className: "kl-chart-cursor" }),
    ],
  });
  const plotSvg = chart instanceof SVGSVGElement ? chart : chart.querySelector("svg");
  if (!plotSvg) return;
  plotSvg.removeAttribute("role");
  plotSvg.setAttribute("aria-hidden", "true");
  sizeStage(svg, width, height);
  svg.replaceChildren(plotSvg);
}

/** Moves end labels apart vertically (at least `gap` data units) so they never overlap. */
export function spreadLabels<L extends { y: number }>(labels: readonly L[], gap: number): L[] {
  const sorted = [...labels].sort((a, b) => a.y - b.y).map((label) => ({ ...label }));
  for (let i = 1; i < sorted.length; i++) if (sorted[i].y - sorted[i - 1].y < gap) sorted[i].y = sorted[i - 1].y + gap;
  return sorted;
}
