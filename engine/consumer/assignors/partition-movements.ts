import { JavaHashSetOrder } from "./java-hash-order.js";
import type { TopicPartitionRegistry } from "./topic-partition.js";
import type { TopicPartition } from "./types.js";

/** Kafka's ConsumerPair: a partition (or some partition of a topic) moved from src to dst. */
interface ConsumerPair {
  readonly srcMemberId: string;
  readonly dstMemberId: string;
}

function pairKey(src: string, dst: string): string {
  return JSON.stringify([src, dst]);
}

/**
 * Kafka's AbstractStickyAssignor.PartitionMovements: the partition moves made while balancing,
 * per partition and per topic. It lets the general builder undo a move instead of making a
 * second one: if a partition of topic T must go from A to B while another partition of T already
 * went from B to A, that earlier partition goes back instead. Kafka's isSticky() diagnostic
 * (cycle detection for its tests) is not ported; it does not change any assignment.
 */
export class PartitionMovements {
  private readonly partitionMovementsByTopic = new Map<
    string,
    Map<string, { pair: ConsumerPair; partitions: JavaHashSetOrder<TopicPartition> }>
  >();
  private readonly partitionMovements = new Map<TopicPartition, ConsumerPair>();

  constructor(private readonly topicPartitions: TopicPartitionRegistry) {}

  private removeMovementRecordOfPartition(partition: TopicPartition): ConsumerPair {
    const pair = this.partitionMovements.get(partition)!;
    this.partitionMovements.delete(partition);

    const partitionMovementsForThisTopic = this.partitionMovementsByTopic.get(partition.topic)!;
    const key = pairKey(pair.srcMemberId, pair.dstMemberId);
    const moved = partitionMovementsForThisTopic.get(key)!;
    moved.partitions.delete(partition);
    if (moved.partitions.size === 0) partitionMovementsForThisTopic.delete(key);
    if (partitionMovementsForThisTopic.size === 0) this.partitionMovementsByTopic.delete(partition.topic);
    return pair;
  }

  private addPartitionMovementRecord(partition: TopicPartition, pair: ConsumerPair): void {
    this.partitionMovements.set(partition, pair);

    let partitionMovementsForThisTopic = this.partitionMovementsByTopic.get(partition.topic);
    if (partitionMovementsForThisTopic === undefined) {
      partitionMovementsForThisTopic = new Map();
      this.partitionMovementsByTopic.set(partition.topic, partitionMovementsForThisTopic);
    }
    const key = pairKey(pair.srcMemberId, pair.dstMemberId);
    let moved = partitionMovementsForThisTopic.get(key);
    if (moved === undefined) {
      // A fresh Java HashSet per pair: its iteration order decides which partition moves back.
      moved = { pair, partitions: new JavaHashSetOrder((tp) => this.topicPartitions.hashCode(tp)) };
      partitionMovementsForThisTopic.set(key, moved);
    }
    moved.partitions.add(partition);
  }

  movePartition(partition: TopicPartition, oldConsumer: string, newConsumer: string): void {
    const pair = { srcMemberId: oldConsumer, dstMemberId: newConsumer };
    if (this.partitionMovements.has(partition)) {
      // It moved before: record one move from its first owner, or none if it went home.
      const existingPair = this.removeMovementRecordOfPartition(partition);
      if (existingPair.srcMemberId !== newConsumer) {
        this.addPartitionMovementRecord(partition, { srcMemberId: existingPair.srcMemberId, dstMemberId: newConsumer });
      }
    } else {
      this.addPartitionMovementRecord(partition, pair);
    }
  }

  getTheActualPartitionToBeMoved(partition: TopicPartition, oldConsumer: string, newConsumer: string): TopicPartition {
    const partitionMovementsForThisTopic = this.partitionMovementsByTopic.get(partition.topic);
    if (partitionMovementsForThisTopic === undefined) return partition;

    const previousMove = this.partitionMovements.get(partition);
    // A partition that moved before counts as moving from its first owner.
    const source = previousMove === undefined ? oldConsumer : previousMove.srcMemberId;
    const reverse = partitionMovementsForThisTopic.get(pairKey(newConsumer, source));
    if (reverse === undefined) return partition;
    return reverse.partitions.first()!;
  }
}
