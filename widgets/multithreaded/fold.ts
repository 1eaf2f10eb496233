import type { Scenario, TraceEvent } from "../../engine/index";
import { processingSpans, type ProcessingSpan } from "./processing";
import { POLLER, TOPIC, type Model } from "./presets";

/**
 * The multithreaded widget's view at time t: the partitions with the order in which their
 * records finished processing (out-of-order finishes marked), the threads (consumers, or the
 * poller's workers) with the record each is processing now, and the figures that compare the
 * two models: throughput, idle threads, out-of-order finishes, and per partition the highest
 * offset it is safe to commit (every record before it done).
 */

export type LaneState = "processing" | "waiting" | "idle" | "joining" | "crashed" | "not-started";

export interface Lane {
  /** "consumer-2" or "poller/3": identity across frames. */
  key: string;
  client: string;
  worker: number;
  /** Partitions this thread's consumer owns (per-thread), or the poller's (worker-pool). */
  partitions: number[];
  state: LaneState;
  /** The record in hand now, with when it started and will finish. */
  current: ProcessingSpan | null;
  /** Records this thread finished so far. */
  processed: number;
}

export interface FinishedRecord {
  id: string;
  partition: number;
  offset: number;
  t: number;
  /** Lane key of the thread that processed it. */
  lane: string;
  /** Set when a later record of the partition had finished before this one. */
  outOfOrder: { afterOffset: number; afterId: string } | null;
  /** Processed before already (after a crash, the next owner reads it again). */
  again: boolean;
}

export interface PartitionRow {
  partition: number;
  /** Records written to the partition so far. */
  written: number;
  /** Records in the order they finished processing. */
  finished: FinishedRecord[];
  /** The group's committed offset (the next offset to read), null before the first commit. */
  committed: number | null;
  /** The highest offset it is safe to commit: every record below it has finished processing. */
  safeToCommit: number;
  /** The highest offset finished so far, plus one (what a careless commit would write). */
  finishedUpTo: number;
  /** Who owns the partition now (per-thread: a consumer), null when nobody does. */
  owner: string | null;
}

export interface OutOfOrderFinish {
  partition: number;
  id: string;
  offset: number;
  afterId: string;
  afterOffset: number;
  t: number;
}

export interface MultithreadedView {
  tMs: number;
  model: Model;
  topic: string;
  threads: number;
  partitionCount: number;
  processingMs: number;
  jitterMs: number;
  lanes: Lane[];
  partitions: PartitionRow[];
  outOfOrder: OutOfOrderFinish[];
  processed: number;
  /** Records written to the topic so far. */
  written: number;
  /** Records finished per second, from the first record's start to now (or to the last finish). */
  throughputPerSec: number;
  /** Threads whose consumer owns no partition (per-thread: consumers beyond the partition count). */
  idleThreads: number;
  /** When the last record of the backlog finished, once everything written is processed. */
  doneAtMs: number | null;
}

type ConsumerWorkload = Extract<Scenario["workload"][number], { type: "consumer" }>;

function modelOf(consumers: readonly ConsumerWorkload[]): Model {
  return consumers.length === 1 && (consumers[0].client === POLLER || consumers[0].workers > 1) ? "worker-pool" : "per-thread";
}

function partitionOf(key: string, topic: string): number | null {
  if (!key.startsWith(`${topic}-`)) return null;
  const n = Number(key.slice(topic.length + 1));
  return Number.isInteger(n) ? n : null;
}

export function foldMultithreaded(trace: readonly TraceEvent[], tMs: number, scenario: Scenario): MultithreadedView {
  const consumers = scenario.workload.filter((w): w is ConsumerWorkload => w.type === "consumer");
  const model = modelOf(consumers);
  const topic = consumers[0]?.topics?.[0] ?? scenario.topics[0]?.name ?? TOPIC;
  let partitionCount = scenario.topics.find((tp) => tp.name === topic)?.partitions ?? 1;
  const threads = model === "worker-pool" ? consumers[0].workers : consumers.length;

  // Per client: alive, assigned partitions (null before the first assignment).
  const clients = new Map<string, { started: boolean; crashed: boolean; assigned: number[] | null }>();
  for (const c of consumers) clients.set(c.client, { started: false, crashed: false, assigned: null });
  const written = new Map<number, number>();
  const committed = new Map<number, number>();

  for (const e of trace) {
    if (e.t > tMs) break;
    switch (e.type) {
      case "replica.append":
        if (e.topic === topic) written.set(e.partition, Math.max(written.get(e.partition) ?? 0, e.baseOffset + e.ids.length));
        break;
      case "topic.partitions-added":
        if (e.topic === topic) partitionCount = e.to;
        break;
      case "consumer.started": {
        const c = clients.get(e.client);
        if (c) Object.assign(c, { started: true, crashed: false, assigned: null });
        break;
      }
      case "consumer.crash":
      case "consumer.closed": {
        const c = clients.get(e.client);
        if (c) Object.assign(c, { crashed: true, assigned: [] });
        break;
      }
      case "consumer.assigned": {
        const c = clients.get(e.client);
        if (c) c.assigned = e.partitions.map((k) => partitionOf(k, topic)).filter((p): p is number => p !== null);
        break;
      }
      case "consumer.revoked":
      case "consumer.lost": {
        const c = clients.get(e.client);
        const gone = new Set(e.partitions.map((k) => partitionOf(k, topic)));
        if (c?.assigned) c.assigned = c.assigned.filter((p) => !gone.has(p));
        break;
      }
      case "consumer.commit":
        if (e.result !== "NONE") break;
        for (const [key, offset] of Object.entries(e.offsets)) {
          const p = partitionOf(key, topic);
          if (p !== null) committed.set(p, offset);
        }
        break;
      default:
        break;
    }
  }

  const spans = processingSpans(trace).filter((s) => s.startMs <= tMs);
  const done = spans.filter((s) => s.finishMs <= tMs);
  const laneKey = (client: string, worker: number) => (model === "worker-pool" ? `${client}/${worker}` : client);

  // Finish order per partition, marking a record that finished after a later record of its partition.
  const rows: PartitionRow[] = Array.from({ length: partitionCount }, (_, p) => ({ partition: p, written: written.get(p) ?? 0, finished: [], committed: committed.get(p) ?? null, safeToCommit: 0, finishedUpTo: 0, owner: null }));
  const outOfOrder: OutOfOrderFinish[] = [];
  const seen = new Map<number, Set<number>>();
  const highest = new Map<number, { offset: number; id: string }>();
  for (const s of done) {
    const row = rows[s.partition];
    if (!row) continue;
    const offsets = seen.get(s.partition) ?? new Set<number>();
    seen.set(s.partition, offsets);
    const again = offsets.has(s.offset);
    const top = highest.get(s.partition);
    // The consumption checker's rule: only a first processing can be out of order.
    const late = !again && top !== undefined && s.offset < top.offset ? { afterOffset: top.offset, afterId: top.id } : null;
    if (late) outOfOrder.push({ partition: s.partition, id: s.id, offset: s.offset, afterId: late.afterId, afterOffset: late.afterOffset, t: s.finishMs });
    if (!top || s.offset > top.offset) highest.set(s.partition, { offset: s.offset, id: s.id });
    offsets.add(s.offset);
    row.finished.push({ id: s.id, partition: s.partition, offset: s.offset, t: s.finishMs, lane: laneKey(s.client, s.worker), outOfOrder: late, again });
  }
  for (const row of rows) {
    const offsets = seen.get(row.partition) ?? new Set<number>();
    let safe = 0;
    while (offsets.has(safe)) safe++;
    row.safeToCommit = safe;
    row.finishedUpTo = (highest.get(row.partition)?.offset ?? -1) + 1;
  }

  const lanes: Lane[] = [];
  for (const c of consumers) {
    const state = clients.get(c.client)!;
    const owned = state.assigned ?? [];
    for (const p of owned) if (rows[p]) rows[p].owner = c.client;
    const workers = model === "worker-pool" ? c.workers : 1;
    for (let w = 0; w < workers; w++) {
      const mine = spans.filter((s) => s.client === c.client && s.worker === w);
      const current = state.crashed ? null : (mine.find((s) => s.finishMs > tMs) ?? null);
      const laneState: LaneState = !state.started ? "not-started" : state.crashed ? "crashed" : current ? "processing" : state.assigned === null ? "joining" : owned.length === 0 ? "idle" : "waiting";
      lanes.push({ key: laneKey(c.client, w), client: c.client, worker: w, partitions: [...owned].sort((a, b) => a - b), state: laneState, current, processed: mine.filter((s) => s.finishMs <= tMs).length });
    }
  }

  const processed = done.length;
  const totalWritten = rows.reduce((sum, r) => sum + r.written, 0);
  const firstStart = spans.length > 0 ? Math.min(...spans.map((s) => s.startMs)) : null;
  const lastFinish = done.length > 0 ? done[done.length - 1].finishMs : null;
  const allDone = totalWritten > 0 && rows.every((r) => r.safeToCommit >= r.written) && lastFinish !== null;
  const until = allDone ? lastFinish! : tMs;
  const throughputPerSec = firstStart !== null && until > firstStart ? (processed * 1000) / (until - firstStart) : 0;

  return {
    tMs,
    model,
    topic,
    threads,
    partitionCount,
    processingMs: consumers[0]?.processingMsPerRecord ?? 0,
    jitterMs: consumers[0]?.processingJitterMs ?? 0,
    lanes,
    partitions: rows,
    outOfOrder,
    processed,
    written: totalWritten,
    throughputPerSec,
    idleThreads: lanes.filter((l) => l.state === "idle").length,
    doneAtMs: allDone ? lastFinish : null,
  };
}
