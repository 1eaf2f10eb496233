import { assign, setup } from "xstate";
import type { TopicPartition } from "./assignors/types.js";
import type { JoinGroupResponseMember } from "../cluster/group/types.js";

/**
 * The member side of the classic group protocol, one machine per consumer: Kafka's
 * AbstractCoordinator.MemberState (UNJOINED, PREPARING_REBALANCE, COMPLETING_REBALANCE, STABLE)
 * plus CLOSED, and the generation (id, member id, protocol) it holds.
 *
 * The machine decides *when*; the effects (JoinGroup and SyncGroup requests, the heartbeat
 * "thread", the rebalance listener) are calls on the `host` it gets as input (the
 * ConsumerCoordinator). It has no delayed transitions: every wait (heartbeat interval, session
 * and poll timeouts, backoffs) is a timer on the simulation's queue that comes back as an event,
 * so the machine never needs a clock.
 */

/** What the machine asks its coordinator to do. */
export interface MemberHost {
  /** Sends JoinGroup with this member id ("" on the first join). */
  sendJoinGroup(memberId: string, reason: string): void;
  /** JoinGroup answered: the leader runs the assignor; everyone sends SyncGroup. */
  onJoinResponse(response: JoinSucceeded): void;
  /** SyncGroup answered: the assignment of this generation (ConsumerCoordinator.onJoinComplete). */
  onJoinComplete(generationId: number, memberId: string, protocolName: string, assignment: TopicPartition[]): void;
  enableHeartbeat(): void;
  disableHeartbeat(): void;
}

export interface JoinSucceeded {
  type: "join.succeeded";
  generationId: number;
  memberId: string;
  leader: string;
  protocolName: string;
  /** Every member's subscription, for the leader only. */
  members: JoinGroupResponseMember[];
}

export type MemberEvent =
  | { type: "join.send"; reason: string }
  | { type: "join.member-id-required"; memberId: string }
  | JoinSucceeded
  | { type: "join.failed"; error: string; resetGeneration: boolean; resetMemberId: boolean }
  | { type: "sync.succeeded"; assignment: TopicPartition[] }
  | { type: "sync.failed"; error: string; resetGeneration: boolean; resetMemberId: boolean }
  | { type: "rejoin.requested"; reason: string }
  | { type: "generation.reset"; reason: string; resetMemberId: boolean }
  | { type: "close" };

export interface MemberContext {
  host: MemberHost;
  /** Kafka's Generation: -1 (NO_GENERATION) until a SyncGroup succeeds. */
  generationId: number;
  /** "" (UNKNOWN_MEMBER_ID) until the coordinator gives one. */
  memberId: string;
  protocolName: string | null;
  leader: string;
  /** AbstractCoordinator.rejoinNeeded: poll() must start a rebalance. */
  rejoinNeeded: boolean;
  /** The generation of the last JoinGroup response, taken up when SyncGroup succeeds. */
  pendingGeneration: number;
}

export type MemberState = "UNJOINED" | "PREPARING_REBALANCE" | "COMPLETING_REBALANCE" | "STABLE" | "CLOSED";

export const consumerMemberMachine = setup({
  types: {
    context: {} as MemberContext,
    events: {} as MemberEvent,
    input: {} as { host: MemberHost },
  },
  actions: {
    sendJoinGroup: ({ context }, params: { reason: string }) => context.host.sendJoinGroup(context.memberId, params.reason),
    onJoinResponse: ({ context }, params: { response: JoinSucceeded }) => context.host.onJoinResponse(params.response),
    onJoinComplete: ({ context }, params: { assignment: TopicPartition[] }) =>
      context.host.onJoinComplete(context.generationId, context.memberId, context.protocolName ?? "", params.assignment),
    enableHeartbeat: ({ context }) => context.host.enableHeartbeat(),
    disableHeartbeat: ({ context }) => context.host.disableHeartbeat(),
    /** Forgets the generation (and the member id when asked): AbstractCoordinator.resetStateAndGeneration. */
    resetGeneration: assign(({ context }, params: { resetMemberId: boolean }) => ({
      generationId: -1,
      memberId: params.resetMemberId ? "" : context.memberId,
      protocolName: null,
      leader: "",
      rejoinNeeded: true,
    })),
    requestRejoin: assign({ rejoinNeeded: true }),
  },
}).createMachine({
  id: "consumerMember",
  context: ({ input }) => ({ host: input.host, generationId: -1, memberId: "", protocolName: null, leader: "", rejoinNeeded: true, pendingGeneration: -1 }),
  initial: "UNJOINED",
  on: {
    "rejoin.requested": { actions: "requestRejoin" },
    "generation.reset": { target: ".UNJOINED", actions: [{ type: "resetGeneration", params: ({ event }) => ({ resetMemberId: event.resetMemberId }) }] },
    close: ".CLOSED",
  },
  states: {
    UNJOINED: {
      entry: "disableHeartbeat",
      on: {
        "join.send": {
          target: "PREPARING_REBALANCE",
          actions: [assign({ rejoinNeeded: false }), { type: "sendJoinGroup", params: ({ event }) => ({ reason: event.reason }) }],
        },
      },
    },
    PREPARING_REBALANCE: {
      entry: "disableHeartbeat",
      on: {
        // KIP-394: the first JoinGroup only earns a member id; join again with it at once.
        "join.member-id-required": {
          target: "PREPARING_REBALANCE",
          reenter: true,
          actions: [assign({ memberId: ({ event }) => event.memberId }), { type: "sendJoinGroup", params: { reason: "rejoining with the member id the coordinator assigned (MEMBER_ID_REQUIRED)" } }],
        },
        "join.succeeded": {
          target: "COMPLETING_REBALANCE",
          actions: [
            assign({
              memberId: ({ event }) => event.memberId,
              pendingGeneration: ({ event }) => event.generationId,
              protocolName: ({ event }) => event.protocolName,
              leader: ({ event }) => event.leader,
            }),
            { type: "onJoinResponse", params: ({ event }) => ({ response: event }) },
          ],
        },
        "join.failed": [
          { guard: ({ event }) => event.resetGeneration, target: "UNJOINED", actions: [{ type: "resetGeneration", params: ({ event }) => ({ resetMemberId: event.resetMemberId }) }] },
          { target: "UNJOINED", actions: "requestRejoin" },
        ],
      },
    },
    COMPLETING_REBALANCE: {
      // The heartbeat thread runs from the JoinGroup response on (AbstractCoordinator enables it then).
      entry: "enableHeartbeat",
      on: {
        "sync.succeeded": {
          target: "STABLE",
          actions: [
            assign({ generationId: ({ context }) => context.pendingGeneration }),
            { type: "onJoinComplete", params: ({ event }) => ({ assignment: event.assignment }) },
          ],
        },
        "sync.failed": [
          { guard: ({ event }) => event.resetGeneration, target: "UNJOINED", actions: [{ type: "resetGeneration", params: ({ event }) => ({ resetMemberId: event.resetMemberId }) }] },
          { target: "UNJOINED", actions: "requestRejoin" },
        ],
      },
    },
    STABLE: {
      on: {
        // A rebalance started by poll() while stable (rejoinNeeded, subscription or metadata change).
        "join.send": {
          target: "PREPARING_REBALANCE",
          actions: [assign({ rejoinNeeded: false }), { type: "sendJoinGroup", params: ({ event }) => ({ reason: event.reason }) }],
        },
      },
    },
    CLOSED: {
      entry: "disableHeartbeat",
      type: "final",
    },
  },
});
