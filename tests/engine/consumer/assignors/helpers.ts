/**
 * Kafka's assignor test utilities (AbstractStickyAssignorTest, CooperativeStickyAssignorTest),
 * ported so that the ported cases read like Kafka's.
 */
import { expect } from "vitest";
import type { PartitionAssignor, Subscription, TopicPartition } from "../../../../engine/consumer/assignors/index.js";
import { cooperativeStickyAssignor } from "../../../../engine/consumer/assignors/index.js";

export const DEFAULT_GENERATION = -1;

export function tp(topic: string, partition: number): TopicPartition {
  return { topic, partition };
}

export function partitions(...tps: TopicPartition[]): TopicPartition[] {
  return tps;
}

export function topics(...names: string[]): string[] {
  return names;
}

/** Kafka's `subscription(topics, consumerIndex)`: topics only, no owned partitions, no generation. */
export function subscription(topicList: string[]): Subscription {
  return { topics: topicList };
}

/** Kafka's buildSubscriptionV2Above: topics, owned partitions and their generation. */
export function buildSubscriptionV2Above(topicList: readonly string[], owned: readonly TopicPartition[], generationId: number): Subscription {
  return { topics: [...topicList], ownedPartitions: [...owned], generationId };
}

/** Kafka's getTopicName / getConsumerName: a prefix and a number zero-padded to the width of maxNum. */
export function canonicalName(prefix: string, i: number, maxNum: number): string {
  return prefix + String(i).padStart(String(maxNum).length, "0");
}

/** "t1-0, t1-3" in Kafka's toSortedString format. */
export function toSortedString(tps: readonly TopicPartition[]): string {
  return tps
    .map((p) => `${p.topic}-${p.partition}`)
    .sort()
    .join(", ");
}

/** Parses Kafka's "t1-0, t1-3" partition lists. */
export function parsePartitions(list: string): TopicPartition[] {
  if (list.trim() === "") return [];
  return list.split(", ").map((s) => tp(s.slice(0, s.lastIndexOf("-")), Number(s.slice(s.lastIndexOf("-") + 1))));
}

export function isFullyBalanced(assignment: Record<string, readonly TopicPartition[]>): boolean {
  const sizes = Object.values(assignment).map((l) => l.length);
  return Math.max(...sizes) - Math.min(...sizes) <= 1;
}

function key(p: TopicPartition): string {
  return `${p.topic}-${p.partition}`;
}

export function asKeySet(tps: readonly TopicPartition[]): Set<string> {
  return new Set(tps.map(key));
}

/**
 * Kafka's AbstractStickyAssignorTest.verifyValidityAndBalance: each member gets only partitions of
 * its topics, no partition goes to two members, and two members 2+ partitions apart share no topic.
 */
function verifyValidityAndBalanceOfOneRound(
  subscriptions: Readonly<Record<string, Subscription>>,
  assignments: Readonly<Record<string, readonly TopicPartition[]>>,
): void {
  const consumers = Object.keys(assignments).sort();
  expect(consumers).toEqual(Object.keys(subscriptions).sort());
  for (let i = 0; i < consumers.length; i++) {
    const consumer = consumers[i];
    const mine = assignments[consumer];
    for (const p of mine) {
      expect(subscriptions[consumer].topics, `${key(p)} is assigned to ${consumer}, which is not subscribed to it`).toContain(p.topic);
    }
    for (let j = i + 1; j < consumers.length; j++) {
      const theirs = assignments[consumers[j]];
      const shared = [...asKeySet(mine)].filter((k) => asKeySet(theirs).has(k));
      expect(shared, `${consumer} and ${consumers[j]} share partitions`).toEqual([]);
      if (Math.abs(mine.length - theirs.length) <= 1) continue;
      const myTopics = new Set(mine.map((p) => p.topic));
      const theirTopics = new Set(theirs.map((p) => p.topic));
      for (const topic of myTopics) {
        expect(theirTopics.has(topic), `partitions of ${topic} could move between ${consumer} and ${consumers[j]}`).toBe(false);
      }
    }
  }
}

/**
 * For the eager assignors, one check. For cooperative-sticky, Kafka's override: while partitions
 * are being revoked, check that none of them is handed to a new owner in the same round, then run
 * the follow-up rebalance (owned = what was assigned, generation 1), at most 4 times, and check the
 * final assignment. Like Kafka's, it updates `subscriptions` and `assignment` in place.
 */
export function verifyValidityAndBalance(
  assignor: PartitionAssignor,
  subscriptions: Record<string, Subscription>,
  assignment: Record<string, TopicPartition[]>,
  partitionsPerTopic: Readonly<Record<string, number>>,
  generationId = 1,
): void {
  if (assignor === cooperativeStickyAssignor) {
    let rebalances = 0;
    while (verifyCooperativeValidity(subscriptions, assignment)) {
      for (const [consumer, assigned] of Object.entries(assignment)) {
        subscriptions[consumer] = buildSubscriptionV2Above(subscriptions[consumer].topics, assigned, generationId);
      }
      const next = assignor.assign(partitionsPerTopic, subscriptions);
      for (const k of Object.keys(assignment)) delete assignment[k];
      Object.assign(assignment, next);
      rebalances++;
      expect(rebalances).toBeLessThanOrEqual(4);
    }
  }
  verifyValidityAndBalanceOfOneRound(subscriptions, assignment);
}

/** Returns whether partitions are being revoked; fails if a revoked partition is also handed out. */
function verifyCooperativeValidity(
  subscriptions: Readonly<Record<string, Subscription>>,
  assignment: Readonly<Record<string, readonly TopicPartition[]>>,
): boolean {
  const added = new Set<string>();
  const revoked = new Set<string>();
  for (const [consumer, assigned] of Object.entries(assignment)) {
    const owned = asKeySet(subscriptions[consumer].ownedPartitions ?? []);
    const now = asKeySet(assigned);
    for (const k of owned) if (!now.has(k)) revoked.add(k);
    for (const k of now) if (!owned.has(k)) added.add(k);
  }
  expect([...added].filter((k) => revoked.has(k)), "partitions handed out in the round they are revoked").toEqual([]);
  return revoked.size > 0;
}

/** A small seeded generator for the ported randomized Kafka tests (mulberry32). */
export function seededRandom(seed: number): (bound: number) => number {
  let state = seed >>> 0;
  return (bound: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.floor(unit * bound);
  };
}
