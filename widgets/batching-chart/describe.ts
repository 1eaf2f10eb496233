import { t } from "../../content/i18n/t";
import { LINGERS, MEASURE_FROM_MS, MEASURE_TO_MS, SEND_MS, type SweepKnobs, type SweepPoint } from "./sweep";

/** Text forms of the sweep: labels, the table's cells and a summary the status line reads out. */

export function formatKiB(bytes: number): string {
  return `${bytes / 1024} KiB`;
}

export function lineLabel(lingerMs: number): string {
  return t("batchingChart.line", { linger: lingerMs });
}

export const one = (n: number) => Math.round(n * 10) / 10;

/** The table's column headings, shared by the live table and the Astro wrapper's static one. */
export const TABLE_HEADERS = [
  "batchingChart.table.linger",
  "batchingChart.table.batchSize",
  "batchingChart.table.perRequest",
  "batchingChart.table.requestsPerSecond",
  "batchingChart.table.p50",
  "batchingChart.table.p99",
] as const;

/** The table's cells as text, shared by the live table and the Astro wrapper's static one. */
export function sweepTableRows(points: readonly SweepPoint[]): string[][] {
  return points.map((p) => [`${p.lingerMs} ms`, formatKiB(p.batchSize), String(one(p.recordsPerRequest)), String(Math.round(p.requestsPerSecond)), String(one(p.latencyP50Ms)), String(one(p.latencyP99Ms))]);
}

/** The load and the measuring window in one sentence (the status line's head and the static caption). */
export function describeLoad(knobs: SweepKnobs, runs: number): string {
  return t("batchingChart.describe.head", { runs, bytes: knobs.valueBytes, rate: knobs.recordsPerSecond, sendMs: SEND_MS, from: MEASURE_FROM_MS, to: MEASURE_TO_MS });
}

/** The sweep in words: the load, then each line's records per request and p99 at the smallest and largest batch.size. */
export function describeSweep(points: readonly SweepPoint[], knobs: SweepKnobs): string {
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
        perRequestFrom: one(first.recordsPerRequest),
        perRequestTo: one(last.recordsPerRequest),
        p99From: one(first.latencyP99Ms),
        p99To: one(last.latencyP99Ms),
      }),
    ];
  });
  return [describeLoad(knobs, points.length), ...lines].join(" ");
}
