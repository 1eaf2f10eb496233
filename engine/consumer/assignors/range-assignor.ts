import { readGroupSubscription, toAssignmentRecord, type GroupSubscription } from "./group-subscription.js";
import { javaHashMapOrder, javaStringHashCode } from "./java-hash-order.js";
import { compareMemberInfo } from "./member-info.js";
import { appendAll } from "./topic-partition.js";
import type { PartitionAssignor, TopicPartition } from "./types.js";

/**
 * Kafka's RangeAssignor ("range"). Per topic, partitions in numeric order are cut into contiguous
 * ranges, one per subscribed member in MemberInfo order (static members by group.instance.id
 * first); the first `partitions % members` members get one extra. Because every topic is cut the
 * same way, members that sort first get the extra partition of every topic.
 *
 * Racks: our engine has no racks, so this is Kafka's non-rack path (assignWithRackMatching is
 * never needed); TopicAssignmentState keeps Kafka's shape so a rack pass could be added before
 * assignRanges.
 */
export const rangeAssignor: PartitionAssignor = Object.freeze({
  name: "range",
  supportedProtocols: Object.freeze(["EAGER"] as const),
  assign(partitionsPerTopic, subscriptions) {
    const group = readGroupSubscription(partitionsPerTopic, subscriptions);
    return toAssignmentRecord(group, assignRange(group));
  },
} satisfies PartitionAssignor);

/** Kafka's RangeAssignor.TopicAssignmentState, without racks. */
interface TopicAssignmentState {
  readonly topic: string;
  /** Subscribed members in MemberInfo order (Kafka's LinkedHashMap of consumers). */
  readonly consumers: readonly string[];
  /** Partitions in numeric order; the unassigned ones are those from `firstUnassigned` on. */
  readonly partitions: readonly TopicPartition[];
  firstUnassigned: number;
  readonly numAssignedByConsumer: Map<string, number>;
  readonly numPartitionsPerConsumer: number;
  remainingConsumersWithExtraPartition: number;
}

function assignRange(group: GroupSubscription): Map<string, TopicPartition[]> {
  // Kafka sorts each topic's subscribers (stable Collections.sort over the HashMap's order).
  // Sorting everyone once and keeping each topic's subscribers gives the same lists.
  const sortedMembers = [...group.members].sort(compareMemberInfo);

  // Kafka walks partitionsPerTopic, a HashMap, so the topics' order in each member's list is
  // the HashMap's order.
  const topicsInJavaOrder = javaHashMapOrder([...group.partitionsPerTopic.keys()], javaStringHashCode);
  const topicAssignmentStates = topicsInJavaOrder.map((topic): TopicAssignmentState => {
    const consumers = sortedMembers.filter((m) => m.topicSet.has(topic)).map((m) => m.memberId);
    const numPartitions = group.partitionsPerTopic.get(topic)!;
    return {
      topic,
      consumers,
      partitions: group.topicPartitions.partitionsOf(topic, numPartitions),
      firstUnassigned: 0,
      numAssignedByConsumer: new Map(consumers.map((c) => [c, 0])),
      numPartitionsPerConsumer: consumers.length === 0 ? 0 : Math.floor(numPartitions / consumers.length),
      remainingConsumersWithExtraPartition: consumers.length === 0 ? 0 : numPartitions % consumers.length,
    };
  });

  const assignment = new Map<string, TopicPartition[]>();
  for (const member of group.members) assignment.set(member.memberId, []);

  for (const state of topicAssignmentStates) assignRanges(state, assignment);
  return assignment;
}

function assignRanges(state: TopicAssignmentState, assignment: Map<string, TopicPartition[]>): void {
  for (const consumer of state.consumers) {
    if (state.firstUnassigned === state.partitions.length) break;
    const assignablePartitions = state.partitions.slice(
      state.firstUnassigned,
      state.firstUnassigned + maxAssignable(state, consumer),
    );
    if (assignablePartitions.length === 0) continue;
    appendAll(assignment.get(consumer)!, assignablePartitions);
    onAssigned(state, consumer, assignablePartitions.length);
  }
}

function maxAssignable(state: TopicAssignmentState, consumer: string): number {
  const maxForConsumer =
    state.numPartitionsPerConsumer +
    (state.remainingConsumersWithExtraPartition > 0 ? 1 : 0) -
    state.numAssignedByConsumer.get(consumer)!;
  return Math.max(0, maxForConsumer);
}

function onAssigned(state: TopicAssignmentState, consumer: string, numNewlyAssigned: number): void {
  const numAssigned = state.numAssignedByConsumer.get(consumer)! + numNewlyAssigned;
  state.numAssignedByConsumer.set(consumer, numAssigned);
  if (numAssigned > state.numPartitionsPerConsumer) state.remainingConsumersWithExtraPartition--;
  // Without racks Kafka always takes the first unassigned partitions, so a cursor is enough.
  state.firstUnassigned += numNewlyAssigned;
}
