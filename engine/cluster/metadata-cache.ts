import type { BrokerId } from "../kernel/trace.js";
import { tpKey, type PartitionState } from "./types.js";

/**
 * A broker's view of the cluster, filled by the controller's UpdateMetadata requests
 * (Kafka's ZkMetadataCache). Clients ask any broker for it, so a stale cache here means
 * stale clients there.
 */
export class MetadataCache {
  controllerId: BrokerId | null = null;
  controllerEpoch = -1;
  aliveBrokers = new Set<BrokerId>();
  readonly partitions = new Map<string, PartitionState>();

  update(controllerId: BrokerId, controllerEpoch: number, aliveBrokers: readonly BrokerId[], partitions: readonly PartitionState[], deletedTopics: readonly string[]): void {
    this.controllerId = controllerId;
    this.controllerEpoch = controllerEpoch;
    this.aliveBrokers = new Set(aliveBrokers);
    for (const state of partitions) this.partitions.set(tpKey(state.topic, state.partition), { ...state });
    if (deletedTopics.length > 0) {
      for (const [key, state] of this.partitions) if (deletedTopics.includes(state.topic)) this.partitions.delete(key);
    }
  }

  clear(): void {
    this.controllerId = null;
    this.controllerEpoch = -1;
    this.aliveBrokers = new Set();
    this.partitions.clear();
  }

  /** Leaders per "topic-partition", as a client's metadata response carries them. */
  leaders(): Record<string, BrokerId | null> {
    const result: Record<string, BrokerId | null> = {};
    for (const [key, state] of [...this.partitions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) result[key] = state.leader;
    return result;
  }

  partitionCount(topic: string): number {
    let count = 0;
    for (const state of this.partitions.values()) if (state.topic === topic) count++;
    return count;
  }
}
