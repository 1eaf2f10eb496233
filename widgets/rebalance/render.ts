import { select, type Selection } from "d3-selection";
import { t } from "../../content/i18n/t";
import type { StageContext } from "../kit/spec";
import { ensureDefs, layer, sizeStage, SVG_NS, translate } from "../kit/stage";
import { chipTitle, memberDetailText, memberStatusWord } from "./describe";
import type { ChipStatus, RebalanceView } from "./fold";
import { CHIP_H, CHIP_W, DETAIL_LINE, LEGEND_SCALE, layoutStage, PAD, STATE_H, type ChipPlace, type MemberBox, type StageLayout, type StatePill } from "./layout";
import { renderTimeline } from "./timeline-plot";

/**
 * Draws the rebalance stage: the group coordinator with its five-state machine (the current
 * state filled, pointed at and named "now"), the generation and the chosen assignor; the
 * members, each with the partitions it owns; the partitions nobody reads in the coordinator's
 * pool; a legend; and the consumption timeline (Observable Plot) underneath. Partition chips
 * are one keyed join over the whole stage, so a reassigned partition glides from its old
 * owner to its new one instead of vanishing and reappearing.
 */

/** Member colours cycle through the producer colour tokens (kit.css); the short label "c2" always goes with them. */
export const MEMBER_COLOURS = 4;

export function memberLabel(client: string): string {
  const m = /(\d+)$/.exec(client);
  return m ? `c${m[1]}` : client.slice(0, 3);
}

export function renderRebalance(svg: SVGSVGElement, view: RebalanceView, ctx: StageContext<RebalanceView>): void {
  const layout = layoutStage(view, Math.max(300, Math.round(ctx.width)), LEGEND.map((item) => t(item.key)), (member) => memberDetailText(member, view));
  sizeStage(svg, layout.width, layout.height);
  ensureDefs(svg);
  const hatchId = ensureGapHatch(svg);
  drawHeader(layer(svg, "header"), view, layout);
  drawCoordinator(layer(svg, "coordinator"), view, layout);
  drawMembers(layer(svg, "members"), view, layout);
  drawChips(layer(svg, "chips"), layout.chips, view, hatchId);
  drawLegend(layer(svg, "legend"), layout, hatchId);
  renderTimeline(layer(svg, "timeline"), view, { y: layout.timelineY, width: layout.width, height: layout.timelineHeight, hatchId });
}

/**
 * "Nobody reads this partition" has its own hatch (ink lines on the stage), distinct from the
 * kit's yellow hatch for uncommitted records. Ids are unique per stage.
 */
function ensureGapHatch(svg: SVGSVGElement): string {
  const id = `kl-rb-gap-${svg.getAttribute("data-stage") ?? "0"}`;
  if (!svg.querySelector(`#${id}`)) {
    const defs = svg.querySelector("defs");
    const pattern = document.createElementNS(SVG_NS, "pattern");
    pattern.setAttribute("id", id);
    pattern.setAttribute("width", "6");
    pattern.setAttribute("height", "6");
    pattern.setAttribute("patternUnits", "userSpaceOnUse");
    pattern.setAttribute("patternTransform", "rotate(45)");
    pattern.innerHTML = `<rect width="6" height="6" class="kl-rb-hatch-bg"/><line x1="0" y1="0" x2="0" y2="6" class="kl-rb-hatch-line"/>`;
    (defs ?? svg).append(pattern);
  }
  return id;
}

function texts(g: Selection<SVGGElement, unknown>, lines: readonly { key: string; text: string; x: number; y: number; cls: string; anchor?: string }[]): void {
  g.selectAll<SVGTextElement, (typeof lines)[number]>("text")
    .data(lines, (d) => d.key)
    .join("text")
    .attr("class", (d) => d.cls)
    .attr("x", (d) => d.x)
    .attr("y", (d) => d.y)
    .attr("text-anchor", (d) => d.anchor ?? "start")
    .text((d) => d.text);
}

function drawHeader(g: Selection<SVGGElement, unknown>, view: RebalanceView, layout: StageLayout): void {
  const coordinator = t("rebalance.header.coordinator", { coordinator: view.coordinator === null ? t("rebalance.coordinator.none") : t("rebalance.coordinator.broker", { broker: view.coordinator }) });
  const assignor = t("rebalance.header.assignor", { assignor: view.protocol ?? t("rebalance.assignor.notYet"), protocol: t(view.rebalanceProtocol === "eager" ? "rebalance.protocol.eager" : "rebalance.protocol.cooperative") });
  const group = t("rebalance.header.group", { group: view.group, topic: view.topic, partitions: view.partitionCount });
  const dup = t("rebalance.header.duplicates", { count: view.duplicates, processed: view.processed });
  const dupClass = view.duplicates > 0 ? "kl-rb-dup" : "kl-muted";
  const lines = layout.narrow
    ? [
        { key: "group", text: group, x: PAD, y: 16, cls: "kl-strong" },
        { key: "coordinator", text: coordinator, x: PAD, y: 32, cls: "" },
        { key: "assignor", text: assignor, x: PAD, y: 48, cls: "" },
        { key: "dup", text: dup, x: PAD + 18, y: 64, cls: dupClass },
      ]
    : [
        { key: "group", text: `${group}; ${coordinator}`, x: PAD, y: 16, cls: "kl-strong" },
        { key: "assignor", text: assignor, x: PAD, y: 33, cls: "" },
        { key: "dup", text: dup, x: layout.width - PAD - 18, y: 33, cls: dupClass, anchor: "end" },
      ];
  texts(g, lines);
  // Two stacked squares: the duplicated shape of the verdict badges, so the count is not colour alone.
  const dupLine = lines[lines.length - 1];
  const icon = g.selectAll<SVGGElement, number>("g.kl-rb-dup-icon").data([view.duplicates]).join((enter) => {
    const icon = enter.append<SVGGElement>("g").attr("class", "kl-rb-dup-icon");
    icon.append("rect").attr("x", 0).attr("y", 0).attr("width", 8).attr("height", 8).attr("rx", 1);
    icon.append("rect").attr("x", 4).attr("y", 4).attr("width", 8).attr("height", 8).attr("rx", 1);
    return icon;
  });
  icon.classed("is-bad", view.duplicates > 0).style("transform", layout.narrow ? translate(PAD, dupLine.y - 10) : translate(layout.width - PAD - 12, dupLine.y - 10));
}

function drawCoordinator(g: Selection<SVGGElement, unknown>, view: RebalanceView, layout: StageLayout): void {
  const box = layout.coordinator;
  g.selectAll<SVGRectElement, number>("rect.kl-rb-coordinator")
    .data([0])
    .join("rect")
    .attr("class", "kl-rb-coordinator")
    .attr("x", box.x)
    .attr("y", box.y)
    .attr("width", box.width)
    .attr("height", box.height)
    .attr("rx", 6);
  const generation = view.state === null ? t("rebalance.generation.none") : t("rebalance.generation", { generation: view.generation });
  texts(g.call(child, "g", "kl-rb-coordinator-text").select("g.kl-rb-coordinator-text"), [
    { key: "title", text: t("rebalance.coordinator.title"), x: box.x + 10, y: box.y + 18, cls: "kl-strong" },
    { key: "generation", text: generation, x: box.x + box.width - 10, y: box.y + 18, cls: "kl-rb-generation", anchor: "end" },
    { key: "pool", text: t("rebalance.pool.title"), x: layout.pool.x, y: layout.pool.y - 8, cls: "kl-muted" },
  ]);
  drawStateMachine(g.call(child, "g", "kl-rb-states").select("g.kl-rb-states"), view, layout.states);
}

/** Appends `<tag class=cls>` to the selection once. */
function child(selection: Selection<SVGGElement, unknown>, tag: string, cls: string): void {
  if (selection.select(`:scope > ${tag}.${cls}`).empty()) selection.append(tag).attr("class", cls);
}

function drawStateMachine(g: Selection<SVGGElement, unknown>, view: RebalanceView, pills: readonly StatePill[]): void {
  const pill = g
    .selectAll<SVGGElement, StatePill>("g.kl-rb-state")
    .data(pills, (d) => d.state)
    .join((enter) => {
      const s = enter.append<SVGGElement>("g").attr("class", "kl-rb-state");
      s.append("rect").attr("class", "kl-rb-state-box").attr("height", STATE_H).attr("rx", STATE_H / 2);
      s.append("text").attr("class", "kl-rb-state-text").attr("y", STATE_H / 2).attr("dy", "0.35em");
      // The pointer: a filled triangle left of the current state (shape, not only fill).
      s.append("path").attr("class", "kl-rb-state-pointer").attr("d", `M-16 ${STATE_H / 2 - 6} L-6 ${STATE_H / 2} L-16 ${STATE_H / 2 + 6} Z`);
      return s;
    });
  pill
    .attr("data-state", (d) => d.state)
    .classed("is-current", (d) => d.state === view.state)
    .classed("is-dead", (d) => d.state === "Dead")
    .style("transform", (d) => translate(d.x, d.y))
    .each(function (d) {
      const s = select(this);
      s.select("rect").attr("width", d.width);
      s.select("text")
        .attr("x", 10)
        .text(d.state === view.state ? t("rebalance.state.now", { state: d.state }) : d.state);
    });

  // Arrows: the cycle down the list, and Stable back up to PreparingRebalance on the right.
  const by = new Map(pills.map((p) => [p.state, p]));
  const paths: { key: string; d: string }[] = [];
  const down = (from: string, to: string) => {
    const a = by.get(from)!;
    const b = by.get(to)!;
    const x = a.x + 22;
    paths.push({ key: `${from}-${to}`, d: `M${x} ${a.y + STATE_H} V${b.y - 1} M${x - 3} ${b.y - 4} L${x} ${b.y - 1} L${x + 3} ${b.y - 4}` });
  };
  down("Empty", "PreparingRebalance");
  down("PreparingRebalance", "CompletingRebalance");
  down("CompletingRebalance", "Stable");
  const stable = by.get("Stable")!;
  const preparing = by.get("PreparingRebalance")!;
  const rx = stable.x + stable.width + 8;
  paths.push({
    key: "Stable-PreparingRebalance",
    d: `M${stable.x + stable.width} ${stable.y + STATE_H / 2} H${rx} V${preparing.y + STATE_H / 2} H${preparing.x + preparing.width + 1} M${preparing.x + preparing.width + 4} ${preparing.y + STATE_H / 2 - 3} L${preparing.x + preparing.width + 1} ${preparing.y + STATE_H / 2} L${preparing.x + preparing.width + 4} ${preparing.y + STATE_H / 2 + 3}`,
  });
  g.selectAll<SVGPathElement, (typeof paths)[number]>("path.kl-rb-arrow")
    .data(paths, (d) => d.key)
    .join("path")
    .attr("class", "kl-rb-arrow")
    .attr("d", (d) => d.d);
}

function drawMembers(g: Selection<SVGGElement, unknown>, view: RebalanceView, layout: StageLayout): void {
  const rows = g
    .selectAll<SVGGElement, MemberBox>("g.kl-rb-member")
    .data(layout.members, (d) => d.member.client)
    .join((enter) => {
      const row = enter.append<SVGGElement>("g").attr("class", "kl-rb-member");
      row.append("rect").attr("class", "kl-rb-member-box").attr("rx", 6);
      row.append("rect").attr("class", "kl-rb-member-band");
      row.append("text").attr("class", "kl-rb-member-name kl-strong");
      row.append("text").attr("class", "kl-rb-member-status");
      const leader = row.append("g").attr("class", "kl-rb-leader");
      leader.append("path").attr("d", starPath(6));
      leader.append("text").attr("x", 9).attr("dy", "0.35em");
      row.append("text").attr("class", "kl-rb-member-detail");
      row.append("rect").attr("class", "kl-rb-idle-slot").attr("width", CHIP_W).attr("height", CHIP_H).attr("rx", 4);
      return row;
    });
  rows.each(function (box) {
    const row = select(this);
    const m = box.member;
    row.attr("data-member", m.client).attr("data-status", m.status).classed("is-idle", m.idle).classed("is-leader", m.isLeader);
    row.style("transform", translate(box.x, box.y));
    row.select("rect.kl-rb-member-box").attr("x", 0).attr("y", 0).attr("width", box.width).attr("height", box.height).attr("class", `kl-rb-member-box kl-rb-member-box--${m.status}`);
    row.select("rect.kl-rb-member-band").attr("x", 0).attr("y", 6).attr("width", 4).attr("height", box.height - 12).attr("class", `kl-rb-member-band kl-producer-${m.index % MEMBER_COLOURS}`);
    row.select("text.kl-rb-member-name").attr("x", 12).attr("y", 18).text(`${m.client} (${memberLabel(m.client)})`);
    const status = memberStatusWord(m);
    row.select("text.kl-rb-member-status").attr("x", 12).attr("y", 35).attr("class", `kl-rb-member-status kl-rb-status--${m.status}`).text(status);
    // The leader's star and word follow the status word on its line.
    row
      .select("g.kl-rb-leader")
      .attr("display", m.isLeader ? null : "none")
      .style("transform", translate(12 + status.length * 6.6 + 14, 31))
      .select("text")
      .text(t("rebalance.member.leader"));
    const chipsX = box.chipsX - box.x;
    const chipsY = box.chipsY - box.y;
    const detail = row
      .select("text.kl-rb-member-detail")
      .attr("display", box.detailY !== null ? null : "none")
      .attr("x", 12)
      .attr("y", (box.detailY ?? box.y) - box.y)
      .attr("class", `kl-rb-member-detail kl-rb-detail--${m.idle ? "idle" : m.status}`);
    detail
      .selectAll<SVGTSpanElement, string>("tspan")
      .data(box.detailLines)
      .join("tspan")
      .attr("x", 12)
      .attr("dy", (_, i) => (i === 0 ? 0 : DETAIL_LINE))
      .text((line) => line);
    row.select("rect.kl-rb-idle-slot").attr("display", m.idle ? null : "none").attr("x", chipsX).attr("y", chipsY);
  });
}

/** A five-pointed star of outer radius r around (0, 0): the group leader's mark. */
function starPath(r: number): string {
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? r : r * 0.45;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push(`${(Math.cos(angle) * radius).toFixed(2)} ${(Math.sin(angle) * radius).toFixed(2)}`);
  }
  return `M${points.join(" L")} Z`;
}

function drawChips(g: Selection<SVGGElement, unknown>, places: readonly ChipPlace[], view: RebalanceView, hatchId: string): void {
  g.selectAll<SVGGElement, ChipPlace>("g.kl-rb-chip")
    .data(places, (d) => String(d.chip.partition))
    .join((enter) => {
      const chip = enter.append<SVGGElement>("g").attr("class", "kl-rb-chip kl-moving").style("transform", (d) => translate(d.x, d.y));
      chip.append("title");
      chip.append("rect").attr("class", "kl-rb-chip-box").attr("width", CHIP_W).attr("height", CHIP_H).attr("rx", 4);
      chip.append("rect").attr("class", "kl-rb-chip-band").attr("x", 2).attr("y", CHIP_H - 5).attr("width", CHIP_W - 4).attr("height", 3);
      chip.append("text").attr("class", "kl-rb-chip-text").attr("x", CHIP_W / 2).attr("y", CHIP_H / 2 - 1).attr("dy", "0.35em").attr("text-anchor", "middle");
      chip.append("text").attr("class", "kl-rb-chip-mark").attr("x", CHIP_W - 3).attr("y", 9).attr("text-anchor", "end");
      return chip;
    })
    .attr("class", (d) => `kl-rb-chip kl-moving kl-rb-chip--${d.chip.status}`)
    .attr("data-partition", (d) => d.chip.partition)
    .attr("data-chip-status", (d) => d.chip.status)
    .style("transform", (d) => translate(d.x, d.y))
    .each(function (d) {
      const chip = select(this);
      const owner = d.chip.member ? view.members.find((m) => m.client === d.chip.member) : undefined;
      chip.select("title").text(chipTitle(d.chip, view));
      chip.select("rect.kl-rb-chip-box").attr("fill", hatched(d.chip.status) ? `url(#${hatchId})` : null);
      chip
        .select("rect.kl-rb-chip-band")
        .attr("display", d.chip.status === "consuming" && owner ? null : "none")
        .attr("class", `kl-rb-chip-band kl-producer-${(owner?.index ?? 0) % MEMBER_COLOURS}`);
      chip.select("text.kl-rb-chip-text").text(`p${d.chip.partition}`);
      chip.select("text.kl-rb-chip-mark").text(chipMark(d.chip.status));
    });
}

export function hatched(status: ChipStatus): boolean {
  return status === "revoked" || status === "unassigned" || status === "stuck";
}

/** A one-character mark per look, so the status never rests on colour or dash alone. */
export function chipMark(status: ChipStatus): string {
  switch (status) {
    case "stuck":
      return "!";
    case "pending":
      return "…";
    case "revoked":
      return "×";
    default:
      return "";
  }
}

const LEGEND: readonly { status: ChipStatus; key: "rebalance.legend.consuming" | "rebalance.legend.pending" | "rebalance.legend.revoked" | "rebalance.legend.stuck" }[] = [
  { status: "consuming", key: "rebalance.legend.consuming" },
  { status: "pending", key: "rebalance.legend.pending" },
  { status: "revoked", key: "rebalance.legend.revoked" },
  { status: "stuck", key: "rebalance.legend.stuck" },
];

function drawLegend(g: Selection<SVGGElement, unknown>, layout: StageLayout, hatchId: string): void {
  const placed = layout.legend.map((place) => ({ ...place, item: LEGEND[place.index] }));
  const w = CHIP_W * LEGEND_SCALE;
  const h = CHIP_H * LEGEND_SCALE;
  g.selectAll<SVGGElement, (typeof placed)[number]>("g.kl-rb-legend-item")
    .data(placed, (d) => d.item.status)
    .join((enter) => {
      const item = enter.append<SVGGElement>("g").attr("class", (d) => `kl-rb-legend-item kl-rb-chip--${d.item.status}`);
      item.append("rect").attr("class", "kl-rb-chip-box").attr("width", w).attr("height", h).attr("rx", 3);
      item.append("text").attr("class", "kl-rb-chip-mark").attr("x", w - 2).attr("y", 8).attr("text-anchor", "end");
      item.append("text").attr("class", "kl-rb-legend-text").attr("x", w + 6).attr("y", h / 2).attr("dy", "0.35em");
      return item;
    })
    .style("transform", (d) => translate(d.x, d.y))
    .each(function (d) {
      const item = select(this);
      item.select("rect").attr("fill", hatched(d.item.status) ? `url(#${hatchId})` : null);
      item.select("text.kl-rb-chip-mark").text(chipMark(d.item.status));
      item.select("text.kl-rb-legend-text").text(t(d.item.key));
    });
}
