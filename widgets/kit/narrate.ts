import type { TraceEvent, TraceEventOf, TraceEventType } from "../../engine/index";
import { t, type MessageKey } from "../../content/i18n/t";
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
    // ---- Groups, offsets, share groups and consumers (the consumer chapters' events) ----------
    case "group.state":
      return t("event.group.state", { group: event.group, broker: event.coordinator, from: event.from, to: event.to, generation: event.generation, reason: event.reason });
    case "group.member":
      return t(groupMemberKey(event.change), { member: formatMember(event.member), group: event.group, reason: event.reason });
    case "group.rebalance":
      return t("event.group.rebalance", { group: event.group, generation: event.generation, count: event.members.length, protocol: event.protocol, leader: formatMember(event.leader) });
    case "group.assignment":
      return t("event.group.assignment", { group: event.group, generation: event.generation, assignment: assignmentText(event.assignment) });
    case "offset.commit":
      return event.result === "NONE"
        ? t("event.offset.commit", { group: event.group, offset: event.offset, tp: formatTopicPartition(event.topic, event.partition), member: formatMember(event.member) })
        : t("event.offset.commit.failed", { group: event.group, offset: event.offset, tp: formatTopicPartition(event.topic, event.partition), result: event.result });
    case "coordinator.moved":
      return event.from === null
        ? t("event.coordinator.moved.new", { group: event.group, to: event.to })
        : t("event.coordinator.moved", { group: event.group, from: event.from, to: event.to });
    case "share.acquired":
      return t("event.share.acquired", { broker: event.broker, offsets: formatOffsetRange(event.firstOffset, event.lastOffset), tp: formatTopicPartition(event.topic, event.partition), member: formatMember(event.member), group: event.group, delivery: event.deliveryCount });
    case "share.acknowledged":
      return t("event.share.acknowledged", { member: formatMember(event.member), count: event.count, tp: formatTopicPartition(event.topic, event.partition), ackType: event.ackType, group: event.group });
    case "share.lock-expired":
      return t("event.share.lock-expired", { count: event.count, tp: formatTopicPartition(event.topic, event.partition), member: formatMember(event.member), group: event.group });
    case "share.archived":
      return t("event.share.archived", { count: event.count, tp: formatTopicPartition(event.topic, event.partition), group: event.group, reason: event.reason });
    case "share.start-offset":
      return t("event.share.start-offset", { group: event.group, tp: formatTopicPartition(event.topic, event.partition), start: event.startOffset, end: event.endOffset });
    case "share.member":
      return t(shareMemberKey(event.change), { member: formatMember(event.member), group: event.group, memberEpoch: event.memberEpoch, groupEpoch: event.groupEpoch });
    case "share.assignment":
      return t("event.share.assignment", { group: event.group, epoch: event.groupEpoch, assignment: assignmentText(event.assignment) });
    case "share.poll":
      return t("event.share.poll", { client: event.client, count: event.count, group: event.group });
    case "share.client":
      return t(event.change === "subscribed" ? "event.share.client.subscribed" : event.change === "crashed" ? "event.share.client.crashed" : "event.share.client.closed", { client: event.client, group: event.group });
    case "consumer.state":
      return t("event.consumer.state", { client: event.client, from: event.from, to: event.to, generation: event.generation });
    case "consumer.coordinator":
      return event.coordinator === null
        ? t("event.consumer.coordinator.none", { client: event.client, group: event.group, reason: event.reason })
        : t("event.consumer.coordinator", { client: event.client, group: event.group, broker: event.coordinator, reason: event.reason });
    case "consumer.join":
      return t(event.member === event.leader ? "event.consumer.join.leader" : "event.consumer.join", { client: event.client, group: event.group, generation: event.generation, member: formatMember(event.member), leader: formatMember(event.leader), protocol: event.protocol });
    case "consumer.assigned":
      return event.partitions.length === 0
        ? t("event.consumer.assigned.none", { client: event.client, generation: event.generation })
        : t("event.consumer.assigned", { client: event.client, partitions: partitionsText(event.partitions), added: partitionsText(event.added), generation: event.generation });
    case "consumer.revoked":
      return t("event.consumer.revoked", { client: event.client, partitions: partitionsText(event.partitions), reason: event.reason });
    case "consumer.lost":
      return t("event.consumer.lost", { client: event.client, partitions: partitionsText(event.partitions), reason: event.reason });
    case "consumer.poll":
      return t("event.consumer.poll", { client: event.client, count: event.count });
    case "consumer.process":
      return t("event.consumer.process", { client: event.client, id: event.id, offset: event.offset, tp: formatTopicPartition(event.topic, event.partition) });
    case "consumer.commit":
      return event.result === "NONE"
        ? t("event.consumer.commit", { client: event.client, kind: event.kind, offsets: offsetsText(event.offsets) })
        : t("event.consumer.commit.failed", { client: event.client, kind: event.kind, offsets: offsetsText(event.offsets), result: event.result, detail: event.detail });
    case "consumer.crash":
      return t("event.consumer.crash", { client: event.client, step: event.step, committed: offsetsText(event.committed) });
    case "consumer.started":
      return t(event.reason === "restart" ? "event.consumer.started.restart" : "event.consumer.started", { client: event.client, group: event.group === "" ? t("event.consumer.noGroup") : event.group });
    case "consumer.closed":
      return t("event.consumer.closed", { client: event.client, reason: event.reason });
    case "consumer.stall":
      return t("event.consumer.stall", { client: event.client, ms: event.durationMs });
    case "consumer.leave":
      return t("event.consumer.leave", { client: event.client, group: event.group, reason: event.reason });
    case "consumer.seek":
      return t("event.consumer.seek", { client: event.client, tp: formatTopicPartition(event.topic, event.partition), offset: event.offset, reason: event.reason });
    case "consumer.reset":
      return t("event.consumer.reset", { client: event.client, tp: formatTopicPartition(event.topic, event.partition), offset: event.offset, policy: event.policy, reason: event.reason });
    case "consumer.error":
      return t("event.consumer.error", { client: event.client, exception: event.exception, message: event.message });
    case "producer.created":
      return t("event.producer.created", { client: event.client, config: configText(pick(event.config, ["acks", "batch.size", "linger.ms", "buffer.memory", "max.in.flight.requests.per.connection", "enable.idempotence"])) });
    case "producer.record":
      return producerRecordText(event);
    case "producer.batch":
      return t("event.producer.batch", { batch: event.batch, tp: formatTopicPartition(event.topic, event.partition), state: event.state, count: event.count, bytes: event.bytes, reason: event.reason });
    case "producer.buffer":
      return t(event.waiting > 0 ? "event.producer.buffer.waiting" : "event.producer.buffer", { client: event.client, used: event.usedBytes, total: event.totalBytes, waiting: event.waiting });
    case "producer.request":
      return producerRequestText(event);
    case "producer.init-id":
      return event.from === null
        ? t("event.producer.init-id.bump", { client: event.client, producerId: event.producerId, epoch: event.producerEpoch })
        : t("event.producer.init-id", { client: event.client, producerId: event.producerId, epoch: event.producerEpoch, broker: event.from });
    default:
      return unreachable(event);
  }
}

/**
 * Per-message chatter (every follower fetch, every dropped packet, every watch set): kept in
 * the trace and narrated on request, but hidden from the event log by default and never
 * read aloud, so the story stays readable.
 */
const noisyTypes: ReadonlySet<TraceEventType> = new Set(["replica.fetch", "network.dropped", "zk.watch.set", "controller.state", "metadata.updated", "consumer.process", "consumer.state", "producer.record", "producer.buffer"]);

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

// ---- Groups and consumers ----------------------------------------------------------------------

/** A member id as Kafka makes it ("consumer-0-" + a UUID), shortened to the client and the UUID's first four digits. */
export function formatMember(member: string): string {
  const match = /^(.*)-([0-9a-f]{4})[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.exec(member);
  return match ? `${match[1]}-${match[2]}…` : member === "" ? "?" : member;
}

function groupMemberKey(change: "joined" | "left" | "expired" | "fenced"): MessageKey {
  switch (change) {
    case "joined":
      return "event.group.member.joined";
    case "left":
      return "event.group.member.left";
    case "expired":
      return "event.group.member.expired";
    case "fenced":
      return "event.group.member.fenced";
  }
}

function shareMemberKey(change: "joined" | "left" | "expired" | "fenced"): MessageKey {
  switch (change) {
    case "joined":
      return "event.share.member.joined";
    case "left":
      return "event.share.member.left";
    case "expired":
      return "event.share.member.expired";
    case "fenced":
      return "event.share.member.fenced";
  }
}

/** "orders-0, orders-1", or "none". */
function partitionsText(partitions: readonly string[]): string {
  return partitions.length === 0 ? t("event.partitions.none") : partitions.join(", ");
}

/** "consumer-0-3f2a…: orders-0, orders-1; consumer-1-9bc0…: orders-2". */
function assignmentText(assignment: Record<string, string[]>): string {
  const entries = Object.entries(assignment);
  if (entries.length === 0) return t("event.partitions.none");
  return entries.map(([member, partitions]) => `${formatMember(member)}: ${partitionsText(partitions)}`).join("; ");
}

/** "orders-0 → 12, orders-1 → 7" (the next offsets to read), or "nothing". */
function offsetsText(offsets: Record<string, number>): string {
  const entries = Object.entries(offsets);
  if (entries.length === 0) return t("event.offsets.none");
  return entries.map(([tp, offset]) => `${tp} → ${offset}`).join(", ");
}

/** One step of KafkaProducer.send for one record (producer.record), in plain words. */
function producerRecordText(event: TraceEventOf<"producer.record">): string {
  const tp = event.partition >= 0 ? formatTopicPartition(event.topic, event.partition) : event.topic;
  const params = { client: event.client, id: event.id, key: event.key ?? t("event.producer.noKey"), tp, bytes: event.bytes ?? 0, detail: event.detail };
  switch (event.stage) {
    case "send":
      return t("event.producer.record.send", params);
    case "interceptor":
      return t("event.producer.record.interceptor", params);
    case "wait-metadata":
      return t("event.producer.record.wait-metadata", params);
    case "serialize":
      return t("event.producer.record.serialize", params);
    case "partition":
      return t("event.producer.record.partition", params);
    case "append":
      return t("event.producer.record.append", params);
    case "blocked":
      return t("event.producer.record.blocked", params);
    case "error":
      return t("event.producer.record.error", params);
  }
}

/** A produce request's life on the producer side (producer.request). */
function producerRequestText(event: TraceEventOf<"producer.request">): string {
  const params = { client: event.client, request: event.request, broker: event.to, count: event.batches.length, inFlight: event.inFlight, error: event.error ?? "" };
  switch (event.phase) {
    case "sent":
      return t("event.producer.request.sent", params);
    case "completed":
      return t("event.producer.request.completed", params);
    case "timed-out":
      return t("event.producer.request.timed-out", params);
    case "failed":
      return t("event.producer.request.failed", params);
  }
}

function pick(config: Record<string, string | number | boolean | null>, keys: readonly string[]): Record<string, string | number | boolean | null> {
  return Object.fromEntries(keys.filter((key) => key in config).map((key) => [key, config[key]]));
}
