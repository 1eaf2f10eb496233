import type { TopicPartition } from "./assignors/types.js";

/** Kafka's ConsumerRecord: one record as poll() hands it to the application. */
export interface ConsumerRecord<K = unknown, V = unknown> {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  /** CreateTime in ms of simulated time. */
  readonly timestamp: number;
  readonly key: K;
  readonly value: V;
  readonly headers: readonly (readonly [string, string])[];
  /** The leader epoch of the batch that carried it (-1 when unknown). */
  readonly leaderEpoch: number;
  /** The checker id the producer gave the record ("producer-0#17"); not part of Kafka's format. */
  readonly id: string | undefined;
}

/** Kafka's OffsetAndMetadata: a committed offset is the NEXT offset to read. */
export interface OffsetAndMetadata {
  readonly offset: number;
  readonly leaderEpoch: number | null;
  readonly metadata: string;
}

/** Kafka's OffsetAndTimestamp: the answer of offsetsForTimes for one partition. */
export interface OffsetAndTimestamp {
  readonly offset: number;
  readonly timestamp: number;
  readonly leaderEpoch: number | null;
}

/** Kafka's ConsumerRecords: what one poll() returns, grouped by partition in fetch order. */
export class ConsumerRecords<K = unknown, V = unknown> implements Iterable<ConsumerRecord<K, V>> {
  static empty<K, V>(): ConsumerRecords<K, V> {
    return new ConsumerRecords<K, V>([]);
  }

  constructor(private readonly list: readonly ConsumerRecord<K, V>[]) {}

  count(): number {
    return this.list.length;
  }

  isEmpty(): boolean {
    return this.list.length === 0;
  }

  /** The records of one partition, in offset order. */
  records(tp: TopicPartition): ConsumerRecord<K, V>[] {
    return this.list.filter((r) => r.topic === tp.topic && r.partition === tp.partition);
  }

  /** The partitions that have records in this batch, in the order they first appear. */
  partitions(): TopicPartition[] {
    const seen = new Map<string, TopicPartition>();
    for (const r of this.list) {
      const k = `${r.topic}-${r.partition}`;
      if (!seen.has(k)) seen.set(k, { topic: r.topic, partition: r.partition });
    }
    return [...seen.values()];
  }

  /** Every record, partition by partition, as Kafka's iterator gives them. */
  all(): readonly ConsumerRecord<K, V>[] {
    return this.list;
  }

  [Symbol.iterator](): Iterator<ConsumerRecord<K, V>> {
    return this.list[Symbol.iterator]();
  }
}
