import type { Fault } from "../../engine/index";
import { t } from "../../content/i18n/t";
import { formatSeconds } from "./format";

/**
 * The scrubber along the bottom: a native range input (keyboard, touch and screen readers
 * get it for free; aria-valuetext says "t = 4.2 s"), with the scenario's faults marked above
 * it, and the faults of the abandoned run (the ghost) marked faintly.
 */
export interface TimelineMark {
  atMs: number;
  /** Short label: "crash 1", "slow 3", "heal". */
  label: string;
  kind: string;
  ghost: boolean;
}

/** A fault as a timeline mark. */
export function faultMark(fault: Fault, ghost = false): TimelineMark {
  return { atMs: fault.atMs, label: faultLabel(fault), kind: fault.type, ghost };
}

/** A few words for a fault, for marks and narration: "crash leader", "slow broker 3 +1500 ms". */
export function faultLabel(fault: Fault): string {
  const target = (broker: number | string) => (typeof broker === "number" ? t("kit.brokerN", { broker }) : t(`kit.target.${broker}` as "kit.target.leader"));
  switch (fault.type) {
    case "crash":
      return t("kit.fault.crash", { target: target(fault.broker) });
    case "restart":
      return t("kit.fault.restart", { target: target(fault.broker) });
    case "isolate":
      return t("kit.fault.isolate", { target: target(fault.broker) });
    case "cut":
      return t("kit.fault.cut");
    case "heal":
      return t("kit.fault.heal");
    case "slow":
      return fault.extraLatencyMs > 0 ? t("kit.fault.slow", { target: target(fault.broker), ms: fault.extraLatencyMs }) : t("kit.fault.unslow", { target: target(fault.broker) });
    case "drop-responses":
      return t("kit.fault.dropResponses", { target: target(fault.broker), percent: Math.round(fault.ratio * 100) });
    case "topic-config":
      return Object.entries(fault.config)
        .map(([key, value]) => `${key}=${String(value)}`)
        .join(", ");
    case "producer-acks":
      return `acks=${fault.acks}`;
    case "producer-send":
      return t("kit.fault.producerSend", { client: fault.client, count: fault.count });
    case "consumer-crash":
      return fault.at ? t("kit.fault.consumerCrashAt", { client: fault.client, step: fault.at }) : t("kit.fault.consumerCrash", { client: fault.client });
    case "share-consumer-crash":
      return t("kit.fault.consumerCrash", { client: fault.client });
    case "consumer-restart":
      return t("kit.fault.consumerRestart", { client: fault.client });
    case "consumer-stall":
      return t("kit.fault.consumerStall", { client: fault.client, ms: fault.durationMs });
    case "consumer-join":
      return t("kit.fault.consumerJoin", { client: fault.client });
    case "consumer-leave":
      return t("kit.fault.consumerLeave", { client: fault.client });
    case "consumer-seek": {
      const to = fault.to;
      const where = to === "beginning" ? t("kit.fault.seekBeginning") : to === "end" ? t("kit.fault.seekEnd") : "offset" in to ? t("kit.fault.seekOffset", { offset: to.offset }) : t("kit.fault.seekTimestamp", { ms: to.timestamp });
      return t("kit.fault.consumerSeek", { client: fault.client, where });
    }
  }
}

export class Timeline {
  readonly element: HTMLDivElement;
  readonly input: HTMLInputElement;
  private readonly marks: HTMLDivElement;
  private durationMs = 1;

  constructor(uid: string, onScrub: (tMs: number) => void) {
    this.element = document.createElement("div");
    this.element.className = "kl-timeline";
    this.marks = document.createElement("div");
    this.marks.className = "kl-timeline-marks";
    this.marks.setAttribute("aria-hidden", "true");
    const label = document.createElement("label");
    label.className = "visually-hidden";
    label.htmlFor = `${uid}-time`;
    label.textContent = t("kit.player.time");
    this.input = document.createElement("input");
    this.input.type = "range";
    this.input.id = `${uid}-time`;
    this.input.className = "kl-timeline-input";
    this.input.min = "0";
    this.input.step = "any";
    this.input.addEventListener("input", () => onScrub(Number(this.input.value)));
    this.element.append(this.marks, label, this.input);
  }

  /** `widthPx`: the timeline's width, known to the widget (reading it here would force a layout). */
  setRun(durationMs: number, marks: readonly TimelineMark[], widthPx = 600): void {
    this.durationMs = Math.max(1, durationMs);
    this.input.max = String(durationMs);
    this.marks.replaceChildren();
    const rows = stackMarks(marks, this.durationMs, widthPx);
    this.element.style.setProperty("--kl-mark-rows", String(Math.max(0, ...rows.map((r) => r + 1))));
    marks.forEach((mark, i) => {
      const el = document.createElement("span");
      el.className = `kl-mark kl-mark--${mark.kind}${mark.ghost ? " kl-mark--ghost" : ""}`;
      el.style.left = `${(100 * mark.atMs) / this.durationMs}%`;
      el.style.setProperty("--kl-mark-row", String(rows[i]));
      el.title = `${formatSeconds(mark.atMs)}: ${mark.label}`;
      const text = document.createElement("span");
      text.className = "kl-mark-label";
      text.textContent = mark.label;
      el.append(text);
      this.marks.append(el);
    });
    // A description of the marks for screen readers, since the marks themselves are hidden.
    const description = marks.filter((m) => !m.ghost).map((m) => `${m.label} ${t("kit.at")} ${formatSeconds(m.atMs)}`);
    this.input.setAttribute("aria-description", description.length > 0 ? description.join("; ") : t("kit.timeline.noFaults"));
  }

  show(tMs: number): void {
    this.input.value = String(tMs);
    this.input.setAttribute("aria-valuetext", t("kit.player.valuetext", { time: formatSeconds(tMs), end: formatSeconds(this.durationMs) }));
    this.element.style.setProperty("--kl-progress", `${(100 * tMs) / this.durationMs}%`);
  }
}

/**
 * A label row for each mark, so labels of marks close in time do not print over each other:
 * each mark takes the first row whose last label ends before it starts (at most three rows;
 * beyond that they share the last row). Widths are estimated from the label's length.
 */
export function stackMarks(marks: readonly TimelineMark[], durationMs: number, widthPx: number): number[] {
  const order = marks.map((_, i) => i).sort((a, b) => marks[a].atMs - marks[b].atMs);
  const rowEnds: number[] = [];
  const rows = new Array<number>(marks.length).fill(0);
  for (const i of order) {
    const start = (marks[i].atMs / Math.max(1, durationMs)) * widthPx;
    const end = start + 8 + marks[i].label.length * 6.2;
    let row = rowEnds.findIndex((e) => e <= start);
    if (row < 0) row = rowEnds.length < 3 ? rowEnds.length : 2;
    rowEnds[row] = Math.max(rowEnds[row] ?? 0, end);
    rows[i] = row;
  }
  return rows;
}
