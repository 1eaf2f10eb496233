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
 *
 * The machine below is the single definition of the lifecycle. A ProducerBatch does not run an
 * actor of it, though: a million records make thousands of batches, and an actor plus its
 * events cost 20 to 60 us per batch, a third of the whole budget of a batch at 1M records/s
 * (DESIGN: "short-lived entities are only actors when the budgets still hold"). Instead
 * `compileTransitionTable` reads the machine's transitions once into a table, and a batch
 * steps through it (`nextBatchState`): same states, same events, same ignored events, tested
 * against an actor of the machine for every state and event.
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

/** For each state, the state each event leads to; an event missing from a state is ignored there (as an actor ignores it). */
export type BatchTransitionTable = Readonly<Record<BatchState, Readonly<Partial<Record<BatchEvent["type"], BatchState>>>>>;

interface FlatStateNode {
  readonly key: string;
  readonly type: string;
  readonly entry: readonly unknown[];
  readonly exit: readonly unknown[];
  readonly after: readonly unknown[];
  readonly always?: readonly unknown[];
  readonly states: Readonly<Record<string, unknown>>;
  readonly transitions: ReadonlyMap<string, readonly { readonly target?: readonly { readonly key: string }[]; readonly guard?: unknown; readonly actions: readonly unknown[] }[]>;
}

/**
 * Reads a flat, effect-free XState machine (atomic and final states only, unguarded
 * transitions with one target, no actions, entry, exit, always or after) into a transition
 * table. Anything the table could not reproduce is refused, naming the state, so the table
 * can never drift silently from a machine that grows guards or actions.
 */
export function compileTransitionTable(machine: typeof producerBatchMachine): BatchTransitionTable {
  const table: Record<string, Partial<Record<string, BatchState>>> = {};
  for (const [name, raw] of Object.entries(machine.root.states)) {
    const node = raw as unknown as FlatStateNode;
    const refuse = (what: string) => {
      throw new Error(`compileTransitionTable: state "${name}" has ${what}; only flat machines without effects compile to a table (run an actor instead)`);
    };
    if (node.type !== "atomic" && node.type !== "final") refuse(`type ${node.type}`);
    if (Object.keys(node.states).length > 0) refuse("child states");
    if (node.entry.length > 0 || node.exit.length > 0) refuse("entry or exit actions");
    if (node.after.length > 0 || (node.always?.length ?? 0) > 0) refuse("delayed or eventless transitions");
    const row: Partial<Record<string, BatchState>> = {};
    for (const [eventType, definitions] of node.transitions) {
      if (definitions.length !== 1) refuse(`${definitions.length} transitions on ${eventType}`);
      const [definition] = definitions;
      if (definition.guard !== undefined) refuse(`a guard on ${eventType}`);
      if (definition.actions.length > 0) refuse(`actions on ${eventType}`);
      if (definition.target?.length !== 1) refuse(`no single target on ${eventType}`);
      row[eventType] = definition.target![0].key as BatchState;
    }
    table[name] = row;
  }
  for (const state of BATCH_STATES) if (!(state in table)) throw new Error(`compileTransitionTable: the machine has no state "${state}"`);
  return table as BatchTransitionTable;
}

/** producerBatchMachine as a table, compiled once. */
export const BATCH_TRANSITIONS: BatchTransitionTable = compileTransitionTable(producerBatchMachine);

/** The state `event` leads to from `state`; `state` itself when the machine ignores the event there. */
export function nextBatchState(state: BatchState, event: BatchEvent["type"]): BatchState {
  return BATCH_TRANSITIONS[state][event] ?? state;
}
