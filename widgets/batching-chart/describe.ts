import { t } from "../../content/i18n/t";
import { ALL_AT_ONCE, LINGERS, SWEEP_RECORDS, type SweepKnobs, type SweepPoint } from "./sweep";

/** Text forms of the sweep: labels, the table's cells and a summary the status line reads out. */

export function formatKiB(bytes: number): string {
  return `${bytes / 1024} KiB`;
}

export function lineLabel(lingerMs: number): string {
  return t("batchingChart.line", { linger: lingerMs });
}

const one = (n: number) => Math.round(n * 10) / 10;

/** The table's cells as text, shared by the live table and the Astro wrapper's static one. */
export function sweepTableRows(points: readonly SweepPoint[]): string[][] {
  return points.map((p) => [`${p.lingerMs} ms`, formatKiB(p.batchSize), String(Math.round(p.throughput)), String(one(p.latencyP50Ms)), String(one(p.latencyP99Ms)), String(one(p.recordsPerBatch))]);
}

/** The sweep in words: the load, then each line's throughput and p99 at the smallest and largest batch.size. */
export function describeSweep(points: readonly SweepPoint[], knobs: SweepKnobs): string {
  const head =
    knobs.recordsPerSecond === ALL_AT_ONCE
      ? t("batchingChart.describe.headAllAtOnce", { bytes: knobs.valueBytes, runs: points.length, count: SWEEP_RECORDS })
      : t("batchingChart.describe.head", { rate: knobs.recordsPerSecond, bytes: knobs.valueBytes, runs: points.length, count: SWEEP_RECORDS });
  const lines = LINGERS.flatMap((lingerMs) => {
    const line = points.filter((p) => p.lingerMs === lingerMs);
    if (line.length === 0) return [];
    const first = line[0];
    const last = line[line.length - 1];
    return [
      t("batchingChart.describe.line", {
        linger: lingerMs,
        from: formatKiB(first.batchSize),
        to: formatKiB(last.batchSize),
        perBatchFrom: one(first.recordsPerBatch),
        perBatchTo: one(last.recordsPerBatch),
        throughputFrom: Math.round(first.throughput),
        throughputTo: Math.round(last.throughput),
        p99From: one(first.latencyP99Ms),
        p99To: one(last.latencyP99Ms),
      }),
    ];
  });
  return [head, ...lines].join(" ");
}
