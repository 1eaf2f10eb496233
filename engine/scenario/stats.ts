import type { DeliveryVerdict } from "../checker/delivery.js";
import type { TraceEvent } from "../kernel/trace.js";

export interface RunStats {
  simulatedMs: number;
  events: number;
  /** Records handed to the network by producers. */
  recordsSent: number;
  recordsAcked: number;
  recordsFailed: number;
  recordsConsumed: number;
  lost: number;
  duplicated: number;
  reordered: number;
  leaderElections: number;
  uncleanElections: number;
  isrShrinks: number;
  isrExpands: number;
  controllerElections: number;
  /** The highest controller epoch reached. */
  controllerEpoch: number;
  /** Failed sends by Kafka error name. */
  errors: Record<string, number>;
  /** Figures of the KafkaProducer clients ("producer" workloads), all of them together. */
  producer: ProducerStats;
}

/** Batching, throughput and latency of the KafkaProducer clients. */
export interface ProducerStats {
  /** Produce requests sent (retries included). */
  requests: number;
  /** Records acknowledged per simulated second, from the first batch opened to the last acknowledgement. */
  ackedPerSecond: number;
  /** Median send()-to-acknowledgement latency, in ms (0 without per-record latencies: trace "summary"). */
  latencyP50Ms: number;
  /** 99th percentile send()-to-acknowledgement latency, in ms. */
  latencyP99Ms: number;
  /** Records per acknowledged batch, on average. */
  recordsPerBatch: number;
  /** Batches per produce request, on average. */
  batchesPerRequest: number;
}

/** Nearest-rank percentile of sorted values (0 when empty). */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Folds the KafkaProducer events into ProducerStats, inside summarize's one pass over the trace. */
class ProducerStatsFold {
  private readonly clients = new Set<string>();
  private requests = 0;
  private batchesInRequests = 0;
  private ackedBatches = 0;
  private recordsInAckedBatches = 0;
  private acked = 0;
  private firstOpenMs = Number.POSITIVE_INFINITY;
  private lastAckMs = 0;
  private readonly latencies: number[] = [];

  created(client: string): void {
    this.clients.add(client);
  }

  request(batches: number): void {
    this.requests++;
    this.batchesInRequests += batches;
  }

  batch(state: string, t: number, count: number): void {
    if (state === "open") this.firstOpenMs = Math.min(this.firstOpenMs, t);
    else if (state === "acknowledged") {
      this.ackedBatches++;
      this.recordsInAckedBatches += count;
    }
  }

  ack(client: string, t: number, count: number, latencyMs: readonly number[] | undefined): void {
    if (!this.clients.has(client)) return;
    this.acked += count;
    this.lastAckMs = Math.max(this.lastAckMs, t);
    if (latencyMs) for (const latency of latencyMs) this.latencies.push(latency);
  }

  result(): ProducerStats {
    const latencies = this.latencies.sort((a, b) => a - b);
    const spanMs = this.acked > 0 && Number.isFinite(this.firstOpenMs) ? this.lastAckMs - this.firstOpenMs : 0;
    return {
      requests: this.requests,
      ackedPerSecond: spanMs > 0 ? (this.acked * 1000) / spanMs : 0,
      latencyP50Ms: percentile(latencies, 50),
      latencyP99Ms: percentile(latencies, 99),
      recordsPerBatch: this.ackedBatches > 0 ? this.recordsInAckedBatches / this.ackedBatches : 0,
      batchesPerRequest: this.requests > 0 ? this.batchesInRequests / this.requests : 0,
    };
  }
}

/** Summary statistics of a run: a fold over the trace. */
export function summarize(trace: readonly TraceEvent[], durationMs: number, verdict: DeliveryVerdict): RunStats {
  const stats: RunStats = {
    simulatedMs: durationMs,
    events: trace.length,
    recordsSent: 0,
    recordsAcked: 0,
    recordsFailed: 0,
    recordsConsumed: 0,
    lost: verdict.lost.length,
    duplicated: verdict.duplicated.length,
    reordered: verdict.reordered.length,
    leaderElections: 0,
    uncleanElections: 0,
    isrShrinks: 0,
    isrExpands: 0,
    controllerElections: 0,
    controllerEpoch: 0,
    errors: {},
    producer: { requests: 0, ackedPerSecond: 0, latencyP50Ms: 0, latencyP99Ms: 0, recordsPerBatch: 0, batchesPerRequest: 0 },
  };
  const producer = new ProducerStatsFold();
  for (const e of trace) {
    switch (e.type) {
      case "produce.sent":
        stats.recordsSent += e.count;
        break;
      case "produce.acked":
        stats.recordsAcked += e.count;
        producer.ack(e.client, e.t, e.count, e.latencyMs);
        break;
      case "producer.created":
        producer.created(e.client);
        break;
      case "producer.request":
        if (e.phase === "sent") producer.request(e.batches.length);
        break;
      case "producer.batch":
        producer.batch(e.state, e.t, e.count);
        break;
      case "produce.failed":
        stats.recordsFailed += e.count;
        stats.errors[e.error] = (stats.errors[e.error] ?? 0) + e.count;
        break;
      case "consume.read":
        stats.recordsConsumed += e.toOffset - e.fromOffset + 1;
        break;
      case "consumer.poll":
        stats.recordsConsumed += e.count;
        break;
      case "partition.leader":
        if (e.election === "clean" || e.election === "unclean") stats.leaderElections++;
        if (e.election === "unclean") stats.uncleanElections++;
        break;
      case "partition.isr":
        if (e.change === "shrink") stats.isrShrinks++;
        else stats.isrExpands++;
        break;
      case "controller.elected":
        stats.controllerElections++;
        stats.controllerEpoch = Math.max(stats.controllerEpoch, e.epoch);
        break;
      default:
        break;
    }
  }
  stats.producer = producer.result();
  return stats;
}
