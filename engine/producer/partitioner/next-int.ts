/**
 * Where Kafka's partitioners draw `ThreadLocalRandom.current().nextInt()`, ours call a `NextInt`
 * the caller passes in: a source of uniform signed 32-bit integers from the run's seeded `prng`
 * (with pure-rand, `() => prng.next()`). That keeps partition choices deterministic: same seed,
 * same partitions. The partitioners apply Kafka's `Utils.toPositive` to each draw themselves.
 */
export type NextInt = () => number;

/**
 * Kafka's `positiveNumber % partitions.size()`, with a clear error where Java would throw
 * ArithmeticException (a topic the metadata lists with no partitions at all).
 */
export function indexAmongPartitions(positiveNumber: number, partitionCount: number, topic: string): number {
  if (partitionCount < 1) {
    throw new RangeError(
      `topic "${topic}" has ${partitionCount} partitions in the cluster metadata; a partitioner needs at least 1`,
    );
  }
  return positiveNumber % partitionCount;
}
