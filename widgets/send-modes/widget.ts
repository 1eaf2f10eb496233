import type { WidgetSpec } from "../kit/spec";
import { acksKnob, latencyKnob, lingerKnob, recordsKnob } from "./controls";
import { describeSendModes } from "./describe";
import { foldSendModes, type SendModesView } from "./fold";
import { sendModesScenario } from "./presets";
import { renderSendModes } from "./render";

/** <kl-send-modes>: the same records sent with send().get() and with callbacks, on one time axis. */
export const sendModesSpec: WidgetSpec<SendModesView> = {
  id: "send-modes",
  titleKey: "sendModes.title",
  defaultScenario: sendModesScenario(),
  // Round trips take milliseconds: at 1x, 50 simulated ms pass per real second.
  msPerSecond: 50,
  fold: foldSendModes,
  renderStage: renderSendModes,
  describe: describeSendModes,
  knobs: [lingerKnob, acksKnob, recordsKnob, latencyKnob],
  actions: [],
};
