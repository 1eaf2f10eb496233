/**
 * Kafka's producer partitioning (curriculum topic P-PARTITION): the murmur2 key hash, the
 * Partitioner interface and Kafka's partitioners, and KafkaProducer.partition's choice between them.
 */
export { murmur2, toPositive } from "./murmur2.js";
export { utf8 } from "./utf8.js";
export { partitionForKey } from "./partition-for-key.js";
export {
  clusterViewFromPartitions,
  type ClusterView,
  type PartitionInfoView,
  type TopicPartitionInfo,
} from "./cluster-view.js";
export type { NextInt } from "./next-int.js";
export { partitionerFromFunction, type Partitioner, type PartitionFunction } from "./partitioner.js";
export { RoundRobinPartitioner } from "./round-robin-partitioner.js";
export { StickyPartitionCache } from "./sticky-partition-cache.js";
export { UniformStickyPartitioner } from "./uniform-sticky-partitioner.js";
export { BuiltInPartitioner, StickyPartitionInfo, type PartitionLoadStats } from "./built-in-partitioner.js";
export {
  choosePartition,
  decidePartition,
  UNKNOWN_PARTITION,
  type ChoosePartitionInput,
  type PartitionDecision,
  type PartitionRule,
} from "./choose-partition.js";
