import type { GroupSubscription, MemberSubscription } from "./group-subscription.js";
import { PartitionMovements } from "./partition-movements.js";
import { SortedConsumers } from "./sorted-consumers.js";
import { appendAll, compareStrings, removeFirst } from "./topic-partition.js";
import type { TopicPartition } from "./types.js";

/** Kafka's ConsumerGenerationPair: who owned a partition in an older generation. */
interface ConsumerGenerationPair {
  readonly consumer: string;
  readonly generation: number;
}

/**
 * Kafka's AbstractStickyAssignor.GeneralAssignmentBuilder: the sticky assignment when members
 * subscribe to different topics. Steps:
 *   1. keep every owned partition whose topic the owner still subscribes to;
 *   2. drop the rest (a dropped subscription means a revocation);
 *   3. (rack-aware assignment: skipped, our engine has no racks);
 *   4. give each unassigned partition, topics with the fewest possible consumers first, to the
 *      least-loaded member subscribed to its topic;
 *   5. move partitions from more-loaded to less-loaded members until no move helps, undoing
 *      earlier moves where possible, and keep the result only if it is better balanced.
 */
export class GeneralAssignmentBuilder {
  private readonly partitionsPerTopic: ReadonlyMap<string, number>;
  private readonly totalPartitionsCount: number;
  // All consumers that can be assigned each topic, and all topics each consumer can be assigned.
  private readonly topic2AllPotentialConsumers = new Map<string, string[]>();
  private readonly consumer2AllPotentialTopics = new Map<string, string[]>();
  private readonly consumer2AllPotentialTopicSet = new Map<string, Set<string>>();
  // Each assigned partition's current consumer.
  private readonly currentPartitionConsumer = new Map<TopicPartition, string>();
  private readonly sortedAllPartitions: TopicPartition[];
  private readonly partitionsByTopic = new Map<string, readonly TopicPartition[]>();
  // Consumers from fewest to most assigned partitions.
  private readonly sortedCurrentSubscriptions: SortedConsumers;
  private readonly partitionMovements: PartitionMovements;
  private revocationRequired = false;

  /**
   * @param group the members, in Kafka's HashMap order, and the partition counts
   * @param currentAssignment each member's still-valid owned partitions; becomes the result
   * @param maxGeneration the highest generation any member reported
   */
  constructor(
    private readonly group: GroupSubscription,
    private readonly currentAssignment: Map<string, TopicPartition[]>,
    private readonly maxGeneration: number,
  ) {
    this.partitionsPerTopic = group.partitionsPerTopic;
    let total = 0;
    for (const [topic, count] of this.partitionsPerTopic) {
      total += count;
      this.topic2AllPotentialConsumers.set(topic, []);
      this.partitionsByTopic.set(topic, group.topicPartitions.partitionsOf(topic, count));
    }
    this.totalPartitionsCount = total;

    for (const member of group.members) {
      const subscribedTopics = member.topics.filter((topic) => this.partitionsPerTopic.has(topic));
      this.consumer2AllPotentialTopics.set(member.memberId, subscribedTopics);
      this.consumer2AllPotentialTopicSet.set(member.memberId, new Set(subscribedTopics));
      for (const topic of subscribedTopics) this.topic2AllPotentialConsumers.get(topic)!.push(member.memberId);
      if (!currentAssignment.has(member.memberId)) currentAssignment.set(member.memberId, []);
    }

    for (const [consumer, partitions] of currentAssignment) {
      for (const tp of partitions) this.currentPartitionConsumer.set(tp, consumer);
    }

    // Topics with the fewest potential consumers first (Kafka's TopicComparator), then by name.
    const sortedAllTopics = [...this.topic2AllPotentialConsumers.keys()].sort((a, b) => {
      const byConsumers = this.topic2AllPotentialConsumers.get(a)!.length - this.topic2AllPotentialConsumers.get(b)!.length;
      return byConsumers !== 0 ? byConsumers : compareStrings(a, b);
    });
    this.sortedAllPartitions = [];
    for (const topic of sortedAllTopics) appendAll(this.sortedAllPartitions, this.partitionsByTopic.get(topic)!);

    this.sortedCurrentSubscriptions = new SortedConsumers((consumer) => this.currentAssignment.get(consumer)!.length);
    this.partitionMovements = new PartitionMovements(group.topicPartitions);
  }

  build(): Map<string, TopicPartition[]> {
    const prevAssignment = new Map<TopicPartition, ConsumerGenerationPair>();
    this.prepopulateCurrentAssignments(prevAssignment);

    const assignedPartitions = this.assignOwnedPartitions();
    const unassignedPartitions = this.getUnassignedPartitions(assignedPartitions);

    // Every still-valid owned partition is in place; now balance in the unassigned ones.
    for (const consumer of this.currentAssignment.keys()) this.sortedCurrentSubscriptions.add(consumer);
    this.balance(prevAssignment, unassignedPartitions);
    return this.currentAssignment;
  }

  /** Steps 1-2: keep owned partitions the owner still subscribes to; returns them. */
  private assignOwnedPartitions(): TopicPartition[] {
    const assignedPartitions: TopicPartition[] = [];
    for (const [consumer, partitions] of this.currentAssignment) {
      const consumerSubscription = this.group.memberById.get(consumer);
      if (consumerSubscription === undefined) {
        // A member that left: forget it (cannot happen here, every owner is a member).
        for (const tp of partitions) this.currentPartitionConsumer.delete(tp);
        this.currentAssignment.delete(consumer);
        continue;
      }
      const kept = partitions.filter((partition) => {
        if (!this.topic2AllPotentialConsumers.has(partition.topic)) {
          this.currentPartitionConsumer.delete(partition);
          return false;
        }
        if (!consumerSubscription.topicSet.has(partition.topic)) {
          // Unsubscribed from its topic: it must go. Kafka leaves currentPartitionConsumer as is here.
          this.revocationRequired = true;
          return false;
        }
        assignedPartitions.push(partition);
        return true;
      });
      partitions.length = 0;
      appendAll(partitions, kept);
    }
    return assignedPartitions;
  }

  /**
   * sortedAllPartitions minus the assigned ones, in sortedAllPartitions' order. Kafka returns the
   * very same list when nothing is assigned, and later edits both through that one reference.
   */
  private getUnassignedPartitions(assignedPartitions: readonly TopicPartition[]): TopicPartition[] {
    if (assignedPartitions.length === 0) return this.sortedAllPartitions;
    const assigned = new Set(assignedPartitions);
    return this.sortedAllPartitions.filter((tp) => !assigned.has(tp));
  }

  /**
   * Records, for partitions owned in an older generation than the newest, who owned them then:
   * balancing prefers to hand such a partition back to that member.
   */
  private prepopulateCurrentAssignments(prevAssignment: Map<TopicPartition, ConsumerGenerationPair>): void {
    for (const member of this.group.members) {
      // Kafka: a generation below the max, or no generation (DEFAULT_GENERATION) while others have one.
      if (member.generation < this.maxGeneration) {
        this.updatePrevAssignment(prevAssignment, member, member.generation);
      }
    }
  }

  private updatePrevAssignment(
    prevAssignment: Map<TopicPartition, ConsumerGenerationPair>,
    member: MemberSubscription,
    generation: number,
  ): void {
    for (const partition of member.ownedPartitions) {
      const existing = prevAssignment.get(partition);
      // Keep only the latest previous owner; the first one seen wins a tie.
      if (existing === undefined || generation > existing.generation) {
        prevAssignment.set(partition, { consumer: member.memberId, generation });
      }
    }
  }

  /** Whether no partition can move to a member with 2+ fewer partitions that could take it. */
  private isBalanced(): boolean {
    const min = this.currentAssignment.get(this.sortedCurrentSubscriptions.first())!.length;
    const max = this.currentAssignment.get(this.sortedCurrentSubscriptions.last())!.length;
    if (min >= max - 1) return true;

    // Kafka rebuilds a partition -> owner map and, for every member that could take more, scans
    // every partition of its topics for an owner holding 2+ more partitions. Only the heaviest
    // owner of each topic matters to that test (the member itself is never 2+ heavier than
    // itself), so we work that out once per topic per call: same answer, far fewer lookups.
    const heaviestOwnerByTopic = new Map<string, number>();
    for (const consumer of this.sortedCurrentSubscriptions) {
      const consumerPartitionCount = this.currentAssignment.get(consumer)!.length;
      const allSubscribedTopics = this.consumer2AllPotentialTopics.get(consumer)!;
      // Skip a member that already has every partition it could get.
      if (consumerPartitionCount === this.getMaxAssignmentSize(allSubscribedTopics)) continue;

      for (const topic of allSubscribedTopics) {
        let heaviestOwner = heaviestOwnerByTopic.get(topic);
        if (heaviestOwner === undefined) {
          heaviestOwner = this.heaviestOwnerCount(topic);
          heaviestOwnerByTopic.set(topic, heaviestOwner);
        }
        if (consumerPartitionCount + 1 < heaviestOwner) return false;
      }
    }
    return true;
  }

  /** The most partitions any balancing member holding a partition of `topic` has. */
  private heaviestOwnerCount(topic: string): number {
    let heaviest = 0;
    for (const tp of this.partitionsByTopic.get(topic)!) {
      const owner = this.currentPartitionConsumer.get(tp);
      // Owners left out of balancing are skipped, as Kafka's map of current owners leaves them out.
      const ownerPartitions = owner === undefined ? undefined : this.currentAssignment.get(owner);
      if (ownerPartitions !== undefined && ownerPartitions.length > heaviest) heaviest = ownerPartitions.length;
    }
    return heaviest;
  }

  private getMaxAssignmentSize(allSubscribedTopics: readonly string[]): number {
    if (allSubscribedTopics.length === this.partitionsPerTopic.size) return this.totalPartitionsCount;
    let size = 0;
    for (const topic of allSubscribedTopics) size += this.partitionsPerTopic.get(topic)!;
    return size;
  }

  /**
   * Kafka's balance score: the sum of |a - b| over all pairs of member partition counts (0 is
   * perfectly balanced). Computed over the sorted counts in O(n log n) instead of Kafka's pairwise loop.
   */
  private static getBalanceScore(assignment: ReadonlyMap<string, readonly TopicPartition[]>): number {
    const sizes = [...assignment.values()].map((partitions) => partitions.length).sort((a, b) => a - b);
    let score = 0;
    let prefix = 0;
    for (let i = 0; i < sizes.length; i++) {
      score += i * sizes[i] - prefix;
      prefix += sizes[i];
    }
    return score;
  }

  /** Gives a partition to the least-loaded member subscribed to its topic. */
  private maybeAssignPartition(partition: TopicPartition): boolean {
    const consumer = this.leastLoadedConsumerOf(partition.topic);
    if (consumer === undefined) return false;
    this.sortedCurrentSubscriptions.remove(consumer);
    this.currentAssignment.get(consumer)!.push(partition);
    this.currentPartitionConsumer.set(partition, consumer);
    this.sortedCurrentSubscriptions.add(consumer);
    return true;
  }

  /** The first member in sortedCurrentSubscriptions order that subscribes to `topic`. */
  private leastLoadedConsumerOf(topic: string): string | undefined {
    return this.sortedCurrentSubscriptions.find((consumer) => this.consumer2AllPotentialTopicSet.get(consumer)!.has(topic));
  }

  /** Step 4 (Kafka's maybeAssign without rack matching; nothing is removed from the list). */
  private maybeAssign(unassignedPartitions: readonly TopicPartition[]): void {
    for (const partition of unassignedPartitions) {
      if (this.topic2AllPotentialConsumers.get(partition.topic)!.length === 0) continue;
      this.maybeAssignPartition(partition);
    }
  }

  private canTopicParticipateInReassignment(topic: string): boolean {
    // Only a topic two or more members can take can move.
    return this.topic2AllPotentialConsumers.get(topic)!.length >= 2;
  }

  private canConsumerParticipateInReassignment(consumer: string): boolean {
    const currentPartitions = this.currentAssignment.get(consumer)!;
    const maxAssignmentSize = this.getMaxAssignmentSize(this.consumer2AllPotentialTopics.get(consumer)!);
    // A member without all the partitions it could have can take more.
    if (currentPartitions.length < maxAssignmentSize) return true;
    // A member holding a partition that could move can give it up.
    return currentPartitions.some((partition) => this.canTopicParticipateInReassignment(partition.topic));
  }

  /** Steps 4-5. */
  private balance(
    prevAssignment: ReadonlyMap<TopicPartition, ConsumerGenerationPair>,
    unassignedPartitions: TopicPartition[],
  ): void {
    const initializing = this.currentAssignment.get(this.sortedCurrentSubscriptions.last())!.length === 0;

    // Kafka assigns with rack matching first when consumers have racks; ours never do.
    this.maybeAssign(unassignedPartitions);

    // Narrow the reassignment down to partitions that can move...
    const fixedPartitions = new Set<TopicPartition>();
    for (const topic of this.topic2AllPotentialConsumers.keys()) {
      if (!this.canTopicParticipateInReassignment(topic)) {
        for (const tp of this.partitionsByTopic.get(topic)!) fixedPartitions.add(tp);
      }
    }
    removeAll(this.sortedAllPartitions, fixedPartitions);
    removeAll(unassignedPartitions, fixedPartitions);

    // ...and to members that can take part.
    const fixedAssignments = new Map<string, TopicPartition[]>();
    for (const consumer of this.consumer2AllPotentialTopics.keys()) {
      if (!this.canConsumerParticipateInReassignment(consumer)) {
        this.sortedCurrentSubscriptions.remove(consumer);
        fixedAssignments.set(consumer, this.currentAssignment.get(consumer)!);
        this.currentAssignment.delete(consumer);
      }
    }

    // Keep a copy to go back to if balancing does not make things better.
    const preBalanceAssignment = deepCopy(this.currentAssignment);
    const preBalancePartitionConsumers = new Map(this.currentPartitionConsumer);

    // Without a forced revocation, first try to balance by moving only the newly added partitions.
    if (!this.revocationRequired) this.performReassignments(unassignedPartitions, prevAssignment);
    const reassignmentPerformed = this.performReassignments(this.sortedAllPartitions, prevAssignment);

    if (
      !initializing &&
      reassignmentPerformed &&
      GeneralAssignmentBuilder.getBalanceScore(this.currentAssignment) >=
        GeneralAssignmentBuilder.getBalanceScore(preBalanceAssignment)
    ) {
      // Moving owned partitions did not improve the balance: keep them where they were.
      this.currentAssignment.clear();
      for (const [consumer, partitions] of preBalanceAssignment) this.currentAssignment.set(consumer, [...partitions]);
      this.currentPartitionConsumer.clear();
      for (const [tp, consumer] of preBalancePartitionConsumers) this.currentPartitionConsumer.set(tp, consumer);
    }

    // Put the members that could not take part back.
    for (const [consumer, partitions] of fixedAssignments) {
      this.currentAssignment.set(consumer, partitions);
      this.sortedCurrentSubscriptions.add(consumer);
    }
  }

  /** Step 5: move partitions towards less-loaded members until no move helps. */
  private performReassignments(
    reassignablePartitions: readonly TopicPartition[],
    prevAssignment: ReadonlyMap<TopicPartition, ConsumerGenerationPair>,
  ): boolean {
    let reassignmentPerformed = false;
    let modified: boolean;
    do {
      modified = false;
      for (let i = 0; i < reassignablePartitions.length && !this.isBalanced(); i++) {
        const partition = reassignablePartitions[i];
        // Kafka logs an error if the topic has under two potential consumers or the partition no consumer.
        const consumer = this.currentPartitionConsumer.get(partition)!;
        const currentSize = this.currentAssignment.get(consumer)!.length;

        // Hand it back to its owner of an older generation if that member is 2+ partitions lighter.
        // Kept as Kafka does it: the topic is not checked, so a member that has since unsubscribed
        // can get it back. (Kafka would throw if that member took no part in balancing; we skip the rule then.)
        const previousOwner = prevAssignment.get(partition);
        const previousOwnerPartitions =
          previousOwner === undefined ? undefined : this.currentAssignment.get(previousOwner.consumer);
        if (previousOwner !== undefined && previousOwnerPartitions !== undefined && currentSize > previousOwnerPartitions.length + 1) {
          this.reassignPartitionTo(partition, previousOwner.consumer);
          reassignmentPerformed = true;
          modified = true;
          continue;
        }

        // Move it if some member that can take it is 2+ partitions lighter.
        // (Kafka first looks for such a member on the partition's rack; we have no racks.)
        for (const otherConsumer of this.topic2AllPotentialConsumers.get(partition.topic)!) {
          if (currentSize > this.currentAssignment.get(otherConsumer)!.length + 1) {
            this.reassignPartition(partition);
            reassignmentPerformed = true;
            modified = true;
            break;
          }
        }
      }
    } while (modified);
    return reassignmentPerformed;
  }

  /** Moves a partition to the least-loaded member subscribed to its topic. */
  private reassignPartition(partition: TopicPartition): void {
    const newConsumer = this.leastLoadedConsumerOf(partition.topic);
    if (newConsumer !== undefined) this.reassignPartitionTo(partition, newConsumer);
  }

  private reassignPartitionTo(partition: TopicPartition, newConsumer: string): void {
    const consumer = this.currentPartitionConsumer.get(partition)!;
    // Undo an earlier opposite move of the same topic instead, if there is one (stickiness).
    const partitionToBeMoved = this.partitionMovements.getTheActualPartitionToBeMoved(partition, consumer, newConsumer);
    this.processPartitionMovement(partitionToBeMoved, newConsumer);
  }

  private processPartitionMovement(partition: TopicPartition, newConsumer: string): void {
    const oldConsumer = this.currentPartitionConsumer.get(partition)!;
    this.sortedCurrentSubscriptions.remove(oldConsumer);
    this.sortedCurrentSubscriptions.remove(newConsumer);

    this.partitionMovements.movePartition(partition, oldConsumer, newConsumer);

    removeFirst(this.currentAssignment.get(oldConsumer)!, partition);
    this.currentAssignment.get(newConsumer)!.push(partition);
    this.currentPartitionConsumer.set(partition, newConsumer);
    this.sortedCurrentSubscriptions.add(newConsumer);
    this.sortedCurrentSubscriptions.add(oldConsumer);
  }
}

/** Java's List.removeAll(set), in place. */
function removeAll(list: TopicPartition[], toRemove: ReadonlySet<TopicPartition>): void {
  if (toRemove.size === 0) return;
  let kept = 0;
  for (const tp of list) if (!toRemove.has(tp)) list[kept++] = tp;
  list.length = kept;
}

function deepCopy(assignment: ReadonlyMap<string, readonly TopicPartition[]>): Map<string, TopicPartition[]> {
  const copy = new Map<string, TopicPartition[]>();
  for (const [consumer, partitions] of assignment) copy.set(consumer, [...partitions]);
  return copy;
}
