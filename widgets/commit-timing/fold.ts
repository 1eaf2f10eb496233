import type { Scenario, TraceEvent } from "../../engine/index";
import type { CommitStrategy, CrashStep } from "./presets";

/**
 * The commit-timing view: one partition's log at time t as the consumer sees it (its
 * position, the group's committed offset in __consumer_offsets, the high watermark), the
 * batch the last poll() returned, where the consumer is in its loop, and what has happened to
 * each record so far: processed once, processed twice, or skipped for good. Folded from the
 * trace alone; pure: same trace and t, same view.
 */

/** A record's fate so far. "lost": the committed offset moved past it and nobody processed it (and nobody will). */
export type Fate = "unread" | "in-batch" | "processed" | "twice" | "lost";

export interface RecordView {
  offset: number;
  id: string;
  /** Index of its producer in order of first appearance (the record's colour band). */
  producerIndex: number;
  /** How many times the group processed it up to t. */
  processedTimes: number;
  fate: Fate;
}

/** Where the application's loop is: joining, waiting in poll(), processing the batch, committing, or dead. */
export type LoopStep = "idle" | "joining" | "poll" | "process" | "commit" | "crashed" | "stopped";

export interface BatchView {
  fromOffset: number;
  toOffset: number;
  count: number;
  /** Records of the batch processed so far by this consumer. */
  done: number;
  t: number;
  /** The poll that returned it came from a consumer that has since crashed. */
  dead: boolean;
}

export interface CrashView {
  t: number;
  /** The loop step the process died at (the fault's `at`, or "now"). */
  step: string;
  /** The group's committed offset for the partition when it died (null: none yet). */
  committed: number | null;
  /** Its position when it died: everything between committed and this was read but not committed. */
  position: number | null;
}

export interface RestartView {
  t: number;
  /** Where the new consumer started reading, and why: the group's committed offset, or auto.offset.reset. */
  resumedAt: number | null;
  from: "committed" | "reset" | null;
  /** The first batch the new consumer fetched. */
  firstFetch: { fromOffset: number; toOffset: number; t: number } | null;
}

export interface CommitTimingView {
  tMs: number;
  topic: string;
  partition: number;
  group: string;
  client: string;
  strategy: CommitStrategy;
  maxPollRecords: number;
  autoCommitIntervalMs: number;
  processingMsPerRecord: number;
  autoOffsetReset: string;
  records: RecordView[];
  /** The leader's log end offset and high watermark. */
  logEnd: number;
  hw: number;
  /** The consumer's position (next offset poll() returns); null while it holds no position (dead, or not yet assigned). */
  position: number | null;
  /** The group's committed offset in __consumer_offsets (null: never committed). */
  committed: number | null;
  lastCommit: { t: number; offset: number; kind: string } | null;
  batch: BatchView | null;
  alive: boolean;
  step: LoopStep;
  /** A consumer-crash fault waiting for its step (it fires the next time the loop gets there). */
  armed: { atMs: number; step: CrashStep } | null;
  crash: CrashView | null;
  restart: RestartView | null;
  /** The offset the group first started from (its first seek or reset). */
  startOffset: number | null;
  /** The exception the last poll() threw, until a poll returns records (e.g. NoOffsetForPartitionException). */
  lastError: { t: number; exception: string; message: string } | null;
  counts: { processed: number; twice: number; lost: number };
  /** Every producer client in order of first appearance. */
  producers: string[];
}

type ConsumerSpecLike = {
  type: "consumer";
  client: string;
  groupId: string | null;
  topics?: string[];
  commit: CommitStrategy;
  processingMsPerRecord: number;
  config: Record<string, unknown>;
};

/** The lab's consumer (the scenario's first "consumer" workload) and the partition it reads. */
export function labConsumer(scenario: Scenario): { spec: ConsumerSpecLike | null; topic: string; partition: number } {
  const spec = (scenario.workload.find((w) => w.type === "consumer") as ConsumerSpecLike | undefined) ?? null;
  const topic = spec?.topics?.[0] ?? scenario.topics[0]?.name ?? "orders";
  return { spec, topic, partition: 0 };
}

function numberConfig(config: Record<string, unknown>, key: string, fallback: number): number {
  const value = config[key];
  return typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : fallback;
}

export function foldCommitTiming(trace: readonly TraceEvent[], tMs: number, scenario: Scenario): CommitTimingView {
  const { spec, topic, partition } = labConsumer(scenario);
  const client = spec?.client ?? "consumer-0";
  const group = spec?.groupId ?? "";
  const strategy: CommitStrategy = spec?.commit ?? "auto";
  const config = spec?.config ?? {};
  const tp = `${topic}-${partition}`;
  const onTp = (e: { topic: string; partition: number }) => e.topic === topic && e.partition === partition;

  const ids: string[] = [];
  const producers: string[] = [];
  const processed = new Map<number, number>();
  let leader: number | null = null;
  let logEnd = 0;
  let hw = 0;
  let position: number | null = null;
  let committed: number | null = null;
  let lastCommit: CommitTimingView["lastCommit"] = null;
  let batch: BatchView | null = null;
  let alive = false;
  let step: LoopStep = "idle";
  let crash: CrashView | null = null;
  let restart: RestartView | null = null;
  let startOffset: number | null = null;
  let lastError: CommitTimingView["lastError"] = null;
  /** Times the consumer started and crashed (or closed), to tell whether a crash fault found it running. */
  const lifeEvents: { t: number; alive: boolean }[] = [];
  const crashTimes: number[] = [];

  for (const e of trace) {
    if (e.t > tMs) break;
    switch (e.type) {
      case "partition.leader":
        if (onTp(e)) leader = e.leader;
        break;
      case "replica.append":
        if (!onTp(e) || (leader !== null && e.broker !== leader)) break;
        e.ids.forEach((id, i) => (ids[e.baseOffset + i] = id));
        logEnd = Math.max(logEnd, e.leo);
        for (const id of e.ids) {
          const producer = id.slice(0, Math.max(0, id.lastIndexOf("#")));
          if (!producers.includes(producer)) producers.push(producer);
        }
        break;
      case "replica.hw":
        if (onTp(e) && (leader === null || e.broker === leader)) hw = e.hw;
        break;
      case "offset.commit":
        if (onTp(e) && e.group === group && e.result === "NONE") committed = e.offset;
        break;
      default:
        break;
    }
    if (!e.type.startsWith("consumer.") || (e as { client?: string }).client !== client) continue;
    switch (e.type) {
      case "consumer.started":
        alive = true;
        step = "joining";
        position = null;
        batch = null;
        lastError = null;
        lifeEvents.push({ t: e.t, alive: true });
        if (e.reason === "restart") restart = { t: e.t, resumedAt: null, from: null, firstFetch: null };
        break;
      case "consumer.assigned":
        if (alive && e.partitions.includes(tp)) step = "poll";
        break;
      case "consumer.seek":
      case "consumer.reset":
        if (!onTp(e)) break;
        position = e.offset;
        startOffset ??= e.offset;
        if (restart && restart.resumedAt === null) {
          restart.resumedAt = e.offset;
          restart.from = e.type === "consumer.seek" ? "committed" : "reset";
        }
        break;
      case "consumer.poll": {
        const range = e.ranges.find(onTp);
        if (!range) break;
        position = range.toOffset + 1;
        lastError = null;
        batch = { fromOffset: range.fromOffset, toOffset: range.toOffset, count: range.toOffset - range.fromOffset + 1, done: 0, t: e.t, dead: false };
        step = strategy === "sync-before-processing" ? "commit" : "process";
        if (restart && restart.firstFetch === null) restart.firstFetch = { fromOffset: range.fromOffset, toOffset: range.toOffset, t: e.t };
        break;
      }
      case "consumer.process":
        if (!onTp(e)) break;
        processed.set(e.offset, (processed.get(e.offset) ?? 0) + 1);
        if (batch && e.offset >= batch.fromOffset && e.offset <= batch.toOffset) {
          batch.done++;
          if (batch.done >= batch.count) step = strategy === "sync-after-processing" ? "commit" : "poll";
        }
        break;
      case "consumer.commit": {
        const offset = e.offsets[tp];
        if (e.result === "NONE" && offset !== undefined) lastCommit = { t: e.t, offset, kind: e.kind };
        if (e.kind !== "sync" || !alive) break;
        if (strategy === "sync-before-processing" && step === "commit") step = "process";
        else if (strategy === "sync-after-processing" && step === "commit") step = "poll";
        break;
      }
      case "consumer.crash": {
        const c = e.committed[tp];
        crash = { t: e.t, step: e.step, committed: c ?? committed, position };
        crashTimes.push(e.t);
        alive = false;
        step = "crashed";
        position = null;
        if (batch) batch.dead = true;
        lifeEvents.push({ t: e.t, alive: false });
        break;
      }
      case "consumer.error":
        lastError = { t: e.t, exception: e.exception, message: e.message };
        break;
      case "consumer.closed":
        alive = false;
        step = "stopped";
        position = null;
        lifeEvents.push({ t: e.t, alive: false });
        break;
      default:
        break;
    }
  }

  const armed = armedCrash(scenario, client, tMs, lifeEvents, crashTimes);
  const inLiveBatch = (offset: number) => alive && batch !== null && !batch.dead && offset >= batch.fromOffset && offset <= batch.toOffset;
  const producerOf = (id: string) => Math.max(0, producers.indexOf(id.slice(0, Math.max(0, id.lastIndexOf("#")))));
  const records: RecordView[] = [];
  const counts = { processed: 0, twice: 0, lost: 0 };
  for (let offset = 0; offset < ids.length; offset++) {
    const id = ids[offset];
    if (id === undefined) continue;
    const times = processed.get(offset) ?? 0;
    let fate: Fate;
    if (times >= 2) fate = "twice";
    else if (times === 1) fate = "processed";
    else if (committed !== null && startOffset !== null && offset >= startOffset && offset < committed && !inLiveBatch(offset)) fate = "lost";
    else if (inLiveBatch(offset)) fate = "in-batch";
    else fate = "unread";
    if (times >= 1) counts.processed++;
    if (times >= 2) counts.twice++;
    if (fate === "lost") counts.lost++;
    records.push({ offset, id, producerIndex: producerOf(id), processedTimes: times, fate });
  }

  return {
    tMs,
    topic,
    partition,
    group,
    client,
    strategy,
    maxPollRecords: numberConfig(config, "max.poll.records", 500),
    autoCommitIntervalMs: numberConfig(config, "auto.commit.interval.ms", 5000),
    processingMsPerRecord: spec?.processingMsPerRecord ?? 0,
    autoOffsetReset: typeof config["auto.offset.reset"] === "string" ? (config["auto.offset.reset"] as string) : "latest",
    records,
    logEnd,
    hw,
    position,
    committed,
    lastCommit,
    batch,
    alive,
    step,
    armed,
    crash,
    restart,
    startOffset,
    lastError,
    counts,
    producers,
  };
}

/**
 * The crash fault still waiting at t: the last consumer-crash fault for this client at or
 * before t that found the consumer running and has not fired yet (no crash since its time).
 */
function armedCrash(scenario: Scenario, client: string, tMs: number, lifeEvents: readonly { t: number; alive: boolean }[], crashTimes: readonly number[]): CommitTimingView["armed"] {
  let armed: CommitTimingView["armed"] = null;
  for (const fault of scenario.faults) {
    if (fault.type !== "consumer-crash" || fault.client !== client || fault.atMs > tMs || fault.at === undefined) continue;
    const life = lifeEvents.filter((l) => l.t <= fault.atMs).pop();
    if (!life?.alive) continue;
    if (crashTimes.some((t) => t >= fault.atMs && t <= tMs)) continue;
    armed = { atMs: fault.atMs, step: fault.at };
  }
  return armed;
}
