import { t } from "../../content/i18n/t";
import { formatDuration, formatSeconds } from "../kit/format";
import { rebalanceGaps } from "./consumption-fold";
import type { MemberRow, PartitionChip, RebalanceView } from "./fold";

/** A member's status in one word ("reading", "stalled", "left"). */
export function memberStatusWord(member: MemberRow): string {
  switch (member.status) {
    case "joining":
      return t("rebalance.status.joining");
    case "rebalancing":
      return t("rebalance.status.rebalancing");
    case "stable":
      return t("rebalance.status.stable");
    case "stalled":
      return t("rebalance.status.stalled");
    case "crashed":
      return t("rebalance.status.crashed");
    case "left":
      return t("rebalance.status.left");
  }
}

/** Why a member is how it is, when there is more to say than its status word; null otherwise. */
export function memberDetailText(member: MemberRow, view: Pick<RebalanceView, "tMs" | "partitionCount">): string | null {
  if (member.status === "stalled") return t("rebalance.detail.stalledUntil", { time: formatSeconds(member.stallUntilMs ?? view.tMs) });
  if (member.status === "crashed") return t("rebalance.detail.crashed");
  if (member.status === "rebalancing" && member.removedBy === "poll-timeout") return t("rebalance.detail.removedPoll");
  if (member.status === "left") {
    if (member.removedBy === "session-timeout") return t("rebalance.detail.removedSession");
    if (member.removedBy === "poll-timeout") return t("rebalance.detail.removedPoll");
    return t("rebalance.detail.left");
  }
  if (member.idle) return t("rebalance.member.idle", { partitions: view.partitionCount });
  return null;
}

/** Status word and detail, for the text alternative and the static frame. */
export function memberStatusText(member: MemberRow, view: Pick<RebalanceView, "tMs" | "partitionCount">): string {
  const detail = memberDetailText(member, view);
  return detail ? `${memberStatusWord(member)} (${detail})` : memberStatusWord(member);
}

const tp = (view: RebalanceView, partition: number) => `${view.topic}-${partition}`;

/** The tooltip of a partition chip: who has it and whether anyone reads it. */
export function chipTitle(chip: PartitionChip, view: RebalanceView): string {
  const name = tp(view, chip.partition);
  switch (chip.status) {
    case "consuming":
      return t("rebalance.chip.consuming", { tp: name, member: chip.member ?? "" });
    case "stuck": {
      const owner = view.members.find((m) => m.client === chip.member);
      return t("rebalance.chip.stuck", { tp: name, member: chip.member ?? "", status: owner ? memberStatusText(owner, view) : "" });
    }
    case "pending":
      return t("rebalance.chip.pending", { tp: name, member: chip.member ?? "" });
    case "revoked":
      return t("rebalance.chip.revoked", { tp: name, member: chip.lastOwner ?? "", time: formatSeconds(chip.sinceMs) });
    case "unassigned":
      return t("rebalance.chip.unassigned", { tp: name });
  }
}

function partitionList(list: readonly number[]): string {
  return list.length === 0 ? t("rebalance.describe.nothing") : list.map((p) => `p${p}`).join(", ");
}

/** The stage in words: the text alternative of the picture, and what tests read. */
export function describeRebalance(view: RebalanceView): string {
  const sentences: string[] = [];
  const coordinator = view.coordinator === null ? t("rebalance.coordinator.none") : t("rebalance.coordinator.broker", { broker: view.coordinator });
  sentences.push(
    view.state === null
      ? t("rebalance.describe.noGroup", { time: formatSeconds(view.tMs), group: view.group, coordinator })
      : t("rebalance.describe.head", { time: formatSeconds(view.tMs), group: view.group, state: view.state, generation: view.generation, coordinator }),
  );
  sentences.push(
    t("rebalance.describe.assignor", {
      assignor: view.protocol ?? t("rebalance.assignor.notYet"),
      protocol: t(view.rebalanceProtocol === "eager" ? "rebalance.protocol.eager" : "rebalance.protocol.cooperative"),
      listener: t(view.commitOnRevoke ? "rebalance.describe.listenerOn" : "rebalance.describe.listenerOff"),
    }),
  );
  for (const m of view.members) {
    const parts = [t("rebalance.describe.member", { member: m.client, status: memberStatusText(m, view), partitions: partitionList(m.owned) })];
    if (m.isLeader) parts.push(t("rebalance.describe.leader"));
    if (m.pending.length > 0) parts.push(t("rebalance.describe.pending", { partitions: partitionList(m.pending) }));
    sentences.push(parts.join(", "));
  }
  const unread = view.chips.filter((c) => c.status !== "consuming").map((c) => c.partition);
  sentences.push(unread.length === 0 ? t("rebalance.describe.allRead", { count: view.partitionCount }) : t("rebalance.describe.unread", { partitions: partitionList(unread) }));
  const gaps = rebalanceGaps(view.timeline).filter((g) => g.fromMs <= view.tMs);
  if (gaps.length > 0) {
    const longest = gaps[0];
    const end = Math.min(longest.toMs, view.tMs);
    sentences.push(t("rebalance.describe.longestGap", { tp: tp(view, longest.partition), length: formatDuration(end - longest.fromMs), from: formatSeconds(longest.fromMs) }));
    // The rebalances' whole cost: every partition's unread time added up (a stop-the-world costs it once per partition).
    const totalMs = gaps.reduce((sum, g) => sum + Math.min(g.toMs, view.tMs) - g.fromMs, 0);
    sentences.push(t("rebalance.describe.totalGap", { total: formatDuration(totalMs), count: new Set(gaps.map((g) => g.partition)).size }));
  }
  sentences.push(t("rebalance.describe.duplicates", { count: view.duplicates, processed: view.processed }));
  return sentences.join(". ") + ".";
}

