import { checkConsumption } from "../../engine/index";
import type { WidgetSpec } from "./spec";

/**
 * Verdict badges that count what consumers did (records processed twice, never, or out of
 * order: the consumption checker) instead of what producers stored, for consumer widgets.
 */
export const processingVerdict: NonNullable<WidgetSpec<unknown>["verdict"]> = {
  of: (result) => checkConsumption(result.trace),
  labelKeys: { label: "kit.processing.label", lost: "kit.processing.lost", duplicated: "kit.processing.duplicated", reordered: "kit.processing.reordered", none: "kit.processing.none" },
};
