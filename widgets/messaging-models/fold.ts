import type { Scenario, TraceEvent } from "../../engine/index";
import { modelOf, SHARE_GROUP, TOPIC, type Model } from "./scene";

/**
 * The messaging-models view at time t: the topic's partitions as logs, the consumers and the
 * records each one received, folded from the trace alone. A record is delivered when a
 * consumer's poll() returns it (consumer.poll, share.poll); in a share group the fold also
 * follows each record's state on the share-partition leader (share.acquired, .acknowledged,
 * .lock-expired, .archived).
 */

/** A share-partition record's state (Kafka's RecordState, with AVAILABLE split by history). */
export type ShareState = "available" | "acquired" | "acknowledged" | "available-again" | "archived";

export interface LogRecord {
  id: string;
  offset: number;
  /** Index of the record's key among the scene's keys (its colour). */
  keyIndex: number;
  key: string;
  /** "A3": the key's letter and the offset, the same on the log and on every copy. */
  label: string;
  /** Share groups only: where the record stands, how often it was delivered, who holds it. */
  share: { state: ShareState; deliveryCount: number; holder: string | null } | null;
}

export interface PartitionRow {
  partition: number;
  key: string;
  keyIndex: number;
  records: LogRecord[];
  /** Consumers (client names) that are assigned this partition now. */
  readers: string[];
}

export interface Delivery {
  id: string;
  tMs: number;
  partition: number;
  offset: number;
  label: string;
  keyIndex: number;
  /** 1 for a first delivery; more when a share group delivers the record again. */
  deliveryCount: number;
}

export type ConsumerStatus = "waiting" | "joining" | "reading" | "idle" | "crashed";

export interface ConsumerBox {
  client: string;
  group: string;
  status: ConsumerStatus;
  /** Partitions assigned now. */
  partitions: number[];
  received: Delivery[];
}

export interface MessagingView {
  model: Model;
  topic: string;
  tMs: number;
  partitions: PartitionRow[];
  consumers: ConsumerBox[];
  /** Records acknowledged to the producers so far. */
  produced: number;
  /** All deliveries, every copy counted. */
  deliveries: number;
  /** Records delivered at least once. */
  distinctDelivered: number;
  /** Deliveries per record delivered (1 in one group, N across N groups). */
  copiesPerRecord: number;
  /** Share groups: records accepted, and accepted more than once (should stay 0). */
  acknowledged: number;
  acknowledgedTwice: number;
  /** Share groups: records delivered more than once (after a crash or a release). */
  redelivered: number;
}

const tpOf = (key: string): number | null => {
  const m = /^(.*)-(\d+)$/.exec(key);
  return m && m[1] === TOPIC ? Number(m[2]) : null;
};

/** The key of each producer client, in partition order (the scene gives each producer one key). */
function keysByProducer(scenario: Scenario): Map<string, { key: string; index: number }> {
  const map = new Map<string, { key: string; index: number }>();
  let index = 0;
  for (const w of scenario.workload) {
    if (w.type !== "produce" && w.type !== "producer") continue;
    const key = w.type === "produce" ? (w.key ?? "") : (w.keys?.[0] ?? "");
    map.set(w.client, { key, index: index++ });
  }
  return map;
}

export function foldMessagingModels(trace: readonly TraceEvent[], tMs: number, scenario: Scenario): MessagingView {
  const model = modelOf(scenario);
  const partitionCount = scenario.topics.find((topic) => topic.name === TOPIC)?.partitions ?? 1;
  const producers = keysByProducer(scenario);
  const rows: PartitionRow[] = Array.from({ length: partitionCount }, (_, p) => {
    const entry = [...producers.values()][p];
    return { partition: p, key: entry?.key ?? "", keyIndex: entry?.index ?? p, records: [], readers: [] };
  });
  const byId = new Map<string, LogRecord & { partition: number }>();
  const byOffset = new Map<string, LogRecord>();

  const consumers = new Map<string, ConsumerBox>();
  for (const w of scenario.workload) {
    if (w.type !== "consumer" && w.type !== "share-consumer") continue;
    consumers.set(w.client, { client: w.client, group: w.groupId ?? "", status: "waiting", partitions: [], received: [] });
  }
  const memberToClient = new Map<string, string>();
  let shareAssignment: Record<string, string[]> = {};
  let produced = 0;
  /** Share groups: how often each record was accepted. */
  const ackCount = new Map<string, number>();

  for (const e of trace) {
    if (e.t > tMs) break;
    switch (e.type) {
      case "replica.append": {
        if (e.topic !== TOPIC) break;
        const row = rows[e.partition];
        if (!row) break;
        e.ids.forEach((id, i) => {
          const offset = e.baseOffset + i;
          if (byId.has(id)) return;
          const producer = producers.get(id.slice(0, id.lastIndexOf("#")));
          const key = producer?.key ?? row.key;
          const record = { id, offset, key, keyIndex: producer?.index ?? row.keyIndex, label: `${(key[0] ?? "?").toUpperCase()}${offset}`, share: model === "share-group" ? { state: "available" as ShareState, deliveryCount: 0, holder: null } : null, partition: e.partition };
          byId.set(id, record);
          byOffset.set(`${e.partition}:${offset}`, record);
          row.records.push(record);
        });
        break;
      }
      case "produce.acked":
        if (e.topic === TOPIC) produced += e.count;
        break;
      case "consumer.started": {
        const box = consumers.get(e.client);
        if (box) box.status = "joining";
        break;
      }
      case "consumer.assigned": {
        const box = consumers.get(e.client);
        if (!box) break;
        box.partitions = e.partitions.map(tpOf).filter((p): p is number => p !== null);
        box.status = box.partitions.length > 0 ? "reading" : "idle";
        break;
      }
      case "consumer.revoked":
      case "consumer.lost": {
        const box = consumers.get(e.client);
        if (!box || box.status === "crashed") break;
        box.partitions = box.partitions.filter((p) => !e.partitions.includes(`${TOPIC}-${p}`));
        if (box.partitions.length === 0) box.status = "joining";
        break;
      }
      case "consumer.crash":
      case "consumer.closed": {
        const box = consumers.get(e.client);
        if (!box) break;
        box.status = "crashed";
        box.partitions = [];
        break;
      }
      case "consumer.poll": {
        const box = consumers.get(e.client);
        if (!box) break;
        for (const id of e.ids) deliver(box, id, e.t, 1);
        break;
      }
      case "share.client": {
        memberToClient.set(e.member, e.client);
        const box = consumers.get(e.client);
        if (!box) break;
        if (e.change === "subscribed") box.status = "joining";
        else {
          box.status = "crashed";
          box.partitions = [];
        }
        break;
      }
      case "share.assignment":
        if (e.group !== SHARE_GROUP) break;
        shareAssignment = e.assignment;
        applyShareAssignment();
        break;
      case "share.member":
        if (e.change !== "joined") {
          // A member the coordinator removed holds nothing any more.
          const client = memberToClient.get(e.member);
          const box = client ? consumers.get(client) : undefined;
          if (box) box.partitions = [];
        }
        break;
      case "share.poll": {
        const box = consumers.get(e.client);
        if (!box) break;
        for (const id of e.ids) deliver(box, id, e.t, byId.get(id)?.share?.deliveryCount ?? 1);
        break;
      }
      case "share.acquired":
        e.offsets.forEach((offset) => {
          const r = byOffset.get(`${e.partition}:${offset}`);
          if (r?.share) r.share = { state: "acquired", deliveryCount: e.deliveryCount, holder: memberToClient.get(e.member) ?? null };
        });
        break;
      case "share.acknowledged":
        for (const offset of e.offsets) {
          const r = byOffset.get(`${e.partition}:${offset}`);
          if (!r?.share) continue;
          const state: ShareState = e.ackType === "ACCEPT" ? "acknowledged" : e.ackType === "RELEASE" ? "available-again" : "archived";
          if (state === "acknowledged") ackCount.set(r.id, (ackCount.get(r.id) ?? 0) + 1);
          r.share = { ...r.share, state, holder: null };
        }
        break;
      case "share.lock-expired":
        for (const offset of e.offsets) {
          const r = byOffset.get(`${e.partition}:${offset}`);
          if (r?.share && r.share.state === "acquired") r.share = { ...r.share, state: "available-again", holder: null };
        }
        break;
      case "share.archived":
        for (const offset of e.offsets) {
          const r = byOffset.get(`${e.partition}:${offset}`);
          if (r?.share && r.share.state !== "acknowledged") r.share = { ...r.share, state: "archived", holder: null };
        }
        break;
      default:
        break;
    }
  }

  function deliver(box: ConsumerBox, id: string, t: number, deliveryCount: number): void {
    const r = byId.get(id);
    if (!r) return;
    box.received.push({ id, tMs: t, partition: r.partition, offset: r.offset, label: r.label, keyIndex: r.keyIndex, deliveryCount });
  }

  function applyShareAssignment(): void {
    for (const box of consumers.values()) if (box.status !== "crashed") box.partitions = [];
    for (const [member, tps] of Object.entries(shareAssignment)) {
      const box = consumers.get(memberToClient.get(member) ?? "");
      if (!box || box.status === "crashed") continue;
      box.partitions = tps.map(tpOf).filter((p): p is number => p !== null);
      box.status = box.partitions.length > 0 ? "reading" : "idle";
    }
  }

  for (const box of consumers.values()) for (const p of box.partitions) rows[p]?.readers.push(box.client);

  const copies = new Map<string, number>();
  let deliveries = 0;
  for (const box of consumers.values()) {
    for (const d of box.received) {
      copies.set(d.id, (copies.get(d.id) ?? 0) + 1);
      deliveries++;
    }
  }
  const acks = [...ackCount.values()];
  return {
    model,
    topic: TOPIC,
    tMs,
    partitions: rows,
    consumers: [...consumers.values()],
    produced,
    deliveries,
    distinctDelivered: copies.size,
    copiesPerRecord: copies.size === 0 ? 0 : Math.round((deliveries / copies.size) * 10) / 10,
    acknowledged: acks.length,
    acknowledgedTwice: acks.filter((n) => n > 1).length,
    redelivered: [...byId.values()].filter((r) => (r.share?.deliveryCount ?? 0) > 1).length,
  };
}
