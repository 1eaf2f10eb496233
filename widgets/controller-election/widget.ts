import type { WidgetSpec } from "../kit/spec";
import { controllerElectionActions, sessionTimeoutKnob } from "./controls";
import { describeControllerElection } from "./describe";
import { foldControllerElection, type ControllerElectionView } from "./fold";
import { CONTROLLER_ELECTION_PRESETS } from "./presets";
import { renderControllerElection } from "./stage";

/** <kl-controller-election>: ZooKeeper's /controller race, the controller epoch and its fencing. */
export const controllerElectionSpec: WidgetSpec<ControllerElectionView> = {
  id: "controller-election",
  titleKey: "controllerElection.title",
  defaultScenario: CONTROLLER_ELECTION_PRESETS["three-brokers"].scenario,
  // 1x plays two simulated seconds per second: a 6 s session timeout passes in 3 s of watching,
  // and the race (a few ms) is there to step through with the arrow keys.
  msPerSecond: 2000,
  fold: foldControllerElection,
  renderStage: renderControllerElection,
  describe: describeControllerElection,
  knobs: [sessionTimeoutKnob],
  actions: controllerElectionActions(),
};
