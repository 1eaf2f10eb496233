/**
 * The player: a position in simulated time and the controls to move it (play, pause, step,
 * scrub, speed, reset). It knows nothing about the DOM or the engine: the widget gives it the
 * run's duration and the times at which something happens, and redraws on every change.
 * Animation frames and the clock are injected, so tests drive it by hand.
 */

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;
export type Speed = (typeof SPEEDS)[number];

export interface PlayerOptions {
  durationMs: number;
  /** Sorted times (ms) at which trace events happen: where "step" stops. */
  stops: readonly number[];
  /** Simulated ms per real second at 1x. */
  msPerSecond: number;
  /** Schedules a callback for the next animation frame; returns a cancel function. */
  requestFrame: (callback: (nowMs: number) => void) => () => void;
  /** With reduced motion, playing moves in discrete jumps instead of gliding. */
  reducedMotion: boolean;
  /** Called after every change of time or of playing state. */
  onChange: (state: PlayerState) => void;
  /** Real ms between two jumps when motion is reduced. Default 500. */
  reducedStepIntervalMs?: number;
}

export interface PlayerState {
  tMs: number;
  playing: boolean;
  speed: Speed;
  durationMs: number;
}

export class Player {
  private t = 0;
  private isPlaying = false;
  private currentSpeed: Speed = 1;
  private cancelFrame: (() => void) | null = null;
  private lastFrameMs: number | null = null;
  private sinceJumpMs = 0;

  constructor(private options: PlayerOptions) {}

  get state(): PlayerState {
    return { tMs: this.t, playing: this.isPlaying, speed: this.currentSpeed, durationMs: this.options.durationMs };
  }

  /**
   * A new run (after a fork or a knob change): keeps the time, clamped to the new duration.
   * Silent: the caller seeks (and so redraws) once the rest of the widget knows the run.
   */
  setRun(durationMs: number, stops: readonly number[]): void {
    this.options = { ...this.options, durationMs, stops };
    this.t = Math.min(this.t, durationMs);
  }

  setReducedMotion(reduced: boolean): void {
    this.options = { ...this.options, reducedMotion: reduced };
  }

  play(): void {
    if (this.isPlaying) return;
    if (this.t >= this.options.durationMs) this.t = 0;
    this.isPlaying = true;
    this.lastFrameMs = null;
    this.sinceJumpMs = 0;
    this.emit();
    this.scheduleFrame();
  }

  pause(): void {
    if (!this.isPlaying) return;
    this.isPlaying = false;
    this.cancelFrame?.();
    this.cancelFrame = null;
    this.emit();
  }

  toggle(): void {
    if (this.isPlaying) this.pause();
    else this.play();
  }

  /** Moves to `tMs`, clamped to the run; pauses nothing. */
  seek(tMs: number): void {
    const clamped = Math.min(Math.max(0, Number.isFinite(tMs) ? tMs : 0), this.options.durationMs);
    this.t = clamped;
    this.emit();
  }

  /** To the next time something happens (or the end). */
  stepForward(): void {
    this.pause();
    this.seek(nextStop(this.options.stops, this.t) ?? this.options.durationMs);
  }

  /** To the previous time something happened (or the start). */
  stepBackward(): void {
    this.pause();
    this.seek(previousStop(this.options.stops, this.t) ?? 0);
  }

  /** Moves by a fixed amount of simulated time (Shift+Arrow: one second). */
  nudge(deltaMs: number): void {
    this.pause();
    this.seek(this.t + deltaMs);
  }

  reset(): void {
    this.pause();
    this.seek(0);
  }

  toEnd(): void {
    this.pause();
    this.seek(this.options.durationMs);
  }

  setSpeed(speed: number): void {
    const allowed = SPEEDS.find((s) => s === speed);
    if (allowed === undefined) throw new RangeError(`Player speed must be one of ${SPEEDS.join(", ")}, got ${speed}`);
    this.currentSpeed = allowed;
    this.emit();
  }

  /** Stops any scheduled frame (the element left the page). */
  dispose(): void {
    this.cancelFrame?.();
    this.cancelFrame = null;
    this.isPlaying = false;
  }

  private scheduleFrame(): void {
    this.cancelFrame = this.options.requestFrame((nowMs) => this.frame(nowMs));
  }

  private frame(nowMs: number): void {
    this.cancelFrame = null;
    if (!this.isPlaying) return;
    const elapsedMs = this.lastFrameMs === null ? 0 : Math.max(0, nowMs - this.lastFrameMs);
    this.lastFrameMs = nowMs;
    if (this.options.reducedMotion) {
      // Discrete steps at the same pace: time holds still, then jumps by a whole interval's
      // worth of simulated time, so nothing glides but the story moves as fast as usual.
      this.sinceJumpMs += elapsedMs;
      const interval = this.options.reducedStepIntervalMs ?? 500;
      if (this.sinceJumpMs >= interval) {
        this.sinceJumpMs -= interval;
        this.t += (interval / 1000) * this.options.msPerSecond * this.currentSpeed;
      }
    } else {
      this.t += (elapsedMs / 1000) * this.options.msPerSecond * this.currentSpeed;
    }
    if (this.t >= this.options.durationMs) {
      this.t = this.options.durationMs;
      this.isPlaying = false;
      this.emit();
      return;
    }
    this.emit();
    this.scheduleFrame();
  }

  private emit(): void {
    this.options.onChange(this.state);
  }
}

/** The first stop strictly after t, or null. Stops are sorted. */
export function nextStop(stops: readonly number[], t: number): number | null {
  let lo = 0;
  let hi = stops.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (stops[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo < stops.length ? stops[lo] : null;
}

/** The last stop strictly before t, or null. Stops are sorted. */
export function previousStop(stops: readonly number[], t: number): number | null {
  let lo = 0;
  let hi = stops.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (stops[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? stops[lo - 1] : null;
}

/** The distinct event times of a trace, sorted: the player's stops. */
export function stopsOf(trace: readonly { t: number }[]): number[] {
  const stops: number[] = [];
  for (const event of trace) if (stops.length === 0 || stops[stops.length - 1] !== event.t) stops.push(event.t);
  return stops;
}
