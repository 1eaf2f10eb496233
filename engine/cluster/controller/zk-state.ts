import type { BrokerId } from "../../kernel/trace.js";
import { BROKER_IDS_PATH, type ZooKeeper, type ZkResult } from "../coordination/zookeeper.js";
import type { PartitionState } from "../types.js";

/**
 * Where ZooKeeper-mode Kafka keeps the cluster state, and how the controller reads and
 * writes it: /brokers/topics/<topic> holds the replica assignment and
 * /brokers/topics/<topic>/partitions/<p>/state the leader, leader epoch and ISR.
 */
export const TOPICS_PATH = "/brokers/topics";

export function topicPath(topic: string): string {
  return `${TOPICS_PATH}/${topic}`;
}

export function partitionStatePath(topic: string, partition: number): string {
  return `${TOPICS_PATH}/${topic}/partitions/${partition}/state`;
}

interface StoredPartitionState {
  leader: number;
  leader_epoch: number;
  isr: number[];
  controller_epoch: number;
  partition_epoch: number;
}

export function encodePartitionState(state: PartitionState, controllerEpoch: number): string {
  const stored: StoredPartitionState = {
    leader: state.leader ?? -1,
    leader_epoch: state.leaderEpoch,
    isr: state.isr,
    controller_epoch: controllerEpoch,
    partition_epoch: state.partitionEpoch,
  };
  return JSON.stringify(stored);
}

/**
 * Everything a new controller loads at failover.
 * Simplification: one read of the whole tree instead of Kafka's many getData calls.
 */
export function readClusterState(zk: ZooKeeper): { brokers: BrokerId[]; topics: [string, BrokerId[][]][]; partitions: PartitionState[] } {
  const brokers = zk.childrenOf(BROKER_IDS_PATH).map(Number).sort((a, b) => a - b);
  const topics: [string, BrokerId[][]][] = [];
  const partitions: PartitionState[] = [];
  for (const topic of zk.childrenOf(TOPICS_PATH)) {
    const node = zk.nodes.get(topicPath(topic));
    if (!node) continue;
    const assignment = (JSON.parse(node.data) as { partitions: BrokerId[][] }).partitions;
    topics.push([topic, assignment]);
    assignment.forEach((replicas, partition) => {
      const stateNode = zk.nodes.get(partitionStatePath(topic, partition));
      if (!stateNode) return;
      const stored = JSON.parse(stateNode.data) as StoredPartitionState;
      partitions.push({
        topic,
        partition,
        replicas: [...replicas],
        leader: stored.leader < 0 ? null : stored.leader,
        leaderEpoch: stored.leader_epoch,
        isr: stored.isr,
        partitionEpoch: stored.partition_epoch,
      });
    });
  }
  return { brokers, topics, partitions };
}

export function writePartitionStates(zk: ZooKeeper, session: number, states: readonly PartitionState[], controllerEpoch: number): ZkResult<void> {
  for (const state of states) {
    const result = zk.upsert(session, partitionStatePath(state.topic, state.partition), encodePartitionState(state, controllerEpoch));
    if (!result.ok) return result;
  }
  return { ok: true, value: undefined };
}

export function deleteTopicNodes(zk: ZooKeeper, session: number, topic: string): ZkResult<void> {
  const prefix = topicPath(topic);
  for (const path of [...zk.nodes.keys()]) {
    if (path === prefix || path.startsWith(`${prefix}/`)) zk.nodes.delete(path);
  }
  return zk.touch(session) ? { ok: true, value: undefined } : { ok: false, error: "SESSION_EXPIRED" };
}

/** Writes a topic straight into ZooKeeper, as if it had been created before the run began. */
export function seedTopic(zk: ZooKeeper, topic: string, assignment: BrokerId[][]): void {
  zk.nodes.set(topicPath(topic), { data: JSON.stringify({ partitions: assignment }), ephemeralOwner: null, version: 0 });
  assignment.forEach((replicas, partition) => {
    const state: PartitionState = { topic, partition, replicas, leader: replicas[0], leaderEpoch: 0, isr: [...replicas], partitionEpoch: 0 };
    zk.nodes.set(partitionStatePath(topic, partition), { data: encodePartitionState(state, 0), ephemeralOwner: null, version: 0 });
  });
}
