// Cases ported from Kafka's RangeAssignorTest (non-rack configurations).
import { describe, expect, it } from "vitest";
import { rangeAssignor as assignor, type Subscription, type TopicPartition } from "../../../../engine/consumer/assignors/index.js";
import { partitions, subscription, topics, toSortedString, tp } from "./helpers.js";

const topic1 = "topic1";
const topic2 = "topic2";
const consumer1 = "consumer1";
const consumer2 = "consumer2";
const consumer3 = "consumer3";
const instance1 = "instance1";
const instance2 = "instance2";
const instance3 = "instance3";

function staticSubscription(topicList: string[], groupInstanceId: string): Subscription {
  return { topics: topicList, groupInstanceId };
}

/** Kafka's checkStaticAssignment: the assignment keyed by group.instance.id. */
function checkStaticAssignment(
  partitionsPerTopic: Record<string, number>,
  consumers: Record<string, Subscription>,
): Record<string, TopicPartition[]> {
  const byMemberId = assignor.assign(partitionsPerTopic, consumers);
  const byInstanceId: Record<string, TopicPartition[]> = {};
  for (const [memberId, sub] of Object.entries(consumers)) {
    if (sub.groupInstanceId !== undefined) byInstanceId[sub.groupInstanceId] = byMemberId[memberId];
  }
  return byInstanceId;
}

describe("G-ASSIGN: range assignor", () => {
  it("G-ASSIGN: is Kafka's 'range' assignor for the eager protocol", () => {
    expect(assignor.name).toBe("range");
    expect(assignor.supportedProtocols).toEqual(["EAGER"]);
  });

  it("G-ASSIGN: a member subscribed to nothing gets an empty assignment (testOneConsumerNoTopic)", () => {
    const assignment = assignor.assign({}, { [consumer1]: subscription([]) });
    expect(assignment).toEqual({ [consumer1]: [] });
  });

  it("G-ASSIGN: a subscribed topic without metadata is skipped (testOneConsumerNonexistentTopic)", () => {
    const assignment = assignor.assign({}, { [consumer1]: subscription(topics(topic1)) });
    expect(assignment).toEqual({ [consumer1]: [] });
  });

  it("G-ASSIGN: one member gets every partition of its topic (testOneConsumerOneTopic)", () => {
    const assignment = assignor.assign({ [topic1]: 3 }, { [consumer1]: subscription(topics(topic1)) });
    expect(assignment).toEqual({ [consumer1]: partitions(tp(topic1, 0), tp(topic1, 1), tp(topic1, 2)) });
  });

  it("G-ASSIGN: only partitions of subscribed topics are assigned (testOnlyAssignsPartitionsFromSubscribedTopics)", () => {
    const assignment = assignor.assign({ [topic1]: 3, other: 3 }, { [consumer1]: subscription(topics(topic1)) });
    expect(assignment).toEqual({ [consumer1]: partitions(tp(topic1, 0), tp(topic1, 1), tp(topic1, 2)) });
  });

  it("G-ASSIGN: one member gets every partition of all its topics (testOneConsumerMultipleTopics)", () => {
    const assignment = assignor.assign({ [topic1]: 1, [topic2]: 2 }, { [consumer1]: subscription(topics(topic1, topic2)) });
    expect(assignment[consumer1]).toEqual(partitions(tp(topic1, 0), tp(topic2, 0), tp(topic2, 1)));
  });

  it("G-ASSIGN: the second member of a one-partition topic stays idle (testTwoConsumersOneTopicOnePartition)", () => {
    const assignment = assignor.assign(
      { [topic1]: 1 },
      { [consumer1]: subscription(topics(topic1)), [consumer2]: subscription(topics(topic1)) },
    );
    expect(assignment).toEqual({ [consumer1]: [tp(topic1, 0)], [consumer2]: [] });
  });

  it("G-ASSIGN: two members split two partitions (testTwoConsumersOneTopicTwoPartitions)", () => {
    const assignment = assignor.assign(
      { [topic1]: 2 },
      { [consumer1]: subscription(topics(topic1)), [consumer2]: subscription(topics(topic1)) },
    );
    expect(assignment).toEqual({ [consumer1]: [tp(topic1, 0)], [consumer2]: [tp(topic1, 1)] });
  });

  it("G-ASSIGN: each topic is cut among its own subscribers (testMultipleConsumersMixedTopics)", () => {
    const assignment = assignor.assign(
      { [topic1]: 3, [topic2]: 2 },
      {
        [consumer1]: subscription(topics(topic1)),
        [consumer2]: subscription(topics(topic1, topic2)),
        [consumer3]: subscription(topics(topic1)),
      },
    );
    expect(assignment).toEqual({
      [consumer1]: [tp(topic1, 0)],
      [consumer2]: [tp(topic1, 1), tp(topic2, 0), tp(topic2, 1)],
      [consumer3]: [tp(topic1, 2)],
    });
  });

  it("G-ASSIGN: the first member gets the extra partition of every topic (testTwoConsumersTwoTopicsSixPartitions)", () => {
    const assignment = assignor.assign(
      { [topic1]: 3, [topic2]: 3 },
      { [consumer1]: subscription(topics(topic1, topic2)), [consumer2]: subscription(topics(topic1, topic2)) },
    );
    expect(assignment).toEqual({
      [consumer1]: [tp(topic1, 0), tp(topic1, 1), tp(topic2, 0), tp(topic2, 1)],
      [consumer2]: [tp(topic1, 2), tp(topic2, 2)],
    });
  });

  it("G-ASSIGN: static members are ordered by group.instance.id, not member.id (testTwoStaticConsumersTwoTopicsSixPartitions)", () => {
    const consumerIdLow = "consumer-b";
    const consumerIdHigh = "consumer-a";
    const assignment = assignor.assign(
      { [topic1]: 3, [topic2]: 3 },
      {
        [consumerIdLow]: staticSubscription(topics(topic1, topic2), instance1),
        [consumerIdHigh]: staticSubscription(topics(topic1, topic2), instance2),
      },
    );
    expect(assignment[consumerIdLow]).toEqual([tp(topic1, 0), tp(topic1, 1), tp(topic2, 0), tp(topic2, 1)]);
    expect(assignment[consumerIdHigh]).toEqual([tp(topic1, 2), tp(topic2, 2)]);
  });

  it("G-ASSIGN: a static member sorts before a dynamic one (testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions)", () => {
    const consumerIdLow = "consumer-b";
    const consumerIdHigh = "consumer-a";
    const assignment = assignor.assign(
      { [topic1]: 3, [topic2]: 3 },
      {
        [consumerIdLow]: staticSubscription(topics(topic1, topic2), instance1),
        [consumerIdHigh]: subscription(topics(topic1, topic2)),
      },
    );
    expect(assignment[consumerIdLow]).toEqual([tp(topic1, 0), tp(topic1, 1), tp(topic2, 0), tp(topic2, 1)]);
    expect(assignment[consumerIdHigh]).toEqual([tp(topic1, 2), tp(topic2, 2)]);
  });

  it("G-ASSIGN: static members keep their ranges when a dynamic member is replaced (testStaticMemberRangeAssignmentPersistent)", () => {
    const partitionsPerTopic = { [topic1]: 5, [topic2]: 4 };
    const consumers: Record<string, Subscription> = {
      [consumer1]: staticSubscription(topics(topic1, topic2), instance1),
      [consumer2]: staticSubscription(topics(topic1, topic2), instance2),
      [consumer3]: staticSubscription(topics(topic1, topic2), instance3),
      consumer4: subscription(topics(topic1, topic2)),
    };
    const expected: Record<string, TopicPartition[]> = {
      [consumer1]: [tp(topic1, 0), tp(topic1, 1), tp(topic2, 0)],
      [consumer2]: [tp(topic1, 2), tp(topic2, 1)],
      [consumer3]: [tp(topic1, 3), tp(topic2, 2)],
      consumer4: [tp(topic1, 4), tp(topic2, 3)],
    };
    expect(assignor.assign(partitionsPerTopic, consumers)).toEqual(expected);

    delete consumers.consumer4;
    consumers.consumer5 = subscription(topics(topic1, topic2));
    delete expected.consumer4;
    expected.consumer5 = [tp(topic1, 4), tp(topic2, 3)];
    expect(assignor.assign(partitionsPerTopic, consumers)).toEqual(expected);
  });

  it("G-ASSIGN: static members keep their ranges when their member ids change (testStaticMemberRangeAssignmentPersistentAfterMemberIdChanges)", () => {
    const partitionsPerTopic = { [topic1]: 5, [topic2]: 5 };
    const consumers: Record<string, Subscription> = {
      [consumer1]: staticSubscription(topics(topic1, topic2), instance1),
      [consumer2]: staticSubscription(topics(topic1, topic2), instance2),
      [consumer3]: staticSubscription(topics(topic1, topic2), instance3),
    };
    const expectedInstanceAssignment = {
      [instance1]: [tp(topic1, 0), tp(topic1, 1), tp(topic2, 0), tp(topic2, 1)],
      [instance2]: [tp(topic1, 2), tp(topic1, 3), tp(topic2, 2), tp(topic2, 3)],
      [instance3]: [tp(topic1, 4), tp(topic2, 4)],
    };
    const staticAssignment = checkStaticAssignment(partitionsPerTopic, consumers);
    expect(staticAssignment).toEqual(expectedInstanceAssignment);

    consumers.consumer4 = consumers[consumer3];
    delete consumers[consumer3];
    consumers.consumer5 = consumers[consumer2];
    delete consumers[consumer2];
    expect(checkStaticAssignment(partitionsPerTopic, consumers)).toEqual(staticAssignment);
  });

  // The expectations Kafka's rack tests give for configurations where rack-aware logic is not used.
  function verifyNonRackAwareAssignment(numPartitionsPerTopic: Record<string, number>, consumerTopics: string[][], expected: string[]): void {
    const subscriptions: Record<string, Subscription> = {};
    consumerTopics.forEach((t, i) => (subscriptions[`consumer${i}`] = subscription(t)));
    const assignment = assignor.assign(numPartitionsPerTopic, subscriptions);
    expect(consumerTopics.map((_, i) => toSortedString(assignment[`consumer${i}`]))).toEqual(expected);
  }

  it("G-ASSIGN: uniform subscriptions over uneven topics (testRackAwareAssignmentWithUniformSubscription, no racks)", () => {
    const allTopics = ["t1", "t2", "t3"];
    verifyNonRackAwareAssignment({ t1: 6, t2: 7, t3: 2 }, [allTopics, allTopics, allTopics], [
      "t1-0, t1-1, t2-0, t2-1, t2-2, t3-0",
      "t1-2, t1-3, t2-3, t2-4, t3-1",
      "t1-4, t1-5, t2-5, t2-6",
    ]);
  });

  it("G-ASSIGN: unequal subscriptions (testRackAwareAssignmentWithNonEqualSubscription, no racks)", () => {
    const allTopics = ["t1", "t2", "t3"];
    verifyNonRackAwareAssignment({ t1: 6, t2: 7, t3: 2 }, [allTopics, allTopics, ["t1", "t3"]], [
      "t1-0, t1-1, t2-0, t2-1, t2-2, t2-3, t3-0",
      "t1-2, t1-3, t2-4, t2-5, t2-6, t3-1",
      "t1-4, t1-5",
    ]);
  });

  it("G-ASSIGN: equal topics are co-partitioned (testRackAwareAssignmentWithUniformPartitions, no racks)", () => {
    const allTopics = ["t1", "t2", "t3"];
    verifyNonRackAwareAssignment({ t1: 5, t2: 5, t3: 5 }, [allTopics, allTopics, allTopics], [
      "t1-0, t1-1, t2-0, t2-1, t3-0, t3-1",
      "t1-2, t1-3, t2-2, t2-3, t3-2, t3-3",
      "t1-4, t2-4, t3-4",
    ]);
    verifyNonRackAwareAssignment({ t1: 5, t2: 5, t3: 5 }, [allTopics, allTopics, ["t1", "t3"]], [
      "t1-0, t1-1, t2-0, t2-1, t2-2, t3-0, t3-1",
      "t1-2, t1-3, t2-3, t2-4, t3-2, t3-3",
      "t1-4, t3-4",
    ]);
  });

  it("G-ASSIGN: members of disjoint topic sets share nothing (testRackAwareAssignmentWithCoPartitioning, no racks)", () => {
    const topicsMap = { t1: 6, t2: 6, t3: 2, t4: 2 };
    verifyNonRackAwareAssignment(topicsMap, [["t1", "t2"], ["t1", "t2"], ["t3", "t4"], ["t3", "t4"]], [
      "t1-0, t1-1, t1-2, t2-0, t2-1, t2-2",
      "t1-3, t1-4, t1-5, t2-3, t2-4, t2-5",
      "t3-0, t4-0",
      "t3-1, t4-1",
    ]);
    const allTopics = ["t1", "t2", "t3", "t4"];
    verifyNonRackAwareAssignment(topicsMap, [allTopics, allTopics, allTopics, allTopics], [
      "t1-0, t1-1, t2-0, t2-1, t3-0, t4-0",
      "t1-2, t1-3, t2-2, t2-3, t3-1, t4-1",
      "t1-4, t2-4",
      "t1-5, t2-5",
    ]);
  });

  it("G-ASSIGN: subscribed topics that do not exist are ignored (testCoPartitionedAssignmentWithSameSubscription, no racks)", () => {
    const topicList = ["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9"];
    verifyNonRackAwareAssignment({ t1: 6, t2: 6, t3: 2, t4: 2, t5: 4, t6: 4 }, [topicList, topicList, topicList], [
      "t1-0, t1-1, t2-0, t2-1, t3-0, t4-0, t5-0, t5-1, t6-0, t6-1",
      "t1-2, t1-3, t2-2, t2-3, t3-1, t4-1, t5-2, t6-2",
      "t1-4, t1-5, t2-4, t2-5, t5-3, t6-3",
    ]);
  });

  it("G-ASSIGN: a member's partitions are listed topic by topic in Kafka's HashMap order", () => {
    // Java's HashMap puts "topic1" in bucket 0, "other" in bucket 2 and "topic3" in bucket 6 of 16:
    // neither the insertion order nor the alphabetical order.
    const assignment = assignor.assign({ topic3: 1, other: 2, topic1: 1 }, { m: subscription(["topic3", "other", "topic1"]) });
    expect(assignment.m).toEqual([tp("topic1", 0), tp("other", 0), tp("other", 1), tp("topic3", 0)]);
  });
});
