import type { ClusterView } from "./cluster-view.js";

/**
 * Kafka's `org.apache.kafka.clients.producer.Partitioner`: what `partitioner.class` names.
 *
 * The producer calls `partition` for every record that has no explicit partition; a custom
 * partitioner then decides alone (the built-in key hash and sticky logic are bypassed).
 */
export interface Partitioner {
  /**
   * The partition for one record: an integer >= 0 (KafkaProducer rejects a negative one).
   * `key` and `value` are the record's own key and value, `keyBytes` and `valueBytes` what the
   * serializers made of them (null when the record has no key or no value).
   */
  partition(
    topic: string,
    key: string | null,
    keyBytes: Uint8Array | null,
    value: unknown,
    valueBytes: Uint8Array | null,
    cluster: ClusterView,
  ): number;

  /**
   * Kafka 2.4 to 3.x (KIP-480): called when the record that `partition` placed would open a new
   * batch; the producer then called `partition` a second time for the same record. Deprecated in
   * 3.3 (KIP-794) and removed in Kafka 4.0 (KAFKA-18295), so a Kafka 4 producer never calls it; it
   * is kept optional here so the 3.x sticky partitioners can still be shown.
   */
  onNewBatch?(topic: string, cluster: ClusterView, prevPartition: number): void;

  /** Called once when the producer closes. */
  close?(): void;
}

/** The signature of Partitioner.partition, for partitionerFromFunction. */
export type PartitionFunction = Partitioner["partition"];

/**
 * A custom partitioner from a plain function (a reader's own rule in an exercise). It has no
 * onNewBatch and nothing to close, like most partitioners written for Kafka 4.
 */
export function partitionerFromFunction(partition: PartitionFunction): Partitioner {
  return { partition };
}
