import { createActor } from "xstate";
import { describe, expect, it } from "vitest";
import { producerBatchMachine, type BatchEvent } from "../../../engine/producer/batch-machine.js";

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
});
