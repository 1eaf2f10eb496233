import * as Plot from "@observablehq/plot";
import { t } from "../../content/i18n/t";
import { chartPanel, tableHead } from "../kit/chart-panel";
import { formatKiB, lineLabel, one, sweepTableRows, TABLE_HEADERS } from "./describe";
import { BATCH_SIZES, LINGERS, type SweepPoint } from "./sweep";

/**
 * Draws the sweep with Observable Plot: records per produce request and p99 latency against
 * batch.size (log scale, ticks in KiB), one line per linger.ms, each chart with a sentence under
 * it that says what to read in it. Each line has its own colour (a CSS class and
 * a token), its own dash pattern and its own point symbol, so no line is told by colour alone;
 * the legend repeats all three. Each point has a native tooltip (an SVG <title>), and the table
 * beside the charts carries the same numbers for screen readers.
 */

/** Symbols and dash patterns by line index (linger.ms order). */
export const LINE_SYMBOLS = ["circle", "square", "triangle", "diamond"] as const;
export const LINE_DASHES = ["none", "6 3", "2 3", "9 3 2 3"] as const;
/**
 * Lines often coincide (at a small batch.size every line carries one record per request), so earlier lines
 * are drawn wider and with larger symbols underneath later ones: a shared stretch shows as a
 * line inside a wider line, never as one line hiding another.
 */
const LINE_WIDTHS = [7, 4.5, 2.5, 1.5] as const;
const SYMBOL_RADII = [7, 5.5, 4.5, 3.5] as const;

function pointTitle(p: SweepPoint): string {
  return t("batchingChart.tooltip", {
    linger: p.lingerMs,
    size: formatKiB(p.batchSize),
    perRequest: one(p.recordsPerRequest),
    requests: Math.round(p.requestsPerSecond),
    p99: one(p.latencyP99Ms),
  });
}

type Measure = "recordsPerRequest" | "latencyP99Ms";

function chart(points: readonly SweepPoint[], measure: Measure, width: number): SVGSVGElement | HTMLElement {
  const yLabel = measure === "recordsPerRequest" ? t("batchingChart.axis.perRequest") : t("batchingChart.axis.p99");
  const yMax = Math.max(1, ...points.map((p) => p[measure])) * 1.1;
  const marks = LINGERS.flatMap((lingerMs, i) => {
    const line = points.filter((p) => p.lingerMs === lingerMs);
    return [
      Plot.line(line, { x: "batchSize", y: measure, className: `klb-line klb-l${i}`, strokeWidth: LINE_WIDTHS[i], strokeDasharray: LINE_DASHES[i] === "none" ? undefined : LINE_DASHES[i] }),
      Plot.dot(line, { x: "batchSize", y: measure, symbol: LINE_SYMBOLS[i], r: SYMBOL_RADII[i], className: `klb-dot klb-l${i}`, title: pointTitle }),
    ];
  });
  return Plot.plot({
    width,
    height: width < 420 ? 240 : 270,
    marginLeft: 56,
    marginRight: 16,
    marginTop: 24,
    marginBottom: 40,
    style: { background: "transparent", color: "currentColor", fontFamily: "inherit", fontSize: "12px" },
    x: {
      type: "log",
      domain: [BATCH_SIZES[0], BATCH_SIZES[BATCH_SIZES.length - 1]],
      axis: null,
    },
    y: { domain: [0, yMax], label: yLabel, grid: true, nice: true },
    marks: [
      // The axis as a mark with the grid's sizes as its ticks, labelled through `text`: a log
      // scale's own tick format would leave some of them unlabelled.
      Plot.axisX(width < 420 ? BATCH_SIZES.filter((_, i) => i % 2 === 0) : [...BATCH_SIZES], {
        text: (bytes: number) => `${bytes / 1024}`,
        label: t("batchingChart.axis.batchSize"),
        labelAnchor: "right",
      }),
      ...marks,
      Plot.ruleY([0]),
    ],
  });
}

export function renderSweepCharts(box: HTMLElement, points: readonly SweepPoint[], width: number): void {
  const perChart = width >= 760 ? Math.floor((width - 16) / 2) : Math.round(width);
  const panels: [string, Element, string][] = [
    [t("batchingChart.chart.perRequest"), chart(points, "recordsPerRequest", perChart), t("batchingChart.chart.perRequestNote")],
    [t("batchingChart.chart.latency"), chart(points, "latencyP99Ms", perChart), t("batchingChart.chart.latencyNote")],
  ];
  box.replaceChildren(
    ...panels.map(([title, svg, note]) => {
      const reading = document.createElement("p");
      reading.className = "klb-chart-note";
      reading.textContent = note;
      // The data table carries the same numbers; chartPanel hides the picture from screen readers.
      return chartPanel("klb", title, svg, reading);
    }),
  );
}

/** The legend: each line's colour, dash and symbol with its linger.ms, as in the charts. */
export function renderLegend(list: HTMLUListElement): void {
  const symbolPath = ["M4 0A4 4 0 1 1 -4 0A4 4 0 1 1 4 0", "M-3.5 -3.5H3.5V3.5H-3.5Z", "M0 -4.5L4.5 3.5L-4.5 3.5Z", "M0 -5L5 0L0 5L-5 0Z"];
  list.replaceChildren(
    ...LINGERS.map((lingerMs, i) => {
      const item = document.createElement("li");
      const dash = LINE_DASHES[i] === "none" ? "" : ` stroke-dasharray="${LINE_DASHES[i]}"`;
      item.innerHTML = `<svg class="klb-l${i}" width="34" height="12" viewBox="-17 -6 34 12" aria-hidden="true"><line class="klb-swatch-line" x1="-16" x2="16" y1="0" y2="0"${dash}/><path class="klb-swatch-dot" d="${symbolPath[i]}"/></svg>`;
      item.append(lineLabel(lingerMs));
      return item;
    }),
  );
}

/** The sweep as a table, one row per run: the charts' text alternative and the static frame's content. */
export function renderSweepTable(table: HTMLTableElement, points: readonly SweepPoint[]): void {
  const caption = document.createElement("caption");
  caption.textContent = t("batchingChart.table.caption");
  const head = tableHead(TABLE_HEADERS.map((key) => t(key)));
  const body = document.createElement("tbody");
  for (const row of sweepTableRows(points)) {
    const tr = document.createElement("tr");
    row.forEach((value, i) => {
      const cell = document.createElement(i < 2 ? "th" : "td");
      if (i < 2) (cell as HTMLTableCellElement).scope = "row";
      cell.textContent = value;
      tr.append(cell);
    });
    body.append(tr);
  }
  table.replaceChildren(caption, head, body);
}
