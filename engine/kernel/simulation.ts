import { EventQueue, type ScheduledEvent } from "./event-queue.js";

/** A handle that cancels a scheduled action. */
export interface Timer {
  cancel(): void;
}

/**
 * The virtual clock and its event loop. Time only moves when the loop takes the next
 * event; nothing here reads a real clock, so a run is a pure function of its inputs.
 */
export class Simulation {
  private readonly queue = new EventQueue();
  private currentMs = 0;
  private stopped = false;
  private running = false;

  /** Current simulated time in milliseconds. */
  get nowMs(): number {
    return this.currentMs;
  }

  /** Runs `action` after `delayMs` of simulated time (0 means later in this instant). */
  schedule(delayMs: number, action: () => void): Timer {
    if (!(delayMs >= 0) || !Number.isFinite(delayMs)) {
      throw new RangeError(`delayMs must be a finite number >= 0, got ${delayMs}`);
    }
    const event = this.queue.push(this.currentMs + delayMs, action);
    return cancellerFor(event);
  }

  /** Runs `action` at absolute simulated time `timeMs` (never in the past). */
  scheduleAt(timeMs: number, action: () => void): Timer {
    return this.schedule(Math.max(0, timeMs - this.currentMs), action);
  }

  /** Stops the loop after the current event; used when a run hits its event budget. */
  stop(): void {
    this.stopped = true;
  }

  /**
   * Runs events in (time, sequence) order until the queue is empty, the next event lies
   * beyond `untilMs`, or `maxEvents` have run. Returns the number of events run.
   */
  runUntil(untilMs: number, maxEvents = Number.POSITIVE_INFINITY): number {
    let count = 0;
    this.stopped = false;
    this.running = true;
    try {
      while (!this.stopped && count < maxEvents) {
        const next = this.queue.peek();
        if (!next || next.timeMs > untilMs) break;
        this.queue.pop();
        this.currentMs = next.timeMs;
        next.run();
        count++;
      }
    } finally {
      this.running = false;
    }
    if (!this.stopped && count < maxEvents) this.currentMs = Math.max(this.currentMs, untilMs);
    return count;
  }

  /** True while runUntil / runUntilDone is taking events (that is, inside an event). */
  get isRunning(): boolean {
    return this.running;
  }

  /**
   * Runs events one at a time until `isDone()` holds (checked before each event), or no event
   * is left within `maxMs` of simulated time from now. Returns isDone(). This is how a script
   * waits for something in simulated time, e.g. a producer's future (KafkaProducer.sendSync).
   * It must not be called from inside an event: nothing may wait inside the loop it runs in.
   */
  runUntilDone(isDone: () => boolean, maxMs: number): boolean {
    if (this.running) throw new Error("runUntilDone cannot run from inside a simulation event; react to completion with a callback instead");
    const untilMs = this.currentMs + maxMs;
    this.stopped = false;
    this.running = true;
    try {
      while (!this.stopped && !isDone()) {
        const next = this.queue.peek();
        if (!next || next.timeMs > untilMs) break;
        this.queue.pop();
        this.currentMs = next.timeMs;
        next.run();
      }
    } finally {
      this.running = false;
    }
    return isDone();
  }
}

const noop = (): void => {};

function cancellerFor(event: ScheduledEvent): Timer {
  return {
    cancel() {
      event.cancelled = true;
      // A cancelled timer waits in the heap until its time comes (a request's 30 s timeout, long
      // after the answer): drop its action now, with everything the action's closure holds.
      event.run = noop;
    },
  };
}
