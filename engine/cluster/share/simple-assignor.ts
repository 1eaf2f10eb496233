import { javaHashMapOrder, javaStringHashCode } from "../../consumer/assignors/java-hash-order.js";
import { tpKey, type TopicPartition } from "../types.js";

/** One member as the share group's assignor sees it. */
export interface ShareMemberSpec {
  memberId: string;
  subscribedTopics: readonly string[];
  /** The partitions it holds now (the current assignment). */
  assigned: readonly TopicPartition[];
}

/**
 * Kafka's SimpleAssignor (group-coordinator, KIP-932), the server-side assignor of share
 * groups. Unlike a consumer group's assignors it may give one partition to several members:
 * share groups hand out records, not partitions, so sharing a partition is the point.
 *   1. Hash each member id to one of its subscribed partitions (Math.abs(hashCode % n)).
 *   2. Round-robin the partitions nobody got in step 1 and nobody holds now.
 *   3. Keep what members hold now (for topics still subscribed) and add steps 1 and 2.
 * With one partition every member gets it; with more partitions than members, they spread.
 * Simplification: Kafka orders a topic's partitions by topic id (a UUID); we have none, so
 * topics are taken in name order.
 * Returns "topic-partition" lists per member, each sorted.
 */
export function assignSharePartitions(members: readonly ShareMemberSpec[], partitionCount: (topic: string) => number): Map<string, TopicPartition[]> {
  const result = new Map<string, TopicPartition[]>();
  if (members.length === 0) return result;
  // GroupSpecImpl keeps members in a HashMap: Kafka's loops run in Java's hash order.
  const ordered = javaHashMapOrder(members, (m) => javaStringHashCode(m.memberId));
  const homogeneous = ordered.every((m) => sameTopics(m.subscribedTopics, ordered[0].subscribedTopics));
  const targetsOf = (topics: readonly string[]) =>
    [...new Set(topics)].sort().flatMap((topic) => Array.from({ length: Math.max(0, partitionCount(topic)) }, (_, partition) => ({ topic, partition })));
  const current = new Map<string, string[]>(); // "topic-partition" -> members holding it now
  for (const m of ordered) for (const tp of m.assigned) push(current, tpKey(tp.topic, tp.partition), m.memberId);

  const newAssignment = new Map<string, { tp: TopicPartition; members: string[] }>();
  const add = (tp: TopicPartition, memberId: string) => {
    const key = tpKey(tp.topic, tp.partition);
    const entry = newAssignment.get(key) ?? { tp, members: [] };
    entry.members.push(memberId);
    newAssignment.set(key, entry);
  };
  // Step 1: SimpleAssignor.memberHashAssignment.
  const hashAssign = (targets: readonly TopicPartition[], memberIds: readonly string[]) => {
    if (targets.length === 0) return;
    for (const memberId of memberIds) add(targets[Math.abs(javaStringHashCode(memberId) % targets.length)], memberId);
  };
  // Step 2: SimpleAssignor.roundRobinAssignment, restarting the member iterator when it runs out.
  const roundRobin = (memberIds: readonly string[], targets: readonly TopicPartition[]) => {
    if (memberIds.length === 0) return;
    targets.forEach((tp, i) => add(tp, memberIds[i % memberIds.length]));
  };
  const unassigned = (tp: TopicPartition) => !newAssignment.has(tpKey(tp.topic, tp.partition)) && !current.has(tpKey(tp.topic, tp.partition));

  const subscribers = new Map<string, string[]>(); // topic -> members subscribed, in member order
  for (const m of ordered) for (const topic of new Set(m.subscribedTopics)) push(subscribers, topic, m.memberId);
  if (homogeneous) {
    const targets = targetsOf(ordered[0].subscribedTopics);
    const ids = ordered.map((m) => m.memberId);
    hashAssign(targets, ids);
    roundRobin(ids, targets.filter(unassigned));
  } else {
    const allTargets: TopicPartition[] = [];
    for (const m of ordered) {
      const targets = targetsOf(m.subscribedTopics);
      hashAssign(targets, [m.memberId]);
      for (const tp of targets) if (!allTargets.some((t) => t.topic === tp.topic && t.partition === tp.partition)) allTargets.push(tp);
    }
    const leftover = allTargets.filter(unassigned);
    for (const topic of [...new Set(leftover.map((tp) => tp.topic))]) {
      roundRobin(subscribers.get(topic) ?? [], leftover.filter((tp) => tp.topic === topic));
    }
  }

  // Step 3: current assignment (for topics the holder still subscribes to) plus the new one.
  const final = new Map<string, Map<string, TopicPartition>>();
  const give = (memberId: string, tp: TopicPartition) => {
    const set = final.get(memberId) ?? new Map<string, TopicPartition>();
    set.set(tpKey(tp.topic, tp.partition), tp);
    final.set(memberId, set);
  };
  const byId = new Map(ordered.map((m) => [m.memberId, m]));
  for (const m of ordered) {
    for (const tp of m.assigned) {
      const stillSubscribed = homogeneous ? ordered[0].subscribedTopics.includes(tp.topic) : (subscribers.get(tp.topic) ?? []).includes(m.memberId);
      if (stillSubscribed && byId.has(m.memberId) && tp.partition < partitionCount(tp.topic)) give(m.memberId, tp);
    }
  }
  for (const { tp, members: ids } of newAssignment.values()) for (const id of ids) give(id, tp);
  for (const m of members) {
    const tps = [...(final.get(m.memberId)?.values() ?? [])].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
    result.set(m.memberId, tps);
  }
  return result;
}

function sameTopics(a: readonly string[], b: readonly string[]): boolean {
  const sa = [...new Set(a)].sort();
  const sb = [...new Set(b)].sort();
  return sa.length === sb.length && sa.every((t, i) => t === sb[i]);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
