/**
 * Properties of the Log over random histories. fast-check prints the seed and the shrunk
 * history of any failure, which replays it exactly.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assignOffsets,
  batchSizeInBytes,
  Log,
  type LogConfig,
  RecordBatchTooLargeError,
  type SimRecord,
} from "../../../../engine/cluster/log/index.js";

const configArbitrary: fc.Arbitrary<LogConfig> = fc.record({
  segmentBytes: fc.integer({ min: 100, max: 3000 }),
  indexIntervalBytes: fc.integer({ min: 0, max: 1000 }),
  segmentMs: fc.integer({ min: 1, max: 5000 }),
  retentionMs: fc.integer({ min: -1, max: 5000 }),
  retentionBytes: fc.integer({ min: -1, max: 3000 }),
});

interface BatchSpec {
  readonly recordCount: number;
  readonly valueLength: number;
  readonly keyed: boolean;
  readonly timestampStep: number;
}

const batchSpecArbitrary: fc.Arbitrary<BatchSpec> = fc.record({
  recordCount: fc.integer({ min: 1, max: 8 }),
  valueLength: fc.integer({ min: 0, max: 80 }),
  keyed: fc.boolean(),
  timestampStep: fc.integer({ min: 0, max: 700 }),
});

/** Appends one batch built from `spec` at the log end; false if it was too large for a segment. */
function appendSpec(log: Log, spec: BatchSpec, timestamp: number, epoch: number): boolean {
  const records: SimRecord[] = Array.from({ length: spec.recordCount }, (_, i) => ({
    key: spec.keyed ? `key-${i}` : null,
    value: "é".repeat(spec.valueLength % 7) + "x".repeat(spec.valueLength),
    timestamp: timestamp + i,
  }));
  try {
    log.append(assignOffsets(records, log.logEndOffset, { partitionLeaderEpoch: epoch }));
    return true;
  } catch (error) {
    if (error instanceof RecordBatchTooLargeError) return false;
    throw error;
  }
}

/** Every structural invariant of a log's segments, checked from scratch. */
function checkSegmentInvariants(log: Log): void {
  let total = 0;
  let previousBase = -1;
  let previousLastOffset = -1;
  for (const segment of log.segments) {
    expect(segment.baseOffset).toBeGreaterThan(previousBase);
    previousBase = segment.baseOffset;
    let position = 0;
    segment.batches.forEach((batch, i) => {
      expect(segment.positions[i]).toBe(position);
      expect(batch.sizeInBytes).toBe(batchSizeInBytes(batch.records));
      expect(batch.baseOffset).toBeGreaterThanOrEqual(segment.baseOffset);
      expect(batch.baseOffset).toBeGreaterThan(previousLastOffset);
      previousLastOffset = batch.lastOffset;
      position += batch.sizeInBytes;
    });
    expect(segment.sizeInBytes).toBe(position);
    expect(segment.sizeInBytes).toBeLessThanOrEqual(log.config.segmentBytes);
    total += position;
  }
  expect(log.sizeInBytes).toBe(total);
  expect(previousLastOffset).toBeLessThan(log.logEndOffset);
  expect(log.segments[0].baseOffset).toBeLessThanOrEqual(log.logStartOffset);
  expect(log.logStartOffset).toBeLessThanOrEqual(log.logEndOffset);
}

/**
 * Checks that lookup, read and translateOffset agree with a plain scan for every offset in range.
 * The batch found is the one holding the offset; where truncation left a gap (Kafka truncates
 * whole batches but sets the log end offset to the target), it is the first batch after the gap
 * in the same segment, as Kafka's forward scan finds it.
 */
function checkLookups(log: Log): void {
  const allBatches = log.segments.flatMap((segment) => segment.batches);
  for (let offset = log.logStartOffset; offset < log.logEndOffset; offset++) {
    const lookup = log.lookup(offset);
    const segment = log.segments.find((candidate) => candidate.baseOffset === lookup.segmentBaseOffset)!;
    expect(log.segments.filter((candidate) => candidate.baseOffset <= offset).at(-1)).toBe(segment);
    // The scan starts at the index floor entry (or the segment start) and passes only batches before the offset.
    expect(lookup.scanned[0]?.position ?? 0).toBe(lookup.indexEntry?.position ?? 0);
    for (const passed of lookup.scanned.slice(0, -1)) expect(passed.lastOffset).toBeLessThan(offset);
    const holder = allBatches.find((batch) => batch.baseOffset <= offset && offset <= batch.lastOffset);
    const expected = segment.batches.find((batch) => batch.lastOffset >= offset);
    if (holder !== undefined) expect(expected).toBe(holder);
    const firstAtOrAfter = allBatches.find((batch) => batch.lastOffset >= offset);
    if (firstAtOrAfter !== undefined) expect(log.read(offset, 1).batches[0]).toBe(firstAtOrAfter);
    if (expected === undefined) {
      expect(lookup.found).toBeNull();
      expect(segment.translateOffset(offset)).toBeNull();
      continue;
    }
    const batchIndex = segment.batches.indexOf(expected);
    expect(lookup.found).toEqual({ baseOffset: expected.baseOffset, lastOffset: expected.lastOffset, position: segment.positions[batchIndex] });
    expect(segment.translateOffset(offset)).toEqual({ offset: expected.lastOffset, position: segment.positions[batchIndex], size: expected.sizeInBytes });
    expect(segment.findBatchIndex(offset)).toBe(batchIndex);
  }
}

describe("Log properties", () => {
  it("B-STORAGE: for random appends, lookup finds exactly the batch containing each offset, and sizeInBytes is the sum of batch sizes", () => {
    fc.assert(
      fc.property(configArbitrary, fc.array(batchSpecArbitrary, { minLength: 1, maxLength: 60 }), (config, specs) => {
        const log = new Log({ ...config, retentionMs: -1, retentionBytes: -1 });
        let timestamp = 0;
        let appendedBytes = 0;
        for (const spec of specs) {
          timestamp += spec.timestampStep;
          const before = log.sizeInBytes;
          if (appendSpec(log, spec, timestamp, 0)) appendedBytes += log.sizeInBytes - before;
        }
        expect(log.sizeInBytes).toBe(appendedBytes);
        checkSegmentInvariants(log);
        checkLookups(log);
      }),
      { numRuns: 150 },
    );
  });

  it("B-STORAGE: reads return whole batches, in order, never more than maxBytes except a lone first batch, and never cross the max offset", () => {
    fc.assert(
      fc.property(
        configArbitrary,
        fc.array(batchSpecArbitrary, { minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.integer({ min: 0, max: 2000 }),
        fc.nat(),
        (config, specs, fetchSeed, maxBytes, maxOffsetSeed) => {
          const log = new Log({ ...config, retentionMs: -1, retentionBytes: -1 });
          for (const spec of specs) appendSpec(log, spec, 0, 0);
          const fetchOffset = fetchSeed % (log.logEndOffset + 1);
          const maxOffset = maxOffsetSeed % (log.logEndOffset + 1);
          const read = log.read(fetchOffset, maxBytes, maxOffset);
          const sizes = read.batches.map((batch) => batch.sizeInBytes);
          expect(read.sizeInBytes).toBe(sizes.reduce((a, b) => a + b, 0));
          if (read.batches.length > 1) expect(read.sizeInBytes).toBeLessThanOrEqual(Math.max(maxBytes, sizes[0]));
          for (const batch of read.batches) expect(batch.lastOffset).toBeLessThan(maxOffset);
          // The read starts at the batch containing fetchOffset (or the first one after it).
          const firstAtOrAfter = log.segments.flatMap((segment) => segment.batches).find((batch) => batch.lastOffset >= fetchOffset);
          if (read.batches.length > 0) {
            expect(read.batches[0]).toBe(firstAtOrAfter);
          } else if (fetchOffset < maxOffset) {
            // Nothing was returned only because that batch reaches the max offset.
            expect(firstAtOrAfter === undefined || firstAtOrAfter.lastOffset >= maxOffset).toBe(true);
          }
          for (let i = 1; i < read.batches.length; i++) {
            expect(read.batches[i].baseOffset).toBe(read.batches[i - 1].lastOffset + 1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("B-RETENTION: appends, truncations, log-start-offset moves and retention keep the log consistent and the start below the high watermark", () => {
    const operation = fc.oneof(
      { weight: 6, arbitrary: batchSpecArbitrary.map((spec) => ({ kind: "append" as const, spec })) },
      { weight: 1, arbitrary: fc.nat().map((seed) => ({ kind: "truncate" as const, seed })) },
      { weight: 1, arbitrary: fc.nat().map((seed) => ({ kind: "moveStart" as const, seed })) },
      { weight: 2, arbitrary: fc.tuple(fc.nat(), fc.nat(3000)).map(([seed, clockStep]) => ({ kind: "retain" as const, seed, clockStep })) },
    );
    fc.assert(
      fc.property(configArbitrary, fc.array(operation, { minLength: 1, maxLength: 80 }), (config, operations) => {
        const log = new Log(config);
        let nowMs = 0;
        let epoch = 0;
        for (const op of operations) {
          const highWatermarkRange = log.logEndOffset - log.logStartOffset + 1;
          switch (op.kind) {
            case "append":
              nowMs += op.spec.timestampStep;
              appendSpec(log, op.spec, nowMs, epoch);
              break;
            case "truncate": {
              // A follower truncates to somewhere between its start and just past its end.
              const target = log.logStartOffset + (op.seed % (highWatermarkRange + 1));
              const endBefore = log.logEndOffset;
              expect(log.truncateTo(target)).toBe(target < endBefore);
              epoch++;
              expect(log.logEndOffset).toBe(Math.min(target, endBefore));
              for (const segment of log.segments) for (const batch of segment.batches) expect(batch.lastOffset).toBeLessThan(log.logEndOffset);
              break;
            }
            case "moveStart": {
              const highWatermark = log.logStartOffset + (op.seed % highWatermarkRange);
              log.maybeIncrementLogStartOffset(highWatermark, highWatermark);
              expect(log.logStartOffset).toBe(highWatermark);
              break;
            }
            case "retain": {
              nowMs += op.clockStep;
              const highWatermark = log.logStartOffset + (op.seed % highWatermarkRange);
              const endBefore = log.logEndOffset;
              const result = log.deleteOldSegments(nowMs, highWatermark);
              expect(log.logStartOffset).toBeLessThanOrEqual(highWatermark);
              expect(log.logEndOffset).toBe(endBefore);
              for (const deletion of result.deleted) expect(deletion.lastOffset).toBeLessThan(highWatermark);
              expect(result.logStartOffset).toBe(log.logStartOffset);
              break;
            }
          }
          checkSegmentInvariants(log);
          // The epoch cache never refers to offsets beyond the log end.
          for (const entry of log.leaderEpochCache.epochEntries()) expect(entry.startOffset).toBeLessThanOrEqual(log.logEndOffset);
        }
        checkLookups(log);
      }),
      { numRuns: 150 },
    );
  });
});
