import { select, type Selection } from "d3-selection";
import { t } from "../../content/i18n/t";
import { joinNodeBadges, nodeStateLabel, PRODUCER_COLOURS, translate, type NodeBadge, type NodeState } from "../kit/stage";
import type { BatchMark, PipelineView, RecordMark } from "./fold";
import type { Box, Layout } from "./layout";
import { batchStateLabel, recordLetter, shortBatchId, stateGlyph } from "./marks";
import { batchDetail, batchTitle, doneNote, joinText, textWidth, type TextLine } from "./words";

/**
 * The queues of the stage: the accumulator's deques, the Sender, each broker's in-flight
 * requests and the brokers. Batches are one keyed join across deques and request slots, so a
 * batch drained into a request moves there.
 */

const MINI = 14;
const MINI_GAP = 2;

export function drawPartitionRows(g: Selection<SVGGElement, unknown>, view: PipelineView, layout: Layout): void {
  const lines: TextLine[] = [];
  view.partitions.forEach((row, i) => {
    const geometry = layout.partitionRows[i];
    if (!geometry) return;
    const leader = row.leader === null ? t("producerPipeline.row.noLeader") : t("producerPipeline.row.leader", { broker: row.leader });
    lines.push({ key: `label-${i}`, text: `${view.topic}-${row.partition} ${leader}`, x: geometry.label.x, y: geometry.label.y, cls: "kl-strong" });
    const last = row.done[row.done.length - 1];
    // The note shares the label's line: the short form when the long one would run into the label.
    const room = geometry.deque.width - textWidth(lines[lines.length - 1].text) - 16;
    if (last) lines.push({ key: `note-${i}`, text: textWidth(doneNote(last)) <= room ? doneNote(last) : doneNote(last, true), x: geometry.note.x, y: geometry.note.y, cls: last.state === "acknowledged" ? "kl-pp-done" : "kl-pp-error", anchor: geometry.note.anchor });
    const hidden = Math.max(0, row.deque.length - visibleBatches(layout, geometry.deque));
    if (hidden > 0) lines.push({ key: `more-${i}`, text: t("producerPipeline.row.more", { count: hidden }), x: geometry.deque.x, y: geometry.deque.y + geometry.deque.height / 2, cls: "kl-muted" });
    if (row.deque.length === 0) lines.push({ key: `empty-${i}`, text: t("producerPipeline.row.empty"), x: geometry.deque.x + geometry.deque.width - 4, y: geometry.deque.y + geometry.deque.height / 2 + 4, cls: "kl-muted", anchor: "end" });
  });
  joinText(g, lines);
  g.selectAll<SVGRectElement, number>("rect.kl-pp-deque")
    .data(layout.partitionRows.map((_, i) => i))
    .join("rect")
    .attr("class", "kl-pp-deque")
    .attr("x", (i) => layout.partitionRows[i].deque.x - 4)
    .attr("y", (i) => layout.partitionRows[i].deque.y - 4)
    .attr("width", (i) => layout.partitionRows[i].deque.width + 8)
    .attr("height", (i) => layout.partitionRows[i].deque.height + 8)
    .attr("rx", 5);
}

function visibleBatches(layout: Layout, deque: Box): number {
  return Math.max(1, Math.floor((deque.width + 8) / (layout.batch.width + 8)));
}

export function drawSender(g: Selection<SVGGElement, unknown>, view: PipelineView, layout: Layout): void {
  const box = layout.sender;
  const active = view.lastDrainMs !== null && view.tMs - view.lastDrainMs < 60;
  const inFlight = view.brokers.reduce((n, b) => n + b.inFlight.length, 0);
  g.selectAll<SVGRectElement, string>("rect")
    .data(["box"])
    .join("rect")
    .attr("class", `kl-pp-sender${active ? " is-active" : ""}`)
    .attr("x", box.x)
    .attr("y", box.y)
    .attr("width", box.width)
    .attr("height", box.height)
    .attr("rx", 5);
  const lines: TextLine[] = layout.narrow
    ? [{ key: "name", text: `${t("producerPipeline.sender")} · ${t("producerPipeline.sender.requests", { count: view.counts.requests, inFlight })}`, x: box.x + 8, y: box.y + box.height / 2 + 4, cls: "kl-strong" }]
    : [
        { key: "name", text: t("producerPipeline.sender"), x: box.x + box.width / 2, y: box.y + 18, cls: "kl-strong", anchor: "middle" },
        { key: "thread", text: t("producerPipeline.sender.thread"), x: box.x + box.width / 2, y: box.y + 34, cls: "kl-muted", anchor: "middle" },
        { key: "count", text: String(view.counts.requests), x: box.x + box.width / 2, y: box.y + box.height - 26, cls: "kl-strong", anchor: "middle" },
        { key: "requests", text: t("producerPipeline.sender.requestsShort"), x: box.x + box.width / 2, y: box.y + box.height - 12, cls: "kl-muted", anchor: "middle" },
      ];
  joinText(g, lines);
  // Arrows: each deque drains into the Sender, which writes to each broker's connection.
  const arrows: string[] = [];
  if (!layout.narrow) {
    for (const row of layout.partitionRows) {
      const y = row.deque.y + row.deque.height / 2;
      arrows.push(arrow(row.deque.x + row.deque.width + 5, y, box.x - 2, y));
    }
    for (const row of layout.brokerRows) {
      const slot = row.slots[0];
      const y = slot.y + slot.height / 2;
      arrows.push(arrow(box.x + box.width + 2, y, slot.x - 3, y));
    }
  }
  g.selectAll<SVGPathElement, string>("path.kl-pp-flow")
    .data(arrows)
    .join("path")
    .attr("class", "kl-pp-flow")
    .attr("d", (d) => d);
}

/** A straight arrow with a small head at its end. */
function arrow(x1: number, y1: number, x2: number, y2: number): string {
  return `M${x1} ${y1}L${x2} ${y2}M${x2 - 5} ${y2 - 4}L${x2} ${y2}L${x2 - 5} ${y2 + 4}`;
}

export function drawBrokers(g: Selection<SVGGElement, unknown>, view: PipelineView, layout: Layout): void {
  const rows = g
    .selectAll<SVGGElement, PipelineView["brokers"][number]>("g.kl-pp-broker")
    .data(view.brokers, (d) => String(d.broker))
    .join((enter) => {
      const row = enter.append<SVGGElement>("g").attr("class", "kl-pp-broker");
      row.append("g").attr("class", "kl-pp-slots");
      row.append("g").attr("class", "kl-pp-requests");
      row.append("g").attr("class", "kl-pp-badge");
      row.append("text").attr("class", "kl-pp-broker-name kl-strong");
      row.append("text").attr("class", "kl-pp-broker-leads kl-muted");
      return row;
    });
  rows.each(function (broker, i) {
    const geometry = layout.brokerRows[i];
    const row = select(this);
    if (!geometry) return;
    const state: NodeState = !broker.alive ? "dead" : broker.leaderOf.length > 0 ? "leader" : "follower";
    const badge: NodeBadge = { key: "state", x: geometry.badge.x, y: geometry.badge.y, width: 72, state, text: nodeStateLabel(state) };
    joinNodeBadges(row.select<SVGGElement>("g.kl-pp-badge"), [badge]);
    const leads = broker.leaderOf.length > 0 ? t("producerPipeline.broker.leads", { partitions: broker.leaderOf.map((p) => `${view.topic}-${p}`).join(", ") }) : t("producerPipeline.broker.leadsNone");
    if (layout.narrow) {
      row.select("text.kl-pp-broker-name").attr("x", geometry.label.x).attr("y", geometry.label.y).text(`${t("producerPipeline.broker.name", { broker: broker.broker })} · ${leads}`);
      row.select("text.kl-pp-broker-leads").text("");
    } else {
      row.select("text.kl-pp-broker-name").attr("x", geometry.badge.x + 80).attr("y", geometry.badge.y + 14).text(t("producerPipeline.broker.name", { broker: broker.broker }));
      row.select("text.kl-pp-broker-leads").attr("x", geometry.label.x).attr("y", geometry.label.y).text(leads);
    }
    row
      .select<SVGGElement>("g.kl-pp-slots")
      .selectAll<SVGRectElement, Box>("rect")
      .data(geometry.slots)
      .join("rect")
      .attr("class", (_, j) => `kl-pp-slot${j < broker.inFlight.length ? " is-used" : ""}`)
      .attr("x", (d) => d.x)
      .attr("y", (d) => d.y)
      .attr("width", (d) => d.width)
      .attr("height", (d) => d.height)
      .attr("rx", 4);
    // Each request's label (its id) sits above its slot; its batches are drawn by drawBatches.
    const labels = broker.inFlight.slice(0, geometry.slots.length).map((request, j) => ({ key: request.id, slot: geometry.slots[j], text: request.id }));
    row
      .select<SVGGElement>("g.kl-pp-requests")
      .selectAll<SVGTextElement, (typeof labels)[number]>("text")
      .data(geometry.slots[0].width >= 30 ? labels : [], (d) => d.key)
      .join("text")
      .attr("class", "kl-pp-request-label kl-muted")
      .attr("x", (d) => d.slot.x + d.slot.width / 2)
      .attr("y", (d) => d.slot.y - 3)
      .attr("text-anchor", "middle")
      .text((d) => d.text);
  });
}

interface PlacedBatch {
  batch: BatchMark;
  x: number;
  y: number;
  width: number;
  height: number;
  compact: boolean;
}

function placeBatches(view: PipelineView, layout: Layout): PlacedBatch[] {
  const placed: PlacedBatch[] = [];
  const { width, height } = layout.batch;
  view.partitions.forEach((row, i) => {
    const deque = layout.partitionRows[i]?.deque;
    if (!deque) return;
    const fit = visibleBatches(layout, deque);
    // The deque drains from its head: the oldest batch sits nearest the Sender (on the right).
    row.deque.slice(0, fit).forEach((batch, j) => {
      placed.push({ batch, x: deque.x + deque.width - width - j * (width + 8), y: deque.y, width, height, compact: false });
    });
  });
  view.brokers.forEach((broker, i) => {
    const slots = layout.brokerRows[i]?.slots ?? [];
    broker.inFlight.slice(0, slots.length).forEach((request, j) => {
      const slot = slots[j];
      const n = Math.max(1, request.batches.length);
      const chip = (slot.height - 4 - (n - 1) * 3) / n;
      request.batches.forEach((batch, k) => placed.push({ batch, x: slot.x + 2, y: slot.y + 2 + k * (chip + 3), width: slot.width - 4, height: chip, compact: true }));
    });
  });
  return placed;
}

export function drawBatches(g: Selection<SVGGElement, unknown>, view: PipelineView, layout: Layout): void {
  const placed = placeBatches(view, layout);
  const batches = g
    .selectAll<SVGGElement, PlacedBatch>("g.kl-pp-batch")
    .data(placed, (d) => d.batch.id)
    .join((enter) => {
      const b = enter.append<SVGGElement>("g").attr("class", "kl-pp-batch kl-moving").style("transform", (d) => translate(d.x, d.y));
      b.append("title");
      b.append("rect").attr("class", "kl-pp-batch-box").attr("rx", 4);
      b.append("text").attr("class", "kl-pp-batch-name");
      b.append("g").attr("class", "kl-pp-batch-records");
      b.append("rect").attr("class", "kl-pp-fill-track").attr("rx", 2);
      b.append("rect").attr("class", "kl-pp-fill").attr("rx", 2);
      b.append("rect").attr("class", "kl-pp-linger").attr("rx", 1);
      b.append("text").attr("class", "kl-pp-batch-detail");
      b.append("text").attr("class", "kl-pp-batch-detail kl-pp-batch-why");
      return b;
    });
  batches.each(function (d) {
    const b = select(this);
    const batch = d.batch;
    b.attr("class", `kl-pp-batch kl-moving kl-pp-batch--${batch.state}${d.compact ? " is-compact" : ""}`).style("transform", translate(d.x, d.y));
    b.select("title").text(batchTitle(batch, view));
    b.select("rect.kl-pp-batch-box").attr("width", d.width).attr("height", d.height);
    const glyph = stateGlyph[batch.state];
    const short = shortBatchId(batch.id);
    const name = d.compact ? (d.width >= 30 ? `${glyph} ${short}` : glyph) : `${glyph} ${short} · ${batchStateLabel(batch.state)}`;
    b.select("text.kl-pp-batch-name")
      .attr("x", d.compact ? d.width / 2 : 6)
      .attr("y", d.compact ? Math.min(14, d.height / 2 + 4) : 13)
      .attr("text-anchor", d.compact ? "middle" : "start")
      .text(name);
    const fillWidth = d.width - 12;
    const fraction = view.settings.batchSize > 0 ? Math.min(1, batch.bytes / view.settings.batchSize) : 1;
    const fillY = d.height - 30;
    b.select("rect.kl-pp-fill-track").attr("x", 6).attr("y", fillY).attr("width", fillWidth).attr("height", 5).attr("display", d.compact ? "none" : null);
    b.select("rect.kl-pp-fill").attr("x", 6).attr("y", fillY).attr("width", fillWidth * fraction).attr("height", 5).attr("display", d.compact ? "none" : null);
    const lingerFraction = batch.lingerLeftMs !== null && view.settings.lingerMs > 0 ? batch.lingerLeftMs / view.settings.lingerMs : 0;
    b.select("rect.kl-pp-linger")
      .attr("x", 6)
      .attr("y", 17)
      .attr("width", fillWidth * lingerFraction)
      .attr("height", 2)
      .attr("display", d.compact || batch.lingerLeftMs === null ? "none" : null);
    // In a request slot there is room for the record count only (the batch's tooltip has the rest).
    const chipCount = d.compact && d.height >= 34 && d.width >= 28 ? t("producerPipeline.batch.chipCount", { count: batch.count }) : "";
    const [fillText, stateText] = d.compact ? [chipCount, ""] : batchDetail(batch, view);
    b.select("text.kl-pp-batch-detail")
      .attr("x", d.compact ? d.width / 2 : 6)
      .attr("y", d.compact ? 30 : d.height - 16)
      .attr("text-anchor", d.compact ? "middle" : "start")
      .text(fillText);
    b.select("text.kl-pp-batch-why").attr("x", 6).attr("y", d.height - 5).text(stateText);
    const minis = d.compact ? [] : miniRecords(batch.records, d.width);
    b.select<SVGGElement>("g.kl-pp-batch-records")
      .selectAll<SVGGElement, (typeof minis)[number]>("g.kl-pp-mini")
      .data(minis, (m) => m.key)
      .join((enter) => {
        const m = enter.append<SVGGElement>("g").attr("class", "kl-pp-mini");
        m.append("title");
        m.append("rect").attr("class", "kl-pp-mini-box").attr("width", MINI).attr("height", MINI).attr("rx", 2);
        m.append("rect").attr("class", "kl-pp-mini-band").attr("x", 1).attr("y", MINI - 3.5).attr("width", MINI - 2).attr("height", 2.5);
        m.append("text").attr("class", "kl-pp-mini-text").attr("x", MINI / 2).attr("y", MINI / 2 - 1).attr("dy", "0.35em");
        return m;
      })
      .attr("transform", (m) => `translate(${m.x},${m.y})`)
      .each(function (m) {
        const mini = select(this);
        mini.select("title").text(m.title);
        mini.select("rect.kl-pp-mini-band").attr("class", `kl-pp-mini-band kl-producer-${m.colour}`);
        mini.select("text").text(m.text);
      });
  });
}

interface MiniRecord {
  key: string;
  x: number;
  y: number;
  colour: number;
  text: string;
  title: string;
}

/** Up to two rows of small record blocks inside a batch; the last one says "+n" when more do not fit. */
function miniRecords(records: readonly RecordMark[], width: number): MiniRecord[] {
  const perRow = Math.max(1, Math.floor((width - 12 + MINI_GAP) / (MINI + MINI_GAP)));
  const room = perRow * 2;
  const shown = records.length > room ? records.slice(0, room - 1) : records;
  const minis: MiniRecord[] = shown.map((r, i) => ({
    key: r.id,
    x: 6 + (i % perRow) * (MINI + MINI_GAP),
    y: 22 + Math.floor(i / perRow) * (MINI + MINI_GAP) - (records.length > perRow ? 0 : 0),
    colour: recordColour(r),
    text: recordLetter(r.key),
    title: r.key === null ? t("producerPipeline.record.titleNoKey", { id: r.id }) : t("producerPipeline.record.title", { id: r.id, key: r.key }),
  }));
  if (records.length > room) {
    const i = room - 1;
    minis.push({ key: "more", x: 6 + (i % perRow) * (MINI + MINI_GAP), y: 22 + Math.floor(i / perRow) * (MINI + MINI_GAP), colour: 3, text: `+${records.length - shown.length}`, title: t("producerPipeline.row.more", { count: records.length - shown.length }) });
  }
  return minis;
}

/** A record's colour: by its key (the same key, the same colour everywhere); keyless records take the producer's. */
export function recordColour(record: RecordMark): number {
  return record.keyIndex < 0 ? 0 : record.keyIndex % PRODUCER_COLOURS;
}
