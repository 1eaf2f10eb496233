import { Simulation } from "../../../engine/kernel/simulation.js";
import { BufferPool } from "../../../engine/producer/buffer-pool.js";
import { ProduceFuture } from "../../../engine/producer/produce-future.js";
import type { ProducerBatch } from "../../../engine/producer/producer-batch.js";
import { ProducerMetadata } from "../../../engine/producer/producer-metadata.js";
import { RecordAccumulator, type AccumulatorConfig, type AppendHost, type AppendRequest, type RecordAppendResult } from "../../../engine/producer/record-accumulator.js";
import { estimateSizeInBytesUpperBound } from "../../../engine/producer/record-size.js";
import type { ProducerException } from "../../../engine/producer/errors.js";
import type { TransactionManager } from "../../../engine/producer/transaction-manager.js";

/** Metadata for topic "t": partition p led by leaders[p]. */
export function metadataWith(leaders: (number | null)[], topic = "t"): ProducerMetadata {
  const metadata = new ProducerMetadata([1, 2, 3], 300_000, 100);
  metadata.add(topic);
  metadata.update(
    { brokers: [1, 2, 3], topics: [{ topic, error: "NONE", partitions: leaders.map((leader, partition) => ({ partition, leader, leaderEpoch: 0 })) }] },
    0,
  );
  return metadata;
}

export interface AccumulatorHarness {
  sim: Simulation;
  pool: BufferPool;
  accumulator: RecordAccumulator;
  metadata: ProducerMetadata;
  /** Every batch state change, "id:state". */
  transitions: string[];
  /** Appends a record of `valueBytes` to partition `partition` (-1: sticky). */
  append(partition: number, valueBytes?: number, maxBlockMs?: number): { result: RecordAppendResult | null; future: ProduceFuture; unblocked: (RecordAppendResult | ProducerException)[] };
}

let sendNumber = 0;

export function accumulatorHarness(config: Partial<AccumulatorConfig> & { bufferMemory?: number } = {}, tm: TransactionManager | null = null, leaders: (number | null)[] = [1, 2, 3]): AccumulatorHarness {
  const sim = new Simulation();
  const batchSize = config.batchSize ?? 1024;
  const pool = new BufferPool(config.bufferMemory ?? 64 * 1024, batchSize, sim);
  const transitions: string[] = [];
  let n = 0;
  const accumulator = new RecordAccumulator(
    "p",
    { batchSize, lingerMs: config.lingerMs ?? 10, deliveryTimeoutMs: config.deliveryTimeoutMs ?? 120_000, enableAdaptivePartitioning: config.enableAdaptivePartitioning ?? false },
    pool,
    tm,
    () => n++,
    (batch, state) => transitions.push(`${batch.id}:${state}`),
  );
  const metadata = metadataWith(leaders);
  const append: AccumulatorHarness["append"] = (partition, valueBytes = 100, maxBlockMs = 1_000) => {
    const future = new ProduceFuture("p", sendNumber++, sim.nowMs);
    const value = "v".repeat(valueBytes);
    const unblocked: (RecordAppendResult | ProducerException)[] = [];
    const host: AppendHost = { nowMs: () => sim.nowMs, appendUnblocked: (_c, outcome) => unblocked.push(outcome) };
    const request: AppendRequest = {
      topic: "t",
      partition,
      record: { key: null, value, timestamp: sim.nowMs, id: future.id },
      keyLength: -1,
      valueLength: valueBytes,
      headersSize: 1,
      sizeUpperBound: estimateSizeInBytesUpperBound(-1, valueBytes, 1),
      future,
      sendNumber: future.sendNumber,
      sendMs: future.sendMs,
    };
    const result = accumulator.append(request, maxBlockMs, sim.nowMs, metadata, host, null);
    return { result: result && { ...result }, future, unblocked };
  };
  return { sim, pool, accumulator, metadata, transitions, append };
}

export function ids(batches: readonly ProducerBatch[]): string[] {
  return batches.map((b) => b.id);
}

import { Cluster } from "../../../engine/cluster/cluster.js";
import { KafkaProducer, type KafkaProducerOptions } from "../../../engine/producer/kafka-producer.js";
import type { TraceEvent, TraceEventOf } from "../../../engine/kernel/trace.js";

/** Three brokers, topic "orders" with partition p led by broker p+1, running with a controller and metadata. */
export function runningCluster(options: { seed?: number; topicConfig?: Record<string, unknown>; partitions?: number } = {}): Cluster {
  const cluster = new Cluster({ seed: options.seed ?? 1, brokers: 3, brokerConfig: { "min.insync.replicas": 2, "replica.lag.time.max.ms": 2_000 } });
  const assignment = [[1, 2, 3], [2, 3, 1], [3, 1, 2]].slice(0, options.partitions ?? 3);
  cluster.seedTopic({ name: "orders", partitions: assignment.length, replicationFactor: 3, assignment, config: options.topicConfig ?? {} });
  cluster.start();
  cluster.runUntil(1_000);
  return cluster;
}

export function producerOn(cluster: Cluster, config: Record<string, unknown> = {}, options: KafkaProducerOptions = {}, clientId = "producer-0"): KafkaProducer {
  return new KafkaProducer(cluster, clientId, config, options);
}

export function eventsOf<K extends TraceEvent["type"]>(cluster: Cluster, type: K): TraceEventOf<K>[] {
  return cluster.trace.events.filter((e): e is TraceEventOf<K> => e.type === type);
}
