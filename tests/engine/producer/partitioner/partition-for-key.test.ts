import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BuiltInPartitioner,
  murmur2,
  partitionForKey,
  toPositive,
  utf8,
} from "../../../../engine/producer/partitioner/index.js";
import { JAVA_STRING_KEY_VECTORS, PARTITION_COUNTS } from "./java-vectors.js";
import { bytesToHex } from "./support.js";

describe("utf8", () => {
  it.each(JAVA_STRING_KEY_VECTORS)(
    "P-PARTITION: the key %j serializes to the same UTF-8 bytes as Java's StringSerializer",
    (key, expectedHex) => {
      expect(bytesToHex(utf8(key))).toBe(expectedHex);
    },
  );

  it("P-PARTITION: a lone surrogate becomes '?' as in Java, not U+FFFD as TextEncoder writes", () => {
    expect(bytesToHex(utf8("a\uD800b"))).toBe("613f62");
    expect(bytesToHex(utf8("\uDE00"))).toBe("3f");
    // A well-formed pair is untouched.
    expect(bytesToHex(utf8("\uD83D\uDE00"))).toBe("f09f9880");
  });
});

describe("partitionForKey", () => {
  it.each(JAVA_STRING_KEY_VECTORS)(
    "P-PARTITION: the key %j lands on the partitions Kafka's producer picks for 1, 2, 3, 6, 10, 12 and 100 partitions",
    (key, _hex, expectedHash, expectedPartitions) => {
      const keyBytes = utf8(key);
      expect(murmur2(keyBytes)).toBe(expectedHash);
      PARTITION_COUNTS.forEach((numPartitions, i) => {
        expect(partitionForKey(keyBytes, numPartitions)).toBe(expectedPartitions[i]);
      });
    },
  );

  it("P-PARTITION: the key \"key\" of Kafka's DefaultPartitionerTest is stable across calls", () => {
    const keyBytes = utf8("key");
    expect(partitionForKey(keyBytes, 3)).toBe(partitionForKey(keyBytes, 3));
    expect(partitionForKey(keyBytes, 3)).toBe(1);
  });

  it("P-PARTITION: partitionForKey is also BuiltInPartitioner.partitionForKey, as in Kafka", () => {
    expect(BuiltInPartitioner.partitionForKey(utf8("foobar"), 12)).toBe(partitionForKey(utf8("foobar"), 12));
  });

  it.each([0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31])(
    "P-PARTITION: partitionForKey refuses %s partitions and names what is allowed",
    (numPartitions) => {
      expect(() => partitionForKey(utf8("key"), numPartitions)).toThrow(
        `numPartitions must be an integer from 1 to 2147483647, but got ${String(numPartitions)}`,
      );
    },
  );

  it("P-PARTITION: any key lands in [0, n) and is toPositive(murmur2) % n", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 1, max: 10_000 }), (keyBytes, n) => {
        const partition = partitionForKey(keyBytes, n);
        expect(Number.isInteger(partition)).toBe(true);
        expect(partition).toBeGreaterThanOrEqual(0);
        expect(partition).toBeLessThan(n);
        expect(partition).toBe(toPositive(murmur2(keyBytes)) % n);
      }),
    );
  });

  it("P-PARTITION: the same string key always lands on the same partition, even a malformed one", () => {
    // UTF-16 code units, so lone surrogates (which utf8 must encode as Java does) are generated too.
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));
    const key = fc.string({ unit: codeUnit, maxLength: 40 });
    fc.assert(
      fc.property(key, fc.integer({ min: 1, max: 1000 }), (key, n) => {
        expect(partitionForKey(utf8(key), n)).toBe(partitionForKey(utf8(key), n));
      }),
    );
  });
});
