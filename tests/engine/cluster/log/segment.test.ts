/**
 * LogSegment and OffsetIndex, with cases ported from Kafka's LogSegmentTest and OffsetIndexTest
 * (storage/src/test/java/org/apache/kafka/storage/internals/log). Kafka's segments in those
 * tests index every 10 bytes; so do these.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assignOffsets,
  InvalidOffsetError,
  LogSegment,
  LogSegmentOffsetOverflowError,
  offsetIndexFileName,
  OffsetIndex,
  type RecordBatch,
  segmentFileName,
  type SimRecord,
} from "../../../../engine/cluster/log/index.js";

/** Kafka's LogSegmentTest.records(offset, values...): one batch, each record timestamped offset * 10. */
function batchAt(offset: number, ...values: string[]): RecordBatch {
  const records: SimRecord[] = values.map((value) => ({ key: null, value, timestamp: offset * 10 }));
  return assignOffsets(records, offset, { partitionLeaderEpoch: 0 });
}

function offsetsOf(batches: readonly RecordBatch[]): number[] {
  return batches.flatMap((batch) => Array.from({ length: batch.lastOffset - batch.baseOffset + 1 }, (_, i) => batch.baseOffset + i));
}

const noRoll = { maxSegmentMs: 300000, maxSegmentBytes: 2147483647, maxTimestampInMessages: -1, messagesSize: 1024 };

describe("B-STORAGE: segment files are named by their base offset", () => {
  it("names the log and index files with the base offset zero-padded to 20 digits, as Kafka's LogFileUtils does", () => {
    expect(segmentFileName(0)).toBe("00000000000000000000.log");
    expect(offsetIndexFileName(0)).toBe("00000000000000000000.index");
    expect(segmentFileName(368769)).toBe("00000000000000368769.log");
    const segment = new LogSegment(1234, 10);
    expect([segment.logFile, segment.indexFile]).toEqual(["00000000000000001234.log", "00000000000000001234.index"]);
  });
});

describe("LogSegment (Kafka's LogSegmentTest)", () => {
  it.each([
    [0, -2147483648],
    [0, 2147483648],
    [1, 0],
    [100, 10],
    [2147483648, 0],
    [-2147483648, 0],
    [2147483648, 4294967296],
  ])("refuses a batch whose last offset %#: base %d, last offset %d, does not fit 4 bytes above the base (testAppendForLogSegmentOffsetOverflowException)", (baseOffset, largestOffset) => {
    const segment = new LogSegment(baseOffset, 10);
    const batch: RecordBatch = { ...batchAt(0, "hello"), baseOffset: largestOffset, lastOffset: largestOffset };
    expect(() => segment.append(batch)).toThrow(LogSegmentOffsetOverflowError);
    expect(segment.sizeInBytes).toBe(0);
  });

  it("a read on an empty segment finds nothing (testReadOnEmptySegment)", () => {
    expect(new LogSegment(40, 10).read(40, 300)).toBeNull();
  });

  it("a read before the first offset starts at the first batch (testReadBeforeFirstOffset)", () => {
    const segment = new LogSegment(40, 10);
    const batch = batchAt(50, "hello", "there", "little", "bee");
    segment.append(batch);
    expect(segment.read(41, 300)?.batches).toEqual([batch]);
  });

  it("a read after the last offset finds nothing (testReadAfterLast)", () => {
    const segment = new LogSegment(40, 10);
    segment.append(batchAt(50, "hello", "there"));
    expect(segment.read(52, 200)).toBeNull();
  });

  it("a read from a gap starts at the next batch (testReadFromGap)", () => {
    const segment = new LogSegment(40, 10);
    segment.append(batchAt(50, "hello", "there"));
    const second = batchAt(60, "alpha", "beta");
    segment.append(second);
    expect(segment.read(55, 200)?.batches[0]).toBe(second);
  });

  it("truncating off the second of two batches leaves the first readable, thirty times over (testTruncate)", () => {
    const segment = new LogSegment(40, 10);
    let offset = 40;
    for (let i = 0; i < 30; i++) {
      const first = batchAt(offset, "hello");
      const second = batchAt(offset + 1, "hello");
      segment.append(first);
      segment.append(second);
      expect(segment.read(offset, 10000)?.batches).toEqual([first, second]);
      segment.truncateTo(offset + 1);
      expect(segment.read(offset, 10000)?.batches).toEqual([first]);
      offset += 1;
    }
  });

  it("truncating an empty segment leaves it unrolled unless the next offset cannot fit (testTruncateEmptySegment)", () => {
    const segment = new LogSegment(0, 10);
    segment.truncateTo(57);
    expect(segment.timeWaitedForRoll(-1)).toBe(0);
    expect(segment.offsetIndex.isFull).toBe(false);
    expect(segment.shouldRoll({ ...noRoll, maxOffsetInMessages: 100 })).toBe(false);
    expect(segment.shouldRoll({ ...noRoll, maxOffsetInMessages: 2147483647 + 200 })).toBe(true);
  });

  it("after truncation the largest timestamp and next offset are those of what remains (testReloadLargestTimestampAndNextOffsetAfterTruncation)", () => {
    const numMessages = 30;
    const oneBatchBytes = batchAt(0, "hello").sizeInBytes;
    const segment = new LogSegment(40, 2 * oneBatchBytes - 1);
    for (let offset = 40; offset < 40 + numMessages; offset++) segment.append(batchAt(offset, "hello"));
    expect(segment.nextOffset).toBe(70);
    // Kafka checks the time index here; the offset index gains its entries at the same appends.
    expect(segment.offsetIndex.entries).toBe(numMessages / 2 - 1);
    segment.truncateTo(41);
    expect(segment.offsetIndex.entries).toBe(0);
    expect(segment.largestTimestamp).toBe(400);
    expect(segment.nextOffset).toBe(41);
  });

  it("truncating the whole segment lets the same offsets be appended again (testTruncateFull)", () => {
    const segment = new LogSegment(40, 10);
    segment.append(batchAt(40, "hello", "there"));
    segment.truncateTo(0);
    expect(segment.timeWaitedForRoll(-1)).toBe(0);
    expect(segment.offsetIndex.isFull).toBe(false);
    expect(segment.read(0, 1024)).toBeNull();
    expect(() => segment.append(batchAt(40, "hello", "there"))).not.toThrow();
  });

  it("the next offset is the base offset when empty and one past the last batch otherwise (testNextOffsetCalculation)", () => {
    const segment = new LogSegment(40, 10);
    expect(segment.nextOffset).toBe(40);
    segment.append(batchAt(50, "hello", "there", "you"));
    expect(segment.nextOffset).toBe(53);
  });

  it("every offset of a hundred one-record batches is found by a one-byte read (testRecoveryFixesCorruptIndex)", () => {
    const segment = new LogSegment(0, 10);
    for (let i = 0; i < 100; i++) segment.append(batchAt(i, String(i)));
    for (let i = 0; i < 100; i++) {
      expect(segment.read(i, 1, segment.nextOffset, true)?.batches[0].baseOffset).toBe(i);
    }
  });

  it("truncating to an offset inside a gap still removes the batch after the gap (shouldTruncateEvenIfOffsetPointsToAGapInTheLog)", () => {
    const segment = new LogSegment(40, 10);
    segment.append(batchAt(40, "first message"));
    segment.append(batchAt(43, "message after gap"));
    segment.truncateTo(41);
    const read = segment.read(40, 10000);
    expect(read?.batches.map((batch) => batch.baseOffset)).toEqual([40]);
  });

  it("truncating to an offset inside a batch removes that whole batch, including its smaller offsets", () => {
    const segment = new LogSegment(0, 10);
    segment.append(batchAt(0, "a", "b"));
    segment.append(batchAt(2, "c", "d", "e"));
    const bytesRemoved = segment.truncateTo(3);
    expect(offsetsOf(segment.batches)).toEqual([0, 1]);
    expect(bytesRemoved).toBe(batchAt(2, "c", "d", "e").sizeInBytes);
    expect(segment.nextOffset).toBe(2);
  });

  it("rolls for size, for segment.ms measured by record timestamps, and never an empty segment by time", () => {
    const segment = new LogSegment(0, 10);
    expect(segment.shouldRoll({ maxSegmentMs: 100, maxSegmentBytes: 1000, maxTimestampInMessages: 10_000, maxOffsetInMessages: 0, messagesSize: 70 })).toBe(false);
    segment.append(batchAt(0, "x")); // timestamp 0, 69 bytes
    const params = { maxSegmentMs: 100, maxSegmentBytes: 1000, maxOffsetInMessages: 1 };
    expect(segment.shouldRoll({ ...params, maxTimestampInMessages: 100, messagesSize: 69 })).toBe(false);
    expect(segment.shouldRoll({ ...params, maxTimestampInMessages: 101, messagesSize: 69 })).toBe(true);
    // Kafka's size rule, size > segment.bytes - batch size: 69 > 1000 - 931 is false, 69 > 1000 - 932 is true.
    expect(segment.shouldRoll({ ...params, maxTimestampInMessages: 0, messagesSize: 931 })).toBe(false);
    expect(segment.shouldRoll({ ...params, maxTimestampInMessages: 0, messagesSize: 932 })).toBe(true);
  });

  it("B-STORAGE: gains an index entry only once more than index.interval.bytes were appended since the last one", () => {
    const batch = (offset: number) => batchAt(offset, "v"); // 69 bytes each
    const segment = new LogSegment(0, 138);
    for (let offset = 0; offset < 10; offset++) segment.append(batch(offset));
    // The check runs before each append: after 69 and 138 bytes nothing (not > 138); after 207
    // bytes the 4th batch (offset 3) is indexed and the count restarts with that batch's 69 bytes.
    expect(Array.from({ length: segment.offsetIndex.entries }, (_, i) => segment.offsetIndex.entry(i))).toEqual([
      { offset: 3, position: 3 * 69 },
      { offset: 6, position: 6 * 69 },
      { offset: 9, position: 9 * 69 },
    ]);
  });

  it("translateOffset finds the batch holding an offset via the index floor entry and a forward scan", () => {
    const segment = new LogSegment(100, 150);
    for (let offset = 100; offset < 130; offset += 3) segment.append(batchAt(offset, "a", "b", "c"));
    for (let offset = 100; offset < 130; offset++) {
      const found = segment.translateOffset(offset);
      const expectedIndex = Math.floor((offset - 100) / 3);
      expect(found).toEqual({
        offset: segment.batches[expectedIndex].lastOffset,
        position: segment.positions[expectedIndex],
        size: segment.batches[expectedIndex].sizeInBytes,
      });
      expect(segment.findBatchIndex(offset)).toBe(expectedIndex);
    }
    expect(segment.translateOffset(130)).toBeNull();
  });

  it("records the first batch's timestamp for segment.ms and forgets it once truncated empty", () => {
    const segment = new LogSegment(0, 10);
    segment.append(batchAt(5, "x")); // timestamp 50
    expect(segment.timeWaitedForRoll(80)).toBe(30);
    segment.truncateTo(0);
    expect(segment.timeWaitedForRoll(80)).toBe(0);
  });
});

describe("OffsetIndex (Kafka's OffsetIndexTest)", () => {
  const newIndex = () => new OffsetIndex(45, 30 * 8);

  it("finds each appended entry and the floor entry of any offset (randomLookupTest)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 30, maxLength: 30 }), fc.array(fc.nat(500), { maxLength: 30 }), (steps, probes) => {
        const index = newIndex();
        expect(index.lookup(92)).toEqual({ offset: 45, position: 0 });
        let offset = 46;
        let position = 0;
        const entries: { offset: number; position: number }[] = [];
        for (const step of steps) {
          offset += step;
          position += step;
          index.append(offset, position);
          entries.push({ offset, position });
        }
        for (const entry of entries) expect(index.lookup(entry.offset)).toEqual(entry);
        for (const probe of probes) {
          const target = 45 + probe;
          const floor = entries.filter((entry) => entry.offset <= target).at(-1) ?? { offset: 45, position: 0 };
          expect(index.lookup(target)).toEqual(floor);
        }
      }),
    );
  });

  it("answers (baseOffset, 0) for the base offset, full or empty, and the last entry at the end (lookupExtremeCases)", () => {
    const index = newIndex();
    expect(index.lookup(45)).toEqual({ offset: 45, position: 0 });
    for (let i = 0; i < index.maxEntries; i++) index.append(45 + i + 1, i);
    expect(index.lookup(45)).toEqual({ offset: 45, position: 0 });
    expect(index.lookup(45 + index.maxEntries)).toEqual({ offset: 45 + index.maxEntries, position: index.maxEntries - 1 });
  });

  it("returns each entry by number and refuses a missing one (testEntry, testEntryOverflow)", () => {
    const index = newIndex();
    expect(() => index.entry(0)).toThrow(RangeError);
    for (let i = 0; i < index.maxEntries; i++) index.append(45 + i, i);
    for (let i = 0; i < index.maxEntries; i++) expect(index.entry(i)).toEqual({ offset: 45 + i, position: i });
  });

  it("refuses an append to a full index and an out-of-order offset (appendTooMany, appendOutOfOrder)", () => {
    const full = newIndex();
    expect(full.maxEntries).toBe(30);
    for (let i = 0; i < full.maxEntries; i++) full.append(45 + i + 1, i);
    expect(full.isFull).toBe(true);
    expect(() => full.append(45 + full.maxEntries + 1, 1)).toThrow(/full index/);
    const index = newIndex();
    index.append(51, 0);
    expect(() => index.append(50, 1)).toThrow(InvalidOffsetError);
  });

  it("truncates past, at and before the end, keeping appends possible (truncate)", () => {
    const index = new OffsetIndex(0, 10 * 8);
    index.truncate();
    for (let i = 1; i < 10; i++) index.append(i, i);
    index.truncateTo(12);
    expect(index.lookup(10)).toEqual({ offset: 9, position: 9 });
    expect(index.lastOffset).toBe(9);
    index.append(10, 10);
    index.truncateTo(10);
    expect(index.lookup(10)).toEqual({ offset: 9, position: 9 });
    expect(index.lastOffset).toBe(9);
    index.append(10, 10);
    index.truncateTo(9);
    expect(index.lookup(10)).toEqual({ offset: 8, position: 8 });
    expect(index.lastOffset).toBe(8);
    index.append(9, 9);
    index.truncateTo(5);
    expect(index.lookup(10)).toEqual({ offset: 4, position: 4 });
    expect(index.lastOffset).toBe(4);
    index.append(5, 5);
    index.truncate();
    expect(index.entries).toBe(0);
    index.append(0, 0);
  });

  it("holds an entry at exactly the base offset (testSanityLastOffsetEqualToBaseOffset)", () => {
    const index = new OffsetIndex(20, 10 * 8);
    index.append(20, 0);
    expect(index.lastOffset).toBe(20);
    expect(index.entries).toBe(1);
  });
});
