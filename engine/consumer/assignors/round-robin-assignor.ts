import { readGroupSubscription, toAssignmentRecord, type GroupSubscription } from "./group-subscription.js";
import { compareMemberInfo } from "./member-info.js";
import { appendAll, compareStrings } from "./topic-partition.js";
import type { PartitionAssignor, TopicPartition } from "./types.js";

/**
 * Kafka's RoundRobinAssignor ("roundrobin"). All partitions of all subscribed topics, topics in
 * name order, are dealt one at a time to the members in MemberInfo order, going round in a
 * circle; a member not subscribed to the partition's topic is skipped. With identical
 * subscriptions the counts differ by at most one; with different subscriptions they can be
 * badly uneven (which the sticky assignors fix).
 */
export const roundRobinAssignor: PartitionAssignor = Object.freeze({
  name: "roundrobin",
  supportedProtocols: Object.freeze(["EAGER"] as const),
  assign(partitionsPerTopic, subscriptions) {
    const group = readGroupSubscription(partitionsPerTopic, subscriptions);
    return toAssignmentRecord(group, assignRoundRobin(group));
  },
} satisfies PartitionAssignor);

function assignRoundRobin(group: GroupSubscription): Map<string, TopicPartition[]> {
  const assignment = new Map<string, TopicPartition[]>();
  for (const member of group.members) assignment.set(member.memberId, []);
  // Kafka's CircularIterator throws on an empty group; a group always has its leader, so an
  // empty one simply gets an empty assignment here.
  if (group.members.length === 0) return assignment;

  // Stable sort (Utils.sorted): members that compare equal keep the HashMap's order.
  const sortedMembers = [...group.members].sort(compareMemberInfo);
  let next = 0; // the CircularIterator's position in sortedMembers

  for (const partition of allPartitionsSorted(group)) {
    while (!sortedMembers[next].topicSet.has(partition.topic)) next = (next + 1) % sortedMembers.length;
    assignment.get(sortedMembers[next].memberId)!.push(partition);
    next = (next + 1) % sortedMembers.length;
  }
  return assignment;
}

/** Kafka's allPartitionsSorted: subscribed topics in name order (a TreeSet), partitions in number order. */
function allPartitionsSorted(group: GroupSubscription): TopicPartition[] {
  const topics = new Set<string>();
  for (const member of group.members) for (const topic of member.topics) topics.add(topic);
  const allPartitions: TopicPartition[] = [];
  for (const topic of [...topics].sort(compareStrings)) {
    const numPartitions = group.partitionsPerTopic.get(topic);
    if (numPartitions !== undefined) appendAll(allPartitions, group.topicPartitions.partitionsOf(topic, numPartitions));
  }
  return allPartitions;
}
