import { select, type Selection } from "d3-selection";
import { t } from "../../content/i18n/t";
import { formatSeconds } from "../kit/format";
import type { StageContext } from "../kit/spec";
import { child, layer, sizeStage } from "../kit/stage";
import { formatBytes, formatExactBytes, segmentOffsets } from "./describe";
import { DELETION_WINDOW_MS, type LogSegmentsView, type SegmentView } from "./fold";
import { layoutLogSegments, type LogSegmentsLayout, type SegmentRowBox } from "./layout";
import { lookupSteps, type LookupSteps } from "./lookup";
import { lookupStateOf, notifyRendered, rememberFrame } from "./lookup-state";

/**
 * Draws one broker's partition directory: the offset ruler (0 to the log end offset, the
 * deleted prefix hatched, the log start offset, HW and LEO marked), then one row per segment:
 * its .log and .index file names, a bar of its size against segment.bytes with the sparse index
 * entries as ticks at their byte positions, and what it holds. In the lookup tab the reader's
 * lookup is drawn over it step by step: the probed segments, the probed index entries and the
 * floor entry, then the forward scan of batches.
 */

type G = Selection<SVGGElement, unknown>;

export function renderLogSegments(svg: SVGSVGElement, view: LogSegmentsView, ctx: StageContext<LogSegmentsView>): void {
  rememberFrame(svg, view, ctx);
  const state = lookupStateOf(svg);
  const steps = view.mode === "lookup" && state.offset !== null && state.step > 0 && state.offset >= view.logStartOffset && state.offset < view.logEndOffset ? lookupSteps(view, state.offset) : null;
  const step = steps ? state.step : 0;
  const layout = layoutLogSegments(ctx.width, view.segments.length, view.mode === "lookup");
  sizeStage(svg, layout.width, layout.height);
  svg.classList.add("ls-stage");
  drawSummary(layer(svg, "ls-summary"), view, layout);
  drawRuler(layer(svg, "ls-ruler"), view, layout, steps);
  drawNote(layer(svg, "ls-note"), view, layout, ctx.reducedMotion);
  drawRows(layer(svg, "ls-rows"), view, layout, steps, step);
  drawScan(layer(svg, "ls-scan"), layout, steps, step);
  notifyRendered(svg);
}

// ---- Summary and ruler ------------------------------------------------------------------------

function drawSummary(g: G, view: LogSegmentsView, layout: LogSegmentsLayout): void {
  child<SVGTextElement>(g, "text", "ls-dir kl-strong")
    .attr("x", layout.pad)
    .attr("y", layout.summaryY)
    .text(t("logSegments.stage.directory", { directory: view.directory, broker: view.broker }));
  child<SVGTextElement>(g, "text", "ls-size kl-muted")
    .attr("x", layout.width - layout.pad)
    .attr("y", layout.summaryY)
    .attr("text-anchor", "end")
    .text(t(layout.compact ? "logSegments.stage.sizeShort" : "logSegments.stage.size", { size: formatExactBytes(view.sizeInBytes), count: view.segments.length }));
}

function drawRuler(g: G, view: LogSegmentsView, layout: LogSegmentsLayout, steps: LookupSteps | null): void {
  const { x, y, w, h } = layout.ruler;
  const end = Math.max(1, view.logEndOffset);
  const scale = (offset: number) => x + (w * Math.min(Math.max(offset, 0), end)) / end;
  child<SVGTextElement>(g, "text", "ls-ruler-title kl-muted")
    .attr("x", x)
    .attr("y", y - 5)
    .text(t("logSegments.stage.offsets"));
  child<SVGRectElement>(g, "rect", "ls-ruler-track").attr("x", x).attr("y", y).attr("width", w).attr("height", h).attr("rx", 3);
  // The deleted prefix: offsets below the log start offset, gone with their segments.
  child<SVGRectElement>(g, "rect", "ls-ruler-deleted")
    .attr("x", x)
    .attr("y", y)
    .attr("width", Math.max(0, scale(view.logStartOffset) - x))
    .attr("height", h);
  type Block = { key: string; x: number; w: number; active: boolean; chosen: boolean };
  const blocks: Block[] = view.segments
    .filter((s) => s.nextOffset > s.baseOffset || s.active)
    .map((s) => ({
      key: s.logFile,
      x: scale(s.baseOffset),
      w: Math.max(2, scale(s.active ? view.logEndOffset : s.nextOffset) - scale(s.baseOffset)),
      active: s.active,
      chosen: steps !== null && s.baseOffset === steps.segmentBaseOffset,
    }));
  g.selectAll<SVGRectElement, Block>("rect.ls-ruler-block")
    .data(blocks, (d) => d.key)
    .join("rect")
    .attr("class", (d) => `ls-ruler-block${d.active ? " ls-ruler-block--active" : ""}${d.chosen ? " ls-ruler-block--chosen" : ""}`)
    .attr("x", (d) => d.x)
    .attr("y", y)
    .attr("width", (d) => d.w)
    .attr("height", h);

  // Markers under the ruler: log start offset, HW and LEO (merged when they coincide).
  type Marker = { key: string; offset: number; label: string; cls: string; anchor: "start" | "middle" | "end" };
  const markers: Marker[] = [];
  markers.push({ key: "lso", offset: view.logStartOffset, label: t("logSegments.stage.logStart", { offset: view.logStartOffset }), cls: "ls-marker--lso", anchor: "start" });
  if (view.highWatermark === view.logEndOffset) {
    markers.push({ key: "leo", offset: view.logEndOffset, label: t("logSegments.stage.hwLeo", { offset: view.logEndOffset }), cls: "ls-marker--leo", anchor: "end" });
  } else {
    markers.push({ key: "hw", offset: view.highWatermark, label: t("logSegments.stage.hw", { offset: view.highWatermark }), cls: "ls-marker--hw", anchor: "middle" });
    markers.push({ key: "leo", offset: view.logEndOffset, label: t("logSegments.stage.leo", { offset: view.logEndOffset }), cls: "ls-marker--leo", anchor: "end" });
  }
  if (steps) markers.push({ key: "target", offset: steps.offset, label: String(steps.offset), cls: "ls-marker--target", anchor: "middle" });
  g.selectAll<SVGGElement, Marker>("g.ls-marker")
    .data(markers, (d) => d.key)
    .join((enter) => {
      const m = enter.append<SVGGElement>("g");
      m.append("line");
      m.append("text");
      return m;
    })
    .attr("class", (d) => `ls-marker ${d.cls}`)
    .each(function (d) {
      const m = select(this);
      const mx = scale(d.offset);
      const isTarget = d.key === "target";
      m.select("line")
        .attr("x1", mx)
        .attr("x2", mx)
        .attr("y1", isTarget ? y - 4 : y)
        .attr("y2", isTarget ? y + h + 4 : y + h + 8);
      // Labels stay inside the stage: anchored left at the start, right at the end.
      const anchor = mx < x + 60 ? "start" : mx > x + w - 60 ? "end" : d.anchor;
      m.select("text")
        .attr("x", mx)
        .attr("y", isTarget ? y - 6 : y + h + (d.key === "hw" ? 32 : 20))
        .attr("text-anchor", anchor)
        .text(d.label);
    });
}

function drawNote(g: G, view: LogSegmentsView, layout: LogSegmentsLayout, reducedMotion: boolean): void {
  const last = view.recentDeletions[view.recentDeletions.length - 1];
  let text = "";
  let opacity = 1;
  let cls = "ls-note kl-muted";
  if (view.mode === "retention") {
    if (last) {
      const count = view.recentDeletions.filter((d) => d.t === last.t).length;
      const key = layout.compact ? "logSegments.stage.deletedShort" : count > 1 ? "logSegments.stage.deletedMany" : "logSegments.stage.deleted";
      text = t(key, {
        file: last.file,
        base: last.baseOffset,
        count,
        time: formatSeconds(last.t),
        reason: last.reason,
        offset: last.logStartOffset,
      });
      opacity = reducedMotion ? 1 : Math.max(0.45, 1 - (view.tMs - last.t) / DELETION_WINDOW_MS);
      cls = "ls-note ls-note--deleted";
    } else {
      text = t(layout.compact ? "logSegments.stage.cleanerShort" : "logSegments.stage.cleaner", {
        interval: formatSeconds(view.config.retentionCheckIntervalMs),
        next: view.nextRetentionCheckMs === null ? "-" : formatSeconds(view.nextRetentionCheckMs),
        retentionMs: view.config.retentionMs < 0 ? t("logSegments.noLimit") : formatSeconds(view.config.retentionMs),
        retentionBytes: view.config.retentionBytes < 0 ? t("logSegments.noLimit") : formatBytes(view.config.retentionBytes),
      });
    }
  } else {
    text = t(layout.compact ? "logSegments.stage.configShort" : "logSegments.stage.config", {
      segmentBytes: formatExactBytes(view.config.segmentBytes),
      interval: formatExactBytes(view.config.indexIntervalBytes),
    });
  }
  child<SVGTextElement>(g, "text", "ls-note").attr("class", cls).attr("x", layout.pad).attr("y", layout.noteY).attr("opacity", opacity).text(text);
}

// ---- Segment rows ----------------------------------------------------------------------------

interface RowDatum {
  segment: SegmentView;
  box: SegmentRowBox;
  probe: number | null;
  chosen: boolean;
}

/** The file name with its leading zeros muted, so the base offset stands out. */
function nameParts(file: string): { zeros: string; rest: string } {
  const match = /^(0*)(\d.*)$/.exec(file);
  if (!match) return { zeros: "", rest: file };
  // Keep at least one digit: "00000000000000000000.log" shows its final 0.
  return { zeros: match[1], rest: match[2] };
}

function infoText(segment: SegmentView, view: LogSegmentsView, compact: boolean): string {
  const offsets = segmentOffsets(segment);
  const size = compact ? formatBytes(segment.sizeInBytes) : t("logSegments.stage.sizeOf", { size: formatExactBytes(segment.sizeInBytes), limit: formatExactBytes(view.config.segmentBytes) });
  const state = segment.active ? t("logSegments.stage.active") : segment.rolledBy === "time" ? t("logSegments.stage.rolledByTime") : t("logSegments.stage.rolledBySize");
  const parts = [offsets, size, state];
  if (view.mode === "lookup" && !compact) parts.push(t("logSegments.stage.entries", { count: segment.index.length }));
  return parts.join(" · ");
}

/** Retention tab, under the bar: how old the newest record is, against retention.ms. */
function ageText(segment: SegmentView, view: LogSegmentsView, compact: boolean): string {
  if (segment.largestTimestamp < 0) return "";
  const age = formatSeconds(Math.max(0, view.tMs - segment.largestTimestamp));
  if (compact || segment.expiresAtMs === null) return t("logSegments.stage.ageShort", { age });
  return t(segment.active ? "logSegments.stage.ageActive" : "logSegments.stage.age", { age, time: formatSeconds(segment.expiresAtMs), retention: formatSeconds(view.config.retentionMs) });
}

function drawRows(g: G, view: LogSegmentsView, layout: LogSegmentsLayout, steps: LookupSteps | null, step: number): void {
  const probeOrder = new Map<number, number>();
  if (steps && step >= 1) steps.segmentProbes.forEach((p, i) => probeOrder.set(p.mid, i + 1));
  const data: RowDatum[] = view.segments.map((segment, i) => ({
    segment,
    box: layout.rows[i],
    probe: probeOrder.get(i) ?? null,
    chosen: steps !== null && step >= 1 && i === steps.segmentPosition,
  }));
  g.selectAll<SVGGElement, RowDatum>("g.ls-row")
    .data(data, (d) => d.segment.logFile)
    .join((enter) => {
      const r = enter.append<SVGGElement>("g");
      r.append("rect").attr("class", "ls-row-box").attr("rx", 5);
      const name = r.append<SVGTextElement>("text").attr("class", "ls-file");
      name.append("tspan").attr("class", "ls-file-zeros");
      name.append("tspan").attr("class", "ls-file-rest");
      const index = r.append<SVGTextElement>("text").attr("class", "ls-file ls-file--index");
      index.append("tspan").attr("class", "ls-file-zeros");
      index.append("tspan").attr("class", "ls-file-rest");
      r.append("text").attr("class", "ls-info");
      r.append("text").attr("class", "ls-age kl-muted");
      r.append("rect").attr("class", "ls-bar-track").attr("rx", 2);
      r.append("rect").attr("class", "ls-bar-fill").attr("rx", 2);
      r.append("g").attr("class", "ls-ticks");
      r.append("g").attr("class", "ls-probe");
      r.append("g").attr("class", "ls-entry");
      return r;
    })
    .attr("class", (d) => `ls-row${d.segment.active ? " ls-row--active" : ""}${d.chosen ? " ls-row--chosen" : ""}${d.probe !== null && !d.chosen ? " ls-row--probed" : ""}`)
    .each(function (d) {
      const r = select(this);
      const { box, segment } = d;
      r.select("rect.ls-row-box")
        .attr("x", layout.pad)
        .attr("y", box.y)
        .attr("width", layout.width - 2 * layout.pad)
        .attr("height", box.h);
      const logName = nameParts(segment.logFile);
      const indexName = nameParts(segment.indexFile);
      const name = r.select<SVGTextElement>("text.ls-file:not(.ls-file--index)").attr("x", box.nameX + (d.probe !== null ? 20 : 0)).attr("y", box.nameY);
      name.select("tspan.ls-file-zeros").text(logName.zeros);
      name.select("tspan.ls-file-rest").text(logName.rest);
      // The .index file: its own line in the wide layout; in the compact layout the info line says it.
      const index = r.select<SVGTextElement>("text.ls-file--index").attr("x", box.nameX + (d.probe !== null ? 20 : 0)).attr("y", box.nameY + 16);
      index.select("tspan.ls-file-zeros").text(layout.compact ? "" : indexName.zeros);
      index.select("tspan.ls-file-rest").text(layout.compact ? "" : indexName.rest);
      r.select("text.ls-info").attr("x", box.infoX).attr("y", box.infoY).text(infoText(segment, view, layout.compact));
      r.select("text.ls-age")
        .attr("x", box.barX)
        .attr("y", box.entryY)
        .attr("class", `ls-age ${segment.expiresAtMs !== null && view.tMs >= segment.expiresAtMs ? "ls-age--due" : "kl-muted"}`)
        .text(view.mode === "retention" ? ageText(segment, view, layout.compact) : "");

      const limit = Math.max(1, view.config.segmentBytes);
      r.select("rect.ls-bar-track").attr("x", box.barX).attr("y", box.barY).attr("width", box.barW).attr("height", box.barH);
      r.select("rect.ls-bar-fill")
        .attr("x", box.barX)
        .attr("y", box.barY)
        .attr("width", Math.max(segment.sizeInBytes > 0 ? 1.5 : 0, (box.barW * Math.min(segment.sizeInBytes, limit)) / limit))
        .attr("height", box.barH);

      // The sparse index: one tick per entry, at the byte position it points to.
      const probedSlots = new Map<number, boolean>();
      if (d.chosen && steps && step >= 2) for (const p of steps.indexProbes) probedSlots.set(p.slot, p.atOrBelow);
      const floorSlot = d.chosen && steps && step >= 2 ? steps.indexSlot : -2;
      type Tick = { slot: number; x: number; cls: string };
      const ticks: Tick[] = segment.index.map((entry, slot) => ({
        slot,
        x: box.barX + (box.barW * Math.min(entry.position, limit)) / limit,
        cls: slot === floorSlot ? "ls-tick ls-tick--floor" : probedSlots.has(slot) ? "ls-tick ls-tick--probed" : "ls-tick",
      }));
      r.select<SVGGElement>("g.ls-ticks")
        .selectAll<SVGLineElement, Tick>("line")
        .data(ticks, (tk) => String(tk.slot))
        .join("line")
        .attr("class", (tk) => tk.cls)
        .attr("x1", (tk) => tk.x)
        .attr("x2", (tk) => tk.x)
        .attr("y1", (tk) => box.barY - (tk.cls.includes("floor") ? 5 : tk.cls.includes("probed") ? 3 : 0))
        .attr("y2", (tk) => box.barY + box.barH + (tk.cls.includes("floor") ? 5 : 0));

      // Step 1: the probe number beside each segment the binary search looked at.
      const probe = r.select<SVGGElement>("g.ls-probe");
      probe.selectAll("*").remove();
      if (d.probe !== null) {
        probe.append("circle").attr("class", "ls-probe-dot").attr("cx", box.nameX + 7).attr("cy", box.nameY - 4).attr("r", 8);
        probe
          .append("text")
          .attr("class", "ls-probe-text")
          .attr("x", box.nameX + 7)
          .attr("y", box.nameY - 4)
          .attr("dy", "0.35em")
          .attr("text-anchor", "middle")
          .text(d.probe);
      }

      // Step 2: the floor entry's label under the bar (or "from byte 0" when there is none).
      const entry = r.select<SVGGElement>("g.ls-entry");
      entry.selectAll("*").remove();
      if (d.chosen && steps && step >= 2) {
        const ex = steps.indexEntry === null ? box.barX : box.barX + (box.barW * Math.min(steps.indexEntry.position, limit)) / limit;
        const label =
          steps.indexEntry === null
            ? t("logSegments.stage.noEntry", { offset: steps.offset })
            : t("logSegments.stage.floorEntry", { entry: steps.indexEntry.offset, position: formatExactBytes(steps.indexEntry.position) });
        // Starts at the entry's tick, but never runs past the bar's right end (about 6.3 px a character).
        const labelW = label.length * 6.3;
        const lx = Math.max(box.barX, Math.min(ex - 2, box.barX + box.barW - labelW));
        entry.append("text").attr("class", "ls-entry-label").attr("x", lx).attr("y", box.entryY).text(label);
      }
    });
}

// ---- The scan strip ------------------------------------------------------------------------------

function drawScan(g: G, layout: LogSegmentsLayout, steps: LookupSteps | null, step: number): void {
  const box = layout.scan;
  g.selectAll("*").remove();
  if (!box) return;
  g.append("rect").attr("class", "ls-scan-box").attr("x", box.x).attr("y", box.y).attr("width", box.w).attr("height", box.h).attr("rx", 5);
  if (!steps || step < 3) {
    g.append("text")
      .attr("class", "ls-scan-hint kl-muted")
      .attr("x", box.x + 10)
      .attr("y", box.y + 22)
      .text(t(steps ? (layout.compact ? "logSegments.stage.scanLaterShort" : "logSegments.stage.scanLater") : layout.compact ? "logSegments.stage.scanHintShort" : "logSegments.stage.scanHint"));
    return;
  }
  g.append("text")
    .attr("class", "ls-scan-title")
    .attr("x", box.x + 10)
    .attr("y", box.y + 18)
    .text(t(layout.compact ? "logSegments.stage.scanTitleShort" : "logSegments.stage.scanTitle", { file: steps.segmentFile, position: formatExactBytes(steps.scanFromPosition), count: steps.scanned.length }));
  // Show every scanned batch when they fit, else the first and last few with a gap between.
  const cellW = layout.compact ? 62 : 84;
  const gap = 6;
  const fit = Math.max(3, Math.floor((box.w - 20 + gap) / (cellW + gap)));
  const scanned = steps.scanned;
  let shown: ({ batch: (typeof scanned)[number]; found: boolean } | null)[];
  if (scanned.length <= fit) {
    shown = scanned.map((batch) => ({ batch, found: batch === steps.found }));
  } else {
    const head = Math.floor((fit - 1) / 2);
    const tail = fit - 1 - head;
    shown = [
      ...scanned.slice(0, head).map((batch) => ({ batch, found: false })),
      null,
      ...scanned.slice(scanned.length - tail).map((batch) => ({ batch, found: batch === steps.found })),
    ];
  }
  shown.forEach((cell, i) => {
    const cx = box.x + 10 + i * (cellW + gap);
    const cy = box.y + 28;
    if (cell === null) {
      g.append("text")
        .attr("class", "ls-scan-gap kl-muted")
        .attr("x", cx + cellW / 2)
        .attr("y", cy + 17)
        .attr("text-anchor", "middle")
        .text(t("logSegments.stage.scanGap", { count: scanned.length - (shown.length - 1) }));
      return;
    }
    g.append("rect")
      .attr("class", `ls-batch${cell.found ? " ls-batch--found" : ""}`)
      .attr("x", cx)
      .attr("y", cy)
      .attr("width", cellW)
      .attr("height", 26)
      .attr("rx", 3);
    g.append("text")
      .attr("class", `ls-batch-text${cell.found ? " ls-batch-text--found" : ""}`)
      .attr("x", cx + cellW / 2)
      .attr("y", cy + 13)
      .attr("dy", "0.35em")
      .attr("text-anchor", "middle")
      .text(`${cell.batch.baseOffset}-${cell.batch.lastOffset}`);
    g.append("text")
      .attr("class", "ls-batch-pos kl-muted")
      .attr("x", cx + cellW / 2)
      .attr("y", cy + 40)
      .attr("text-anchor", "middle")
      .text(cell.found ? t("logSegments.stage.holds", { offset: steps.offset }) : `@${formatExactBytes(cell.batch.position)}`);
  });
}
