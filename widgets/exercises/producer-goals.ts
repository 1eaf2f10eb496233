import type { RunResult, TraceEvent } from "../../engine/index";
import { t, type MessageKey } from "../../content/i18n/t";
import { formatSeconds } from "../kit/format";
import type { GoalOutcome } from "./goals";

/**
 * The goals of the producer chapter's exercises (content/chapters/producer.mdx), checked on the
 * run of the producer-pipeline figure above them: what the application handed to send(), what
 * came back acknowledged or failed, the producer's own figures (RunStats.producer) and the
 * delivery checker's verdict on the brokers' logs.
 */

const pass = (key: MessageKey, params?: Record<string, string | number>): GoalOutcome => ({ passed: true, message: t(key, params) });
const fail = (key: MessageKey, params?: Record<string, string | number>): GoalOutcome => ({ passed: false, message: t(key, params) });

// ---- facts about the producer's run --------------------------------------------------------

/** Records the application hands to send(): each "producer" workload's count plus every "Send" action. */
export function recordsToSend(result: RunResult): number {
  const workloads = result.scenario.workload.reduce((n, w) => n + (w.type === "producer" ? w.count : 0), 0);
  const actions = result.scenario.faults.reduce((n, f) => n + (f.type === "producer-send" ? f.count : 0), 0);
  return workloads + actions;
}

/** The KafkaProducer clients of the run (from producer.created). */
function producerClients(trace: readonly TraceEvent[]): Set<string> {
  return new Set(trace.flatMap((e) => (e.type === "producer.created" ? [e.client] : [])));
}

/** Distinct records the brokers acknowledged to a KafkaProducer (a retried batch is acknowledged once). */
export function acknowledgedRecords(trace: readonly TraceEvent[]): number {
  const clients = producerClients(trace);
  let count = 0;
  for (const e of trace) if (e.type === "produce.acked" && clients.has(e.client)) count += e.count;
  return count;
}

export interface FailedSends {
  count: number;
  /** Failed records by Kafka's exception name. */
  byError: Map<string, number>;
  first: { id: string; tMs: number } | null;
}

/** Records whose send() or delivery failed, by error. */
export function failedSends(trace: readonly TraceEvent[]): FailedSends {
  const clients = producerClients(trace);
  const byError = new Map<string, number>();
  let count = 0;
  let first: FailedSends["first"] = null;
  for (const e of trace) {
    if (e.type !== "produce.failed" || !clients.has(e.client)) continue;
    count += e.count;
    byError.set(e.error, (byError.get(e.error) ?? 0) + e.count);
    first ??= { id: e.ids[0] ?? "", tMs: e.t };
  }
  return { count, byError, first };
}

/** BufferPool.allocate's failure after max.block.ms: BufferExhaustedException, a TimeoutException. */
const BUFFER_TIMEOUT_ERRORS = new Set(["BufferExhaustedException", "TimeoutException"]);

function bufferTimeouts(failed: FailedSends): number {
  return [...failed.byError].reduce((n, [error, count]) => n + (BUFFER_TIMEOUT_ERRORS.has(error) ? count : 0), 0);
}

function describeErrors(failed: FailedSends): string {
  return [...failed.byError].map(([error, count]) => `${count} × ${error}`).join(", ");
}

/** Batches that went back to their deque at least once to be sent again. */
export function retriedBatches(trace: readonly TraceEvent[]): number {
  return new Set(trace.flatMap((e) => (e.type === "producer.batch" && e.state === "retry-backoff" ? [e.batch] : []))).size;
}

/** How many times a send() call had to wait for buffer memory (one per record that waited). */
export function blockedSends(trace: readonly TraceEvent[]): number {
  return new Set(trace.flatMap((e) => (e.type === "producer.record" && e.stage === "blocked" ? [e.id] : []))).size;
}

/** The first producer's config as KafkaProducer resolved it (producer.created), or null before it was created. */
function resolvedConfig(trace: readonly TraceEvent[]): Readonly<Record<string, string | number | boolean | null>> | null {
  const created = trace.find((e) => e.type === "producer.created");
  return created && created.type === "producer.created" ? created.config : null;
}

// ---- producer.throughput-within-latency ----------------------------------------------------

/** Records acknowledged per simulated second, at least: the overload scene offers 200 a second. */
export const TARGET_RECORDS_PER_SECOND = 120;
/** The 99th percentile of send()-to-acknowledgement latency, at most, in ms (acks=all costs about 150 ms). */
export const MAX_P99_LATENCY_MS = 300;

function throughputWithinLatency(result: RunResult): GoalOutcome {
  const trace = result.trace;
  const acks = String(resolvedConfig(trace)?.acks ?? "all");
  if (acks !== "all") return fail("producerGoal.throughput.notAll", { acks });
  const count = recordsToSend(result);
  const failed = failedSends(trace);
  if (failed.count > 0) return fail("producerGoal.throughput.failed", { failed: failed.count, count, errors: describeErrors(failed) });
  const acked = acknowledgedRecords(trace);
  if (acked < count) return fail("producerGoal.throughput.unfinished", { acked, count, time: formatSeconds(result.scenario.durationMs) });
  const { ackedPerSecond, latencyP99Ms, latencyP50Ms, recordsPerBatch } = result.stats.producer;
  const rate = Math.floor(ackedPerSecond);
  const params = { rate, p99: latencyP99Ms, p50: latencyP50Ms, target: TARGET_RECORDS_PER_SECOND, max: MAX_P99_LATENCY_MS, perBatch: recordsPerBatch.toFixed(1), count };
  const slow = ackedPerSecond < TARGET_RECORDS_PER_SECOND;
  const late = latencyP99Ms > MAX_P99_LATENCY_MS;
  if (slow && late) return fail("producerGoal.throughput.slowAndLate", params);
  if (slow) return fail("producerGoal.throughput.slow", params);
  if (late) return fail("producerGoal.throughput.late", params);
  return pass("producerGoal.throughput.passed", params);
}

// ---- producer.never-fail-a-send ------------------------------------------------------------

function neverFailASend(result: RunResult): GoalOutcome {
  const trace = result.trace;
  const count = recordsToSend(result);
  const failed = failedSends(trace);
  const timeouts = bufferTimeouts(failed);
  if (timeouts > 0) {
    const maxBlockMs = Number(resolvedConfig(trace)?.["max.block.ms"] ?? 0);
    return fail("producerGoal.buffer.timeouts", { failed: timeouts, count, maxBlock: maxBlockMs, id: failed.first?.id ?? "", time: formatSeconds(failed.first?.tMs ?? 0) });
  }
  if (failed.count > 0) return fail("producerGoal.buffer.otherErrors", { failed: failed.count, count, errors: describeErrors(failed) });
  const acked = acknowledgedRecords(trace);
  if (acked < count) return fail("producerGoal.buffer.unfinished", { acked, count, time: formatSeconds(result.scenario.durationMs) });
  const blocked = blockedSends(trace);
  return blocked > 0 ? pass("producerGoal.buffer.passedBlocked", { count, blocked }) : pass("producerGoal.buffer.passed", { count });
}

// ---- producer.keep-order-with-retries ------------------------------------------------------

function keepOrderWithRetries(result: RunResult): GoalOutcome {
  const trace = result.trace;
  const count = recordsToSend(result);
  const failed = failedSends(trace);
  const retried = retriedBatches(trace);
  if (retried === 0) {
    const retries = resolvedConfig(trace)?.retries;
    return fail(retries === 0 ? "producerGoal.order.retriesOff" : "producerGoal.order.noRetry", { failed: failed.count });
  }
  const { reordered, duplicated } = result.verdict;
  if (reordered.length > 0) return fail("producerGoal.order.reordered", { count: reordered.length, example: reordered[0].explanation, retried });
  if (failed.count > 0) return fail("producerGoal.order.failed", { failed: failed.count, count, errors: describeErrors(failed) });
  const acked = acknowledgedRecords(trace);
  if (acked < count) return fail("producerGoal.order.unfinished", { acked, count, time: formatSeconds(result.scenario.durationMs) });
  const config = resolvedConfig(trace);
  const how = config?.["enable.idempotence"] === true
    ? t("producerGoal.order.howIdempotent")
    : config?.["max.in.flight.requests.per.connection"] === 1
      ? t("producerGoal.order.howOneInFlight")
      : t("producerGoal.order.howOther");
  if (duplicated.length > 0) return pass("producerGoal.order.passedWithDuplicates", { count, retried, how, duplicates: duplicated.length });
  return pass("producerGoal.order.passed", { count, retried, how });
}

/** The chapter's exercise ids and their checks (registered in goals.ts). */
export const producerGoals = {
  "producer.keep-order-with-retries": keepOrderWithRetries,
  "producer.never-fail-a-send": neverFailASend,
  "producer.throughput-within-latency": throughputWithinLatency,
};
