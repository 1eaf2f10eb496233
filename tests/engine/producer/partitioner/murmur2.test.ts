import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { murmur2, toPositive, utf8 } from "../../../../engine/producer/partitioner/index.js";
import { JAVA_MURMUR2_EDGE_VECTORS, JAVA_MURMUR2_RANDOM_VECTORS } from "./java-vectors.js";
import { hexToBytes } from "./support.js";

describe("murmur2", () => {
  // Kafka's UtilsTest.testMurmur2 (strings as "...".getBytes(), which is UTF-8 for these).
  it.each([
    ["21", -973932308],
    ["foobar", -790332482],
    ["a-little-bit-long-string", -985981536],
    ["a-little-bit-longer-string", -1486304829],
    ["lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971],
    ["abc", 479470107],
  ])("P-PARTITION: murmur2 of %j is Kafka's %i (UtilsTest.testMurmur2)", (key, expected) => {
    expect(murmur2(utf8(key))).toBe(expected);
  });

  it("P-PARTITION: murmur2 of the bytes {'a','b','c'} matches Kafka's byte-array case", () => {
    expect(murmur2(new Uint8Array([0x61, 0x62, 0x63]))).toBe(479470107);
  });

  it.each(JAVA_MURMUR2_RANDOM_VECTORS)(
    "P-PARTITION: murmur2 agrees with the JVM on random bytes %s",
    (hex, expected) => {
      expect(murmur2(hexToBytes(hex))).toBe(expected);
    },
  );

  it.each(JAVA_MURMUR2_EDGE_VECTORS)(
    "P-PARTITION: murmur2 agrees with the JVM on high-bit and zero bytes %s",
    (hex, expected) => {
      expect(murmur2(hexToBytes(hex))).toBe(expected);
    },
  );

  it("P-PARTITION: murmur2 of an empty key is the seed mixed alone, as in Java", () => {
    expect(murmur2(new Uint8Array(0))).toBe(275646681);
  });

  it("P-PARTITION: murmur2 reads only the view it is given, not the whole buffer behind it", () => {
    const buffer = hexToBytes("ff666f6f626172ff");
    expect(murmur2(buffer.subarray(1, 7))).toBe(murmur2(utf8("foobar")));
  });

  it("P-PARTITION: murmur2 of any bytes is a signed 32-bit integer and never throws", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const hash = murmur2(bytes);
        expect(Number.isInteger(hash)).toBe(true);
        expect(hash).toBe(hash | 0);
      }),
    );
  });

  it("P-PARTITION: murmur2 is a function of the bytes alone (same bytes, same hash)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(murmur2(Uint8Array.from(bytes))).toBe(murmur2(bytes));
      }),
    );
  });
});

describe("toPositive", () => {
  it("P-PARTITION: toPositive clears the sign bit rather than taking the absolute value", () => {
    expect(toPositive(0)).toBe(0);
    expect(toPositive(5)).toBe(5);
    expect(toPositive(-1)).toBe(0x7fffffff);
    expect(toPositive(-973932308)).toBe(1173551340);
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(2147483647)).toBe(2147483647);
  });

  it("P-PARTITION: toPositive of any 32-bit integer is in [0, 2^31) and keeps non-negative ones", () => {
    fc.assert(
      fc.property(fc.integer({ min: -0x80000000, max: 0x7fffffff }), (n) => {
        const positive = toPositive(n);
        expect(positive).toBeGreaterThanOrEqual(0);
        expect(positive).toBeLessThanOrEqual(0x7fffffff);
        if (n >= 0) expect(positive).toBe(n);
        else expect(positive).toBe(n + 0x80000000);
      }),
    );
  });
});
