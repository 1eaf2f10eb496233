import { select, type Selection } from "d3-selection";
import { t } from "../../content/i18n/t";
import { formatDuration, formatList } from "../kit/format";
import type { StageContext } from "../kit/spec";
import { ensureDefs, joinNodeBadges, joinRecords, layer, nodeStateLabel, RECORD_SIZE, sizeStage, translate, type NodeBadge, type RecordBlock } from "../kit/stage";
import type { ReplicaRow, ReplicaView } from "./fold";

/**
 * Draws the replica-log stage: one row per replica, its records as blocks by offset, its
 * LEO marker, the leader's high watermark as one line across the rows, and each broker's
 * state badge. Sized in real pixels from the stage width; on a narrow screen the labels sit
 * above the blocks and fewer offsets are shown (the newest ones).
 */

const CELL = RECORD_SIZE + 3;
const PAD = 12;
/** Room above the rows: one 16 px line per status line, then the HW label. */
const headerHeight = (lines: number): number => 16 * lines + 30;

interface Layout {
  narrow: boolean;
  header: number;
  labelWidth: number;
  rowHeight: number;
  blocksX: number;
  blocksY: number;
  /** First offset drawn at blocksX. */
  start: number;
  visible: number;
  width: number;
  height: number;
}

export function layoutFor(view: ReplicaView, ghost: ReplicaView | null, width: number): Layout {
  const narrow = width < 560;
  const labelWidth = narrow ? 0 : 200;
  const rowHeight = narrow ? 96 : 66;
  const blocksX = PAD + labelWidth;
  const blocksY = narrow ? 26 : 10;
  const visible = Math.max(4, Math.floor((width - blocksX - PAD - 30) / CELL));
  // The newest offsets of this run always fit; the ghost's extra records get at most a third.
  const ghostExtra = Math.max(0, (ghost?.maxLeo ?? 0) - view.maxLeo);
  const end = view.maxLeo + 1 + Math.min(ghostExtra, Math.floor(visible / 3));
  const start = Math.max(0, end - visible);
  const header = headerHeight((narrow ? 2 : 1) + (start > 0 ? 1 : 0));
  const height = header + view.rows.length * rowHeight + 8;
  return { narrow, header, labelWidth, rowHeight, blocksX, blocksY, start, visible, width, height };
}

export function renderReplicaLog(svg: SVGSVGElement, view: ReplicaView, ctx: StageContext<ReplicaView>): void {
  const layout = layoutFor(view, ctx.ghost, ctx.width);
  sizeStage(svg, layout.width, layout.height);
  const { hatchId } = ensureDefs(svg);
  drawHeader(layer(svg, "header"), view, layout);
  drawRows(layer(svg, "rows"), view, ctx.ghost, layout, hatchId);
  drawHighWatermark(layer(svg, "hw"), view, layout);
  drawEmpty(layer(svg, "empty"), view, ctx.ghost, layout);
}

function offsetX(layout: Layout, offset: number): number {
  return layout.blocksX + (offset - layout.start) * CELL;
}

function drawHeader(g: Selection<SVGGElement, unknown>, view: ReplicaView, layout: Layout): void {
  const tp = `${view.topic}-${view.partition}`;
  const status =
    view.leader === null
      ? [t("replicaLog.header.offline", { tp, epoch: view.leaderEpoch })]
      : layout.narrow
        ? [t("replicaLog.header.leader", { tp, leader: view.leader }), t("replicaLog.header.epochIsr", { epoch: view.leaderEpoch, isr: formatList(view.isr) })]
        : [t("replicaLog.header.status", { tp, leader: view.leader, epoch: view.leaderEpoch, isr: formatList(view.isr) })];
  const lines = status.map((text, i) => ({ key: `status-${i}`, text, x: PAD, y: 16 + i * 16, cls: "kl-strong" }));
  if (layout.start > 0) lines.push({ key: "earlier", text: t("replicaLog.header.earlier", { last: layout.start - 1 }), x: PAD, y: 16 + status.length * 16, cls: "kl-muted" });
  g.selectAll<SVGTextElement, (typeof lines)[number]>("text")
    .data(lines, (d) => d.key)
    .join("text")
    .attr("class", (d) => d.cls)
    .attr("x", (d) => d.x)
    .attr("y", (d) => d.y)
    .text((d) => d.text);
}

function rowY(index: number, layout: Layout): number {
  return layout.header + index * layout.rowHeight;
}

function drawRows(g: Selection<SVGGElement, unknown>, view: ReplicaView, ghost: ReplicaView | null, layout: Layout, hatchId: string): void {
  const rows = g
    .selectAll<SVGGElement, ReplicaRow>("g.kl-replica-row")
    .data(view.rows, (d) => String(d.broker))
    .join((enter) => {
      const row = enter.append<SVGGElement>("g").attr("class", "kl-replica-row");
      row.append("rect").attr("class", "kl-row-band");
      row.append("text").attr("class", "kl-row-name kl-strong");
      row.append("g").attr("class", "kl-row-badge");
      row.append("text").attr("class", "kl-row-detail kl-muted");
      row.append("rect").attr("class", "kl-lag-track");
      row.append("rect").attr("class", "kl-lag-fill");
      row.append("g").attr("class", "kl-row-ghosts");
      row.append("g").attr("class", "kl-row-records");
      const marker = row.append("g").attr("class", "kl-leo kl-moving");
      marker.append("path").attr("d", "M0 0 L5 7 L-5 7 Z");
      marker.append("text").attr("class", "kl-leo-text").attr("x", 7).attr("y", 10);
      return row;
    });

  rows.each(function (row, index) {
    const group = select(this);
    const y = rowY(index, layout);
    group.attr("data-broker", row.broker).style("transform", translate(0, y));
    group
      .select("rect.kl-row-band")
      .attr("x", 2)
      .attr("y", 0)
      .attr("width", layout.width - 4)
      .attr("height", layout.rowHeight - 6)
      .attr("rx", 4)
      .classed("is-leader", row.state === "leader");

    const tags = [t("replicaLog.row.name", { broker: row.broker })];
    if (row.controller) tags.push(t("replicaLog.row.controller"));
    if (row.slowMs > 0) tags.push(t("replicaLog.row.slow", { ms: row.slowMs }));
    const name = tags.join(" · ");
    const badgeWidth = 92;
    const badge: NodeBadge = { key: "state", x: layout.narrow ? layout.width - PAD - badgeWidth : PAD, y: layout.narrow ? 2 : 20, width: badgeWidth, state: row.state, text: nodeStateLabel(row.state) };
    group.select("text.kl-row-name").attr("x", PAD).attr("y", 16).text(name);
    joinNodeBadges(group.select<SVGGElement>("g.kl-row-badge"), [badge]);

    const detail = rowDetail(row, view);
    group
      .select("text.kl-row-detail")
      .attr("x", PAD)
      .attr("y", layout.narrow ? layout.rowHeight - 14 : 56)
      .text(detail);

    // How long since the follower last caught up, against replica.lag.time.max.ms.
    const showLag = !layout.narrow && row.state !== "leader" && row.lastCaughtUpMs !== null && row.alive;
    const fraction = showLag ? Math.min(1, (view.tMs - (row.lastCaughtUpMs ?? view.tMs)) / view.replicaLagTimeMaxMs) : 0;
    group
      .select("rect.kl-lag-track")
      .attr("x", PAD + badgeWidth + 8)
      .attr("y", 28)
      .attr("width", 60)
      .attr("height", 5)
      .attr("rx", 2)
      .attr("display", showLag ? null : "none");
    group
      .select("rect.kl-lag-fill")
      .attr("x", PAD + badgeWidth + 8)
      .attr("y", 28)
      .attr("width", 60 * fraction)
      .attr("height", 5)
      .attr("rx", 2)
      .classed("is-late", fraction > 0.75)
      .attr("display", showLag ? null : "none");

    const blocks: RecordBlock[] = [];
    row.records.forEach((record, offset) => {
      if (!record || offset < layout.start) return;
      blocks.push({ key: `${offset}|${record.id}`, x: offsetX(layout, offset), y: layout.blocksY, offset, id: record.id, producerIndex: record.producerIndex, committed: offset < view.hw });
    });
    joinRecords(group.select<SVGGElement>("g.kl-row-records"), blocks, hatchId);

    // The abandoned future: records the old run had here and this run does not.
    const ghostRow = ghost?.rows.find((r) => r.broker === row.broker);
    const ghostBlocks: RecordBlock[] = [];
    ghostRow?.records.forEach((record, offset) => {
      if (!record || offset < layout.start || offset >= layout.start + layout.visible || row.records[offset]?.id === record.id) return;
      if (row.records[offset]) return;
      ghostBlocks.push({ key: `${offset}|${record.id}`, x: offsetX(layout, offset), y: layout.blocksY, offset, id: record.id, producerIndex: record.producerIndex, committed: offset < (ghost?.hw ?? 0), ghost: true });
    });
    joinRecords(group.select<SVGGElement>("g.kl-row-ghosts"), ghostBlocks, hatchId);

    const leoX = offsetX(layout, Math.max(row.leo, layout.start)) - 1.5;
    const marker = group.select<SVGGElement>("g.kl-leo").style("transform", translate(leoX, layout.blocksY + RECORD_SIZE + 3));
    marker.select("text").text(t("replicaLog.leo", { leo: row.leo }));
  });
}

function rowDetail(row: ReplicaRow, view: ReplicaView): string {
  const parts = [t("replicaLog.row.hw", { hw: row.hw })];
  if (row.state !== "leader" && row.alive && row.lastCaughtUpMs !== null) parts.push(t("replicaLog.row.caughtUp", { ago: formatDuration(Math.max(0, view.tMs - row.lastCaughtUpMs)) }));
  return parts.join(" · ");
}

function drawHighWatermark(g: Selection<SVGGElement, unknown>, view: ReplicaView, layout: Layout): void {
  const clipped = view.hw < layout.start;
  const x = offsetX(layout, Math.max(view.hw, layout.start)) - 1.5;
  const top = layout.header - 12;
  const line = g.selectAll<SVGGElement, number>("g.kl-hw").data([view.hw], () => "hw").join((enter) => {
    const marker = enter.append<SVGGElement>("g").attr("class", "kl-hw kl-moving");
    marker.append("path").attr("class", "kl-hw-line");
    marker.append("text").attr("class", "kl-hw-text kl-strong");
    return marker;
  });
  line.style("transform", translate(x, 0));
  // One dashed segment per row, across the blocks only, so the line never crosses the row's text.
  const segments = view.rows.map((_, i) => {
    const y = rowY(i, layout) + layout.blocksY;
    return `M0 ${i === 0 ? top + 6 : y - 5}V${y + RECORD_SIZE + 2}`;
  });
  line.select("path").attr("d", segments.join(""));
  // The label sits right of the line, or left of it when it would run off the stage.
  const text = clipped ? t("replicaLog.hwClipped", { hw: view.hw }) : t("replicaLog.hw", { hw: view.hw });
  const flip = x + 8 + text.length * 6.6 > layout.width;
  line
    .select("text")
    .attr("x", flip ? -4 : 4)
    .attr("text-anchor", flip ? "end" : "start")
    .attr("y", top + 2)
    .text(text);
}

function drawEmpty(g: Selection<SVGGElement, unknown>, view: ReplicaView, ghost: ReplicaView | null, layout: Layout): void {
  const empty = view.maxLeo === 0 && (ghost?.maxLeo ?? 0) === 0;
  g.selectAll<SVGTextElement, string>("text")
    .data(empty ? [t("replicaLog.empty")] : [], (d) => d)
    .join("text")
    .attr("class", "kl-muted")
    .attr("x", layout.blocksX + 30)
    .attr("y", layout.header + layout.blocksY + 16)
    .text((d) => d);
}
