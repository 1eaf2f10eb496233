import { t } from "../../content/i18n/t";
import { murmur2, partitionForKey, toPositive, utf8 } from "../../engine/index";

/**
 * What the key table shows for each key: the steps of Kafka's BuiltInPartitioner.partitionForKey,
 * `toPositive(murmur2(keyBytes)) % numPartitions`, each with its intermediate value, so a reader
 * can follow one key from text to partition and check it against a JVM.
 */

/** The partition counts the knob offers. */
export const MIN_PARTITIONS = 1;
export const MAX_PARTITIONS = 12;

export interface KeyRow {
  key: string;
  /** The key's bytes as StringSerializer makes them (UTF-8), in hex, for the tooltip. */
  bytesHex: string;
  /** How many UTF-8 bytes the key has (not its length in characters: "é" is 2). */
  byteCount: number;
  /** Utils.murmur2 of the bytes: a signed 32-bit int, as Java prints it. */
  murmur2: number;
  /** The same 32 bits as Java's Integer.toHexString prints them (unsigned, 8 digits). */
  murmur2Hex: string;
  /** Utils.toPositive(murmur2): the sign bit cleared. */
  positive: number;
  partition: number;
}

export function checkPartitionCount(count: unknown): asserts count is number {
  if (typeof count !== "number" || !Number.isInteger(count) || count < MIN_PARTITIONS || count > MAX_PARTITIONS) {
    throw new RangeError(t("partitioner.error.partitions", { value: String(count), min: MIN_PARTITIONS, max: MAX_PARTITIONS }));
  }
}

export function keyRow(key: string, partitions: number): KeyRow {
  checkPartitionCount(partitions);
  const bytes = utf8(key);
  const hash = murmur2(bytes);
  return {
    key,
    bytesHex: Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" "),
    byteCount: bytes.length,
    murmur2: hash,
    murmur2Hex: (hash >>> 0).toString(16).padStart(8, "0"),
    positive: toPositive(hash),
    partition: partitionForKey(bytes, partitions),
  };
}

export function keyRows(keys: readonly string[], partitions: number): KeyRow[] {
  return keys.map((key) => keyRow(key, partitions));
}

/** The keys of each partition, 0..partitions-1, in input order (empty partitions included). */
export function groupByPartition(rows: readonly KeyRow[], partitions: number): KeyRow[][] {
  const groups: KeyRow[][] = Array.from({ length: partitions }, () => []);
  for (const row of rows) groups[row.partition].push(row);
  return groups;
}

export interface Move {
  key: string;
  from: number;
  to: number;
}

/**
 * The keys whose partition differs between `fromPartitions` and `toPartitions`: what adding (or
 * removing) partitions does to a keyed topic. Kafka only lets a topic grow, and every key that
 * moves breaks per-key ordering across the change, because its old records stay where they were.
 */
export function movedKeys(keys: readonly string[], fromPartitions: number, toPartitions: number): Move[] {
  checkPartitionCount(fromPartitions);
  checkPartitionCount(toPartitions);
  const moves: Move[] = [];
  for (const key of keys) {
    const bytes = utf8(key);
    const from = partitionForKey(bytes, fromPartitions);
    const to = partitionForKey(bytes, toPartitions);
    if (from !== to) moves.push({ key, from, to });
  }
  return moves;
}
