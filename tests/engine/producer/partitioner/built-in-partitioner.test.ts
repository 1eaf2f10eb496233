import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BuiltInPartitioner,
  clusterViewFromPartitions,
  type ClusterView,
} from "../../../../engine/producer/partitioner/index.js";
import { NODES, seededNextInt, sequentialNextInt } from "./support.js";

const TOPIC_A = "topicA";
const TOPIC_B = "topicB";
const TOPIC_C = "topicC";

/** The accumulator's loop for one record: peek, append, count the bytes (which may switch). */
function appendOne(partitioner: BuiltInPartitioner, cluster: ClusterView, bytes = 1, enableSwitch = true): number {
  const info = partitioner.peekCurrentPartitionInfo(cluster);
  const partition = info.partition();
  partitioner.updatePartitionInfo(info, bytes, cluster, enableSwitch);
  return partition;
}

function topicWith(partitionCount: number, topic = TOPIC_A): ClusterView {
  return clusterViewFromPartitions(
    Array.from({ length: partitionCount }, (_, i) => ({ topic, partition: i, leader: NODES[i % NODES.length] })),
  );
}

describe("BuiltInPartitioner", () => {
  it("P-PARTITION: unkeyed records stay on one partition until stickyBatchSize bytes, then switch (testStickyPartitioning)", () => {
    const cluster = clusterViewFromPartitions([
      { topic: TOPIC_A, partition: 0, leader: NODES[0] },
      { topic: TOPIC_A, partition: 1, leader: NODES[1] },
      { topic: TOPIC_A, partition: 2, leader: NODES[2] },
      { topic: TOPIC_B, partition: 0, leader: NODES[0] },
    ]);
    // Sticky batch size of 3 one-byte records; Kafka's mockRandom gives 0, 1, 2, ...
    const partitionerA = new BuiltInPartitioner(TOPIC_A, 3, sequentialNextInt());

    let info = partitionerA.peekCurrentPartitionInfo(cluster);
    const partA = info.partition();
    partitionerA.updatePartitionInfo(info, 1, cluster);
    info = partitionerA.peekCurrentPartitionInfo(cluster);
    expect(info.partition()).toBe(partA);
    partitionerA.updatePartitionInfo(info, 1, cluster);
    info = partitionerA.peekCurrentPartitionInfo(cluster);
    expect(info.partition()).toBe(partA);
    partitionerA.updatePartitionInfo(info, 1, cluster);

    // After 3 records the partition must have switched.
    expect(partitionerA.peekCurrentPartitionInfo(cluster).partition()).not.toBe(partA);

    // Switching works even when there is one partition.
    const partitionerB = new BuiltInPartitioner(TOPIC_B, 1, sequentialNextInt());
    for (let c = 0; c < 10; c++) expect(appendOne(partitionerB, cluster)).toBe(0);
  });

  it.each([1, 42, 794, 2024, 31337])(
    "P-PARTITION: the built-in partitioner never picks a leaderless partition and picks among all when none has a leader (unavailablePartitionsTest, seed %i)",
    (seed) => {
      const cluster = clusterViewFromPartitions([
        { topic: TOPIC_A, partition: 0, leader: NODES[0] },
        { topic: TOPIC_A, partition: 1, leader: null },
        { topic: TOPIC_A, partition: 2, leader: NODES[2] },
        { topic: TOPIC_B, partition: 0, leader: null },
        { topic: TOPIC_B, partition: 1, leader: NODES[0] },
        { topic: TOPIC_C, partition: 0, leader: null },
      ]);
      const nextInt = seededNextInt(seed);

      const partitionerA = new BuiltInPartitioner(TOPIC_A, 1, nextInt);
      const partA = appendOne(partitionerA, cluster);
      expect(partA).not.toBe(1);
      let foundAnotherPartA = false;
      for (let i = 0; i < 100; i++) {
        const anotherPartA = appendOne(partitionerA, cluster);
        expect(anotherPartA).not.toBe(1);
        foundAnotherPartA ||= anotherPartA !== partA;
      }
      expect(foundAnotherPartA).toBe(true);

      const partitionerB = new BuiltInPartitioner(TOPIC_B, 1, nextInt);
      for (let i = 0; i < 101; i++) expect(appendOne(partitionerB, cluster)).toBe(1);

      const partitionerC = new BuiltInPartitioner(TOPIC_C, 1, nextInt);
      expect(appendOne(partitionerC, cluster)).toBe(0);
      expect(partitionerC.peekCurrentPartitionInfo(cluster).partition()).toBe(0);
    },
  );

  it("P-PARTITION: with adaptive partitioning, partitions are chosen in inverse proportion to their queue sizes (adaptivePartitionsTest)", () => {
    const partitioner = new BuiltInPartitioner(TOPIC_A, 1, sequentialNextInt());
    const queueSizes = [5, 0, 3, 0, 1];
    const partitionIds = queueSizes.map((_, i) => i);
    const expectedFrequencies = queueSizes.map((size) => 6 - size); // 6 is max(queueSizes) + 1
    partitioner.updatePartitionLoadStats(queueSizes, partitionIds, queueSizes.length);
    const cluster = topicWith(queueSizes.length);

    const numberOfCycles = 2;
    const numberOfIterations = partitioner.loadStatsRangeEnd() * numberOfCycles;
    const frequencies = new Array<number>(queueSizes.length).fill(0);
    for (let i = 0; i < numberOfIterations; i++) ++frequencies[appendOne(partitioner, cluster)];

    expect(frequencies).toEqual(expectedFrequencies.map((f) => f * numberOfCycles));
  });

  it("P-PARTITION: queue sizes 0 3 1 become the cumulative table 4 5 8, so draws 0-3, 4 and 5-7 pick partitions 0, 1 and 2 (Kafka's worked example)", () => {
    const partitioner = new BuiltInPartitioner(TOPIC_A, 1, sequentialNextInt());
    partitioner.updatePartitionLoadStats([0, 3, 1], [10, 11, 12], 3);
    expect(partitioner.partitionLoadStats?.cumulativeFrequencyTable).toEqual([4, 5, 8]);
    expect(partitioner.loadStatsRangeEnd()).toBe(8);
    const cluster = clusterViewFromPartitions(
      [10, 11, 12].map((partition) => ({ topic: TOPIC_A, partition, leader: 0 })),
    );
    const picks = Array.from({ length: 8 }, () => partitioner.nextPartition(cluster));
    expect(picks).toEqual([10, 10, 10, 10, 11, 12, 12, 12]);
  });

  it("P-PARTITION: adaptive weights are off without sizes, with fewer than 2 partitions, or when all queues are equal", () => {
    const partitioner = new BuiltInPartitioner(TOPIC_A, 1, sequentialNextInt());
    partitioner.updatePartitionLoadStats(null, [], 0);
    expect(partitioner.partitionLoadStats).toBeNull();
    partitioner.updatePartitionLoadStats([3], [0], 1);
    expect(partitioner.partitionLoadStats).toBeNull();
    partitioner.updatePartitionLoadStats([2, 2, 2], [0, 1, 2], 3);
    expect(partitioner.partitionLoadStats).toBeNull();
    partitioner.updatePartitionLoadStats([2, 5], [0, 1], 0);
    expect(partitioner.partitionLoadStats).toBeNull();
    expect(() => partitioner.loadStatsRangeEnd()).toThrow(/needs adaptive load stats/);
  });

  it("P-PARTITION: equal queues still weigh in when some partitions were excluded for latency, even down to one", () => {
    const partitioner = new BuiltInPartitioner(TOPIC_A, 1, sequentialNextInt());
    // Partitions 4 and 7 remain; 9 was dropped (length 2 of 3).
    partitioner.updatePartitionLoadStats([1, 1, 6], [4, 7, 9], 2);
    expect(partitioner.partitionLoadStats?.cumulativeFrequencyTable.slice(0, 2)).toEqual([1, 2]);
    const cluster = topicWith(10);
    expect(Array.from({ length: 4 }, () => partitioner.nextPartition(cluster))).toEqual([4, 7, 4, 7]);

    partitioner.updatePartitionLoadStats([0, 0], [3, 5], 1);
    expect(Array.from({ length: 3 }, () => partitioner.nextPartition(cluster))).toEqual([3, 3, 3]);
  });

  it("P-PARTITION: while the batch is not ready the switch waits, but never past twice stickyBatchSize", () => {
    const cluster = topicWith(3);
    const partitioner = new BuiltInPartitioner(TOPIC_A, 10, sequentialNextInt());
    const first = partitioner.peekCurrentPartitionInfo(cluster);
    expect(first.partition()).toBe(0);
    partitioner.updatePartitionInfo(first, 10, cluster, false);
    expect(partitioner.peekCurrentPartitionInfo(cluster)).toBe(first); // 10 bytes, switch disabled
    partitioner.updatePartitionInfo(first, 9, cluster, false);
    expect(partitioner.peekCurrentPartitionInfo(cluster)).toBe(first); // 19 bytes
    partitioner.updatePartitionInfo(first, 1, cluster, false);
    expect(partitioner.peekCurrentPartitionInfo(cluster).partition()).toBe(1); // 20 = 2 x 10: forced

    const second = partitioner.peekCurrentPartitionInfo(cluster);
    partitioner.updatePartitionInfo(second, 9, cluster, true);
    expect(partitioner.peekCurrentPartitionInfo(cluster)).toBe(second);
    partitioner.updatePartitionInfo(second, 1, cluster, true);
    expect(partitioner.peekCurrentPartitionInfo(cluster).partition()).toBe(2);
  });

  it("P-PARTITION: a record placed by key or explicitly (no sticky info) does not count toward the switch", () => {
    const cluster = topicWith(3);
    const partitioner = new BuiltInPartitioner(TOPIC_A, 1, sequentialNextInt());
    const info = partitioner.peekCurrentPartitionInfo(cluster);
    partitioner.updatePartitionInfo(null, 1000, cluster);
    expect(partitioner.peekCurrentPartitionInfo(cluster)).toBe(info);
    expect(partitioner.isPartitionChanged(null)).toBe(false);
    expect(partitioner.isPartitionChanged(info)).toBe(false);
    partitioner.updatePartitionInfo(info, 1, cluster);
    expect(partitioner.isPartitionChanged(info)).toBe(true);
    expect(() => partitioner.updatePartitionInfo(info, 1, cluster)).toThrow(
      'updatePartitionInfo got the info of partition 0 of topic "topicA", but the current sticky partition is 1',
    );
  });

  it.each([0, -1, 1.5, Number.NaN])(
    "P-PARTITION: stickyBatchSize %s is refused with Kafka's message (testStickyBatchSizeMoreThatZero)",
    (stickyBatchSize) => {
      expect(() => new BuiltInPartitioner(TOPIC_A, stickyBatchSize, sequentialNextInt())).toThrow(
        `stickyBatchSize must be >= 1 but got ${String(stickyBatchSize)}`,
      );
    },
  );

  it("P-PARTITION: a stickyBatchSize of 1 is accepted", () => {
    expect(() => new BuiltInPartitioner(TOPIC_A, 1, sequentialNextInt())).not.toThrow();
  });

  it("P-PARTITION: negative random draws are made positive as Kafka does, so any 32-bit source works", () => {
    const cluster = topicWith(3);
    const partitioner = new BuiltInPartitioner(TOPIC_A, 1, () => -1);
    // toPositive(-1) = 2147483647, and 2147483647 % 3 = 1.
    expect(partitioner.nextPartition(cluster)).toBe(1);
  });

  it("P-PARTITION: over one full cycle of draws, each partition is chosen exactly (max queue + 1 - its queue) times", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 0, max: 1000 }),
        (queueSizes, start) => {
          fc.pre(new Set(queueSizes).size > 1); // all equal means adaptive is off
          const partitioner = new BuiltInPartitioner(TOPIC_A, 1, sequentialNextInt(start));
          const expected = queueSizes.map((q) => Math.max(...queueSizes) + 1 - q);
          partitioner.updatePartitionLoadStats([...queueSizes], queueSizes.map((_, i) => i), queueSizes.length);
          const cluster = topicWith(queueSizes.length);
          const frequencies = new Array<number>(queueSizes.length).fill(0);
          for (let i = 0; i < partitioner.loadStatsRangeEnd(); i++) ++frequencies[partitioner.nextPartition(cluster)];
          expect(frequencies).toEqual(expected);
        },
      ),
    );
  });

  it("P-PARTITION: the same seed gives the same sticky partitions, and every one is a partition with a leader", () => {
    const cluster = clusterViewFromPartitions(
      [0, 1, 2, 3, 4].map((partition) => ({ topic: TOPIC_A, partition, leader: partition === 3 ? null : 0 })),
    );
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 50 }), (seed, stickyBatchSize) => {
        const run = () => {
          const partitioner = new BuiltInPartitioner(TOPIC_A, stickyBatchSize, seededNextInt(seed));
          return Array.from({ length: 200 }, () => appendOne(partitioner, cluster, 7));
        };
        const placed = run();
        expect(run()).toEqual(placed);
        expect(placed.every((p) => p !== 3 && p >= 0 && p <= 4)).toBe(true);
      }),
    );
  });
});
