import { t } from "../../content/i18n/t";
import { formatDuration, formatList, formatSeconds } from "../kit/format";
import { nodeStateLabel } from "../kit/stage";
import type { ReplicaView } from "./fold";

/** The stage in words: the text alternative of the picture, and what tests read. */
export function describeReplicaLog(view: ReplicaView): string {
  const tp = `${view.topic}-${view.partition}`;
  const head =
    view.leader === null
      ? t("replicaLog.describe.offline", { time: formatSeconds(view.tMs), tp, epoch: view.leaderEpoch, hw: view.hw })
      : t("replicaLog.describe.head", { time: formatSeconds(view.tMs), tp, leader: view.leader, epoch: view.leaderEpoch, isr: formatList(view.isr), hw: view.hw });
  const rows = view.rows.map((row) => {
    const parts = [t("replicaLog.describe.row", { broker: row.broker, state: nodeStateLabel(row.state), leo: row.leo, hw: row.hw })];
    if (row.slowMs > 0) parts.push(t("replicaLog.row.slow", { ms: row.slowMs }));
    if (row.state !== "leader" && row.alive && row.lastCaughtUpMs !== null) parts.push(t("replicaLog.row.caughtUp", { ago: formatDuration(Math.max(0, view.tMs - row.lastCaughtUpMs)) }));
    return parts.join(", ");
  });
  const counts = t("replicaLog.describe.counts", { acked: view.acked, failed: view.failed });
  return [head, ...rows, counts].join(". ") + ".";
}
