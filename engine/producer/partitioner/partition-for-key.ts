import { murmur2, toPositive } from "./murmur2.js";

/**
 * Kafka's BuiltInPartitioner.partitionForKey: the partition of a keyed record,
 * `toPositive(murmur2(keyBytes)) % numPartitions`.
 *
 * The same key bytes always land on the same partition while the partition count stays the same;
 * adding partitions moves keys, which is why Kafka only lets partitions grow and warns about it.
 */
export function partitionForKey(keyBytes: Uint8Array, numPartitions: number): number {
  // Kafka never gets here with a bad count (send waits for metadata first), so it has no check;
  // we add one because a 0 here would silently give NaN in JavaScript where Java throws.
  if (!Number.isInteger(numPartitions) || numPartitions < 1 || numPartitions > 0x7fffffff) {
    throw new RangeError(
      `numPartitions must be an integer from 1 to 2147483647, but got ${String(numPartitions)}`,
    );
  }
  return toPositive(murmur2(keyBytes)) % numPartitions;
}
