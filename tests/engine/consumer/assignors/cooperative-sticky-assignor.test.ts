// Cases ported from Kafka's CooperativeStickyAssignorTest (non-rack configurations), plus the
// two-round hand-over that the cooperative protocol is about.
import { describe, expect, it } from "vitest";
import {
  cooperativeStickyAssignor as assignor,
  defaultAssignors,
  rangeAssignor,
  type Subscription,
} from "../../../../engine/consumer/assignors/index.js";
import { buildSubscriptionV2Above, subscription, tp, verifyValidityAndBalance } from "./helpers.js";

const topic = "topic";
const consumer1 = "consumer1";
const consumer2 = "consumer2";
const consumer3 = "consumer3";
const generationId = 1;

describe("G-ASSIGN: cooperative-sticky assignor (Kafka's CooperativeStickyAssignorTest)", () => {
  it("G-ASSIGN: is Kafka's 'cooperative-sticky' assignor and supports both protocols, cooperative first", () => {
    expect(assignor.name).toBe("cooperative-sticky");
    expect(assignor.supportedProtocols).toEqual(["COOPERATIVE", "EAGER"]);
  });

  it("G-ASSIGN: Kafka 4's default strategy list is range, then cooperative-sticky", () => {
    expect(defaultAssignors).toEqual([rangeAssignor, assignor]);
    expect(defaultAssignors.map((a) => a.name)).toEqual(["range", "cooperative-sticky"]);
  });

  it("G-ASSIGN: a partition claimed by two members of one generation is not handed out until both revoke it (testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithEqualPartitionsPerConsumer)", () => {
    const partitionsPerTopic = { [topic]: 3 };
    const subscriptions: Record<string, Subscription> = {
      [consumer1]: buildSubscriptionV2Above([topic], [tp(topic, 0), tp(topic, 1)], generationId),
      [consumer2]: buildSubscriptionV2Above([topic], [tp(topic, 0), tp(topic, 2)], generationId),
      [consumer3]: buildSubscriptionV2Above([topic], [], generationId),
    };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(assignment).toEqual({ [consumer1]: [tp(topic, 1)], [consumer2]: [tp(topic, 2)], [consumer3]: [] });
    verifyValidityAndBalance(assignor, subscriptions, assignment, partitionsPerTopic);
  });

  it("G-ASSIGN: the same with an uneven split (testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithUnequalPartitionsPerConsumer)", () => {
    const partitionsPerTopic = { [topic]: 4 };
    const subscriptions: Record<string, Subscription> = {
      [consumer1]: buildSubscriptionV2Above([topic], [tp(topic, 0), tp(topic, 1)], generationId),
      [consumer2]: buildSubscriptionV2Above([topic], [tp(topic, 0), tp(topic, 2)], generationId),
      [consumer3]: buildSubscriptionV2Above([topic], [], generationId),
    };
    const assignment = assignor.assign(partitionsPerTopic, subscriptions);
    expect(assignment).toEqual({
      [consumer1]: [tp(topic, 1), tp(topic, 3)],
      [consumer2]: [tp(topic, 2)],
      [consumer3]: [],
    });
    verifyValidityAndBalance(assignor, subscriptions, assignment, partitionsPerTopic);
  });

  it("G-ASSIGN: members on the older subscription version keep their partitions (testAssignorWithOldVersionSubscriptions)", () => {
    const partitionsPerTopic = { topic1: 3 };
    const subscriptions: Record<string, Subscription> = {
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
  });

  it("G-ASSIGN: a joining member gets a moved partition only in the follow-up rebalance, after its owner revoked it", () => {
    const partitionsPerTopic = { [topic]: 4 };
    // Round 1: consumer1 owns everything; consumer2 joins.
    const round1 = assignor.assign(partitionsPerTopic, {
      [consumer1]: buildSubscriptionV2Above([topic], [0, 1, 2, 3].map((p) => tp(topic, p)), 1),
      [consumer2]: subscription([topic]),
    });
    expect(round1).toEqual({ [consumer1]: [tp(topic, 0), tp(topic, 1)], [consumer2]: [] });
    // Round 2: consumer1 has revoked partitions 2 and 3; now they can go to consumer2.
    const round2 = assignor.assign(partitionsPerTopic, {
      [consumer1]: buildSubscriptionV2Above([topic], round1[consumer1], 2),
      [consumer2]: buildSubscriptionV2Above([topic], round1[consumer2], 2),
    });
    expect(round2).toEqual({ [consumer1]: [tp(topic, 0), tp(topic, 1)], [consumer2]: [tp(topic, 2), tp(topic, 3)] });
  });

  it("G-ASSIGN: with different subscriptions, moved partitions are found from owned partitions and withheld too", () => {
    // The general builder ran: Kafka computes the partitions changing hands from ownedPartitions.
    const partitionsPerTopic = { a: 2, b: 2 };
    const round1 = assignor.assign(partitionsPerTopic, {
      [consumer1]: buildSubscriptionV2Above(["a", "b"], [tp("a", 0), tp("a", 1), tp("b", 0), tp("b", 1)], 1),
      [consumer2]: subscription(["a"]),
    });
    expect(round1[consumer2]).toEqual([]);
    expect(round1[consumer1].length).toBe(2);
    const round2 = assignor.assign(partitionsPerTopic, {
      [consumer1]: buildSubscriptionV2Above(["a", "b"], round1[consumer1], 2),
      [consumer2]: buildSubscriptionV2Above(["a"], round1[consumer2], 2),
    });
    expect(round2[consumer1].length + round2[consumer2].length).toBe(4);
    expect(round2[consumer2].every((p) => p.topic === "a")).toBe(true);
    expect(round2[consumer2].length).toBe(2);
  });
});
