import type { ClusterView } from "./cluster-view.js";
import { toPositive } from "./murmur2.js";
import { indexAmongPartitions } from "./next-int.js";
import type { Partitioner } from "./partitioner.js";

/**
 * Kafka's RoundRobinPartitioner (KIP-369): records go to the topic's partitions in turn, whatever
 * their key, walking the partitions that have a leader (or all of them when none has).
 *
 * Kept from Kafka, as in the current (4.x) source:
 * - one counter per topic, starting at 0, read-then-incremented on every call (AtomicInteger's
 *   getAndIncrement, wrapping like a Java int), so sends to other topics do not disturb the turn;
 * - the index is `toPositive(counter) % available.length` into availablePartitionsForTopic, in
 *   metadata order, not sorted; with no available partition it is `% all.length` and returned as the
 *   partition number itself.
 *
 * Kept from Kafka 3.9 only (KAFKA-17632), in onNewBatch: in 3.x the producer asked for a partition,
 * found the record would open a new batch, called onNewBatch and asked again, which advanced the
 * counter twice per new batch and, with an even partition count, sent everything to half the
 * partitions (KAFKA-16283). The 3.9 fix remembers the partition onNewBatch reports and hands it back
 * on the very next call for the same topic. Kafka 4.0 removed onNewBatch (KAFKA-18295) and its
 * producer asks once, so a Kafka 4 producer never triggers this; a 3.x-style accumulator can.
 * Not kept: the per-topic queue of previous partitions proposed for KAFKA-9965 / KAFKA-13303
 * (apache/kafka PRs 11326 and 20170); those were closed without being merged.
 */
export class RoundRobinPartitioner implements Partitioner {
  private readonly topicCounterMap = new Map<string, number>();
  /** Kafka 3.9 keeps this in a ThreadLocal; the simulated producer has one thread. */
  private previousPartition: { readonly topic: string; readonly partition: number } | null = null;

  partition(
    topic: string,
    _key: string | null,
    _keyBytes: Uint8Array | null,
    _value: unknown,
    _valueBytes: Uint8Array | null,
    cluster: ClusterView,
  ): number {
    const previous = this.previousPartition;
    if (previous !== null) {
      this.previousPartition = null;
      if (previous.topic === topic) return previous.partition;
    }

    const nextValue = this.nextValue(topic);
    const availablePartitions = cluster.availablePartitionsForTopic(topic);
    if (availablePartitions.length > 0) {
      const part = toPositive(nextValue) % availablePartitions.length;
      return availablePartitions[part].partition;
    }
    // No partition has a leader: give a non-available partition (Kafka's words).
    const numPartitions = cluster.partitionsForTopic(topic).length;
    return indexAmongPartitions(toPositive(nextValue), numPartitions, topic);
  }

  /** Kafka 3.9's hook (see the class comment): the next partition() for this topic returns prevPartition. */
  onNewBatch(topic: string, _cluster: ClusterView, prevPartition: number): void {
    this.previousPartition = { topic, partition: prevPartition };
  }

  close(): void {}

  private nextValue(topic: string): number {
    const counter = this.topicCounterMap.get(topic) ?? 0;
    this.topicCounterMap.set(topic, (counter + 1) | 0);
    return counter;
  }
}
