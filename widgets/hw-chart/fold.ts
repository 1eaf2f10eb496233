import type { BrokerId, Scenario, TraceEvent } from "../../engine/index";
import { t } from "../../content/i18n/t";
import { foldReplicaLog, shownPartition, type ReplicaView } from "../replica-log/fold";

/**
 * The chart's view: each replica's log end offset and the leader's high watermark as step
 * series over time up to t, with the ISR changes, elections and faults marked. Folded from
 * the trace alone; pure.
 */
export interface SeriesPoint {
  tMs: number;
  offset: number;
}

export interface Series {
  key: string;
  /** The replica, or null for the leader's high watermark. */
  broker: BrokerId | null;
  points: SeriesPoint[];
}

export type ChartMarkKind = "isr-shrink" | "isr-expand" | "election" | "crash" | "restart" | "slow" | "cut" | "heal" | "config";

export interface ChartMark {
  tMs: number;
  kind: ChartMarkKind;
  label: string;
}

export interface HwChartView {
  tMs: number;
  durationMs: number;
  /** The y axis reaches this offset over the whole run, so it does not rescale while playing. */
  maxOffset: number;
  leo: Series[];
  hw: Series;
  marks: ChartMark[];
  /** The partition's state at t (for the text alternative and the actions). */
  now: ReplicaView;
}

export function foldHwChart(trace: readonly TraceEvent[], tMs: number, scenario: Scenario): HwChartView {
  const { topic, partition } = shownPartition(scenario);
  const now = foldReplicaLog(trace, tMs, scenario);
  const on = (e: { topic: string; partition: number }) => e.topic === topic && e.partition === partition;
  const leo = new Map<BrokerId, SeriesPoint[]>(now.replicas.map((b) => [b, [{ tMs: 0, offset: 0 }]]));
  const hw: SeriesPoint[] = [{ tMs: 0, offset: 0 }];
  const marks: ChartMark[] = [];
  let leader: BrokerId | null = null;
  let maxOffset = 0;
  let started = false;

  for (const e of trace) {
    if (e.type === "replica.append" && on(e)) maxOffset = Math.max(maxOffset, e.leo);
    if (e.t > tMs) continue;
    switch (e.type) {
      case "replica.append":
        if (on(e)) push(leo, e.broker, e.t, e.leo);
        break;
      case "replica.truncate":
        if (on(e)) push(leo, e.broker, e.t, e.toOffset);
        break;
      case "replica.hw":
        if (on(e) && e.broker === leader) hw.push({ tMs: e.t, offset: e.hw });
        break;
      case "partition.leader":
        if (!on(e)) break;
        leader = e.leader;
        if (e.election !== "initial") marks.push({ tMs: e.t, kind: "election", label: e.leader === null ? t("hwChart.mark.offline") : t("hwChart.mark.leader", { broker: e.leader }) });
        break;
      case "partition.isr":
        if (on(e)) marks.push({ tMs: e.t, kind: e.change === "shrink" ? "isr-shrink" : "isr-expand", label: t(e.change === "shrink" ? "hwChart.mark.shrink" : "hwChart.mark.expand", { broker: e.replica }) });
        break;
      case "broker.crashed":
        marks.push({ tMs: e.t, kind: "crash", label: t("hwChart.mark.crash", { broker: e.broker }) });
        break;
      case "broker.started":
        // Every broker starts at t = 0; only a later start is a restart worth marking.
        if (e.t > 0 || started) marks.push({ tMs: e.t, kind: "restart", label: t("hwChart.mark.restart", { broker: e.broker }) });
        break;
      case "network.slowed": {
        const broker = e.node.replace("broker-", "");
        marks.push({ tMs: e.t, kind: "slow", label: e.extraLatencyMs > 0 ? t("hwChart.mark.slow", { broker }) : t("hwChart.mark.unslow", { broker }) });
        break;
      }
      case "network.cut":
        marks.push({ tMs: e.t, kind: "cut", label: t("hwChart.mark.cut") });
        break;
      case "network.healed":
        marks.push({ tMs: e.t, kind: "heal", label: t("hwChart.mark.heal") });
        break;
      case "topic.config-changed":
      case "client.config-changed":
        marks.push({ tMs: e.t, kind: "config", label: t("hwChart.mark.config") });
        break;
      default:
        break;
    }
    if (e.t > 0) started = true;
  }
  // Each series runs on to t at its last value, so the lines reach the cursor.
  for (const points of leo.values()) points.push({ tMs, offset: points[points.length - 1].offset });
  hw.push({ tMs, offset: hw[hw.length - 1].offset });
  return {
    tMs,
    durationMs: scenario.durationMs,
    maxOffset: Math.max(maxOffset, 5),
    leo: [...leo].map(([broker, points]) => ({ key: `leo-${broker}`, broker, points })),
    hw: { key: "hw", broker: null, points: hw },
    marks,
    now,
  };
}

function push(series: Map<BrokerId, SeriesPoint[]>, broker: BrokerId, tMs: number, offset: number): void {
  const points = series.get(broker) ?? [{ tMs: 0, offset: 0 }];
  points.push({ tMs, offset });
  series.set(broker, points);
}
