import { ConstrainedAssignmentBuilder } from "./constrained-assignment-builder.js";
import { GeneralAssignmentBuilder } from "./general-assignment-builder.js";
import { DEFAULT_GENERATION, type GroupSubscription } from "./group-subscription.js";
import { removeFirst } from "./topic-partition.js";
import type { TopicPartition } from "./types.js";

/** What AbstractStickyAssignor.assignPartitions leaves behind for its subclasses. */
export interface StickyAssignment {
  /** The partitions of every member, in the order Kafka's builders add them. */
  readonly assignment: Map<string, TopicPartition[]>;
  /**
   * Partitions given to a new owner while another member still claims them, with the new owner.
   * Null when the general builder ran: Kafka sets it to null there so that the cooperative
   * assignor computes it from the owned partitions instead.
   */
  readonly partitionsTransferringOwnership: Map<TopicPartition, string> | null;
}

/**
 * Kafka's AbstractStickyAssignor.assignPartitions, shared by the sticky and cooperative-sticky
 * assignors. Members keep what they owned as far as balance allows; partitions claimed by two
 * members of the same generation are taken from both; a member of an older generation loses a
 * partition that a member of a newer generation also claims. When every member subscribes to the
 * same topics the fast ConstrainedAssignmentBuilder runs, otherwise the GeneralAssignmentBuilder.
 *
 * Racks: our engine has no racks, so Kafka's RackInfo is always empty here and only the non-rack
 * path of both builders is ported; the builders keep Kafka's steps so a rack pass could be added.
 *
 * Simplification: Kafka keeps maxGeneration on the assignor object across rebalances; ours is
 * stateless and takes the highest generation of this call. They differ only when every member
 * reports a generation older than one seen in an earlier rebalance.
 */
export function assignStickyPartitions(group: GroupSubscription): StickyAssignment {
  // Kafka divides by the member count and would throw on an empty group; a group always has its leader.
  if (group.members.length === 0) return { assignment: new Map(), partitionsTransferringOwnership: new Map() };
  const consumerToOwnedPartitions = new Map<string, TopicPartition[]>();
  const partitionsWithMultiplePreviousOwners = new Set<TopicPartition>();
  const { isAllSubscriptionsEqual, maxGeneration } = allSubscriptionsEqual(
    group,
    consumerToOwnedPartitions,
    partitionsWithMultiplePreviousOwners,
  );

  if (isAllSubscriptionsEqual) {
    const builder = new ConstrainedAssignmentBuilder(
      group.partitionsPerTopic,
      consumerToOwnedPartitions,
      partitionsWithMultiplePreviousOwners,
      group.topicPartitions,
    );
    return { assignment: builder.build(), partitionsTransferringOwnership: builder.partitionsTransferringOwnership };
  }
  const builder = new GeneralAssignmentBuilder(group, consumerToOwnedPartitions, maxGeneration);
  return { assignment: builder.build(), partitionsTransferringOwnership: null };
}

/**
 * Kafka's allSubscriptionsEqual: whether every member subscribes to the same topics. On the way
 * it fills `consumerToOwnedPartitions` with each member's previously owned partitions that are
 * still valid, settling conflicts by generation, and `partitionsWithMultiplePreviousOwners`.
 */
function allSubscriptionsEqual(
  group: GroupSubscription,
  consumerToOwnedPartitions: Map<string, TopicPartition[]>,
  partitionsWithMultiplePreviousOwners: Set<TopicPartition>,
): { isAllSubscriptionsEqual: boolean; maxGeneration: number } {
  const allTopics = group.partitionsPerTopic;
  let isAllSubscriptionsEqual = true;
  let maxGeneration = DEFAULT_GENERATION;
  const subscribedTopics = new Set<string>();
  // Every claimed partition and its current claimant, to catch two members claiming one partition.
  const allPreviousPartitionsToOwner = new Map<TopicPartition, string>();

  for (const member of group.members) {
    const consumer = member.memberId;
    // Kafka fills the reference set from the first member with topics, so a member with no
    // topics met before it does not break "equal": that member then gets partitions it does not
    // subscribe to (and Kafka's consumer rejoins). Kept as Kafka does it.
    if (subscribedTopics.size === 0) {
      for (const topic of member.topics) subscribedTopics.add(topic);
    } else if (
      isAllSubscriptionsEqual &&
      !(member.topics.length === subscribedTopics.size && member.topics.every((t) => subscribedTopics.has(t)))
    ) {
      isAllSubscriptionsEqual = false;
    }

    const memberGeneration = member.generation;
    maxGeneration = Math.max(maxGeneration, memberGeneration);

    const ownedPartitions: TopicPartition[] = [];
    consumerToOwnedPartitions.set(consumer, ownedPartitions);

    for (const tp of member.ownedPartitions) {
      const numPartitions = allTopics.get(tp.topic);
      // Kafka only checks the topic; we also drop partition numbers the topic no longer has,
      // which Kafka would keep and could then hand out twice.
      if (numPartitions === undefined || tp.partition >= numPartitions) continue;

      const otherConsumer = allPreviousPartitionsToOwner.get(tp);
      if (otherConsumer === undefined) {
        ownedPartitions.push(tp);
        allPreviousPartitionsToOwner.set(tp, consumer);
        continue;
      }
      const otherMemberGeneration = group.memberById.get(otherConsumer)!.generation;
      if (memberGeneration === otherMemberGeneration) {
        // Two members of one generation cannot both own it: neither keeps it.
        partitionsWithMultiplePreviousOwners.add(tp);
        removeFirst(consumerToOwnedPartitions.get(otherConsumer)!, tp);
        allPreviousPartitionsToOwner.set(tp, consumer);
      } else if (memberGeneration > otherMemberGeneration) {
        // The newer generation wins the partition.
        ownedPartitions.push(tp);
        removeFirst(consumerToOwnedPartitions.get(otherConsumer)!, tp);
        allPreviousPartitionsToOwner.set(tp, consumer);
      }
      // Otherwise the other member's newer claim stands.
    }
  }
  return { isAllSubscriptionsEqual, maxGeneration };
}
