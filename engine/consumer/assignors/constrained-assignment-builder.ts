import { compareStrings, type TopicPartitionRegistry } from "./topic-partition.js";
import type { TopicPartition } from "./types.js";

/**
 * Kafka's AbstractStickyAssignor.ConstrainedAssignmentBuilder: the sticky assignment when every
 * member subscribes to the same topics. With P partitions and N members each member gets
 * minQuota = floor(P/N) or maxQuota = ceil(P/N) partitions, and exactly P % N members get
 * maxQuota. Steps:
 *   1. each member keeps owned partitions up to its quota (maxQuota while maxQuota places are
 *      left, otherwise minQuota); the rest of what it owned is revoked;
 *   2. (rack-aware round robin: skipped, our engine has no racks);
 *   3. the unassigned partitions, sorted by topic and partition, are dealt round robin to the
 *      members still under minQuota (in member id order), then to those at exactly minQuota.
 */
export class ConstrainedAssignmentBuilder {
  /**
   * Partitions handed to a member while another member still owns them (they were revoked from
   * an over-quota owner, or claimed by two members of one generation), with their new owner.
   */
  readonly partitionsTransferringOwnership = new Map<TopicPartition, string>();

  private readonly allRevokedPartitions = new Set<TopicPartition>();
  // Members that may still get partitions to reach their quota. Kafka's LinkedLists.
  private readonly unfilledMembersWithUnderMinQuotaPartitions: string[] = [];
  private readonly unfilledMembersWithExactlyMinQuotaPartitions = new FifoQueue<string>();

  private readonly minQuota: number;
  private readonly maxQuota: number;
  // How many members should end with maxQuota (zero when the partitions divide evenly), and how many do so far.
  private readonly expectedNumMembersWithOverMinQuotaPartitions: number;
  private currentNumMembersWithOverMinQuotaPartitions = 0;

  private readonly assignment = new Map<string, TopicPartition[]>();
  private readonly assignedPartitions: TopicPartition[] = [];

  /**
   * @param partitionsPerTopic the partition count of every subscribed topic
   * @param currentAssignment each member's still-valid owned partitions, iterated in Kafka's HashMap order
   * @param partitionsWithMultiplePreviousOwners partitions two members of one generation both claimed
   */
  constructor(
    private readonly partitionsPerTopic: ReadonlyMap<string, number>,
    private readonly currentAssignment: ReadonlyMap<string, readonly TopicPartition[]>,
    private readonly partitionsWithMultiplePreviousOwners: ReadonlySet<TopicPartition>,
    private readonly topicPartitions: TopicPartitionRegistry,
  ) {
    let total = 0;
    for (const count of partitionsPerTopic.values()) total += count;
    const numberOfConsumers = currentAssignment.size;
    this.minQuota = Math.floor(total / numberOfConsumers);
    this.maxQuota = Math.ceil(total / numberOfConsumers);
    this.expectedNumMembersWithOverMinQuotaPartitions = total % numberOfConsumers;
    for (const consumer of currentAssignment.keys()) this.assignment.set(consumer, []);
  }

  build(): Map<string, TopicPartition[]> {
    this.assignOwnedPartitions();
    const unassignedPartitions = this.getUnassignedPartitions(this.assignedPartitions);
    this.unfilledMembersWithUnderMinQuotaPartitions.sort(compareStrings);
    this.unfilledMembersWithExactlyMinQuotaPartitions.sort(compareStrings);
    // Kafka's assignRackAwareRoundRobin returns at once without consumer racks, which we never have.
    this.assignRoundRobin(unassignedPartitions);
    this.verifyUnfilledMembers();
    return this.assignment;
  }

  /** Step 1: reassign previously owned partitions, up to the expected number per member. */
  private assignOwnedPartitions(): void {
    for (const [consumer, owned] of this.currentAssignment) {
      // Sorted by partition, then topic, so a member keeps a spread of topics when it must give some up.
      // Kafka also drops any partition two members of one generation claimed; lists hold each
      // partition once, so filtering is the same as its remove() per doubly claimed partition.
      const ownedPartitions = owned
        .filter((tp) => !this.partitionsWithMultiplePreviousOwners.has(tp))
        .sort((a, b) => (a.partition !== b.partition ? a.partition - b.partition : compareStrings(a.topic, b.topic)));
      const consumerAssignment = this.assignment.get(consumer)!;

      if (ownedPartitions.length < this.minQuota) {
        // Keep all it owns; it needs more.
        this.keep(consumerAssignment, ownedPartitions);
        this.unfilledMembersWithUnderMinQuotaPartitions.push(consumer);
      } else if (
        ownedPartitions.length >= this.maxQuota &&
        this.currentNumMembersWithOverMinQuotaPartitions < this.expectedNumMembersWithOverMinQuotaPartitions
      ) {
        // A maxQuota place is still free: keep maxQuota, revoke the rest.
        this.currentNumMembersWithOverMinQuotaPartitions++;
        if (this.currentNumMembersWithOverMinQuotaPartitions === this.expectedNumMembersWithOverMinQuotaPartitions) {
          this.unfilledMembersWithExactlyMinQuotaPartitions.clear();
        }
        this.keep(consumerAssignment, ownedPartitions.slice(0, this.maxQuota));
        for (const tp of ownedPartitions.slice(this.maxQuota)) this.allRevokedPartitions.add(tp);
      } else {
        // Keep minQuota, revoke the rest; it may still be topped up to maxQuota.
        this.keep(consumerAssignment, ownedPartitions.slice(0, this.minQuota));
        for (const tp of ownedPartitions.slice(this.minQuota)) this.allRevokedPartitions.add(tp);
        if (this.currentNumMembersWithOverMinQuotaPartitions < this.expectedNumMembersWithOverMinQuotaPartitions) {
          this.unfilledMembersWithExactlyMinQuotaPartitions.add(consumer);
        }
      }
    }
  }

  private keep(consumerAssignment: TopicPartition[], partitions: readonly TopicPartition[]): void {
    for (const tp of partitions) {
      consumerAssignment.push(tp);
      this.assignedPartitions.push(tp);
    }
  }

  /** Step 3: round robin over the unfilled members, up to minQuota first, then to maxQuota. */
  private assignRoundRobin(unassignedPartitions: readonly TopicPartition[]): void {
    const underMinQuota = this.unfilledMembersWithUnderMinQuotaPartitions;
    let unfilledConsumerIter = new ListIterator(underMinQuota);
    for (const unassignedPartition of unassignedPartitions) {
      let consumer: string;
      if (unfilledConsumerIter.hasNext()) {
        consumer = unfilledConsumerIter.next();
      } else if (underMinQuota.length === 0 && this.unfilledMembersWithExactlyMinQuotaPartitions.isEmpty()) {
        // Cannot happen: the quotas add up to the partition count. Kafka throws IllegalStateException.
        throw new Error(
          `No more unfilled consumers to be assigned, but partition ${unassignedPartition.topic}-${unassignedPartition.partition} is unassigned`,
        );
      } else if (underMinQuota.length === 0) {
        consumer = this.unfilledMembersWithExactlyMinQuotaPartitions.poll()!;
      } else {
        unfilledConsumerIter = new ListIterator(underMinQuota);
        consumer = unfilledConsumerIter.next();
      }

      const currentAssignedCount = this.assignNewPartition(unassignedPartition, consumer);
      if (currentAssignedCount === this.minQuota) {
        unfilledConsumerIter.remove();
        this.unfilledMembersWithExactlyMinQuotaPartitions.add(consumer);
      } else if (currentAssignedCount === this.maxQuota) {
        // Kafka logs an error if this fills the last maxQuota place before the last partition.
        this.currentNumMembersWithOverMinQuotaPartitions++;
      }
    }
  }

  private assignNewPartition(unassignedPartition: TopicPartition, consumer: string): number {
    const consumerAssignment = this.assignment.get(consumer)!;
    consumerAssignment.push(unassignedPartition);
    // Owned partitions were all placed in step 1, so this one is new to this member; if someone
    // else still owns it, it is changing hands.
    if (
      this.allRevokedPartitions.has(unassignedPartition) ||
      this.partitionsWithMultiplePreviousOwners.has(unassignedPartition)
    ) {
      this.partitionsTransferringOwnership.set(unassignedPartition, consumer);
    }
    return consumerAssignment.length;
  }

  private verifyUnfilledMembers(): void {
    if (this.unfilledMembersWithUnderMinQuotaPartitions.length === 0) return;
    // Left-over members are fine only if they reached minQuota and every maxQuota place is taken.
    if (this.currentNumMembersWithOverMinQuotaPartitions !== this.expectedNumMembersWithOverMinQuotaPartitions) {
      throw new Error(
        "We haven't reached the expected number of members with more than the minQuota partitions, but no more partitions to be assigned",
      );
    }
    for (const unfilledMember of this.unfilledMembersWithUnderMinQuotaPartitions) {
      if (this.assignment.get(unfilledMember)!.length !== this.minQuota) {
        throw new Error(`Consumer: [${unfilledMember}] doesn't reach minQuota partitions, and no more partitions to be assigned`);
      }
    }
  }

  /**
   * All partitions of the subscribed topics, topics in name order and partitions in number
   * order, minus the assigned ones. Kafka walks two sorted lists; a set gives the same list.
   */
  private getUnassignedPartitions(assignedPartitions: readonly TopicPartition[]): TopicPartition[] {
    const assigned = new Set(assignedPartitions);
    const sortedAllTopics = [...this.partitionsPerTopic.keys()].sort(compareStrings);
    const unassignedPartitions: TopicPartition[] = [];
    for (const topic of sortedAllTopics) {
      const count = this.partitionsPerTopic.get(topic)!;
      for (let i = 0; i < count; i++) {
        const tp = this.topicPartitions.get(topic, i);
        if (!assigned.has(tp)) unassignedPartitions.push(tp);
      }
    }
    return unassignedPartitions;
  }
}

/** Java's Iterator over a list with remove(): removes the element the last next() returned. */
class ListIterator<T> {
  private cursor = 0;
  private lastReturned = -1;

  constructor(private readonly list: T[]) {}

  hasNext(): boolean {
    return this.cursor < this.list.length;
  }

  next(): T {
    this.lastReturned = this.cursor;
    return this.list[this.cursor++];
  }

  remove(): void {
    if (this.lastReturned < 0) throw new Error("ListIterator.remove() called twice or before next()");
    this.list.splice(this.lastReturned, 1);
    this.cursor = this.lastReturned;
    this.lastReturned = -1;
  }
}

/** The LinkedList operations Kafka uses as a queue: add at the tail, poll from the head, sort, clear. */
class FifoQueue<T> {
  private items: T[] = [];
  private head = 0;

  add(item: T): void {
    this.items.push(item);
  }

  poll(): T | undefined {
    if (this.head === this.items.length) return undefined;
    return this.items[this.head++];
  }

  isEmpty(): boolean {
    return this.head === this.items.length;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }

  sort(compare: (a: T, b: T) => number): void {
    this.items = this.items.slice(this.head).sort(compare);
    this.head = 0;
  }
}
