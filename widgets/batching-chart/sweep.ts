import { runScenario, type ScenarioInput } from "../../engine/index";
import { t } from "../../content/i18n/t";
import { producerFigures } from "../partitioner/producer-figures";
import { steadyLoadScenario, steadyRecords } from "../partitioner/steady-load";

/**
 * The batching chart's data: the engine runs the same steady producer load once for every pair
 * of batch.size and linger.ms on a grid, and each run's trace is folded into records per request
 * and latency over a measuring window. Nothing here is drawn by hand: change the engine and the
 * curves change.
 *
 * Why these figures and not throughput: the engine has no per-request cost on the broker and no
 * bandwidth limit, and at these rates every run keeps up, so records acknowledged per second equal
 * the send rate at every point. What linger.ms and batch.size change is how many requests carry
 * those records (the fixed per-request cost Kafka pays on both ends) and how long each record waits.
 */

/** batch.size values, 1 KiB to 256 KiB, doubling (the chart's x axis is logarithmic). */
export const BATCH_SIZES = [1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144] as const;
/** One line per linger.ms. */
export const LINGERS = [0, 5, 20, 100] as const;

/** The load the reader chooses. */
export interface SweepKnobs {
  /** Records per second the application calls send() with, one every 1000 / rate ms. */
  recordsPerSecond: number;
  /** Value bytes per record (keys are null). */
  valueBytes: number;
}

/**
 * Send rates offered, in records per second: divisors of 1000, so the workload's interval is a
 * whole number of ms. No "all at once" backlog: a backlog short enough to simulate quickly ends
 * before batches of 256 KiB fill even once, so its last, lingering batch would decide the figures.
 */
export const SWEEP_RATES = [100, 200, 500, 1000] as const;
export const VALUE_SIZES = [100, 1000, 10000] as const;
/** 500 records of 1000 bytes per second: linger.ms fills batches, and small batch.size values fill before it. */
export const DEFAULT_SWEEP: SweepKnobs = { recordsPerSecond: 500, valueBytes: 1000 };

/**
 * Each run sends at a steady rate for SEND_MS, and the figures count only the window
 * [MEASURE_FROM_MS, MEASURE_TO_MS): produce requests sent in it and records whose send() was
 * called in it. The warm-up before it covers the first metadata fetch (records pile up meanwhile)
 * and the first linger.ms of 100 ms; the stretch after it keeps records coming, so no batch sent
 * in the window is cut short by the end of the sends (a batch opened in the window is ready by
 * MEASURE_TO_MS + linger.ms at the latest, and sends go on until SEND_MS).
 * Simplification: a real producer runs for hours; half a second of steady sending is enough for
 * batches of up to 100 ms to repeat several times, and keeps a sweep of 36 runs quick.
 */
export const SEND_MS = 500;
export const MEASURE_FROM_MS = 150;
export const MEASURE_TO_MS = 450;
export const SWEEP_TOPIC = "events";
export const SWEEP_PARTITIONS = 3;

/** Records one run sends at this rate. */
export function sweepRecords(recordsPerSecond: number): number {
  return steadyRecords(SEND_MS, recordsPerSecond);
}

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
 * One run: 3 brokers, a 3-partition topic, one producer sending keyless records at the chosen
 * rate for SEND_MS, with this point's batch.size and linger.ms and Kafka's defaults otherwise.
 * The same seed for every point, so the points differ only by the two configs.
 */
export function sweepScenario(point: GridPoint, knobs: SweepKnobs): ScenarioInput {
  checkSweepKnobs(knobs);
  return steadyLoadScenario({
    name: `batching sweep: batch.size=${point.batchSize} linger.ms=${point.lingerMs}`,
    seed: 3,
    topic: SWEEP_TOPIC,
    partitions: SWEEP_PARTITIONS,
    sendMs: SEND_MS,
    recordsPerSecond: knobs.recordsPerSecond,
    valueBytes: knobs.valueBytes,
    lingerMs: point.lingerMs,
    config: { "batch.size": point.batchSize, "linger.ms": point.lingerMs },
  });
}

/** What the chart plots for one grid point, all counted over the measuring window. */
export interface SweepPoint extends GridPoint {
  /** Records per produce request: how much work each request does. */
  recordsPerRequest: number;
  /** Produce requests per simulated second. */
  requestsPerSecond: number;
  recordsPerBatch: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** The slowest record of the window: far above linger.ms would mean the producer fell behind. */
  latencyMaxMs: number;
  /** Records sent in the window and acknowledged. */
  ackedInWindow: number;
  /** Records acknowledged in the whole run. */
  acked: number;
}

export function runSweepPoint(point: GridPoint, knobs: SweepKnobs): SweepPoint {
  const figures = producerFigures(runScenario(sweepScenario(point, knobs)).trace, "producer-0", { fromMs: MEASURE_FROM_MS, toMs: MEASURE_TO_MS });
  return {
    ...point,
    recordsPerRequest: figures.recordsPerRequest,
    requestsPerSecond: figures.requestsPerSecond,
    recordsPerBatch: figures.recordsPerBatch,
    latencyP50Ms: figures.latencyP50Ms,
    latencyP99Ms: figures.latencyP99Ms,
    latencyMaxMs: figures.latencyMaxMs,
    ackedInWindow: figures.ackedInWindow,
    acked: figures.acked,
  };
}

/** The whole sweep at once (the build's static table and the tests); the element runs it in slices. */
export function runSweep(knobs: SweepKnobs): SweepPoint[] {
  return sweepGrid().map((point) => runSweepPoint(point, knobs));
}
