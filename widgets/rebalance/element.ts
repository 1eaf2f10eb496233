/** Registers <kl-rebalance>; loaded by Rebalance.astro when the figure comes into view. */
import { defineWidget } from "../kit/define-widget";
import { rebalanceSpec } from "./widget";

defineWidget(rebalanceSpec);
