import { assignStickyPartitions } from "./abstract-sticky-assignor.js";
import { readGroupSubscription, toAssignmentRecord, type MemberSubscription } from "./group-subscription.js";
import { removeFirst } from "./topic-partition.js";
import type { PartitionAssignor, TopicPartition } from "./types.js";

/**
 * Kafka's CooperativeStickyAssignor ("cooperative-sticky"): the sticky assignment, then Kafka's
 * cooperative adjustment. Members keep their partitions during the rebalance, so a partition that
 * moves from one member to another is left out of its new owner's assignment this round: the old
 * owner revokes it, rejoins, and a follow-up rebalance hands it over.
 */
export const cooperativeStickyAssignor: PartitionAssignor = Object.freeze({
  name: "cooperative-sticky",
  supportedProtocols: Object.freeze(["COOPERATIVE", "EAGER"] as const),
  assign(partitionsPerTopic, subscriptions) {
    const group = readGroupSubscription(partitionsPerTopic, subscriptions);
    const { assignment, partitionsTransferringOwnership } = assignStickyPartitions(group);
    // The general builder leaves this null so that it is worked out from the owned partitions.
    const transferring = partitionsTransferringOwnership ?? computePartitionsTransferringOwnership(group.members, assignment);
    adjustAssignment(assignment, transferring);
    return toAssignmentRecord(group, assignment);
  },
} satisfies PartitionAssignor);

/** Kafka's adjustAssignment: a partition changing hands is withheld from its new owner this round. */
function adjustAssignment(
  assignments: Map<string, TopicPartition[]>,
  partitionsTransferringOwnership: ReadonlyMap<TopicPartition, string>,
): void {
  for (const [partition, newOwner] of partitionsTransferringOwnership) {
    removeFirst(assignments.get(newOwner)!, partition);
  }
}

/**
 * Kafka's computePartitionsTransferringOwnership: partitions newly assigned to one member that
 * some member (by its subscription's ownedPartitions) must revoke.
 */
function computePartitionsTransferringOwnership(
  members: readonly MemberSubscription[],
  assignments: ReadonlyMap<string, readonly TopicPartition[]>,
): Map<TopicPartition, string> {
  const allAddedPartitions = new Map<TopicPartition, string>();
  const allRevokedPartitions = new Set<TopicPartition>();
  for (const member of members) {
    const assignedPartitions = assignments.get(member.memberId) ?? [];
    const ownedPartitionsSet = new Set(member.ownedPartitions);
    for (const tp of assignedPartitions) {
      if (!ownedPartitionsSet.has(tp)) allAddedPartitions.set(tp, member.memberId);
    }
    const assignedPartitionsSet = new Set(assignedPartitions);
    for (const tp of member.ownedPartitions) {
      if (!assignedPartitionsSet.has(tp)) allRevokedPartitions.add(tp);
    }
  }
  for (const tp of allAddedPartitions.keys()) {
    if (!allRevokedPartitions.has(tp)) allAddedPartitions.delete(tp);
  }
  return allAddedPartitions;
}
