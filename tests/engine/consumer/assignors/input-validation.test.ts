import { describe, expect, it } from "vitest";
import {
  cooperativeStickyAssignor,
  rangeAssignor,
  roundRobinAssignor,
  stickyAssignor,
  type Subscription,
} from "../../../../engine/consumer/assignors/index.js";
import { javaHashMapCapacity, javaHashMapOrder, javaStringHashCode } from "../../../../engine/consumer/assignors/java-hash-order.js";
import { tp } from "./helpers.js";

const assignors = [rangeAssignor, roundRobinAssignor, stickyAssignor, cooperativeStickyAssignor];

describe.each(assignors.map((a) => [a.name, a] as const))("G-ASSIGN: %s assignor input", (_name, assignor) => {
  it("G-ASSIGN: a negative partition count is rejected, naming the topic and the count", () => {
    expect(() => assignor.assign({ orders: -1 }, { m: { topics: ["orders"] } })).toThrow(
      /partitionsPerTopic\["orders"\] is -1.*integer from 0/,
    );
  });

  it("G-ASSIGN: a fractional partition count is rejected", () => {
    expect(() => assignor.assign({ orders: 1.5 }, { m: { topics: ["orders"] } })).toThrow(/partitionsPerTopic\["orders"\] is 1.5/);
  });

  it("G-ASSIGN: a subscription without a topics array is rejected, naming the member", () => {
    expect(() => assignor.assign({}, { m: {} as unknown as Subscription })).toThrow(/subscriptions\["m"\]\.topics must be an array/);
  });

  it("G-ASSIGN: a negative owned partition number is rejected", () => {
    expect(() => assignor.assign({ t: 2 }, { m: { topics: ["t"], ownedPartitions: [tp("t", -1)] } })).toThrow(
      /subscriptions\["m"\]\.ownedPartitions\[0\]\.partition is -1/,
    );
  });

  it("G-ASSIGN: a generation below -1 is rejected", () => {
    expect(() => assignor.assign({ t: 2 }, { m: { topics: ["t"], generationId: -2 } })).toThrow(
      /subscriptions\["m"\]\.generationId is -2.*from -1/,
    );
  });

  it("G-ASSIGN: an empty group gets an empty assignment", () => {
    expect(assignor.assign({ t: 3 }, {})).toEqual({});
  });

  it("G-ASSIGN: every member appears in the result, an idle one with []", () => {
    const result = assignor.assign({ t: 1 }, { a: { topics: ["t"] }, b: { topics: ["t"] }, c: { topics: ["u"] } });
    expect(Object.keys(result).sort()).toEqual(["a", "b", "c"]);
    expect(result.c).toEqual([]);
    expect(result.a.length + result.b.length).toBe(1);
  });

  it("G-ASSIGN: the caller's objects are left untouched", () => {
    const partitionsPerTopic = { t: 4 };
    const subscriptions: Record<string, Subscription> = {
      a: { topics: ["t"], ownedPartitions: [tp("t", 0), tp("t", 1), tp("t", 2), tp("t", 3)], generationId: 3 },
      b: { topics: ["t"] },
    };
    const before = JSON.stringify([partitionsPerTopic, subscriptions]);
    assignor.assign(partitionsPerTopic, subscriptions);
    expect(JSON.stringify([partitionsPerTopic, subscriptions])).toBe(before);
  });
});

describe("G-ASSIGN: Java HashMap order, which decides Kafka's ties", () => {
  it("G-ASSIGN: String.hashCode matches Java's, overflow included", () => {
    expect(javaStringHashCode("")).toBe(0);
    expect(javaStringHashCode("hello")).toBe(99162322);
    // A classic Java collision.
    expect(javaStringHashCode("Aa")).toBe(javaStringHashCode("BB"));
    expect(javaStringHashCode("consumer1")).toBe(-421004549);
  });

  it("G-ASSIGN: a HashMap grows from 16 buckets when three quarters full", () => {
    expect(javaHashMapCapacity(0)).toBe(16);
    expect(javaHashMapCapacity(12)).toBe(16);
    expect(javaHashMapCapacity(13)).toBe(32);
    expect(javaHashMapCapacity(100)).toBe(256);
  });

  it("G-ASSIGN: keys come out bucket by bucket, colliding keys in insertion order", () => {
    // consumer1..3 fall in buckets 12, 11, 10; "Aa" and "BB" share a bucket.
    expect(javaHashMapOrder(["consumer1", "consumer2", "consumer3"], javaStringHashCode)).toEqual([
      "consumer3",
      "consumer2",
      "consumer1",
    ]);
    expect(javaHashMapOrder(["BB", "Aa"], javaStringHashCode)).toEqual(["BB", "Aa"]);
    expect(javaHashMapOrder(["Aa", "BB"], javaStringHashCode)).toEqual(["Aa", "BB"]);
  });
});
