import type { BrokerId } from "../kernel/trace.js";
import { tpKey, type PartitionState } from "./types.js";

/** One partition in a client's metadata answer. */
export interface ClientPartitionMetadata {
  partition: number;
  leader: BrokerId | null;
  leaderEpoch: number;
}

/** What a broker answers a client's Metadata request with. */
export interface ClientMetadataResponse {
  brokers: BrokerId[];
  topics: { topic: string; error: "NONE" | "UNKNOWN_TOPIC_OR_PARTITION"; partitions: ClientPartitionMetadata[] }[];
}

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

  /**
   * A MetadataResponse for clients (Kafka's KafkaApis.handleTopicMetadataRequest): the live
   * brokers, and per requested topic its partitions with leader and leader epoch, sorted by
   * partition, or UNKNOWN_TOPIC_OR_PARTITION. Empty topics list = every topic, as in Kafka.
   */
  metadataResponse(topics: readonly string[]): ClientMetadataResponse {
    const byTopic = new Map<string, ClientPartitionMetadata[]>();
    for (const state of this.partitions.values()) {
      if (topics.length > 0 && !topics.includes(state.topic)) continue;
      let list = byTopic.get(state.topic);
      if (!list) byTopic.set(state.topic, (list = []));
      list.push({ partition: state.partition, leader: state.leader, leaderEpoch: state.leaderEpoch });
    }
    const names = topics.length > 0 ? topics : [...byTopic.keys()].sort();
    return {
      brokers: [...this.aliveBrokers].sort((a, b) => a - b),
      topics: names.map((topic) => {
        const partitions = (byTopic.get(topic) ?? []).sort((a, b) => a.partition - b.partition);
        return { topic, error: partitions.length === 0 ? "UNKNOWN_TOPIC_OR_PARTITION" : "NONE", partitions };
      }),
    };
  }

  partitionCount(topic: string): number {
    let count = 0;
    for (const state of this.partitions.values()) if (state.topic === topic) count++;
    return count;
  }
}
