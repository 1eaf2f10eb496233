import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildCluster, parseScenario, runScenario, type ScenarioInput, type TraceEvent } from "../../../engine/index";
import { setAtPath } from "../../../widgets/kit/fork";
import { indexIntervalKnob, knobsFor, retentionBytesKnob, retentionMsKnob, segmentBytesKnob } from "../../../widgets/log-segments/controls";
import { describeLogSegments, formatBytes } from "../../../widgets/log-segments/describe";
import { foldLogSegments, type LogSegmentsView } from "../../../widgets/log-segments/fold";
import { layoutLogSegments } from "../../../widgets/log-segments/layout";
import { describeLookupStep, floorEntryProbes, floorSegmentProbes, lookupSteps, parseOffsetInput } from "../../../widgets/log-segments/lookup";
import { LOG_SEGMENTS_PRESETS, logSegmentsPreset, modeOf } from "../../../widgets/log-segments/presets";

const lookupPreset = LOG_SEGMENTS_PRESETS.lookup;
const retentionPreset = LOG_SEGMENTS_PRESETS.retention;

function run(input: ScenarioInput) {
  const result = runScenario(input);
  return { result, at: (tMs: number): LogSegmentsView => foldLogSegments(result.trace, tMs, result.scenario) };
}

const lookupEnd = run(lookupPreset.scenario).at(lookupPreset.scenario.durationMs);

describe("log-segments presets", () => {
  it("both presets are valid scenarios whose name is the tab they open, and an unknown name is refused", () => {
    for (const [name, { scenario }] of Object.entries(LOG_SEGMENTS_PRESETS)) {
      expect(() => parseScenario(scenario)).not.toThrow();
      expect(modeOf(scenario)).toBe(name);
    }
    expect(() => logSegmentsPreset("compaction")).toThrow(/unknown preset "compaction"; allowed: lookup, retention/);
  });

  it("B-STORAGE: the lookup directory has three segments named by base offset 0, 1030 and 2060, and offset 1500 is in it", () => {
    const view = run(lookupPreset.scenario).at(lookupPreset.startMs);
    expect(view.segments.map((s) => s.logFile)).toEqual(["00000000000000000000.log", "00000000000000001030.log", "00000000000000002060.log"]);
    expect(view.segments.map((s) => s.indexFile)).toEqual(["00000000000000000000.index", "00000000000000001030.index", "00000000000000002060.index"]);
    expect(view.segments.map((s) => s.active)).toEqual([false, false, true]);
    expect(view.segments.slice(0, 2).map((s) => s.rolledBy)).toEqual(["size", "size"]);
    expect(view.logStartOffset).toBe(0);
    expect(view.logEndOffset).toBe(2_100);
    expect(parseOffsetInput("1500", view)).toEqual({ ok: true, offset: 1_500 });
    for (const s of view.segments) expect(s.sizeInBytes).toBeLessThanOrEqual(view.config.segmentBytes);
  });
});

describe("log-segments fold", () => {
  it("B-STORAGE: the rebuilt directory equals the broker's real log at the end of a run: segments, sizes, index entries, offsets", () => {
    for (const { scenario } of Object.values(LOG_SEGMENTS_PRESETS)) {
      const parsed = parseScenario(scenario);
      const cluster = buildCluster(parsed);
      cluster.runUntil(parsed.durationMs);
      const view = foldLogSegments(cluster.trace.events, parsed.durationMs, parsed);
      const real = cluster.brokers.get(view.broker)!.replicaManager.partition(view.topic, view.partition)!.log;
      expect(view.segments.map((s) => s.baseOffset)).toEqual(real.segments.map((s) => s.baseOffset));
      expect(view.segments.map((s) => s.sizeInBytes)).toEqual(real.segments.map((s) => s.sizeInBytes));
      expect(view.segments.map((s) => s.index.length)).toEqual(real.segments.map((s) => s.offsetIndex.entries));
      expect([view.logStartOffset, view.logEndOffset, view.sizeInBytes]).toEqual([real.logStartOffset, real.logEndOffset, real.sizeInBytes]);
    }
  });

  it("B-STORAGE: every segment after the first starts where a log.rolled event says one did", () => {
    const { result, at } = run(lookupPreset.scenario);
    const view = at(lookupPreset.scenario.durationMs);
    const rolled = result.trace.filter((e): e is Extract<TraceEvent, { type: "log.rolled" }> => e.type === "log.rolled" && e.broker === view.broker).map((e) => e.baseOffset);
    expect(view.segments.slice(1).map((s) => s.baseOffset)).toEqual(rolled);
  });

  it("B-STORAGE: the directory grows with time: one segment early on, more as records arrive", () => {
    const { at } = run(lookupPreset.scenario);
    expect(at(500).segments).toHaveLength(1);
    expect(at(500).logEndOffset).toBeGreaterThan(0);
    expect(at(12_000).segments.length).toBe(2);
  });

  it("B-STORAGE: raising segment.bytes to 4 MiB keeps everything in one segment; lowering index.interval.bytes makes the index denser", () => {
    const big = run(setAtPath(lookupPreset.scenario, segmentBytesKnob.path, 4_194_304)).at(25_000);
    expect(big.segments).toHaveLength(1);
    const dense = run(setAtPath(lookupPreset.scenario, indexIntervalKnob.path, 256)).at(25_000);
    // A batch is about 10 KB, so with a 256-byte interval every batch after the first gets an entry.
    expect(dense.segments[0].index.length).toBe(dense.segments[0].batchCount - 1);
    expect(dense.segments[0].index.length).toBeGreaterThan(lookupEnd.segments[0].index.length * 3);
  });

  it("B-RETENTION: retention deletes whole segments oldest first, and the log start offset jumps to the next base offset, never past the HW", () => {
    const { result, at } = run(retentionPreset.scenario);
    const deletions = result.trace.filter((e): e is Extract<TraceEvent, { type: "log.segment-deleted" }> => e.type === "log.segment-deleted");
    expect(deletions.length).toBeGreaterThanOrEqual(3);
    let previousBase = -1;
    for (const d of deletions) {
      expect(d.baseOffset).toBeGreaterThan(previousBase);
      previousBase = d.baseOffset;
      const before = at(d.t - 1);
      const after = at(d.t);
      // The deleted segment was the oldest, and the new log start is a base offset that existed.
      expect(before.segments[0].baseOffset).toBe(d.baseOffset);
      expect(after.logStartOffset).toBe(d.logStartOffset);
      expect(after.logStartOffset).toBeLessThanOrEqual(after.highWatermark);
      expect(after.segments[0].baseOffset).toBe(after.logStartOffset);
    }
  });

  it("B-RETENTION: with retention.ms at 60 s the first deletion comes at the first cleaner run after the oldest segment's newest record is 60 s old", () => {
    const { at } = run(retentionPreset.scenario);
    const start = at(retentionPreset.startMs);
    expect(start.deletions).toHaveLength(0);
    const oldest = start.segments[0];
    expect(oldest.rolledBy).toBe("time");
    expect(oldest.expiresAtMs).toBe(oldest.largestTimestamp + 60_000);
    const firstDeletion = at(retentionPreset.scenario.durationMs).deletions[0];
    expect(firstDeletion.t).toBeGreaterThan(oldest.expiresAtMs!);
    expect(firstDeletion.t - oldest.expiresAtMs!).toBeLessThanOrEqual(5_000);
    expect(firstDeletion.reason).toBe("retention.ms");
  });

  it("B-RETENTION: once every segment is due, the partition still keeps an active segment, even an empty one", () => {
    const end = run(retentionPreset.scenario).at(retentionPreset.scenario.durationMs);
    expect(end.segments).toHaveLength(1);
    expect(end.segments[0].active).toBe(true);
    expect(end.segments[0].sizeInBytes).toBe(0);
    expect(end.logStartOffset).toBe(end.logEndOffset);
  });

  it("B-RETENTION exercise: retention.ms or retention.bytes alone can bring the log start offset to 1000 or more while a closed segment remains", () => {
    const byTime = run(setAtPath(retentionPreset.scenario, retentionMsKnob.path, 110_000)).at(retentionPreset.scenario.durationMs);
    const bySize = run(setAtPath(setAtPath(retentionPreset.scenario, retentionMsKnob.path, 240_000), retentionBytesKnob.path, 196_608)).at(retentionPreset.scenario.durationMs);
    for (const end of [byTime, bySize]) {
      expect(end.logStartOffset).toBeGreaterThanOrEqual(1_000);
      expect(end.segments.some((s) => !s.active && s.sizeInBytes > 0)).toBe(true);
    }
    expect(bySize.deletions.every((d) => d.reason === "retention.bytes")).toBe(true);
    // Both values lie on the sliders the retention tab offers.
    for (const [knob, value] of [
      [retentionMsKnob, 110_000],
      [retentionBytesKnob, 196_608],
    ] as const) {
      expect(value).toBeGreaterThanOrEqual(knob.range!.min);
      expect(value).toBeLessThanOrEqual(knob.range!.max);
      expect((value - knob.range!.min) % knob.range!.step).toBe(0);
    }
  });

  it("each tab offers its own knobs: segment.bytes and index.interval.bytes to look up, retention.ms and retention.bytes to retain", () => {
    expect(knobsFor("lookup").map((k) => k.key)).toEqual(["segment.bytes", "index.interval.bytes"]);
    expect(knobsFor("retention").map((k) => k.key)).toEqual(["retention.ms", "retention.bytes"]);
  });
});

describe("log-segments lookup", () => {
  it("B-STORAGE: offset 1500 is found in 00000000000000001030.log from index entry 1479 by a short forward scan", () => {
    const steps = lookupSteps(lookupEnd, 1_500);
    expect(steps.segmentFile).toBe("00000000000000001030.log");
    expect(steps.segmentProbes.map((p) => [p.baseOffset, p.atOrBelow])).toEqual([
      [1_030, true],
      [2_060, false],
    ]);
    expect(steps.indexEntry?.offset).toBe(1_479);
    expect(steps.scanFromPosition).toBe(steps.indexEntry?.position);
    expect(steps.scanned.map((b) => b.baseOffset)).toEqual([1_470, 1_480, 1_490, 1_500]);
    expect(steps.found).toEqual({ baseOffset: 1_500, lastOffset: 1_509, position: steps.scanned[3].position });
    expect(describeLookupStep(steps, 1)).toContain("finds 00000000000000001030.log");
    expect(describeLookupStep(steps, 2)).toContain(`offset 1479, whose batch starts at byte ${steps.indexEntry!.position.toLocaleString("en-US")}`);
    expect(describeLookupStep(steps, 3)).toContain("until batch 1500-1509");
  });

  it("B-STORAGE: an offset before a segment's first index entry is scanned from byte 0 of its segment", () => {
    const steps = lookupSteps(lookupEnd, 1_031);
    expect(steps.segmentBaseOffset).toBe(1_030);
    expect(steps.indexEntry).toBeNull();
    expect(steps.scanFromPosition).toBe(0);
    expect(steps.scanned[0]).toMatchObject({ baseOffset: 1_030, position: 0 });
    expect(describeLookupStep(steps, 2)).toContain("scan starts at byte 0");
  });

  it("B-STORAGE: for every offset in the log, the replayed binary searches agree with the engine's lookup and the scan ends on the batch holding it", () => {
    fc.assert(
      fc.property(fc.integer({ min: lookupEnd.logStartOffset, max: lookupEnd.logEndOffset - 1 }), (offset) => {
        const answer = lookupEnd.log.lookup(offset);
        const { position } = floorSegmentProbes(lookupEnd.segments, offset);
        expect(lookupEnd.segments[position].baseOffset).toBe(answer.segmentBaseOffset);
        const { slot } = floorEntryProbes(lookupEnd.segments[position].index, offset);
        expect(slot < 0 ? null : lookupEnd.segments[position].index[slot]).toEqual(answer.indexEntry);
        const found = lookupSteps(lookupEnd, offset).found!;
        expect(found.baseOffset).toBeLessThanOrEqual(offset);
        expect(found.lastOffset).toBeGreaterThanOrEqual(offset);
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  it("refuses an offset outside [log start offset, log end offset) and anything that is not a whole number, naming the range", () => {
    expect(parseOffsetInput("2100", lookupEnd)).toEqual({ ok: false, message: expect.stringContaining("Offset 2100 is out of range. This log holds offsets [0, 2100)") });
    expect(parseOffsetInput("-3", lookupEnd)).toEqual({ ok: false, message: expect.stringContaining('"-3" is not an offset. Enter a whole number in [0, 2100)') });
    expect(parseOffsetInput("15.5", lookupEnd).ok).toBe(false);
    expect(parseOffsetInput("", lookupEnd).ok).toBe(false);
    expect(parseOffsetInput(" 1,500 ", lookupEnd)).toEqual({ ok: true, offset: 1_500 });
    const retained = run(retentionPreset.scenario).at(130_000);
    expect(retained.logStartOffset).toBe(1_260);
    expect(parseOffsetInput("900", retained)).toEqual({ ok: false, message: expect.stringContaining("[1260, 2100): from the log start offset 1260") });
    const empty = run(retentionPreset.scenario).at(0);
    expect(parseOffsetInput("0", empty)).toEqual({ ok: false, message: expect.stringContaining("The log is empty") });
  });
});

describe("log-segments text alternative and layout", () => {
  it("describe() lists each segment file with its offsets and size, and the log's start, HW and end", () => {
    const text = describeLogSegments(lookupEnd);
    expect(text).toContain("broker 1's directory orders-0 holds 3 segment(s)");
    expect(text).toMatch(/00000000000000001030\.log: offsets 1030-2059, [\d,]+ of 1,048,576 bytes, \d+ index entries\./);
    expect(text).toContain("Log start offset 0, high watermark 2100, log end offset 2100.");
    const retention = describeLogSegments(run(retentionPreset.scenario).at(110_000));
    expect(retention).toContain("retention.ms is 60.0 s");
    expect(retention).toContain("2 segment(s) deleted so far");
  });

  it("formats sizes the way ls -lh would", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1_536)).toBe("1.5 KiB");
    expect(formatBytes(1_048_576)).toBe("1.00 MiB");
    expect(formatBytes(-1)).toBe("no limit");
  });

  it("the layout keeps every segment row and the scan strip inside the stage at phone and desktop widths", () => {
    for (const width of [343, 900]) {
      const layout = layoutLogSegments(width, 3, true);
      expect(layout.compact).toBe(width < 600);
      for (const row of layout.rows) {
        expect(row.barX + row.barW).toBeLessThanOrEqual(layout.width - layout.pad);
        expect(row.y + row.h).toBeLessThanOrEqual(layout.scan!.y);
      }
      expect(layout.scan!.y + layout.scan!.h).toBeLessThanOrEqual(layout.height);
    }
  });
});

describe("log-segments budget", () => {
  function averageMs(scenario: ScenarioInput, tMs: number): number {
    for (let i = 0; i < 5; i++) foldLogSegments(runScenario(scenario).trace, tMs, parseScenario(scenario));
    const runs = 20;
    const start = performance.now();
    for (let i = 0; i < runs; i++) {
      const result = runScenario(scenario);
      foldLogSegments(result.trace, tMs, result.scenario);
    }
    return (performance.now() - start) / runs;
  }

  it("folding a frame takes well under a millisecond or two, so scrubbing and playing stay smooth", () => {
    const { result } = run(lookupPreset.scenario);
    for (let i = 0; i < 10; i++) foldLogSegments(result.trace, 25_000, result.scenario);
    const start = performance.now();
    for (let i = 0; i < 50; i++) foldLogSegments(result.trace, 25_000, result.scenario);
    expect((performance.now() - start) / 50).toBeLessThan(4);
  });

  it("the retention preset, and it after a knob change, simulate and fold within one frame (16 ms) on average after warm-up", () => {
    for (const scenario of [retentionPreset.scenario, setAtPath(retentionPreset.scenario, retentionBytesKnob.path, 196_608)]) {
      const ms = averageMs(scenario, retentionPreset.startMs);
      expect(ms, `average ${ms.toFixed(2)} ms`).toBeLessThan(16);
    }
  });

  it("the lookup preset, and it after a knob change, simulate and fold within one frame (16 ms) on average after warm-up", () => {
    for (const scenario of [lookupPreset.scenario, setAtPath(lookupPreset.scenario, indexIntervalKnob.path, 4_096)]) {
      const ms = averageMs(scenario, lookupPreset.startMs);
      expect(ms, `average ${ms.toFixed(2)} ms`).toBeLessThan(16);
    }
  });
});
