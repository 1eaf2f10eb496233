import { assign, setup } from "xstate";

/**
 * Controller election in ZooKeeper mode, one machine per broker (KafkaController's
 * elect() and its ControllerChangeHandler): every broker races to create the ephemeral
 * /controller znode; the winner bumps the controller epoch and becomes the controller;
 * the others watch /controller and race again when it disappears.
 *
 * The machine only decides *when* to do what. The effects (ZooKeeper requests, the
 * controller's failover work) are actions the broker provides with `.provide()`, so the
 * machine can be tested as pure transitions.
 */
export type ElectionEvent =
  | { type: "broker.start" }
  | { type: "broker.crash" }
  | { type: "zk.connected" }
  | { type: "zk.registered" }
  | { type: "zk.register-conflict" }
  | { type: "zk.controller-won"; epoch: number }
  | { type: "zk.controller-exists" }
  | { type: "zk.controller-gone" }
  | { type: "zk.session-lost" };

export interface ElectionContext {
  /** The controller epoch this broker won, while it is the controller. */
  epoch: number | null;
}

/** How long a broker waits before retrying a ZooKeeper step that failed (ms). */
export const zkRetryBackoffMs = 1_000;

export const controllerElectionMachine = setup({
  types: {
    context: {} as ElectionContext,
    events: {} as ElectionEvent,
  },
  actions: {
    connectSession: () => {},
    registerBroker: () => {},
    tryRegisterController: () => {},
    watchController: () => {},
    onControllerFailover: (_, _params: { epoch: number }) => {},
    onControllerResignation: () => {},
    closeAll: () => {},
  },
}).createMachine({
  id: "controllerElection",
  context: { epoch: null },
  initial: "offline",
  on: {
    "broker.crash": { target: ".offline", actions: "closeAll" },
  },
  states: {
    offline: {
      on: { "broker.start": "connecting" },
    },
    connecting: {
      entry: "connectSession",
      on: { "zk.connected": "registering" },
    },
    registering: {
      // KafkaZkClient.registerBroker: an ephemeral /brokers/ids/<id>. If the previous
      // incarnation's node still exists (its session has not expired yet), wait and retry.
      entry: "registerBroker",
      on: {
        "zk.registered": "campaigning",
        "zk.register-conflict": "registerBackoff",
        "zk.session-lost": "connecting",
      },
    },
    registerBackoff: {
      after: { [zkRetryBackoffMs]: "registering" },
      on: { "zk.session-lost": "connecting" },
    },
    campaigning: {
      entry: "tryRegisterController",
      on: {
        "zk.controller-won": {
          target: "controller",
          actions: [
            assign({ epoch: ({ event }) => event.epoch }),
            { type: "onControllerFailover", params: ({ event }) => ({ epoch: event.epoch }) },
          ],
        },
        "zk.controller-exists": "follower",
        "zk.session-lost": "connecting",
      },
    },
    follower: {
      entry: "watchController",
      on: {
        "zk.controller-gone": "campaigning",
        "zk.session-lost": "connecting",
      },
    },
    controller: {
      on: {
        // Losing the session deletes /controller; the old controller must stop acting.
        "zk.session-lost": { target: "connecting", actions: ["onControllerResignation", assign({ epoch: null })] },
        "zk.controller-gone": { target: "campaigning", actions: ["onControllerResignation", assign({ epoch: null })] },
      },
    },
  },
});

export type ElectionState = "offline" | "connecting" | "registering" | "registerBackoff" | "campaigning" | "follower" | "controller";
