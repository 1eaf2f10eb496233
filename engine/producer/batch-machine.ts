import { setup } from "xstate";

/**
 * The life of one ProducerBatch, one actor per batch (never per record: an actor costs about
 * 13 us, an event about 3 us):
 *
 *   open --batch.closed--> ready --batch.drained--> in-flight --batch.acked--> acknowledged
 *     \------------batch.drained-------------------^     |
 *                          ^                             +--batch.retry--> retry-backoff
 *                          +------batch.backoff-elapsed-------------------------/
 *   any live state --batch.failed--> failed;  --batch.expired--> expired
 *
 * open: the accumulator still appends records to it. ready: closed for appends (full, or a
 * newer batch behind it, or linger.ms / flush made it sendable). in-flight: in a produce
 * request. retry-backoff: failed with a retriable error, back in its deque, waiting
 * retry.backoff.ms (exponential). The machine has no delayed transitions: the Sender schedules
 * the backoff on the simulation's queue and sends batch.backoff-elapsed, so no clock is needed.
 */
export type BatchEvent =
  | { type: "batch.closed" }
  | { type: "batch.drained" }
  | { type: "batch.acked" }
  | { type: "batch.retry" }
  | { type: "batch.backoff-elapsed" }
  | { type: "batch.failed" }
  | { type: "batch.expired" };

export type BatchState = "open" | "ready" | "in-flight" | "retry-backoff" | "acknowledged" | "failed" | "expired";

export const BATCH_STATES: readonly BatchState[] = ["open", "ready", "in-flight", "retry-backoff", "acknowledged", "failed", "expired"];

const endings = {
  "batch.failed": "failed",
  "batch.expired": "expired",
} as const;

export const producerBatchMachine = setup({
  types: { events: {} as BatchEvent },
}).createMachine({
  id: "producerBatch",
  initial: "open",
  states: {
    open: {
      on: { "batch.closed": "ready", "batch.drained": "in-flight", ...endings },
    },
    ready: {
      on: { "batch.drained": "in-flight", ...endings },
    },
    "in-flight": {
      on: { "batch.acked": "acknowledged", "batch.retry": "retry-backoff", ...endings },
    },
    "retry-backoff": {
      // A retried batch can be drained before its timer event arrives when the backoff is 0.
      on: { "batch.backoff-elapsed": "ready", "batch.drained": "in-flight", ...endings },
    },
    acknowledged: { type: "final" },
    failed: { type: "final" },
    expired: { type: "final" },
  },
});
