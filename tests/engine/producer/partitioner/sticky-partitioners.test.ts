import { describe, expect, it } from "vitest";
import {
  clusterViewFromPartitions,
  StickyPartitionCache,
  UniformStickyPartitioner,
  utf8,
  type ClusterView,
} from "../../../../engine/producer/partitioner/index.js";
import { NODES, seededNextInt } from "./support.js";

const TOPIC_A = "topicA";
const TOPIC_B = "topicB";
const TOPIC_C = "topicC";

// StickyPartitionCacheTest.testStickyPartitionCache's cluster.
const allAvailable = clusterViewFromPartitions([
  { topic: TOPIC_A, partition: 0, leader: NODES[0] },
  { topic: TOPIC_A, partition: 1, leader: NODES[1] },
  { topic: TOPIC_A, partition: 2, leader: NODES[2] },
  { topic: TOPIC_B, partition: 0, leader: NODES[0] },
]);

// StickyPartitionCacheTest.unavailablePartitionsTest's cluster: A/1, B/0 and C/0 have no leader.
const someUnavailable = clusterViewFromPartitions([
  { topic: TOPIC_A, partition: 0, leader: NODES[0] },
  { topic: TOPIC_A, partition: 1, leader: null },
  { topic: TOPIC_A, partition: 2, leader: NODES[2] },
  { topic: TOPIC_B, partition: 0, leader: null },
  { topic: TOPIC_B, partition: 1, leader: NODES[0] },
  { topic: TOPIC_C, partition: 0, leader: null },
]);

// Kafka's tests draw from ThreadLocalRandom; we run them under several seeds instead.
const SEEDS = [1, 42, 794, 2024, 31337];

describe("StickyPartitionCache", () => {
  it.each(SEEDS)(
    "P-PARTITION: a topic keeps its sticky partition until the batch on that partition fills (testStickyPartitionCache, seed %i)",
    (seed) => {
      const cache = new StickyPartitionCache(seededNextInt(seed));

      const partA = cache.partition(TOPIC_A, allAvailable);
      expect(cache.partition(TOPIC_A, allAvailable)).toBe(partA);

      const partB = cache.partition(TOPIC_B, allAvailable);
      expect(cache.partition(TOPIC_B, allAvailable)).toBe(partB);

      const changedPartA = cache.nextPartition(TOPIC_A, allAvailable, partA);
      expect(cache.partition(TOPIC_A, allAvailable)).toBe(changedPartA);
      expect(changedPartA).not.toBe(partA);
      const changedPartA2 = cache.partition(TOPIC_A, allAvailable);
      expect(changedPartA2).toBe(changedPartA);

      // The previous partition no longer matches the sticky one, so nothing changes.
      const changedPartA3 = cache.nextPartition(TOPIC_A, allAvailable, partA);
      expect(changedPartA3).toBe(changedPartA2);

      // One partition: switching still works, and stays on it.
      const changedPartB = cache.nextPartition(TOPIC_B, allAvailable, partB);
      expect(cache.partition(TOPIC_B, allAvailable)).toBe(changedPartB);
    },
  );

  it.each(SEEDS)(
    "P-PARTITION: sticky partitioning avoids leaderless partitions and falls back to all when none has a leader (unavailablePartitionsTest, seed %i)",
    (seed) => {
      const cache = new StickyPartitionCache(seededNextInt(seed));

      let partA = cache.partition(TOPIC_A, someUnavailable);
      expect(partA).not.toBe(1);
      for (let i = 0; i < 100; i++) {
        partA = cache.nextPartition(TOPIC_A, someUnavailable, partA);
        expect(cache.partition(TOPIC_A, someUnavailable)).not.toBe(1);
      }

      let partB = cache.partition(TOPIC_B, someUnavailable);
      expect(partB).toBe(1);
      for (let i = 0; i < 100; i++) {
        partB = cache.nextPartition(TOPIC_B, someUnavailable, partB);
        expect(cache.partition(TOPIC_B, someUnavailable)).toBe(1);
      }

      let partC = cache.partition(TOPIC_C, someUnavailable);
      expect(partC).toBe(0);
      partC = cache.nextPartition(TOPIC_C, someUnavailable, partC);
      expect(partC).toBe(0);
    },
  );

  it("P-PARTITION: with two or more available partitions a switch always lands on a different one", () => {
    const cache = new StickyPartitionCache(seededNextInt(7));
    let part = cache.partition(TOPIC_A, allAvailable);
    for (let i = 0; i < 200; i++) {
      const next = cache.nextPartition(TOPIC_A, allAvailable, part);
      expect(next).not.toBe(part);
      part = next;
    }
  });

  it("P-PARTITION: the same seed gives the same sequence of sticky partitions", () => {
    const run = (seed: number) => {
      const cache = new StickyPartitionCache(seededNextInt(seed));
      let part = cache.partition(TOPIC_A, allAvailable);
      const seen = [part];
      for (let i = 0; i < 20; i++) seen.push((part = cache.nextPartition(TOPIC_A, allAvailable, part)));
      return seen;
    };
    expect(run(99)).toEqual(run(99));
  });

  it("P-PARTITION: a constant random source is reported instead of looping forever", () => {
    const cache = new StickyPartitionCache(() => 0);
    const part = cache.partition(TOPIC_A, allAvailable);
    expect(part).toBe(0);
    expect(() => cache.nextPartition(TOPIC_A, allAvailable, part)).toThrow(/nextInt gave 10000 draws/);
  });
});

describe("UniformStickyPartitioner", () => {
  function unkeyed(partitioner: UniformStickyPartitioner, topic: string, cluster: ClusterView): number {
    return partitioner.partition(topic, null, null, null, null, cluster);
  }

  it.each(SEEDS)(
    "P-PARTITION: uniform sticky never picks a leaderless partition and sticks until a new batch (UniformStickyPartitionerTest.testRoundRobinWithUnavailablePartitions, seed %i)",
    (seed) => {
      const cluster = clusterViewFromPartitions([
        { topic: "test", partition: 1, leader: null },
        { topic: "test", partition: 2, leader: NODES[1] },
        { topic: "test", partition: 0, leader: NODES[0] },
      ]);
      const partitioner = new UniformStickyPartitioner(seededNextInt(seed));
      const counts = new Map<number, number>([
        [0, 0],
        [2, 0],
      ]);
      let part = 0;
      for (let i = 0; i < 50; i++) {
        part = unkeyed(partitioner, "test", cluster);
        expect(part === 0 || part === 2).toBe(true);
        counts.set(part, counts.get(part)! + 1);
      }
      partitioner.onNewBatch("test", cluster, part);
      for (let i = 1; i <= 50; i++) {
        part = unkeyed(partitioner, "test", cluster);
        expect(part === 0 || part === 2).toBe(true);
        counts.set(part, counts.get(part)! + 1);
      }
      // 50 on the first sticky partition, 50 on the other after the switch.
      expect(counts.get(0)).toBe(counts.get(2));
    },
  );

  const threeAndOne = clusterViewFromPartitions([
    { topic: TOPIC_A, partition: 0, leader: NODES[0] },
    { topic: TOPIC_A, partition: 1, leader: NODES[1] },
    { topic: TOPIC_A, partition: 2, leader: NODES[1] },
    { topic: TOPIC_B, partition: 0, leader: NODES[0] },
  ]);

  it.each([
    ["with key bytes (testRoundRobinWithKeyBytes)", utf8("key")],
    ["without key bytes (testRoundRobinWithNullKeyBytes)", null],
  ])("P-PARTITION: uniform sticky ignores keys and only moves when the filled batch is on the sticky partition %s", (_name, keyBytes) => {
    for (const seed of SEEDS) {
      const partitioner = new UniformStickyPartitioner(seededNextInt(seed));
      const counts = new Map<number, number>();
      let partition = 0;
      const sendThirty = () => {
        for (let i = 0; i < 30; ++i) {
          partition = partitioner.partition(TOPIC_A, null, keyBytes, null, null, threeAndOne);
          counts.set(partition, (counts.get(partition) ?? 0) + 1);
          if (i % 5 === 0) partitioner.partition(TOPIC_B, null, keyBytes, null, null, threeAndOne);
        }
      };

      sendThirty();
      // A batch fills and the sticky partition switches.
      partitioner.onNewBatch(TOPIC_A, threeAndOne, partition);
      partitioner.onNewBatch(TOPIC_B, threeAndOne, 0);
      const oldPart = partition;

      sendThirty();
      const newPart = partition;

      // A stale previous partition must not move the sticky partition.
      partitioner.onNewBatch(TOPIC_A, threeAndOne, oldPart);
      sendThirty();

      expect(counts.get(oldPart)).toBe(30);
      expect(counts.get(newPart)).toBe(60);
    }
  });
});
