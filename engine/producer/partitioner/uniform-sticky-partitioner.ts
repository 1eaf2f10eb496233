import type { ClusterView } from "./cluster-view.js";
import type { NextInt } from "./next-int.js";
import type { Partitioner } from "./partitioner.js";
import { StickyPartitionCache } from "./sticky-partition-cache.js";

/**
 * Kafka's UniformStickyPartitioner (KIP-480): every record, keyed or not, goes to the topic's
 * sticky partition, which changes only when onNewBatch reports that its batch filled.
 *
 * Deprecated in Kafka 3.3 (KIP-794: leave partitioner.class unset and set
 * partitioner.ignore.keys=true instead) and removed in 4.0. Kept here to teach what the built-in
 * partitioner improved on: a slow broker's partition fills its batches slowly, so it stays sticky
 * longer and receives more records, the opposite of what it needs.
 */
export class UniformStickyPartitioner implements Partitioner {
  private readonly stickyPartitionCache: StickyPartitionCache;

  /** @param nextInt replaces Kafka's ThreadLocalRandom (see next-int.ts). */
  constructor(nextInt: NextInt) {
    this.stickyPartitionCache = new StickyPartitionCache(nextInt);
  }

  /** The sticky partition; the key is ignored on purpose (records with one key may spread out). */
  partition(
    topic: string,
    _key: string | null,
    _keyBytes: Uint8Array | null,
    _value: unknown,
    _valueBytes: Uint8Array | null,
    cluster: ClusterView,
  ): number {
    return this.stickyPartitionCache.partition(topic, cluster);
  }

  /** A batch on `prevPartition` filled: move on to a new sticky partition if it is still current. */
  onNewBatch(topic: string, cluster: ClusterView, prevPartition: number): void {
    this.stickyPartitionCache.nextPartition(topic, cluster, prevPartition);
  }

  close(): void {}
}
