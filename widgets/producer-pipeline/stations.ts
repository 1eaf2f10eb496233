import { select, type Selection } from "d3-selection";
import { t } from "../../content/i18n/t";
import { layer, translate } from "../kit/stage";
import type { PipelineView } from "./fold";
import type { Layout } from "./layout";
import { formatKilobytes, recordLetter, stationOf } from "./marks";
import { recordColour } from "./queues";
import { currentRecordLines, currentRecordText, joinText, type TextLine } from "./words";

/**
 * The application thread's side of the stage: the stations of send() with the record passing
 * through them, and the BufferPool gauge that send() allocates batches from.
 */

const stationKeys = ["producerPipeline.station.send", "producerPipeline.station.interceptors", "producerPipeline.station.serializer", "producerPipeline.station.partitioner"] as const;
const stationShortKeys = ["producerPipeline.station.sendShort", "producerPipeline.station.interceptorsShort", "producerPipeline.station.serializerShort", "producerPipeline.station.partitionerShort"] as const;

export function drawStations(g: Selection<SVGGElement, unknown>, view: PipelineView, layout: Layout): void {
  const current = view.current;
  const at = current ? stationOf(current.stage) : -1;
  const passed = new Set(current ? current.passed.map(stationOf) : []);
  const failedHere = current?.stage === "error";
  // With no interceptor.classes the chain is empty: the station says so and records skip it.
  const idle = (i: number) => i === 1 && view.interceptors.length === 0;
  const nameOf = (i: number) => (idle(i) && !layout.narrow ? t("producerPipeline.station.interceptorsNone") : t(layout.narrow ? stationShortKeys[i] : stationKeys[i]));
  const data = layout.stations.map((box, i) => ({ i, box, name: nameOf(i), idle: idle(i), isCurrent: i === at, isPassed: passed.has(i) && i !== at }));
  const stations = g
    .selectAll<SVGGElement, (typeof data)[number]>("g.kl-pp-station")
    .data(data, (d) => String(d.i))
    .join((enter) => {
      const s = enter.append<SVGGElement>("g").attr("class", "kl-pp-station");
      s.append("rect").attr("class", "kl-pp-station-box").attr("rx", 4);
      s.append("text").attr("class", "kl-pp-station-name");
      s.append("text").attr("class", "kl-pp-station-mark");
      s.append("path").attr("class", "kl-pp-arrow");
      return s;
    });
  stations.each(function (d) {
    const s = select(this);
    s.classed("is-current", d.isCurrent).classed("is-passed", d.isPassed).classed("is-idle", d.idle).classed("is-failed", d.isCurrent && failedHere);
    s.select("rect").attr("x", d.box.x).attr("y", d.box.y).attr("width", d.box.width).attr("height", d.box.height);
    s.select("text.kl-pp-station-name")
      .classed("is-narrow", layout.narrow)
      .attr("x", layout.narrow ? d.box.x + d.box.width / 2 : d.box.x + 8)
      .attr("y", d.box.y + d.box.height / 2)
      .attr("dy", "0.35em")
      .attr("text-anchor", layout.narrow ? "middle" : "start")
      .text(d.name);
    // A word-free mark for the record's progress: a tick where it passed, a cross where it failed.
    const mark = d.isCurrent && failedHere ? "✕" : d.isPassed ? "✓" : d.idle && layout.narrow ? "–" : "";
    s.select("text.kl-pp-station-mark")
      .attr("x", layout.narrow ? d.box.x + d.box.width / 2 : d.box.x + d.box.width - 6)
      .attr("y", layout.narrow ? d.box.y + d.box.height + 14 : d.box.y + 11)
      .attr("text-anchor", layout.narrow ? "middle" : "end")
      .text(mark);
    // Arrows from one station to the next (down when wide, right when narrow).
    const path =
      d.i === 3
        ? ""
        : layout.narrow
          ? `M${d.box.x + d.box.width + 1} ${d.box.y + d.box.height / 2}h6`
          : `M${d.box.x + d.box.width / 2} ${d.box.y + d.box.height + 1}v12`;
    s.select("path").attr("d", path);
  });

  // Which record, then where it is: two lines, so the words stay inside the column.
  const cls = current?.stage === "error" ? "kl-pp-error" : "kl-muted";
  const { x, y } = layout.currentText;
  const texts = current ? currentRecordLines(view) : [t("producerPipeline.current.none")];
  const lines = layout.narrow ? [texts.join(": ")] : texts;
  joinText(
    layer(g.node()!.ownerSVGElement!, "current-text"),
    lines.map((text, i) => ({ key: `current-${i}`, text, x, y: y + i * 14, cls })),
  );
}

export function drawGauge(g: Selection<SVGGElement, unknown>, view: PipelineView, layout: Layout): void {
  const b = view.buffer;
  const box = layout.gauge;
  const fraction = b.totalBytes > 0 ? Math.min(1, b.usedBytes / b.totalBytes) : 0;
  const blocked = b.waiting > 0;
  const track = g.selectAll<SVGRectElement, string>("rect.kl-pp-gauge-track").data(["track"]).join("rect").attr("class", "kl-pp-gauge-track");
  track.attr("x", box.x).attr("y", box.y).attr("width", box.width).attr("height", box.height).attr("rx", 3);
  g.selectAll<SVGRectElement, string>("rect.kl-pp-gauge-used")
    .data(["used"])
    .join("rect")
    .attr("class", `kl-pp-gauge-used${blocked ? " is-full" : ""}`)
    .attr("x", box.x)
    .attr("y", box.y)
    .attr("width", Math.max(0, box.width * fraction))
    .attr("height", box.height)
    .attr("rx", 3);
  const lines: TextLine[] = [
    { key: "title", text: t("producerPipeline.gauge.title", { total: formatKilobytes(b.totalBytes) }), x: box.x, y: box.y - 6, cls: "kl-pp-title" },
    { key: "numbers", text: t("producerPipeline.gauge.numbers", { used: formatKilobytes(b.usedBytes), free: formatKilobytes(b.availableBytes) }), x: box.x, y: box.y + box.height + 14, cls: "kl-muted" },
  ];
  if (blocked) {
    lines.push({ key: "blocked", text: t("producerPipeline.gauge.blocked"), x: box.x + 16, y: box.y + box.height + 30, cls: "kl-pp-blocked" });
    lines.push({ key: "waiting", text: t("producerPipeline.gauge.waiting", { waiting: b.waiting }), x: box.x + 16, y: box.y + box.height + 45, cls: "kl-pp-blocked" });
  }
  else if (view.counts.timeouts > 0) lines.push({ key: "timeouts", text: t("producerPipeline.gauge.timeouts", { count: view.counts.timeouts }), x: box.x, y: box.y + box.height + 30, cls: "kl-pp-error" });
  joinText(g, lines);
  // A stop sign beside "send() blocked": the shape says it as well as the word.
  g.selectAll<SVGPathElement, string>("path.kl-pp-stop")
    .data(blocked ? ["stop"] : [])
    .join("path")
    .attr("class", "kl-pp-stop")
    .attr("d", octagon(box.x + 6, box.y + box.height + 26, 6));
}

function octagon(cx: number, cy: number, r: number): string {
  const points = Array.from({ length: 8 }, (_, i) => {
    const a = Math.PI / 8 + (i * Math.PI) / 4;
    return `${(cx + r * Math.cos(a)).toFixed(1)} ${(cy + r * Math.sin(a)).toFixed(1)}`;
  });
  return `M${points.join("L")}Z`;
}

/**
 * The record passing through send(), beside the station it is at. A record blocked for buffer
 * memory (or failed) stays beside the last station it reached, drawn with a stop outline.
 */
export function drawCurrentRecord(g: Selection<SVGGElement, unknown>, view: PipelineView, layout: Layout): void {
  const c = view.current;
  const stuck = c !== null && (c.stage === "blocked" || c.stage === "error");
  const station = c === null ? 0 : stuck ? (c.partition >= 0 ? 3 : 0) : stationOf(c.stage);
  const data = c && station < 4 ? [c] : [];
  g.selectAll<SVGGElement, NonNullable<typeof c>>("g.kl-pp-passing")
    .data(data, (d) => d.record.id)
    .join((enter) => {
      const r = enter.append<SVGGElement>("g").attr("class", "kl-pp-passing kl-moving");
      r.append("title");
      r.append("rect").attr("class", "kl-pp-mini-box").attr("width", 24).attr("height", 24).attr("rx", 3);
      r.append("rect").attr("class", "kl-pp-mini-band").attr("x", 1.5).attr("y", 19).attr("width", 21).attr("height", 3.5);
      r.append("text").attr("class", "kl-pp-mini-text").attr("x", 12).attr("y", 11).attr("dy", "0.35em");
      return r;
    })
    .classed("is-stuck", stuck)
    .style("transform", () => {
      const p = layout.recordAt(Math.min(3, station));
      return translate(p.x, p.y);
    })
    .each(function (d) {
      const r = select(this);
      r.select("title").text(currentRecordText(view));
      r.select("rect.kl-pp-mini-band").attr("class", `kl-pp-mini-band kl-producer-${recordColour(d.record)}`);
      r.select("text").text(recordLetter(d.record.key));
    });
}
