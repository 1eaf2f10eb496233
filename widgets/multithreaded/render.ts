import { select, type Selection } from "d3-selection";
import { t } from "../../content/i18n/t";
import { formatSeconds, formatTopicPartition } from "../kit/format";
import type { StageContext } from "../kit/spec";
import { ensureDefs, joinRecords, layer, RECORD_SIZE, sizeStage, translate, type RecordBlock } from "../kit/stage";
import { headerText, laneName, laneStateText, lateLabel, safeCommitText, statsText } from "./describe";
import type { FinishedRecord, Lane, MultithreadedView, PartitionRow } from "./fold";
import { BLOCKS_Y, CELL, LANE_HEIGHT, LANE_NAME_WIDTH, LINE, MAX_LATE_LINES, PAD, ROW_HEIGHT, layoutFor, type Layout } from "./layout";

/**
 * Draws the multithreaded stage: a header with the model and the figures that compare the
 * models; per partition, its records in the order they FINISHED processing (a record that
 * finished after a later one of its partition carries the out-of-order mark: a triangle and an
 * outline, and a line in the list below); per thread, the record in its hands with how far it
 * is. Records keep the kit's block (offset inside, colour band by key, committed solid,
 * uncommitted hatched) and are keyed by record id.
 */

interface TextLine {
  key: string;
  text: string;
  x: number;
  y: number;
  cls: string;
}

function joinText(g: Selection<SVGGElement, unknown>, lines: readonly TextLine[]): void {
  g.selectAll<SVGTextElement, TextLine>("text")
    .data(lines, (d) => d.key)
    .join("text")
    .attr("class", (d) => d.cls)
    .attr("x", (d) => d.x)
    .attr("y", (d) => d.y)
    .text((d) => d.text);
}

export function renderMultithreaded(svg: SVGSVGElement, view: MultithreadedView, ctx: StageContext<MultithreadedView>): void {
  const layout = layoutFor(view, [headerText(view), statsText(view)], ctx.width);
  sizeStage(svg, layout.width, layout.height);
  const { hatchId } = ensureDefs(svg);
  const header = layout.headerLines.map((text, i) => ({ key: `h${i}`, text, x: PAD, y: 8 + LINE * (i + 1) - 4, cls: i === 0 ? "kl-strong" : "kl-muted" }));
  header.push({ key: "partitions", text: t("multithreaded.heading.partitions"), x: layout.partitions.x, y: layout.partitions.y + 12, cls: "kl-strong kl-mt-heading" });
  header.push({ key: "threads", text: t("multithreaded.heading.threads"), x: layout.lanes.x, y: layout.lanes.y + 12, cls: "kl-strong kl-mt-heading" });
  joinText(layer(svg, "header"), header);
  drawPartitions(layer(svg, "partitions"), view, layout, hatchId);
  drawLanes(layer(svg, "lanes"), view, layout, hatchId);
  drawLateList(layer(svg, "late"), view, layout);
}

function drawPartitions(g: Selection<SVGGElement, unknown>, view: MultithreadedView, layout: Layout, hatchId: string): void {
  const rows = g
    .selectAll<SVGGElement, PartitionRow>("g.kl-mt-partition")
    .data(view.partitions, (d) => String(d.partition))
    .join((enter) => {
      const row = enter.append<SVGGElement>("g").attr("class", "kl-mt-partition");
      row.append("rect").attr("class", "kl-mt-band");
      row.append("text").attr("class", "kl-mt-name kl-strong");
      row.append("text").attr("class", "kl-mt-empty kl-muted");
      row.append("g").attr("class", "kl-mt-records");
      row.append("g").attr("class", "kl-mt-marks");
      row.append("text").attr("class", "kl-mt-detail kl-muted");
      return row;
    });
  rows.each(function (row, index) {
    const group = select(this);
    const y = layout.partitions.y + LINE + index * ROW_HEIGHT;
    group.attr("data-partition", row.partition).style("transform", translate(layout.partitions.x, y));
    group.select("rect.kl-mt-band").attr("x", 0).attr("y", 2).attr("width", layout.partitions.width).attr("height", ROW_HEIGHT - 6).attr("rx", 4);
    const hidden = Math.max(0, row.finished.length - layout.visibleBlocks);
    const tp = formatTopicPartition(view.topic, row.partition);
    const name = row.owner ? t("multithreaded.partition.owner", { tp, owner: row.owner }) : t("multithreaded.partition.nobody", { tp });
    group
      .select("text.kl-mt-name")
      .attr("x", 8)
      .attr("y", 17)
      .text(hidden > 0 ? `${name} · ${t("multithreaded.partition.earlier", { count: hidden })}` : name);
    group
      .select("text.kl-mt-empty")
      .attr("x", 8)
      .attr("y", BLOCKS_Y + 16)
      .text(row.finished.length === 0 ? t("multithreaded.partition.none") : "");
    const shown = row.finished.slice(hidden);
    const occurrences = new Map<string, number>();
    const keyed = shown.map((f) => {
      const n = (occurrences.get(f.id) ?? 0) + 1;
      occurrences.set(f.id, n);
      return { f, key: `${f.id}|${n}` };
    });
    const blocks: RecordBlock[] = keyed.map(({ f, key }, i) => ({ key, x: 6 + i * CELL, y: BLOCKS_Y, offset: f.offset, id: f.id, producerIndex: f.partition, committed: row.committed !== null && f.offset < row.committed }));
    const records = group.select<SVGGElement>("g.kl-mt-records");
    joinRecords(records, blocks, hatchId);
    // The kit's tooltip speaks of a log; here a block is a finished processing.
    records.selectAll<SVGGElement, RecordBlock>("g.kl-record").each(function (d) {
      const f = keyed.find((k) => k.key === d.key)!.f;
      select(this).classed("kl-mt-late", f.outOfOrder !== null).select("title").text(recordTitle(f, view));
    });
    const marks = keyed.map(({ f, key }, i) => ({ f, key, x: 6 + i * CELL })).filter((m) => m.f.outOfOrder !== null);
    group
      .select<SVGGElement>("g.kl-mt-marks")
      .selectAll<SVGGElement, (typeof marks)[number]>("g.kl-mt-late-mark")
      .data(marks, (d) => d.key)
      .join((enter) => {
        const mark = enter.append<SVGGElement>("g").attr("class", "kl-mt-late-mark").attr("aria-hidden", "true");
        mark.append("rect").attr("class", "kl-mt-late-ring").attr("x", -2).attr("y", -2).attr("width", RECORD_SIZE + 4).attr("height", RECORD_SIZE + 4).attr("rx", 4);
        // A downward triangle at the block's top corner: the out-of-order shape.
        mark.append("path").attr("class", "kl-mt-late-shape").attr("d", `M${RECORD_SIZE - 7} -6 h12 l-6 9 z`);
        return mark;
      })
      .style("transform", (d) => translate(d.x, BLOCKS_Y));
    const committed = row.committed === null ? "" : ` · ${t("multithreaded.partition.committed", { offset: row.committed })}`;
    group
      .select("text.kl-mt-detail")
      .attr("x", 8)
      .attr("y", ROW_HEIGHT - 10)
      .text(`${safeCommitText(row)}${committed}`);
  });
}

function recordTitle(f: FinishedRecord, view: MultithreadedView): string {
  const lane = view.lanes.find((l) => l.key === f.lane);
  const who = lane ? laneName(lane, view) : f.lane;
  if (f.outOfOrder) return t("multithreaded.late.title", { id: f.id, offset: f.offset, time: formatSeconds(f.t), afterId: f.outOfOrder.afterId, afterOffset: f.outOfOrder.afterOffset });
  return t(f.again ? "multithreaded.record.again" : "multithreaded.record.finished", { id: f.id, offset: f.offset, time: formatSeconds(f.t), lane: who });
}

function drawLanes(g: Selection<SVGGElement, unknown>, view: MultithreadedView, layout: Layout, hatchId: string): void {
  const narrowLane = layout.lanes.width < 300;
  const nameWidth = narrowLane ? 82 : LANE_NAME_WIDTH;
  const lanes = g
    .selectAll<SVGGElement, Lane>("g.kl-mt-lane")
    .data(view.lanes, (d) => d.key)
    .join((enter) => {
      const lane = enter.append<SVGGElement>("g").attr("class", "kl-mt-lane");
      lane.append("rect").attr("class", "kl-mt-band");
      lane.append("text").attr("class", "kl-mt-name kl-strong");
      lane.append("text").attr("class", "kl-mt-owns kl-muted");
      lane.append("rect").attr("class", "kl-mt-slot");
      lane.append("g").attr("class", "kl-mt-records");
      lane.append("text").attr("class", "kl-mt-state");
      lane.append("rect").attr("class", "kl-mt-progress-track");
      lane.append("rect").attr("class", "kl-mt-progress");
      return lane;
    });
  lanes.each(function (lane, index) {
    const group = select(this);
    const y = layout.lanes.y + LINE + index * LANE_HEIGHT;
    group
      .attr("data-lane", lane.key)
      .attr("data-state", lane.state)
      .style("transform", translate(layout.lanes.x, y));
    group.select("rect.kl-mt-band").attr("x", 0).attr("y", 2).attr("width", layout.lanes.width).attr("height", LANE_HEIGHT - 6).attr("rx", 4).classed("is-idle", lane.state === "idle").classed("is-crashed", lane.state === "crashed");
    group.select("text.kl-mt-name").attr("x", 8).attr("y", 18).text(laneName(lane, view));
    const owns = lane.partitions.length > 0 && view.model === "per-thread" ? t("multithreaded.lane.owns", { partitions: lane.partitions.map((p) => `p${p}`).join(", ") }) : "";
    group.select("text.kl-mt-owns").attr("x", 8).attr("y", 33).text(owns);
    const slotX = nameWidth;
    // An empty dashed slot where the record in hand would be: nothing to do right now.
    group
      .select("rect.kl-mt-slot")
      .attr("x", slotX)
      .attr("y", 8)
      .attr("width", RECORD_SIZE)
      .attr("height", RECORD_SIZE)
      .attr("rx", 3)
      .attr("display", lane.current ? "none" : null);
    const blocks: RecordBlock[] = lane.current ? [{ key: lane.current.id, x: slotX, y: 8, offset: lane.current.offset, id: lane.current.id, producerIndex: lane.current.partition, committed: false }] : [];
    const records = group.select<SVGGElement>("g.kl-mt-records");
    joinRecords(records, blocks, hatchId);
    records.selectAll<SVGGElement, RecordBlock>("g.kl-record").select("title").text(laneStateText(lane, view));
    const textX = slotX + RECORD_SIZE + 8;
    group
      .select("text.kl-mt-state")
      .attr("x", textX)
      .attr("y", lane.current ? 18 : 24)
      .attr("class", `kl-mt-state ${lane.state === "processing" ? "kl-strong" : "kl-muted"}`)
      .text(laneStateText(lane, view));
    const barWidth = Math.max(30, Math.min(120, layout.lanes.width - textX - 10));
    const fraction = lane.current ? Math.min(1, Math.max(0, (view.tMs - lane.current.startMs) / Math.max(1, lane.current.finishMs - lane.current.startMs))) : 0;
    group
      .select("rect.kl-mt-progress-track")
      .attr("x", textX)
      .attr("y", 26)
      .attr("width", barWidth)
      .attr("height", 5)
      .attr("rx", 2)
      .attr("display", lane.current ? null : "none");
    group
      .select("rect.kl-mt-progress")
      .attr("x", textX)
      .attr("y", 26)
      .attr("width", barWidth * fraction)
      .attr("height", 5)
      .attr("rx", 2)
      .attr("display", lane.current ? null : "none");
  });
}

function drawLateList(g: Selection<SVGGElement, unknown>, view: MultithreadedView, layout: Layout): void {
  const items = view.outOfOrder.slice(0, MAX_LATE_LINES).map((late, i) => ({ key: `${late.id}`, text: lateLabel(late), y: layout.lateY + i * LINE, mark: true }));
  if (view.outOfOrder.length > MAX_LATE_LINES) items.push({ key: "more", text: t("multithreaded.late.more", { count: view.outOfOrder.length - MAX_LATE_LINES }), y: layout.lateY + MAX_LATE_LINES * LINE, mark: false });
  if (view.outOfOrder.length === 0) items.push({ key: "none", text: t("multithreaded.late.none"), y: layout.lateY, mark: false });
  const lines = g
    .selectAll<SVGGElement, (typeof items)[number]>("g.kl-mt-late-line")
    .data(items, (d) => d.key)
    .join((enter) => {
      const line = enter.append<SVGGElement>("g").attr("class", "kl-mt-late-line");
      line.append("path").attr("class", "kl-mt-late-shape").attr("d", "M0 -9 h12 l-6 9 z").attr("aria-hidden", "true");
      line.append("text").attr("x", 18);
      return line;
    })
    .style("transform", (d) => translate(PAD, d.y));
  lines.select("path").attr("display", (d) => (d.mark ? null : "none"));
  lines
    .select("text")
    .attr("class", (d) => (d.mark ? "kl-mt-late-text" : "kl-muted"))
    .attr("x", (d) => (d.mark ? 18 : 0))
    .text((d) => d.text);
}
