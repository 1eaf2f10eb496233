import type { Selection } from "d3-selection";
import { t } from "../../content/i18n/t";
import type { StageContext } from "../kit/spec";
import { layer, sizeStage } from "../kit/stage";
import type { PipelineView } from "./fold";
import { layoutFor, type Layout } from "./layout";
import { formatBytes } from "./marks";
import { drawBatches, drawBrokers, drawPartitionRows, drawSender } from "./queues";
import { drawCurrentRecord, drawGauge, drawStations } from "./stations";
import { joinText, type TextLine } from "./words";

/**
 * Draws the producer pipeline: the application thread's stations with the record passing
 * through, the BufferPool gauge, the RecordAccumulator's deques with their batches filling
 * up and lingering, the Sender, each broker's in-flight requests and the brokers. Batches
 * and records are keyed by id, so a batch that leaves its deque for a request moves there.
 */
export function renderPipeline(svg: SVGSVGElement, view: PipelineView, ctx: StageContext<PipelineView>): void {
  const layout = layoutFor(view, ctx.width);
  sizeStage(svg, layout.width, layout.height);
  drawStatus(layer(svg, "status"), view, layout);
  drawStations(layer(svg, "stations"), view, layout);
  drawGauge(layer(svg, "gauge"), view, layout);
  drawPartitionRows(layer(svg, "partitions"), view, layout);
  drawSender(layer(svg, "sender"), view, layout);
  drawBrokers(layer(svg, "brokers"), view, layout);
  drawBatches(layer(svg, "batches"), view, layout);
  drawCurrentRecord(layer(svg, "current"), view, layout);
}

function drawStatus(g: Selection<SVGGElement, unknown>, view: PipelineView, layout: Layout): void {
  const s = view.settings;
  const config = t("producerPipeline.status.config", { acks: s.acks, batchSize: formatBytes(s.batchSize), linger: s.lingerMs, inFlight: s.maxInFlight });
  const counts = t("producerPipeline.status.counts", { sent: view.counts.sent, acked: view.counts.acknowledged, failed: view.counts.failed });
  const head = t("producerPipeline.status.head", { client: view.client, topic: view.topic, keyed: view.keyed ? t("producerPipeline.keyed") : t("producerPipeline.keyless") });
  const texts = layout.narrow
    ? [head, counts, t("producerPipeline.status.configNarrow1", { acks: s.acks, batchSize: formatBytes(s.batchSize) }), t("producerPipeline.status.configNarrow2", { linger: s.lingerMs, inFlight: s.maxInFlight })]
    : [`${head} · ${counts}`, config];
  const lines: TextLine[] = texts.map((text, i) => ({ key: `s${i}`, text, x: 12, y: 16 + i * 16, cls: i === 0 ? "kl-strong" : "kl-muted" }));
  lines.push({ key: "app", text: t("producerPipeline.appThread"), x: layout.appTitle.x, y: layout.appTitle.y, cls: "kl-pp-title" });
  lines.push({ key: "acc", text: t("producerPipeline.accumulator"), x: layout.accTitle.x, y: layout.accTitle.y, cls: "kl-pp-title" });
  lines.push({ key: "inflight", text: t("producerPipeline.inFlightTitle", { max: s.maxInFlight }), x: layout.inFlightTitle.x, y: layout.inFlightTitle.y, cls: "kl-pp-title" });
  joinText(g, lines);
}
