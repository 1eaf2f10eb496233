import type { TraceEvent, TraceEventType } from "../../engine/index";
import { t } from "../../content/i18n/t";
import { formatList, formatNode, formatOffsetRange, formatTopicPartition } from "./format";

/**
 * Every trace event in plain words (i18n keys `event.<type>`), for the event log and the
 * aria-live narration. The switch is exhaustive: a new event type in the engine fails the
 * type check here until it has a sentence.
 */
export function narrate(event: TraceEvent): string | null {
  switch (event.type) {
    case "broker.started":
      return t("event.broker.started", { broker: event.broker });
    case "broker.crashed":
      return t("event.broker.crashed", { broker: event.broker });
    case "network.cut":
      return t("event.network.cut", { a: nodes(event.a), b: nodes(event.b) });
    case "network.healed":
      return t("event.network.healed");
    case "network.slowed":
      return event.extraLatencyMs > 0
        ? t("event.network.slowed", { node: formatNode(event.node), ms: event.extraLatencyMs })
        : t("event.network.slowed.restored", { node: formatNode(event.node) });
    case "network.responses-dropped":
      return event.ratio > 0
        ? t("event.network.responses-dropped", { node: formatNode(event.node), percent: Math.round(event.ratio * 100) })
        : t("event.network.responses-dropped.restored", { node: formatNode(event.node) });
    case "network.dropped":
      return t("event.network.dropped", { kind: event.kind, from: formatNode(event.from), to: formatNode(event.to), reason: dropReason(event.reason) });
    case "fault.skipped":
      return t("event.fault.skipped", { fault: event.fault, reason: event.reason });
    case "topic.config-changed":
      return t("event.topic.config-changed", { topic: event.topic, config: configText(event.config) });
    case "client.config-changed":
      return t("event.client.config-changed", { client: event.client, key: event.key, value: event.value });
    case "zk.session.created":
      return t("event.zk.session.created", { broker: event.broker, session: event.session, timeoutMs: event.timeoutMs });
    case "zk.session.expired":
      return t("event.zk.session.expired", { broker: event.broker, session: event.session });
    case "zk.node.created":
      return event.ephemeralOwner === null
        ? t("event.zk.node.created", { path: event.path, data: event.data })
        : t("event.zk.node.created.ephemeral", { path: event.path, broker: event.ephemeralOwner });
    case "zk.node.deleted":
      return event.why === "session-expired" ? t("event.zk.node.deleted.expired", { path: event.path }) : t("event.zk.node.deleted", { path: event.path });
    case "zk.node.changed":
      return t("event.zk.node.changed", { path: event.path, data: event.data });
    case "zk.watch.set":
      return t("event.zk.watch.set", { broker: event.broker, path: event.path });
    case "zk.watch.fired":
      return t("event.zk.watch.fired", { broker: event.broker, path: event.path, event: event.event });
    case "controller.state":
      return t("event.controller.state", { broker: event.broker, state: event.state });
    case "controller.attempt":
      return t("event.controller.attempt", { broker: event.broker });
    case "controller.lost-race":
      return event.winner === null
        ? t("event.controller.lost-race.unknown", { broker: event.broker })
        : t("event.controller.lost-race", { broker: event.broker, winner: event.winner });
    case "controller.elected":
      return t("event.controller.elected", { broker: event.broker, epoch: event.epoch });
    case "controller.resigned":
      return t("event.controller.resigned", { broker: event.broker, epoch: event.epoch });
    case "controller.broker-change":
      return t("event.controller.broker-change", { controller: event.controller, live: formatList(event.live), dead: formatList(event.dead), born: formatList(event.born) });
    case "metadata.updated":
      return t("event.metadata.updated", { broker: event.broker, controller: event.controller, epoch: event.controllerEpoch });
    case "request.rejected":
      return t("event.request.rejected", { broker: event.broker, request: event.request, error: event.error, detail: event.detail });
    case "topic.created":
      return t("event.topic.created", { topic: event.topic, partitions: event.partitions, replicationFactor: event.replicationFactor });
    case "topic.deleted":
      return t("event.topic.deleted", { topic: event.topic });
    case "topic.partitions-added":
      return t("event.topic.partitions-added", { topic: event.topic, from: event.from, to: event.to });
    case "admin.error":
      return t("event.admin.error", { op: event.op, topic: event.topic, error: event.error, message: event.message });
    case "partition.leader": {
      const tp = formatTopicPartition(event.topic, event.partition);
      if (event.leader === null) return t("event.partition.leader.none", { tp, epoch: event.leaderEpoch, isr: formatList(event.isr) });
      return t("event.partition.leader", { leader: event.leader, tp, epoch: event.leaderEpoch, election: electionText(event.election), isr: formatList(event.isr) });
    }
    case "partition.isr": {
      const params = { leader: event.leader, replica: event.replica, tp: formatTopicPartition(event.topic, event.partition), reason: event.reason, isr: formatList(event.isr) };
      return event.change === "shrink" ? t("event.partition.isr.shrink", params) : t("event.partition.isr.expand", params);
    }
    case "replica.role":
      return t("event.replica.role", { broker: event.broker, role: roleText(event.role), tp: formatTopicPartition(event.topic, event.partition), epoch: event.leaderEpoch });
    case "replica.append":
      return t("event.replica.append", { broker: event.broker, offsets: formatOffsetRange(event.baseOffset, event.lastOffset), tp: formatTopicPartition(event.topic, event.partition), leo: event.leo });
    case "replica.truncate":
      return t("event.replica.truncate", { broker: event.broker, tp: formatTopicPartition(event.topic, event.partition), fromLeo: event.fromLeo, toOffset: event.toOffset, count: event.fromLeo - event.toOffset, reason: event.reason });
    case "replica.hw":
      return event.hw > 0
        ? t("event.replica.hw", { broker: event.broker, hw: event.hw, last: event.hw - 1 })
        : t("event.replica.hw.zero", { broker: event.broker });
    case "replica.fetch":
      return t("event.replica.fetch", { broker: event.broker, tp: formatTopicPartition(event.topic, event.partition), leader: event.leader, offset: event.fetchOffset });
    case "log.rolled":
      return t("event.log.rolled", { broker: event.broker, tp: formatTopicPartition(event.topic, event.partition), file: event.file, offset: event.baseOffset });
    case "log.segment-deleted":
      return t("event.log.segment-deleted", { broker: event.broker, tp: formatTopicPartition(event.topic, event.partition), file: event.file, reason: event.reason, logStartOffset: event.logStartOffset });
    case "produce.sent":
      return t("event.produce.sent", { client: event.client, count: event.count, broker: event.to, tp: formatTopicPartition(event.topic, event.partition), acks: event.acks });
    case "produce.acked":
      return event.from === null
        ? t("event.produce.acked.zero", { client: event.client, count: event.count })
        : t("event.produce.acked", { broker: event.from, count: event.count, client: event.client, offset: event.baseOffset, acks: event.acks });
    case "produce.failed":
      return t("event.produce.failed", { client: event.client, count: event.count, tp: formatTopicPartition(event.topic, event.partition), error: event.error, detail: event.detail });
    case "produce.duplicate":
      return t("event.produce.duplicate", { broker: event.broker, tp: formatTopicPartition(event.topic, event.partition), producerId: event.producerId, first: event.firstSeq, last: event.lastSeq, offset: event.baseOffset });
    case "produce.rejected-sequence":
      return event.error === "OUT_OF_ORDER_SEQUENCE_NUMBER"
        ? t("event.produce.rejected-sequence", { broker: event.broker, tp: formatTopicPartition(event.topic, event.partition), producerId: event.producerId, first: event.firstSeq, expected: event.expectedSeq })
        : t("event.produce.rejected-epoch", { broker: event.broker, tp: formatTopicPartition(event.topic, event.partition), producerId: event.producerId, epoch: event.producerEpoch, error: event.error });
    case "producer.id-allocated":
      return t("event.producer.id-allocated", { broker: event.broker, producerId: event.producerId, epoch: event.producerEpoch });
    case "producer.id-block":
      return t("event.producer.id-block", { broker: event.broker, first: event.firstProducerId, last: event.lastProducerId });
    case "consume.read":
      return t("event.consume.read", { client: event.client, offsets: formatOffsetRange(event.fromOffset, event.toOffset), tp: formatTopicPartition(event.topic, event.partition), broker: event.from, hw: event.hw });
    case "client.metadata":
      return t("event.client.metadata", { client: event.client, broker: event.from, leaders: leadersText(event.leaders) });
    default:
      return unreachable(event);
  }
}

/**
 * Per-message chatter (every follower fetch, every dropped packet, every watch set): kept in
 * the trace and narrated on request, but hidden from the event log by default and never
 * read aloud, so the story stays readable.
 */
const noisyTypes: ReadonlySet<TraceEventType> = new Set(["replica.fetch", "network.dropped", "zk.watch.set", "controller.state", "metadata.updated"]);

export function isNoisy(event: TraceEvent): boolean {
  return noisyTypes.has(event.type);
}

function unreachable(event: never): never {
  throw new Error(`narrate: no sentence for trace event ${JSON.stringify(event)}; add a case and an i18n key event.<type>`);
}

function nodes(list: readonly string[]): string {
  return list.map(formatNode).join(", ");
}

function dropReason(reason: string): string {
  switch (reason) {
    case "cut":
      return t("event.dropReason.cut");
    case "random-drop":
      return t("event.dropReason.random");
    case "response-drop":
      return t("event.dropReason.response");
    case "receiver-down":
      return t("event.dropReason.down");
    default:
      return reason;
  }
}

function electionText(kind: "initial" | "clean" | "unclean" | "none" | "isr-change" | "reassign"): string {
  switch (kind) {
    case "initial":
      return t("event.election.initial");
    case "clean":
      return t("event.election.clean");
    case "unclean":
      return t("event.election.unclean");
    case "none":
      return t("event.election.none");
    case "isr-change":
      return t("event.election.isrChange");
    case "reassign":
      return t("event.election.reassign");
  }
}

function roleText(role: "leader" | "follower" | "offline"): string {
  if (role === "leader") return t("role.leader");
  if (role === "follower") return t("role.follower");
  return t("role.offline");
}

function configText(config: Record<string, string | number | boolean | null>): string {
  return Object.entries(config)
    .map(([key, value]) => `${key}=${value === null ? "null" : String(value)}`)
    .join(", ");
}

function leadersText(leaders: Record<string, number | null>): string {
  const entries = Object.entries(leaders);
  if (entries.length === 0) return t("event.client.metadata.noLeaders");
  return entries.map(([tp, leader]) => `${tp} → ${leader === null ? t("role.none") : t("kit.brokerN", { broker: leader })}`).join(", ");
}
