import { t, type MessageKey } from "../../content/i18n/t";
import { formatDuration } from "../kit/format";
import { LANES, laneOf, type LaneId, type WalkView } from "./fold";
import { methodOf } from "./outline";

export const LANE_NAME: Record<LaneId, MessageKey> = {
  app: "sourceWalkthrough.stage.app",
  accumulator: "sourceWalkthrough.stage.accumulator",
  sender: "sourceWalkthrough.stage.sender",
  broker: "sourceWalkthrough.stage.broker",
  callbacks: "sourceWalkthrough.stage.callbacks",
};

/** The stage in words: what each part of the producer holds, and the method being run. */
export function describeWalkthrough(view: WalkView, index: number = view.lastIndex): string {
  const where = LANES.map((lane) =>
    t("sourceWalkthrough.describe.lane", {
      lane: t(LANE_NAME[lane]),
      items: view.lanes[lane].length === 0 ? t("sourceWalkthrough.stage.empty") : view.lanes[lane].map((i) => i.label).join(", "),
    }),
  ).join("; ");
  const step = index >= 0 ? view.steps[index] : null;
  return t("sourceWalkthrough.describe", { time: formatDuration(view.tMs), where, method: step ? methodOf(step.step) : "–" });
}

export { laneOf };
