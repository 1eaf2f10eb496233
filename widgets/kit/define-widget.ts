import { runScenario, ScenarioValidationError, type ConfigValue, type RunResult, type ScenarioInput } from "../../engine/index";
import { t } from "../../content/i18n/t";
import { beginAnatomy, copyWidgetLink, createLinkTools, createMessagePanel } from "./anatomy";
import { EventLog, Narrator } from "./event-log";
import { isNoisy, narrate } from "./narrate";
import { Fork, setAtPath, type ForkAction } from "./fork";
import { formatSeconds } from "./format";
import { createKnobControl, knobValueAt, type KnobControl, type KnobSpec } from "./knobs";
import { Player, SPEEDS, stopsOf, type PlayerState } from "./player";
import type { ActionSpec, WidgetSpec } from "./spec";
import { createStage } from "./stage";
import { faultMark, Timeline, type TimelineMark } from "./timeline";
import { decodeState, mergeState } from "./url-state";
import { VerdictBadges } from "./verdict";

export type { ActionSpec, StageContext, WidgetSpec } from "./spec";

/**
 * Registers <kl-<spec.id>> once. Every widget gets the same anatomy and data flow:
 * scenario -> runScenario -> trace -> fold(trace, t) -> renderStage; an action or a knob at
 * time t forks the scenario and runs it again. See CONTRACT.md.
 *
 * The element is a custom element (not a framework component) so that a chapter's static
 * HTML stays the source of truth: the Astro wrapper renders a first frame and the scenario
 * as JSON inside the element, and this code takes over when it scrolls into view.
 */
export function defineWidget<View>(spec: WidgetSpec<View>): void {
  const tag = `kl-${spec.id}`;
  if (customElements.get(tag)) return;
  customElements.define(
    tag,
    class extends WidgetElement<View> {
      constructor() {
        super(spec);
      }
    },
  );
}

let instanceCount = 0;
const claimedUrlKeys = new Set<string>();

/** The public face of every widget element: exercises and tests read these. */
export interface KafkaLabWidget extends HTMLElement {
  /** The run currently shown (null until the first run succeeds). */
  readonly result: RunResult | null;
  /** The scenario currently shown, with every user action in it. */
  readonly scenario: ScenarioInput;
  /** The player's time in simulated ms. */
  readonly tMs: number;
  /** Resolves once the element has run its first scenario. */
  readonly ready: Promise<void>;
}

export class WidgetElement<View> extends HTMLElement implements KafkaLabWidget {
  result: RunResult | null = null;
  readonly ready: Promise<void>;
  private resolveReady!: () => void;
  private built = false;
  private fork!: Fork;
  private player!: Player;
  private uid = "";
  private urlKey = "";
  private startMs = 0;
  private view: View | null = null;
  private reducedMotion = false;
  private lastNarratedT = 0;
  private knobControls: { spec: KnobSpec; control: KnobControl }[] = [];
  private actionButtons: { spec: ActionSpec<View>; button: HTMLButtonElement }[] = [];
  private resizeObserver: ResizeObserver | null = null;
  private motionQuery: MediaQueryList | null = null;
  /** The stage's width in CSS px, kept by a ResizeObserver. */
  private stageWidth = 640;

  // Anatomy
  private svg!: SVGSVGElement;
  private stageBox!: HTMLDivElement;
  private message!: HTMLDivElement;
  private verdict!: VerdictBadges;
  private timeline!: Timeline;
  private log!: EventLog;
  private narrator!: Narrator;
  private playButton!: HTMLButtonElement;
  private timeReadout!: HTMLSpanElement;
  private linkStatus!: HTMLSpanElement;

  constructor(private readonly spec: WidgetSpec<View>) {
    super();
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
  }

  get scenario(): ScenarioInput {
    return this.fork ? this.fork.scenario : this.spec.defaultScenario;
  }

  get tMs(): number {
    return this.player ? this.player.state.tMs : 0;
  }

  connectedCallback(): void {
    if (this.built) return;
    this.built = true;
    this.uid = `kl-${this.spec.id}-${++instanceCount}`;
    this.urlKey = this.claimUrlKey();
    this.startMs = Number(this.getAttribute("start-ms") ?? 0) || 0;
    const base = this.readScenario();
    this.fork = new Fork(base);
    this.motionQuery = window.matchMedia("(prefers-reduced-motion: reduce)");
    this.reducedMotion = this.motionQuery.matches;
    this.motionQuery.addEventListener("change", this.onMotionChange);
    this.build();

    let tMs = this.startMs;
    const decoded = decodeState(window.location.hash, this.urlKey);
    if (decoded && decoded.ok) {
      this.fork.replace(decoded.scenario);
      tMs = decoded.tMs;
    }
    let result = this.tryRun(this.fork.scenario);
    if (!result && decoded?.ok) {
      this.fork.reset();
      result = this.tryRun(this.fork.scenario);
    }
    if (decoded && !decoded.ok) this.showMessage(t("kit.url.error", { message: decoded.message }), "url");
    if (!result) {
      this.stageBox.classList.add("is-empty");
      this.resolveReady();
      return;
    }
    this.result = result;
    this.player = new Player({
      durationMs: result.scenario.durationMs,
      stops: stopsOf(result.trace),
      msPerSecond: this.spec.msPerSecond ?? 1000,
      reducedMotion: this.reducedMotion,
      requestFrame: (callback) => {
        const id = requestAnimationFrame(callback);
        return () => cancelAnimationFrame(id);
      },
      onChange: (state) => this.onPlayer(state),
    });
    this.stageWidth = this.stageBox.clientWidth || 640;
    this.showRun();
    this.player.seek(Math.min(tMs, result.scenario.durationMs));
    // The stage's width is read here, from the observer, and never inside render(): reading
    // layout right after changing the DOM would force the browser to lay out the page each frame.
    this.resizeObserver = new ResizeObserver((entries) => {
      const width = Math.round(entries[entries.length - 1].contentRect.width);
      if (width > 0 && width !== this.stageWidth) {
        this.stageWidth = width;
        this.render();
      }
    });
    this.resizeObserver.observe(this.stageBox);
    this.setAttribute("data-kl-ready", "");
    this.resolveReady();
  }

  disconnectedCallback(): void {
    this.player?.pause();
  }

  /** Pauses and moves the player to tMs (a widget's own step controls use it, e.g. the code walkthrough). */
  seek(tMs: number): void {
    this.player?.pause();
    this.player?.seek(tMs);
  }

  // ---- Scenario sources -------------------------------------------------------------------

  private claimUrlKey(): string {
    const preset = this.getAttribute("preset");
    const wanted = this.getAttribute("url-key") ?? (preset ? `${this.spec.id}-${preset}` : this.spec.id);
    let key = wanted;
    for (let n = 2; claimedUrlKeys.has(key); n++) key = `${wanted}-${n}`;
    claimedUrlKeys.add(key);
    return key;
  }

  private readScenario(): ScenarioInput {
    const script = this.querySelector<HTMLScriptElement>('script[type="application/json"][data-scenario]');
    if (!script?.textContent) return this.spec.defaultScenario;
    try {
      return JSON.parse(script.textContent) as ScenarioInput;
    } catch (error) {
      this.pendingMessage = t("kit.error.embedded", { message: error instanceof Error ? error.message : String(error) });
      return this.spec.defaultScenario;
    }
  }

  private pendingMessage: string | null = null;

  private tryRun(scenario: ScenarioInput): RunResult | null {
    try {
      // User Timing marks (visible in the browser's performance panel and to the site tests)
      // check the DESIGN budget: a knob change re-simulates and redraws within 16 ms.
      const start = performance.now();
      const result = runScenario(scenario);
      performance.measure("kl-run", { start, end: performance.now(), detail: this.spec.id });
      return result;
    } catch (error) {
      const detail = error instanceof ScenarioValidationError ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.showMessage(t("kit.error.invalid", { message: detail }), "run");
      return null;
    }
  }

  // ---- Anatomy -------------------------------------------------------------------------------

  private build(): void {
    const { live, head } = beginAnatomy(this, this.uid, t(this.spec.titleKey));
    this.verdict = new VerdictBadges(this.uid, this.spec.verdict?.labelKeys);
    head.append(this.verdict.element);

    this.message = createMessagePanel();

    const keysHelp = document.createElement("p");
    keysHelp.id = `${this.uid}-keys`;
    keysHelp.className = "visually-hidden";
    keysHelp.textContent = t("kit.player.keys");

    this.stageBox = document.createElement("div");
    this.stageBox.className = "kl-stage";
    this.stageBox.tabIndex = 0;
    this.stageBox.setAttribute("aria-describedby", keysHelp.id);
    this.svg = createStage();
    this.stageBox.append(this.svg);

    const controls = document.createElement("div");
    controls.className = "kl-controls";
    if (this.spec.knobs.length > 0) {
      const knobs = document.createElement("div");
      knobs.className = "kl-knobs";
      knobs.setAttribute("role", "group");
      knobs.setAttribute("aria-label", t("kit.knobs.label"));
      for (const knobSpec of this.spec.knobs) {
        const control = createKnobControl(knobSpec, this.uid, (value) => this.onKnob(knobSpec, value));
        this.knobControls.push({ spec: knobSpec, control });
        knobs.append(control.element);
      }
      controls.append(knobs);
    }
    if (this.spec.actions.length > 0) {
      const actions = document.createElement("div");
      actions.className = "kl-actions";
      actions.setAttribute("role", "group");
      actions.setAttribute("aria-label", t("kit.actions.label"));
      for (const actionSpec of this.spec.actions) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "kl-action";
        button.textContent = t(actionSpec.labelKey, actionSpec.labelParams);
        button.addEventListener("click", () => this.onAction(actionSpec));
        this.actionButtons.push({ spec: actionSpec, button });
        actions.append(button);
      }
      controls.append(actions);
    }

    const player = this.buildPlayer(keysHelp.id);
    this.log = new EventLog(this.uid, (tMs) => {
      this.player?.pause();
      this.player?.seek(tMs);
    });
    this.narrator = new Narrator();

    live.append(head, this.message, this.stageBox, controls, player, this.log.element, keysHelp, this.narrator.element);
    this.append(live);
    live.addEventListener("keydown", this.onKeyDown);
    if (this.pendingMessage) this.showMessage(this.pendingMessage, "run");
  }

  private buildPlayer(keysHelpId: string): HTMLDivElement {
    const player = document.createElement("div");
    player.className = "kl-player";
    player.setAttribute("role", "group");
    player.setAttribute("aria-label", t("kit.player.label"));
    const buttons = document.createElement("div");
    buttons.className = "kl-player-buttons";
    const button = (labelKey: Parameters<typeof t>[0], iconPath: string, onClick: () => void, withText = false): HTMLButtonElement => {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "kl-player-button";
      b.innerHTML = `<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false"><path d="${iconPath}"/></svg>`;
      const label = t(labelKey);
      if (withText) {
        const text = document.createElement("span");
        text.textContent = label;
        b.append(text);
      } else {
        b.setAttribute("aria-label", label);
        b.title = label;
      }
      b.addEventListener("click", onClick);
      return b;
    };
    const reset = button("kit.player.reset", "M3 3h2v10H3zM13 3v10L6 8z", () => this.player?.reset());
    const back = button("kit.player.stepBack", "M12 3v10L5 8zM3 3h2v10H3z", () => this.step(-1));
    this.playButton = button("kit.player.play", "M4 2.5v11L13 8z", () => this.player?.toggle(), true);
    this.playButton.classList.add("kl-play");
    this.playButton.setAttribute("aria-describedby", keysHelpId);
    const forward = button("kit.player.stepForward", "M4 3v10l7-5zM11 3h2v10h-2z", () => this.step(1));
    const end = button("kit.player.end", "M3 3v10l7-5zM11 3h2v10h-2z", () => this.player?.toEnd());

    const speedLabel = document.createElement("label");
    speedLabel.className = "kl-speed";
    const speedText = document.createElement("span");
    speedText.textContent = t("kit.player.speed");
    const speed = document.createElement("select");
    for (const s of SPEEDS) {
      const option = document.createElement("option");
      option.value = String(s);
      option.textContent = `${s}×`;
      option.selected = s === 1;
      speed.append(option);
    }
    speed.addEventListener("change", () => this.player?.setSpeed(Number(speed.value)));
    speedLabel.append(speedText, speed);

    this.timeReadout = document.createElement("span");
    this.timeReadout.className = "kl-time";
    this.timeReadout.setAttribute("aria-hidden", "true");

    const { element: tools, linkStatus } = createLinkTools(
      () => this.startOver(),
      () => void this.copyLink(),
    );
    this.linkStatus = linkStatus;

    buttons.append(reset, back, this.playButton, forward, end, speedLabel, this.timeReadout);
    this.timeline = new Timeline(this.uid, (tMs) => {
      this.player?.pause();
      this.player?.seek(tMs);
    });
    this.timeline.input.setAttribute("aria-describedby", keysHelpId);
    player.append(buttons, this.timeline.element, tools);
    return player;
  }

  // ---- Running and drawing -------------------------------------------------------------------

  /** After a new run: the player's stops, the timeline marks, the log lines, the verdict. */
  private showRun(): void {
    const result = this.result;
    if (!result) return;
    this.player.setRun(result.scenario.durationMs, stopsOf(result.trace));
    const marks: TimelineMark[] = result.scenario.faults.map((fault) => faultMark(fault));
    const ghost = this.fork.ghost;
    if (ghost) {
      const now = new Set(result.scenario.faults.map((f) => JSON.stringify(f)));
      for (const fault of ghost.scenario.faults) if (fault.atMs >= ghost.fromMs && !now.has(JSON.stringify(fault))) marks.push(faultMark(fault, true));
    }
    this.timeline.setRun(result.scenario.durationMs, marks, this.stageWidth);
    this.log.setTrace(result.trace);
    this.verdict.update(this.spec.verdict ? this.spec.verdict.of(result) : result.verdict);
  }

  private onPlayer(state: PlayerState): void {
    this.render();
    this.playButton.classList.toggle("is-playing", state.playing);
    const label = t(state.playing ? "kit.player.pause" : "kit.player.play");
    const text = this.playButton.querySelector("span");
    if (text) text.textContent = label;
    this.playButton.querySelector("path")?.setAttribute("d", state.playing ? "M4 3h3v10H4zM9 3h3v10H9z" : "M4 2.5v11L13 8z");
    if (this.result) {
      if (state.playing) this.narrator.passed(this.result.trace, this.lastNarratedT, state.tMs, performance.now());
      this.lastNarratedT = state.tMs;
    }
  }

  private render(): void {
    const result = this.result;
    if (!result || !this.player) return;
    const tMs = this.player.state.tMs;
    const view = this.spec.fold(result.trace, tMs, result.scenario);
    this.view = view;
    const ghost = this.fork.ghost;
    const ghostView = ghost && tMs >= ghost.fromMs ? this.spec.fold(ghost.trace, Math.min(tMs, ghost.scenario.durationMs), ghost.scenario) : null;
    const width = this.stageWidth;
    this.svg.classList.toggle("kl-reduced-motion", this.reducedMotion);
    this.spec.renderStage(this.svg, view, { reducedMotion: this.reducedMotion, ghost: ghostView, tMs, width, result });
    this.svg.setAttribute("aria-label", this.spec.describe(view));
    this.timeline.show(tMs);
    this.timeReadout.textContent = `${formatSeconds(tMs)} / ${formatSeconds(result.scenario.durationMs)}`;
    this.log.update(tMs);
    for (const { spec, button } of this.actionButtons) {
      button.hidden = spec.visible ? !spec.visible(view) : false;
      button.disabled = spec.enabled ? !spec.enabled(view) : false;
    }
    for (const { spec, control } of this.knobControls) control.show(knobValueAt(spec, this.fork.scenario, tMs));
  }

  // ---- User actions --------------------------------------------------------------------------

  private onAction(actionSpec: ActionSpec<View>): void {
    const view = this.view;
    if (!view || !this.player) return;
    const tMs = Math.floor(this.player.state.tMs);
    let action: ForkAction | null = null;
    if (actionSpec.fault) {
      const fault = actionSpec.fault(tMs, view);
      if (fault) action = { kind: "fault", fault };
    } else if (actionSpec.edit) {
      const edit = actionSpec.edit;
      action = {
        kind: "edit",
        label: actionSpec.id,
        edit: (scenario) => edit(scenario, tMs, view) ?? scenario,
      };
    }
    if (!action) return;
    this.forkWith(action, tMs, t("kit.narration.action", { action: t(actionSpec.labelKey, actionSpec.labelParams), time: formatSeconds(tMs) }));
  }

  private onKnob(knobSpec: KnobSpec, value: unknown): void {
    if (!this.player) return;
    const tMs = Math.floor(this.player.state.tMs);
    const midRun = tMs > 0 && knobSpec.midRun ? knobSpec.midRun(value as never, this.fork.scenario) : null;
    const action: ForkAction =
      midRun && midRun.length > 0
        ? { kind: "knob", path: knobSpec.path, value, faults: midRun }
        : { kind: "edit", label: knobSpec.id, edit: (scenario) => (knobSpec.apply ? knobSpec.apply(scenario, value as ConfigValue) : setAtPath(scenario, knobSpec.path, value)) };
    // A value written into the scenario itself changes the run from t = 0, so the ghost is the whole old run.
    const from = action.kind === "knob" ? tMs : 0;
    const label = `${knobSpec.key}=${String(value)}`;
    this.forkWith(action, from, t(action.kind === "knob" ? "kit.narration.knobAt" : "kit.narration.knob", { knob: label, time: formatSeconds(tMs) }), tMs);
  }

  private forkWith(action: ForkAction, fromMs: number, narration: string, keepTMs = fromMs): void {
    const start = performance.now();
    const next = this.fork.apply(action, keepTMs);
    const result = this.tryRun(next);
    if (!result) {
      this.render();
      return;
    }
    this.hideMessage("run");
    this.fork.commit(next, action, fromMs, this.result);
    this.result = result;
    this.showRun();
    this.player.seek(keepTMs);
    this.narrator.say(narration, performance.now());
    performance.measure("kl-fork", { start, end: performance.now(), detail: this.spec.id });
    this.dispatchEvent(new CustomEvent("kl-run", { bubbles: true, detail: { result } }));
  }

  private startOver(): void {
    this.fork.reset();
    const result = this.tryRun(this.fork.scenario);
    if (!result) return;
    this.hideMessage("run");
    this.hideMessage("url");
    this.result = result;
    this.showRun();
    this.player.pause();
    this.player.seek(this.startMs);
    this.narrator.say(t("kit.narration.startOver"), performance.now());
    this.dispatchEvent(new CustomEvent("kl-run", { bubbles: true, detail: { result } }));
  }

  private async copyLink(): Promise<void> {
    await copyWidgetLink(mergeState(window.location.hash, { widget: this.urlKey, scenario: this.fork.scenario, tMs: this.tMs }), this.linkStatus);
  }

  // ---- Messages, keyboard, motion --------------------------------------------------------------

  private messageSource: "url" | "run" | null = null;

  private showMessage(text: string, source: "url" | "run"): void {
    this.message.textContent = text;
    this.message.hidden = false;
    this.messageSource = source;
  }

  private hideMessage(source: "url" | "run"): void {
    if (this.messageSource !== source) return;
    this.message.hidden = true;
    this.messageSource = null;
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const player = this.player;
    if (!player) return;
    const target = event.target as HTMLElement;
    const inPlayer = target === this.stageBox || target === this.timeline.input || target.closest(".kl-player") !== null;
    if (!inPlayer || target.tagName === "SELECT") return;
    const isButton = target.tagName === "BUTTON";
    switch (event.key) {
      case " ":
        if (isButton) return;
        player.toggle();
        break;
      case "ArrowRight":
        if (event.shiftKey) player.nudge(1000);
        else player.stepForward();
        break;
      case "ArrowLeft":
        if (event.shiftKey) player.nudge(-1000);
        else player.stepBackward();
        break;
      case "Home":
        player.reset();
        break;
      case "End":
        player.toEnd();
        break;
      default:
        return;
    }
    event.preventDefault();
    if (event.key !== " " && this.view) this.narrator.say(this.describeNow(), performance.now());
  };

  /** A step button: move to the neighbouring event time and say what happens there. */
  private step(direction: 1 | -1): void {
    if (!this.player) return;
    if (direction > 0) this.player.stepForward();
    else this.player.stepBackward();
    this.narrator.say(this.describeNow(), performance.now());
  }

  /** What a step lands on: the time and the last story event there, if any. */
  private describeNow(): string {
    const tMs = this.tMs;
    const here = this.result?.trace.filter((e) => e.t === tMs) ?? [];
    const pick = here.filter((e) => !isNoisy(e)).pop() ?? here.pop();
    return pick ? `${formatSeconds(tMs)}: ${narrate(pick) ?? pick.type}` : formatSeconds(tMs);
  }

  private readonly onMotionChange = (event: MediaQueryListEvent): void => {
    this.reducedMotion = event.matches;
    this.player?.setReducedMotion(event.matches);
    this.render();
  };
}
