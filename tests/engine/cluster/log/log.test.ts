/**
 * The Log: rolling, the offset index, step-by-step lookups, reads, truncation and the leader
 * epoch cache. Retention has its own file. Cases marked with a Kafka test name are ported from
 * UnifiedLogTest, LogSegmentTest or LocalLogTest.
 */
import { describe, expect, it } from "vitest";
import {
  assignOffsets,
  InvalidLogConfigError,
  Log,
  OffsetOutOfRangeError,
  RecordBatchTooLargeError,
  UnexpectedAppendOffsetError,
} from "../../../../engine/cluster/log/index.js";
import { appendRecords, appendSingleton, baseConfig, records, SINGLETON_TEST_BATCH_BYTES } from "./helpers.js";

/** Three records with value "v" at one timestamp: 61 + 3 * 8 = 85 bytes. */
const THREE_RECORD_BATCH_BYTES = 85;

/**
 * Thirty-record segments: each holds ten 3-record batches (850 bytes), and the index gains an
 * entry at every third batch (255 bytes since the last entry is > 200).
 */
function logWithManySegments(batchCount: number): Log {
  const log = new Log({ ...baseConfig, segmentBytes: 10 * THREE_RECORD_BATCH_BYTES, indexIntervalBytes: 200 });
  for (let i = 0; i < batchCount; i++) appendRecords(log, 3);
  return log;
}

describe("B-STORAGE: segments roll at segment.bytes and are named by base offset", () => {
  it("B-STORAGE: fifteen 72-byte batches with segment.bytes = 360 make three segments, files 0, 5 and 10", () => {
    const log = new Log({ ...baseConfig, segmentBytes: 5 * SINGLETON_TEST_BATCH_BYTES });
    for (let i = 0; i < 15; i++) appendSingleton(log);
    expect(log.segments.map((segment) => segment.logFile)).toEqual([
      "00000000000000000000.log",
      "00000000000000000005.log",
      "00000000000000000010.log",
    ]);
    expect(log.segments.map((segment) => segment.indexFile)).toEqual([
      "00000000000000000000.index",
      "00000000000000000005.index",
      "00000000000000000010.index",
    ]);
    expect(log.segments.map((segment) => segment.sizeInBytes)).toEqual([360, 360, 360]);
    expect([log.logStartOffset, log.logEndOffset, log.sizeInBytes]).toEqual([0, 15, 15 * 72]);
  });

  it("B-STORAGE: a segment rolls as soon as the next batch would not fit, even when it is far from full", () => {
    const log = new Log({ ...baseConfig, segmentBytes: 200 });
    appendRecords(log, 3); // 85 bytes
    appendRecords(log, 3); // 170: fits (85 > 200 - 85 is false)
    appendRecords(log, 3); // 170 > 200 - 85: rolls first
    expect(log.segments.map((segment) => [segment.baseOffset, segment.sizeInBytes])).toEqual([
      [0, 170],
      [6, 85],
    ]);
  });

  it("rolls when the new batch's timestamp is more than segment.ms after the segment's first batch", () => {
    const log = new Log({ ...baseConfig, segmentMs: 1000 });
    appendRecords(log, 1, { timestamp: 0 });
    appendRecords(log, 1, { timestamp: 1000 }); // exactly segment.ms: no roll
    appendRecords(log, 1, { timestamp: 1001 }); // more than segment.ms: roll
    appendRecords(log, 1, { timestamp: 1500 });
    expect(log.segments.map((segment) => segment.baseOffset)).toEqual([0, 2]);
  });

  it("never rolls an empty segment, and refuses a batch larger than segment.bytes, naming the config", () => {
    const log = new Log({ ...baseConfig, segmentBytes: 100 });
    const big = assignOffsets(records(10), 0, { partitionLeaderEpoch: 0 }); // 141 bytes
    expect(() => log.append(big)).toThrow(RecordBatchTooLargeError);
    expect(() => log.append(big)).toThrow(/141 bytes .* maximum configured segment size of 100 \(segment.bytes\)/);
    appendRecords(log, 3);
    expect(log.numberOfSegments).toBe(1);
  });

  it("refuses a batch that starts below the log end offset, and accepts one that leaves a gap above it", () => {
    const log = new Log(baseConfig);
    appendRecords(log, 3);
    const stale = assignOffsets(records(1), 2, { partitionLeaderEpoch: 0 });
    expect(() => log.append(stale)).toThrow(UnexpectedAppendOffsetError);
    expect(() => log.append(stale)).toThrow(/First offset 2 is less than the next offset 3/);
    log.append(assignOffsets(records(1), 10, { partitionLeaderEpoch: 0 }));
    expect(log.logEndOffset).toBe(11);
  });

  it("rejects a bad config, naming the config key, the value and what is allowed", () => {
    expect(() => new Log({ ...baseConfig, segmentBytes: 10 })).toThrow(InvalidLogConfigError);
    expect(() => new Log({ ...baseConfig, segmentBytes: 10 })).toThrow(
      "Invalid value 10 for configuration segment.bytes: Value must be at least 14",
    );
    expect(() => new Log({ ...baseConfig, indexIntervalBytes: -1 })).toThrow(/index.interval.bytes: Value must be at least 0/);
    expect(() => new Log({ ...baseConfig, retentionMs: -2 })).toThrow(/retention.ms/);
    expect(() => new Log({ ...baseConfig, segmentMs: 0 })).toThrow(/segment.ms/);
  });
});

describe("B-STORAGE: the sparse offset index and the floor-then-scan lookup", () => {
  it("B-STORAGE: each segment indexes a batch every time more than index.interval.bytes were written since the last entry", () => {
    const log = logWithManySegments(25);
    expect(log.segments.map((segment) => segment.baseOffset)).toEqual([0, 30, 60]);
    const second = log.segments[1];
    const entries = Array.from({ length: second.offsetIndex.entries }, (_, i) => second.offsetIndex.entry(i));
    // Entries hold (the indexed batch's last offset, its position): batches 3, 6 and 9 of the segment.
    expect(entries).toEqual([
      { offset: 41, position: 255 },
      { offset: 50, position: 510 },
      { offset: 59, position: 765 },
    ]);
  });

  it("B-STORAGE: looking up offset 47 picks segment 30, index entry (41, 255), then scans three batches to 45..47", () => {
    const log = logWithManySegments(25);
    expect(log.lookup(47)).toEqual({
      offset: 47,
      segmentBaseOffset: 30,
      segmentFile: "00000000000000000030.log",
      indexEntry: { offset: 41, position: 255 },
      scanned: [
        { baseOffset: 39, lastOffset: 41, position: 255 },
        { baseOffset: 42, lastOffset: 44, position: 340 },
        { baseOffset: 45, lastOffset: 47, position: 425 },
      ],
      found: { baseOffset: 45, lastOffset: 47, position: 425 },
    });
  });

  it("B-STORAGE: an offset before the segment's first index entry is scanned for from the segment start", () => {
    const log = logWithManySegments(25);
    const lookup = log.lookup(5);
    expect(lookup.indexEntry).toBeNull();
    expect(lookup.scanned.map((batch) => batch.position)).toEqual([0, 85]);
    expect(lookup.found).toEqual({ baseOffset: 3, lastOffset: 5, position: 85 });
  });

  it("B-STORAGE: an index entry for exactly the target offset ends the scan at its own batch", () => {
    const log = logWithManySegments(25);
    const lookup = log.lookup(50);
    expect(lookup.indexEntry).toEqual({ offset: 50, position: 510 });
    expect(lookup.scanned).toEqual([{ baseOffset: 48, lastOffset: 50, position: 510 }]);
  });

  it("looking up the log end offset finds no batch; beyond it or below the start is out of range", () => {
    const log = logWithManySegments(25);
    expect(log.lookup(75).found).toBeNull();
    expect(() => log.lookup(76)).toThrow(OffsetOutOfRangeError);
    expect(() => log.lookup(-1)).toThrow(/lookup offset -1 .* \[0, 75\]/);
  });
});

describe("B-STORAGE: reads return whole batches", () => {
  it("B-STORAGE: returns only batches that fit whole in maxBytes", () => {
    const log = logWithManySegments(25);
    const read = log.read(0, 2 * THREE_RECORD_BATCH_BYTES + 84);
    expect(read.batches.map((batch) => batch.baseOffset)).toEqual([0, 3]);
    expect(read.sizeInBytes).toBe(170);
  });

  it("B-STORAGE: returns the first batch even when it is larger than maxBytes (KIP-74), unless minOneMessage is off", () => {
    const log = logWithManySegments(25);
    const read = log.read(1, 10);
    expect(read.batches.map((batch) => [batch.baseOffset, batch.lastOffset])).toEqual([[0, 2]]);
    expect(read.firstEntryIncomplete).toBe(false);
    const strict = log.read(1, 10, undefined, false);
    expect(strict.batches).toEqual([]);
    expect(strict.firstEntryIncomplete).toBe(true);
  });

  it("starts at the batch containing the fetch offset and stops at the end of its segment", () => {
    const log = logWithManySegments(25);
    const read = log.read(4, 100_000);
    expect(read.batches[0].baseOffset).toBe(3);
    expect(read.batches.at(-1)?.lastOffset).toBe(29);
    expect(read.fetchOffsetMetadata).toEqual({ messageOffset: 4, segmentBaseOffset: 0, relativePositionInSegment: 85 });
    expect(log.read(30, 100_000).batches[0].baseOffset).toBe(30);
  });

  it("stops before the batch holding maxOffset, so a consumer capped at the high watermark sees only committed batches", () => {
    const log = logWithManySegments(25);
    expect(log.read(0, 100_000, 7).batches.map((batch) => batch.baseOffset)).toEqual([0, 3]);
    expect(log.read(6, 100_000, 7).batches).toEqual([]);
    expect(log.read(7, 100_000, 7).batches).toEqual([]);
    expect(log.read(9, 100_000, 7).batches).toEqual([]);
  });

  it("a read at the log end offset is empty; past it is OffsetOutOfRange naming the offset and the valid range", () => {
    const log = logWithManySegments(25);
    const atEnd = log.read(75, 1000);
    expect(atEnd.batches).toEqual([]);
    expect(atEnd.fetchOffsetMetadata).toEqual({ messageOffset: 75, segmentBaseOffset: 60, relativePositionInSegment: 425 });
    expect(() => log.read(76, 1000)).toThrow(OffsetOutOfRangeError);
    expect(() => log.read(76, 1000)).toThrow("OffsetOutOfRangeException: fetch offset 76 for the partition is out of range");
    try {
      log.read(76, 1000);
    } catch (error) {
      expect(error).toMatchObject({ errorName: "OFFSET_OUT_OF_RANGE", offset: 76, logStartOffset: 0, logEndOffset: 75 });
    }
  });

  it("returns the stored batch objects themselves, so replicas share records without copying", () => {
    const log = new Log(baseConfig);
    const batch = appendRecords(log, 3);
    expect(log.read(0, 1000).batches[0]).toBe(batch);
    expect(log.read(0, 1000).batches[0].records).toBe(batch.records);
  });
});

describe("truncation", () => {
  it("truncating removes whole segments above the offset, then every batch whose last offset is >= it, and trims epochs (shouldTruncateLeaderEpochCheckpointFileWhenTruncatingLog)", () => {
    const oneRecord = assignOffsets([{ key: null, value: "value", timestamp: 0 }], 0, { partitionLeaderEpoch: 0 }).sizeInBytes;
    const log = new Log({ ...baseConfig, segmentBytes: 10 * oneRecord });
    const appendOne = (epoch: number, count: number) => {
      for (let i = 0; i < count; i++) {
        log.append(assignOffsets([{ key: null, value: "value", timestamp: 0 }], log.logEndOffset, { partitionLeaderEpoch: epoch }));
      }
    };
    appendOne(0, 10);
    appendOne(1, 6);
    appendOne(2, 4);
    expect(log.numberOfSegments).toBe(2);
    expect(log.logEndOffset).toBe(20);

    expect(log.truncateTo(log.logEndOffset)).toBe(false);
    expect(log.leaderEpochCache.epochEntries()).toHaveLength(3);
    expect(log.truncateTo(11)).toBe(true);
    expect(log.leaderEpochCache.epochEntries()).toHaveLength(2);
    expect(log.logEndOffset).toBe(11);
    log.truncateTo(10);
    expect(log.leaderEpochCache.epochEntries()).toHaveLength(1);
    expect(log.segments.map((segment) => [segment.baseOffset, segment.sizeInBytes])).toEqual([
      [0, 10 * oneRecord],
      [10, 0],
    ]);
    log.truncateTo(0);
    expect(log.leaderEpochCache.epochEntries()).toHaveLength(0);
    expect(log.segments.map((segment) => segment.baseOffset)).toEqual([0]);
    expect([log.sizeInBytes, log.logEndOffset]).toEqual([0, 0]);
  });

  it("truncating into the middle of a batch removes the whole batch; Kafka still sets the log end offset to the target", () => {
    const log = new Log(baseConfig);
    appendRecords(log, 3); // 0..2
    appendRecords(log, 3); // 3..5
    log.truncateTo(4);
    expect(log.segments[0].batches.map((batch) => [batch.baseOffset, batch.lastOffset])).toEqual([[0, 2]]);
    expect(log.logEndOffset).toBe(4);
    expect(log.sizeInBytes).toBe(THREE_RECORD_BATCH_BYTES);
    expect(log.lookup(3).found).toBeNull();
  });

  it("truncating below the first segment starts the log afresh at that offset (truncateFullyAndStartAt)", () => {
    const log = new Log(baseConfig, { logStartOffset: 50 });
    appendRecords(log, 5, { epoch: 3 });
    log.truncateTo(20);
    expect(log.segments.map((segment) => [segment.baseOffset, segment.sizeInBytes])).toEqual([[20, 0]]);
    expect([log.logStartOffset, log.logEndOffset, log.latestEpoch()]).toEqual([20, 20, null]);
  });

  it("truncateFullyAndStartAt leaves one empty segment at the new offset, which becomes both start and end", () => {
    const log = logWithManySegments(25);
    log.truncateFullyAndStartAt(100);
    expect(log.segments.map((segment) => segment.logFile)).toEqual(["00000000000000000100.log"]);
    expect([log.logStartOffset, log.logEndOffset, log.sizeInBytes]).toEqual([100, 100, 0]);
    appendRecords(log, 3);
    expect(log.read(100, 1000).batches[0].baseOffset).toBe(100);
  });
});

describe("the leader epoch cache follows appends", () => {
  it("records where each epoch's first batch starts (testRecoveryRebuildsEpochCache)", () => {
    const log = new Log(baseConfig, { logStartOffset: 104 });
    for (const epoch of [0, 1, 1, 2]) appendRecords(log, 2, { epoch });
    expect(log.leaderEpochCache.epochEntries()).toEqual([
      { epoch: 0, startOffset: 104 },
      { epoch: 1, startOffset: 106 },
      { epoch: 2, startOffset: 110 },
    ]);
    expect(log.endOffsetForEpoch(1)).toEqual({ epoch: 1, endOffset: 110 });
    expect(log.endOffsetForEpoch(2)).toEqual({ epoch: 2, endOffset: 112 });
    expect(log.endOffsetForEpoch(3)).toBeNull();
  });

  it("a follower appending the leader's batches learns the leader's epoch (followerShouldSaveEpochInformationFromReplicatedMessagesToTheEpochCache)", () => {
    const log = new Log(baseConfig);
    for (let i = 0; i < 50; i++) appendRecords(log, 1, { epoch: 42 });
    expect(log.latestEpoch()).toBe(42);
  });
});
