/**
 * The slice of Kafka's `org.apache.kafka.common.Cluster` that partitioners read: which partitions a
 * topic has, and which of them have a leader right now.
 *
 * Partitioners only ask these two questions, so they take this small read-only view instead of the
 * engine's whole cluster model; whoever owns the metadata (the producer's metadata cache) implements it.
 */

/** One partition as a partitioner sees it (Kafka's PartitionInfo, reduced to what partitioners read). */
export interface PartitionInfoView {
  /** The partition number inside its topic. */
  readonly partition: number;
  /** The broker id of the partition's leader, or null while it has none (Kafka: `leader() == null`). */
  readonly leader: number | null;
}

/** Kafka's Cluster, read-only, as partitioners use it. */
export interface ClusterView {
  /**
   * All partitions of the topic, in metadata order (Kafka's list is not sorted by partition number,
   * and round robin walks it in that order). Empty for a topic the metadata does not know.
   */
  partitionsForTopic(topic: string): readonly PartitionInfoView[];
  /** The partitions of the topic that have a leader, in the same order as partitionsForTopic. */
  availablePartitionsForTopic(topic: string): readonly PartitionInfoView[];
}

/** One row of metadata for clusterViewFromPartitions: a partition and the topic it belongs to. */
export interface TopicPartitionInfo extends PartitionInfoView {
  readonly topic: string;
}

/**
 * A fixed ClusterView built the way Kafka's `new Cluster(..., partitions, ...)` builds its indexes:
 * partitions grouped by topic in the order given, and "available" meaning "has a leader".
 * Handy for tests, exercises and widgets whose metadata does not change while they run.
 */
export function clusterViewFromPartitions(partitions: readonly TopicPartitionInfo[]): ClusterView {
  const partitionsByTopic = new Map<string, PartitionInfoView[]>();
  const availablePartitionsByTopic = new Map<string, PartitionInfoView[]>();
  for (const info of partitions) {
    const view: PartitionInfoView = { partition: info.partition, leader: info.leader };
    pushTo(partitionsByTopic, info.topic, view);
    if (info.leader !== null) pushTo(availablePartitionsByTopic, info.topic, view);
  }
  const none: readonly PartitionInfoView[] = [];
  return {
    partitionsForTopic: (topic) => partitionsByTopic.get(topic) ?? none,
    availablePartitionsForTopic: (topic) => availablePartitionsByTopic.get(topic) ?? none,
  };
}

function pushTo<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
