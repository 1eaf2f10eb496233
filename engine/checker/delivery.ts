import type { BrokerId, TraceEvent } from "../kernel/trace.js";

/** Why an acknowledged record is gone. */
export type LossCause = "unclean-leader-election" | "acked-before-replication" | "truncated-after-failover" | "never-appended";

export interface LostRecord {
  id: string;
  topic: string;
  partition: number;
  ackedAtMs: number;
  acks: string;
  cause: LossCause;
  /** A sentence a reader can follow, naming brokers, epochs and times. */
  explanation: string;
}

export interface DuplicatedRecord {
  id: string;
  topic: string;
  partition: number;
  offsets: number[];
  explanation: string;
}

export interface ReorderedRecord {
  id: string;
  /** The record that was sent earlier but stored later. */
  before: string;
  topic: string;
  partition: number;
  explanation: string;
}

export interface DeliveryVerdict {
  lost: LostRecord[];
  duplicated: DuplicatedRecord[];
  reordered: ReorderedRecord[];
  /** Acknowledged records currently on no live leader (the partition is offline), not counted as lost. */
  unavailable: string[];
}

interface Acked {
  t: number;
  topic: string;
  partition: number;
  acks: string;
  from: BrokerId | null;
}

const key = (topic: string, partition: number) => `${topic}-${partition}`;

/**
 * The delivery checker: a fold over the trace (it never looks inside the engine) that names
 * every acknowledged record missing from the partition's final leader log (lost), every
 * record stored twice (duplicated) and every pair stored out of send order (reordered), each
 * with its cause. Needs a trace at level "full" (record ids are part of append events).
 */
export function checkDelivery(events: readonly TraceEvent[]): DeliveryVerdict {
  const acked = new Map<string, Acked>();
  const logs = new Map<string, (string | undefined)[]>(); // "broker|topic-partition" -> ids by offset
  const logStart = new Map<string, number>();
  const leaders = new Map<string, { leader: BrokerId | null; isr: BrokerId[] }>();
  const truncations = new Map<string, { t: number; broker: BrokerId; reason: string }>();
  const elections: { t: number; topic: string; partition: number; leader: BrokerId | null; epoch: number; kind: string }[] = [];
  const deletedTopics = new Set<string>();

  for (const e of events) {
    switch (e.type) {
      case "produce.acked":
        for (const id of e.ids) if (!acked.has(id)) acked.set(id, { t: e.t, topic: e.topic, partition: e.partition, acks: e.acks, from: e.from });
        break;
      case "replica.append": {
        const k = `${e.broker}|${key(e.topic, e.partition)}`;
        const log = logs.get(k) ?? [];
        e.ids.forEach((id, i) => (log[e.baseOffset + i] = id));
        logs.set(k, log);
        break;
      }
      case "replica.truncate": {
        const k = `${e.broker}|${key(e.topic, e.partition)}`;
        const log = logs.get(k);
        if (log) log.length = Math.min(log.length, e.toOffset);
        for (const id of e.lostIds) truncations.set(id, { t: e.t, broker: e.broker, reason: e.reason });
        break;
      }
      case "log.segment-deleted":
        logStart.set(`${e.broker}|${key(e.topic, e.partition)}`, e.logStartOffset);
        break;
      case "partition.leader":
        leaders.set(key(e.topic, e.partition), { leader: e.leader, isr: e.isr });
        elections.push({ t: e.t, topic: e.topic, partition: e.partition, leader: e.leader, epoch: e.leaderEpoch, kind: e.election });
        break;
      case "topic.deleted":
        deletedTopics.add(e.topic);
        break;
      default:
        break;
    }
  }

  const verdict: DeliveryVerdict = { lost: [], duplicated: [], reordered: [], unavailable: [] };
  const finalLogs = new Map<string, { ids: (string | undefined)[]; start: number } | null>();
  for (const [tp, state] of leaders) {
    const leader = state.leader;
    finalLogs.set(tp, leader === null ? null : { ids: logs.get(`${leader}|${tp}`) ?? [], start: logStart.get(`${leader}|${tp}`) ?? 0 });
  }
  const present = new Map<string, Set<string>>();
  for (const [tp, log] of finalLogs) present.set(tp, new Set(log ? (log.ids.filter(Boolean) as string[]) : []));

  for (const [id, a] of acked) {
    const tp = key(a.topic, a.partition);
    if (deletedTopics.has(a.topic)) continue;
    const log = finalLogs.get(tp);
    if (log === null) {
      verdict.unavailable.push(id);
      continue;
    }
    if (present.get(tp)?.has(id)) continue;
    if (log && wasRetained(id, tp, logs, log.start, leaders.get(tp)?.leader ?? null)) continue;
    verdict.lost.push(explainLoss(id, a, truncations.get(id), elections));
  }

  for (const [tp, log] of finalLogs) {
    if (!log) continue;
    const [topic, partition] = splitTp(tp);
    const offsetsById = new Map<string, number[]>();
    const lastSeqByClient = new Map<string, { seq: number; id: string }>();
    log.ids.forEach((id, offset) => {
      if (!id) return;
      const list = offsetsById.get(id) ?? [];
      list.push(offset);
      offsetsById.set(id, list);
      const [client, seqText] = id.split("#");
      const seq = Number(seqText);
      const last = lastSeqByClient.get(client);
      if (last && seq < last.seq && list.length === 1) {
        verdict.reordered.push({ id, before: last.id, topic, partition, explanation: `${id} was sent before ${last.id} but stored after it (offset ${offset})` });
      }
      if (!last || seq > last.seq) lastSeqByClient.set(client, { seq, id });
    });
    for (const [id, offsets] of offsetsById) {
      if (offsets.length > 1) verdict.duplicated.push({ id, topic, partition, offsets, explanation: `${id} is stored ${offsets.length} times, at offsets ${offsets.join(", ")}: a produce request was retried after its first attempt had been written` });
    }
  }
  return verdict;
}

function splitTp(tp: string): [string, number] {
  const i = tp.lastIndexOf("-");
  return [tp.slice(0, i), Number(tp.slice(i + 1))];
}

/** A record below the final leader's log start offset was removed by retention, not lost. */
function wasRetained(id: string, tp: string, logs: Map<string, (string | undefined)[]>, start: number, leader: BrokerId | null): boolean {
  if (leader === null || start === 0) return false;
  const log = logs.get(`${leader}|${tp}`) ?? [];
  for (let offset = 0; offset < Math.min(start, log.length); offset++) if (log[offset] === id) return true;
  return false;
}

function explainLoss(
  id: string,
  a: Acked,
  truncation: { t: number; broker: BrokerId; reason: string } | undefined,
  elections: { t: number; topic: string; partition: number; leader: BrokerId | null; epoch: number; kind: string }[],
): LostRecord {
  const base = { id, topic: a.topic, partition: a.partition, ackedAtMs: a.t, acks: a.acks };
  const later = elections.filter((e) => e.topic === a.topic && e.partition === a.partition && e.t >= a.t && e.leader !== null);
  const unclean = later.find((e) => e.kind === "unclean");
  if (unclean) {
    return {
      ...base,
      cause: "unclean-leader-election",
      explanation: `${id} was acknowledged (acks=${a.acks}) at ${a.t} ms, then broker ${unclean.leader} became leader at ${unclean.t} ms in an unclean election (epoch ${unclean.epoch}) without having it${truncation ? `; broker ${truncation.broker} truncated it at ${truncation.t} ms` : ""}.`,
    };
  }
  if (a.acks !== "all") {
    const next = later[0];
    return {
      ...base,
      cause: "acked-before-replication",
      explanation: `${id} was acknowledged with acks=${a.acks} at ${a.t} ms by the leader alone${a.from !== null ? ` (broker ${a.from})` : ""}; ${next ? `broker ${next.leader} became leader at ${next.t} ms before copying it` : "the leader failed before any follower copied it"}${truncation ? `, and broker ${truncation.broker} truncated it at ${truncation.t} ms` : ""}.`,
    };
  }
  if (truncation) {
    return { ...base, cause: "truncated-after-failover", explanation: `${id} was acknowledged at ${a.t} ms, then truncated on broker ${truncation.broker} at ${truncation.t} ms (${truncation.reason}).` };
  }
  return { ...base, cause: "never-appended", explanation: `${id} was reported sent (acks=${a.acks}) at ${a.t} ms but no leader ever stored it.` };
}
