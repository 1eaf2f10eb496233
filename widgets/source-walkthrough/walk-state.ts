/**
 * Which code step the reader is on is not part of the scenario or of the time: several steps
 * share one simulated millisecond. It belongs to one element, so it lives here, keyed by the
 * stage's SVG, and the stage and the code panel both read it.
 */
const chosen = new WeakMap<SVGSVGElement, number>();
const listeners = new WeakMap<SVGSVGElement, () => void>();

/** The step index the reader picked, if it is still a step at the current time. */
export function chosenStep(svg: SVGSVGElement): number | null {
  return chosen.get(svg) ?? null;
}

export function chooseStep(svg: SVGSVGElement, index: number | null): void {
  if (index === null) chosen.delete(svg);
  else chosen.set(svg, index);
}

/** Called after every drawing of the stage (a new time or a new run). */
export function onRendered(svg: SVGSVGElement, listener: () => void): void {
  listeners.set(svg, listener);
}

export function notifyRendered(svg: SVGSVGElement): void {
  listeners.get(svg)?.();
}
