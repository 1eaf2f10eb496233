import type { ClusterView } from "./cluster-view.js";
import { toPositive } from "./murmur2.js";
import { indexAmongPartitions, type NextInt } from "./next-int.js";
import { partitionForKey } from "./partition-for-key.js";

/**
 * The sticky partition a topic's unkeyed records currently go to, and how many bytes have been
 * appended to it since it was chosen (Kafka's BuiltInPartitioner.StickyPartitionInfo).
 * A new object is made at every switch, so "is this still the current one?" is an identity test.
 */
export class StickyPartitionInfo {
  /** Bytes appended to this partition since it became sticky (Kafka's AtomicInteger producedBytes). */
  producedBytes = 0;

  constructor(private readonly index: number) {}

  /** The partition number. */
  partition(): number {
    return this.index;
  }
}

/**
 * The adaptive weights (Kafka's PartitionLoadStats): a cumulative frequency table over the
 * partitions that have a leader, where a partition with a shorter queue of batches gets a larger
 * share. Only the first `length` entries of both arrays count.
 */
export interface PartitionLoadStats {
  readonly cumulativeFrequencyTable: readonly number[];
  readonly partitionIds: readonly number[];
  readonly length: number;
}

/**
 * Kafka's BuiltInPartitioner (KIP-794, Kafka 3.3+): where unkeyed records go when no
 * partitioner.class is set. One instance per topic, owned by the RecordAccumulator.
 *
 * It sticks to one partition until about `stickyBatchSize` (batch.size) bytes have been appended
 * to it, then switches. The next partition is uniform over the partitions that have a leader, or,
 * once the accumulator reports queue sizes (partitioner.adaptive.partitioning.enable), weighted so
 * that brokers with fewer queued batches get more records.
 *
 * The accumulator's loop, as in Kafka: peekCurrentPartitionInfo, append the record to that partition,
 * then updatePartitionInfo with the bytes appended (which may switch). Kafka's compare-and-set and
 * isPartitionChanged guard against other producer threads; the simulated producer has one thread,
 * so the current info is always the one just peeked. Kafka's trace logging is left out.
 */
export class BuiltInPartitioner {
  /** Kafka's default hash for keyed records, also reachable here as in Kafka (a static method). */
  static readonly partitionForKey = partitionForKey;

  private loadStats: PartitionLoadStats | null = null;
  private stickyPartitionInfo: StickyPartitionInfo | null = null;

  /**
   * @param topic the topic this instance partitions.
   * @param stickyBatchSize bytes to produce to a partition before switching; the accumulator passes
   *   batch.size, raised to 1 when batch.size is 0 (KAFKA-14303).
   * @param nextInt replaces Kafka's `ThreadLocalRandom.current().nextInt()` so the choice of the
   *   next partition comes from the run's seeded prng (see next-int.ts).
   */
  constructor(
    readonly topic: string,
    readonly stickyBatchSize: number,
    private readonly nextInt: NextInt,
  ) {
    if (!Number.isInteger(stickyBatchSize) || stickyBatchSize < 1 || stickyBatchSize > 0x7fffffff) {
      // Kafka's own message, plus what is allowed.
      throw new RangeError(
        `stickyBatchSize must be >= 1 but got ${String(stickyBatchSize)} (an integer up to 2147483647 is allowed)`,
      );
    }
  }

  /** The adaptive weights in use, or null while switching is uniform (read-only, for widgets). */
  get partitionLoadStats(): PartitionLoadStats | null {
    return this.loadStats;
  }

  /**
   * Choose the partition to switch to: uniform over partitions with a leader (over all partitions
   * when none has one) without load stats, else weighted by the cumulative frequency table.
   * Private in Kafka; public here so a widget can show a draw.
   */
  nextPartition(cluster: ClusterView): number {
    const random = toPositive(this.nextInt());
    const partitionLoadStats = this.loadStats;

    if (partitionLoadStats === null) {
      const availablePartitions = cluster.availablePartitionsForTopic(this.topic);
      if (availablePartitions.length > 0) {
        return availablePartitions[random % availablePartitions.length].partition;
      }
      // No partition has a leader: pick one among all partitions (Kafka returns the index itself).
      const partitions = cluster.partitionsForTopic(this.topic);
      return indexAmongPartitions(random, partitions.length, this.topic);
    }

    // Partitions without a leader were left out of the stats by the accumulator.
    const { cumulativeFrequencyTable, partitionIds, length } = partitionLoadStats;
    const weightedRandom = random % cumulativeFrequencyTable[length - 1];
    // The table is strictly increasing, so binary search finds the first entry greater than
    // weightedRandom: the insertion point when absent, the next index when equal; both are
    // |searchResult + 1| (Kafka's comment walks through 4 5 8).
    const searchResult = binarySearch(cumulativeFrequencyTable, 0, length, weightedRandom);
    const partitionIndex = Math.abs(searchResult + 1);
    return partitionIds[partitionIndex];
  }

  /** Test-only in Kafka: the end of the weighted random range (the last cumulative frequency). */
  loadStatsRangeEnd(): number {
    const stats = this.loadStats;
    if (stats === null || stats.length < 1) {
      throw new Error(`loadStatsRangeEnd needs adaptive load stats, but topic "${this.topic}" has none`);
    }
    return stats.cumulativeFrequencyTable[stats.length - 1];
  }

  /** The current sticky partition, choosing the first one on the first call. */
  peekCurrentPartitionInfo(cluster: ClusterView): StickyPartitionInfo {
    if (this.stickyPartitionInfo === null) {
      this.stickyPartitionInfo = new StickyPartitionInfo(this.nextPartition(cluster));
    }
    return this.stickyPartitionInfo;
  }

  /**
   * True if the sticky partition changed since `partitionInfo` was peeked. Kafka needs this against
   * other threads; with one simulated thread it is only true for stale info. A null info (the record
   * was not placed by this partitioner) is never "changed".
   */
  isPartitionChanged(partitionInfo: StickyPartitionInfo | null): boolean {
    return partitionInfo !== null && this.stickyPartitionInfo !== partitionInfo;
  }

  /**
   * Count `appendedBytes` against the sticky partition and switch once it has had enough.
   *
   * The switch rule: at stickyBatchSize bytes if `enableSwitch`, and at twice stickyBatchSize in any
   * case. The accumulator passes enableSwitch=false while the partition's batch is not yet ready to
   * send: switching then would strand a small batch (linger.ms=500 producing 12 KB per 500 ms with
   * batch.size=16 KB would send 12 KB and 4 KB batches), so it waits for the batch boundary, capped
   * at 2x so keyed records mixed in cannot hold the switch off forever.
   *
   * @param partitionInfo what peekCurrentPartitionInfo returned, or null if the record had a
   *   partition already (keyed or explicit), in which case nothing happens.
   */
  updatePartitionInfo(
    partitionInfo: StickyPartitionInfo | null,
    appendedBytes: number,
    cluster: ClusterView,
    enableSwitch = true,
  ): void {
    if (partitionInfo === null) return;
    if (partitionInfo !== this.stickyPartitionInfo) {
      // Kafka asserts this; a stale info here is a bug in the caller, so say so.
      throw new Error(
        `updatePartitionInfo got the info of partition ${partitionInfo.partition()} of topic "${this.topic}", ` +
          `but the current sticky partition is ${this.stickyPartitionInfo?.partition() ?? "not chosen yet"}`,
      );
    }
    // Java int arithmetic: the sum and 2 * stickyBatchSize wrap as in Kafka.
    partitionInfo.producedBytes = (partitionInfo.producedBytes + appendedBytes) | 0;
    const producedBytes = partitionInfo.producedBytes;
    const twiceStickyBatchSize = Math.imul(this.stickyBatchSize, 2);

    if ((producedBytes >= this.stickyBatchSize && enableSwitch) || producedBytes >= twiceStickyBatchSize) {
      this.stickyPartitionInfo = new StickyPartitionInfo(this.nextPartition(cluster));
    }
  }

  /**
   * Turn the accumulator's queue sizes into adaptive weights, or switch adaptive off (null).
   *
   * Kafka's example: queue sizes 0 3 1 are inverted against max + 1 = 4 to 4 1 3 and summed to the
   * cumulative frequency table 4 5 8; a random number in [0, 8) then picks partition[0] for 0..3,
   * partition[1] for 4 and partition[2] for 5..7. Adaptive is off when there are no sizes, when the
   * topic has fewer than 2 partitions or none left, or when all queues are equal and none was
   * excluded for latency (partitioner.availability.timeout.ms).
   *
   * Like Kafka, this rewrites `queueSizes` in place into the table and keeps both arrays: the
   * accumulator hands over fresh arrays each time and must not reuse them.
   *
   * @param queueSizes queued batches per partition with a leader, or null to turn adaptive off.
   * @param partitionIds the partition of each queue size.
   * @param length how many leading entries count: partitions after it were excluded for latency.
   */
  updatePartitionLoadStats(queueSizes: number[] | null, partitionIds: number[], length: number): void {
    if (queueSizes === null) {
      this.loadStats = null;
      return;
    }
    if (queueSizes.length !== partitionIds.length) {
      throw new RangeError(
        `queueSizes and partitionIds must have the same length, but got ${queueSizes.length} and ${partitionIds.length}`,
      );
    }
    if (!Number.isInteger(length) || length > queueSizes.length) {
      throw new RangeError(
        `length must be an integer no greater than queueSizes.length (${queueSizes.length}), but got ${String(length)}`,
      );
    }

    // queueSizes.length is every partition with a leader; with fewer than 2 there is nothing to
    // weigh. With some excluded for latency, adaptive still applies, even to a single partition.
    if (length < 1 || queueSizes.length < 2) {
      this.loadStats = null;
      return;
    }

    let maxSizePlus1 = queueSizes[0];
    let allEqual = true;
    for (let i = 1; i < length; i++) {
      if (queueSizes[i] !== maxSizePlus1) allEqual = false;
      if (queueSizes[i] > maxSizePlus1) maxSizePlus1 = queueSizes[i];
    }
    ++maxSizePlus1;

    if (allEqual && length === queueSizes.length) {
      this.loadStats = null;
      return;
    }

    // Invert and fold the queue sizes into the cumulative frequency table, in place.
    queueSizes[0] = maxSizePlus1 - queueSizes[0];
    for (let i = 1; i < length; i++) {
      queueSizes[i] = maxSizePlus1 - queueSizes[i] + queueSizes[i - 1];
    }
    this.loadStats = { cumulativeFrequencyTable: queueSizes, partitionIds, length };
  }
}

/**
 * Java's Arrays.binarySearch(int[] a, int fromIndex, int toIndex, int key): the index of `key`, or
 * -(insertion point) - 1 when absent. Ported as is so the index arithmetic above stays Kafka's.
 */
function binarySearch(a: readonly number[], fromIndex: number, toIndex: number, key: number): number {
  let low = fromIndex;
  let high = toIndex - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const midVal = a[mid];
    if (midVal < key) low = mid + 1;
    else if (midVal > key) high = mid - 1;
    else return mid;
  }
  return -(low + 1);
}
