import { describe, expect, it } from "vitest";
import {
  clusterViewFromPartitions,
  RoundRobinPartitioner,
  utf8,
  type ClusterView,
} from "../../../../engine/producer/partitioner/index.js";
import { NODES } from "./support.js";

// Kafka's RoundRobinPartitionerTest cluster: the list is deliberately not in partition order,
// and partition 1 has no leader.
const unorderedCluster = clusterViewFromPartitions([
  { topic: "test", partition: 1, leader: null },
  { topic: "test", partition: 2, leader: NODES[1] },
  { topic: "test", partition: 0, leader: NODES[0] },
]);

const twoTopics = clusterViewFromPartitions([
  { topic: "topicA", partition: 0, leader: NODES[0] },
  { topic: "topicA", partition: 1, leader: NODES[1] },
  { topic: "topicA", partition: 2, leader: NODES[2] },
  { topic: "topicB", partition: 0, leader: NODES[0] },
]);

function countPartitions(partitions: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const p of partitions) counts.set(p, (counts.get(p) ?? 0) + 1);
  return counts;
}

function unkeyed(partitioner: RoundRobinPartitioner, topic: string, cluster: ClusterView): number {
  return partitioner.partition(topic, null, null, null, null, cluster);
}

describe("RoundRobinPartitioner", () => {
  it("P-PARTITION: round robin never picks a leaderless partition and splits evenly over the others (testRoundRobinWithUnavailablePartitions)", () => {
    const partitioner = new RoundRobinPartitioner();
    const chosen = Array.from({ length: 100 }, () => unkeyed(partitioner, "test", unorderedCluster));
    expect(chosen.every((p) => p === 0 || p === 2)).toBe(true);
    const counts = countPartitions(chosen);
    expect(counts.get(0)).toBe(counts.get(2));
  });

  it("P-PARTITION: round robin walks the available partitions in metadata order, not partition order", () => {
    const partitioner = new RoundRobinPartitioner();
    const chosen = Array.from({ length: 4 }, () => unkeyed(partitioner, "test", unorderedCluster));
    expect(chosen).toEqual([2, 0, 2, 0]);
  });

  it("P-PARTITION: round robin ignores the key and keeps a separate turn per topic (testRoundRobinWithKeyBytes)", () => {
    const partitioner = new RoundRobinPartitioner();
    const keyBytes = utf8("key");
    const chosen: number[] = [];
    for (let i = 0; i < 30; ++i) {
      chosen.push(partitioner.partition("topicA", null, keyBytes, null, null, twoTopics));
      if (i % 5 === 0) partitioner.partition("topicB", null, keyBytes, null, null, twoTopics);
    }
    const counts = countPartitions(chosen);
    expect(counts.get(0)).toBe(10);
    expect(counts.get(1)).toBe(10);
    expect(counts.get(2)).toBe(10);
  });

  it("P-PARTITION: round robin over unkeyed records spreads evenly across topics sent in turn (DefaultPartitionerTest.testRoundRobin)", () => {
    const partitioner = new RoundRobinPartitioner();
    const chosen: number[] = [];
    for (let i = 0; i < 30; ++i) {
      chosen.push(unkeyed(partitioner, "topicA", twoTopics));
      if (i % 5 === 0) unkeyed(partitioner, "topicB", twoTopics);
    }
    expect([...countPartitions(chosen).entries()].sort()).toEqual([
      [0, 10],
      [1, 10],
      [2, 10],
    ]);
  });

  it("P-PARTITION: with no leader anywhere, round robin still cycles through all partitions", () => {
    const leaderless = clusterViewFromPartitions([
      { topic: "t", partition: 0, leader: null },
      { topic: "t", partition: 1, leader: null },
      { topic: "t", partition: 2, leader: null },
    ]);
    const partitioner = new RoundRobinPartitioner();
    const chosen = Array.from({ length: 6 }, () => unkeyed(partitioner, "t", leaderless));
    expect(chosen).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it("P-PARTITION: a topic with no partitions in the metadata gets a clear error", () => {
    const partitioner = new RoundRobinPartitioner();
    expect(() => unkeyed(partitioner, "ghost", twoTopics)).toThrow(
      'topic "ghost" has 0 partitions in the cluster metadata; a partitioner needs at least 1',
    );
  });

  it("P-PARTITION: with Kafka 3.x's second partition() call after onNewBatch, every partition of an even count still gets its share (KAFKA-17632)", () => {
    const fourPartitions = clusterViewFromPartitions(
      [0, 1, 2, 3].map((partition) => ({ topic: "t", partition, leader: NODES[partition] })),
    );
    const partitioner = new RoundRobinPartitioner();
    const placed: number[] = [];
    for (let i = 0; i < 40; i++) {
      // A 3.x producer whose every record opens a new batch: partition, onNewBatch, partition again.
      const first = unkeyed(partitioner, "t", fourPartitions);
      partitioner.onNewBatch("t", fourPartitions, first);
      const second = unkeyed(partitioner, "t", fourPartitions);
      expect(second).toBe(first);
      placed.push(second);
    }
    expect([...countPartitions(placed).values()]).toEqual([10, 10, 10, 10]);
  });

  it("P-PARTITION: a partition remembered by onNewBatch is used once, and only for its own topic", () => {
    const partitioner = new RoundRobinPartitioner();
    partitioner.onNewBatch("topicA", twoTopics, 2);
    // The next call is for another topic: the remembered partition is dropped, B takes its turn.
    expect(unkeyed(partitioner, "topicB", twoTopics)).toBe(0);
    // topicA's counter was never advanced by the remembered partition.
    expect(unkeyed(partitioner, "topicA", twoTopics)).toBe(0);
    partitioner.onNewBatch("topicA", twoTopics, 0);
    expect(unkeyed(partitioner, "topicA", twoTopics)).toBe(0);
    expect(unkeyed(partitioner, "topicA", twoTopics)).toBe(1);
  });
});
