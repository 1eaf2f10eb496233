/** Registers <kl-messaging-models>; loaded by MessagingModels.astro when the figure comes into view. */
import { defineWidget } from "../kit/define-widget";
import { messagingModelsSpec } from "./widget";

defineWidget(messagingModelsSpec);
