/** Registers <kl-commit-timing>; loaded by CommitTiming.astro when the figure comes into view. */
import { defineWidget } from "../kit/define-widget";
import { commitTimingSpec } from "./widget";

defineWidget(commitTimingSpec);
