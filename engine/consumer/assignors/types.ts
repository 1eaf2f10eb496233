/**
 * The shapes of Kafka's consumer partition assignors (ConsumerPartitionAssignor and
 * AbstractPartitionAssignor.assign), with Kafka's names.
 */

/** Kafka's TopicPartition: a topic name and a partition number. */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/**
 * One member's ConsumerPartitionAssignor.Subscription as the group leader sees it.
 * Kafka's StickyAssignor carries ownedPartitions and the generation in its user data; here both
 * come in as plain fields for every assignor.
 */
export interface Subscription {
  /** The topics this member subscribes to (Kafka sends them from a set, so order does not matter). */
  readonly topics: readonly string[];
  /** The partitions the member owned in its last generation. Default: none. */
  readonly ownedPartitions?: readonly TopicPartition[];
  /** The generation those partitions were owned in. Default: -1 (Kafka's DEFAULT_GENERATION, "no generation"). */
  readonly generationId?: number;
  /** group.instance.id of a static member. Default: none (a dynamic member). */
  readonly groupInstanceId?: string;
}

/** Kafka's ConsumerPartitionAssignor.RebalanceProtocol. */
export type RebalanceProtocol = "EAGER" | "COOPERATIVE";

/** A consumer partition assignor: Kafka's ConsumerPartitionAssignor reduced to what a group leader calls. */
export interface PartitionAssignor {
  /** Kafka's protocol name, the value of partition.assignment.strategy members agree on. */
  readonly name: string;
  /** The rebalance protocols this assignor supports, in Kafka's order. */
  readonly supportedProtocols: readonly RebalanceProtocol[];
  /**
   * Kafka's AbstractPartitionAssignor.assign: the partitions each member gets, keyed by member id.
   * Every member of `subscriptions` appears in the result, with [] when it gets nothing.
   */
  assign(
    partitionsPerTopic: Readonly<Record<string, number>>,
    subscriptions: Readonly<Record<string, Subscription>>,
  ): Record<string, TopicPartition[]>;
}
