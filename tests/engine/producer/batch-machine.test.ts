import { createActor } from "xstate";
import { describe, expect, it } from "vitest";
import { setup } from "xstate";
import { BATCH_STATES, compileTransitionTable, nextBatchState, producerBatchMachine, type BatchEvent } from "../../../engine/producer/batch-machine.js";

const EVENT_TYPES: BatchEvent["type"][] = ["batch.closed", "batch.drained", "batch.acked", "batch.retry", "batch.backoff-elapsed", "batch.failed", "batch.expired"];

/** Every state an actor reaches, with one event sequence that reaches it. */
function reachableStates(): Map<string, BatchEvent["type"][]> {
  const paths = new Map<string, BatchEvent["type"][]>([["open", []]]);
  const queue: BatchEvent["type"][][] = [[]];
  while (queue.length > 0) {
    const path = queue.shift()!;
    for (const type of EVENT_TYPES) {
      const next = [...path, type];
      const state = run(...next);
      if (!paths.has(state)) {
        paths.set(state, next);
        queue.push(next);
      }
    }
  }
  return paths;
}

function run(...events: BatchEvent["type"][]): string {
  const actor = createActor(producerBatchMachine);
  actor.start();
  for (const type of events) actor.send({ type } as BatchEvent);
  return String(actor.getSnapshot().value);
}

describe("the ProducerBatch lifecycle machine", () => {
  it("open -> ready -> in-flight -> acknowledged is the happy path", () => {
    expect(run()).toBe("open");
    expect(run("batch.closed")).toBe("ready");
    expect(run("batch.closed", "batch.drained")).toBe("in-flight");
    expect(run("batch.closed", "batch.drained", "batch.acked")).toBe("acknowledged");
  });

  it("a lingering batch can be drained while still open", () => {
    expect(run("batch.drained", "batch.acked")).toBe("acknowledged");
  });

  it("a retriable error sends it to retry-backoff, and the backoff's end back to ready", () => {
    expect(run("batch.drained", "batch.retry")).toBe("retry-backoff");
    expect(run("batch.drained", "batch.retry", "batch.backoff-elapsed")).toBe("ready");
    expect(run("batch.drained", "batch.retry", "batch.backoff-elapsed", "batch.drained", "batch.acked")).toBe("acknowledged");
  });

  it("fails or expires from any live state, and final states ignore everything after", () => {
    expect(run("batch.failed")).toBe("failed");
    expect(run("batch.closed", "batch.expired")).toBe("expired");
    expect(run("batch.drained", "batch.retry", "batch.expired")).toBe("expired");
    expect(run("batch.drained", "batch.acked", "batch.failed", "batch.retry")).toBe("acknowledged");
    // acks are only possible from in-flight: an ack for a batch still in the deque is ignored.
    expect(run("batch.closed", "batch.acked")).toBe("ready");
  });

  it("has no delayed transitions, so it never needs a clock (timers come from the simulation)", () => {
    const delayed: string[] = [];
    const visit = (node: { id: string; after?: unknown[]; states?: Record<string, unknown> }) => {
      if (node.after && node.after.length > 0) delayed.push(node.id);
      for (const child of Object.values(node.states ?? {})) visit(child as typeof node);
    };
    visit(producerBatchMachine.root as unknown as { id: string; after?: unknown[]; states?: Record<string, unknown> });
    expect(delayed).toEqual([]);
  });

  it("the compiled table a ProducerBatch steps through agrees with an actor of the machine for every state and event", () => {
    const reachable = reachableStates();
    expect([...reachable.keys()].sort()).toEqual([...BATCH_STATES].sort());
    for (const [state, path] of reachable) {
      for (const type of EVENT_TYPES) {
        expect(nextBatchState(state as (typeof BATCH_STATES)[number], type), `${state} --${type}-->`).toBe(run(...path, type));
      }
    }
  });

  it("refuses to compile a machine the table could not reproduce (a guard), naming the state and event", () => {
    const guarded = setup({ types: { events: {} as BatchEvent }, guards: { never: () => false } }).createMachine({
      id: "guarded",
      initial: "open",
      states: { open: { on: { "batch.closed": { target: "ready", guard: "never" } } }, ready: {} },
    });
    expect(() => compileTransitionTable(guarded as unknown as typeof producerBatchMachine)).toThrow(/state "open" has a guard on batch\.closed/);
  });
});
