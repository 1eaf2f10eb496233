import { t } from "../../content/i18n/t";
import { choiceLabel, type CompareKnobs, type CompareRow } from "./compare";
import { MAX_KEY_LENGTH, type ParsedKeys } from "./keys";
import type { KeyRow, Move } from "./rows";

/**
 * The key table in one or two sentences: how many keys over how many partitions, and how many
 * moved at the last change of the partition count. The widget shows it as a live status line
 * (screen readers hear it after each change) and the tests read it.
 */
export function describeKeys(rows: readonly KeyRow[], partitions: number, previousPartitions: number | null, moves: readonly Move[]): string {
  if (rows.length === 0) return t("partitioner.describe.empty");
  const head = t(rows.length === 1 ? "partitioner.describe.one" : "partitioner.describe.many", { count: rows.length, partitions });
  if (previousPartitions === null || previousPartitions === partitions) return head;
  const moved = moves.length === 0
    ? t("partitioner.describe.noneMoved", { from: previousPartitions, to: partitions })
    : t("partitioner.describe.moved", { moved: moves.length, count: rows.length, from: previousPartitions, to: partitions });
  return `${head} ${moved}`;
}

/** What was left out or changed while reading the text field, or "" when nothing was. */
export function describeParse(parsed: ParsedKeys): string {
  const notes: string[] = [];
  if (parsed.leftOut > 0) notes.push(t("partitioner.parse.leftOut", { shown: parsed.keys.length, total: parsed.keys.length + parsed.leftOut }));
  if (parsed.repeats > 0) notes.push(t("partitioner.parse.repeats", { count: parsed.repeats }));
  if (parsed.cut > 0) notes.push(t("partitioner.parse.cut", { count: parsed.cut, length: MAX_KEY_LENGTH }));
  return notes.join(" ");
}

/** The comparison in one sentence per partitioner, for the live status line and the tests. */
export function describeComparison(rows: readonly CompareRow[], knobs: CompareKnobs): string {
  const parts = rows.map((row) =>
    t("partitioner.describe.compareRow", {
      name: choiceLabel(row.choice),
      batches: row.batches,
      requests: row.requests,
      perBatch: round1(row.recordsPerBatch),
      p50: round1(row.latencyP50Ms),
      p99: round1(row.latencyP99Ms),
    }),
  );
  return `${t("partitioner.describe.compareHead", { linger: knobs.lingerMs, rate: knobs.recordsPerSecond })} ${parts.join(" ")}`;
}

function round1(n: number): number {
  return Number.isFinite(n) ? Math.round(n * 10) / 10 : 0;
}
