import { runScenario, type ScenarioInput } from "../../engine/index";
import { t } from "../../content/i18n/t";
import { producerFigures } from "../partitioner/producer-figures";

/**
 * The batching chart's data: the engine runs the same producer load once for every pair of
 * batch.size and linger.ms on a grid, and each run's trace is folded into throughput and
 * latency. Nothing here is drawn by hand: change the engine and the curves change.
 */

/** batch.size values, 1 KiB to 256 KiB, doubling (the chart's x axis is logarithmic). */
export const BATCH_SIZES = [1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144] as const;
/** One line per linger.ms. */
export const LINGERS = [0, 5, 20, 100] as const;

/** The load the reader chooses. */
export interface SweepKnobs {
  /** Records per second the application calls send() with; ALL_AT_ONCE (0) for a backlog sent at once. */
  recordsPerSecond: number;
  /** Value bytes per record (keys are null). */
  valueBytes: number;
}

/** The send rate that means "all at once": every send() as soon as the last one returns (intervalMs 0). */
export const ALL_AT_ONCE = 0;
/**
 * Send rates offered, in records per second: divisors of 1000, so the workload's interval is a
 * whole number of ms, and ALL_AT_ONCE, a backlog the producer drains as fast as it can.
 */
export const SWEEP_RATES = [100, 500, 1000, ALL_AT_ONCE] as const;
export const VALUE_SIZES = [100, 1000, 10000] as const;
/** A backlog of 1000-byte records: the load where batch.size sets the pace. */
export const DEFAULT_SWEEP: SweepKnobs = { recordsPerSecond: ALL_AT_ONCE, valueBytes: 1000 };

/**
 * Records each run sends: enough to fill 16 KiB batches many times over, few enough to keep the
 * 36 runs of a sweep within a few hundred ms.
 * Simplification: a real producer runs for hours; here the last, partly filled batch of each run
 * waits out its linger.ms, which weighs on a short run's throughput more than on a long one's.
 */
export const SWEEP_RECORDS = 100;
export const SWEEP_TOPIC = "events";
export const SWEEP_PARTITIONS = 3;

export function checkSweepKnobs(knobs: { recordsPerSecond: unknown; valueBytes: unknown }): asserts knobs is SweepKnobs {
  if (!(SWEEP_RATES as readonly unknown[]).includes(knobs.recordsPerSecond)) {
    throw new RangeError(t("batchingChart.error.rate", { value: String(knobs.recordsPerSecond), allowed: SWEEP_RATES.join(", ") }));
  }
  if (!(VALUE_SIZES as readonly unknown[]).includes(knobs.valueBytes)) {
    throw new RangeError(t("batchingChart.error.valueBytes", { value: String(knobs.valueBytes), allowed: VALUE_SIZES.join(", ") }));
  }
}

export interface GridPoint {
  batchSize: number;
  lingerMs: number;
}

/** The grid in the order the sweep runs it: line by line (linger.ms), left to right (batch.size). */
export function sweepGrid(): GridPoint[] {
  return LINGERS.flatMap((lingerMs) => BATCH_SIZES.map((batchSize) => ({ batchSize, lingerMs })));
}

/**
 * One run: 3 brokers, a 3-partition topic, one producer sending SWEEP_RECORDS keyless records at
 * the chosen rate, with this point's batch.size and linger.ms and Kafka's defaults otherwise.
 * The same seed for every point, so the points differ only by the two configs.
 */
export function sweepScenario(point: GridPoint, knobs: SweepKnobs): ScenarioInput {
  checkSweepKnobs(knobs);
  const intervalMs = knobs.recordsPerSecond === ALL_AT_ONCE ? 0 : 1000 / knobs.recordsPerSecond;
  return {
    version: 1,
    name: `batching sweep: batch.size=${point.batchSize} linger.ms=${point.lingerMs}`,
    seed: 3,
    // The sends, the last linger, and time for the first metadata and the last acknowledgements;
    // no longer, because every simulated ms of an idle producer still costs the engine some work.
    durationMs: SWEEP_RECORDS * intervalMs + point.lingerMs + 600,
    trace: "full",
    cluster: { brokers: 3 },
    topics: [{ name: SWEEP_TOPIC, partitions: SWEEP_PARTITIONS, replicationFactor: 1 }],
    workload: [
      {
        type: "producer",
        client: "producer-0",
        topic: SWEEP_TOPIC,
        startMs: 0,
        count: SWEEP_RECORDS,
        intervalMs,
        keys: null,
        valueBytes: knobs.valueBytes,
        mode: "async",
        config: { "batch.size": point.batchSize, "linger.ms": point.lingerMs },
      },
    ],
  };
}

/** What the chart plots for one grid point. */
export interface SweepPoint extends GridPoint {
  /** Records acknowledged per simulated second, from the first send() to the last acknowledgement. */
  throughput: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  recordsPerBatch: number;
  batchesPerRequest: number;
  acked: number;
}

export function runSweepPoint(point: GridPoint, knobs: SweepKnobs): SweepPoint {
  const figures = producerFigures(runScenario(sweepScenario(point, knobs)).trace);
  return {
    ...point,
    throughput: figures.ackedPerSecond,
    latencyP50Ms: figures.latencyP50Ms,
    latencyP99Ms: figures.latencyP99Ms,
    recordsPerBatch: figures.recordsPerBatch,
    batchesPerRequest: figures.batchesPerRequest,
    acked: figures.acked,
  };
}

/** The whole sweep at once (the build's static table and the tests); the element runs it in slices. */
export function runSweep(knobs: SweepKnobs): SweepPoint[] {
  return sweepGrid().map((point) => runSweepPoint(point, knobs));
}
