import { t } from "../../content/i18n/t";
import { formatDuration, formatSeconds } from "../kit/format";
import type { SendModesView, SideView } from "./fold";

/** The stage in words: each producer's progress and numbers, and whether its callbacks kept send order. */
export function describeSendModes(view: SendModesView): string {
  return [t("sendModes.describe.head", { time: formatSeconds(view.tMs) }), ...view.sides.map(describeSide)].join(" ");
}

export function describeSide(side: SideView): string {
  return t("sendModes.describe.side", {
    side: t(side.mode === "sync" ? "sendModes.side.sync" : "sendModes.side.async"),
    done: side.done,
    total: side.total,
    elapsed: formatDuration(side.elapsedMs),
    requests: side.requests.length,
    perRequest: side.recordsPerRequest.toFixed(1),
    latency: side.meanLatencyMs === null ? "–" : formatDuration(side.meanLatencyMs),
    order: side.callbacksInSendOrder ? t("sendModes.stats.inOrder") : t("sendModes.stats.outOfOrder"),
  });
}
