import type { TraceEvent } from "../../engine/index";
import { t } from "../../content/i18n/t";
import { formatSeconds } from "./format";
import { isNoisy, narrate } from "./narrate";

export { isNoisy, narrate } from "./narrate";

/**
 * The narrated event log: one line per event up to the current time, newest at the bottom,
 * the current one highlighted; each line is a button that seeks to its time. The lines of a
 * run are built once and shown or hidden as time moves, so scrubbing costs no DOM rebuild.
 */
export class EventLog {
  readonly element: HTMLDetailsElement;
  private readonly list: HTMLOListElement;
  private readonly empty: HTMLParagraphElement;
  private readonly count: HTMLSpanElement;
  private readonly showAll: HTMLInputElement;
  private lines: { t: number; li: HTMLLIElement; noisy: boolean }[] = [];
  private lastT = -1;
  private current: HTMLLIElement | null = null;
  private trace: readonly TraceEvent[] = [];
  private storyTimes: number[] = [];
  private built = false;

  constructor(uid: string, private readonly onSeek: (tMs: number) => void) {
    this.element = document.createElement("details");
    this.element.className = "kl-log";
    const summary = document.createElement("summary");
    summary.className = "kl-log-summary";
    summary.textContent = t("kit.log.title");
    this.count = document.createElement("span");
    this.count.className = "kl-log-count";
    summary.append(" ", this.count);
    const options = document.createElement("div");
    options.className = "kl-log-options";
    this.showAll = document.createElement("input");
    this.showAll.type = "checkbox";
    this.showAll.id = `${uid}-log-all`;
    const showAllLabel = document.createElement("label");
    showAllLabel.htmlFor = this.showAll.id;
    showAllLabel.textContent = t("kit.log.showAll");
    options.append(this.showAll, showAllLabel);
    this.showAll.addEventListener("change", () => this.update(this.lastT, true));
    this.empty = document.createElement("p");
    this.empty.className = "kl-log-empty";
    this.empty.textContent = t("kit.log.empty");
    this.list = document.createElement("ol");
    this.list.className = "kl-log-list";
    this.list.setAttribute("aria-label", t("kit.log.title"));
    this.element.append(summary, options, this.empty, this.list);
    this.element.addEventListener("toggle", () => {
      if (this.element.open) this.update(this.lastT, true);
    });
  }

  /**
   * A new run. Lines are built only while the log is open (narrating a few hundred events and
   * creating their buttons costs more than the whole simulation), so a closed log costs nothing.
   */
  setTrace(trace: readonly TraceEvent[]): void {
    this.trace = trace;
    this.storyTimes = trace.filter((e) => !isNoisy(e)).map((e) => e.t);
    this.built = false;
    this.list.replaceChildren();
    this.lines = [];
    this.current = null;
    this.lastT = -1;
    if (this.element.open) this.buildLines();
  }

  private buildLines(): void {
    if (this.built) return;
    this.built = true;
    const fragment = document.createDocumentFragment();
    for (const event of this.trace) {
      const text = narrate(event);
      if (text === null) continue;
      const li = document.createElement("li");
      li.className = "kl-log-line";
      li.hidden = true;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "kl-log-seek";
      const time = document.createElement("span");
      time.className = "kl-log-time";
      time.textContent = formatSeconds(event.t);
      button.append(time, " ", text);
      button.addEventListener("click", () => this.onSeek(event.t));
      li.append(button);
      fragment.append(li);
      this.lines.push({ t: event.t, li, noisy: isNoisy(event) });
    }
    this.list.append(fragment);
  }

  /** Shows the lines up to tMs and marks the last one as current. */
  update(tMs: number, force = false): void {
    if (!force && tMs === this.lastT) return;
    this.lastT = tMs;
    const all = this.showAll.checked;
    if (!this.element.open) {
      // Closed: only the count in the summary changes.
      const shown = all ? countAtOrBefore(this.trace, tMs) : countTimesAtOrBefore(this.storyTimes, tMs);
      this.count.textContent = `(${shown})`;
      this.empty.hidden = shown > 0;
      return;
    }
    this.buildLines();
    let shown = 0;
    let current: HTMLLIElement | null = null;
    for (const line of this.lines) {
      const visible = line.t <= tMs && (all || !line.noisy);
      if (line.li.hidden === visible) line.li.hidden = !visible;
      if (visible) {
        shown++;
        current = line.li;
      }
    }
    if (current !== this.current) {
      this.current?.classList.remove("is-current");
      this.current?.removeAttribute("aria-current");
      current?.classList.add("is-current");
      current?.setAttribute("aria-current", "true");
      this.current = current;
    }
    this.count.textContent = `(${shown})`;
    this.empty.hidden = shown > 0;
    this.scrollToCurrent();
  }

  private scrollToCurrent(): void {
    const current = this.list.querySelector<HTMLElement>(".is-current");
    if (current) this.list.scrollTop = current.offsetTop - this.list.clientHeight + current.offsetHeight + 8;
  }
}

/**
 * The aria-live narration: while playing, at most one sentence per `intervalMs` (the latest
 * story event that passed), so a screen reader is not flooded; a step or an action is
 * announced at once.
 */
export class Narrator {
  readonly element: HTMLDivElement;
  private lastSpokenAt = 0;
  private pending: string | null = null;

  constructor(private readonly intervalMs = 1500) {
    this.element = document.createElement("div");
    this.element.className = "visually-hidden";
    this.element.setAttribute("aria-live", "polite");
    this.element.setAttribute("aria-atomic", "true");
  }

  /** The events in (fromMs, toMs] while playing: speak the latest, throttled. */
  passed(trace: readonly TraceEvent[], fromMs: number, toMs: number, nowMs: number): void {
    const latest = latestStoryEvent(trace, fromMs, toMs);
    if (latest) this.pending = narrate(latest);
    if (this.pending && nowMs - this.lastSpokenAt >= this.intervalMs) {
      this.say(this.pending, nowMs);
      this.pending = null;
    }
  }

  say(text: string, nowMs: number): void {
    this.lastSpokenAt = nowMs;
    this.element.textContent = text;
  }
}

/** The last event in (fromMs, toMs] that is part of the story (not per-message chatter). */
export function latestStoryEvent(trace: readonly TraceEvent[], fromMs: number, toMs: number): TraceEvent | null {
  for (let i = trace.length - 1; i >= 0; i--) {
    const event = trace[i];
    if (event.t > toMs) continue;
    if (event.t <= fromMs) break;
    if (!isNoisy(event)) return event;
  }
  return null;
}

/** How many events happen at or before t (events are in time order). */
function countAtOrBefore(trace: readonly { t: number }[], tMs: number): number {
  let lo = 0;
  let hi = trace.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (trace[mid].t <= tMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function countTimesAtOrBefore(times: readonly number[], tMs: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] <= tMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
