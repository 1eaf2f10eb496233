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
    while (!this.stopped && count < maxEvents) {
      const next = this.queue.peek();
      if (!next || next.timeMs > untilMs) break;
      this.queue.pop();
      this.currentMs = next.timeMs;
      next.run();
      count++;
    }
    if (!this.stopped && count < maxEvents) this.currentMs = Math.max(this.currentMs, untilMs);
    return count;
  }
}

function cancellerFor(event: ScheduledEvent): Timer {
  return {
    cancel() {
      event.cancelled = true;
    },
  };
}
