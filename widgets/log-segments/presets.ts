import type { ScenarioInput } from "../../engine/index";

/**
 * Starting scenarios of <kl-log-segments>, by the `preset` name the chapter uses. The scenario's
 * `name` is the widget's mode, so a shared URL reopens the same tab.
 *
 * Why these sizes: Kafka 4 refuses segment.bytes below 1 MiB (KIP-1030) and the config table
 * follows it, so several segments need a few MiB of records; every byte of a record value is
 * counted (UTF-8 length) when the engine sizes a batch, which is what a run costs. One broker
 * with one replica keeps the run near the 16 ms budget of a knob change.
 */

/**
 * "lookup": 2,100 records of about 1 KB in batches of ten fill two 1 MiB segments and start a
 * third (base offsets 0, 1030 and 2060), so offset 1500 lies in the middle segment.
 * index.interval.bytes 32768 puts an index entry every fourth batch or so: sparse enough that
 * the scan is visible, dense enough that it stays short.
 */
const lookup = {
  version: 1,
  name: "lookup",
  description: "One broker's directory for partition orders-0: three segments named by base offset, each with its sparse offset index.",
  seed: 11,
  durationMs: 25_000,
  trace: "summary",
  cluster: { brokers: 1 },
  topics: [{ name: "orders", partitions: 1, replicationFactor: 1, config: { "segment.bytes": 1_048_576, "index.interval.bytes": 32_768 } }],
  workload: [{ type: "produce", client: "producer-0", topic: "orders", count: 2_100, intervalMs: 100, recordsPerRequest: 10, valueBytes: 1_000, acks: "1" }],
} satisfies ScenarioInput;

/**
 * "retention": records arrive for 100 s and segments roll every 20 s (segment.ms), so the log
 * has five closed segments and an active one; retention.ms is 60 s and the cleaner looks every
 * 5 s, so from about 80 s the oldest segments go one at a time and the log start offset jumps
 * from base offset to base offset. retention.bytes starts at 1.5 MiB, above the partition's
 * size (about 0.7 MB), so only time deletes until the reader lowers it.
 */
const retention = {
  version: 1,
  name: "retention",
  description: "Retention deletes whole segments of orders-0, oldest first, by age (retention.ms) or by size (retention.bytes).",
  seed: 11,
  durationMs: 180_000,
  trace: "summary",
  cluster: { brokers: 1, config: { "log.retention.check.interval.ms": 5_000 } },
  topics: [
    {
      name: "orders",
      partitions: 1,
      replicationFactor: 1,
      // segment.bytes at Kafka 4's minimum, so the bars show how far from full a time-rolled segment is.
      config: { "segment.bytes": 1_048_576, "segment.ms": 20_000, "index.interval.bytes": 16_384, "retention.ms": 60_000, "retention.bytes": 1_572_864 },
    },
  ],
  workload: [{ type: "produce", client: "producer-0", topic: "orders", count: 2_100, intervalMs: 480, recordsPerRequest: 10, valueBytes: 300, acks: "1" }],
} satisfies ScenarioInput;

export interface Preset {
  scenario: ScenarioInput;
  /** Where the player starts, and the moment the static first frame shows. */
  startMs: number;
}

export const LOG_SEGMENTS_PRESETS = {
  // After the last record: the whole directory is there to look offsets up in.
  lookup: { scenario: lookup, startMs: 22_000 },
  // Four closed segments and an active one, a few seconds before the cleaner deletes the oldest.
  retention: { scenario: retention, startMs: 75_000 },
} satisfies Record<string, Preset>;

export type LogSegmentsPreset = keyof typeof LOG_SEGMENTS_PRESETS;
export type LogSegmentsMode = LogSegmentsPreset;

/** The named preset, or an error naming the allowed ones. */
export function logSegmentsPreset(name: string): Preset {
  const preset = (LOG_SEGMENTS_PRESETS as Record<string, Preset>)[name];
  if (preset === undefined) {
    throw new Error(`log-segments: unknown preset "${name}"; allowed: ${Object.keys(LOG_SEGMENTS_PRESETS).join(", ")}`);
  }
  return preset;
}

/** The widget's mode for a scenario: its name when that names a mode, else "lookup". */
export function modeOf(scenario: { name?: string | undefined }): LogSegmentsMode {
  return scenario.name === "retention" ? "retention" : "lookup";
}
