import { describe, expect, it } from "vitest";
import { initialTransition, transition } from "xstate";
import { classicGroupStateMachine, type ClassicGroupEvent, type ClassicGroupStateName } from "../../../../engine/index.js";
import { loadedGroupSnapshot } from "../../../../engine/cluster/group/classic-group-state-machine.js";

type Snapshot = ReturnType<typeof loadedGroupSnapshot>;

const prepare: ClassicGroupEvent = { type: "rebalance.prepare", reason: "member joined" };
const joinWith = (memberCount: number): ClassicGroupEvent => ({ type: "join.complete", memberCount, reason: "join phase completed" });
const sync: ClassicGroupEvent = { type: "sync.complete", reason: "assignment stored" };
const unload: ClassicGroupEvent = { type: "group.unload", reason: "partition emigrated" };

function run(...events: ClassicGroupEvent[]): Snapshot {
  let [snapshot] = initialTransition(classicGroupStateMachine, {});
  for (const event of events) [snapshot] = transition(classicGroupStateMachine, snapshot, event);
  return snapshot;
}

const stateOf = (s: Snapshot) => s.value as ClassicGroupStateName;

describe("the classic group state machine (ClassicGroupState's valid transitions), as pure transitions", () => {
  it("a new group is Empty at generation 0, with Dead as its previous state", () => {
    const s = run();
    expect(stateOf(s)).toBe("Empty");
    expect(s.context).toMatchObject({ generationId: 0, previousState: "Dead" });
  });

  it("Empty -> PreparingRebalance -> CompletingRebalance -> Stable, one generation per completed join", () => {
    const s = run(prepare, joinWith(2), sync);
    expect(stateOf(s)).toBe("Stable");
    expect(s.context.generationId).toBe(1);
    expect(s.context.previousState).toBe("CompletingRebalance");
  });

  it("Stable and CompletingRebalance go back to PreparingRebalance; the previous state is remembered", () => {
    const fromStable = run(prepare, joinWith(1), sync, prepare);
    expect(stateOf(fromStable)).toBe("PreparingRebalance");
    expect(fromStable.context.previousState).toBe("Stable");
    const fromCompleting = run(prepare, joinWith(1), prepare);
    expect(stateOf(fromCompleting)).toBe("PreparingRebalance");
    expect(fromCompleting.context.previousState).toBe("CompletingRebalance");
    expect(run(prepare).context.previousState).toBe("Empty");
  });

  it("a join phase that ends with no member left goes to Empty, still bumping the generation", () => {
    const s = run(prepare, joinWith(1), sync, prepare, joinWith(0));
    expect(stateOf(s)).toBe("Empty");
    expect(s.context.generationId).toBe(2);
  });

  it("every state can die, and Dead may 'transition' to Dead (testDeadToDeadIllegalTransition keeps it Dead)", () => {
    expect(stateOf(run(unload))).toBe("Dead");
    expect(stateOf(run(prepare, unload))).toBe("Dead");
    expect(stateOf(run(prepare, joinWith(1), unload))).toBe("Dead");
    expect(stateOf(run(prepare, joinWith(1), sync, unload))).toBe("Dead");
    expect(stateOf(run(prepare, unload, unload))).toBe("Dead");
  });

  const illegal: [string, ClassicGroupEvent[], ClassicGroupEvent][] = [
    ["Empty -> Stable (testEmptyToStableIllegalTransition)", [], sync],
    ["Empty -> CompletingRebalance (testEmptyToAwaitingRebalanceIllegalTransition)", [], joinWith(1)],
    ["PreparingRebalance -> PreparingRebalance (testPreparingRebalanceToPreparingRebalanceIllegalTransition)", [prepare], prepare],
    ["PreparingRebalance -> Stable (testPreparingRebalanceToStableIllegalTransition)", [prepare], sync],
    ["CompletingRebalance -> CompletingRebalance (testAwaitingRebalanceToAwaitingRebalanceIllegalTransition)", [prepare, joinWith(1)], joinWith(1)],
    ["Stable -> Stable (testStableToStableIllegalTransition)", [prepare, joinWith(1), sync], sync],
    ["Stable -> CompletingRebalance (testStableToAwaitingRebalanceIllegalTransition)", [prepare, joinWith(1), sync], joinWith(1)],
    ["Dead -> Stable (testDeadToStableIllegalTransition)", [prepare, unload], sync],
    ["Dead -> PreparingRebalance (testDeadToPreparingRebalanceIllegalTransition)", [prepare, unload], prepare],
    ["Dead -> CompletingRebalance (testDeadToAwaitingRebalanceIllegalTransition)", [prepare, unload], joinWith(1)],
  ];
  for (const [name, before, event] of illegal) {
    it(`refuses ${name}: the state and generation do not change`, () => {
      const s = run(...before);
      const [next] = transition(classicGroupStateMachine, s, event);
      expect(stateOf(next)).toBe(stateOf(s));
      expect(next.context.generationId).toBe(s.context.generationId);
    });
  }

  it("a group loaded from __consumer_offsets is restored Stable at its generation, not replayed", () => {
    const s = loadedGroupSnapshot("Stable", 7);
    expect(stateOf(s)).toBe("Stable");
    expect(s.context.generationId).toBe(7);
    const [next] = transition(classicGroupStateMachine, s, prepare);
    expect(stateOf(next)).toBe("PreparingRebalance");
  });

  it("has no delayed transitions: its timers are on the simulation's queue", () => {
    const delayed: string[] = [];
    const visit = (node: { id: string; after?: unknown[]; states?: Record<string, unknown> }) => {
      if (node.after && node.after.length > 0) delayed.push(node.id);
      for (const child of Object.values(node.states ?? {})) visit(child as typeof node);
    };
    visit(classicGroupStateMachine.root as unknown as { id: string; after?: unknown[]; states?: Record<string, unknown> });
    expect(delayed).toEqual([]);
  });
});
