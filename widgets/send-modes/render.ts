import { select, type Selection } from "d3-selection";
import { t } from "../../content/i18n/t";
import { formatDuration } from "../kit/format";
import type { StageContext } from "../kit/spec";
import { ensureDefs, layer, sizeStage, translate, PRODUCER_COLOURS } from "../kit/stage";
import type { RecordLife, SendModesView, SideView } from "./fold";

/**
 * Draws the two producers on one shared time axis: one row per record, a tick where send()
 * was called, a hatched bar while it waits in the accumulator, a solid bar while its request
 * is in flight, and a numbered circle where its callback ran (the number is the callback's
 * place within the record's partition). Sync draws a staircase; async draws overlapping rows
 * whose flights start together, one batch per partition.
 */

const PAD = 12;
/** The axis labels and, under them, the legend. */
const AXIS = 46;

interface Layout {
  width: number;
  narrow: boolean;
  labelWidth: number;
  plotX: number;
  plotWidth: number;
  rowHeight: number;
  headHeight: number;
  panelHeight: (side: SideView) => number;
  x: (ms: number) => number;
}

function layoutFor(view: SendModesView, width: number): Layout {
  const narrow = width < 560;
  const labelWidth = narrow ? 64 : 110;
  const plotX = PAD + labelWidth;
  const plotWidth = Math.max(120, width - plotX - PAD - 14);
  const maxRecords = Math.max(1, ...view.sides.map((s) => s.total));
  const rowHeight = Math.max(7, Math.min(16, Math.floor(260 / maxRecords)));
  const headHeight = narrow ? 58 : 42;
  const start = view.axisStartMs;
  const span = (view.axisEndMs - start) * 1.04;
  return {
    width,
    narrow,
    labelWidth,
    plotX,
    plotWidth,
    rowHeight,
    headHeight,
    panelHeight: (side) => headHeight + Math.max(1, side.total) * rowHeight + 12,
    x: (ms) => plotX + (Math.max(0, Math.min(ms - start, span)) / span) * plotWidth,
  };
}

export function renderSendModes(svg: SVGSVGElement, view: SendModesView, ctx: StageContext<SendModesView>): void {
  const layout = layoutFor(view, Math.max(300, Math.round(ctx.width)));
  const height = view.sides.reduce((h, s) => h + layout.panelHeight(s), 0) + AXIS + 8;
  sizeStage(svg, layout.width, height);
  const { hatchId } = ensureDefs(svg);
  const panels = layer(svg, "panels");
  let y = 4;
  const offsets = view.sides.map((side) => {
    const top = y;
    y += layout.panelHeight(side);
    return top;
  });
  panels
    .selectAll<SVGGElement, SideView>("g.sm-panel")
    .data(view.sides, (d) => d.client)
    .join((enter) => enter.append<SVGGElement>("g").attr("class", "sm-panel"))
    .style("transform", (_, i) => translate(0, offsets[i]))
    .each(function (side) {
      drawPanel(select<SVGGElement>(this), side, view, layout, hatchId);
    });
  drawAxis(layer(svg, "axis"), view, layout, y);
  drawCursor(layer(svg, "cursor"), view, layout, y);
}

function drawPanel(g: Selection<SVGGElement, unknown>, side: SideView, view: SendModesView, layout: Layout, hatchId: string): void {
  const head = child(g, "text", "sm-head");
  head.attr("x", PAD).attr("y", 14).text(t(side.mode === "sync" ? "sendModes.side.sync" : "sendModes.side.async"));
  const stats = child(g, "text", "sm-stats");
  const line1 = t(layout.narrow ? "sendModes.stats.lineShort" : "sendModes.stats.line", {
    done: side.done,
    total: side.total,
    elapsed: formatDuration(side.elapsedMs),
    perRequest: side.recordsPerRequest.toFixed(1),
    latency: side.meanLatencyMs === null ? "–" : formatDuration(side.meanLatencyMs),
  });
  const order = side.callbacksInSendOrder ? t("sendModes.stats.inOrder") : t("sendModes.stats.outOfOrder");
  // The numbers sit on their own line under the heading; on a narrow stage the callback order gets a third line.
  stats.attr("x", PAD).attr("y", 31).text(layout.narrow ? line1 : `${line1} · ${order}`);
  child(g, "text", "sm-stats-order")
    .attr("x", PAD)
    .attr("y", 47)
    .text(layout.narrow ? order : "");

  const rows = child(g, "g", "sm-rows").style("transform", translate(0, layout.headHeight));
  rows
    .selectAll<SVGGElement, RecordLife>("g.sm-row")
    .data(side.records, (d) => d.id)
    .join((enter) => {
      const row = enter.append<SVGGElement>("g").attr("class", "sm-row");
      row.append("title");
      row.append("text").attr("class", "sm-row-label");
      row.append("line").attr("class", "sm-send");
      row.append("rect").attr("class", "sm-wait");
      row.append("rect").attr("class", "sm-flight");
      const ack = row.append("g").attr("class", "sm-ack");
      ack.append("circle");
      ack.append("text");
      return row;
    })
    .style("transform", (d) => translate(0, d.index * layout.rowHeight))
    .each(function (d) {
      drawRow(select<SVGGElement>(this), d, view.tMs, layout, hatchId);
    });
}

function drawRow(row: Selection<SVGGElement, unknown>, r: RecordLife, tMs: number, layout: Layout, hatchId: string): void {
  const h = layout.rowHeight;
  const mid = h / 2;
  const barH = Math.max(4, h - 5);
  const partitionClass = `kl-producer-${Math.max(0, r.partition) % PRODUCER_COLOURS}`;
  const p = r.partition >= 0 ? `p${r.partition}` : "p?";
  row.select("title").text(describeRecord(r));
  row
    .select("text.sm-row-label")
    .attr("x", layout.plotX - 6)
    .attr("y", mid)
    .attr("dy", "0.35em")
    .attr("text-anchor", "end")
    .style("font-size", `${Math.min(11, h - 2)}px`)
    .text(h >= 9 ? (layout.narrow ? `#${r.index + 1} ${p}` : `#${r.index + 1} ${r.key ?? "–"} → ${p}`) : "");
  const x0 = layout.x(r.sendMs);
  row.select("line.sm-send").attr("x1", x0).attr("x2", x0).attr("y1", 1).attr("y2", h - 1);
  const waitEnd = r.sentMs ?? r.failedMs ?? tMs;
  row
    .select("rect.sm-wait")
    .attr("x", x0)
    .attr("y", mid - barH / 2)
    .attr("width", Math.max(0, layout.x(waitEnd) - x0))
    .attr("height", barH)
    .attr("fill", `url(#${hatchId})`);
  const flightStart = r.sentMs;
  const flightEnd = r.ackMs ?? r.failedMs ?? tMs;
  row
    .select("rect.sm-flight")
    .attr("class", `sm-flight ${partitionClass}`)
    .attr("x", flightStart === null ? x0 : layout.x(flightStart))
    .attr("y", mid - barH / 2)
    .attr("width", flightStart === null ? 0 : Math.max(1, layout.x(flightEnd) - layout.x(flightStart)))
    .attr("height", barH);
  const ack = row.select<SVGGElement>("g.sm-ack");
  const doneMs = r.ackMs ?? r.failedMs;
  ack.attr("display", doneMs === null || r.callbackSeq === null ? "none" : null);
  if (doneMs !== null && r.callbackSeq !== null) {
    const radius = Math.max(4, Math.min(7.5, h / 2));
    ack.attr("class", `sm-ack ${r.failedMs !== null && r.ackMs === null ? "is-failed" : ""} ${r.callbackSeq === r.sendSeq ? "" : "is-out-of-order"}`);
    ack.style("transform", translate(layout.x(doneMs) + radius, mid));
    ack.select("circle").attr("r", radius).attr("class", partitionClass);
    ack
      .select("text")
      .attr("dy", "0.35em")
      .attr("text-anchor", "middle")
      .style("font-size", `${Math.min(10, radius * 1.5)}px`)
      .text(radius >= 5 ? r.callbackSeq : "");
  }
}

function describeRecord(r: RecordLife): string {
  const p = r.partition >= 0 ? `p${r.partition}` : "?";
  const parts = [t("sendModes.record.head", { n: r.index + 1, key: r.key ?? "null", partition: p })];
  if (r.sentMs !== null) parts.push(t("sendModes.record.waited", { ms: r.sentMs - r.sendMs }));
  if (r.ackMs !== null && r.sentMs !== null) parts.push(t("sendModes.record.flight", { ms: r.ackMs - r.sentMs }));
  if (r.callbackSeq !== null) parts.push(t("sendModes.record.callback", { n: r.callbackSeq, partition: p }));
  return parts.join(", ");
}

function drawAxis(g: Selection<SVGGElement, unknown>, view: SendModesView, layout: Layout, y: number): void {
  // Ticks count from the first send(): "+40 ms" reads as time spent, which is what matters.
  const ticks = niceTicks(view.axisEndMs - view.axisStartMs, layout.narrow ? 4 : 8);
  g.style("transform", translate(0, y));
  child(g, "line", "sm-axis-line").attr("x1", layout.plotX).attr("x2", layout.plotX + layout.plotWidth).attr("y1", 0).attr("y2", 0);
  child(g, "text", "sm-legend").attr("x", PAD).attr("y", 38).text(t(layout.narrow ? "sendModes.legendShort" : "sendModes.legend"));
  g.selectAll<SVGTextElement, number>("text.sm-tick")
    .data(ticks, (d) => String(d))
    .join<SVGTextElement>("text")
    .attr("class", "sm-tick")
    .attr("x", (d) => layout.x(view.axisStartMs + d))
    .attr("y", 16)
    .attr("text-anchor", "middle")
    .text((d) => (d === 0 ? t("sendModes.axis.start") : `+${formatDuration(d)}`));
}

function drawCursor(g: Selection<SVGGElement, unknown>, view: SendModesView, layout: Layout, bottom: number): void {
  const x = layout.x(view.tMs);
  child(g, "line", "sm-cursor").attr("x1", x).attr("x2", x).attr("y1", 2).attr("y2", bottom);
}

/** Round tick values (1, 2 or 5 times a power of ten) covering 0..endMs. */
export function niceTicks(endMs: number, count: number): number[] {
  const raw = Math.max(1, endMs / count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = 0; v <= endMs; v += step) ticks.push(v);
  return ticks;
}

function child<E extends SVGElement>(p: Selection<SVGGElement, unknown>, tag: string, className: string): Selection<E, unknown> {
  let found = p.select<E>(`:scope > ${tag}.${className}`);
  if (found.empty()) found = p.append<E>(tag).attr("class", className);
  return found;
}
