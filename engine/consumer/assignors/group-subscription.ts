import { javaHashMapOrder, javaStringHashCode } from "./java-hash-order.js";
import { TopicPartitionRegistry } from "./topic-partition.js";
import type { Subscription, TopicPartition } from "./types.js";

/** Kafka's AbstractStickyAssignor.DEFAULT_GENERATION: a member that reports no generation. */
export const DEFAULT_GENERATION = -1;

const MAX_INT32 = 0x7fffffff;

/** One member's subscription, checked and with canonical TopicPartition objects. */
export interface MemberSubscription {
  readonly memberId: string;
  /** Subscribed topics in the caller's order, each once (Kafka sends them from a set). */
  readonly topics: readonly string[];
  readonly topicSet: ReadonlySet<string>;
  /** Owned partitions in the caller's order, as Kafka's Subscription.ownedPartitions. */
  readonly ownedPartitions: readonly TopicPartition[];
  /** The member's generation, DEFAULT_GENERATION when it reported none. */
  readonly generation: number;
  readonly groupInstanceId: string | undefined;
}

/** Kafka's GroupSubscription plus the partition counts, in the orders the assignors need. */
export interface GroupSubscription {
  /**
   * Partition counts of the topics some member subscribes to and that have partitions, in the
   * caller's order. This is the map AbstractPartitionAssignor.assign(Cluster, ...) builds before
   * calling assign: topics nobody subscribes to and topics without metadata are left out.
   */
  readonly partitionsPerTopic: ReadonlyMap<string, number>;
  /** Members in the order Kafka's HashMap of subscriptions iterates them. */
  readonly members: readonly MemberSubscription[];
  readonly memberById: ReadonlyMap<string, MemberSubscription>;
  /** Member ids in the caller's order, for the result's key order. */
  readonly memberIdsInCallerOrder: readonly string[];
  readonly topicPartitions: TopicPartitionRegistry;
}

/**
 * Checks an assign() call's arguments and reads them into a GroupSubscription. Errors name the
 * field, the value and what is allowed. Our member order models the caller's record as a Java
 * HashMap filled in the record's key order (JavaScript puts integer-like keys first).
 */
export function readGroupSubscription(
  partitionsPerTopic: Readonly<Record<string, number>>,
  subscriptions: Readonly<Record<string, Subscription>>,
): GroupSubscription {
  if (partitionsPerTopic === null || typeof partitionsPerTopic !== "object") {
    throw new TypeError(`partitionsPerTopic must be an object of topic -> partition count, but got ${String(partitionsPerTopic)}`);
  }
  if (subscriptions === null || typeof subscriptions !== "object") {
    throw new TypeError(`subscriptions must be an object of member id -> subscription, but got ${String(subscriptions)}`);
  }

  const counts = new Map<string, number>();
  for (const [topic, count] of Object.entries(partitionsPerTopic)) {
    if (typeof count !== "number" || !Number.isInteger(count) || count < 0 || count > MAX_INT32) {
      throw new RangeError(
        `partitionsPerTopic["${topic}"] is ${String(count)}, but a partition count must be an integer from 0 to ${MAX_INT32}`,
      );
    }
    counts.set(topic, count);
  }

  const topicPartitions = new TopicPartitionRegistry();
  const memberIdsInCallerOrder = Object.keys(subscriptions);
  const memberById = new Map<string, MemberSubscription>();
  const subscribedTopics = new Set<string>();
  for (const memberId of memberIdsInCallerOrder) {
    const member = readMemberSubscription(memberId, subscriptions[memberId], topicPartitions);
    memberById.set(memberId, member);
    for (const topic of member.topics) subscribedTopics.add(topic);
  }

  const assignableCounts = new Map<string, number>();
  for (const [topic, count] of counts) {
    if (count > 0 && subscribedTopics.has(topic)) assignableCounts.set(topic, count);
  }

  const memberIdsInJavaOrder = javaHashMapOrder(memberIdsInCallerOrder, javaStringHashCode);
  return {
    partitionsPerTopic: assignableCounts,
    members: memberIdsInJavaOrder.map((memberId) => memberById.get(memberId)!),
    memberById,
    memberIdsInCallerOrder,
    topicPartitions,
  };
}

function readMemberSubscription(
  memberId: string,
  subscription: Subscription,
  topicPartitions: TopicPartitionRegistry,
): MemberSubscription {
  const field = `subscriptions["${memberId}"]`;
  if (subscription === null || typeof subscription !== "object") {
    throw new TypeError(`${field} must be an object with a topics array, but got ${String(subscription)}`);
  }
  if (!Array.isArray(subscription.topics)) {
    throw new TypeError(`${field}.topics must be an array of topic names, but got ${String(subscription.topics)}`);
  }
  const topicSet = new Set<string>();
  for (const topic of subscription.topics) {
    if (typeof topic !== "string") {
      throw new TypeError(`${field}.topics must hold topic names (strings), but holds ${String(topic)}`);
    }
    topicSet.add(topic);
  }

  const owned = subscription.ownedPartitions ?? [];
  if (!Array.isArray(owned)) {
    throw new TypeError(`${field}.ownedPartitions must be an array of { topic, partition }, but got ${String(owned)}`);
  }
  const ownedPartitions = owned.map((tp, i) => {
    if (tp === null || typeof tp !== "object" || typeof tp.topic !== "string") {
      throw new TypeError(`${field}.ownedPartitions[${i}] must be { topic: string, partition: number }, but got ${JSON.stringify(tp)}`);
    }
    if (!Number.isInteger(tp.partition) || tp.partition < 0 || tp.partition > MAX_INT32) {
      throw new RangeError(
        `${field}.ownedPartitions[${i}].partition is ${String(tp.partition)}, but a partition number must be an integer from 0 to ${MAX_INT32}`,
      );
    }
    return topicPartitions.get(tp.topic, tp.partition);
  });

  const generation = subscription.generationId ?? DEFAULT_GENERATION;
  if (!Number.isInteger(generation) || generation < DEFAULT_GENERATION || generation > MAX_INT32) {
    throw new RangeError(
      `${field}.generationId is ${String(subscription.generationId)}, but a generation must be an integer from -1 (none) to ${MAX_INT32}`,
    );
  }

  const groupInstanceId = subscription.groupInstanceId;
  if (groupInstanceId !== undefined && typeof groupInstanceId !== "string") {
    throw new TypeError(`${field}.groupInstanceId must be a string when set, but got ${String(groupInstanceId)}`);
  }

  return {
    memberId,
    topics: [...topicSet],
    topicSet,
    ownedPartitions,
    generation,
    groupInstanceId,
  };
}

/** The result shape of assign(): every member, in the caller's order, with its partitions. */
export function toAssignmentRecord(
  group: GroupSubscription,
  assignment: ReadonlyMap<string, readonly TopicPartition[]>,
): Record<string, TopicPartition[]> {
  const result: Record<string, TopicPartition[]> = {};
  for (const memberId of group.memberIdsInCallerOrder) {
    result[memberId] = [...(assignment.get(memberId) ?? [])];
  }
  return result;
}
