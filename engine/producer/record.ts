/**
 * Kafka's ProducerRecord and RecordMetadata, as plain data. Keys and values are strings by
 * default (StringSerializer); a custom serializer may take any value.
 */

/** What the application hands to KafkaProducer.send. */
export interface ProducerRecord<K = string | null, V = string | null> {
  readonly topic: string;
  /** The partition to write to; absent or null lets the partitioner choose. */
  readonly partition?: number | null;
  readonly key?: K;
  readonly value: V;
  /** CreateTime in ms; absent means the time of send(). */
  readonly timestamp?: number | null;
  readonly headers?: readonly (readonly [string, string])[];
}

/** Where an acknowledged record landed (Kafka's RecordMetadata). offset is -1 with acks=0. */
export interface RecordMetadata {
  readonly topic: string;
  /** -1 (RecordMetadata.UNKNOWN_PARTITION) when the record never got a partition. */
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
}
