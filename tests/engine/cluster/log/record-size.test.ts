import { describe, expect, it } from "vitest";
import {
  assignOffsets,
  batchSizeInBytes,
  RECORD_BATCH_OVERHEAD,
  recordSizeInBytes,
  utf8Length,
  varintSize,
  varlongSize,
} from "../../../../engine/cluster/log/index.js";

/** ByteUtilsTest's "old well-known implementation" of sizeOfVarlong, on bigints. */
function simpleVarlongSize(value: bigint): number {
  let v = BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
  let bytes = 1;
  while ((v & ~0x7fn) !== 0n) {
    bytes += 1;
    v >>= 7n;
  }
  return bytes;
}

describe("varint and varlong sizes (ByteUtils)", () => {
  // ByteUtilsTest.testVarintSerde: the length of each expected encoding.
  it.each([
    [0, 1], [-1, 1], [1, 1], [63, 1], [-64, 1], [64, 2], [-65, 2], [8191, 2], [-8192, 2], [8192, 3],
    [-8193, 3], [1048575, 3], [-1048576, 3], [1048576, 4], [-1048577, 4], [134217727, 4], [-134217728, 4],
    [134217728, 5], [-134217729, 5], [2147483647, 5], [-2147483648, 5],
  ])("a varint of %i takes %i bytes, as in Kafka's ByteUtilsTest", (value, bytes) => {
    expect(varintSize(value)).toBe(bytes);
  });

  // ByteUtilsTest.testVarlongSerde: the length of each expected encoding.
  it.each([
    [0n, 1], [-1n, 1], [63n, 1], [-64n, 1], [64n, 2], [-65n, 2], [8191n, 2], [8192n, 3], [1048576n, 4],
    [134217728n, 5], [2147483647n, 5], [-2147483648n, 5], [17179869183n, 5], [-17179869184n, 5],
    [17179869184n, 6], [-17179869185n, 6], [2199023255551n, 6], [2199023255552n, 7], [-2199023255553n, 7],
    [281474976710655n, 7], [281474976710656n, 8], [-281474976710657n, 8], [36028797018963967n, 8],
    [36028797018963968n, 9], [-36028797018963969n, 9], [4611686018427387903n, 9], [-4611686018427387904n, 9],
    [4611686018427387904n, 10], [-4611686018427387905n, 10], [9223372036854775807n, 10], [-9223372036854775808n, 10],
  ])("a varlong of %s takes %i bytes, as in Kafka's ByteUtilsTest", (value, bytes) => {
    expect(varlongSize(value)).toBe(bytes);
    if (value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)) {
      expect(varlongSize(Number(value))).toBe(bytes);
    }
  });

  it("varlong sizes of numbers match the old loop implementation for every power of two and its negation (ByteUtilsTest.testSizeOfVarlong)", () => {
    for (let exponent = 0; exponent <= 52; exponent++) {
      for (const value of [2 ** exponent, -(2 ** exponent), 2 ** exponent - 1, -(2 ** exponent) - 1]) {
        if (!Number.isSafeInteger(value)) continue;
        expect(varlongSize(value)).toBe(simpleVarlongSize(BigInt(value)));
      }
    }
    expect(varlongSize(0)).toBe(simpleVarlongSize(0n));
  });

  it("rejects a varint outside 32 bits and a varlong number outside the safe range, saying what is allowed", () => {
    expect(() => varintSize(2147483648)).toThrow(/32-bit signed integer/);
    expect(() => varintSize(1.5)).toThrow(/varint value 1.5/);
    expect(() => varlongSize(2 ** 60)).toThrow(/safe integer .* or a bigint/);
    expect(() => varlongSize(2n ** 63n)).toThrow(/64-bit signed integer/);
  });
});

describe("record and batch sizes in Kafka's v2 format (DefaultRecord, DefaultRecordBatch)", () => {
  it("counts UTF-8 bytes as Kafka's Utils.utf8Length does", () => {
    expect(utf8Length("hi")).toBe(2);
    expect(utf8Length("é")).toBe(2); // U+00E9
    expect(utf8Length("€")).toBe(3); // U+20AC
    expect(utf8Length("😀")).toBe(4); // a surrogate pair
    expect(utf8Length("")).toBe(0);
  });

  // DefaultRecordTest.testBasicSerde: offsetDelta 10, timestampDelta 323 (a 2-byte varlong).
  // The third header key is the Java literal "\"A\\u00ea\\u00f1\\u00fcC\"": 22 ASCII characters.
  const oddHeaderKey = '"A\\u00ea\\u00f1\\u00fcC"';
  it.each([
    // body = attributes 1 + timestampDelta 2 + offsetDelta 1 + key (1 + 2) + value (1 + 5) + header count 1 = 14
    ["hi", "there", [], 15],
    // body = 1 + 2 + 1 + null key 1 + value 6 + 1 = 12
    [null, "there", [], 13],
    // body = 1 + 2 + 1 + key 3 + null value 1 + 1 = 9
    ["hi", null, [], 10],
    // body = 1 + 2 + 1 + 1 + 1 + 1 = 7
    [null, null, [], 8],
    // body = 14 - 1 + header count 1 + foo/value (4 + 6) + bar/null (4 + 1) + odd key/value (1 + 22 + 6) = 58
    ["hi", "there", [["foo", "value"], ["bar", null], [oddHeaderKey, "value"]], 59],
  ] as const)("a record with key %j and value %j takes the bytes DefaultRecordTest's records take (%#)", (key, value, headers, bytes) => {
    expect(utf8Length(oddHeaderKey)).toBe(22);
    expect(recordSizeInBytes(10, 323, key, value, headers)).toBe(bytes);
  });

  it("a batch is 61 header bytes plus each record, deltas taken from the first record (DefaultRecordBatchTest.testSizeInBytes)", () => {
    const timestamp = 1_700_000_000_000;
    const batch = [
      { key: "key", value: "value", timestamp }, // 1 + 1 + 1 + 4 + 6 + 1 = 14 -> 15
      { key: null, value: "value", timestamp: timestamp + 30000 }, // delta 30000 is 3 bytes: 1 + 3 + 1 + 1 + 6 + 1 = 13 -> 14
      { key: "key", value: null, timestamp: timestamp + 60000 }, // 1 + 3 + 1 + 4 + 1 + 1 = 11 -> 12
      {
        key: "key",
        value: "value",
        timestamp: timestamp + 60000,
        headers: [["foo", "value"], ["bar", null]] as const,
      }, // 1 + 3 + 1 + 4 + 6 + (1 + 10 + 5) = 31 -> 32
    ];
    expect(RECORD_BATCH_OVERHEAD).toBe(61);
    expect(batchSizeInBytes(batch)).toBe(61 + 15 + 14 + 12 + 32);
    expect(batchSizeInBytes([])).toBe(0);
  });

  it("a one-record batch with value \"test\" is 72 bytes, the size Kafka's log tests build segments from", () => {
    expect(batchSizeInBytes([{ key: null, value: "test", timestamp: -1 }])).toBe(72);
  });

  it("an offset delta of 64 or more costs a second byte, so the 65th record of a batch is one byte larger", () => {
    expect(recordSizeInBytes(63, 0, null, "v", [])).toBe(8);
    expect(recordSizeInBytes(64, 0, null, "v", [])).toBe(9);
  });

  it("assignOffsets stamps offsets, epoch, producer identity, max timestamp and size without copying the records", () => {
    const records = [
      { key: "a", value: "1", timestamp: 5 },
      { key: "b", value: "2", timestamp: 9 },
      { key: "c", value: "3", timestamp: 7 },
    ];
    const batch = assignOffsets(records, 40, { partitionLeaderEpoch: 3, producerId: 1000, producerEpoch: 0, baseSequence: 12 });
    expect(batch).toMatchObject({
      baseOffset: 40,
      lastOffset: 42,
      partitionLeaderEpoch: 3,
      producerId: 1000,
      producerEpoch: 0,
      baseSequence: 12,
      maxTimestamp: 9,
      sizeInBytes: batchSizeInBytes(records),
    });
    expect(batch.records).toBe(records);
    const plain = assignOffsets(records, 0, { partitionLeaderEpoch: 0 });
    expect([plain.producerId, plain.producerEpoch, plain.baseSequence]).toEqual([-1, -1, -1]);
    expect(() => assignOffsets([], 0, { partitionLeaderEpoch: 0 })).toThrow(/at least one record/);
  });
});
