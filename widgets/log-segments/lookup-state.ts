import type { StageContext } from "../kit/spec";
import type { LogSegmentsView } from "./fold";

/**
 * The reader's lookup (which offset, which step) is not part of the scenario: it belongs to one
 * element on the page. The stage reads it from here, keyed by the stage's SVG, and keeps the
 * last frame it drew so the lookup panel can redraw without running anything again.
 */
export interface LookupState {
  offset: number | null;
  /** 0: nothing shown yet; 1 floor segment; 2 index entry; 3 scan. */
  step: number;
}

const states = new WeakMap<SVGSVGElement, LookupState>();
const lastFrames = new WeakMap<SVGSVGElement, { view: LogSegmentsView; ctx: StageContext<LogSegmentsView> }>();
const listeners = new WeakMap<SVGSVGElement, () => void>();

export function lookupStateOf(svg: SVGSVGElement): LookupState {
  return states.get(svg) ?? { offset: null, step: 0 };
}

export function setLookupState(svg: SVGSVGElement, state: LookupState): void {
  states.set(svg, state);
}

export function rememberFrame(svg: SVGSVGElement, view: LogSegmentsView, ctx: StageContext<LogSegmentsView>): void {
  lastFrames.set(svg, { view, ctx });
}

export function lastFrame(svg: SVGSVGElement): { view: LogSegmentsView; ctx: StageContext<LogSegmentsView> } | null {
  return lastFrames.get(svg) ?? null;
}

/** Called after every drawing of this stage (a new time, a new run, a new lookup step). */
export function onRendered(svg: SVGSVGElement, listener: () => void): void {
  listeners.set(svg, listener);
}

export function notifyRendered(svg: SVGSVGElement): void {
  listeners.get(svg)?.();
}
