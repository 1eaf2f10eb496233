// Cases ported from Kafka's RoundRobinAssignorTest.
import { describe, expect, it } from "vitest";
import { roundRobinAssignor as assignor, type Subscription, type TopicPartition } from "../../../../engine/consumer/assignors/index.js";
import { subscription, topics, tp } from "./helpers.js";

const topic = "topic";
const topic1 = "topic1";
const topic2 = "topic2";
const consumerId = "consumer";

function staticSubscription(topicList: string[], groupInstanceId: string): Subscription {
  return { topics: topicList, groupInstanceId };
}

describe("G-ASSIGN: round robin assignor", () => {
  it("G-ASSIGN: is Kafka's 'roundrobin' assignor for the eager protocol", () => {
    expect(assignor.name).toBe("roundrobin");
    expect(assignor.supportedProtocols).toEqual(["EAGER"]);
  });

  it("G-ASSIGN: a member subscribed to nothing gets nothing (testOneConsumerNoTopic)", () => {
    expect(assignor.assign({}, { [consumerId]: subscription([]) })).toEqual({ [consumerId]: [] });
  });

  it("G-ASSIGN: a subscribed topic without metadata is skipped (testOneConsumerNonexistentTopic)", () => {
    expect(assignor.assign({}, { [consumerId]: subscription([topic]) })).toEqual({ [consumerId]: [] });
  });

  it("G-ASSIGN: one member gets every partition (testOneConsumerOneTopic)", () => {
    expect(assignor.assign({ [topic]: 3 }, { [consumerId]: subscription([topic]) })).toEqual({
      [consumerId]: [tp(topic, 0), tp(topic, 1), tp(topic, 2)],
    });
  });

  it("G-ASSIGN: only partitions of subscribed topics are dealt (testOnlyAssignsPartitionsFromSubscribedTopics)", () => {
    expect(assignor.assign({ [topic]: 3, other: 3 }, { [consumerId]: subscription([topic]) })).toEqual({
      [consumerId]: [tp(topic, 0), tp(topic, 1), tp(topic, 2)],
    });
  });

  it("G-ASSIGN: topics are dealt in name order (testOneConsumerMultipleTopics)", () => {
    expect(assignor.assign({ [topic1]: 1, [topic2]: 2 }, { [consumerId]: subscription(topics(topic1, topic2)) })).toEqual({
      [consumerId]: [tp(topic1, 0), tp(topic2, 0), tp(topic2, 1)],
    });
  });

  it("G-ASSIGN: the second member of a one-partition topic stays idle (testTwoConsumersOneTopicOnePartition)", () => {
    const assignment = assignor.assign({ [topic]: 1 }, { consumer1: subscription([topic]), consumer2: subscription([topic]) });
    expect(assignment).toEqual({ consumer1: [tp(topic, 0)], consumer2: [] });
  });

  it("G-ASSIGN: two members take turns (testTwoConsumersOneTopicTwoPartitions)", () => {
    const assignment = assignor.assign({ [topic]: 2 }, { consumer1: subscription([topic]), consumer2: subscription([topic]) });
    expect(assignment).toEqual({ consumer1: [tp(topic, 0)], consumer2: [tp(topic, 1)] });
  });

  it("G-ASSIGN: a member not subscribed to a topic is skipped in the circle (testMultipleConsumersMixedTopics)", () => {
    const assignment = assignor.assign(
      { [topic1]: 3, [topic2]: 2 },
      {
        consumer1: subscription([topic1]),
        consumer2: subscription([topic1, topic2]),
        consumer3: subscription([topic1]),
      },
    );
    expect(assignment).toEqual({
      consumer1: [tp(topic1, 0)],
      consumer2: [tp(topic1, 1), tp(topic2, 0), tp(topic2, 1)],
      consumer3: [tp(topic1, 2)],
    });
  });

  it("G-ASSIGN: partitions alternate across topics (testTwoDynamicConsumersTwoTopicsSixPartitions)", () => {
    const assignment = assignor.assign(
      { [topic1]: 3, [topic2]: 3 },
      { consumer1: subscription([topic1, topic2]), consumer2: subscription([topic1, topic2]) },
    );
    expect(assignment).toEqual({
      consumer1: [tp(topic1, 0), tp(topic1, 2), tp(topic2, 1)],
      consumer2: [tp(topic1, 1), tp(topic2, 0), tp(topic2, 2)],
    });
  });

  it("G-ASSIGN: static members are ordered by group.instance.id (testTwoStaticConsumersTwoTopicsSixPartitions)", () => {
    const assignment = assignor.assign(
      { [topic1]: 3, [topic2]: 3 },
      {
        "consumer-b": staticSubscription([topic1, topic2], "instance1"),
        "consumer-a": staticSubscription([topic1, topic2], "instance2"),
      },
    );
    expect(assignment["consumer-b"]).toEqual([tp(topic1, 0), tp(topic1, 2), tp(topic2, 1)]);
    expect(assignment["consumer-a"]).toEqual([tp(topic1, 1), tp(topic2, 0), tp(topic2, 2)]);
  });

  it("G-ASSIGN: a static member goes before a dynamic one (testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions)", () => {
    const assignment = assignor.assign(
      { [topic1]: 3, [topic2]: 3 },
      { "consumer-b": staticSubscription([topic1, topic2], "instance1"), "consumer-a": subscription([topic1, topic2]) },
    );
    expect(assignment["consumer-b"]).toEqual([tp(topic1, 0), tp(topic1, 2), tp(topic2, 1)]);
    expect(assignment["consumer-a"]).toEqual([tp(topic1, 1), tp(topic2, 0), tp(topic2, 2)]);
  });

  it("G-ASSIGN: static members keep their partitions when a dynamic member is replaced (testStaticMemberRoundRobinAssignmentPersistent)", () => {
    const partitionsPerTopic = { [topic1]: 3, [topic2]: 3 };
    const consumers: Record<string, Subscription> = {
      consumer1: staticSubscription([topic1, topic2], "instance1"),
      consumer2: staticSubscription([topic1, topic2], "instance2"),
      consumer3: staticSubscription([topic1, topic2], "instance3"),
      consumer4: subscription([topic1, topic2]),
    };
    const expected: Record<string, TopicPartition[]> = {
      consumer1: [tp(topic1, 0), tp(topic2, 1)],
      consumer2: [tp(topic1, 1), tp(topic2, 2)],
      consumer3: [tp(topic1, 2)],
      consumer4: [tp(topic2, 0)],
    };
    expect(assignor.assign(partitionsPerTopic, consumers)).toEqual(expected);

    delete consumers.consumer4;
    consumers.consumer5 = subscription([topic1, topic2]);
    delete expected.consumer4;
    expected.consumer5 = [tp(topic2, 0)];
    expect(assignor.assign(partitionsPerTopic, consumers)).toEqual(expected);
  });

  it("G-ASSIGN: static members keep their partitions when member ids change (testStaticMemberRoundRobinAssignmentPersistentAfterMemberIdChanges)", () => {
    const partitionsPerTopic = { [topic1]: 5, [topic2]: 5 };
    const consumers: Record<string, Subscription> = {
      consumer1: staticSubscription([topic1, topic2], "instance1"),
      consumer2: staticSubscription([topic1, topic2], "instance2"),
      consumer3: staticSubscription([topic1, topic2], "instance3"),
    };
    const byInstance = () => {
      const assignment = assignor.assign(partitionsPerTopic, consumers);
      return Object.fromEntries(Object.entries(consumers).map(([id, s]) => [s.groupInstanceId!, assignment[id]]));
    };
    const staticAssignment = byInstance();
    expect(staticAssignment).toEqual({
      instance1: [tp(topic1, 0), tp(topic1, 3), tp(topic2, 1), tp(topic2, 4)],
      instance2: [tp(topic1, 1), tp(topic1, 4), tp(topic2, 2)],
      instance3: [tp(topic1, 2), tp(topic2, 0), tp(topic2, 3)],
    });

    consumers.consumer4 = consumers.consumer3;
    delete consumers.consumer3;
    consumers.consumer5 = consumers.consumer2;
    delete consumers.consumer2;
    expect(byInstance()).toEqual(staticAssignment);
  });

  it("G-ASSIGN: uneven subscriptions give uneven counts (Kafka's javadoc example)", () => {
    const assignment = assignor.assign(
      { t0: 1, t1: 2, t2: 3 },
      { C0: subscription(["t0"]), C1: subscription(["t0", "t1"]), C2: subscription(["t0", "t1", "t2"]) },
    );
    expect(assignment).toEqual({
      C0: [tp("t0", 0)],
      C1: [tp("t1", 0)],
      C2: [tp("t1", 1), tp("t2", 0), tp("t2", 1), tp("t2", 2)],
    });
  });
});
