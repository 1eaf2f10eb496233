import { checkConsumption } from "../../engine/index";
import type { WidgetSpec } from "../kit/spec";
import { commitTimingActions, commitTimingKnobs } from "./controls";
import { describeCommitTiming } from "./describe";
import { foldCommitTiming, type CommitTimingView } from "./fold";
import { presets } from "./presets";
import { renderCommitTiming } from "./render";

/** <kl-commit-timing>: one consumer's poll loop, its position and committed offset, and what a crash at each step costs. */
export const commitTimingSpec: WidgetSpec<CommitTimingView> = {
  id: "commit-timing",
  titleKey: "commitTiming.title",
  defaultScenario: presets["commit-after"].scenario,
  // 1x plays half a simulated second per second: a record takes 250 ms to process, so each is seen.
  msPerSecond: 500,
  fold: foldCommitTiming,
  renderStage: renderCommitTiming,
  describe: describeCommitTiming,
  knobs: commitTimingKnobs,
  actions: commitTimingActions,
  // The badges count processing, not delivery: records processed twice or never, from the consumption checker.
  verdict: {
    of: (result) => checkConsumption(result.trace),
    labelKeys: { label: "commitTiming.verdict.label", lost: "commitTiming.verdict.lost", duplicated: "commitTiming.verdict.duplicated", reordered: "commitTiming.verdict.reordered", none: "commitTiming.verdict.none" },
  },
};
