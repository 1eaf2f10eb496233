import { ScenarioValidationError } from "../../engine/index";
import { t } from "../../content/i18n/t";
import { createMessagePanel } from "../kit/anatomy";
import { createKnobControl, type KnobSpec } from "../kit/knobs";
import { describeComparison } from "./describe";
import { COMPARE_BATCH_SIZE, COMPARE_FROM_MS, COMPARE_PARTITIONS, COMPARE_SEND_MS, COMPARE_TO_MS, COMPARE_VALUE_BYTES, LINGER_RANGE, RATES, runComparison, type CompareKnobs, type CompareRow } from "./compare";
import { renderCompareCharts, renderCompareTable } from "./compare-chart";
import { createSegmentedChoice, type SegmentedChoice } from "../kit/segmented-choice";

/**
 * Part two of <kl-partitioner>: the linger.ms and send-rate knobs, the three engine runs, their
 * charts, the same numbers as a table, and a one-line summary in a live region. A run that
 * fails keeps the last good charts and shows why in the kit's error panel style.
 */
export class ComparePanel {
  readonly element: HTMLElement;
  rows: CompareRow[] = [];
  private knobs: CompareKnobs | null = null;
  private readonly linger;
  private readonly rate: SegmentedChoice<number>;
  private readonly charts: HTMLDivElement;
  private readonly table: HTMLTableElement;
  private readonly status: HTMLParagraphElement;
  private readonly message: HTMLDivElement;
  private width = 360;

  constructor(uid: string, private readonly onKnobs: (knobs: CompareKnobs) => void) {
    const part = document.createElement("section");
    part.className = "klp-part klp-compare";
    part.setAttribute("aria-labelledby", `${uid}-compare-title`);
    const heading = document.createElement("p");
    heading.className = "klp-part-title";
    heading.id = `${uid}-compare-title`;
    heading.textContent = t("partitioner.compare.title");
    const lead = document.createElement("p");
    lead.className = "klp-part-lead";
    lead.textContent = t("partitioner.compare.lead", {
      bytes: COMPARE_VALUE_BYTES.toLocaleString("en-US"),
      sendMs: COMPARE_SEND_MS,
      partitions: COMPARE_PARTITIONS,
      batchSize: COMPARE_BATCH_SIZE.toLocaleString("en-US"),
      from: COMPARE_FROM_MS,
      to: COMPARE_TO_MS,
    });

    const knobs = document.createElement("div");
    knobs.className = "klp-compare-knobs";
    knobs.setAttribute("role", "group");
    knobs.setAttribute("aria-label", t("kit.knobs.label"));
    const lingerSpec: KnobSpec = {
      id: "linger",
      scope: "producer",
      key: "linger.ms",
      path: ["linger.ms"],
      labelKey: "partitioner.compare.linger",
      range: { ...LINGER_RANGE },
    };
    this.linger = createKnobControl(lingerSpec, uid, (value) => this.update({ lingerMs: Number(value) }));
    this.rate = createSegmentedChoice({
      id: `${uid}-rate`,
      label: t("partitioner.compare.rate"),
      choices: RATES,
      onChange: (value) => this.update({ recordsPerSecond: value }),
    });
    knobs.append(this.linger.element, this.rate.element);

    this.message = createMessagePanel();

    this.status = document.createElement("p");
    this.status.className = "klp-status";
    this.status.setAttribute("role", "status");

    this.charts = document.createElement("div");
    this.charts.className = "klp-charts";

    const details = document.createElement("details");
    details.className = "kl-details klp-details";
    const summary = document.createElement("summary");
    summary.textContent = t("partitioner.numbers.show");
    this.table = document.createElement("table");
    this.table.className = "klp-numbers";
    details.append(summary, this.table);

    part.append(heading, lead, knobs, this.message, this.status, this.charts, details);
    this.element = part;
    // Plot draws at a width in px; follow the panel's width (read here, never while drawing).
    new ResizeObserver((entries) => {
      const width = Math.round(entries[entries.length - 1].contentRect.width);
      if (width > 0 && Math.abs(width - this.width) > 8) {
        this.width = width;
        this.draw();
      }
    }).observe(this.charts);
  }

  /** Shows these knob values and runs the comparison for them. */
  show(knobs: CompareKnobs): void {
    this.linger.show(knobs.lingerMs);
    this.rate.show(knobs.recordsPerSecond);
    this.run({ lingerMs: knobs.lingerMs, recordsPerSecond: knobs.recordsPerSecond });
  }

  private update(change: Partial<CompareKnobs>): void {
    if (!this.knobs) return;
    const next = { ...this.knobs, ...change };
    if (this.run(next)) this.onKnobs(next);
  }

  private run(knobs: CompareKnobs): boolean {
    const start = performance.now();
    let rows: CompareRow[];
    try {
      rows = runComparison(knobs);
    } catch (error) {
      const detail = error instanceof ScenarioValidationError || error instanceof Error ? error.message : String(error);
      this.message.textContent = t("kit.error.invalid", { message: detail });
      this.message.hidden = false;
      // The knobs go back to the values the charts show.
      if (this.knobs) {
        this.linger.show(this.knobs.lingerMs);
        this.rate.show(this.knobs.recordsPerSecond);
      }
      return false;
    }
    performance.measure("kl-run", { start, end: performance.now(), detail: "partitioner" });
    this.message.hidden = true;
    this.knobs = knobs;
    this.rows = rows;
    this.width = this.charts.clientWidth || this.width;
    this.draw();
    this.status.textContent = describeComparison(rows, knobs);
    renderCompareTable(this.table, rows);
    return true;
  }

  private draw(): void {
    if (this.rows.length === 0) return;
    // Three charts side by side when they fit, else stacked at full width.
    const perChart = this.width >= 780 ? (this.width - 32) / 3 : this.width >= 520 ? (this.width - 16) / 2 : this.width;
    renderCompareCharts(this.charts, this.rows, perChart - 18);
  }
}
