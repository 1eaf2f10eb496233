import type { Fault, RunResult, Scenario, ScenarioInput, TraceEvent } from "../../engine/index";
import type { MessageKey, MessageParams } from "../../content/i18n/t";
import type { KnobSpec } from "./knobs";
import type { BadgeVerdict, VerdictLabelKeys } from "./verdict";

/**
 * The shape every widget declares (see CONTRACT.md). A widget is a fold of the trace into a
 * view, a drawing of that view, a text alternative, knobs and actions; the kit does the rest
 * (running the engine, the player, forking, the URL, the event log and the verdict).
 */
export interface WidgetSpec<View> {
  /** "replica-log" -> <kl-replica-log>; also the URL key (with the preset, when there is one). */
  id: string;
  /** i18n key of the title, used when the wrapper gives no title. */
  titleKey: MessageKey;
  /** The interesting starting state, used when the element carries no scenario of its own. */
  defaultScenario: ScenarioInput;
  /** Simulated ms per real second at speed 1x. Default 1000. */
  msPerSecond?: number;
  /** The picture at time tMs: a pure fold over the trace events with t <= tMs. */
  fold(trace: readonly TraceEvent[], tMs: number, scenario: Scenario): View;
  /** Draws the view into the stage SVG (keyed d3 joins; no other DOM). */
  renderStage(svg: SVGSVGElement, view: View, ctx: StageContext<View>): void;
  /** The stage's text alternative (its aria-label); tests read it too. */
  describe(view: View): string;
  knobs: KnobSpec[];
  actions: ActionSpec<View>[];
  /**
   * What the verdict badges count, and their words. Absent: the delivery checker's verdict
   * (RunResult.verdict). A consumer widget passes the consumption checker's.
   */
  verdict?: { of(result: RunResult): BadgeVerdict; labelKeys?: VerdictLabelKeys };
}

export interface StageContext<View> {
  /** True under prefers-reduced-motion: draw discrete states, no transitions. */
  reducedMotion: boolean;
  /** The abandoned future after the last fork, folded to the same time; null before the fork time. */
  ghost: View | null;
  tMs: number;
  /** The stage's width in CSS px, so text can be drawn at its real size. */
  width: number;
  /** The run being shown (trace, verdict, stats). */
  result: RunResult;
}

/**
 * A button below the stage, named by what it does ("Crash leader"). Clicking it at time t
 * forks the run: `fault(t, view)` adds a fault at t, or `edit(scenario, t, view)` changes the
 * scenario in another way (for example a new produce workload starting at t).
 */
export interface ActionSpec<View> {
  id: string;
  labelKey: MessageKey;
  labelParams?: MessageParams;
  fault?(tMs: number, view: View): Fault | null;
  edit?(scenario: ScenarioInput, tMs: number, view: View): ScenarioInput | null;
  /** Disabled (but shown) when false. Default: always enabled. */
  enabled?(view: View): boolean;
  /** Not shown at all when false (e.g. "Restart broker 2" while broker 2 runs). Default: shown. */
  visible?(view: View): boolean;
}
