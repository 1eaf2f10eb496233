import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cooperativeStickyAssignor,
  rangeAssignor,
  roundRobinAssignor,
  stickyAssignor,
  type PartitionAssignor,
  type Subscription,
  type TopicPartition,
} from "../../../../engine/consumer/assignors/index.js";
import { tp } from "./helpers.js";

const allAssignors = [rangeAssignor, roundRobinAssignor, stickyAssignor, cooperativeStickyAssignor];
const stickyAssignors = [stickyAssignor, cooperativeStickyAssignor];

const key = (p: TopicPartition) => `${p.topic}-${p.partition}`;

const partitionsPerTopicArb = fc.dictionary(fc.constantFrom("a", "b", "c", "orders", "topic1"), fc.integer({ min: 0, max: 12 }), {
  minKeys: 1,
});

/**
 * A group: members m0.. with subsets of the topics (plus a topic without metadata), some static.
 * Every member subscribes to something: see the sticky assignors' empty-subscription quirk in
 * abstract-sticky-assignor.test.ts.
 */
function groupArb(partitionsPerTopic: Record<string, number>) {
  const topicNames = [...Object.keys(partitionsPerTopic), "missing"];
  return fc
    .array(
      fc.record({
        topics: fc.subarray(topicNames, { minLength: 1 }),
        instance: fc.option(fc.constantFrom("i0", "i1", "i2", "i3"), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 8 },
    )
    .map((members) => {
      const subscriptions: Record<string, Subscription> = {};
      members.forEach((m, i) => (subscriptions[`m${i}`] = { topics: m.topics, groupInstanceId: m.instance }));
      return subscriptions;
    });
}

const scenarioArb = partitionsPerTopicArb.chain((partitionsPerTopic) =>
  groupArb(partitionsPerTopic).map((subscriptions) => ({ partitionsPerTopic, subscriptions })),
);

/** Uniform subscriptions: every member subscribes to every topic. */
const uniformScenarioArb = fc.record({
  partitionsPerTopic: partitionsPerTopicArb,
  memberCount: fc.integer({ min: 1, max: 9 }),
});

function uniformSubscriptions(partitionsPerTopic: Record<string, number>, memberCount: number): Record<string, Subscription> {
  const subscriptions: Record<string, Subscription> = {};
  for (let i = 0; i < memberCount; i++) subscriptions[`member-${i}`] = { topics: Object.keys(partitionsPerTopic) };
  return subscriptions;
}

function allPartitionsOfSubscribedTopics(
  partitionsPerTopic: Record<string, number>,
  subscriptions: Record<string, Subscription>,
): string[] {
  const subscribed = new Set(Object.values(subscriptions).flatMap((s) => s.topics));
  const keys: string[] = [];
  for (const [topic, count] of Object.entries(partitionsPerTopic)) {
    if (!subscribed.has(topic)) continue;
    for (let p = 0; p < count; p++) keys.push(`${topic}-${p}`);
  }
  return keys.sort();
}

/** Each assigned partition goes to a subscriber of its topic, once. */
function expectValid(subscriptions: Record<string, Subscription>, assignment: Record<string, TopicPartition[]>): void {
  expect(Object.keys(assignment).sort()).toEqual(Object.keys(subscriptions).sort());
  const seen = new Set<string>();
  for (const [member, tps] of Object.entries(assignment)) {
    for (const p of tps) {
      expect(subscriptions[member].topics).toContain(p.topic);
      expect(seen.has(key(p))).toBe(false);
      seen.add(key(p));
    }
  }
}

function assignedKeys(assignment: Record<string, TopicPartition[]>): string[] {
  return Object.values(assignment)
    .flat()
    .map(key)
    .sort();
}

function spread(assignment: Record<string, TopicPartition[]>): number {
  const sizes = Object.values(assignment).map((l) => l.length);
  return Math.max(...sizes) - Math.min(...sizes);
}

/**
 * The fewest owned partitions that must change owner when the members that stay own `owned`
 * partitions each and P partitions are spread over M members: each keeps at most its quota, and
 * the P % M places at maxQuota go to those owning most.
 */
function minimumMoves(owned: number[], totalPartitions: number, memberCount: number): number {
  const minQuota = Math.floor(totalPartitions / memberCount);
  const maxQuota = Math.ceil(totalPartitions / memberCount);
  const numMax = totalPartitions % memberCount;
  const sorted = [...owned].sort((x, y) => y - x);
  let kept = 0;
  sorted.forEach((o, i) => (kept += Math.min(o, i < numMax ? maxQuota : minQuota)));
  return owned.reduce((s, o) => s + o, 0) - kept;
}

function moved(
  before: Record<string, TopicPartition[]>,
  after: Record<string, TopicPartition[]>,
  stayingMembers: string[],
): number {
  let count = 0;
  for (const member of stayingMembers) {
    const now = new Set(after[member].map(key));
    count += before[member].filter((p) => !now.has(key(p))).length;
  }
  return count;
}

describe.each(allAssignors.map((a) => [a.name, a] as const))("G-ASSIGN: %s assignor properties", (_name, assignor: PartitionAssignor) => {
  it("G-ASSIGN: every partition of a subscribed topic goes to exactly one of its subscribers", () => {
    fc.assert(
      fc.property(scenarioArb, ({ partitionsPerTopic, subscriptions }) => {
        const assignment = assignor.assign(partitionsPerTopic, subscriptions);
        expectValid(subscriptions, assignment);
        expect(assignedKeys(assignment)).toEqual(allPartitionsOfSubscribedTopics(partitionsPerTopic, subscriptions));
      }),
    );
  });

  it("G-ASSIGN: the same group and topics always give the same assignment", () => {
    fc.assert(
      fc.property(scenarioArb, ({ partitionsPerTopic, subscriptions }) => {
        expect(assignor.assign(partitionsPerTopic, subscriptions)).toEqual(assignor.assign(partitionsPerTopic, subscriptions));
      }),
    );
  });
});

describe("G-ASSIGN: balance with uniform subscriptions", () => {
  it.each([roundRobinAssignor, stickyAssignor, cooperativeStickyAssignor].map((a) => [a.name, a] as const))(
    "G-ASSIGN: %s gives every member the same number of partitions, within one",
    (_name, assignor) => {
      fc.assert(
        fc.property(uniformScenarioArb, ({ partitionsPerTopic, memberCount }) => {
          const assignment = assignor.assign(partitionsPerTopic, uniformSubscriptions(partitionsPerTopic, memberCount));
          expect(spread(assignment)).toBeLessThanOrEqual(1);
        }),
      );
    },
  );

  it("G-ASSIGN: range balances each topic within one, but not the total", () => {
    fc.assert(
      fc.property(uniformScenarioArb, ({ partitionsPerTopic, memberCount }) => {
        const assignment = rangeAssignor.assign(partitionsPerTopic, uniformSubscriptions(partitionsPerTopic, memberCount));
        for (const topic of Object.keys(partitionsPerTopic)) {
          const perTopic = Object.values(assignment).map((tps) => tps.filter((p) => p.topic === topic).length);
          expect(Math.max(...perTopic) - Math.min(...perTopic)).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});

describe.each(stickyAssignors.map((a) => [a.name, a] as const))("G-ASSIGN: %s stickiness", (_name, assignor) => {
  /** A balanced previous generation, as the sticky assignor itself made it. */
  function previous(partitionsPerTopic: Record<string, number>, memberCount: number) {
    const subscriptions = uniformSubscriptions(partitionsPerTopic, memberCount);
    return { subscriptions, assignment: stickyAssignor.assign(partitionsPerTopic, subscriptions) };
  }
  const total = (partitionsPerTopic: Record<string, number>) => Object.values(partitionsPerTopic).reduce((s, n) => s + n, 0);

  it("G-ASSIGN: when a member joins, only the partitions balance needs are taken from the others", () => {
    fc.assert(
      fc.property(uniformScenarioArb, ({ partitionsPerTopic, memberCount }) => {
        const before = previous(partitionsPerTopic, memberCount);
        const subscriptions: Record<string, Subscription> = {};
        for (const [member, s] of Object.entries(before.subscriptions)) {
          subscriptions[member] = { ...s, ownedPartitions: before.assignment[member], generationId: 5 };
        }
        subscriptions.newcomer = { topics: Object.keys(partitionsPerTopic), generationId: -1 };
        const after = assignor.assign(partitionsPerTopic, subscriptions);
        const staying = Object.keys(before.assignment);
        const owned = staying.map((m) => before.assignment[m].length);
        expect(moved(before.assignment, after, staying)).toBe(minimumMoves(owned, total(partitionsPerTopic), memberCount + 1));
      }),
    );
  });

  it("G-ASSIGN: when a member leaves, the others keep everything they owned", () => {
    fc.assert(
      fc.property(
        uniformScenarioArb.filter(({ memberCount }) => memberCount >= 2),
        fc.nat(),
        ({ partitionsPerTopic, memberCount }, leaverSeed) => {
          const before = previous(partitionsPerTopic, memberCount);
          const members = Object.keys(before.assignment);
          const leaver = members[leaverSeed % members.length];
          const subscriptions: Record<string, Subscription> = {};
          for (const member of members) {
            if (member === leaver) continue;
            subscriptions[member] = { ...before.subscriptions[member], ownedPartitions: before.assignment[member], generationId: 5 };
          }
          const after = assignor.assign(partitionsPerTopic, subscriptions);
          const staying = members.filter((m) => m !== leaver);
          const owned = staying.map((m) => before.assignment[m].length);
          expect(moved(before.assignment, after, staying)).toBe(minimumMoves(owned, total(partitionsPerTopic), memberCount - 1));
          expect(moved(before.assignment, after, staying)).toBe(0);
        },
      ),
    );
  });
});

/** Any owned partitions, possibly claimed twice, with any generations. */
const ownedScenarioArb = scenarioArb.chain(({ partitionsPerTopic, subscriptions }) => {
  const all: TopicPartition[] = [];
  for (const [topic, count] of Object.entries(partitionsPerTopic)) for (let p = 0; p < count; p++) all.push(tp(topic, p));
  const members = Object.keys(subscriptions);
  return fc
    .tuple(...members.map(() => fc.record({ owned: fc.subarray(all), generation: fc.integer({ min: -1, max: 3 }) })))
    .map((owners) => {
      const withOwned: Record<string, Subscription> = {};
      members.forEach((m, i) => {
        withOwned[m] = { ...subscriptions[m], ownedPartitions: owners[i].owned, generationId: owners[i].generation };
      });
      return { partitionsPerTopic, subscriptions: withOwned };
    });
});

/**
 * Drops claims that members of an older generation make on topics they no longer subscribe to:
 * Kafka's general builder can hand such a partition back to its old owner (see the quirk test in
 * abstract-sticky-assignor.test.ts), which these validity properties would flag.
 */
function withoutStaleClaimsOnUnsubscribedTopics(scenario: {
  partitionsPerTopic: Record<string, number>;
  subscriptions: Record<string, Subscription>;
}) {
  const maxGeneration = Math.max(-1, ...Object.values(scenario.subscriptions).map((s) => s.generationId ?? -1));
  const subscriptions: Record<string, Subscription> = {};
  for (const [member, s] of Object.entries(scenario.subscriptions)) {
    const stale = (s.generationId ?? -1) < maxGeneration;
    subscriptions[member] = stale ? { ...s, ownedPartitions: (s.ownedPartitions ?? []).filter((p) => s.topics.includes(p.topic)) } : s;
  }
  return { partitionsPerTopic: scenario.partitionsPerTopic, subscriptions };
}

describe("G-ASSIGN: cooperative-sticky rebalances in two steps", () => {
  it("G-ASSIGN: a partition is never given to a new owner in the round another member still owns it", () => {
    fc.assert(
      fc.property(ownedScenarioArb, ({ partitionsPerTopic, subscriptions }) => {
        const assignment = cooperativeStickyAssignor.assign(partitionsPerTopic, subscriptions);
        for (const [member, tps] of Object.entries(assignment)) {
          const ownedByMember = new Set((subscriptions[member].ownedPartitions ?? []).map(key));
          for (const p of tps) {
            if (ownedByMember.has(key(p))) continue;
            const otherOwners = Object.entries(subscriptions).filter(
              ([other, s]) => other !== member && (s.ownedPartitions ?? []).some((o) => key(o) === key(p)),
            );
            expect(otherOwners.map(([other]) => other), `${key(p)} given to ${member}`).toEqual([]);
          }
        }
      }),
    );
  });

  it("G-ASSIGN: what cooperative-sticky withholds is exactly what moves between members under sticky", () => {
    fc.assert(
      fc.property(ownedScenarioArb, ({ partitionsPerTopic, subscriptions }) => {
        const eager = stickyAssignor.assign(partitionsPerTopic, subscriptions);
        const cooperative = cooperativeStickyAssignor.assign(partitionsPerTopic, subscriptions);
        for (const member of Object.keys(subscriptions)) {
          const kept = new Set(cooperative[member].map(key));
          // Cooperative hands out a subset of the eager assignment, in the same order.
          expect(eager[member].filter((p) => kept.has(key(p)))).toEqual(cooperative[member]);
        }
      }),
    );
  });

  it("G-ASSIGN: sticky assignments stay valid whatever members claim to own", () => {
    fc.assert(
      fc.property(ownedScenarioArb.map(withoutStaleClaimsOnUnsubscribedTopics), ({ partitionsPerTopic, subscriptions }) => {
        const assignment = stickyAssignor.assign(partitionsPerTopic, subscriptions);
        expectValid(subscriptions, assignment);
        expect(assignedKeys(assignment)).toEqual(allPartitionsOfSubscribedTopics(partitionsPerTopic, subscriptions));
      }),
    );
  });
});
