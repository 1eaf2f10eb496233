// Cases ported from Kafka's AbstractStickyAssignorTest (non-rack configurations). Kafka runs them
// for both StickyAssignor and CooperativeStickyAssignor; so do we. For cooperative-sticky,
// verifyValidityAndBalance runs the follow-up rebalances and leaves the final assignment behind.
import { describe, expect, it } from "vitest";
import { assignStickyPartitions } from "../../../../engine/consumer/assignors/abstract-sticky-assignor.js";
import { readGroupSubscription } from "../../../../engine/consumer/assignors/group-subscription.js";
import {
  cooperativeStickyAssignor,
  stickyAssignor,
  type PartitionAssignor,
  type Subscription,
  type TopicPartition,
} from "../../../../engine/consumer/assignors/index.js";
import {
  asKeySet,
  buildSubscriptionV2Above,
  canonicalName,
  DEFAULT_GENERATION,
  isFullyBalanced,
  parsePartitions,
  partitions,
  seededRandom,
  subscription,
  topics,
  toSortedString,
  tp,
  verifyValidityAndBalance,
} from "./helpers.js";

const consumerId = "consumer";
const consumer1 = "consumer1";
const consumer2 = "consumer2";
const consumer3 = "consumer3";
const consumer4 = "consumer4";
const topic = "topic";
const topic1 = "topic1";
const topic2 = "topic2";
const topic3 = "topic3";
const generationId = 1;

/** Kafka's `assignor.partitionsTransferringOwnership` after assigning these inputs, as "topic-p" -> member. */
function partitionsTransferringOwnership(
  partitionsPerTopic: Record<string, number>,
  subscriptions: Record<string, Subscription>,
): Record<string, string> | null {
  const transferring = assignStickyPartitions(readGroupSubscription(partitionsPerTopic, subscriptions)).partitionsTransferringOwnership;
  if (transferring === null) return null;
  return Object.fromEntries([...transferring].map(([p, member]) => [`${p.topic}-${p.partition}`, member]));
}

describe.each([
  ["sticky", stickyAssignor],
  ["cooperative-sticky", cooperativeStickyAssignor],
])("G-ASSIGN: %s assignor (Kafka's AbstractStickyAssignorTest)", (_name, assignor: PartitionAssignor) => {
  const verify = (
    subscriptions: Record<string, Subscription>,
    assignment: Record<string, TopicPartition[]>,
    partitionsPerTopic: Record<string, number>,
  ) => verifyValidityAndBalance(assignor, subscriptions, assignment, partitionsPerTopic, generationId);

  it("G-ASSIGN: a member subscribed to nothing gets nothing (testOneConsumerNoTopic)", () => {
    const partitionsPerTopic = {};
    const subscriptions = { [consumerId]: subscription([]) };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(assignment).toEqual({ [consumerId]: [] });
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    verify(subscriptions, assignment, partitionsPerTopic);
  });

  it("G-ASSIGN: a topic with no partitions gives nothing (testOneConsumerNonexistentTopic)", () => {
    const partitionsPerTopic = { [topic]: 0 };
    const subscriptions = { [consumerId]: subscription([topic]) };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(assignment).toEqual({ [consumerId]: [] });
    verify(subscriptions, assignment, partitionsPerTopic);
  });

  it("G-ASSIGN: one member gets every partition (testOneConsumerOneTopic)", () => {
    const assignment = assignor.assign({ [topic]: 3 }, { [consumerId]: subscription([topic]) });
    expect(assignment[consumerId]).toEqual(partitions(tp(topic, 0), tp(topic, 1), tp(topic, 2)));
  });

  it("G-ASSIGN: owned partitions of unsubscribed topics are dropped (testOnlyAssignsPartitionsFromSubscribedTopics)", () => {
    const partitionsPerTopic = { [topic]: 2 };
    const subscriptions = {
      [consumerId]: buildSubscriptionV2Above(
        topics(topic),
        [tp(topic, 0), tp(topic, 1), tp("other", 0), tp("other", 1)],
        generationId,
      ),
    };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(assignment[consumerId]).toEqual(partitions(tp(topic, 0), tp(topic, 1)));
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    verify(subscriptions, assignment, partitionsPerTopic);
  });

  it("G-ASSIGN: partitions of topics nobody subscribes to are never assigned (testOnlyAssignsPartitionsFromSubscribedTopics, Kafka 2.x form)", () => {
    const assignment = assignor.assign({ [topic]: 3, other: 3 }, { [consumerId]: subscription([topic]) });
    expect(assignment[consumerId]).toEqual(partitions(tp(topic, 0), tp(topic, 1), tp(topic, 2)));
  });

  it("G-ASSIGN: one member gets every partition of its topics (testOneConsumerMultipleTopics)", () => {
    const assignment = assignor.assign({ [topic1]: 1, [topic2]: 2 }, { [consumerId]: subscription([topic1, topic2]) });
    expect(assignment[consumerId]).toEqual(partitions(tp(topic1, 0), tp(topic2, 0), tp(topic2, 1)));
  });

  it("G-ASSIGN: one partition, two members (testTwoConsumersOneTopicOnePartition)", () => {
    const partitionsPerTopic = { [topic]: 1 };
    const subscriptions = { [consumer1]: subscription([topic]), [consumer2]: subscription([topic]) };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(assignment).toEqual({ [consumer1]: [tp(topic, 0)], [consumer2]: [] });
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    verify(subscriptions, assignment, partitionsPerTopic);
    expect(isFullyBalanced(assignment)).toBe(true);
  });

  it("G-ASSIGN: two partitions, two members (testTwoConsumersOneTopicTwoPartitions)", () => {
    const assignment = assignor.assign({ [topic]: 2 }, { [consumer1]: subscription([topic]), [consumer2]: subscription([topic]) });
    expect(assignment).toEqual({ [consumer1]: [tp(topic, 0)], [consumer2]: [tp(topic, 1)] });
  });

  it("G-ASSIGN: mixed subscriptions are balanced by the general algorithm (testMultipleConsumersMixedTopicSubscriptions)", () => {
    const partitionsPerTopic = { [topic1]: 3, [topic2]: 2 };
    const subscriptions = {
      [consumer1]: subscription([topic1]),
      [consumer2]: subscription([topic1, topic2]),
      [consumer3]: subscription([topic1]),
    };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(assignment).toEqual({
      [consumer1]: [tp(topic1, 0), tp(topic1, 2)],
      [consumer2]: [tp(topic2, 0), tp(topic2, 1)],
      [consumer3]: [tp(topic1, 1)],
    });
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toBeNull();
    verify(subscriptions, assignment, partitionsPerTopic);
    expect(isFullyBalanced(assignment)).toBe(true);
  });

  it("G-ASSIGN: two topics are dealt round robin over sorted members (testTwoConsumersTwoTopicsSixPartitions)", () => {
    const assignment = assignor.assign(
      { [topic1]: 3, [topic2]: 3 },
      { [consumer1]: subscription([topic1, topic2]), [consumer2]: subscription([topic1, topic2]) },
    );
    expect(assignment).toEqual({
      [consumer1]: [tp(topic1, 0), tp(topic1, 2), tp(topic2, 1)],
      [consumer2]: [tp(topic1, 1), tp(topic2, 0), tp(topic2, 2)],
    });
  });

  it("G-ASSIGN: a member owning minQuota is topped up to maxQuota (testConsumerOwningMinQuotaExpectedMaxQuota)", () => {
    const partitionsPerTopic = { [topic1]: 2, [topic2]: 3 };
    const subscribed = topics(topic1, topic2);
    const subscriptions = {
      [consumer1]: buildSubscriptionV2Above(subscribed, [tp(topic1, 0), tp(topic2, 1)], generationId),
      [consumer2]: buildSubscriptionV2Above(subscribed, [tp(topic1, 1), tp(topic2, 2)], generationId),
    };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(assignment).toEqual({
      [consumer1]: [tp(topic1, 0), tp(topic2, 1), tp(topic2, 0)],
      [consumer2]: [tp(topic1, 1), tp(topic2, 2)],
    });
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    verify(subscriptions, assignment, partitionsPerTopic);
  });

  it("G-ASSIGN: with too many maxQuota owners, the one Kafka's HashMap meets later gives one up (testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers)", () => {
    const partitionsPerTopic = { [topic1]: 2, [topic2]: 2 };
    const subscribed = topics(topic1, topic2);
    const subscriptions = {
      [consumer1]: buildSubscriptionV2Above(subscribed, [tp(topic1, 0), tp(topic2, 0)], generationId),
      [consumer2]: buildSubscriptionV2Above(subscribed, [tp(topic1, 1), tp(topic2, 1)], generationId),
      [consumer3]: buildSubscriptionV2Above(subscribed, [], generationId),
    };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({ "topic2-0": consumer3 });
    verify(subscriptions, assignment, partitionsPerTopic);
    expect(assignment).toEqual({
      [consumer1]: [tp(topic1, 0)],
      [consumer2]: [tp(topic1, 1), tp(topic2, 1)],
      [consumer3]: [tp(topic2, 0)],
    });
  });

  it("G-ASSIGN: members all under minQuota keep theirs and are filled (testAllConsumersAreUnderMinQuota)", () => {
    const partitionsPerTopic = { [topic1]: 2, [topic2]: 3 };
    const subscribed = topics(topic1, topic2);
    const subscriptions = {
      [consumer1]: buildSubscriptionV2Above(subscribed, [tp(topic1, 0)], generationId),
      [consumer2]: buildSubscriptionV2Above(subscribed, [tp(topic1, 1)], generationId),
      [consumer3]: buildSubscriptionV2Above(subscribed, [], generationId),
    };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    verify(subscriptions, assignment, partitionsPerTopic);
    expect(assignment).toEqual({
      [consumer1]: [tp(topic1, 0), tp(topic2, 1)],
      [consumer2]: [tp(topic1, 1), tp(topic2, 2)],
      [consumer3]: [tp(topic2, 0)],
    });
  });

  it("G-ASSIGN: adding then removing a member moves only what balance needs (testAddRemoveConsumerOneTopic)", () => {
    const partitionsPerTopic = { [topic]: 3 };
    const subscriptions: Record<string, Subscription> = { [consumer1]: subscription([topic]) };
    let assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(assignment[consumer1]).toEqual([tp(topic, 0), tp(topic, 1), tp(topic, 2)]);
    verify(subscriptions, assignment, partitionsPerTopic);

    subscriptions[consumer1] = buildSubscriptionV2Above([topic], assignment[consumer1], generationId);
    subscriptions[consumer2] = buildSubscriptionV2Above([topic], [], generationId);
    assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({ "topic-2": consumer2 });
    verify(subscriptions, assignment, partitionsPerTopic);
    expect(assignment[consumer1]).toEqual([tp(topic, 0), tp(topic, 1)]);
    expect(assignment[consumer2]).toEqual([tp(topic, 2)]);

    delete subscriptions[consumer1];
    subscriptions[consumer2] = buildSubscriptionV2Above([topic], assignment[consumer2], generationId);
    assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(asKeySet(assignment[consumer2])).toEqual(new Set(["topic-2", "topic-1", "topic-0"]));
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    verify(subscriptions, assignment, partitionsPerTopic);
  });

  it("G-ASSIGN: every topic stays evenly spread as members join and leave (testTopicBalanceAfterReassignment)", () => {
    const allTopics = topics(topic1, topic2);
    const partitionsPerTopic = { [topic1]: 12, [topic2]: 12 };
    const subscriptions: Record<string, Subscription> = { [consumer1]: subscription(allTopics) };
    const expectPerTopic = (assignment: Record<string, TopicPartition[]>, count: number) => {
      for (const tps of Object.values(assignment)) {
        expect(tps.filter((p) => p.topic === topic1).length).toBe(count);
        expect(tps.filter((p) => p.topic === topic2).length).toBe(count);
      }
    };
    let assignment = assignor.assign(partitionsPerTopic, subscriptions);
    verify(subscriptions, assignment, partitionsPerTopic);
    expectPerTopic(assignment, 12);
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});

    subscriptions[consumer1] = buildSubscriptionV2Above(allTopics, assignment[consumer1], generationId);
    subscriptions[consumer2] = buildSubscriptionV2Above(allTopics, [], generationId);
    assignment = assignor.assign(partitionsPerTopic, subscriptions);
    verify(subscriptions, assignment, partitionsPerTopic);
    expectPerTopic(assignment, 6);

    subscriptions[consumer1] = buildSubscriptionV2Above(allTopics, assignment[consumer1], generationId);
    subscriptions[consumer2] = buildSubscriptionV2Above(allTopics, assignment[consumer2], generationId);
    subscriptions[consumer3] = buildSubscriptionV2Above(allTopics, [], generationId);
    subscriptions[consumer4] = buildSubscriptionV2Above(allTopics, [], generationId);
    assignment = assignor.assign(partitionsPerTopic, subscriptions);
    verify(subscriptions, assignment, partitionsPerTopic);
    expectPerTopic(assignment, 3);

    delete subscriptions[consumer1];
    delete subscriptions[consumer2];
    subscriptions[consumer3] = buildSubscriptionV2Above(allTopics, assignment[consumer3], generationId);
    subscriptions[consumer4] = buildSubscriptionV2Above(allTopics, assignment[consumer4], generationId);
    assignment = assignor.assign(partitionsPerTopic, subscriptions);
    verify(subscriptions, assignment, partitionsPerTopic);
    expectPerTopic(assignment, 6);
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
  });

  it("G-ASSIGN: adding and removing two members over two topics (testAddRemoveTwoConsumersTwoTopics)", () => {
    const allTopics = topics(topic1, topic2);
    const partitionsPerTopic = { [topic1]: 3, [topic2]: 4 };
    const subscriptions: Record<string, Subscription> = {
      [consumer1]: subscription(allTopics),
      [consumer2]: subscription(allTopics),
    };
    let assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(assignment[consumer1]).toEqual([tp(topic1, 0), tp(topic1, 2), tp(topic2, 1), tp(topic2, 3)]);
    expect(assignment[consumer2]).toEqual([tp(topic1, 1), tp(topic2, 0), tp(topic2, 2)]);
    verify(subscriptions, assignment, partitionsPerTopic);

    subscriptions[consumer1] = buildSubscriptionV2Above(allTopics, assignment[consumer1], generationId);
    subscriptions[consumer2] = buildSubscriptionV2Above(allTopics, assignment[consumer2], generationId);
    subscriptions[consumer3] = buildSubscriptionV2Above(allTopics, [], generationId);
    subscriptions[consumer4] = buildSubscriptionV2Above(allTopics, [], generationId);
    assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({
      "topic1-2": consumer3,
      "topic2-3": consumer3,
      "topic2-2": consumer4,
    });
    verify(subscriptions, assignment, partitionsPerTopic);
    // Owned partitions are kept in (partition, topic) order, so each member keeps a spread of topics.
    expect(assignment).toEqual({
      [consumer1]: [tp(topic1, 0), tp(topic2, 1)],
      [consumer2]: [tp(topic2, 0), tp(topic1, 1)],
      [consumer3]: [tp(topic1, 2), tp(topic2, 3)],
      [consumer4]: [tp(topic2, 2)],
    });

    delete subscriptions[consumer1];
    delete subscriptions[consumer2];
    subscriptions[consumer3] = buildSubscriptionV2Above(allTopics, assignment[consumer3], generationId);
    subscriptions[consumer4] = buildSubscriptionV2Above(allTopics, assignment[consumer4], generationId);
    assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(assignment).toEqual({
      [consumer3]: [tp(topic1, 2), tp(topic2, 3), tp(topic1, 0), tp(topic2, 1)],
      [consumer4]: [tp(topic2, 2), tp(topic1, 1), tp(topic2, 0)],
    });
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    verify(subscriptions, assignment, partitionsPerTopic);
  });

  it("G-ASSIGN: a case round robin handles poorly is balanced (testPoorRoundRobinAssignmentScenario)", () => {
    const partitionsPerTopic: Record<string, number> = {};
    for (let i = 1; i <= 5; i++) partitionsPerTopic[`topic${i}`] = (i % 2) + 1;
    const subscriptions = {
      consumer1: subscription(["topic1", "topic2", "topic3", "topic4", "topic5"]),
      consumer2: subscription(["topic1", "topic3", "topic5"]),
      consumer3: subscription(["topic1", "topic3", "topic5"]),
      consumer4: subscription(["topic1", "topic2", "topic3", "topic4", "topic5"]),
    };
    verify(subscriptions, assignor.assign(partitionsPerTopic, subscriptions), partitionsPerTopic);
  });

  it("G-ASSIGN: adding and removing a topic keeps every member's partitions (testAddRemoveTopicTwoConsumers)", () => {
    const partitionsPerTopic: Record<string, number> = { [topic]: 3 };
    const subscriptions: Record<string, Subscription> = { [consumer1]: subscription([topic]), [consumer2]: subscription([topic]) };
    let assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    expect(isFullyBalanced(assignment)).toBe(true);
    verify(subscriptions, assignment, partitionsPerTopic);
    const consumer1Assignment1 = assignment[consumer1];
    const consumer2Assignment1 = assignment[consumer2];
    expect([consumer1Assignment1.length, consumer2Assignment1.length].sort()).toEqual([1, 2]);

    partitionsPerTopic[topic2] = 3;
    subscriptions[consumer1] = buildSubscriptionV2Above([topic, topic2], assignment[consumer1], generationId);
    subscriptions[consumer2] = buildSubscriptionV2Above([topic, topic2], assignment[consumer2], generationId);
    assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    verify(subscriptions, assignment, partitionsPerTopic);
    const consumer1assignment = assignment[consumer1];
    const consumer2assignment = assignment[consumer2];
    expect([consumer1assignment.length, consumer2assignment.length]).toEqual([3, 3]);
    expect(consumer1assignment).toEqual(expect.arrayContaining(consumer1Assignment1));
    expect(consumer2assignment).toEqual(expect.arrayContaining(consumer2Assignment1));

    delete partitionsPerTopic[topic];
    subscriptions[consumer1] = buildSubscriptionV2Above([topic2], assignment[consumer1], generationId);
    subscriptions[consumer2] = buildSubscriptionV2Above([topic2], assignment[consumer2], generationId);
    assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    verify(subscriptions, assignment, partitionsPerTopic);
    expect([assignment[consumer1].length, assignment[consumer2].length].sort()).toEqual([1, 2]);
    expect(consumer1assignment).toEqual(expect.arrayContaining(assignment[consumer1]));
    expect(consumer2assignment).toEqual(expect.arrayContaining(assignment[consumer2]));
  });

  it("G-ASSIGN: one of nineteen members with nested subscriptions leaves (testReassignmentAfterOneConsumerLeaves)", () => {
    const partitionsPerTopic: Record<string, number> = {};
    for (let i = 1; i < 20; i++) partitionsPerTopic[canonicalName("t", i, 20)] = i;
    const subscriptions: Record<string, Subscription> = {};
    for (let i = 1; i < 20; i++) {
      const topicList: string[] = [];
      for (let j = 1; j <= i; j++) topicList.push(canonicalName("t", j, 20));
      subscriptions[canonicalName("c", i, 20)] = subscription(topicList);
    }
    let assignment = assignor.assign(partitionsPerTopic, subscriptions);
    verify(subscriptions, assignment, partitionsPerTopic);

    for (let i = 1; i < 20; i++) {
      const consumer = canonicalName("c", i, 20);
      subscriptions[consumer] = buildSubscriptionV2Above(subscriptions[consumer].topics, assignment[consumer], generationId);
    }
    // Kafka's test removes "consumer10", a name its members do not have; we remove the member it means.
    delete subscriptions.c10;
    assignment = assignor.assign(partitionsPerTopic, subscriptions);
    verify(subscriptions, assignment, partitionsPerTopic);
  });

  it("G-ASSIGN: a tenth member joins a fresh group (testReassignmentAfterOneConsumerAdded)", () => {
    const partitionsPerTopic = { topic: 20 };
    const subscriptions: Record<string, Subscription> = {};
    for (let i = 1; i < 10; i++) subscriptions[canonicalName("c", i, 10)] = subscription(["topic"]);
    let assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    verify(subscriptions, assignment, partitionsPerTopic);

    subscriptions[canonicalName("c", 10, 10)] = subscription(["topic"]);
    assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    verify(subscriptions, assignment, partitionsPerTopic);
  });

  it("G-ASSIGN: a member leaves a group with identical subscriptions (testSameSubscriptions)", () => {
    const partitionsPerTopic: Record<string, number> = {};
    for (let i = 1; i < 15; i++) partitionsPerTopic[canonicalName("t", i, 15)] = i;
    const subscriptions: Record<string, Subscription> = {};
    for (let i = 1; i < 9; i++) {
      const topicList: string[] = [];
      for (let j = 1; j <= Object.keys(partitionsPerTopic).length; j++) topicList.push(canonicalName("t", j, 15));
      subscriptions[canonicalName("c", i, 9)] = subscription(topicList);
    }
    let assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    verify(subscriptions, assignment, partitionsPerTopic);

    for (let i = 1; i < 9; i++) {
      const consumer = canonicalName("c", i, 9);
      subscriptions[consumer] = buildSubscriptionV2Above(subscriptions[consumer].topics, assignment[consumer], generationId);
    }
    delete subscriptions[canonicalName("c", 5, 9)];
    assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    verify(subscriptions, assignment, partitionsPerTopic);
  });

  it("G-ASSIGN: a large group with uniform subscriptions reassigns quickly (testLargeAssignmentAndGroupWithUniformSubscription, smaller)", () => {
    const topicCount = 20;
    const partitionCount = 100;
    const consumerCount = 200;
    const topicList: string[] = [];
    const partitionsPerTopic: Record<string, number> = {};
    for (let i = 0; i < topicCount; i++) {
      const name = canonicalName("t", i, topicCount);
      topicList.push(name);
      partitionsPerTopic[name] = partitionCount;
    }
    const subscriptions: Record<string, Subscription> = {};
    for (let i = 0; i < consumerCount; i++) subscriptions[canonicalName("c", i, consumerCount)] = subscription(topicList);
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    for (let i = 1; i < consumerCount; i++) {
      const consumer = canonicalName("c", i, consumerCount);
      subscriptions[consumer] = buildSubscriptionV2Above(topicList, assignment[consumer], generationId);
    }
    const second = assignor.assign(partitionsPerTopic, subscriptions);
    expect(isFullyBalanced(second)).toBe(true);
  });

  it("G-ASSIGN: a large group where one member subscribes differently (testLargeAssignmentAndGroupWithNonEqualSubscription, smaller)", () => {
    const topicCount = 10;
    const partitionCount = 50;
    const consumerCount = 100;
    const topicList: string[] = [];
    const partitionsPerTopic: Record<string, number> = {};
    for (let i = 0; i < topicCount; i++) {
      const name = canonicalName("t", i, topicCount);
      topicList.push(name);
      partitionsPerTopic[name] = partitionCount;
    }
    const subscriptions: Record<string, Subscription> = {};
    for (let i = 0; i < consumerCount; i++) {
      subscriptions[canonicalName("c", i, consumerCount)] = subscription(i === consumerCount - 1 ? topicList.slice(0, 1) : topicList);
    }
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    for (let i = 1; i < consumerCount; i++) {
      const consumer = canonicalName("c", i, consumerCount);
      const topicsOf = i === consumerCount - 1 ? topicList.slice(0, 1) : topicList;
      subscriptions[consumer] = buildSubscriptionV2Above(topicsOf, assignment[consumer], generationId);
    }
    verify(subscriptions, assignor.assign(partitionsPerTopic, subscriptions), partitionsPerTopic);
  });

  it("G-ASSIGN: two halves of the topics with unequal groups (testAssignmentAndGroupWithNonEqualSubscriptionNotTimeout, smaller)", () => {
    const topicCount = 50;
    const partitionCount = 20;
    const consumerCount = 20;
    const topicList: string[] = [];
    const partitionsPerTopic: Record<string, number> = {};
    for (let i = 0; i < topicCount; i++) {
      const name = canonicalName("t", i, topicCount);
      topicList.push(name);
      partitionsPerTopic[name] = partitionCount;
    }
    const topicsOf = (i: number) => (i % 4 === 0 ? topicList.slice(0, topicCount / 2) : topicList.slice(topicCount / 2));
    const subscriptions: Record<string, Subscription> = {};
    for (let i = 0; i < consumerCount; i++) subscriptions[canonicalName("c", i, consumerCount)] = subscription(topicsOf(i));
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    for (let i = 1; i < consumerCount; i++) {
      const consumer = canonicalName("c", i, consumerCount);
      subscriptions[consumer] = buildSubscriptionV2Above(topicsOf(i), assignment[consumer], generationId);
    }
    verify(subscriptions, assignor.assign(partitionsPerTopic, subscriptions), partitionsPerTopic);
  });

  it("G-ASSIGN: a partition claimed in three generations goes to one member (testSubscriptionNotEqualAndAssignSamePartitionWith3Generation)", () => {
    const partitionsPerTopic = { [topic]: 6, [topic1]: 1 };
    for (const ints of [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1]]) {
      const subscriptions = {
        [consumer1]: buildSubscriptionV2Above([topic], [tp(topic, 0), tp(topic, 2)], ints[0]),
        [consumer2]: buildSubscriptionV2Above([topic], [tp(topic, 1), tp(topic, 2), tp(topic, 3)], ints[1]),
        [consumer3]: buildSubscriptionV2Above([topic], [tp(topic, 2), tp(topic, 4), tp(topic, 5)], ints[2]),
        [consumer4]: buildSubscriptionV2Above([topic1], [tp(topic1, 0)], 2),
      };
      const assign = assignor.assign(partitionsPerTopic, subscriptions);
      const all = Object.values(assign).flat();
      expect(asKeySet(all).size).toBe(all.length);
      for (const list of Object.values(assign)) {
        expect(list.length).toBeGreaterThanOrEqual(1);
        expect(list.length).toBeLessThanOrEqual(2);
      }
    }
  });

  it("G-ASSIGN: a random group, then random new subscriptions (testLargeAssignmentWithMultipleConsumersLeavingAndRandomSubscription, seeded)", () => {
    const random = seededRandom(42);
    const topicCount = 40;
    const consumerCount = 200;
    const partitionsPerTopic: Record<string, number> = {};
    for (let i = 0; i < topicCount; i++) partitionsPerTopic[canonicalName("t", i, topicCount)] = random(10) + 1;
    const subscriptions: Record<string, Subscription> = {};
    for (let i = 0; i < consumerCount; i++) {
      const topicList: string[] = [];
      const n = random(20);
      for (let j = 0; j < n; j++) topicList.push(canonicalName("t", random(topicCount), topicCount));
      subscriptions[canonicalName("c", i, consumerCount)] = subscription(topicList);
    }
    let assignment = assignor.assign(partitionsPerTopic, subscriptions);
    verify(subscriptions, assignment, partitionsPerTopic);

    for (let i = 1; i < consumerCount; i++) {
      const consumer = canonicalName("c", i, consumerCount);
      subscriptions[consumer] = buildSubscriptionV2Above(subscriptions[consumer].topics, assignment[consumer], generationId);
    }
    for (let i = 0; i < 50; i++) delete subscriptions[canonicalName("c", random(consumerCount), consumerCount)];
    assignment = assignor.assign(partitionsPerTopic, subscriptions);
    verify(subscriptions, assignment, partitionsPerTopic);
  });

  it("G-ASSIGN: a member that starts subscribing is given partitions (testNewSubscription)", () => {
    const partitionsPerTopic: Record<string, number> = {};
    for (let i = 1; i < 5; i++) partitionsPerTopic[canonicalName("t", i, 5)] = 1;
    const subscriptions: Record<string, Subscription> = {};
    for (let i = 0; i < 3; i++) {
      const topicList: string[] = [];
      for (let j = i; j <= 3 * i - 2; j++) topicList.push(canonicalName("t", j, 5));
      subscriptions[canonicalName("c", i, 3)] = subscription(topicList);
    }
    let assignment = assignor.assign(partitionsPerTopic, subscriptions);
    verify(subscriptions, assignment, partitionsPerTopic);

    const c0 = canonicalName("c", 0, 3);
    subscriptions[c0] = { ...subscriptions[c0], topics: [...subscriptions[c0].topics, canonicalName("t", 1, 5)] };
    assignment = assignor.assign(partitionsPerTopic, subscriptions);
    verify(subscriptions, assignment, partitionsPerTopic);
  });

  it("G-ASSIGN: members with overlapping subscriptions keep what they own (testMoveExistingAssignments)", () => {
    const partitionsPerTopic: Record<string, number> = {};
    for (let i = 1; i <= 6; i++) partitionsPerTopic[`topic${i}`] = 1;
    const subscriptions = {
      [consumer1]: buildSubscriptionV2Above([topic1, topic2], [tp(topic1, 0)], generationId),
      [consumer2]: buildSubscriptionV2Above([topic1, topic2, topic3, "topic4"], [tp(topic2, 0), tp(topic3, 0)], generationId),
      [consumer3]: buildSubscriptionV2Above(
        [topic2, topic3, "topic4", "topic5", "topic6"],
        [tp("topic4", 0), tp("topic5", 0), tp("topic6", 0)],
        generationId,
      ),
    };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toBeNull();
    verify(subscriptions, assignment, partitionsPerTopic);
  });

  it("G-ASSIGN: when the leader leaves, the others keep their partitions (testStickiness)", () => {
    const partitionsPerTopic = { [topic1]: 3 };
    const subscriptions: Record<string, Subscription> = {
      [consumer1]: subscription([topic1]),
      [consumer2]: subscription([topic1]),
      [consumer3]: subscription([topic1]),
      [consumer4]: subscription([topic1]),
    };
    let assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    verify(subscriptions, assignment, partitionsPerTopic);
    const partitionsAssigned: Record<string, TopicPartition> = {};
    for (const [consumer, list] of Object.entries(assignment)) {
      expect(list.length).toBeLessThanOrEqual(1);
      if (list.length === 1) partitionsAssigned[consumer] = list[0];
    }

    delete subscriptions[consumer1];
    for (const consumer of [consumer2, consumer3, consumer4]) {
      subscriptions[consumer] = buildSubscriptionV2Above([topic1], assignment[consumer], generationId);
    }
    assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    verify(subscriptions, assignment, partitionsPerTopic);
    for (const [consumer, list] of Object.entries(assignment)) {
      expect(list.length).toBe(1);
      if (partitionsAssigned[consumer] !== undefined) expect(list).toContainEqual(partitionsAssigned[consumer]);
    }
  });

  it("G-ASSIGN: a deleted topic is simply not assigned (testAssignmentUpdatedForDeletedTopic)", () => {
    const partitionsPerTopic = { [topic1]: 1, [topic3]: 100 };
    const subscriptions = { [consumerId]: subscription([topic1, topic2, topic3]) };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    expect(Object.keys(assignment)).toEqual([consumerId]);
    expect(assignment[consumerId].length).toBe(101);
  });

  it("G-ASSIGN: deleting the only subscribed topic leaves the member with nothing (testNoExceptionThrownWhenOnlySubscribedTopicDeleted)", () => {
    const subscriptions: Record<string, Subscription> = { [consumerId]: subscription([topic]) };
    let assignment = assignor.assign({ [topic]: 3 }, subscriptions);
    subscriptions[consumerId] = buildSubscriptionV2Above([topic], assignment[consumerId], generationId);
    assignment = assignor.assign({}, subscriptions);
    expect(partitionsTransferringOwnership({}, subscriptions)).toEqual({});
    expect(assignment).toEqual({ [consumerId]: [] });
  });

  it("G-ASSIGN: random subscriptions, then random changes, stay valid and balanced (testReassignmentWithRandomSubscriptionsAndChanges, seeded)", () => {
    const random = seededRandom(7);
    const randomSublist = (list: string[]) => {
      const selected = [...list];
      const howManyToRemove = random(list.length);
      for (let i = 1; i <= howManyToRemove; i++) selected.splice(random(selected.length), 1);
      return selected.sort();
    };
    for (let round = 1; round <= 20; round++) {
      const numTopics = 10 + random(10);
      const topicList: string[] = [];
      const partitionsPerTopic: Record<string, number> = {};
      for (let i = 0; i < numTopics; i++) {
        const name = canonicalName("t", i, 20);
        topicList.push(name);
        partitionsPerTopic[name] = i + 1;
      }
      const numConsumers = 20 + random(20);
      let subscriptions: Record<string, Subscription> = {};
      for (let i = 0; i < numConsumers; i++) subscriptions[canonicalName("c", i, 40)] = subscription(randomSublist(topicList));
      const assignment = assignor.assign(partitionsPerTopic, subscriptions);
      verify(subscriptions, assignment, partitionsPerTopic);

      const next: Record<string, Subscription> = {};
      for (let i = 0; i < numConsumers; i++) {
        const consumer = canonicalName("c", i, 40);
        next[consumer] = buildSubscriptionV2Above(randomSublist(topicList), assignment[consumer], generationId);
      }
      subscriptions = next;
      verify(subscriptions, assignor.assign(partitionsPerTopic, subscriptions), partitionsPerTopic);
    }
  });

  it("G-ASSIGN: members already at quota are filled first (testAllConsumersReachExpectedQuotaAndAreConsideredFilled)", () => {
    const partitionsPerTopic = { [topic]: 4 };
    const subscriptions = {
      [consumer1]: buildSubscriptionV2Above([topic], [tp(topic, 0), tp(topic, 1)], generationId),
      [consumer2]: buildSubscriptionV2Above([topic], [tp(topic, 2)], generationId),
      [consumer3]: buildSubscriptionV2Above([topic], [], generationId),
    };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(assignment).toEqual({
      [consumer1]: [tp(topic, 0), tp(topic, 1)],
      [consumer2]: [tp(topic, 2)],
      [consumer3]: [tp(topic, 3)],
    });
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    verify(subscriptions, assignment, partitionsPerTopic);
  });

  it.each([
    ["a stale generation", 9, "testOwnedPartitionsAreInvalidatedForConsumerWithStaleGeneration"],
    ["no generation", DEFAULT_GENERATION, "testOwnedPartitionsAreInvalidatedForConsumerWithNoGeneration"],
  ])("G-ASSIGN: a member with %s loses partitions the current generation also claims (%s)", (_what, staleGeneration) => {
    const partitionsPerTopic = { [topic]: 3, [topic2]: 3 };
    const owned = [tp(topic, 0), tp(topic, 2), tp(topic2, 1)];
    const subscriptions = {
      [consumer1]: buildSubscriptionV2Above([topic, topic2], owned, 10),
      [consumer2]: buildSubscriptionV2Above([topic, topic2], owned, staleGeneration),
    };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(asKeySet(assignment[consumer1])).toEqual(new Set(["topic-0", "topic-2", "topic2-1"]));
    expect(asKeySet(assignment[consumer2])).toEqual(new Set(["topic-1", "topic2-0", "topic2-2"]));
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    verify(subscriptions, assignment, partitionsPerTopic);
  });

  it("G-ASSIGN: a partition claimed twice in one generation changes hands (testPartitionsTransferringOwnershipIncludeThePartitionClaimedByMultipleConsumersInSameGeneration)", () => {
    const partitionsPerTopic = { [topic]: 3 };
    const subscriptions = {
      [consumer1]: buildSubscriptionV2Above([topic], [tp(topic, 0), tp(topic, 1)], generationId),
      [consumer2]: buildSubscriptionV2Above([topic], [tp(topic, 0), tp(topic, 2)], generationId),
      [consumer3]: buildSubscriptionV2Above([topic], [], generationId),
    };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({ "topic-0": consumer3 });
    verify(subscriptions, assignment, partitionsPerTopic);
    expect(assignment).toEqual({ [consumer1]: [tp(topic, 1)], [consumer2]: [tp(topic, 2)], [consumer3]: [tp(topic, 0)] });
  });

  it("G-ASSIGN: partitions go to the member with the highest generation (testEnsurePartitionsAssignedToHighestGeneration)", () => {
    const partitionsPerTopic = { [topic]: 3, [topic2]: 3, [topic3]: 3 };
    const all = [topic, topic2, topic3];
    const subscriptions = {
      [consumer1]: buildSubscriptionV2Above(all, [tp(topic, 0), tp(topic2, 0), tp(topic3, 0)], 10),
      [consumer2]: buildSubscriptionV2Above(all, [tp(topic, 1), tp(topic2, 1), tp(topic3, 1)], 9),
      [consumer3]: buildSubscriptionV2Above(all, [tp(topic2, 1), tp(topic3, 0), tp(topic3, 2)], 8),
    };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(asKeySet(assignment[consumer1])).toEqual(new Set(["topic-0", "topic2-0", "topic3-0"]));
    expect(asKeySet(assignment[consumer2])).toEqual(new Set(["topic-1", "topic2-1", "topic3-1"]));
    expect(asKeySet(assignment[consumer3])).toEqual(new Set(["topic-2", "topic2-2", "topic3-2"]));
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    verify(subscriptions, assignment, partitionsPerTopic);
  });

  it("G-ASSIGN: a member without a generation only gets the free partitions (testNoReassignmentOnCurrentMembers)", () => {
    const partitionsPerTopic = { [topic]: 3, [topic1]: 3, [topic2]: 3, [topic3]: 3 };
    const all = [topic, topic2, topic3, topic1];
    const subscriptions = {
      [consumer1]: buildSubscriptionV2Above(all, [], DEFAULT_GENERATION),
      [consumer2]: buildSubscriptionV2Above(all, [tp(topic, 0), tp(topic2, 0), tp(topic1, 0)], 9),
      [consumer3]: buildSubscriptionV2Above(all, [tp(topic3, 2), tp(topic2, 2), tp(topic1, 1)], 8),
      [consumer4]: buildSubscriptionV2Above(all, [tp(topic3, 1), tp(topic, 1), tp(topic, 2)], 7),
    };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(asKeySet(assignment[consumer1])).toEqual(new Set(["topic1-2", "topic2-1", "topic3-0"]));
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    verify(subscriptions, assignment, partitionsPerTopic);
  });

  it("G-ASSIGN: owned partitions of an older generation are invalidated (testOwnedPartitionsAreInvalidatedForConsumerWithMultipleGeneration)", () => {
    const partitionsPerTopic = { [topic]: 3, [topic2]: 3 };
    const subscriptions = {
      [consumer1]: buildSubscriptionV2Above([topic, topic2], [tp(topic, 0), tp(topic2, 1), tp(topic, 1)], 10),
      [consumer2]: buildSubscriptionV2Above([topic, topic2], [tp(topic, 0), tp(topic2, 1), tp(topic2, 2)], 8),
    };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(asKeySet(assignment[consumer1])).toEqual(new Set(["topic-0", "topic2-1", "topic-1"]));
    expect(asKeySet(assignment[consumer2])).toEqual(new Set(["topic-2", "topic2-2", "topic2-0"]));
    expect(partitionsTransferringOwnership(partitionsPerTopic, subscriptions)).toEqual({});
    verify(subscriptions, assignment, partitionsPerTopic);
  });

  it("G-ASSIGN: Kafka quirk: a member with no topics met first in Kafka's HashMap still counts as 'all subscriptions equal'", () => {
    // Java's HashMap meets "m0" before "m1", so Kafka takes the uniform path and shares the
    // partitions out between both members, the unsubscribed one included.
    const withEmptyFirst = assignor.assign({ a: 2 }, { m0: subscription([]), m1: subscription(["a"]) });
    expect(withEmptyFirst).toEqual({ m0: [tp("a", 0)], m1: [tp("a", 1)] });
    // Met later, the empty subscription makes the subscriptions unequal and the general path is exact.
    const withEmptyLast = assignor.assign({ a: 2 }, { m1: subscription(["a"]), m2: subscription([]) });
    expect(withEmptyLast).toEqual({ m1: [tp("a", 0), tp("a", 1)], m2: [] });
  });

  it("G-ASSIGN: Kafka quirk: a partition can go back to its owner of an older generation that no longer subscribes to it", () => {
    // m2 owned orders-6 in generation 0 and now subscribes only to "a"; balancing hands a partition
    // back to its previous owner when that owner is 2+ partitions lighter, without checking the topic.
    const assignment = assignor.assign(
      { a: 1, orders: 10 },
      {
        m1: buildSubscriptionV2Above(["a", "orders"], [tp("a", 0)], 0),
        m2: buildSubscriptionV2Above(["a"], [tp("orders", 6)], 0),
        m3: buildSubscriptionV2Above(["a", "orders"], [], 1),
      },
    );
    expect(assignment.m2).toEqual([tp("orders", 6)]);
  });

  // Kafka's verifyRackAssignment: members consumer0.., expected lists compared as sorted strings.
  function verifyAssignment(
    numPartitionsPerTopic: Record<string, number>,
    consumerTopics: string[][],
    owned: string[] | null,
    expected: string[],
  ): void {
    const subscriptions: Record<string, Subscription> = {};
    consumerTopics.forEach((t, i) => {
      subscriptions[`consumer${i}`] =
        owned === null ? subscription(t) : buildSubscriptionV2Above(t, parsePartitions(owned[i]), DEFAULT_GENERATION);
    });
    const assignment = assignor.assign(numPartitionsPerTopic, subscriptions);
    expect(consumerTopics.map((_, i) => toSortedString(assignment[`consumer${i}`]))).toEqual(expected);
  }

  it("G-ASSIGN: uniform subscriptions, fresh and already owned (testRackAwareAssignmentWithUniformSubscription, no racks)", () => {
    const all = ["t1", "t2", "t3"];
    const expected = ["t1-0, t1-3, t2-0, t2-3, t2-6", "t1-1, t1-4, t2-1, t2-4, t3-0", "t1-2, t1-5, t2-2, t2-5, t3-1"];
    verifyAssignment({ t1: 6, t2: 7, t3: 2 }, [all, all, all], null, expected);
    verifyAssignment({ t1: 6, t2: 7, t3: 2 }, [all, all, all], expected, expected);
  });

  it("G-ASSIGN: unequal subscriptions, fresh and already owned (testRackAwareAssignmentWithNonEqualSubscription, no racks)", () => {
    const all = ["t1", "t2", "t3"];
    const expected = ["t1-5, t2-0, t2-2, t2-4, t2-6", "t1-3, t2-1, t2-3, t2-5, t3-0", "t1-0, t1-1, t1-2, t1-4, t3-1"];
    verifyAssignment({ t1: 6, t2: 7, t3: 2 }, [all, all, ["t1", "t3"]], null, expected);
    verifyAssignment({ t1: 6, t2: 7, t3: 2 }, [all, all, ["t1", "t3"]], expected, expected);
  });
});

describe("G-ASSIGN: cooperative-sticky assignor, unequal subscriptions with owned partitions (testRackAwareAssignmentWithNonEqualSubscription, no racks)", () => {
  it("G-ASSIGN: partitions changing hands are withheld for one round, then handed over", () => {
    const numPartitionsPerTopic = { t1: 6, t2: 7, t3: 2 };
    const all = ["t1", "t2", "t3"];
    const consumerTopics = [all, all, ["t1", "t3"]];
    const run = (owned: string[]) => {
      const subscriptions: Record<string, Subscription> = {};
      consumerTopics.forEach((t, i) => {
        subscriptions[`consumer${i}`] = buildSubscriptionV2Above(t, parsePartitions(owned[i]), DEFAULT_GENERATION);
      });
      const assignment = cooperativeStickyAssignor.assign(numPartitionsPerTopic, subscriptions);
      return consumerTopics.map((_, i) => toSortedString(assignment[`consumer${i}`]));
    };
    const owned = ["t1-0, t1-1, t1-2, t1-3, t1-4", "t1-5, t2-0, t2-1, t2-2, t2-3", "t2-4, t2-5, t2-6, t3-0, t3-1"];
    const intermediate = ["t1-2, t1-3, t1-4", "t2-0, t2-1, t2-2, t2-3", "t3-0, t3-1"];
    expect(run(owned)).toEqual(intermediate);
    expect(run(intermediate)).toEqual(["t1-2, t1-3, t1-4, t2-4, t2-5", "t2-0, t2-1, t2-2, t2-3, t2-6", "t1-0, t1-1, t1-5, t3-0, t3-1"]);
  });
});
