/**
 * kafka-lab/engine: a deterministic simulation of an Apache Kafka cluster, its producers
 * and its consumers. Same scenario and seed, same trace. No DOM, no real time, no real
 * randomness: it runs the same in Node and in a browser.
 */

// Scenarios: the contract between engine, widgets, exercises, URLs and tests.
export { runScenario, buildCluster, serializeTrace, type RunResult, type RunOptions } from "./scenario/run.js";
export { parseScenario, ScenarioValidationError, type ScenarioIssue } from "./scenario/validate.js";
export { scenarioSchema, SCENARIO_VERSION, type Scenario, type ScenarioInput, type Fault, type WorkloadSpec, type AdminOp } from "./scenario/schema.js";
export { summarize, type RunStats } from "./scenario/stats.js";

// The trace and its checkers.
export type { TraceEvent, TraceEventType, TraceEventOf, TraceLevel, BrokerId } from "./kernel/trace.js";
export { checkDelivery, type DeliveryVerdict, type LostRecord, type DuplicatedRecord, type ReorderedRecord, type LossCause } from "./checker/delivery.js";

// The cluster, for scripting beyond scenarios.
export { Cluster, type ClusterOptions, type TopicSpec } from "./cluster/cluster.js";
export { KafkaError, exceptionNames, type KafkaErrorName } from "./cluster/errors.js";
export { logConfigFromTopicConfig } from "./cluster/topic-log-config.js";
export { offlinePartitionLeaderElection, assignReplicasToBrokers } from "./cluster/controller/leader-election.js";
export { Log, LeaderEpochCache, LogSegment, assignOffsets, recordSizeInBytes, batchSizeInBytes, segmentFileName, type RecordBatch, type SimRecord, type OffsetLookup } from "./cluster/log/index.js";

// Kafka's configs, with Kafka 4 defaults.
export * from "./config/index.js";

// The kernel, for writing new components.
export { Simulation, type Timer } from "./kernel/simulation.js";
export { prngFor, randomInt, randomUnit, chance, type Prng } from "./kernel/prng.js";

// Producer partitioning (murmur2 exactly as Kafka's).
export { murmur2, toPositive, partitionForKey, utf8 } from "./producer/partitioner/index.js";
export * as partitioners from "./producer/partitioner/index.js";

// Consumer partition assignors (exactly as Kafka's).
export * from "./consumer/assignors/index.js";

// Broker-side idempotence: each partition's producer state and the producer id blocks.
export {
  BatchMetadata,
  NUM_BATCHES_TO_RETAIN,
  ProducerAppendInfo,
  ProducerStateEntry,
  ProducerStateManager,
  PRODUCER_ID_BLOCK_PATH,
  PRODUCER_ID_BLOCK_SIZE,
  ZkProducerIdManager,
  type AppendOrigin,
  type ProducerIdsBlock,
} from "./cluster/producer-state/index.js";
export type { InitProducerIdResponse } from "./cluster/broker.js";
export type { Acks, ProduceResponse } from "./cluster/replica-manager.js";
export { isRetriable, retriableErrors } from "./cluster/errors.js";
