import type { WidgetSpec } from "../kit/spec";
import { describeWalkthrough } from "./describe";
import { foldWalkthrough, type WalkView } from "./fold";
import { walkthroughScenario } from "./presets";
import { renderWalkthrough } from "./stage";

/** <kl-source-walkthrough>: the code path of send() and the sender loop, in step with a run. */
export const sourceWalkthroughSpec: WidgetSpec<WalkView> = {
  id: "source-walkthrough",
  titleKey: "sourceWalkthrough.title",
  defaultScenario: walkthroughScenario(),
  // Everything happens within a few hundred ms: at 1x, 20 simulated ms per real second.
  msPerSecond: 20,
  fold: foldWalkthrough,
  renderStage: renderWalkthrough,
  describe: (view) => describeWalkthrough(view),
  knobs: [],
  actions: [],
};
