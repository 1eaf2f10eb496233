/** Registers <kl-hw-chart>; loaded by HwChart.astro when the figure comes into view. */
import { defineWidget } from "../kit/define-widget";
import { hwChartSpec } from "./widget";

defineWidget(hwChartSpec);
