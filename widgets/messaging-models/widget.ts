import type { WidgetSpec } from "../kit/spec";
import { messagingActions, messagingKnobs } from "./controls";
import { describeMessagingModels } from "./describe";
import { foldMessagingModels, type MessagingView } from "./fold";
import { presets } from "./presets";
import { renderMessagingModels } from "./render";

/** <kl-messaging-models>: one topic read by one group, by a group per consumer, or by a share group. */
export const messagingModelsSpec: WidgetSpec<MessagingView> = {
  id: "messaging-models",
  titleKey: "messagingModels.title",
  defaultScenario: presets["one-group"].scenario,
  // 1x plays one simulated second per second: a record every half second reads well.
  msPerSecond: 1000,
  fold: foldMessagingModels,
  renderStage: renderMessagingModels,
  describe: describeMessagingModels,
  knobs: messagingKnobs,
  actions: messagingActions,
};
