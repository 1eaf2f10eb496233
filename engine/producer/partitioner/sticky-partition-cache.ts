import type { ClusterView } from "./cluster-view.js";
import { toPositive } from "./murmur2.js";
import { indexAmongPartitions, type NextInt } from "./next-int.js";

/**
 * Draws that may repeat the old partition before we call the generator broken. Kafka loops until
 * it draws a different partition; with a working generator and at least two available partitions
 * the chance of needing this many is below 2^-10000, so the guard changes no real run, but it turns
 * a constant `nextInt` (a test stub, say) into an error instead of a frozen page.
 */
const MAX_DRAWS_FOR_A_NEW_PARTITION = 10_000;

/**
 * Kafka's StickyPartitionCache (KIP-480, Kafka 2.4 to 3.x): the current sticky partition of each
 * topic, used by UniformStickyPartitioner (and by 3.x's DefaultPartitioner for unkeyed records).
 * A topic keeps its partition until the batch on it fills and the producer calls nextPartition.
 */
export class StickyPartitionCache {
  private readonly indexCache = new Map<string, number>();

  /** @param nextInt replaces Kafka's ThreadLocalRandom (see next-int.ts). */
  constructor(private readonly nextInt: NextInt) {}

  /** The topic's sticky partition, choosing one the first time the topic is seen. */
  partition(topic: string, cluster: ClusterView): number {
    const part = this.indexCache.get(topic);
    if (part === undefined) {
      return this.nextPartition(topic, cluster, -1);
    }
    return part;
  }

  /**
   * Move the topic to a new sticky partition, but only if `prevPartition` (the partition whose batch
   * just filled) is still the sticky one, or none is set yet. Otherwise the partition stays, so a
   * stale or keyed record's new batch cannot push the topic off a partition it only just chose.
   */
  nextPartition(topic: string, cluster: ClusterView, prevPartition: number): number {
    const partitions = cluster.partitionsForTopic(topic);
    const oldPart = this.indexCache.get(topic);
    let newPart = oldPart;
    if (oldPart === undefined || oldPart === prevPartition) {
      const availablePartitions = cluster.availablePartitionsForTopic(topic);
      if (availablePartitions.length < 1) {
        const random = toPositive(this.nextInt());
        newPart = indexAmongPartitions(random, partitions.length, topic);
      } else if (availablePartitions.length === 1) {
        newPart = availablePartitions[0].partition;
      } else {
        let draws = 0;
        while (newPart === undefined || newPart === oldPart) {
          if (++draws > MAX_DRAWS_FOR_A_NEW_PARTITION) {
            throw new Error(
              `nextInt gave ${MAX_DRAWS_FOR_A_NEW_PARTITION} draws without leaving partition ${oldPart} ` +
                `of topic "${topic}"; it must return uniform 32-bit integers, not a constant`,
            );
          }
          const random = toPositive(this.nextInt());
          newPart = availablePartitions[random % availablePartitions.length].partition;
        }
      }
      // Kafka uses putIfAbsent / replace(topic, prevPartition, newPart) against other threads;
      // the simulation has one thread, so the guarded write is a plain set.
      this.indexCache.set(topic, newPart);
      return newPart;
    }
    return oldPart;
  }
}
