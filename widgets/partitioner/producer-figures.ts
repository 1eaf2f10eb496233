import type { TraceEvent } from "../../engine/index";

/**
 * Batching and latency figures of one producer, folded from a run's trace: the numbers the
 * partitioner comparison and the batching chart plot. Pure; reads only trace events.
 *
 * A short run has two edges that say nothing about batching: at the start, records pile up
 * while the producer fetches its first metadata, so the first batches are unusually full; at the
 * end, the last batches are partly filled and wait out linger.ms because no more records come.
 * A `window` of simulated time leaves both out: only produce requests sent inside it, and only
 * records whose send() was called inside it, count. Without a window the whole run counts.
 *
 *  - requests: ProduceRequests sent (producer.request, phase "sent", retries included);
 *  - batches: the batches those requests carried (a retried batch counts once);
 *  - records per batch / per request: the records in those batches, per batch and per request;
 *  - latency: per record, send() to acknowledgement (produce.acked latencyMs, at trace "full");
 *  - throughput: records acknowledged per simulated second, from the first append to the last ack
 *    (whole run only: a short window of acknowledgements counts whole batches, so it jitters).
 */
export interface ProducerFigures {
  requests: number;
  batches: number;
  batchesPerRequest: number;
  recordsPerBatch: number;
  /** Records in the batches of the counted requests, per request. */
  recordsPerRequest: number;
  /** Counted requests per simulated second of the window (of the span, without a window). */
  requestsPerSecond: number;
  /** Records acknowledged in the whole run. */
  acked: number;
  /** Records sent inside the window and acknowledged (their latencies are the percentiles'). */
  ackedInWindow: number;
  /**
   * Simulated ms from the first record appended to a batch to the last acknowledgement; 0 when
   * nothing was acked. It starts at the first append, not the first send(), because the first
   * send() waits for the cluster's metadata, which says nothing about batching.
   */
  spanMs: number;
  /** Acknowledged records per simulated second over spanMs. */
  ackedPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** The slowest record sent inside the window, send() to acknowledgement. */
  latencyMaxMs: number;
}

/** Simulated time [fromMs, toMs) over which figures are counted. */
export interface FigureWindow {
  fromMs: number;
  toMs: number;
}

export function producerFigures(trace: readonly TraceEvent[], client = "producer-0", window?: FigureWindow): ProducerFigures {
  const fromMs = window?.fromMs ?? Number.NEGATIVE_INFINITY;
  const toMs = window?.toMs ?? Number.POSITIVE_INFINITY;
  const inWindow = (t: number) => t >= fromMs && t < toMs;
  /** Records per batch id, as the batch went in flight (a batch's count is fixed once it is drained). */
  const batchRecords = new Map<string, number>();
  const counted = new Set<string>();
  let requests = 0;
  let batchesInRequests = 0;
  let recordsInRequests = 0;
  let acked = 0;
  let firstAppendMs = Number.POSITIVE_INFINITY;
  let lastAckMs = 0;
  const latencies: number[] = [];
  for (const e of trace) {
    switch (e.type) {
      case "producer.request":
        if (e.client === client && e.phase === "sent" && inWindow(e.t)) {
          requests++;
          batchesInRequests += e.batches.length;
          for (const batch of e.batches) {
            recordsInRequests += batchRecords.get(batch) ?? 0;
            counted.add(batch);
          }
        }
        break;
      case "producer.batch":
        if (e.client === client && e.state === "open") firstAppendMs = Math.min(firstAppendMs, e.t);
        if (e.client === client && e.state === "in-flight") batchRecords.set(e.batch, e.count);
        break;
      case "produce.acked":
        if (e.client === client) {
          acked += e.count;
          lastAckMs = Math.max(lastAckMs, e.t);
          if (e.latencyMs) for (const latency of e.latencyMs) if (inWindow(e.t - latency)) latencies.push(latency);
        }
        break;
      default:
        break;
    }
  }
  let recordsInBatches = 0;
  for (const batch of counted) recordsInBatches += batchRecords.get(batch) ?? 0;
  latencies.sort((a, b) => a - b);
  const spanMs = acked > 0 && Number.isFinite(firstAppendMs) ? Math.max(1, lastAckMs - firstAppendMs) : 0;
  const windowMs = window ? window.toMs - window.fromMs : spanMs;
  return {
    requests,
    batches: counted.size,
    batchesPerRequest: requests > 0 ? batchesInRequests / requests : 0,
    recordsPerBatch: counted.size > 0 ? recordsInBatches / counted.size : 0,
    recordsPerRequest: requests > 0 ? recordsInRequests / requests : 0,
    requestsPerSecond: windowMs > 0 ? (requests * 1000) / windowMs : 0,
    acked,
    ackedInWindow: latencies.length,
    spanMs,
    ackedPerSecond: spanMs > 0 ? (acked * 1000) / spanMs : 0,
    latencyP50Ms: percentile(latencies, 0.5),
    latencyP99Ms: percentile(latencies, 0.99),
    latencyMaxMs: latencies.length > 0 ? latencies[latencies.length - 1] : 0,
  };
}

/** The nearest-rank percentile of sorted values (0 for none): the smallest value with at least p of them at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}
