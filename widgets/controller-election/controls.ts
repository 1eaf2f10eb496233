import type { BrokerId, Fault } from "../../engine/index";
import type { KnobSpec } from "../kit/knobs";
import type { ActionSpec } from "../kit/spec";
import type { BrokerView, ControllerElectionView } from "./fold";

/**
 * The controller-election widget's knob and actions. Every action is a scenario fault at the
 * moment it is taken; the broker it hits is read from the picture at that moment.
 */

/**
 * zookeeper.session.timeout.ms, a static broker config: a change re-runs the whole scenario, so
 * the reader sees at once how long a dead controller keeps its seat. Range: the config table's
 * knob (2 s to 60 s).
 */
export const sessionTimeoutKnob: KnobSpec = {
  id: "zookeeper.session.timeout.ms",
  scope: "broker",
  key: "zookeeper.session.timeout.ms",
  path: ["cluster", "config", "zookeeper.session.timeout.ms"],
  labelKey: "knob.zookeeper.session.timeout.ms",
};

/**
 * The broker that acts as controller right now: the one named in /controller if it is alive,
 * else a live broker still in the controller state (a zombie, which the engine's "controller"
 * fault target would also pick). Null when nobody is.
 */
export function actingController(view: ControllerElectionView): BrokerView | null {
  const named = view.brokers.find((b) => b.id === view.controller && b.alive && b.state === "controller");
  return named ?? view.brokers.find((b) => b.alive && b.state === "controller") ?? null;
}

/** The largest cluster a scenario may describe (engine/scenario/schema.ts). */
const MAX_BROKERS = 9;

function brokerIn(view: ControllerElectionView, id: BrokerId): BrokerView | undefined {
  return view.brokers.find((b) => b.id === id);
}

export function controllerElectionActions(): ActionSpec<ControllerElectionView>[] {
  const actions: ActionSpec<ControllerElectionView>[] = [
    {
      id: "crash-controller",
      labelKey: "action.crashController",
      fault: (atMs): Fault => ({ type: "crash", atMs, broker: "controller" }),
      enabled: (view) => actingController(view) !== null,
    },
    {
      id: "cut-controller-from-zk",
      labelKey: "action.cutControllerFromZk",
      fault: (atMs, view): Fault | null => {
        const controller = actingController(view);
        return controller === null ? null : { type: "cut", atMs, a: [controller.id], b: ["zk"] };
      },
      enabled: (view) => {
        const controller = actingController(view);
        return controller !== null && !controller.cutFromZk;
      },
    },
    {
      id: "heal-network",
      labelKey: "action.healNetwork",
      fault: (atMs): Fault => ({ type: "heal", atMs }),
      enabled: (view) => view.networkCut,
    },
  ];
  // Cutting the controller off from one broker leaves its requests to that broker queued and
  // resent (ControllerChannelManager): the way a stale-epoch request can arrive late.
  for (let id = 1; id <= MAX_BROKERS; id++) {
    actions.push({
      id: `cut-controller-from-broker-${id}`,
      labelKey: "action.cutControllerFromBroker",
      labelParams: { broker: id },
      fault: (atMs, view): Fault | null => {
        const controller = actingController(view);
        return controller === null || controller.id === id ? null : { type: "cut", atMs, a: [controller.id], b: [id] };
      },
      visible: (view) => {
        const controller = actingController(view);
        return brokerIn(view, id)?.alive === true && controller !== null && controller.id !== id;
      },
    });
  }
  // One button per broker id the schema allows; only those of this cluster, in the right state, show.
  for (let id = 1; id <= MAX_BROKERS; id++) {
    actions.push({
      id: `crash-broker-${id}`,
      labelKey: "action.crashBroker",
      labelParams: { broker: id },
      fault: (atMs): Fault => ({ type: "crash", atMs, broker: id }),
      visible: (view) => brokerIn(view, id)?.alive === true,
    });
  }
  for (let id = 1; id <= MAX_BROKERS; id++) {
    actions.push({
      id: `restart-broker-${id}`,
      labelKey: "action.restartBroker",
      labelParams: { broker: id },
      fault: (atMs): Fault => ({ type: "restart", atMs, broker: id }),
      visible: (view) => brokerIn(view, id)?.alive === false,
    });
  }
  return actions;
}
