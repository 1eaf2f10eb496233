import TinyQueue from "tinyqueue";

/** One scheduled action on the virtual clock. */
export interface ScheduledEvent {
  /** Simulated time in milliseconds at which the action runs. */
  readonly timeMs: number;
  /** Insertion order; breaks ties so that equal times run first-scheduled first. */
  readonly seq: number;
  /** Replaced by a no-op when the event is cancelled, so that its closure can be collected at once. */
  run: () => void;
  cancelled: boolean;
}

function byTimeThenSeq(a: ScheduledEvent, b: ScheduledEvent): number {
  return a.timeMs - b.timeMs || a.seq - b.seq;
}

/**
 * The event queue of the discrete-event simulation, ordered by (time, sequence).
 * The sequence number makes the order total, so a run never depends on how the
 * heap happens to break ties: same inputs, same order, same trace.
 */
export class EventQueue {
  private readonly heap = new TinyQueue<ScheduledEvent>([], byTimeThenSeq);
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(timeMs: number, run: () => void): ScheduledEvent {
    const event: ScheduledEvent = { timeMs, seq: this.nextSeq++, run, cancelled: false };
    this.heap.push(event);
    return event;
  }

  /** The next event that has not been cancelled, without removing it. */
  peek(): ScheduledEvent | undefined {
    let top = this.heap.peek();
    while (top && top.cancelled) {
      this.heap.pop();
      top = this.heap.peek();
    }
    return top;
  }

  pop(): ScheduledEvent | undefined {
    const top = this.peek();
    if (top) this.heap.pop();
    return top;
  }
}
