// Cases ported from Kafka's StickyAssignorTest (non-rack configurations). Kafka's StickyAssignor
// reads owned partitions and the generation from its user data; ours reads the same facts from
// ownedPartitions and generationId, so every "subscription version" below becomes one shape.
import { describe, expect, it } from "vitest";
import { stickyAssignor as assignor, type Subscription, type TopicPartition } from "../../../../engine/consumer/assignors/index.js";
import { asKeySet, buildSubscriptionV2Above, isFullyBalanced, subscription, tp, verifyValidityAndBalance } from "./helpers.js";

const topic = "topic";
const topic2 = "topic2";
const topic3 = "topic3";
const consumer1 = "consumer1";
const consumer2 = "consumer2";
const consumer3 = "consumer3";
const generationId = 1;

const verify = (
  subscriptions: Record<string, Subscription>,
  assignment: Record<string, TopicPartition[]>,
  partitionsPerTopic: Record<string, number>,
) => verifyValidityAndBalance(assignor, subscriptions, assignment, partitionsPerTopic, generationId);

const containsAll = (outer: readonly TopicPartition[], inner: readonly TopicPartition[]) => {
  const keys = asKeySet(outer);
  return [...asKeySet(inner)].every((k) => keys.has(k));
};
const disjoint = (a: readonly TopicPartition[], b: readonly TopicPartition[]) => {
  const keys = asKeySet(a);
  return [...asKeySet(b)].every((k) => !keys.has(k));
};

describe("G-ASSIGN: sticky assignor (Kafka's StickyAssignorTest)", () => {
  it("G-ASSIGN: is Kafka's 'sticky' assignor for the eager protocol", () => {
    expect(assignor.name).toBe("sticky");
    expect(assignor.supportedProtocols).toEqual(["EAGER"]);
  });

  it("G-ASSIGN: a partition claimed by two members of one generation goes to a third (testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithEqualPartitionsPerConsumer)", () => {
    const partitionsPerTopic = { [topic]: 3 };
    const subscriptions = {
      [consumer1]: buildSubscriptionV2Above([topic], [tp(topic, 0), tp(topic, 1)], generationId),
      [consumer2]: buildSubscriptionV2Above([topic], [tp(topic, 0), tp(topic, 2)], generationId),
      [consumer3]: buildSubscriptionV2Above([topic], [], generationId),
    };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(assignment).toEqual({ [consumer1]: [tp(topic, 1)], [consumer2]: [tp(topic, 2)], [consumer3]: [tp(topic, 0)] });
    verify(subscriptions, assignment, partitionsPerTopic);
  });

  it("G-ASSIGN: the same with an uneven split (testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithUnequalPartitionsPerConsumer)", () => {
    const partitionsPerTopic = { [topic]: 4 };
    const subscriptions = {
      [consumer1]: buildSubscriptionV2Above([topic], [tp(topic, 0), tp(topic, 1)], generationId),
      [consumer2]: buildSubscriptionV2Above([topic], [tp(topic, 0), tp(topic, 2)], generationId),
      [consumer3]: buildSubscriptionV2Above([topic], [], generationId),
    };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(assignment).toEqual({
      [consumer1]: [tp(topic, 1), tp(topic, 3)],
      [consumer2]: [tp(topic, 2)],
      [consumer3]: [tp(topic, 0)],
    });
    verify(subscriptions, assignment, partitionsPerTopic);
  });

  describe.each([true, false])("with all subscriptions equal: %s", (isAllSubscriptionsEqual) => {
    it("G-ASSIGN: members of several generations leave and rejoin (testAssignmentWithMultipleGenerations1)", () => {
      const allTopics = [topic, topic2];
      const consumer2SubscribedTopics = isAllSubscriptionsEqual ? allTopics : [topic];
      const partitionsPerTopic = { [topic]: 6, [topic2]: 6 };
      const subscriptions: Record<string, Subscription> = {
        [consumer1]: subscription(allTopics),
        [consumer2]: subscription(consumer2SubscribedTopics),
        [consumer3]: subscription(allTopics),
      };
      let assignment = assignor.assign(partitionsPerTopic, subscriptions);
      const r1partitions1 = assignment[consumer1];
      const r1partitions2 = assignment[consumer2];
      const r1partitions3 = assignment[consumer3];
      expect([r1partitions1.length, r1partitions2.length, r1partitions3.length]).toEqual([4, 4, 4]);
      verify(subscriptions, assignment, partitionsPerTopic);

      subscriptions[consumer1] = buildSubscriptionV2Above(allTopics, r1partitions1, generationId);
      subscriptions[consumer2] = buildSubscriptionV2Above(consumer2SubscribedTopics, r1partitions2, generationId);
      delete subscriptions[consumer3];
      assignment = assignor.assign(partitionsPerTopic, subscriptions);
      const r2partitions1 = assignment[consumer1];
      const r2partitions2 = assignment[consumer2];
      expect([r2partitions1.length, r2partitions2.length]).toEqual([6, 6]);
      if (isAllSubscriptionsEqual) expect(containsAll(r2partitions1, r1partitions1)).toBe(true);
      expect(containsAll(r2partitions2, r1partitions2)).toBe(true);
      verify(subscriptions, assignment, partitionsPerTopic);
      expect(disjoint(r2partitions2, r1partitions3)).toBe(false);

      delete subscriptions[consumer1];
      subscriptions[consumer2] = buildSubscriptionV2Above(consumer2SubscribedTopics, r2partitions2, 2);
      subscriptions[consumer3] = buildSubscriptionV2Above(allTopics, r1partitions3, 1);
      assignment = assignor.assign(partitionsPerTopic, subscriptions);
      const r3partitions2 = assignment[consumer2];
      const r3partitions3 = assignment[consumer3];
      expect([r3partitions2.length, r3partitions3.length]).toEqual([6, 6]);
      expect(disjoint(r3partitions2, r3partitions3)).toBe(true);
      verify(subscriptions, assignment, partitionsPerTopic);
    });

    it("G-ASSIGN: a member that held everything meets two returning members (testAssignmentWithMultipleGenerations2)", () => {
      const allTopics = [topic, topic2, topic3];
      const consumer1SubscribedTopics = isAllSubscriptionsEqual ? allTopics : [topic];
      const consumer3SubscribedTopics = isAllSubscriptionsEqual ? allTopics : [topic, topic2];
      const partitionsPerTopic = { [topic]: 4, [topic2]: 4, [topic3]: 4 };
      const subscriptions: Record<string, Subscription> = {
        [consumer1]: subscription(consumer1SubscribedTopics),
        [consumer2]: subscription(allTopics),
        [consumer3]: subscription(consumer3SubscribedTopics),
      };
      let assignment = assignor.assign(partitionsPerTopic, subscriptions);
      const r1partitions1 = assignment[consumer1];
      const r1partitions2 = assignment[consumer2];
      const r1partitions3 = assignment[consumer3];
      expect([r1partitions1.length, r1partitions2.length, r1partitions3.length]).toEqual([4, 4, 4]);
      verify(subscriptions, assignment, partitionsPerTopic);

      delete subscriptions[consumer1];
      subscriptions[consumer2] = buildSubscriptionV2Above(allTopics, r1partitions2, 1);
      delete subscriptions[consumer3];
      assignment = assignor.assign(partitionsPerTopic, subscriptions);
      const r2partitions2 = assignment[consumer2];
      expect(r2partitions2.length).toBe(12);
      expect(containsAll(r2partitions2, r1partitions2)).toBe(true);
      verify(subscriptions, assignment, partitionsPerTopic);

      subscriptions[consumer1] = buildSubscriptionV2Above(consumer1SubscribedTopics, r1partitions1, 1);
      subscriptions[consumer2] = buildSubscriptionV2Above(allTopics, r2partitions2, 2);
      subscriptions[consumer3] = buildSubscriptionV2Above(consumer3SubscribedTopics, r1partitions3, 1);
      assignment = assignor.assign(partitionsPerTopic, subscriptions);
      expect([assignment[consumer1].length, assignment[consumer2].length, assignment[consumer3].length]).toEqual([4, 4, 4]);
      verify(subscriptions, assignment, partitionsPerTopic);
    });

    it("G-ASSIGN: conflicting claims from older generations are resolved for the newest (testAssignmentWithConflictingPreviousGenerations)", () => {
      const partitionsPerTopic = { [topic]: 4, [topic2]: 4, [topic3]: 4 };
      const allTopics = [topic, topic2, topic3];
      const consumer1SubscribedTopics = isAllSubscriptionsEqual ? allTopics : [topic];
      const consumer2SubscribedTopics = isAllSubscriptionsEqual ? allTopics : [topic, topic2];
      const [tp0, tp1, tp2, tp3] = [0, 1, 2, 3].map((p) => tp(topic, p));
      const [t2p0, t2p1, t2p2, t2p3] = [0, 1, 2, 3].map((p) => tp(topic2, p));
      const [t3p0, t3p1, t3p2, t3p3] = [0, 1, 2, 3].map((p) => tp(topic3, p));
      const c1partitions0 = isAllSubscriptionsEqual ? [tp0, tp1, tp2, t2p2, t2p3, t3p0] : [tp0, tp1, tp2, tp3];
      const c2partitions0 = [tp0, tp1, t2p0, t2p1, t2p2, t2p3];
      const c3partitions0 = [tp2, tp3, t3p0, t3p1, t3p2, t3p3];
      const subscriptions: Record<string, Subscription> = {
        [consumer1]: buildSubscriptionV2Above(consumer1SubscribedTopics, c1partitions0, 1),
        [consumer2]: buildSubscriptionV2Above(consumer2SubscribedTopics, c2partitions0, 2),
        [consumer3]: buildSubscriptionV2Above(allTopics, c3partitions0, 2),
      };
      const assignment = assignor.assign(partitionsPerTopic, subscriptions);
      const c1partitions = assignment[consumer1];
      const c2partitions = assignment[consumer2];
      const c3partitions = assignment[consumer3];
      expect([c1partitions.length, c2partitions.length, c3partitions.length]).toEqual([4, 4, 4]);
      expect(containsAll(c2partitions0, c2partitions)).toBe(true);
      expect(containsAll(c3partitions0, c3partitions)).toBe(true);
      verify(subscriptions, assignment, partitionsPerTopic);
      expect(isFullyBalanced(assignment)).toBe(true);
    });
  });

  it("G-ASSIGN: a member whose owned partitions carry no generation keeps them (testSchemaBackwardCompatibility)", () => {
    const partitionsPerTopic = { [topic]: 3 };
    const c1partitions0 = [tp(topic, 0), tp(topic, 2)];
    const c2partitions0 = [tp(topic, 1)];
    const subscriptions: Record<string, Subscription> = {
      [consumer1]: buildSubscriptionV2Above([topic], c1partitions0, 1),
      // Kafka's old user-data schema: owned partitions without a generation.
      [consumer2]: { topics: [topic], ownedPartitions: c2partitions0 },
      [consumer3]: subscription([topic]),
    };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect([assignment[consumer1].length, assignment[consumer2].length, assignment[consumer3].length]).toEqual([1, 1, 1]);
    expect(containsAll(c1partitions0, assignment[consumer1])).toBe(true);
    expect(containsAll(c2partitions0, assignment[consumer2])).toBe(true);
    verify(subscriptions, assignment, partitionsPerTopic);
  });

  it("G-ASSIGN: members on older subscription versions keep their partitions (testAssignorWithOldVersionSubscriptions)", () => {
    const partitionsPerTopic = { topic1: 3 };
    const subscriptions = {
      [consumer1]: buildSubscriptionV2Above(["topic1"], [tp("topic1", 0)], generationId),
      [consumer2]: buildSubscriptionV2Above(["topic1"], [tp("topic1", 1)], generationId),
      [consumer3]: buildSubscriptionV2Above(["topic1"], [], generationId),
    };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(assignment).toEqual({
      [consumer1]: [tp("topic1", 0)],
      [consumer2]: [tp("topic1", 1)],
      [consumer3]: [tp("topic1", 2)],
    });
    verify(subscriptions, assignment, partitionsPerTopic);
  });
});
