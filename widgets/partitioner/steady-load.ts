import type { ScenarioInput } from "../../engine/index";

/**
 * A steady keyless producer load, the scene both the partitioner comparison (compare.ts) and
 * the batching chart (widgets/batching-chart/sweep.ts) run: 3 brokers, one topic with
 * replication factor 1, and one producer, "producer-0", calling send() at a fixed rate from
 * t = 0 for `sendMs`, asynchronously, with null keys. What differs between them is the topic,
 * the record size and the producer configs under study.
 */
export interface SteadyLoad {
  name: string;
  seed: number;
  topic: string;
  partitions: number;
  /** How long the producer sends, in simulated ms. */
  sendMs: number;
  /** A divisor of 1000, so the workload's interval is a whole number of ms. */
  recordsPerSecond: number;
  valueBytes: number;
  /** The producer's linger.ms (also in `config`): the run lasts long enough for the last batch to wait it out. */
  lingerMs: number;
  /** The producer's configs, by Kafka's names. */
  config: Record<string, string | number>;
}

/** Records the producer sends in `sendMs` at this rate. */
export function steadyRecords(sendMs: number, recordsPerSecond: number): number {
  return (sendMs * recordsPerSecond) / 1000;
}

export function steadyLoadScenario(load: SteadyLoad): ScenarioInput {
  return {
    version: 1,
    name: load.name,
    seed: load.seed,
    // The sends, then time for the last batches to linger, travel and be acknowledged; no
    // longer, because every simulated ms of an idle producer still costs the engine some work.
    durationMs: load.sendMs + load.lingerMs + 200,
    trace: "full",
    cluster: { brokers: 3 },
    topics: [{ name: load.topic, partitions: load.partitions, replicationFactor: 1 }],
    workload: [
      {
        type: "producer",
        client: "producer-0",
        topic: load.topic,
        startMs: 0,
        count: steadyRecords(load.sendMs, load.recordsPerSecond),
        intervalMs: 1000 / load.recordsPerSecond,
        keys: null,
        valueBytes: load.valueBytes,
        mode: "async",
        config: load.config,
      },
    ],
  };
}
