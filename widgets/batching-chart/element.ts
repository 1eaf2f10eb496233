/**
 * Registers <kl-batching-chart>; loaded by BatchingChart.astro when the figure comes into view.
 *
 * Why not defineWidget: the chart is not one run played over time but a sweep of 36 finished
 * runs, so there is no player, timeline or event log to show. It is a StaticWidgetElement
 * (widgets/kit/static-widget.ts: the kit's anatomy without a player) and keeps its knobs in
 * the URL hash.
 *
 * The sweep runs on the main thread in slices of a few runs, yielding to the browser between
 * slices, so typing and scrolling stay smooth; a newer knob change cancels a sweep in progress.
 * (A Web Worker would need its own copy of the engine bundle; the whole sweep measured well
 * under the 300 ms budget, so slicing is enough.)
 */
import { t } from "../../content/i18n/t";
import { createSegmentedChoice, type SegmentedChoice } from "../kit/segmented-choice";
import { StaticWidgetElement, type DecodedUrlState } from "../kit/static-widget";
import { describeSweep } from "./describe";
import { renderLegend, renderSweepCharts, renderSweepTable } from "./render";
import { decodeHash, mergeHash } from "./state";
import { checkSweepKnobs, DEFAULT_SWEEP, MEASURE_FROM_MS, MEASURE_TO_MS, runSweepPoint, SEND_MS, SWEEP_RATES, sweepGrid, VALUE_SIZES, type SweepKnobs, type SweepPoint } from "./sweep";

/** Work per slice before yielding to the browser, in ms. */
const SLICE_MS = 12;

export class BatchingChartElement extends StaticWidgetElement<SweepKnobs> {
  knobs: SweepKnobs = DEFAULT_SWEEP;
  points: SweepPoint[] = [];
  /** How long the last complete sweep took, in ms of wall time (read by the site tests). */
  lastSweepMs = 0;
  private generation = 0;
  private width = 640;

  private rate!: SegmentedChoice<number>;
  private size!: SegmentedChoice<number>;
  private status!: HTMLParagraphElement;
  private progress!: HTMLParagraphElement;
  private charts!: HTMLDivElement;
  private table!: HTMLTableElement;

  constructor() {
    super("batching-chart", "batchingChart.title");
  }

  protected decodeUrl(hash: string, urlKey: string): DecodedUrlState<SweepKnobs> {
    const decoded = decodeHash(hash, urlKey);
    return decoded?.ok ? { ok: true, state: decoded.knobs } : decoded;
  }

  protected encodeUrl(hash: string, urlKey: string): string {
    return mergeHash(hash, urlKey, this.knobs);
  }

  protected start(fromUrl: SweepKnobs | null): Promise<void> {
    if (fromUrl) this.knobs = fromUrl;
    this.showKnobs();
    return this.sweep(this.knobs);
  }

  protected startOver(): void {
    this.hideMessage();
    this.onKnobs(DEFAULT_SWEEP);
  }

  protected buildBody(): HTMLElement[] {
    const knobs = document.createElement("div");
    knobs.className = "kl-controls klb-knobs";
    knobs.setAttribute("role", "group");
    knobs.setAttribute("aria-label", t("kit.knobs.label"));
    this.rate = createSegmentedChoice({
      id: `${this.uid}-rate`,
      label: t("batchingChart.knob.rate"),
      choices: SWEEP_RATES,
      format: (rate) => rate.toLocaleString("en-US"),
      onChange: (value) => this.onKnobs({ ...this.knobs, recordsPerSecond: value }),
    });
    this.size = createSegmentedChoice({
      id: `${this.uid}-size`,
      label: t("batchingChart.knob.valueBytes"),
      choices: VALUE_SIZES,
      format: (bytes) => t("batchingChart.bytes", { bytes: bytes.toLocaleString("en-US") }),
      onChange: (value) => this.onKnobs({ ...this.knobs, valueBytes: value }),
    });
    knobs.append(this.rate.element, this.size.element);

    this.progress = document.createElement("p");
    this.progress.className = "klb-progress";
    this.progress.hidden = true;

    this.charts = document.createElement("div");
    this.charts.className = "klb-charts";

    const legend = document.createElement("ul");
    legend.className = "klb-legend";
    legend.setAttribute("aria-label", t("batchingChart.legend"));
    renderLegend(legend);

    const footnote = document.createElement("p");
    footnote.className = "klb-footnote";
    footnote.textContent = t("batchingChart.footnote", { sendMs: SEND_MS, from: MEASURE_FROM_MS, to: MEASURE_TO_MS });

    this.status = document.createElement("p");
    this.status.className = "klb-status";
    this.status.setAttribute("role", "status");

    const details = document.createElement("details");
    details.className = "kl-details klb-details";
    const summary = document.createElement("summary");
    summary.textContent = t("batchingChart.table.show");
    const tableBox = document.createElement("div");
    tableBox.className = "klb-table-box";
    tableBox.tabIndex = 0;
    tableBox.setAttribute("role", "region");
    tableBox.setAttribute("aria-label", t("batchingChart.table.caption"));
    this.table = document.createElement("table");
    this.table.className = "klb-table";
    tableBox.append(this.table);
    details.append(summary, tableBox);

    new ResizeObserver((entries) => {
      const width = Math.round(entries[entries.length - 1].contentRect.width);
      if (width > 0 && Math.abs(width - this.width) > 8) {
        this.width = width;
        if (this.points.length > 0) renderSweepCharts(this.charts, this.points, this.width);
      }
    }).observe(this.charts);
    return [knobs, this.progress, this.charts, legend, footnote, this.status, details];
  }

  private showKnobs(): void {
    this.rate.show(this.knobs.recordsPerSecond);
    this.size.show(this.knobs.valueBytes);
  }

  private onKnobs(knobs: SweepKnobs): void {
    try {
      checkSweepKnobs(knobs);
    } catch (error) {
      this.showMessage(error instanceof Error ? error.message : String(error));
      this.showKnobs();
      return;
    }
    this.knobs = knobs;
    this.showKnobs();
    void this.sweep(knobs);
  }

  /** Runs the grid in slices; a newer call makes an older one stop at its next slice. */
  private async sweep(knobs: SweepKnobs): Promise<void> {
    const generation = ++this.generation;
    const grid = sweepGrid();
    const points: SweepPoint[] = [];
    const start = performance.now();
    this.setAttribute("aria-busy", "true");
    this.charts.classList.add("is-loading");
    try {
      while (points.length < grid.length) {
        const sliceStart = performance.now();
        while (points.length < grid.length && performance.now() - sliceStart < SLICE_MS) points.push(runSweepPoint(grid[points.length], knobs));
        if (points.length < grid.length) {
          this.progress.hidden = false;
          this.progress.textContent = t("batchingChart.progress", { done: points.length, total: grid.length });
          await new Promise((resolve) => setTimeout(resolve, 0));
          if (generation !== this.generation) return;
        }
      }
    } catch (error) {
      if (generation !== this.generation) return;
      this.showMessage(t("kit.error.invalid", { message: error instanceof Error ? error.message : String(error) }));
      this.progress.hidden = true;
      this.charts.classList.remove("is-loading");
      this.removeAttribute("aria-busy");
      return;
    }
    this.lastSweepMs = performance.now() - start;
    performance.measure("kl-sweep", { start, end: performance.now(), detail: "batching-chart" });
    this.points = points;
    this.progress.hidden = true;
    this.charts.classList.remove("is-loading");
    this.removeAttribute("aria-busy");
    this.width = this.charts.clientWidth || this.width;
    renderSweepCharts(this.charts, points, this.width);
    renderSweepTable(this.table, points);
    this.status.textContent = describeSweep(points, knobs);
    this.dispatchEvent(new CustomEvent("kl-run", { bubbles: true, detail: { points } }));
  }
}

if (!customElements.get("kl-batching-chart")) customElements.define("kl-batching-chart", BatchingChartElement);
