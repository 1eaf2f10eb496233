/**
 * B-RETENTION: deleting old segments by time, by size and below the log start offset. Cases
 * marked with a Kafka test name are ported from UnifiedLogTest; Kafka's log there is built from
 * TestUtils.singletonRecords("test"), 72 bytes a batch, five to a segment.
 */
import { describe, expect, it } from "vitest";
import { Log, OffsetOutOfRangeError } from "../../../../engine/cluster/log/index.js";
import { appendRecords, appendSingleton, baseConfig, SINGLETON_TEST_BATCH_BYTES } from "./helpers.js";

const NOW_MS = 1_700_000_000_000;

/** Fifteen 72-byte batches in three five-batch segments (0, 5, 10). */
function threeSegmentLog(config: Partial<typeof baseConfig> = {}, timestamp = -1): Log {
  const log = new Log({ ...baseConfig, segmentBytes: 5 * SINGLETON_TEST_BATCH_BYTES, ...config });
  for (let i = 0; i < 15; i++) appendSingleton(log, timestamp);
  return log;
}

const baseOffsets = (log: Log) => log.segments.map((segment) => segment.baseOffset);

describe("B-RETENTION: size retention", () => {
  it("B-RETENTION: retention.bytes = 720 deletes the oldest 360-byte segment of a 1080-byte log and moves the log start offset (shouldDeleteSizeBasedSegments)", () => {
    const log = threeSegmentLog({ retentionBytes: 10 * SINGLETON_TEST_BATCH_BYTES });
    const result = log.deleteOldSegments(NOW_MS, log.logEndOffset);
    expect(result.deleted).toEqual([
      {
        reason: "retention.bytes",
        baseOffset: 0,
        lastOffset: 4,
        segmentFile: "00000000000000000000.log",
        sizeInBytes: 360,
        largestTimestamp: -1,
      },
    ]);
    expect(log.numberOfSegments).toBe(2);
    expect([log.logStartOffset, result.logStartOffset, log.sizeInBytes]).toEqual([5, 5, 720]);
    expect(() => log.read(4, 1000)).toThrow(OffsetOutOfRangeError);
    expect(log.read(5, 1000).batches[0].baseOffset).toBe(5);
  });

  it("B-RETENTION: nothing goes while the log is within retention.bytes (shouldNotDeleteSizeBasedSegmentsWhenUnderRetentionSize)", () => {
    const log = threeSegmentLog({ retentionBytes: 15 * SINGLETON_TEST_BATCH_BYTES });
    expect(log.deleteOldSegments(NOW_MS, log.logEndOffset).deleted).toEqual([]);
    expect(log.numberOfSegments).toBe(3);
  });

  it("B-RETENTION: a segment goes only if the log stays at least retention.bytes long without it", () => {
    const log = threeSegmentLog({ retentionBytes: 10 * SINGLETON_TEST_BATCH_BYTES + 1 });
    expect(log.deleteOldSegments(NOW_MS, log.logEndOffset).deleted).toEqual([]);
    expect(log.numberOfSegments).toBe(3);
  });

  it("B-RETENTION: retention.bytes = 0 deletes every segment, rolling an empty active segment first so the log end offset stays 15", () => {
    const log = threeSegmentLog({ retentionBytes: 0 });
    const result = log.deleteOldSegments(NOW_MS, log.logEndOffset);
    expect(result.deleted.map((deletion) => [deletion.baseOffset, deletion.reason])).toEqual([
      [0, "retention.bytes"],
      [5, "retention.bytes"],
      [10, "retention.bytes"],
    ]);
    expect(result.rolledNewActiveSegment).toBe(true);
    expect(log.segments.map((segment) => [segment.logFile, segment.sizeInBytes])).toEqual([["00000000000000000015.log", 0]]);
    expect([log.logStartOffset, log.logEndOffset, log.sizeInBytes]).toEqual([15, 15, 0]);
    // An empty last segment is never deleted, so a second pass changes nothing.
    expect(log.deleteOldSegments(NOW_MS, log.logEndOffset).deleted).toEqual([]);
  });
});

describe("B-RETENTION: time retention", () => {
  it("B-RETENTION: a segment whose newest record is older than retention.ms goes, leaving one empty active segment (shouldDeleteTimeBasedSegmentsReadyToBeDeleted)", () => {
    const log = new Log({ ...baseConfig, segmentBytes: 15 * SINGLETON_TEST_BATCH_BYTES, retentionMs: 10000 });
    for (let i = 0; i < 15; i++) appendSingleton(log, 10);
    expect(log.numberOfSegments).toBe(1);
    const result = log.deleteOldSegments(NOW_MS, log.logEndOffset);
    expect(result.deleted.map((deletion) => [deletion.baseOffset, deletion.reason, deletion.largestTimestamp])).toEqual([
      [0, "retention.ms", 10],
    ]);
    expect(result.rolledNewActiveSegment).toBe(true);
    expect(log.numberOfSegments).toBe(1);
    expect([log.logStartOffset, log.logEndOffset]).toEqual([15, 15]);
  });

  it("B-RETENTION: nothing goes while records are younger than retention.ms (shouldNotDeleteTimeBasedSegmentsWhenNoneReadyToBeDeleted)", () => {
    const log = threeSegmentLog({ retentionMs: 10_000_000 }, NOW_MS);
    expect(log.deleteOldSegments(NOW_MS, log.logEndOffset).deleted).toEqual([]);
    expect(log.numberOfSegments).toBe(3);
  });

  it("B-RETENTION: a segment expires only when now - its largest timestamp is strictly more than retention.ms", () => {
    const log = new Log({ ...baseConfig, segmentBytes: 5 * SINGLETON_TEST_BATCH_BYTES, retentionMs: 1000 });
    for (let i = 0; i < 10; i++) appendSingleton(log, i < 5 ? 100 : 5000);
    expect(log.deleteOldSegments(1100, log.logEndOffset).deleted).toEqual([]);
    expect(log.deleteOldSegments(1101, log.logEndOffset).deleted.map((deletion) => deletion.baseOffset)).toEqual([0]);
    expect(log.logStartOffset).toBe(5);
  });

  it("B-RETENTION: retention.ms = -1 keeps records forever", () => {
    const log = threeSegmentLog({ retentionMs: -1 }, 0);
    expect(log.deleteOldSegments(Number.MAX_SAFE_INTEGER, log.logEndOffset).deleted).toEqual([]);
  });
});

describe("B-RETENTION: the high watermark bounds retention", () => {
  it("B-RETENTION: only segments wholly below the high watermark may go, so the log start offset never passes it", () => {
    const log = threeSegmentLog({ retentionBytes: 0 });
    const result = log.deleteOldSegments(NOW_MS, 7);
    expect(result.deleted.map((deletion) => deletion.baseOffset)).toEqual([0]);
    expect(log.logStartOffset).toBe(5);
    expect(baseOffsets(log)).toEqual([5, 10]);
  });

  it("B-RETENTION: with the high watermark inside the first segment nothing is deleted", () => {
    const log = threeSegmentLog({ retentionBytes: 0, retentionMs: 0 }, 0);
    expect(log.deleteOldSegments(NOW_MS, 4).deleted).toEqual([]);
    expect(log.numberOfSegments).toBe(3);
  });

  it("B-RETENTION: the active segment goes only once the high watermark reaches the log end offset", () => {
    const log = threeSegmentLog({ retentionBytes: 0 });
    expect(log.deleteOldSegments(NOW_MS, 14).deleted.map((deletion) => deletion.baseOffset)).toEqual([0, 5]);
    expect(log.deleteOldSegments(NOW_MS, 15).deleted.map((deletion) => deletion.baseOffset)).toEqual([10]);
    expect(log.logStartOffset).toBe(15);
  });
});

describe("B-RETENTION: the log start offset", () => {
  it("B-RETENTION: segments wholly below a raised log start offset are deleted (testLogDeletionAfterDeleteRecords)", () => {
    const log = threeSegmentLog();
    const hw = log.logEndOffset;
    expect(log.maybeIncrementLogStartOffset(1, hw)).toBe(true);
    expect(log.deleteOldSegments(NOW_MS, hw).deleted).toEqual([]);
    expect([log.numberOfSegments, log.logStartOffset]).toEqual([3, 1]);
    log.maybeIncrementLogStartOffset(6, hw);
    expect(log.deleteOldSegments(NOW_MS, hw).deleted.map((deletion) => [deletion.baseOffset, deletion.reason])).toEqual([
      [0, "log-start-offset"],
    ]);
    expect([log.numberOfSegments, log.logStartOffset]).toEqual([2, 6]);
    log.maybeIncrementLogStartOffset(15, hw);
    log.deleteOldSegments(NOW_MS, hw);
    expect([log.numberOfSegments, log.logStartOffset]).toEqual([1, 15]);
  });

  it("B-RETENTION: the log start offset cannot move past the high watermark, and never moves back", () => {
    const log = threeSegmentLog();
    expect(() => log.maybeIncrementLogStartOffset(11, 10)).toThrow(OffsetOutOfRangeError);
    expect(() => log.maybeIncrementLogStartOffset(11, 10)).toThrow(/larger than the high watermark 10/);
    log.maybeIncrementLogStartOffset(8, 10);
    expect(log.maybeIncrementLogStartOffset(3, 10)).toBe(false);
    expect(log.logStartOffset).toBe(8);
  });

  it("B-RETENTION: one call applies the log start offset, then retention.bytes, then retention.ms, and names each reason", () => {
    const log = new Log({
      ...baseConfig,
      segmentBytes: 5 * SINGLETON_TEST_BATCH_BYTES,
      retentionBytes: 10 * SINGLETON_TEST_BATCH_BYTES,
      retentionMs: 1000,
    });
    for (let i = 0; i < 25; i++) appendSingleton(log, i < 15 ? 0 : NOW_MS);
    log.maybeIncrementLogStartOffset(5, log.logEndOffset);
    const result = log.deleteOldSegments(NOW_MS, log.logEndOffset);
    expect(result.deleted.map((deletion) => [deletion.baseOffset, deletion.reason])).toEqual([
      [0, "log-start-offset"],
      [5, "retention.bytes"],
      [10, "retention.bytes"],
    ]);
    expect(baseOffsets(log)).toEqual([15, 20]);
    expect(log.logStartOffset).toBe(15);
  });

  it("B-RETENTION: deleting the first segment trims the epochs that started in it (shouldTruncateLeaderEpochsWhenDeletingSegments)", () => {
    const log = threeSegmentLog({ retentionBytes: 10 * SINGLETON_TEST_BATCH_BYTES });
    log.leaderEpochCache.assign(0, 0);
    log.leaderEpochCache.assign(1, 5);
    log.leaderEpochCache.assign(2, 10);
    log.deleteOldSegments(NOW_MS, log.logEndOffset);
    expect(log.leaderEpochCache.epochEntries()).toEqual([
      { epoch: 1, startOffset: 5 },
      { epoch: 2, startOffset: 10 },
    ]);
  });

  it("B-RETENTION: an epoch that spans the new log start offset is moved to start there (shouldUpdateOffsetForLeaderEpochsWhenDeletingSegments)", () => {
    const log = threeSegmentLog({ retentionBytes: 10 * SINGLETON_TEST_BATCH_BYTES });
    log.leaderEpochCache.assign(0, 0);
    log.leaderEpochCache.assign(1, 7);
    log.leaderEpochCache.assign(2, 10);
    log.deleteOldSegments(NOW_MS, log.logEndOffset);
    expect(log.leaderEpochCache.epochEntries()).toEqual([
      { epoch: 0, startOffset: 5 },
      { epoch: 1, startOffset: 7 },
      { epoch: 2, startOffset: 10 },
    ]);
  });

  it("a log that starts at a later offset keeps its start through appends and deletes (a recreated replica)", () => {
    const log = new Log({ ...baseConfig, segmentBytes: 5 * SINGLETON_TEST_BATCH_BYTES, retentionBytes: 0 }, { logStartOffset: 1000 });
    for (let i = 0; i < 7; i++) appendRecords(log, 1, { value: "test", timestamp: -1 });
    expect(baseOffsets(log)).toEqual([1000, 1005]);
    log.deleteOldSegments(NOW_MS, 1005);
    expect([log.logStartOffset, baseOffsets(log)]).toEqual([1005, [1005]]);
  });
});
