import type { WidgetSpec } from "../kit/spec";
import { acksKnob, lagTimeKnob, replicationActions } from "../replica-log/controls";
import { describeHwChart } from "./describe";
import { foldHwChart, type HwChartView } from "./fold";
import { presets } from "./presets";
import { renderHwChart } from "./render";

/** <kl-hw-chart>: each replica's LEO and the leader's HW over time, with its own player. */
export const hwChartSpec: WidgetSpec<HwChartView> = {
  id: "hw-chart",
  titleKey: "hwChart.title",
  defaultScenario: presets["slow-follower"].scenario,
  // The chart shows the whole run at once, so play it faster than the replica log.
  msPerSecond: 2000,
  fold: foldHwChart,
  renderStage: renderHwChart,
  describe: describeHwChart,
  knobs: [lagTimeKnob, acksKnob],
  actions: replicationActions<HwChartView>((view) => view.now),
};
