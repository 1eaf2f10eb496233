import { runScenario, type ScenarioInput } from "../../engine/index";
import { producerFigures } from "./producer-figures";
import { steadyLoadScenario, steadyRecords } from "./steady-load";
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

/**
 * 1000 records per second with linger.ms=20: a sticky partition gets every record and fills a
 * 16 KiB batch in about 15 ms, while round robin gives each of 12 partitions under 2 records per
 * 20 ms, so it sends several times more, smaller batches (engine: 11.4 and 16 records per batch
 * against 1.8). Raise linger.ms to 50 and round robin's batches also wait it out: its median
 * latency doubles while the sticky ones still leave full after about 15 ms.
 */
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

/**
 * The producer configs that select each one (Kafka's class names; unset means the built-in).
 *
 * Note on the engine (engine/producer/kafka-producer.ts): its KafkaProducer, like Kafka 4's, never
 * calls Partitioner.onNewBatch, so UniformStickyPartitioner (a Kafka 2.4 to 3.x class) never leaves
 * the partition it first picks; in Kafka 3.x it moves on at every new batch. Its figures here still
 * match Kafka 3.x's where its batches fill before linger.ms (each batch is full either way), but all
 * its records land in one partition, which the comparison does not chart.
 */
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
 * The load: each run sends keyless records at the chosen rate for COMPARE_SEND_MS, and the figures
 * count only the window [COMPARE_FROM_MS, COMPARE_TO_MS) (requests sent in it, records sent in
 * it): the first metadata fetch, when records pile up, and the last, partly filled batches, which
 * wait out linger.ms because no more records come, say nothing about the partitioners.
 *
 * The shape is chosen so the difference shows: 1000-byte records and Kafka's default batch.size
 * (16 KiB, about 15 of these records), so a sticky partition fills a batch in 15 ms at 1000
 * records per second, while round robin gives each of 12 partitions a twelfth of the records;
 * 12 partitions over 3 brokers put 4 partitions behind each broker.
 * Simplification: half a second of sending stands for a producer that runs for hours.
 */
export const COMPARE_SEND_MS = 500;
export const COMPARE_FROM_MS = 150;
export const COMPARE_TO_MS = 450;
export const COMPARE_TOPIC = "clicks";
export const COMPARE_PARTITIONS = 12;
export const COMPARE_VALUE_BYTES = 1000;
export const COMPARE_BATCH_SIZE = 16384;

/** Records one run sends at this rate. */
export function compareRecords(recordsPerSecond: number): number {
  return steadyRecords(COMPARE_SEND_MS, recordsPerSecond);
}

/**
 * One run of the comparison: 3 brokers, a COMPARE_PARTITIONS-partition topic, one producer
 * sending keyless records of COMPARE_VALUE_BYTES at the chosen rate with the chosen linger.ms.
 * Same seed for all three, so the only difference is the partitioner.
 */
export function compareScenario(choice: PartitionerChoice, knobs: CompareKnobs): ScenarioInput {
  checkCompareKnobs(knobs);
  return steadyLoadScenario({
    name: `partitioner comparison: ${choice}`,
    seed: 11,
    topic: COMPARE_TOPIC,
    partitions: COMPARE_PARTITIONS,
    sendMs: COMPARE_SEND_MS,
    recordsPerSecond: knobs.recordsPerSecond,
    valueBytes: COMPARE_VALUE_BYTES,
    lingerMs: knobs.lingerMs,
    config: { "batch.size": COMPARE_BATCH_SIZE, "linger.ms": knobs.lingerMs, ...partitionerConfig(choice) },
  });
}

/** What the comparison shows for one partitioner. */
export interface CompareRow {
  choice: PartitionerChoice;
  /** Produce requests the producer sent in the measuring window. */
  requests: number;
  /** Batches those requests carried. */
  batches: number;
  batchesPerRequest: number;
  recordsPerBatch: number;
  /** send() to acknowledgement, per record, in simulated ms. */
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Records sent in the window and acknowledged. */
  acked: number;
}

/** Runs the three partitioners on the same load. */
export function runComparison(knobs: CompareKnobs): CompareRow[] {
  return PARTITIONER_CHOICES.map((choice) => {
    const figures = producerFigures(runScenario(compareScenario(choice, knobs)).trace, "producer-0", { fromMs: COMPARE_FROM_MS, toMs: COMPARE_TO_MS });
    return {
      choice,
      requests: figures.requests,
      batches: figures.batches,
      batchesPerRequest: figures.batchesPerRequest,
      recordsPerBatch: figures.recordsPerBatch,
      latencyP50Ms: figures.latencyP50Ms,
      latencyP99Ms: figures.latencyP99Ms,
      acked: figures.ackedInWindow,
    };
  });
}

