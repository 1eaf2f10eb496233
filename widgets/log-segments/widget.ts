import type { WidgetSpec } from "../kit/spec";
import { knobsFor, msPerSecondFor } from "./controls";
import { describeLogSegments } from "./describe";
import { foldLogSegments, type LogSegmentsView } from "./fold";
import { LOG_SEGMENTS_PRESETS, type LogSegmentsMode } from "./presets";
import { renderLogSegments } from "./stage";

/**
 * <kl-log-segments>: one broker's directory for a partition, its segments and sparse indexes.
 * The two tabs differ in knobs and pace, so each element gets the spec of its preset's mode.
 */
export function logSegmentsSpec(mode: LogSegmentsMode): WidgetSpec<LogSegmentsView> {
  return {
    id: "log-segments",
    titleKey: "logSegments.title",
    defaultScenario: LOG_SEGMENTS_PRESETS[mode].scenario,
    msPerSecond: msPerSecondFor(mode),
    fold: foldLogSegments,
    renderStage: renderLogSegments,
    describe: describeLogSegments,
    knobs: knobsFor(mode),
    actions: [],
  };
}
