import { javaStringHashCode } from "./java-hash-order.js";
import type { TopicPartition } from "./types.js";

/**
 * One shared object per (topic, partition) for the length of one assignment, so the assignors can
 * use Map and Set by identity where Kafka relies on TopicPartition.equals and hashCode.
 */
export class TopicPartitionRegistry {
  private readonly byTopic = new Map<string, TopicPartition[]>();
  private readonly topicHashes = new Map<string, number>();

  get(topic: string, partition: number): TopicPartition {
    let partitions = this.byTopic.get(topic);
    if (partitions === undefined) {
      partitions = [];
      this.byTopic.set(topic, partitions);
    }
    let topicPartition = partitions[partition];
    if (topicPartition === undefined) {
      topicPartition = Object.freeze({ topic, partition });
      partitions[partition] = topicPartition;
    }
    return topicPartition;
  }

  /** Kafka's TopicPartition.hashCode: 31 * (31 + partition) + topic.hashCode(), in int arithmetic. */
  hashCode(topicPartition: TopicPartition): number {
    let topicHash = this.topicHashes.get(topicPartition.topic);
    if (topicHash === undefined) {
      topicHash = javaStringHashCode(topicPartition.topic);
      this.topicHashes.set(topicPartition.topic, topicHash);
    }
    return (Math.imul(31, 31 + topicPartition.partition) + topicHash) | 0;
  }

  /** Kafka's AbstractPartitionAssignor.partitions: partitions 0 .. count-1 of a topic. */
  partitionsOf(topic: string, count: number): TopicPartition[] {
    const partitions = new Array<TopicPartition>(count);
    for (let i = 0; i < count; i++) partitions[i] = this.get(topic, i);
    return partitions;
  }
}

/** Java's String.compareTo sign: both compare UTF-16 code units, so `<` is the same order. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Kafka's Utils.TopicPartitionComparator: by topic, then partition. */
export function compareTopicThenPartition(a: TopicPartition, b: TopicPartition): number {
  return a.topic === b.topic ? a.partition - b.partition : compareStrings(a.topic, b.topic);
}

/** Removes the first occurrence, as Java's List.remove(Object) does. */
export function removeFirst<T>(list: T[], element: T): boolean {
  const index = list.indexOf(element);
  if (index < 0) return false;
  list.splice(index, 1);
  return true;
}

/** Java's List.addAll; a loop, because spreading a very long array into push() overflows the stack. */
export function appendAll<T>(target: T[], source: readonly T[]): void {
  for (const element of source) target.push(element);
}
