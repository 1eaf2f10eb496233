import { assign, setup, type SnapshotFrom } from "xstate";

/**
 * A classic group's state (Kafka's ClassicGroupState) as a machine. It holds only what Kafka's
 * `transitionTo` guards: the state, the previous state and the generation. The members, the
 * timers and the responses stay with the GroupMetadataManager, which sends one event per
 * protocol step (a rebalance starts, the join phase completes, the leader's assignment is
 * stored, the group is unloaded). An event a state does not accept changes nothing: Kafka would
 * throw IllegalStateException there, and the manager checks the state after sending.
 *
 * The valid previous states, from ClassicGroupState's static block:
 *   Empty               <- PreparingRebalance
 *   PreparingRebalance  <- Stable, CompletingRebalance, Empty
 *   CompletingRebalance <- PreparingRebalance
 *   Stable              <- CompletingRebalance
 *   Dead                <- Stable, PreparingRebalance, CompletingRebalance, Empty, Dead
 *
 * No delayed transitions: the join, sync and session timers live on the simulation's queue
 * (Broker.after) and come back as calls that send these events.
 */

export type ClassicGroupStateName = "Empty" | "PreparingRebalance" | "CompletingRebalance" | "Stable" | "Dead";

export type ClassicGroupEvent =
  /** prepareRebalance: a member joined, left, failed or changed its metadata. */
  | { type: "rebalance.prepare"; reason: string }
  /** completeClassicGroupJoin: initNextGeneration moves to CompletingRebalance, or to Empty when no member is left. */
  | { type: "join.complete"; memberCount: number; reason: string }
  /** The leader's SyncGroup assignment was written to __consumer_offsets. */
  | { type: "sync.complete"; reason: string }
  /** The coordinator lost the group (partition emigration) or the group was deleted. */
  | { type: "group.unload"; reason: string };

export interface ClassicGroupContext {
  generationId: number;
  /** The state before the last transition (ClassicGroup.previousState); Dead for a new group, as in Kafka. */
  previousState: ClassicGroupStateName;
  /** Why the last transition happened, for the trace. */
  reason: string;
}

export interface ClassicGroupInput {
  generationId?: number;
}

export const classicGroupStateMachine = setup({
  types: {
    context: {} as ClassicGroupContext,
    events: {} as ClassicGroupEvent,
    input: {} as ClassicGroupInput,
  },
  guards: {
    hasMembers: ({ event }) => event.type === "join.complete" && event.memberCount > 0,
  },
  actions: {
    // ClassicGroup.transitionTo remembers the state it leaves (maybeCompleteJoinPhase asks whether it was Empty).
    leave: assign(({ event }, params: { from: ClassicGroupStateName }) => ({ previousState: params.from, reason: event.reason })),
    // ClassicGroup.initNextGeneration: every completed join phase starts a new generation.
    initNextGeneration: assign({ generationId: ({ context }) => context.generationId + 1 }),
  },
}).createMachine({
  id: "classicGroup",
  context: ({ input }) => ({ generationId: input.generationId ?? 0, previousState: "Dead", reason: "" }),
  initial: "Empty",
  states: {
    Empty: {
      on: {
        "rebalance.prepare": { target: "PreparingRebalance", actions: { type: "leave", params: { from: "Empty" } } },
        "group.unload": { target: "Dead", actions: { type: "leave", params: { from: "Empty" } } },
      },
    },
    PreparingRebalance: {
      on: {
        "join.complete": [
          { guard: "hasMembers", target: "CompletingRebalance", actions: ["initNextGeneration", { type: "leave", params: { from: "PreparingRebalance" } }] },
          { target: "Empty", actions: ["initNextGeneration", { type: "leave", params: { from: "PreparingRebalance" } }] },
        ],
        "group.unload": { target: "Dead", actions: { type: "leave", params: { from: "PreparingRebalance" } } },
      },
    },
    CompletingRebalance: {
      on: {
        "sync.complete": { target: "Stable", actions: { type: "leave", params: { from: "CompletingRebalance" } } },
        "rebalance.prepare": { target: "PreparingRebalance", actions: { type: "leave", params: { from: "CompletingRebalance" } } },
        "group.unload": { target: "Dead", actions: { type: "leave", params: { from: "CompletingRebalance" } } },
      },
    },
    Stable: {
      on: {
        "rebalance.prepare": { target: "PreparingRebalance", actions: { type: "leave", params: { from: "Stable" } } },
        "group.unload": { target: "Dead", actions: { type: "leave", params: { from: "Stable" } } },
      },
    },
    Dead: {
      // Dead is final for the group's life, but Kafka lists Dead among Dead's valid previous states.
      on: { "group.unload": { target: "Dead", actions: { type: "leave", params: { from: "Dead" } } } },
    },
  },
});

export type ClassicGroupSnapshot = SnapshotFrom<typeof classicGroupStateMachine>;

/**
 * The snapshot of a group loaded from __consumer_offsets (ClassicGroup.fromRecord): Stable with
 * its members' generation, or Empty. It is restored, not reached by transitions.
 */
export function loadedGroupSnapshot(state: "Empty" | "Stable", generationId: number): ClassicGroupSnapshot {
  return classicGroupStateMachine.resolveState({ value: state, context: { generationId, previousState: "Dead", reason: "loaded from __consumer_offsets" } });
}
