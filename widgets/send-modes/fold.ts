import type { Scenario, TraceEvent } from "../../engine/index";

/**
 * The send-modes view: for each of the two producers, every record's life on one time axis
 * (send() called, waiting in the accumulator, the request's flight, the ack and its callback),
 * the requests it went out in, and the headline numbers. A pure fold of the trace up to tMs.
 */

export interface RecordLife {
  id: string;
  /** 0-based position in this producer's send order. */
  index: number;
  key: string | null;
  /** -1 until the partitioner has chosen. */
  partition: number;
  sendMs: number;
  /** When the record's batch went out in a produce request (first attempt); null while it waits. */
  sentMs: number | null;
  ackMs: number | null;
  failedMs: number | null;
  /** 1-based position among this partition's records in send order. */
  sendSeq: number;
  /** 1-based position among this partition's completed callbacks; null until its callback ran. */
  callbackSeq: number | null;
}

export interface RequestSpan {
  request: number;
  to: number;
  sentMs: number;
  /** null while in flight. */
  doneMs: number | null;
  records: number;
  outcome: "in-flight" | "completed" | "timed-out" | "failed";
}

export interface SideView {
  client: string;
  mode: "sync" | "async";
  /** Records this producer will send in the run (the workload's count). */
  total: number;
  records: RecordLife[];
  requests: RequestSpan[];
  done: number;
  failed: number;
  /** First send() to the last completed callback (or to tMs while records are pending); 0 before any send. */
  elapsedMs: number;
  /** Records sent per produce request so far (retries count as requests); 0 before any request. */
  recordsPerRequest: number;
  /** Mean send()-to-callback time of the completed records; null before the first. */
  meanLatencyMs: number | null;
  /** True while every completed callback of each partition came in that partition's send order. */
  callbacksInSendOrder: boolean;
}

export interface SendModesView {
  tMs: number;
  durationMs: number;
  sides: SideView[];
  /** The shared time axis: from the first send() of the run to the last thing either producer did. */
  axisStartMs: number;
  axisEndMs: number;
}

interface WorkloadLike {
  type: string;
  client?: string;
  mode?: "sync" | "async";
  count?: number;
}

/** The producer workloads of the scenario, in order (sync first in the preset). */
function producerWorkloads(scenario: Scenario): { client: string; mode: "sync" | "async"; count: number }[] {
  return (scenario.workload as readonly WorkloadLike[])
    .filter((w) => w.type === "producer")
    .map((w) => ({ client: w.client ?? "producer-0", mode: w.mode ?? "async", count: w.count ?? 0 }));
}

export function foldSendModes(trace: readonly TraceEvent[], tMs: number, scenario: Scenario): SendModesView {
  const sides = producerWorkloads(scenario).map((w) => foldSide(trace, tMs, w.client, w.mode, w.count));
  let axisStartMs = Number.POSITIVE_INFINITY;
  let axisEndMs = 0;
  for (const e of trace) {
    if (!isProducerEvent(e)) continue;
    axisStartMs = Math.min(axisStartMs, e.t);
    axisEndMs = Math.max(axisEndMs, e.t);
  }
  if (!Number.isFinite(axisStartMs)) axisStartMs = 0;
  return { tMs, durationMs: scenario.durationMs, sides, axisStartMs, axisEndMs: Math.max(axisEndMs, axisStartMs + 1) };
}

function isProducerEvent(e: TraceEvent): boolean {
  return e.type === "producer.record" || e.type === "producer.request" || e.type === "produce.acked" || e.type === "produce.failed";
}

export function foldSide(trace: readonly TraceEvent[], tMs: number, client: string, mode: "sync" | "async", total: number): SideView {
  const records: RecordLife[] = [];
  const byId = new Map<string, RecordLife>();
  const requests = new Map<number, RequestSpan>();
  const batchCounts = new Map<string, number>();
  const sentPerPartition = new Map<number, number>();
  const callbacksPerPartition = new Map<number, number>();
  let recordsInRequests = 0;
  let requestCount = 0;

  for (const e of trace) {
    if (e.t > tMs) break;
    if (!("client" in e) || e.client !== client) continue;
    switch (e.type) {
      case "producer.record": {
        let r = byId.get(e.id);
        if (!r) {
          r = { id: e.id, index: records.length, key: e.key, partition: -1, sendMs: e.t, sentMs: null, ackMs: null, failedMs: null, sendSeq: 0, callbackSeq: null };
          byId.set(e.id, r);
          records.push(r);
        }
        if (e.partition >= 0 && r.partition < 0) {
          r.partition = e.partition;
          const seq = (sentPerPartition.get(e.partition) ?? 0) + 1;
          sentPerPartition.set(e.partition, seq);
          r.sendSeq = seq;
        }
        if (e.stage === "error" && r.failedMs === null) r.failedMs = e.t;
        break;
      }
      case "producer.batch":
        batchCounts.set(e.batch, e.count);
        break;
      case "producer.request": {
        if (e.phase === "sent") {
          const count = e.batches.reduce((sum, b) => sum + (batchCounts.get(b) ?? 0), 0);
          requests.set(e.request, { request: e.request, to: e.to, sentMs: e.t, doneMs: null, records: count, outcome: "in-flight" });
          requestCount++;
          recordsInRequests += count;
        } else {
          const span = requests.get(e.request);
          if (span) {
            span.doneMs = e.t;
            span.outcome = e.phase;
          }
        }
        break;
      }
      case "produce.sent":
        for (const id of e.ids) {
          const r = byId.get(id);
          if (r && r.sentMs === null) r.sentMs = e.t;
        }
        break;
      case "produce.acked":
        for (const id of e.ids) {
          const r = byId.get(id);
          if (!r || r.ackMs !== null) continue;
          r.ackMs = e.t;
          const seq = (callbacksPerPartition.get(e.partition) ?? 0) + 1;
          callbacksPerPartition.set(e.partition, seq);
          r.callbackSeq = seq;
        }
        break;
      case "produce.failed":
        for (const id of e.ids) {
          const r = byId.get(id);
          if (!r || r.failedMs !== null) continue;
          r.failedMs = e.t;
          const seq = (callbacksPerPartition.get(e.partition) ?? 0) + 1;
          callbacksPerPartition.set(e.partition, seq);
          r.callbackSeq = seq;
        }
        break;
    }
  }

  const completed = records.filter((r) => r.ackMs !== null);
  const failed = records.filter((r) => r.failedMs !== null && r.ackMs === null).length;
  const finished = completed.length + failed;
  const firstSend = records.length > 0 ? records[0].sendMs : null;
  const lastCallback = Math.max(0, ...records.map((r) => r.ackMs ?? r.failedMs ?? 0));
  const elapsedMs = firstSend === null ? 0 : (finished >= total && total > 0 ? lastCallback : tMs) - firstSend;
  const meanLatencyMs = completed.length === 0 ? null : completed.reduce((sum, r) => sum + ((r.ackMs as number) - r.sendMs), 0) / completed.length;
  return {
    client,
    mode,
    total,
    records,
    requests: [...requests.values()],
    done: completed.length,
    failed,
    elapsedMs: Math.max(0, elapsedMs),
    recordsPerRequest: requestCount === 0 ? 0 : recordsInRequests / requestCount,
    meanLatencyMs,
    callbacksInSendOrder: records.every((r) => r.callbackSeq === null || r.callbackSeq === r.sendSeq),
  };
}
