import { ProducerException } from "./errors.js";
import { utf8 } from "./partitioner/index.js";

/** Kafka's Serializer: turns a key or value into bytes. Throwing fails only that send. */
export interface Serializer<T = unknown> {
  serialize(topic: string, data: T): Uint8Array | null;
}

/**
 * Kafka's StringSerializer (UTF-8). The producer recognizes this instance and skips making
 * the bytes, which the simulator never needs: it only counts them (Utils.utf8Length), so a
 * million records do not make a million arrays.
 */
export const StringSerializer: Serializer<string | null> = {
  serialize: (_topic, data) => (data === null || data === undefined ? null : utf8(String(data))),
};

/**
 * Kafka's IntegerSerializer: 4 bytes, big-endian. Values arrive here as numbers or as text
 * (scenarios are JSON); text that is not a 32-bit integer fails the way Kafka's cast would.
 */
export const IntegerSerializer: Serializer<number | string | null> = {
  serialize(_topic, data) {
    if (data === null || data === undefined) return null;
    const n = typeof data === "number" ? data : /^-?\d+$/.test(data) ? Number(data) : Number.NaN;
    if (!Number.isInteger(n) || n < -2147483648 || n > 2147483647) {
      const javaClass = typeof data === "number" ? "java.lang.Double" : "java.lang.String";
      throw new ProducerException(
        "SerializationException",
        `Can't convert value of class ${javaClass} to class org.apache.kafka.common.serialization.IntegerSerializer specified in value.serializer: ${JSON.stringify(data)} is not a 32-bit integer`,
      );
    }
    return new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
  },
};

/** The serializers a scenario can name. */
export const namedSerializers = { string: StringSerializer, integer: IntegerSerializer } as const;
export type SerializerName = keyof typeof namedSerializers;
