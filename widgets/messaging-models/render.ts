import { select, type Selection } from "d3-selection";
import { t } from "../../content/i18n/t";
import type { StageContext } from "../kit/spec";
import { layer, RECORD_SIZE, sizeStage, translate } from "../kit/stage";
import type { ConsumerBox, Delivery, LogRecord, MessagingView, ShareState } from "./fold";
import { consumerStatusText, modelHeadline, shareStateText } from "./describe";

/**
 * Draws the messaging-models stage: the topic's partitions as logs on the left, the consumers
 * on the right, a line from each partition to every consumer reading it, and in each consumer
 * the very record blocks it received (same colour, same label as in the log), so one copy per
 * group vs one copy per consumer is something the reader sees. A copy that just arrived flies
 * in from its place in the log. Below: the summary table. On a narrow stage the consumers sit
 * under the partitions.
 */

const CELL = RECORD_SIZE + 3;
const PAD = 12;
/** Room above the logs: the headline, and in a share group the legend of the record states. */
const headerHeight = (view: MessagingView, narrow: boolean): number => (view.model === "share-group" ? 48 : 30) + (narrow ? 16 : 0);

/** The headline; on a narrow stage split after its colon into two lines. */
function headlineLines(view: MessagingView, narrow: boolean): string[] {
  const text = modelHeadline(view);
  const colon = text.indexOf(": ");
  return narrow && colon > 0 ? [text.slice(0, colon + 1), text.slice(colon + 2)] : [text];
}
const ROW_LABEL = 16;
const TABLE_ROW = 18;
/** Where a consumer's copies start inside its box: room on the left for "+12" (copies not shown). */
const COPIES_X = 38;
/** Simulated ms during which a new copy is still drawn flying in from the log. */
const FLIGHT_MS = 1_200;

interface Layout {
  narrow: boolean;
  width: number;
  logX: number;
  logWidth: number;
  logY: number;
  rowHeight: number;
  logVisible: number;
  boxX: number;
  boxWidth: number;
  boxY: number;
  boxHeight: number;
  boxVisible: number;
  tableY: number;
  height: number;
}

export function layoutFor(view: MessagingView, width: number): Layout {
  const narrow = width < 560;
  const share = view.model === "share-group";
  const rowHeight = ROW_LABEL + RECORD_SIZE + (share ? 22 : 10);
  const boxHeight = ROW_LABEL + RECORD_SIZE + (share ? 22 : 14);
  const logsHeight = view.partitions.length * rowHeight;
  const boxesHeight = view.consumers.length * (boxHeight + 6);
  const logX = PAD;
  const logWidth = narrow ? width - 2 * PAD : Math.floor((width - 2 * PAD) * 0.46);
  const boxX = narrow ? PAD : Math.floor(width * 0.56);
  const boxWidth = narrow ? width - 2 * PAD : width - boxX - PAD;
  const header = headerHeight(view, narrow);
  const logY = header;
  const boxY = narrow ? header + logsHeight + 24 : header;
  const stageBottom = narrow ? boxY + boxesHeight : header + Math.max(logsHeight, boxesHeight);
  const tableY = stageBottom + 14;
  const tableRows = summaryRows(view).length;
  return {
    narrow,
    width,
    logX,
    logWidth,
    logY,
    rowHeight,
    logVisible: Math.max(3, Math.floor((logWidth - 4) / CELL)),
    boxX,
    boxWidth,
    boxY,
    boxHeight,
    boxVisible: Math.max(3, Math.floor((boxWidth - COPIES_X - 8) / CELL)),
    tableY,
    height: tableY + tableRows * TABLE_ROW + 10,
  };
}

export function renderMessagingModels(svg: SVGSVGElement, view: MessagingView, ctx: StageContext<MessagingView>): void {
  const layout = layoutFor(view, ctx.width);
  sizeStage(svg, layout.width, layout.height);
  drawHeader(layer(svg, "mm-header"), view, layout);
  drawLinks(layer(svg, "mm-links"), view, layout);
  drawLogs(layer(svg, "mm-logs"), view, layout);
  drawConsumers(layer(svg, "mm-consumers"), view, layout);
  // A layer of its own above the boxes, so a box added later never covers the copies.
  drawCopies(layer(svg, "mm-copies"), view, layout, ctx.reducedMotion);
  drawSummary(layer(svg, "mm-summary"), view, layout);
}

// ---- Geometry -------------------------------------------------------------------------------

function rowY(layout: Layout, index: number): number {
  return layout.logY + index * layout.rowHeight;
}

function boxY(layout: Layout, index: number): number {
  return layout.boxY + index * (layout.boxHeight + 6);
}

/** First offset drawn in a partition's row: the newest records always fit. */
function firstShown(records: readonly LogRecord[], layout: Layout): number {
  return Math.max(0, records.length - layout.logVisible);
}

/** Where a record sits in its partition's log (for a copy to fly from). */
function logPosition(view: MessagingView, layout: Layout, partition: number, offset: number): { x: number; y: number } {
  const row = view.partitions[partition];
  const start = row ? firstShown(row.records, layout) : 0;
  return { x: layout.logX + Math.max(0, offset - start) * CELL, y: rowY(layout, partition) + ROW_LABEL + 2 };
}

// ---- Header ---------------------------------------------------------------------------------

function drawHeader(g: Selection<SVGGElement, unknown>, view: MessagingView, layout: Layout): void {
  const headline = headlineLines(view, layout.narrow);
  const lines = headline.map((text, i) => ({ key: `headline-${i}`, text, y: 18 + i * 16, cls: "kl-strong" }));
  if (view.model === "share-group") lines.push({ key: "legend", text: t(layout.narrow ? "messagingModels.legendShort" : "messagingModels.legend"), y: 18 + headline.length * 16 + 2, cls: "kl-muted kl-mm-legend-text" });
  if (layout.narrow) lines.push({ key: "consumers", text: t("messagingModels.consumersHeading"), y: layout.boxY - 8, cls: "kl-muted" });
  g.selectAll<SVGTextElement, (typeof lines)[number]>("text")
    .data(lines, (d) => d.key)
    .join("text")
    .attr("class", (d) => d.cls)
    .attr("x", PAD)
    .attr("y", (d) => d.y)
    .text((d) => d.text);
}

// ---- Partitions -----------------------------------------------------------------------------

function drawLogs(g: Selection<SVGGElement, unknown>, view: MessagingView, layout: Layout): void {
  const rows = g
    .selectAll<SVGGElement, MessagingView["partitions"][number]>("g.kl-mm-partition")
    .data(view.partitions, (d) => String(d.partition))
    .join((enter) => {
      const row = enter.append<SVGGElement>("g").attr("class", "kl-mm-partition");
      row.append("text").attr("class", "kl-mm-partition-name");
      row.append("g").attr("class", "kl-mm-records");
      return row;
    });
  rows.each(function (row, index) {
    const group = select(this);
    group.attr("data-partition", row.partition).style("transform", translate(0, rowY(layout, index)));
    const start = firstShown(row.records, layout);
    const earlier = start > 0 ? ` ${t("messagingModels.earlier", { count: start })}` : "";
    group
      .select("text.kl-mm-partition-name")
      .attr("x", layout.logX)
      .attr("y", 12)
      .text(t("messagingModels.partition", { tp: `${view.topic}-${row.partition}`, key: row.key }) + earlier);
    const shown = row.records.slice(start).map((record, i) => ({ record, x: layout.logX + i * CELL }));
    joinBlocks(group.select<SVGGElement>("g.kl-mm-records"), shown, ROW_LABEL + 2);
  });
}

interface Placed {
  record: LogRecord;
  x: number;
}

/** The log's record blocks; in a share group each carries its state's glyph and delivery count. */
function joinBlocks(parent: Selection<SVGGElement, unknown>, blocks: readonly Placed[], y: number): void {
  parent
    .selectAll<SVGGElement, Placed>("g.kl-mm-record")
    .data(blocks, (d) => d.record.id)
    .join((enter) => {
      const b = enter.append<SVGGElement>("g");
      b.append("title");
      b.append("rect").attr("class", "kl-mm-box").attr("width", RECORD_SIZE).attr("height", RECORD_SIZE).attr("rx", 3);
      b.append("text").attr("class", "kl-mm-label").attr("x", RECORD_SIZE / 2).attr("y", RECORD_SIZE / 2).attr("dy", "0.35em");
      b.append("text").attr("class", "kl-mm-state").attr("x", RECORD_SIZE / 2).attr("y", RECORD_SIZE + 12);
      return b;
    })
    .attr("class", (d) => `kl-mm-record kl-mm-key-${d.record.keyIndex % 6}${d.record.share ? ` kl-mm-share--${d.record.share.state}` : ""}`)
    .attr("data-record", (d) => d.record.id)
    .style("transform", (d) => translate(d.x, y))
    .each(function (d) {
      const b = select(this);
      const share = d.record.share;
      const state = share ? ` — ${shareStateText(share.state, share.deliveryCount, share.holder)}` : "";
      b.select("title").text(t("messagingModels.record", { label: d.record.label, key: d.record.key, offset: d.record.offset }) + state);
      b.select("text.kl-mm-label").text(d.record.label);
      b.select("text.kl-mm-state").text(share ? stateMark(share.state, share.deliveryCount) : "");
    });
}

/** The glyph of a share state plus the delivery count: never colour alone. */
export function stateMark(state: ShareState, deliveryCount: number): string {
  const glyph = { available: "", acquired: "●", acknowledged: "✓", "available-again": "↺", archived: "✕" }[state];
  return state === "available" ? "" : `${glyph}${deliveryCount}`;
}

// ---- Links partition -> consumer --------------------------------------------------------------

interface Link {
  key: string;
  d: string;
}

function drawLinks(g: Selection<SVGGElement, unknown>, view: MessagingView, layout: Layout): void {
  const links: Link[] = [];
  view.consumers.forEach((box, i) => {
    for (const p of box.partitions) {
      const index = view.partitions.findIndex((row) => row.partition === p);
      if (index < 0) continue;
      const from = layout.narrow
        ? { x: layout.logX + layout.logWidth - 6, y: rowY(layout, index) + ROW_LABEL + RECORD_SIZE / 2 }
        : { x: layout.logX + Math.min(layout.logVisible, view.partitions[index].records.length) * CELL + 2, y: rowY(layout, index) + ROW_LABEL + RECORD_SIZE / 2 };
      const to = layout.narrow ? { x: layout.boxX + layout.boxWidth - 6, y: boxY(layout, i) + layout.boxHeight / 2 } : { x: layout.boxX - 2, y: boxY(layout, i) + layout.boxHeight / 2 };
      const bend = layout.narrow ? layout.width - 2 : (from.x + to.x) / 2;
      const d = layout.narrow ? `M${from.x},${from.y} C${bend},${from.y} ${bend},${to.y} ${to.x},${to.y}` : `M${from.x},${from.y} C${bend},${from.y} ${bend},${to.y} ${to.x},${to.y}`;
      links.push({ key: `${p}>${box.client}`, d });
    }
  });
  g.selectAll<SVGPathElement, Link>("path")
    .data(links, (d) => d.key)
    .join("path")
    .attr("class", "kl-mm-link")
    .attr("d", (d) => d.d);
}

// ---- Consumers ----------------------------------------------------------------------------

interface Copy {
  delivery: Delivery;
  key: string;
  x: number;
  y: number;
  from: { x: number; y: number };
  flying: boolean;
}

function drawConsumers(g: Selection<SVGGElement, unknown>, view: MessagingView, layout: Layout): void {
  const boxes = g
    .selectAll<SVGGElement, ConsumerBox>("g.kl-mm-consumer")
    .data(view.consumers, (d) => d.client)
    .join((enter) => {
      const box = enter.append<SVGGElement>("g");
      box.append("rect").attr("class", "kl-mm-consumer-box").attr("rx", 5);
      box.append("text").attr("class", "kl-mm-consumer-name kl-strong");
      box.append("text").attr("class", "kl-mm-consumer-status");
      box.append("text").attr("class", "kl-mm-consumer-count kl-strong");
      box.append("text").attr("class", "kl-mm-consumer-earlier kl-muted");
      return box;
    })
    .attr("class", (d) => `kl-mm-consumer kl-mm-consumer--${d.status}`)
    .attr("data-client", (d) => d.client);

  boxes.each(function (box, i) {
    const group = select(this);
    const y = boxY(layout, i);
    group.style("transform", translate(layout.boxX, y));
    group.select("rect").attr("width", layout.boxWidth).attr("height", layout.boxHeight);
    group.select("text.kl-mm-consumer-name").attr("x", 8).attr("y", 14).text(box.client);
    const nameWidth = box.client.length * 7 + 16;
    group.select("text.kl-mm-consumer-status").attr("x", 8 + nameWidth).attr("y", 14).text(consumerStatusText(box, view, layout.boxWidth < 380));
    group
      .select("text.kl-mm-consumer-count")
      .attr("x", layout.boxWidth - 8)
      .attr("y", 14)
      .attr("text-anchor", "end")
      .text(t("messagingModels.received", { count: box.received.length }));
    const start = Math.max(0, box.received.length - layout.boxVisible);
    group
      .select("text.kl-mm-consumer-earlier")
      .attr("x", COPIES_X - 4)
      .attr("y", ROW_LABEL + 6 + RECORD_SIZE / 2)
      .attr("dy", "0.35em")
      .attr("text-anchor", "end")
      .text(start > 0 ? t("messagingModels.earlierCopies", { count: start }) : "");
  });
}

function drawCopies(g: Selection<SVGGElement, unknown>, view: MessagingView, layout: Layout, reducedMotion: boolean): void {

  // The copies live in one layer over all boxes, in stage coordinates, so a new one can fly
  // from its place in the log to its slot in the consumer.
  const copies: Copy[] = [];
  view.consumers.forEach((box, i) => {
    const start = Math.max(0, box.received.length - layout.boxVisible);
    box.received.slice(start).forEach((delivery, j) => {
      copies.push({
        delivery,
        // A share group may deliver the same record to the same consumer twice: the delivery number keeps them apart.
        key: `${box.client}|${delivery.id}|${delivery.deliveryCount}`,
        x: layout.boxX + COPIES_X + j * CELL,
        y: boxY(layout, i) + ROW_LABEL + 6,
        from: logPosition(view, layout, delivery.partition, delivery.offset),
        flying: !reducedMotion && view.tMs - delivery.tMs < FLIGHT_MS,
      });
    });
  });
  const entered: { node: SVGGElement; to: string }[] = [];
  g.selectAll<SVGGElement, Copy>("g.kl-mm-copy")
    .data(copies, (d) => d.key)
    .join((enter) => {
      const c = enter.append<SVGGElement>("g");
      c.append("title");
      c.append("rect").attr("class", "kl-mm-box").attr("width", RECORD_SIZE).attr("height", RECORD_SIZE).attr("rx", 3);
      c.append("text").attr("class", "kl-mm-label").attr("x", RECORD_SIZE / 2).attr("y", RECORD_SIZE / 2).attr("dy", "0.35em");
      c.append("text").attr("class", "kl-mm-state").attr("x", RECORD_SIZE / 2).attr("y", RECORD_SIZE + 12);
      c.style("transform", (d) => translate(d.flying ? d.from.x : d.x, d.flying ? d.from.y : d.y)).each(function (d) {
        if (d.flying) entered.push({ node: this, to: translate(d.x, d.y) });
      });
      return c;
    })
    .attr("class", (d) => `kl-mm-copy kl-mm-record kl-mm-key-${d.delivery.keyIndex % 6}${d.delivery.deliveryCount > 1 ? " is-redelivery" : ""}`)
    .attr("data-record", (d) => d.delivery.id)
    .each(function (d) {
      const c = select(this);
      if (!entered.some((e) => e.node === this)) c.style("transform", translate(d.x, d.y));
      c.select("title").text(t("messagingModels.copy", { label: d.delivery.label, delivery: d.delivery.deliveryCount }));
      c.select("text.kl-mm-label").text(d.delivery.label);
      // Only a redelivery is marked: the usual first delivery needs no label.
      c.select("text.kl-mm-state").text(d.delivery.deliveryCount > 1 ? `↺${d.delivery.deliveryCount}` : "");
    });
  // Set the target one frame later, so the CSS transition runs from the log to the consumer.
  if (entered.length > 0) {
    requestAnimationFrame(() => {
      for (const { node, to } of entered) node.style.transform = to;
    });
  }
}

// ---- Summary table ------------------------------------------------------------------------

interface SummaryRow {
  key: string;
  label: string;
  value: string;
}

export function summaryRows(view: MessagingView): SummaryRow[] {
  const rows: SummaryRow[] = [{ key: "produced", label: t("messagingModels.summary.produced"), value: String(view.produced) }];
  for (const box of view.consumers) rows.push({ key: `c-${box.client}`, label: t("messagingModels.summary.deliveredTo", { client: box.client, group: box.group }), value: String(box.received.length) });
  rows.push({ key: "copies", label: t("messagingModels.summary.copies"), value: view.distinctDelivered === 0 ? "–" : String(view.copiesPerRecord) });
  if (view.model === "share-group") {
    rows.push({ key: "acked", label: t("messagingModels.summary.acknowledged"), value: t("messagingModels.summary.ackedValue", { count: view.acknowledged, twice: view.acknowledgedTwice }) });
    rows.push({ key: "redelivered", label: t("messagingModels.summary.redelivered"), value: String(view.redelivered) });
  }
  return rows;
}

function drawSummary(g: Selection<SVGGElement, unknown>, view: MessagingView, layout: Layout): void {
  const rows = summaryRows(view);
  const valueX = Math.min(layout.width - PAD, PAD + 360);
  g.selectAll<SVGLineElement, number>("line")
    .data([0], () => "rule")
    .join("line")
    .attr("class", "kl-mm-rule")
    .attr("x1", PAD)
    .attr("x2", valueX)
    .attr("y1", layout.tableY - 4)
    .attr("y2", layout.tableY - 4);
  const items = g
    .selectAll<SVGGElement, SummaryRow>("g.kl-mm-summary-row")
    .data(rows, (d) => d.key)
    .join((enter) => {
      const row = enter.append<SVGGElement>("g").attr("class", "kl-mm-summary-row");
      row.append("text").attr("class", "kl-mm-summary-label");
      row.append("text").attr("class", "kl-mm-summary-value kl-strong").attr("text-anchor", "end");
      return row;
    });
  items.each(function (row, i) {
    const r = select(this);
    const y = layout.tableY + 12 + i * TABLE_ROW;
    r.select("text.kl-mm-summary-label").attr("x", PAD).attr("y", y).text(row.label);
    r.select("text.kl-mm-summary-value").attr("x", valueX).attr("y", y).text(row.value);
  });
}
