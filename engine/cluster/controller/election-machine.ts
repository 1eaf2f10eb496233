import { assign, setup } from "xstate";

/**
 * Controller election in ZooKeeper mode, one machine per broker (KafkaController's
 * elect() and its ControllerChangeHandler): every broker races to create the ephemeral
 * /controller znode; the winner bumps the controller epoch and becomes the controller;
 * the others watch /controller and race again when it disappears.
 *
 * The machine only decides *when* to do what. The effects (ZooKeeper requests, the
 * controller's failover work) are calls on the `host` it gets as input (the broker), so the
 * machine is created once for all brokers (cheaper than `.provide()` per broker) and can be
 * tested with a recording host.
 */

/** What the machine asks its broker to do. */
export interface ElectionHost {
  connectSession(): void;
  registerBroker(): void;
  tryRegisterController(): void;
  watchController(): void;
  onControllerFailover(epoch: number): void;
  onControllerResignation(): void;
  /** Sends "zk.register-retry" after `delayMs` of simulated time (the broker's event queue). */
  scheduleRegisterRetry(delayMs: number): void;
}
export type ElectionEvent =
  | { type: "broker.start" }
  | { type: "broker.crash" }
  | { type: "zk.connected" }
  | { type: "zk.registered" }
  | { type: "zk.register-conflict" }
  | { type: "zk.register-retry" }
  | { type: "zk.controller-won"; epoch: number }
  | { type: "zk.controller-exists" }
  | { type: "zk.controller-gone" }
  | { type: "zk.session-lost" };

export interface ElectionContext {
  host: ElectionHost;
  /** The controller epoch this broker won, while it is the controller. */
  epoch: number | null;
}

/** How long a broker waits before retrying a ZooKeeper step that failed (ms). */
export const zkRetryBackoffMs = 1_000;

export const controllerElectionMachine = setup({
  types: {
    context: {} as ElectionContext,
    events: {} as ElectionEvent,
    input: {} as { host: ElectionHost },
  },
  actions: {
    connectSession: ({ context }) => context.host.connectSession(),
    registerBroker: ({ context }) => context.host.registerBroker(),
    tryRegisterController: ({ context }) => context.host.tryRegisterController(),
    watchController: ({ context }) => context.host.watchController(),
    onControllerFailover: ({ context }, params: { epoch: number }) => context.host.onControllerFailover(params.epoch),
    onControllerResignation: ({ context }) => context.host.onControllerResignation(),
    scheduleRegisterRetry: ({ context }) => context.host.scheduleRegisterRetry(zkRetryBackoffMs),
  },
}).createMachine({
  id: "controllerElection",
  context: ({ input }) => ({ host: input.host, epoch: null }),
  initial: "offline",
  on: {
    // A crash loses the process; the broker itself drops its session handle and timers.
    "broker.crash": { target: ".offline", actions: assign({ epoch: null }) },
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
      // The wait is scheduled on the simulation's event queue by the host, not with XState's
      // `after`: the machine has no delayed transitions, so it never needs a clock at all.
      entry: "scheduleRegisterRetry",
      on: { "zk.register-retry": "registering", "zk.session-lost": "connecting" },
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
