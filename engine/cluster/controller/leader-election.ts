import type { BrokerId } from "../../kernel/trace.js";

export interface ElectionResult {
  leader: BrokerId | null;
  isr: BrokerId[];
  kind: "clean" | "unclean" | "none";
}

/**
 * Kafka's offline-partition leader election (PartitionLeaderElectionAlgorithms
 * .offlinePartitionLeaderElection): the first replica, in assignment order, that is alive
 * and in the ISR. Only when there is none and unclean election is enabled, the first live
 * replica at all, which may be missing acknowledged records: that is the loss unclean
 * election trades for availability.
 */
export function offlinePartitionLeaderElection(
  assignment: readonly BrokerId[],
  isr: readonly BrokerId[],
  liveReplicas: ReadonlySet<BrokerId>,
  uncleanLeaderElectionEnabled: boolean,
): ElectionResult {
  const clean = assignment.find((id) => liveReplicas.has(id) && isr.includes(id));
  if (clean !== undefined) return { leader: clean, isr: isr.filter((id) => liveReplicas.has(id)), kind: "clean" };
  if (uncleanLeaderElectionEnabled) {
    const unclean = assignment.find((id) => liveReplicas.has(id));
    if (unclean !== undefined) return { leader: unclean, isr: [unclean], kind: "unclean" };
  }
  return { leader: null, isr: [...isr], kind: "none" };
}

/**
 * ReplicaStateMachine's removal of a dead replica from the ISR: the ISR never becomes
 * empty (the last member stays, so that it can come back as a clean leader), and a dead
 * leader leaves the partition without a leader.
 */
export function removeReplicaFromIsr(leader: BrokerId | null, isr: readonly BrokerId[], replica: BrokerId): { leader: BrokerId | null; isr: BrokerId[] } {
  const newIsr = isr.length === 1 && isr[0] === replica ? [...isr] : isr.filter((id) => id !== replica);
  return { leader: leader === replica ? null : leader, isr: newIsr };
}

/**
 * AdminUtils.assignReplicasToBrokers without racks: partition p's first replica is broker
 * (p + startIndex) mod n, the others follow with a shift that grows every n partitions, so
 * leaders and followers spread evenly. `startIndex` and `nextReplicaShift` are Kafka's
 * random draws; here the caller passes them from the seeded generator.
 */
export function assignReplicasToBrokers(
  brokers: readonly BrokerId[],
  partitions: number,
  replicationFactor: number,
  startIndex: number,
  nextReplicaShiftStart: number,
  startPartitionId = 0,
): BrokerId[][] {
  const sorted = [...brokers].sort((a, b) => a - b);
  const n = sorted.length;
  const result: BrokerId[][] = [];
  let nextReplicaShift = nextReplicaShiftStart;
  let currentPartitionId = Math.max(0, startPartitionId);
  for (let i = 0; i < partitions; i++) {
    if (currentPartitionId > 0 && currentPartitionId % n === 0) nextReplicaShift += 1;
    const firstReplicaIndex = (currentPartitionId + startIndex) % n;
    const replicas = [sorted[firstReplicaIndex]];
    for (let j = 0; j < replicationFactor - 1; j++) {
      const shift = 1 + ((nextReplicaShift + j) % (n - 1));
      replicas.push(sorted[(firstReplicaIndex + shift) % n]);
    }
    result.push(replicas);
    currentPartitionId++;
  }
  return result;
}
