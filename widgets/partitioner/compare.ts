import { runScenario, type ScenarioInput } from "../../engine/index";
import { producerFigures } from "./producer-figures";
import { t } from "../../content/i18n/t";

/**
 * Part two of the partitioner widget: the same keyless load sent with each of Kafka's ways of
 * spreading keyless records, run by the engine, and what each does to batching.
 */

/** The load the reader chooses: how long a batch may wait, and how fast records arrive. */
export interface CompareKnobs {
  /** linger.ms of every producer in the comparison. */
  lingerMs: number;
  /** Keyless records per second the application sends. */
  recordsPerSecond: number;
}

/** linger.ms choices of the slider. */
export const LINGER_RANGE = { min: 0, max: 100, step: 1 } as const;
/**
 * Send rates offered. The workload sends one record every 1000 / rate ms, and the scenario's
 * intervals are whole milliseconds, so rates are divisors of 1000.
 */
export const RATES = [50, 100, 200, 500, 1000] as const;

/** 1000 records per second with linger.ms=20: sticky batches fill, round robin's stay small. */
export const DEFAULT_COMPARE: CompareKnobs = { lingerMs: 20, recordsPerSecond: 1000 };

export function checkCompareKnobs(knobs: { lingerMs: unknown; recordsPerSecond: unknown }): asserts knobs is CompareKnobs {
  const { lingerMs, recordsPerSecond } = knobs;
  if (typeof lingerMs !== "number" || !Number.isInteger(lingerMs) || lingerMs < LINGER_RANGE.min || lingerMs > LINGER_RANGE.max) {
    throw new RangeError(t("partitioner.error.linger", { value: String(lingerMs), min: LINGER_RANGE.min, max: LINGER_RANGE.max }));
  }
  if (typeof recordsPerSecond !== "number" || !(RATES as readonly number[]).includes(recordsPerSecond)) {
    throw new RangeError(t("partitioner.error.rate", { value: String(recordsPerSecond), allowed: RATES.join(", ") }));
  }
}

/** The three ways a producer can spread keyless records that the widget compares. */
export type PartitionerChoice = "built-in" | "round-robin" | "uniform-sticky";
export const PARTITIONER_CHOICES: readonly PartitionerChoice[] = ["built-in", "round-robin", "uniform-sticky"];

/** The partitioner's name as the charts and the table print it. */
export function choiceLabel(choice: PartitionerChoice): string {
  return t(`partitioner.choice.${choice}`);
}

/** The producer configs that select each one (Kafka's class names; unset means the built-in). */
export function partitionerConfig(choice: PartitionerChoice): Record<string, string> {
  switch (choice) {
    case "built-in":
      return {};
    case "round-robin":
      return { "partitioner.class": "org.apache.kafka.clients.producer.RoundRobinPartitioner" };
    case "uniform-sticky":
      return { "partitioner.class": "org.apache.kafka.clients.producer.UniformStickyPartitioner" };
  }
}

/**
 * Records each run sends: enough for a few dozen batches per partitioner, few enough to keep
 * three runs quick.
 * Simplification: 120 records at 100 bytes never reach batch.size (16 KiB), so the built-in
 * partitioner's switch after batch.size bytes does not show here; its batches end at linger.ms.
 */
export const COMPARE_RECORDS = 120;
export const COMPARE_TOPIC = "clicks";
export const COMPARE_PARTITIONS = 6;

/**
 * One run of the comparison: 3 brokers, a 6-partition topic, one producer sending
 * COMPARE_RECORDS keyless 100-byte records at the chosen rate with the chosen linger.ms.
 * Same seed for all three, so the only difference is the partitioner.
 */
export function compareScenario(choice: PartitionerChoice, knobs: CompareKnobs): ScenarioInput {
  checkCompareKnobs(knobs);
  const intervalMs = 1000 / knobs.recordsPerSecond;
  const sendMs = COMPARE_RECORDS * intervalMs;
  return {
    version: 1,
    name: `partitioner comparison: ${choice}`,
    seed: 11,
    // The sends, plus time for the last batch to linger, travel and be acknowledged.
    durationMs: sendMs + knobs.lingerMs + 600,
    trace: "full",
    cluster: { brokers: 3 },
    topics: [{ name: COMPARE_TOPIC, partitions: COMPARE_PARTITIONS, replicationFactor: 1 }],
    workload: [
      {
        type: "producer",
        client: "producer-0",
        topic: COMPARE_TOPIC,
        startMs: 0,
        count: COMPARE_RECORDS,
        intervalMs,
        keys: null,
        valueBytes: 100,
        mode: "async",
        config: { "linger.ms": knobs.lingerMs, ...partitionerConfig(choice) },
      },
    ],
  };
}

/** What the comparison shows for one partitioner. */
export interface CompareRow {
  choice: PartitionerChoice;
  /** Produce requests the producer sent. */
  requests: number;
  /** Batches those requests carried. */
  batches: number;
  batchesPerRequest: number;
  recordsPerBatch: number;
  /** send() to acknowledgement, per record, in simulated ms. */
  latencyP50Ms: number;
  latencyP99Ms: number;
  acked: number;
}

/** Runs the three partitioners on the same load. */
export function runComparison(knobs: CompareKnobs): CompareRow[] {
  return PARTITIONER_CHOICES.map((choice) => {
    const figures = producerFigures(runScenario(compareScenario(choice, knobs)).trace);
    return {
      choice,
      requests: figures.requests,
      batches: figures.batches,
      batchesPerRequest: figures.batchesPerRequest,
      recordsPerBatch: figures.recordsPerBatch,
      latencyP50Ms: figures.latencyP50Ms,
      latencyP99Ms: figures.latencyP99Ms,
      acked: figures.acked,
    };
  });
}
