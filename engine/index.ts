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

// Consumer groups (broker side): the classic group coordinator, __consumer_offsets, ListOffsets.
export {
  GroupCoordinator,
  ClassicGroup,
  ClassicGroupMember,
  classicGroupStateMachine,
  GROUP_METADATA_TOPIC_NAME,
  javaStringHashCode,
  javaUtilsAbs,
  partitionForGroup,
  UNKNOWN_MEMBER_ID,
  NO_GENERATION,
  type ClassicGroupStateName,
  type ClassicGroupEvent,
  type FindCoordinatorRequest,
  type FindCoordinatorResponse,
  type JoinGroupRequest,
  type JoinGroupRequestProtocol,
  type JoinGroupResponse,
  type JoinGroupResponseMember,
  type ConsumerProtocolSubscription,
  type SyncGroupRequest,
  type SyncGroupResponse,
  type HeartbeatRequest,
  type HeartbeatResponse,
  type LeaveGroupRequest,
  type LeaveGroupResponse,
  type MemberIdentity,
  type OffsetCommitRequest,
  type OffsetCommitRequestPartition,
  type OffsetCommitResponse,
  type OffsetFetchRequest,
  type OffsetFetchResponse,
  type OffsetFetchResponsePartition,
} from "./cluster/group/index.js";
export { LIST_OFFSETS_EARLIEST_TIMESTAMP, LIST_OFFSETS_LATEST_TIMESTAMP, type ListOffsetsRequest, type ListOffsetsResponse } from "./cluster/replica-manager.js";

// Share groups (Kafka 4's queues, KIP-932): share-partitions on the leaders, share-group
// membership with the SimpleAssignor, and the KafkaShareConsumer.
export {
  SharePartition,
  SharePartitionManager,
  ShareGroupCoordinator,
  InFlightState,
  assignSharePartitions,
  alterShareGroupConfig,
  shareGroupConfig,
  recordStateFor,
  EMPTY_MEMBER_ID,
  LEAVE_GROUP_MEMBER_EPOCH,
  type AcknowledgeType,
  type RecordState,
  type AcquiredRecords,
  type ShareAcknowledgementBatch,
  type SharePartitionOptions,
  type ShareGroupConfig,
  type ShareSettings,
  type ShareGroupState,
  type ShareGroupMember,
  type ShareGroupHeartbeatRequest,
  type ShareGroupHeartbeatResponse,
  type ShareFetchRequest,
  type ShareFetchResponse,
  type ShareAcknowledgeRequest,
  type ShareAcknowledgeResponse,
} from "./cluster/share/index.js";
export {
  KafkaShareConsumer,
  ShareConsumerWorkload,
  IllegalStateException as ShareConsumerIllegalStateException,
  SHARE_CONSUMER_UNSUPPORTED_CONFIGS,
  type ShareConsumerRecord,
  type KafkaShareConsumerOptions,
  type AcknowledgementResult,
  type ShareConsumerWorkloadSpec,
} from "./consumer/share/index.js";
export { shareConsumerWorkload, shareConsumerCrashFault, type ShareConsumerWorkloadInput, type ShareConsumerCrashFault } from "./scenario/share-schema.js";

// Consumer client: KafkaConsumer (classic group protocol), the member machine, the "consumer"
// workload and its faults, and the consumption checker (lost / duplicated / reordered processing).
export * from "./consumer/index.js";
export { ConsumerWorkload, startConsumerWorkload, applyConsumerFault, type ConsumerFault } from "./workload/consumer-workload.js";
export { consumerWorkload, consumerCrashFault, consumerRestartFault, consumerStallFault, consumerJoinFault, consumerLeaveFault, consumerCrashStep, type ConsumerCrashStep, type ConsumerWorkloadSpec } from "./scenario/consumer-schema.js";
export {
  checkConsumption,
  type ConsumptionVerdict,
  type LostConsumption,
  type DuplicatedConsumption,
  type ReorderedConsumption,
  type ConsumptionLossCause,
  type ConsumptionDuplicateCause,
} from "./checker/consumption.js";

// Producer client: KafkaProducer and its internals, with Kafka's names (engine/producer).
export * from "./producer/index.js";
export type { ProducerStats } from "./scenario/stats.js";
