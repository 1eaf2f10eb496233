/** Registers <kl-send-modes>; loaded by SendModes.astro when the figure comes into view. */
import { defineWidget } from "../kit/define-widget";
import { sendModesSpec } from "./widget";

defineWidget(sendModesSpec);
