import { utf8 } from "../producer/partitioner/index.js";

/**
 * Kafka's Deserializer: turns the bytes of a key or value back into an object. Throwing makes
 * poll() fail with a RecordDeserializationException naming the partition and offset.
 * Simplification: the simulated log stores text, not bytes; a value's bytes are its UTF-8 text.
 */
export interface Deserializer<T = unknown> {
  deserialize(topic: string, data: string | null): T;
}

/** Kafka's StringDeserializer (UTF-8): the text as stored. */
export const StringDeserializer: Deserializer<string | null> = {
  deserialize: (_topic, data) => data,
};

/**
 * Kafka's IntegerDeserializer: exactly 4 bytes, big-endian. A record written by the
 * IntegerSerializer is stored as its decimal text (the simulator keeps text), which reads back
 * as that integer; any other text is taken as the bytes on the wire, and Kafka refuses
 * anything that is not 4 bytes long.
 */
export const IntegerDeserializer: Deserializer<number | null> = {
  deserialize(_topic, data) {
    if (data === null) return null;
    if (/^-?\d{1,10}$/.test(data)) {
      const n = Number(data);
      if (n >= -2147483648 && n <= 2147483647) return n;
    }
    const bytes = utf8(data);
    if (bytes.length !== 4) throw new Error("Size of data received by IntegerDeserializer is not 4");
    return (bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3];
  },
};

/** The deserializers a scenario can name. */
export const namedDeserializers = { string: StringDeserializer, integer: IntegerDeserializer } as const;
export type DeserializerName = keyof typeof namedDeserializers;
