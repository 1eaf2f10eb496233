import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { javaStringHashCode, javaUtilsAbs, partitionForGroup } from "../../../../engine/index.js";

describe("partitionForGroup: Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions, as Kafka computes it", () => {
  it("javaStringHashCode matches Java's String.hashCode on known values", () => {
    expect(javaStringHashCode("")).toBe(0);
    expect(javaStringHashCode("a")).toBe(97);
    expect(javaStringHashCode("abc")).toBe(96354);
    expect(javaStringHashCode("hello")).toBe(99162322);
    expect(javaStringHashCode("hello world")).toBe(1794106052);
    expect(javaStringHashCode("Hello, World!")).toBe(1498789909);
    // "Aa" and "BB" collide in Java, the textbook example.
    expect(javaStringHashCode("Aa")).toBe(javaStringHashCode("BB"));
  });

  it("a group id whose hash is Integer.MIN_VALUE lands on partition 0 (Utils.abs maps MIN_VALUE to 0, not to itself)", () => {
    expect(javaStringHashCode("polygenelubricants")).toBe(-2147483648);
    expect(javaUtilsAbs(-2147483648)).toBe(0);
    expect(Math.abs(-2147483648) % 50).toBe(48); // what a plain abs on a JS number would give instead
    expect(partitionForGroup("polygenelubricants", 50)).toBe(0);
    // One step away from MIN_VALUE is an ordinary negative hash.
    expect(javaStringHashCode("polygenelubricantt")).toBe(-2147483647);
    expect(partitionForGroup("polygenelubricantt", 50)).toBe(2147483647 % 50);
  });

  it("spreads groups over the 50 default partitions the way Kafka does", () => {
    expect(partitionForGroup("hello", 50)).toBe(99162322 % 50);
    expect(partitionForGroup("", 50)).toBe(0);
    // A negative hash: Utils.abs first, then the modulo.
    expect(partitionForGroup("polygenelubricantt", 7)).toBe(2147483647 % 7);
  });

  it("always answers a partition in [0, numPartitions)", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 200 }), (groupId, n) => {
        const p = partitionForGroup(groupId, n);
        return Number.isInteger(p) && p >= 0 && p < n;
      }),
    );
  });

  it("refuses a partition count that is not a positive integer, naming the config", () => {
    expect(() => partitionForGroup("g", 0)).toThrow(/offsets\.topic\.num\.partitions.*got 0/);
  });
});
