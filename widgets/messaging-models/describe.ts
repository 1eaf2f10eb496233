import { t } from "../../content/i18n/t";
import type { ConsumerBox, MessagingView, ShareState } from "./fold";

/**
 * The stage in words: the model, who reads which partition, how many records each consumer
 * received and how many copies each record made. Used as the stage's aria-label, by the
 * static first frame and by the tests.
 */

/** One line that names the model and what it means for a record. */
export function modelHeadline(view: MessagingView): string {
  switch (view.model) {
    case "one-group":
      return t("messagingModels.headline.oneGroup", { group: view.consumers[0]?.group ?? "" });
    case "group-each":
      return t("messagingModels.headline.groupEach", { count: view.consumers.length });
    case "share-group":
      return t("messagingModels.headline.shareGroup", { group: view.consumers[0]?.group ?? "" });
  }
}

function partitionsText(view: MessagingView, partitions: readonly number[]): string {
  return partitions.map((p) => `${view.topic}-${p}`).join(", ");
}

/** A consumer's state in words: what it reads, or why it reads nothing. */
export function consumerStatusText(box: ConsumerBox, view: MessagingView, short = false): string {
  switch (box.status) {
    case "waiting":
      return t("messagingModels.status.waiting");
    case "joining":
      return t("messagingModels.status.joining");
    case "crashed":
      return t("messagingModels.status.crashed");
    case "idle":
      return short ? t("messagingModels.status.idleShort") : t("messagingModels.status.idle", { partitions: view.partitions.length });
    case "reading":
      return short && box.partitions.length > 2 ? t("messagingModels.status.readingMany", { count: box.partitions.length }) : t("messagingModels.status.reading", { partitions: partitionsText(view, box.partitions) });
  }
}

/** A share-partition record's state in words (the tooltip and the description). */
export function shareStateText(state: ShareState, deliveryCount: number, holder: string | null): string {
  switch (state) {
    case "available":
      return t("messagingModels.share.available");
    case "acquired":
      return t("messagingModels.share.acquired", { holder: holder ?? "?", delivery: deliveryCount });
    case "acknowledged":
      return t("messagingModels.share.acknowledged", { delivery: deliveryCount });
    case "available-again":
      return t("messagingModels.share.availableAgain", { delivery: deliveryCount });
    case "archived":
      return t("messagingModels.share.archived", { delivery: deliveryCount });
  }
}

export function describeMessagingModels(view: MessagingView): string {
  const parts = [`${modelHeadline(view)}.`];
  parts.push(t("messagingModels.describe.topic", { topic: view.topic, partitions: view.partitions.length, produced: view.produced }));
  for (const box of view.consumers) {
    parts.push(t("messagingModels.describe.consumer", { client: box.client, group: box.group, status: consumerStatusText(box, view), count: box.received.length }));
  }
  if (view.distinctDelivered > 0) parts.push(t("messagingModels.describe.copies", { copies: view.copiesPerRecord, records: view.distinctDelivered }));
  if (view.model === "share-group") {
    const counts = new Map<ShareState, number>();
    for (const row of view.partitions) for (const r of row.records) if (r.share) counts.set(r.share.state, (counts.get(r.share.state) ?? 0) + 1);
    const states = (["acquired", "acknowledged", "available-again", "archived", "available"] as const)
      .filter((s) => (counts.get(s) ?? 0) > 0)
      .map((s) => t(`messagingModels.describe.state.${s === "available-again" ? "availableAgain" : s}`, { count: counts.get(s) ?? 0 }));
    if (states.length > 0) parts.push(t("messagingModels.describe.states", { states: states.join(", ") }));
    if (view.redelivered > 0) parts.push(t("messagingModels.describe.redelivered", { count: view.redelivered }));
  }
  return parts.join(" ");
}
