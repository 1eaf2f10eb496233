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
  };
  for (const e of trace) {
    switch (e.type) {
      case "produce.sent":
        stats.recordsSent += e.count;
        break;
      case "produce.acked":
        stats.recordsAcked += e.count;
        break;
      case "produce.failed":
        stats.recordsFailed += e.count;
        stats.errors[e.error] = (stats.errors[e.error] ?? 0) + e.count;
        break;
      case "consume.read":
        stats.recordsConsumed += e.toOffset - e.fromOffset + 1;
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
  return stats;
}
