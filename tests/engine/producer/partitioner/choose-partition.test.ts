import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  choosePartition,
  clusterViewFromPartitions,
  decidePartition,
  partitionerFromFunction,
  partitionForKey,
  RoundRobinPartitioner,
  UNKNOWN_PARTITION,
  utf8,
  type ChoosePartitionInput,
} from "../../../../engine/producer/partitioner/index.js";

const cluster = clusterViewFromPartitions(
  [0, 1, 2, 3, 4, 5].map((partition) => ({ topic: "orders", partition, leader: partition % 3 })),
);

function record(overrides: Partial<ChoosePartitionInput> = {}): ChoosePartitionInput {
  return {
    topic: "orders",
    recordPartition: null,
    key: null,
    keyBytes: null,
    value: "v",
    valueBytes: utf8("v"),
    cluster,
    partitioner: null,
    partitionerIgnoreKeys: false,
    ...overrides,
  };
}

function keyed(key: string, overrides: Partial<ChoosePartitionInput> = {}): ChoosePartitionInput {
  return record({ key, keyBytes: utf8(key), ...overrides });
}

describe("choosePartition (KafkaProducer.partition)", () => {
  it("P-PARTITION: a keyed record goes to toPositive(murmur2(key)) % partition count", () => {
    // Java: Utils.toPositive(Utils.murmur2("user-42".getBytes(UTF_8))) % 6 == 4.
    expect(decidePartition(keyed("user-42"))).toEqual({ partition: 4, rule: "key-hash" });
    expect(choosePartition(keyed("foobar"))).toBe(partitionForKey(utf8("foobar"), 6));
  });

  it("P-PARTITION: an unkeyed record is left to the accumulator's sticky partitioner (UNKNOWN_PARTITION, -1)", () => {
    expect(UNKNOWN_PARTITION).toBe(-1);
    expect(decidePartition(record())).toEqual({ partition: -1, rule: "built-in-sticky" });
  });

  it("P-PARTITION: with partitioner.ignore.keys=true a keyed record is placed like an unkeyed one", () => {
    expect(decidePartition(keyed("user-42", { partitionerIgnoreKeys: true }))).toEqual({
      partition: UNKNOWN_PARTITION,
      rule: "built-in-sticky",
    });
  });

  it("P-PARTITION: a partition named on the record wins over the key and any partitioner", () => {
    const never = partitionerFromFunction(() => {
      throw new Error("a custom partitioner must not be asked when the record names its partition");
    });
    expect(decidePartition(keyed("user-42", { recordPartition: 5, partitioner: never }))).toEqual({
      partition: 5,
      rule: "explicit",
    });
  });

  it("P-PARTITION: a custom partitioner decides alone, even for keyed records", () => {
    const seen: unknown[] = [];
    const byLength = partitionerFromFunction((topic, key, keyBytes, value, valueBytes, view) => {
      seen.push([topic, key, keyBytes?.length, value, valueBytes?.length]);
      return (key?.length ?? 0) % view.partitionsForTopic(topic).length;
    });
    expect(decidePartition(keyed("user-42", { partitioner: byLength }))).toEqual({
      partition: 1,
      rule: "custom-partitioner",
    });
    expect(seen).toEqual([["orders", "user-42", 7, "v", 1]]);
  });

  it("P-PARTITION: partitioner.ignore.keys does not apply once a custom partitioner is set", () => {
    const roundRobin = new RoundRobinPartitioner();
    const input = keyed("user-42", { partitioner: roundRobin, partitionerIgnoreKeys: true });
    expect([0, 1, 2].map(() => decidePartition(input))).toEqual([
      { partition: 0, rule: "custom-partitioner" },
      { partition: 1, rule: "custom-partitioner" },
      { partition: 2, rule: "custom-partitioner" },
    ]);
  });

  it("P-PARTITION: a custom partitioner returning a negative partition is rejected with Kafka's message", () => {
    const broken = partitionerFromFunction(() => -3);
    expect(() => choosePartition(record({ partitioner: broken }))).toThrow(
      "The partitioner generated an invalid partition number: -3. Partition number should always be non-negative.",
    );
  });

  it("P-PARTITION: a negative partition on the record is rejected with ProducerRecord's message", () => {
    expect(() => choosePartition(record({ recordPartition: -1 }))).toThrow(
      "Invalid partition: -1. Partition number should always be non-negative or null.",
    );
  });

  it("P-PARTITION: an empty key is still a key: it is hashed, not left to the sticky partitioner", () => {
    expect(decidePartition(keyed(""))).toEqual({ partition: partitionForKey(new Uint8Array(0), 6), rule: "key-hash" });
  });

  it("P-PARTITION: every keyed record lands in [0, partition count) and the same key always on the same partition", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (key) => {
        const partition = choosePartition(keyed(key));
        expect(partition).toBeGreaterThanOrEqual(0);
        expect(partition).toBeLessThan(6);
        expect(choosePartition(keyed(key))).toBe(partition);
      }),
    );
  });
});
