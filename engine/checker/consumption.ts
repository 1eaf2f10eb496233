import type { TraceEvent } from "../kernel/trace.js";

/** Why a record was never processed by its group. */
export type ConsumptionLossCause = "committed-before-processing" | "deleted-by-retention" | "committed-without-processing";

/** Why a record was processed more than once. */
export type ConsumptionDuplicateCause = "crash-before-commit" | "rebalance-before-commit" | "poll-timeout" | "reprocessed";

export interface LostConsumption {
  group: string;
  id: string;
  topic: string;
  partition: number;
  offset: number;
  cause: ConsumptionLossCause;
  /** A sentence a reader can follow, naming the consumer, the step, the committed offset and the times. */
  explanation: string;
}

export interface DuplicatedConsumption {
  group: string;
  id: string;
  topic: string;
  partition: number;
  offset: number;
  /** Every processing of the record: by whom, when. */
  processings: { client: string; t: number }[];
  cause: ConsumptionDuplicateCause;
  explanation: string;
}

export interface ReorderedConsumption {
  group: string;
  id: string;
  topic: string;
  partition: number;
  offset: number;
  /** The later record of the same partition that finished processing first. */
  after: { id: string; offset: number };
  explanation: string;
}

export interface ConsumptionVerdict {
  lost: LostConsumption[];
  duplicated: DuplicatedConsumption[];
  reordered: ReorderedConsumption[];
}

interface Commit {
  t: number;
  client: string;
  offset: number;
}

interface ClientIncident {
  t: number;
  client: string;
  kind: "crash" | "revoked" | "lost" | "leave";
  detail: string;
  partitions: string[] | null;
}

/** A position moved by a seek or a reset: from where (null: no position known), to where, and why. */
interface PositionMove {
  t: number;
  client: string;
  from: number | null;
  to: number;
  /** How the trace said it, e.g. "seek(orders-0, 10) (consumer-seek at 6000 ms)" or "auto.offset.reset=earliest: ...". */
  how: string;
}

const tpOf = (topic: string, partition: number) => `${topic}-${partition}`;

/**
 * The consumption checker: a fold over the trace (like checkDelivery, it never looks inside the
 * engine) that names, per consumer group, every record processed twice (duplicated), every
 * record the group's committed offset moved past without anyone processing it (lost), and every
 * record that finished processing after a later record of its partition (reordered), each with
 * the consumer, the step it crashed at and the committed offset at the time.
 * Needs a trace at level "full" (consumer.process events carry the record ids).
 */
export function checkConsumption(events: readonly TraceEvent[]): ConsumptionVerdict {
  const idsByTp = new Map<string, Map<number, string>>();
  const commits = new Map<string, Commit[]>(); // "group|tp"
  const processed = new Map<string, Map<number, { client: string; t: number; id: string; worker: number }[]>>(); // "group|tp"
  const firstOrder = new Map<string, { offset: number; id: string; t: number; worker: number; client: string }>(); // "group|tp" -> max first-time offset so far
  const starts = new Map<string, number>(); // "group|tp" -> the first position the group started from
  const retentionSkips = new Map<string, { t: number; client: string; from: number; to: number }[]>();
  const incidents: ClientIncident[] = [];
  const positions = new Map<string, number>(); // "client|group|tp" -> the consumer's position as the trace shows it
  const moves = new Map<string, PositionMove[]>(); // "group|tp"
  const verdict: ConsumptionVerdict = { lost: [], duplicated: [], reordered: [] };

  for (const e of events) {
    switch (e.type) {
      case "replica.append": {
        const key = tpOf(e.topic, e.partition);
        let ids = idsByTp.get(key);
        if (!ids) idsByTp.set(key, (ids = new Map()));
        e.ids.forEach((id, i) => ids!.set(e.baseOffset + i, id));
        break;
      }
      case "consumer.commit": {
        if (e.result !== "NONE" || e.group === "") break;
        for (const [tp, offset] of Object.entries(e.offsets)) {
          const key = `${e.group}|${tp}`;
          const list = commits.get(key) ?? [];
          list.push({ t: e.t, client: e.client, offset });
          commits.set(key, list);
        }
        break;
      }
      case "consumer.seek":
      case "consumer.reset": {
        const key = `${e.group}|${tpOf(e.topic, e.partition)}`;
        if (e.type === "consumer.reset" && e.fromOffset !== null && e.offset > e.fromOffset && e.reason.includes("OFFSET_OUT_OF_RANGE")) {
          const list = retentionSkips.get(key) ?? [];
          list.push({ t: e.t, client: e.client, from: e.fromOffset, to: e.offset });
          retentionSkips.set(key, list);
        }
        if (!starts.has(key)) starts.set(key, e.offset);
        const at = `${e.client}|${key}`;
        const list = moves.get(key) ?? [];
        list.push({ t: e.t, client: e.client, from: positions.get(at) ?? null, to: e.offset, how: e.type === "consumer.seek" ? e.reason : `auto.offset.reset=${e.policy}: ${e.reason}` });
        moves.set(key, list);
        positions.set(at, e.offset);
        break;
      }
      case "consumer.poll":
        for (const r of e.ranges) positions.set(`${e.client}|${e.group}|${tpOf(r.topic, r.partition)}`, r.toOffset + 1);
        break;
      case "consumer.process": {
        const key = `${e.group}|${tpOf(e.topic, e.partition)}`;
        let byOffset = processed.get(key);
        if (!byOffset) processed.set(key, (byOffset = new Map()));
        const list = byOffset.get(e.offset) ?? [];
        list.push({ client: e.client, t: e.t, id: e.id, worker: e.worker });
        byOffset.set(e.offset, list);
        if (list.length === 1) {
          const max = firstOrder.get(key);
          if (max && e.offset < max.offset) {
            verdict.reordered.push({
              group: e.group,
              id: e.id,
              topic: e.topic,
              partition: e.partition,
              offset: e.offset,
              after: { id: max.id, offset: max.offset },
              explanation: `${e.id} (offset ${e.offset} of ${tpOf(e.topic, e.partition)}) finished processing at ${e.t} ms on worker ${e.worker} of ${e.client}, after ${max.id} (offset ${max.offset}) had finished at ${max.t} ms on worker ${max.worker}: records of one partition ran on different workers in parallel.`,
            });
          }
          if (!max || e.offset > max.offset) firstOrder.set(key, { offset: e.offset, id: e.id, t: e.t, worker: e.worker, client: e.client });
        }
        break;
      }
      case "consumer.crash":
        incidents.push({ t: e.t, client: e.client, kind: "crash", detail: e.step, partitions: null });
        break;
      case "consumer.revoked":
      case "consumer.lost":
        incidents.push({ t: e.t, client: e.client, kind: e.type === "consumer.revoked" ? "revoked" : "lost", detail: e.reason, partitions: e.partitions });
        break;
      case "consumer.leave":
        incidents.push({ t: e.t, client: e.client, kind: "leave", detail: e.reason, partitions: null });
        break;
      default:
        break;
    }
  }

  const committedAt = (key: string, t: number): number | null => {
    let result: number | null = null;
    for (const c of commits.get(key) ?? []) if (c.t <= t) result = c.offset;
    return result;
  };

  // Duplicates: processed more than once within one group.
  for (const [key, byOffset] of processed) {
    const [group, tp] = splitKey(key);
    const [topic, partition] = splitTp(tp);
    for (const [offset, list] of [...byOffset].sort((a, b) => a[0] - b[0])) {
      if (list.length < 2) continue;
      const first = list[0];
      const second = list[1];
      const incident = incidents.find((i) => i.client === first.client && i.t >= first.t && i.t <= second.t && (i.partitions === null || i.partitions.includes(tp)));
      const committed = incident ? committedAt(key, incident.t) : committedAt(key, second.t);
      const committedText = committed === null ? "the group had committed nothing for it" : `the group's committed offset for ${tp} was ${committed}`;
      const times = list.map((p) => `by ${p.client} at ${p.t} ms`).join(", ");
      let cause: ConsumptionDuplicateCause = "reprocessed";
      let why = `${committedText} when ${second.client} processed it again, so the record was read again from there`;
      // The application moved its position back over the record (a seek, or a reset) between the two processings.
      const back = (moves.get(key) ?? []).filter((m) => m.client === second.client && m.t >= first.t && m.t <= second.t && m.to <= offset && m.from !== null && m.from > offset).pop();
      if (back && !incident) why = `${back.client} moved its position back from ${back.from} to offset ${back.to} at ${back.t} ms (${back.how}), so it read the record again; ${committedText} then`;
      if (incident?.kind === "crash") {
        cause = "crash-before-commit";
        why = `${first.client} crashed at ${incident.t} ms (step ${incident.detail}) when ${committedText}, so the next owner resumed from there`;
      } else if (incident?.kind === "leave" && incident.detail.includes("poll timeout")) {
        cause = "poll-timeout";
        why = `${first.client} left the group at ${incident.t} ms (${incident.detail}, max.poll.interval.ms) when ${committedText}, so the next owner resumed from there`;
      } else if (incident) {
        cause = "rebalance-before-commit";
        why = `${first.client} ${incident.kind === "leave" ? "left the group" : `had the partition ${incident.kind}`} at ${incident.t} ms (${incident.detail}) when ${committedText}, so the next owner resumed from there`;
      }
      verdict.duplicated.push({
        group,
        id: first.id,
        topic,
        partition,
        offset,
        processings: list.map((p) => ({ client: p.client, t: p.t })),
        cause,
        explanation: `${first.id} (offset ${offset} of ${tp}) was processed ${list.length} times in group ${group}: ${times}; ${why}.`,
      });
    }
  }

  // Losses: below the group's final committed offset, at or above where it started, never processed.
  for (const [key, list] of commits) {
    const [group, tp] = splitKey(key);
    const [topic, partition] = splitTp(tp);
    const finalOffset = list[list.length - 1].offset;
    const start = starts.get(key) ?? 0;
    const ids = idsByTp.get(tp) ?? new Map<number, string>();
    const done = processed.get(key) ?? new Map();
    for (let offset = start; offset < finalOffset; offset++) {
      if (done.has(offset)) continue;
      const id = ids.get(offset);
      if (id === undefined) continue;
      const skip = (retentionSkips.get(key) ?? []).find((s) => offset >= s.from && offset < s.to);
      if (skip) {
        verdict.lost.push({
          group,
          id,
          topic,
          partition,
          offset,
          cause: "deleted-by-retention",
          explanation: `${id} (offset ${offset} of ${tp}) was never processed in group ${group}: retention deleted it before ${skip.client} read it, and at ${skip.t} ms the position ${skip.from} was out of range, so auto.offset.reset moved it to ${skip.to}.`,
        });
        continue;
      }
      const covering = list.find((c) => c.offset > offset)!;
      const crash = incidents.find((i) => i.client === covering.client && i.kind === "crash" && i.t >= covering.t);
      if (crash) {
        verdict.lost.push({
          group,
          id,
          topic,
          partition,
          offset,
          cause: "committed-before-processing",
          explanation: `${id} (offset ${offset} of ${tp}) was never processed in group ${group}: ${covering.client} committed offset ${covering.offset} at ${covering.t} ms before processing it, then crashed at ${crash.t} ms (step ${crash.detail}), and the next owner resumed from offset ${covering.offset}.`,
        });
      } else {
        // A seek (or reset) that jumped the position over the record before anyone read it.
        const over = (moves.get(key) ?? []).find((m) => m.t <= covering.t && m.from !== null && m.from <= offset && m.to > offset);
        const skipped = over ? ` ${over.client} had moved its position over it, from ${over.from} to ${over.to} at ${over.t} ms (${over.how}).` : "";
        verdict.lost.push({
          group,
          id,
          topic,
          partition,
          offset,
          cause: "committed-without-processing",
          explanation: `${id} (offset ${offset} of ${tp}) was never processed in group ${group}, yet ${covering.client} committed offset ${covering.offset} at ${covering.t} ms, past it.${skipped}`,
        });
      }
    }
  }
  verdict.lost.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition || a.offset - b.offset));
  return verdict;
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf("|");
  return [key.slice(0, i), key.slice(i + 1)];
}

function splitTp(tp: string): [string, number] {
  const i = tp.lastIndexOf("-");
  return [tp.slice(0, i), Number(tp.slice(i + 1))];
}
