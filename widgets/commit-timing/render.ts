import { select, type Selection } from "d3-selection";
import { t } from "../../content/i18n/t";
import type { StageContext } from "../kit/spec";
import { ensureDefs, joinRecords, layer, RECORD_SIZE, sizeStage, SVG_NS, translate, type RecordBlock } from "../kit/stage";
import { fateLabel, loopStepLabel, statusLines, strategyLabel } from "./describe";
import type { CommitTimingView, Fate } from "./fold";
import { CHAR_PX, clampLabelX, inWindow, layoutFor, offsetX, PAD, wrapText, type StageLayout } from "./layout";
import { loopFor, crashSpot, type LoopNode } from "./loop";

/**
 * Draws the commit-timing stage: the partition's log as record blocks (the kit's look), the
 * three markers the chapter names (high watermark above the row; the group's committed offset
 * and the consumer's position below it), the current poll() batch as a bracket, each record's
 * fate as a glyph with a word in its tooltip (a tick: processed once; two squares and "2×":
 * processed twice; a cross: never processed), and the application's loop as a small cycle
 * with the current step filled and a crash mark where the process died.
 */

export function renderCommitTiming(svg: SVGSVGElement, view: CommitTimingView, ctx: StageContext<CommitTimingView>): void {
  const header = headerLines(view, ctx.width);
  const layout = layoutFor(view, ctx.width, header.length);
  sizeStage(svg, layout.width, layout.height);
  const { hatchId } = ensureDefs(svg);
  const earlier = layout.start > 0 ? [{ key: "earlier", text: t("commitTiming.earlier", { last: layout.start - 1 }), x: PAD, y: layout.rowY - 24, cls: "kl-muted" }] : [];
  texts(layer(svg, "ct-header"), [...header, ...earlier]);
  drawBatch(layer(svg, "ct-batch"), view, layout);
  drawRecords(layer(svg, "ct-records"), view, layout, hatchId);
  drawFates(layer(svg, "ct-fates"), view, layout);
  drawMarkers(layer(svg, "ct-markers"), view, layout);
  drawLoop(layer(svg, "ct-loop"), view, layout);
  drawLegend(layer(svg, "ct-legend"), layout);
}

interface TextLine {
  key: string;
  text: string;
  x: number;
  y: number;
  cls: string;
  anchor?: "start" | "end" | "middle";
}

function texts(g: Selection<SVGGElement, unknown>, lines: readonly TextLine[]): void {
  g.selectAll<SVGTextElement, TextLine>("text")
    .data(lines, (d) => d.key)
    .join("text")
    .attr("class", (d) => d.cls)
    .attr("x", (d) => d.x)
    .attr("y", (d) => d.y)
    .attr("text-anchor", (d) => d.anchor ?? "start")
    .text((d) => d.text);
}

/** The header: who reads what and how, then what the consumer is doing now, wrapped to the stage. */
function headerLines(view: CommitTimingView, width: number): TextLine[] {
  const narrow = width < 560;
  const maxChars = Math.max(20, Math.floor((width - 2 * PAD) / CHAR_PX));
  const tp = `${view.topic}-${view.partition}`;
  const who = t("commitTiming.header.who", { client: view.client, group: view.group, tp });
  const how = t("commitTiming.header.how", { strategy: strategyLabel(view.strategy), records: view.maxPollRecords, ms: view.processingMsPerRecord });
  const blocks: { text: string; cls: string }[] = narrow
    ? [
        { text: who, cls: "kl-strong" },
        { text: how, cls: "" },
      ]
    : [{ text: `${who} · ${how}`, cls: "kl-strong" }];
  blocks.push({ text: statusLines(view).join(" "), cls: "kl-ct-status" });
  const lines: TextLine[] = [];
  for (const [b, block] of blocks.entries()) {
    for (const [i, text] of wrapText(block.text, maxChars).entries()) lines.push({ key: `h${b}-${i}`, text, x: PAD, y: 16 + lines.length * 16, cls: block.cls });
  }
  return lines;
}

function drawBatch(g: Selection<SVGGElement, unknown>, view: CommitTimingView, layout: StageLayout): void {
  const batch = view.batch;
  const show = batch !== null && (view.alive || batch.dead) && batch.toOffset >= layout.start;
  const data = show && batch ? [batch] : [];
  const bracket = g.selectAll<SVGGElement, typeof batch>("g.kl-ct-batch").data(data, () => "batch").join((enter) => {
    const b = enter.append<SVGGElement>("g").attr("class", "kl-ct-batch");
    b.append("path").attr("class", "kl-ct-batch-line");
    b.append("text").attr("class", "kl-ct-batch-text");
    return b;
  });
  if (!show || !batch) return;
  const x0 = offsetX(layout, batch.fromOffset);
  const x1 = offsetX(layout, batch.toOffset + 1) - 3;
  const y = layout.rowY - 6;
  bracket.classed("is-dead", batch.dead);
  bracket.select("path").attr("d", `M${x0} ${y + 4}V${y}H${x1}V${y + 4}`);
  const params = { from: batch.fromOffset, to: batch.toOffset, done: batch.done, count: batch.count };
  const label = batch.dead ? t(layout.narrow ? "commitTiming.batch.deadShort" : "commitTiming.batch.dead", params) : t(layout.narrow ? "commitTiming.batch.short" : "commitTiming.batch", params);
  bracket.select("text").attr("x", clampLabelX(x0, label, layout.width)).attr("y", y - 4).text(label);
}

function drawRecords(g: Selection<SVGGElement, unknown>, view: CommitTimingView, layout: StageLayout, hatchId: string): void {
  const blocks: RecordBlock[] = view.records
    .filter((r) => inWindow(layout, r.offset))
    .map((r) => ({ key: r.id, x: offsetX(layout, r.offset), y: layout.rowY, offset: r.offset, id: r.id, producerIndex: r.producerIndex, committed: r.offset < view.hw }));
  joinRecords(g, blocks, hatchId);
}

const FATE_Y = RECORD_SIZE + 4;

function drawFates(g: Selection<SVGGElement, unknown>, view: CommitTimingView, layout: StageLayout): void {
  const marks = view.records.filter((r) => inWindow(layout, r.offset) && r.fate !== "unread");
  g.selectAll<SVGGElement, (typeof marks)[number]>("g.kl-ct-fate")
    .data(marks, (d) => d.id)
    .join((enter) => {
      const m = enter.append<SVGGElement>("g");
      m.append("title");
      m.append("g").attr("class", "kl-ct-glyph");
      return m;
    })
    .attr("class", (d) => `kl-ct-fate kl-ct-fate--${d.fate}`)
    .style("transform", (d) => translate(offsetX(layout, d.offset), layout.rowY + FATE_Y))
    .each(function (d) {
      const m = select(this);
      m.select("title").text(t("commitTiming.fate.title", { id: d.id, offset: d.offset, fate: fateLabel(d.fate), times: d.processedTimes }));
      const glyph = m.select<SVGGElement>("g.kl-ct-glyph");
      const node = glyph.node();
      if (node && node.getAttribute("data-fate") !== d.fate) {
        node.setAttribute("data-fate", d.fate);
        fillGlyph(node, d.fate);
      }
    });
}

/** One shape per fate, so the fate never rests on colour alone (the shapes of the verdict badges). */
export function glyphShapes(fate: Fate): { tag: "path" | "rect" | "circle" | "text"; cls: string; attrs: Record<string, string>; text?: string }[] {
  const stroke = "kl-ct-glyph-stroke";
  switch (fate) {
    case "processed":
      return [{ tag: "path", cls: stroke, attrs: { d: "M7 8 L11 12 L18 4" } }];
    case "twice":
      return [
        { tag: "rect", cls: stroke, attrs: { x: "1.5", y: "1.5", width: "7", height: "7", rx: "1" } },
        { tag: "rect", cls: stroke, attrs: { x: "4.5", y: "4.5", width: "7", height: "7", rx: "1" } },
        { tag: "text", cls: "kl-ct-glyph-text", attrs: { x: "12.5", y: "12" }, text: "2×" },
      ];
    case "lost":
      return [{ tag: "path", cls: stroke, attrs: { d: "M7 3 L17 13 M17 3 L7 13" } }];
    case "in-batch":
      return [{ tag: "circle", cls: "kl-ct-glyph-fill", attrs: { cx: "12", cy: "8", r: "3" } }];
    case "unread":
      return [];
  }
}

function fillGlyph(g: SVGGElement, fate: Fate): void {
  g.replaceChildren(
    ...glyphShapes(fate).map((shape) => {
      const el = document.createElementNS(SVG_NS, shape.tag);
      el.setAttribute("class", shape.cls);
      for (const [k, v] of Object.entries(shape.attrs)) el.setAttribute(k, v);
      if (shape.text) el.textContent = shape.text;
      return el;
    }),
  );
}

interface Marker {
  key: "hw" | "committed" | "position";
  offset: number;
  text: string;
  /** The label's y, relative to the row's top. */
  labelY: number;
  top: number;
  bottom: number;
}

function drawMarkers(g: Selection<SVGGElement, unknown>, view: CommitTimingView, layout: StageLayout): void {
  const short = layout.narrow;
  const markers: Marker[] = [{ key: "hw", offset: view.hw, text: t(short ? "commitTiming.marker.hwShort" : "commitTiming.marker.hw", { hw: view.hw }), labelY: -22, top: -18, bottom: RECORD_SIZE + 2 }];
  markers.push({
    key: "committed",
    offset: view.committed ?? 0,
    text: view.committed === null ? t("commitTiming.marker.committedNone") : t(short ? "commitTiming.marker.committedShort" : "commitTiming.marker.committed", { offset: view.committed }),
    labelY: RECORD_SIZE + 34,
    top: -3,
    bottom: RECORD_SIZE + 24,
  });
  markers.push({
    key: "position",
    offset: view.position ?? view.crash?.position ?? 0,
    text:
      view.position === null
        ? view.crash && !view.alive
          ? t(short ? "commitTiming.marker.positionGoneShort" : "commitTiming.marker.positionGone")
          : t("commitTiming.marker.positionNone")
        : t(short ? "commitTiming.marker.positionShort" : "commitTiming.marker.position", { offset: view.position }),
    labelY: RECORD_SIZE + 54,
    top: -3,
    bottom: RECORD_SIZE + 44,
  });
  const joined = g
    .selectAll<SVGGElement, Marker>("g.kl-ct-marker")
    .data(markers, (d) => d.key)
    .join((enter) => {
      const m = enter.append<SVGGElement>("g").attr("class", (d) => `kl-ct-marker kl-ct-marker--${d.key} kl-moving`);
      m.append("path").attr("class", "kl-ct-marker-line");
      m.append("path").attr("class", "kl-ct-marker-head");
      m.append("text").attr("class", "kl-ct-marker-text");
      return m;
    });
  joined.each(function (d) {
    const m = select(this);
    const x = offsetX(layout, d.offset) - 1.5;
    const missing = (d.key === "committed" && view.committed === null) || (d.key === "position" && view.position === null);
    m.classed("is-missing", missing).style("transform", translate(x, layout.rowY));
    m.select("path.kl-ct-marker-line").attr("d", `M0 ${d.top}V${d.bottom}`);
    m.select("path.kl-ct-marker-head").attr("d", d.key === "hw" ? `M-4 ${d.top - 1}H4` : `M0 ${d.bottom}l-4 5h8z`);
    m.select("text")
      .attr("x", clampLabelX(x + 4, d.text, layout.width) - x)
      .attr("y", d.labelY)
      .text(d.text);
  });
  // After a restart: where the new consumer's first fetch started, and why.
  const restart = view.restart;
  const note = restart && restart.resumedAt !== null ? [restart] : [];
  const maxChars = Math.floor((layout.width - 2 * PAD) / CHAR_PX);
  const restartLines = note.flatMap((r) =>
    wrapText(r.from === "committed" ? t("commitTiming.restart.committed", { offset: r.resumedAt ?? 0 }) : t("commitTiming.restart.reset", { offset: r.resumedAt ?? 0, policy: view.autoOffsetReset }), maxChars),
  );
  texts(
    layer(g.node()!.ownerSVGElement!, "ct-restart"),
    restartLines.slice(0, 2).map((text, i) => ({ key: `restart-${i}`, text, x: PAD, y: layout.rowY + RECORD_SIZE + 74 + i * 15, cls: "kl-ct-restart" })),
  );
}

function drawLoop(g: Selection<SVGGElement, unknown>, view: CommitTimingView, layout: StageLayout): void {
  const nodes = loopFor(view.strategy, view.autoCommitIntervalMs);
  const w = layout.loopBoxWidth;
  const h = 34;
  const y = layout.loopY;
  const totalWidth = nodes.length * w + (nodes.length - 1) * layout.loopGap;
  const x0 = PAD;
  const xOf = (i: number) => x0 + i * (w + layout.loopGap);
  texts(child(g, "ct-loop-title"), [{ key: "title", text: t("commitTiming.loop.title"), x: PAD, y: y - 10, cls: "kl-strong" }]);
  const current = view.step;
  g.selectAll<SVGGElement, LoopNode>("g.kl-ct-step")
    .data(nodes, (d) => d.id)
    .join((enter) => {
      const n = enter.append<SVGGElement>("g");
      n.append("rect").attr("class", "kl-ct-step-box").attr("rx", 6);
      n.append("text").attr("class", "kl-ct-step-text");
      n.append("text").attr("class", "kl-ct-step-sub");
      return n;
    })
    .attr("class", (d) => `kl-ct-step${d.id === current ? " is-current" : ""}`)
    .style("transform", (_, i) => translate(xOf(i), y))
    .each(function (d) {
      const n = select(this);
      n.select("rect").attr("width", w).attr("height", h);
      n.select("text.kl-ct-step-text")
        .attr("x", w / 2)
        .attr("y", 14)
        .attr("text-anchor", "middle")
        .text(d.id === current ? `▶ ${loopStepLabel(d.id)}` : loopStepLabel(d.id));
      n.select("text.kl-ct-step-sub").attr("x", w / 2).attr("y", 28).attr("text-anchor", "middle").text(d.sub);
    });
  // Arrows: each box to the next, and the last back to the first underneath.
  const arrows: { key: string; d: string }[] = [];
  for (let i = 0; i + 1 < nodes.length; i++) arrows.push({ key: `a${i}`, d: `M${xOf(i) + w + 3} ${y + h / 2}H${xOf(i + 1) - 5}` });
  const back = y + h + 16;
  arrows.push({ key: "back", d: `M${xOf(nodes.length - 1) + w / 2} ${y + h + 2}V${back}H${xOf(0) + w / 2}V${y + h + 6}` });
  g.selectAll<SVGPathElement, (typeof arrows)[number]>("path.kl-ct-arrow")
    .data(arrows, (d) => d.key)
    .join("path")
    .attr("class", "kl-ct-arrow")
    .attr("d", (d) => d.d);
  g.selectAll<SVGPathElement, (typeof arrows)[number]>("path.kl-ct-arrowhead")
    .data(arrows, (d) => d.key)
    .join("path")
    .attr("class", "kl-ct-arrowhead")
    .attr("d", (d, i) => (i === arrows.length - 1 ? `M${xOf(0) + w / 2} ${y + h + 2}l-4 6h8z` : `M${xOf(i + 1) - 2} ${y + h / 2}l-6 -4v8z`));

  // Joining, waiting for the coordinator: said beside the loop, not as a step of it.
  const sideText = current === "joining" ? t("commitTiming.loop.joining") : current === "idle" ? t("commitTiming.loop.idle") : "";
  texts(child(g, "ct-loop-side"), sideText ? [{ key: "side", text: sideText, x: layout.narrow ? PAD : x0 + totalWidth + 12, y: layout.narrow ? back + 16 : y + h / 2 + 4, cls: "kl-muted" }] : []);

  // The crash mark: a cross in a circle where the process died (or is armed to die).
  const spot = view.crash && !view.alive ? { step: view.crash.step, armed: false } : view.armed ? { step: view.armed.step, armed: true } : null;
  const where = spot ? crashSpot(nodes, spot.step) : null;
  const mark = spot && where ? [{ ...spot, where }] : [];
  const crash = g
    .selectAll<SVGGElement, (typeof mark)[number]>("g.kl-ct-crash")
    .data(mark, () => "crash")
    .join((enter) => {
      const c = enter.append<SVGGElement>("g").attr("class", "kl-ct-crash");
      c.append("circle").attr("r", 8);
      c.append("path").attr("d", "M-4 -4L4 4M4 -4L-4 4");
      c.append("text").attr("class", "kl-ct-crash-text").attr("text-anchor", "middle");
      return c;
    });
  crash.each(function (d) {
    const c = select(this);
    let x: number;
    let cy: number;
    if ("node" in d.where) {
      x = xOf(d.where.node) + w - 2;
      cy = y + 2;
    } else if (d.where.after < nodes.length - 1) {
      x = xOf(d.where.after) + w + layout.loopGap / 2;
      cy = y + h / 2;
    } else {
      // The arrow back to the first step.
      x = (xOf(0) + xOf(nodes.length - 1) + w) / 2;
      cy = back;
    }
    c.classed("is-armed", d.armed).style("transform", translate(x, cy));
    c.select("text")
      .attr("y", "node" in d.where ? -11 : 20)
      .text(d.armed ? t("commitTiming.crash.armed") : t("commitTiming.crash.here"));
  });
}

function child(g: Selection<SVGGElement, unknown>, name: string): Selection<SVGGElement, unknown> {
  let found = g.select<SVGGElement>(`:scope > g.${name}`);
  if (found.empty()) found = g.append<SVGGElement>("g").attr("class", name);
  return found;
}

function drawLegend(g: Selection<SVGGElement, unknown>, layout: StageLayout): void {
  const items: { fate: Fate; text: string }[] = [
    { fate: "in-batch", text: fateLabel("in-batch") },
    { fate: "processed", text: fateLabel("processed") },
    { fate: "twice", text: fateLabel("twice") },
    { fate: "lost", text: fateLabel("lost") },
  ];
  const perRow = layout.narrow ? 1 : 4;
  const colWidth = Math.floor((layout.width - 2 * PAD) / perRow);
  g.selectAll<SVGGElement, (typeof items)[number]>("g.kl-ct-legend-item")
    .data(items, (d) => d.fate)
    .join((enter) => {
      const item = enter.append<SVGGElement>("g").attr("class", (d) => `kl-ct-legend-item kl-ct-fate kl-ct-fate--${d.fate}`);
      item.append("g").each(function (d) {
        fillGlyph(this as SVGGElement, d.fate);
      });
      item.append("text").attr("class", "kl-ct-legend-text").attr("x", 34).attr("y", 12);
      return item;
    })
    .style("transform", (_, i) => translate(PAD + (i % perRow) * colWidth, layout.legendY + Math.floor(i / perRow) * 18))
    .select("text.kl-ct-legend-text")
    .text((d) => d.text);
}

