import type { BrokerId, Scenario, TraceEvent } from "../../engine/index";
import { appendedBatchId, type BatchState, type RecordStage } from "./events";
import { producerSettings, type ProducerSettings } from "./settings";

/**
 * The producer-pipeline view: one producer's records on their way from send() to the
 * brokers at time t, folded from the trace alone. Pure: same trace and t, same view.
 */

export interface RecordMark {
  /** The record id ("producer-0#3"): its identity from send() to the broker. */
  id: string;
  key: string | null;
  /** Index of the key in the producer's key list (its colour); -1 for a keyless record. */
  keyIndex: number;
}

export interface BatchMark {
  id: string;
  partition: number;
  state: BatchState;
  count: number;
  bytes: number;
  /** Send attempts so far (1 on the first request). */
  attempt: number;
  createdMs: number;
  /** When the batch entered its current state. */
  sinceMs: number;
  reason: string;
  records: RecordMark[];
  /** For an open batch: how much of linger.ms is left (0 once it has run out). */
  lingerLeftMs: number | null;
  /** The offset the leader gave the first record, once acknowledged with acks=1 or all. */
  baseOffset: number | null;
}

export interface PartitionRow {
  partition: number;
  leader: BrokerId | null;
  /** The partition's deque in the RecordAccumulator, oldest (first to drain) first. */
  deque: BatchMark[];
  /** Batches that completed (acknowledged, failed or expired), newest last, at most three. */
  done: BatchMark[];
}

export interface RequestMark {
  id: string;
  broker: BrokerId;
  sentMs: number;
  batches: BatchMark[];
}

export interface BrokerColumn {
  broker: BrokerId;
  alive: boolean;
  /** Partitions of the topic this broker leads right now. */
  leaderOf: number[];
  /** Unanswered produce requests on this connection, oldest first. */
  inFlight: RequestMark[];
}

export interface CurrentRecord {
  record: RecordMark;
  /** The last station it reached. */
  stage: RecordStage;
  /** Every station it passed, in order. */
  passed: RecordStage[];
  partition: number;
  /** Key and value bytes after the serializer; null before it. */
  bytes: number | null;
  detail: string;
  atMs: number;
}

export interface BufferGauge {
  usedBytes: number;
  availableBytes: number;
  totalBytes: number;
  /** send() calls blocked in BufferPool.allocate. */
  waiting: number;
}

export interface PipelineCounts {
  /** send() calls made so far. */
  sent: number;
  appended: number;
  acknowledged: number;
  /** Records whose send failed (in send() or later). */
  failed: number;
  /** Of those, TimeoutExceptions (including BufferExhaustedException). */
  timeouts: number;
  requests: number;
}

/** A record that failed, and why (for the "send() failed" note). */
export interface FailureNote {
  id: string;
  error: string;
  detail: string;
  atMs: number;
}

export interface PipelineView {
  tMs: number;
  client: string;
  topic: string;
  settings: ProducerSettings;
  /** Whether the producer's records carry keys (the scenario's choice). */
  keyed: boolean;
  keys: string[];
  /** interceptor.classes, by the scenario's names ("count", "filter-key:a"); empty when none. */
  interceptors: string[];
  partitions: PartitionRow[];
  brokers: BrokerColumn[];
  buffer: BufferGauge;
  current: CurrentRecord | null;
  counts: PipelineCounts;
  lastFailure: FailureNote | null;
  /** Time of the sender's last request, for its "draining" highlight. */
  lastDrainMs: number | null;
  /** "Send" actions in the scenario so far (keyed sends take the keys in turn). */
  manualSends: number;
}

/** The producer a pipeline shows: the scenario's first "producer" workload. */
export function shownProducer(scenario: Scenario): { client: string; topic: string; keys: string[] | null; interceptors: string[] } {
  const workload = scenario.workload.find((w) => w.type === "producer");
  if (!workload || workload.type !== "producer") return { client: "producer-0", topic: scenario.topics[0]?.name ?? "orders", keys: null, interceptors: [] };
  return { client: workload.client, topic: workload.topic, keys: workload.keys, interceptors: workload.interceptors ?? [] };
}

const terminal: ReadonlySet<BatchState> = new Set(["acknowledged", "failed", "expired"]);

export function foldPipeline(trace: readonly TraceEvent[], tMs: number, scenario: Scenario): PipelineView {
  const { client, topic, keys: scenarioKeys, interceptors } = shownProducer(scenario);
  let settings = producerSettings(scenario, null);
  const topicSpec = scenario.topics.find((t) => t.name === topic);
  let partitionCount = topicSpec?.partitions ?? 1;
  const keys = [...(scenarioKeys ?? [])];
  const keyIndex = (key: string | null): number => {
    if (key === null) return -1;
    let index = keys.indexOf(key);
    if (index < 0) index = keys.push(key) - 1;
    return index;
  };

  const leaders = new Map<number, BrokerId | null>();
  const alive = new Map<BrokerId, boolean>();
  const batches = new Map<string, BatchMark>();
  /** Records appended before their batch's "open" event was seen, per partition. */
  const pending = new Map<number, RecordMark[]>();
  const recordBatch = new Map<string, string>();
  const requests = new Map<number, { id: string; broker: BrokerId; sentMs: number; batchIds: string[] }>();
  /** Each batch's record count as of its last producer.batch event. */
  const eventCount = new Map<string, number>();
  const records = new Map<string, CurrentRecord>();
  const failedIds = new Set<string>();
  const timeoutIds = new Set<string>();
  let buffer: BufferGauge = { usedBytes: 0, availableBytes: settings.bufferMemory, totalBytes: settings.bufferMemory, waiting: 0 };
  let current: CurrentRecord | null = null;
  let lastFailure: FailureNote | null = null;
  let lastDrainMs: number | null = null;
  const counts: PipelineCounts = { sent: 0, appended: 0, acknowledged: 0, failed: 0, timeouts: 0, requests: 0 };

  const fail = (id: string, error: string, detail: string, atMs: number) => {
    failedIds.add(id);
    if (isTimeout(error)) timeoutIds.add(id);
    lastFailure = { id, error, detail, atMs };
  };

  for (const event of trace) {
    if (event.t > tMs) break;
    switch (event.type) {
      case "broker.started":
        alive.set(event.broker, true);
        continue;
      case "broker.crashed":
        alive.set(event.broker, false);
        continue;
      case "topic.created":
        if (event.topic === topic) partitionCount = event.partitions;
        continue;
      case "topic.partitions-added":
        if (event.topic === topic) partitionCount = event.to;
        continue;
      case "partition.leader":
        if (event.topic === topic) leaders.set(event.partition, event.leader);
        continue;
      case "produce.acked": {
        if (event.client !== client || event.topic !== topic || event.ids.length === 0) continue;
        const batchId = recordBatch.get(event.ids[0]);
        const batch = batchId ? batches.get(batchId) : undefined;
        if (batch && event.from !== null) batch.baseOffset = event.baseOffset;
        continue;
      }
      case "produce.failed":
        if (event.client !== client) continue;
        for (const id of event.ids) fail(id, event.error, event.detail, event.t);
        continue;
      case "producer.created":
        if (event.client === client) settings = producerSettings(scenario, event.config);
        continue;
      case "producer.buffer":
        if (event.client === client) buffer = { usedBytes: event.usedBytes, availableBytes: event.availableBytes, totalBytes: event.totalBytes, waiting: event.waiting };
        continue;
      case "producer.record": {
        if (event.client !== client) continue;
        const record: RecordMark = { id: event.id, key: event.key, keyIndex: keyIndex(event.key) };
        const previous = records.get(event.id);
        const passed = previous ? [...previous.passed] : [];
        if (passed[passed.length - 1] !== event.stage) passed.push(event.stage);
        const partition = event.partition >= 0 ? event.partition : (previous?.partition ?? -1);
        current = { record, stage: event.stage, passed, partition, bytes: event.stage === "serialize" ? (event.bytes ?? null) : (previous?.bytes ?? null), detail: event.detail, atMs: event.t };
        records.set(event.id, current);
        if (event.stage === "send" && !previous) counts.sent++;
        if (event.stage === "error") fail(event.id, errorName(event.detail), event.detail, event.t);
        if (event.stage === "append") {
          counts.appended++;
          attachRecord(appendedBatchId(event), event.partition, record, event.bytes ?? 0);
        }
        continue;
      }
      case "producer.batch": {
        if (event.client !== client || event.topic !== topic) continue;
        let batch = batches.get(event.batch);
        if (!batch) {
          batch = { id: event.batch, partition: event.partition, state: event.state, count: 0, bytes: 0, attempt: event.attempt, createdMs: event.t, sinceMs: event.t, reason: event.reason, records: [], lingerLeftMs: null, baseOffset: null };
          batches.set(event.batch, batch);
          const early = pending.get(event.partition);
          if (early && early.length > 0) for (const r of early.splice(0)) addToBatch(batch, r);
        }
        if (batch.state !== event.state) batch.sinceMs = event.t;
        batch.state = event.state;
        // The event's figures are the batch's own; appends after it add to them (appendRecord below).
        batch.count = Math.max(event.count, batch.records.length);
        batch.bytes = event.bytes;
        eventCount.set(batch.id, batch.count);
        batch.attempt = event.attempt;
        batch.reason = event.reason;
        if (event.state === "acknowledged") counts.acknowledged += batch.count;
        if (event.state === "failed" || event.state === "expired") for (const r of batch.records) fail(r.id, event.state === "expired" ? "TimeoutException" : errorName(event.reason), event.reason || event.state, event.t);
        continue;
      }
      case "producer.request":
        if (event.client !== client) continue;
        if (event.phase === "sent") {
          counts.requests++;
          lastDrainMs = event.t;
          requests.set(event.request, { id: `r${event.request}`, broker: event.to, sentMs: event.t, batchIds: [...event.batches] });
        } else {
          requests.delete(event.request);
        }
        continue;
      default:
        continue;
    }
  }

  function addToBatch(batch: BatchMark, record: RecordMark, appendedBytes = 0): void {
    if (batch.records.some((r) => r.id === record.id)) return;
    batch.records.push(record);
    recordBatch.set(record.id, batch.id);
    // Appends to an open batch have no producer.batch event of their own: grow it from the record's.
    if (batch.records.length > (eventCount.get(batch.id) ?? 0)) {
      batch.count = batch.records.length;
      batch.bytes += appendedBytes;
    }
  }

  /**
   * A record joins the batch the engine names, else its partition's newest open batch (the
   * only one RecordAccumulator.tryAppend appends to), else waits for the batch about to open.
   */
  function attachRecord(batchId: string | null, partition: number, record: RecordMark, appendedBytes: number): void {
    const named = batchId ? batches.get(batchId) : undefined;
    if (named) return addToBatch(named, record, appendedBytes);
    if (batchId === null) {
      let newest: BatchMark | undefined;
      for (const b of batches.values()) if (b.partition === partition && b.state === "open") newest = b;
      if (newest) return addToBatch(newest, record, appendedBytes);
    }
    const list = pending.get(partition) ?? [];
    list.push(record);
    pending.set(partition, list);
  }

  counts.failed = failedIds.size;
  counts.timeouts = timeoutIds.size;

  for (const batch of batches.values()) {
    batch.lingerLeftMs = batch.state === "open" ? Math.max(0, settings.lingerMs - (tMs - batch.createdMs)) : null;
  }

  const partitions: PartitionRow[] = Array.from({ length: partitionCount }, (_, partition) => {
    const mine = [...batches.values()].filter((b) => b.partition === partition);
    // RecordAccumulator.reenqueue puts a retried batch back at the head of its deque.
    const retrying = mine.filter((b) => b.state === "retry-backoff");
    const waiting = mine.filter((b) => b.state === "open" || b.state === "ready");
    const done = mine.filter((b) => terminal.has(b.state)).sort((a, b) => a.sinceMs - b.sinceMs);
    return { partition, leader: leaders.get(partition) ?? null, deque: [...retrying, ...waiting], done: done.slice(-3) };
  });

  const brokerIds = Array.from({ length: scenario.cluster.brokers }, (_, i) => i + 1);
  const brokers: BrokerColumn[] = brokerIds.map((broker) => ({
    broker,
    alive: alive.get(broker) ?? false,
    leaderOf: partitions.filter((p) => p.leader === broker).map((p) => p.partition),
    inFlight: [...requests.values()]
      .filter((r) => r.broker === broker)
      .map((r) => ({ id: r.id, broker: r.broker, sentMs: r.sentMs, batches: r.batchIds.map((id) => batches.get(id)).filter((b): b is BatchMark => b !== undefined) })),
  }));

  return {
    tMs,
    client,
    topic,
    settings,
    keyed: scenarioKeys !== null,
    keys,
    interceptors,
    partitions,
    brokers,
    buffer,
    current,
    counts,
    lastFailure,
    lastDrainMs,
    manualSends: scenario.faults.filter((f) => f.type === "producer-send").length,
  };
}

/** Kafka's BufferExhaustedException (send() blocked past max.block.ms) is a TimeoutException. */
export function isTimeout(error: string): boolean {
  return error === "TimeoutException" || error === "BufferExhaustedException";
}

/** "org.apache.kafka.common.errors.TimeoutException: ..." or "TimeoutException: ..." -> "TimeoutException". */
export function errorName(detail: string): string {
  const match = /([A-Z][A-Za-z]*(?:Exception|Error))/.exec(detail);
  return match ? match[1] : detail || "error";
}
