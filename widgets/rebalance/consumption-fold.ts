import { checkConsumption, type ConsumptionVerdict, type Scenario, type TraceEvent } from "../../engine/index";

/**
 * When each partition is being consumed, and by whom, over a whole run: the rows of the
 * rebalance widget's timeline and the facts its exercises check. A partition is consumed by a
 * member from the moment onPartitionsAssigned gives it to that member until the member
 * revokes or loses it, crashes, closes, or while its poll loop is stalled. Everything else
 * (from the group's first member on) is a gap: nobody reads the partition.
 */

export interface ConsumptionBar {
  partition: number;
  client: string;
  fromMs: number;
  toMs: number;
}

export interface ConsumptionGap {
  partition: number;
  fromMs: number;
  toMs: number;
  /** Before the partition was consumed for the first time (the group forming), not a rebalance. */
  initial: boolean;
}

export interface ConsumptionTimeline {
  topic: string;
  partitionCount: number;
  durationMs: number;
  /** When the group's first member started: gaps are counted from here. */
  startMs: number;
  bars: ConsumptionBar[];
  gaps: ConsumptionGap[];
  /** Clients in order of first appearance (their colours and labels). */
  clients: string[];
}

type Loose = Record<string, unknown> & { t: number; type: string };

const cache = new WeakMap<readonly TraceEvent[], ConsumptionTimeline>();
const verdicts = new WeakMap<readonly TraceEvent[], ConsumptionVerdict>();

/** The consumption checker's verdict for a run (memoized per trace, like the timeline). */
export function consumptionVerdictOf(trace: readonly TraceEvent[]): ConsumptionVerdict {
  let verdict = verdicts.get(trace);
  if (!verdict) {
    verdict = checkConsumption(trace);
    verdicts.set(trace, verdict);
  }
  return verdict;
}

/** The run's consumption timeline (memoized per trace: the player folds every frame). */
export function foldConsumption(trace: readonly TraceEvent[], scenario: Scenario): ConsumptionTimeline {
  const cached = cache.get(trace);
  if (cached) return cached;
  const timeline = computeConsumption(trace, scenario);
  cache.set(trace, timeline);
  return timeline;
}

function consumerGroupAndTopic(scenario: Scenario): { group: string | null; topic: string } {
  for (const w of scenario.workload as readonly Record<string, unknown>[]) {
    if (w.type === "consumer") return { group: String(w.groupId ?? ""), topic: ((w.topics as string[] | undefined) ?? [])[0] ?? scenario.topics[0]?.name ?? "orders" };
  }
  return { group: null, topic: scenario.topics[0]?.name ?? "orders" };
}

function computeConsumption(trace: readonly TraceEvent[], scenario: Scenario): ConsumptionTimeline {
  const { group, topic } = consumerGroupAndTopic(scenario);
  const durationMs = scenario.durationMs;
  let partitionCount = scenario.topics.find((tp) => tp.name === topic)?.partitions ?? 1;
  const clients: string[] = [];
  /** Open ownership per partition: who and since when (null: nobody). */
  const open = new Map<number, { client: string; fromMs: number }>();
  const owned: ConsumptionBar[] = [];
  const stalls = new Map<string, { fromMs: number; toMs: number }[]>();
  let startMs: number | null = null;
  const prefix = `${topic}-`;
  const partitionOf = (key: string): number | null => {
    if (!key.startsWith(prefix)) return null;
    const n = Number(key.slice(prefix.length));
    return Number.isInteger(n) && n >= 0 ? n : null;
  };
  const close = (p: number, tAt: number) => {
    const o = open.get(p);
    if (!o) return;
    if (tAt > o.fromMs) owned.push({ partition: p, client: o.client, fromMs: o.fromMs, toMs: tAt });
    open.delete(p);
  };
  const closeClient = (client: string, tAt: number) => {
    for (const [p, o] of [...open]) if (o.client === client) close(p, tAt);
  };

  for (const event of trace) {
    const e = event as unknown as Loose;
    if (e.type === "topic.partitions-added" && e.topic === topic) partitionCount = Number(e.to);
    if (!e.type.startsWith("consumer.")) continue;
    if (group !== null && e.group !== group) continue;
    const client = String(e.client);
    if (!clients.includes(client)) clients.push(client);
    switch (e.type) {
      case "consumer.started":
        startMs ??= e.t;
        break;
      case "consumer.assigned":
        for (const key of (e.partitions as string[]) ?? []) {
          const p = partitionOf(key);
          if (p === null) continue;
          const o = open.get(p);
          if (o && o.client === client) continue;
          close(p, e.t);
          open.set(p, { client, fromMs: e.t });
        }
        // onJoinComplete replaces the whole assignment: anything this member no longer lists is gone.
        for (const [p, o] of [...open]) if (o.client === client && !((e.partitions as string[]) ?? []).includes(`${topic}-${p}`)) close(p, e.t);
        break;
      case "consumer.revoked":
      case "consumer.lost":
        for (const key of (e.partitions as string[]) ?? []) {
          const p = partitionOf(key);
          if (p !== null && open.get(p)?.client === client) close(p, e.t);
        }
        break;
      case "consumer.crash":
      case "consumer.closed":
        closeClient(client, e.t);
        break;
      case "consumer.stall": {
        const list = stalls.get(client) ?? [];
        list.push({ fromMs: e.t, toMs: Math.min(durationMs, e.t + Number(e.durationMs ?? 0)) });
        stalls.set(client, list);
        break;
      }
      default:
        break;
    }
  }
  for (const p of [...open.keys()]) close(p, durationMs);

  // A stalled member still owns its partitions but reads none of them: cut its stalls out of its bars.
  const bars = owned.flatMap((bar) => subtract(bar, stalls.get(bar.client) ?? [])).sort((a, b) => a.partition - b.partition || a.fromMs - b.fromMs);
  const start = startMs ?? durationMs;
  const gaps: ConsumptionGap[] = [];
  for (let p = 0; p < partitionCount; p++) {
    let cursor = start;
    let consumedYet = false;
    for (const bar of bars) {
      if (bar.partition !== p) continue;
      if (bar.fromMs > cursor) gaps.push({ partition: p, fromMs: cursor, toMs: bar.fromMs, initial: !consumedYet });
      cursor = Math.max(cursor, bar.toMs);
      consumedYet = true;
    }
    if (cursor < durationMs) gaps.push({ partition: p, fromMs: cursor, toMs: durationMs, initial: !consumedYet });
  }
  return { topic, partitionCount, durationMs, startMs: start, bars, gaps, clients };
}

/** The parts of a bar outside the given windows. */
function subtract(bar: ConsumptionBar, windows: readonly { fromMs: number; toMs: number }[]): ConsumptionBar[] {
  let pieces = [bar];
  for (const w of windows) {
    pieces = pieces.flatMap((piece) => {
      if (w.toMs <= piece.fromMs || w.fromMs >= piece.toMs) return [piece];
      const out: ConsumptionBar[] = [];
      if (w.fromMs > piece.fromMs) out.push({ ...piece, toMs: w.fromMs });
      if (w.toMs < piece.toMs) out.push({ ...piece, fromMs: w.toMs });
      return out;
    });
  }
  return pieces;
}

/** The gaps after each partition was first consumed (the rebalances' cost), longest first. */
export function rebalanceGaps(timeline: ConsumptionTimeline): ConsumptionGap[] {
  return timeline.gaps.filter((g) => !g.initial).sort((a, b) => b.toMs - b.fromMs - (a.toMs - a.fromMs) || a.fromMs - b.fromMs);
}

/** The longest stretch any partition went unconsumed after it was first consumed, in ms (0: none). */
export function longestRebalanceGapMs(timeline: ConsumptionTimeline): number {
  const gaps = rebalanceGaps(timeline);
  return gaps.length > 0 ? gaps[0].toMs - gaps[0].fromMs : 0;
}
