import type { WidgetSpec } from "../kit/spec";
import { acksKnob, lagTimeKnob, minInsyncKnob, replicaSnapshot, replicationActions, uncleanKnob } from "./controls";
import { describeReplicaLog } from "./describe";
import { foldReplicaLog, type ReplicaView } from "./fold";
import { presets } from "./presets";
import { renderReplicaLog } from "./render";

/** <kl-replica-log>: one partition, three replicas, their logs, LEOs, the HW and the ISR. */
export const replicaLogSpec: WidgetSpec<ReplicaView> = {
  id: "replica-log",
  titleKey: "replicaLog.title",
  defaultScenario: presets.steady.scenario,
  // 1x plays one simulated second per second: records arrive twice a second, which reads well.
  msPerSecond: 1000,
  fold: foldReplicaLog,
  renderStage: renderReplicaLog,
  describe: describeReplicaLog,
  knobs: [acksKnob, minInsyncKnob, uncleanKnob, lagTimeKnob],
  actions: replicationActions<ReplicaView>(replicaSnapshot),
};
