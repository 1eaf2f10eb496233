import { processingVerdict } from "../kit/processing-verdict";
import type { WidgetSpec } from "../kit/spec";
import { rebalanceActions, rebalanceKnobs } from "./controls";
import { describeRebalance } from "./describe";
import { foldRebalance, type RebalanceView } from "./fold";
import { presets } from "./presets";
import { renderRebalance } from "./render";

/** <kl-rebalance>: a consumer group's members, its coordinator's state machine, and who reads which partition when. */
export const rebalanceSpec: WidgetSpec<RebalanceView> = {
  id: "rebalance",
  titleKey: "rebalance.title",
  defaultScenario: presets["three-members"].scenario,
  // 1x plays one simulated second per second: heartbeats (1 s) and rebalances read well.
  msPerSecond: 1000,
  fold: foldRebalance,
  renderStage: renderRebalance,
  describe: describeRebalance,
  knobs: rebalanceKnobs,
  actions: rebalanceActions,
  // The badges count processing (records processed twice or never), as the stage's header does.
  verdict: processingVerdict,
};
