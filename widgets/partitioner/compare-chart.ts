import * as Plot from "@observablehq/plot";
import { t } from "../../content/i18n/t";
import { chartPanel, tableHead } from "../kit/chart-panel";
import { choiceLabel, type CompareRow } from "./compare";

/**
 * The comparison as three small Observable Plot charts, one per measure, the partitioners on
 * the y axis by name (so no colour is needed to tell them apart): batches sent and records per
 * batch as bars with their value printed (batches per request is in the table), latency as a p50 dot and a p99 triangle
 * joined by a line. Colours come from tokens through CSS classes (klp-*), never Plot's scales.
 */

const round1 = (n: number) => (Number.isFinite(n) ? Math.round(n * 10) / 10 : 0);

export function renderCompareCharts(box: HTMLElement, rows: readonly CompareRow[], width: number): void {
  const chartWidth = Math.max(240, Math.min(420, Math.round(width)));
  const labelled = rows.map((row) => ({ ...row, label: choiceLabel(row.choice) }));
  const order = labelled.map((row) => row.label);
  const common = {
    width: chartWidth,
    height: 40 + rows.length * 34,
    marginLeft: 132,
    marginRight: 44,
    marginTop: 8,
    marginBottom: 34,
    style: { background: "transparent", color: "currentColor", fontFamily: "inherit", fontSize: "12px" },
  };
  const bars = (key: "batches" | "recordsPerBatch", xLabel: string) =>
    Plot.plot({
      ...common,
      x: { label: xLabel, labelAnchor: "right", grid: true, nice: true, domain: [0, Math.max(1, ...labelled.map((r) => r[key])) * 1.15] },
      y: { label: null, domain: order },
      marks: [
        Plot.barX(labelled, { x: key, y: "label", className: "klp-bar" }),
        Plot.text(labelled, { x: key, y: "label", text: (d: (typeof labelled)[number]) => String(round1(d[key])), textAnchor: "start", dx: 4, className: "klp-bar-label" }),
        Plot.ruleX([0]),
      ],
    });
  const latencyMax = Math.max(1, ...labelled.map((r) => r.latencyP99Ms)) * 1.15;
  const latency = Plot.plot({
    ...common,
    x: { label: t("partitioner.chart.latencyAxis"), labelAnchor: "right", grid: true, nice: true, domain: [0, latencyMax] },
    y: { label: null, domain: order },
    marks: [
      Plot.ruleY(labelled, { x1: "latencyP50Ms", x2: "latencyP99Ms", y: "label", className: "klp-range" }),
      Plot.dot(labelled, { x: "latencyP50Ms", y: "label", r: 5, symbol: "circle", className: "klp-p50" }),
      Plot.dot(labelled, { x: "latencyP99Ms", y: "label", r: 6, symbol: "triangle", className: "klp-p99" }),
      Plot.ruleX([0]),
    ],
  });
  const panels: [string, Element][] = [
    [t("partitioner.chart.batches"), bars("batches", t("partitioner.chart.batchesSentAxis"))],
    [t("partitioner.chart.recordsPerBatch"), bars("recordsPerBatch", t("partitioner.chart.recordsAxis"))],
    [t("partitioner.chart.latency"), latency],
  ];
  // The table below the charts carries the same numbers; chartPanel hides the charts from screen readers.
  box.replaceChildren(...panels.map(([title, chart], i) => chartPanel("klp", title, chart, ...(i === 2 ? [latencyLegend()] : []))));
}

function latencyLegend(): HTMLUListElement {
  const list = document.createElement("ul");
  list.className = "klp-legend";
  list.setAttribute("aria-hidden", "true");
  const item = (className: string, shape: string, text: string) => {
    const li = document.createElement("li");
    li.innerHTML = `<svg class="${className}" width="12" height="12" viewBox="-6 -6 12 12"><path d="${shape}"/></svg>`;
    li.append(text);
    return li;
  };
  list.append(
    item("klp-p50", "M5 0A5 5 0 1 1 -5 0A5 5 0 1 1 5 0", t("partitioner.chart.p50")),
    item("klp-p99", "M0 -5.5L5.5 4.5L-5.5 4.5Z", t("partitioner.chart.p99")),
  );
  return list;
}

/** The same numbers as a table: the charts' text alternative. */
export function renderCompareTable(table: HTMLTableElement, rows: readonly CompareRow[]): void {
  const columns = ["partitioner.numbers.partitioner", "partitioner.numbers.requests", "partitioner.numbers.batches", "partitioner.chart.batchesPerRequest", "partitioner.chart.recordsPerBatch", "partitioner.numbers.p50", "partitioner.numbers.p99"] as const;
  const head = tableHead(columns.map((key) => t(key)));
  const body = document.createElement("tbody");
  for (const row of rows) {
    const tr = document.createElement("tr");
    const name = document.createElement("th");
    name.scope = "row";
    name.textContent = choiceLabel(row.choice);
    tr.append(name);
    for (const value of [row.requests, row.batches, round1(row.batchesPerRequest), round1(row.recordsPerBatch), round1(row.latencyP50Ms), round1(row.latencyP99Ms)]) {
      const td = document.createElement("td");
      td.textContent = String(value);
      tr.append(td);
    }
    body.append(tr);
  }
  const caption = document.createElement("caption");
  caption.className = "visually-hidden";
  caption.textContent = t("partitioner.numbers.caption");
  table.replaceChildren(caption, head, body);
}
