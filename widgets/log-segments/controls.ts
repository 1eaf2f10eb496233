import type { KnobSpec } from "../kit/knobs";
import type { LogSegmentsMode } from "./presets";

/**
 * The log-segments knobs, per tab. All are topic configs of the partition shown, written into the
 * scenario (the whole run is simulated again: a config that shapes segments shapes them from the
 * first record). The engine reads a topic's log config when the partition is created, so a change
 * in the middle of a run would not reach the log; re-running from t = 0 is also what the picture
 * needs.
 */

function topicKnob(key: "segment.bytes" | "index.interval.bytes" | "retention.ms" | "retention.bytes", labelKey: KnobSpec["labelKey"], range?: KnobSpec["range"]): KnobSpec {
  return { id: key, scope: "topic", key, path: ["topics", 0, "config", key], labelKey, range };
}

/**
 * segment.bytes from 256 KiB to 4 MiB: the lookup scenario writes about 2 MiB, so the range goes
 * from nine segments to one. (Kafka 4's own minimum is 1 MiB, KIP-1030; the simulator allows
 * smaller segments so that lowering the knob shows more of them.) The table's knob runs to 1 GiB.
 */
export const segmentBytesKnob = topicKnob("segment.bytes", "knob.segment.bytes", { min: 262_144, max: 4_194_304, step: 262_144 });

/** index.interval.bytes over the config table's knob range (256 B to 64 KiB). */
export const indexIntervalKnob = topicKnob("index.interval.bytes", "knob.index.interval.bytes");

/** retention.ms from 1 minute (the table's knob minimum) to 4 minutes: the retention run lasts 3. */
export const retentionMsKnob = topicKnob("retention.ms", "knob.retention.ms", { min: 60_000, max: 240_000, step: 5_000 });

/**
 * retention.bytes from 64 KiB to 1.5 MiB. The table's knob starts at 1 MiB, sized for real
 * partitions; this one holds about 0.65 MB, so the slider reaches below it (Kafka accepts any
 * value; the config has no minimum).
 */
export const retentionBytesKnob = topicKnob("retention.bytes", "knob.retention.bytes", { min: 65_536, max: 1_572_864, step: 16_384 });

export function knobsFor(mode: LogSegmentsMode): KnobSpec[] {
  return mode === "retention" ? [retentionMsKnob, retentionBytesKnob] : [segmentBytesKnob, indexIntervalKnob];
}

/** Simulated ms per real second at 1x: the lookup run is 25 s long, the retention run 3 minutes. */
export function msPerSecondFor(mode: LogSegmentsMode): number {
  return mode === "retention" ? 15_000 : 4_000;
}
