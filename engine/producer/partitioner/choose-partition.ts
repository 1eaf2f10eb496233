import type { ClusterView } from "./cluster-view.js";
import { partitionForKey } from "./partition-for-key.js";
import type { Partitioner } from "./partitioner.js";

/**
 * Kafka's RecordMetadata.UNKNOWN_PARTITION: "no partition yet". KafkaProducer.partition returns it
 * for records the built-in sticky partitioner places; the accumulator then picks the partition.
 */
export const UNKNOWN_PARTITION = -1;

/** What KafkaProducer.partition reads to place one record. */
export interface ChoosePartitionInput {
  readonly topic: string;
  /** ProducerRecord.partition(): the partition the application asked for, or null. */
  readonly recordPartition: number | null;
  /** The record's key (before serialization), or null. */
  readonly key: string | null;
  /** What the key serializer made of the key (null for a null key). */
  readonly keyBytes: Uint8Array | null;
  readonly value: unknown;
  /** What the value serializer made of the value (null for a null value). */
  readonly valueBytes: Uint8Array | null;
  readonly cluster: ClusterView;
  /** The instance of partitioner.class, or null when it is unset (the default since Kafka 3.3). */
  readonly partitioner: Partitioner | null;
  /** partitioner.ignore.keys (default false): place keyed records like unkeyed ones. */
  readonly partitionerIgnoreKeys: boolean;
}

/** Which of KafkaProducer.partition's rules placed the record, in the order it tries them. */
export type PartitionRule =
  | "explicit" // the record named its partition
  | "custom-partitioner" // partitioner.class decided
  | "key-hash" // toPositive(murmur2(keyBytes)) % partition count
  | "built-in-sticky"; // UNKNOWN_PARTITION: the accumulator's BuiltInPartitioner will pick

/** A placement and the rule that made it: what the partitioner widget shows per record. */
export interface PartitionDecision {
  /** The partition, or UNKNOWN_PARTITION (-1) when the rule is "built-in-sticky". */
  readonly partition: number;
  readonly rule: PartitionRule;
}

/**
 * KafkaProducer.partition with the rule that applied: an explicit record partition wins; else a
 * custom partitioner decides alone; else a keyed record, unless partitioner.ignore.keys, is hashed;
 * else UNKNOWN_PARTITION, and the accumulator's built-in sticky partitioner picks.
 */
export function decidePartition(input: ChoosePartitionInput): PartitionDecision {
  const { topic, recordPartition, key, keyBytes, value, valueBytes, cluster, partitioner } = input;

  if (recordPartition !== null) {
    // ProducerRecord's constructor check, with its message (Kafka rejects the record before send).
    if (!Number.isInteger(recordPartition) || recordPartition < 0) {
      throw new RangeError(
        `Invalid partition: ${String(recordPartition)}. Partition number should always be non-negative or null.`,
      );
    }
    return { partition: recordPartition, rule: "explicit" };
  }

  if (partitioner !== null) {
    const customPartition = partitioner.partition(topic, key, keyBytes, value, valueBytes, cluster);
    // Kafka checks only the sign here; a partition past the topic's end fails later, in metadata.
    if (!Number.isInteger(customPartition) || customPartition < 0) {
      throw new RangeError(
        `The partitioner generated an invalid partition number: ${String(customPartition)}. ` +
          "Partition number should always be non-negative.",
      );
    }
    return { partition: customPartition, rule: "custom-partitioner" };
  }

  if (keyBytes !== null && !input.partitionerIgnoreKeys) {
    const numPartitions = cluster.partitionsForTopic(topic).length;
    return { partition: partitionForKey(keyBytes, numPartitions), rule: "key-hash" };
  }

  return BUILT_IN_STICKY;
}

/** The one decision of every keyless record, shared: a million sends need not make a million of them. */
const BUILT_IN_STICKY: PartitionDecision = Object.freeze({ partition: UNKNOWN_PARTITION, rule: "built-in-sticky" });

/** KafkaProducer.partition: the record's partition, or UNKNOWN_PARTITION (-1) for the accumulator to pick. */
export function choosePartition(input: ChoosePartitionInput): number {
  return decidePartition(input).partition;
}
