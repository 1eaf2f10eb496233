import type { TraceEvent } from "../../engine/index";

/**
 * Batching and latency figures of one producer, folded from a run's trace: the numbers the
 * partitioner comparison and the batching chart plot. Pure; reads only trace events.
 *
 *  - requests: ProduceRequests the producer sent (producer.request, phase "sent", retries included);
 *  - batches per request: the batches those requests carried, on average;
 *  - records per batch: records per acknowledged batch, on average;
 *  - latency: per record, send() to acknowledgement (produce.acked latencyMs, at trace "full");
 *  - throughput: records acknowledged per simulated second, from the first append to the last ack.
 */
export interface ProducerFigures {
  requests: number;
  batches: number;
  batchesPerRequest: number;
  recordsPerBatch: number;
  /** Records acknowledged. */
  acked: number;
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
}

export function producerFigures(trace: readonly TraceEvent[], client = "producer-0"): ProducerFigures {
  let requests = 0;
  let batchesInRequests = 0;
  let ackedBatches = 0;
  let recordsInAckedBatches = 0;
  let acked = 0;
  let firstAppendMs = Number.POSITIVE_INFINITY;
  let lastAckMs = 0;
  const latencies: number[] = [];
  for (const e of trace) {
    switch (e.type) {
      case "producer.request":
        if (e.client === client && e.phase === "sent") {
          requests++;
          batchesInRequests += e.batches.length;
        }
        break;
      case "producer.batch":
        if (e.client === client && e.state === "open") firstAppendMs = Math.min(firstAppendMs, e.t);
        if (e.client === client && e.state === "acknowledged") {
          ackedBatches++;
          recordsInAckedBatches += e.count;
        }
        break;
      case "produce.acked":
        if (e.client === client) {
          acked += e.count;
          lastAckMs = Math.max(lastAckMs, e.t);
          if (e.latencyMs) for (const latency of e.latencyMs) latencies.push(latency);
        }
        break;
      default:
        break;
    }
  }
  latencies.sort((a, b) => a - b);
  const spanMs = acked > 0 && Number.isFinite(firstAppendMs) ? Math.max(1, lastAckMs - firstAppendMs) : 0;
  return {
    requests,
    batches: batchesInRequests,
    batchesPerRequest: requests > 0 ? batchesInRequests / requests : 0,
    recordsPerBatch: ackedBatches > 0 ? recordsInAckedBatches / ackedBatches : 0,
    acked,
    spanMs,
    ackedPerSecond: spanMs > 0 ? (acked * 1000) / spanMs : 0,
    latencyP50Ms: percentile(latencies, 0.5),
    latencyP99Ms: percentile(latencies, 0.99),
  };
}

/** The nearest-rank percentile of sorted values (0 for none): the smallest value with at least p of them at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}
