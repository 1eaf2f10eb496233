import type { ClientMetadataResponse } from "../cluster/metadata-cache.js";
import type { BrokerId } from "../kernel/trace.js";
import type { ClusterView, PartitionInfoView } from "./partitioner/index.js";

/** One partition as the producer's metadata knows it. */
export interface PartitionMetadata extends PartitionInfoView {
  readonly topic: string;
  readonly leaderEpoch: number;
}

const none: readonly PartitionMetadata[] = [];

/**
 * Kafka's ProducerMetadata (with its Metadata base): the topics this producer uses, their
 * partitions and leaders as last heard from a broker, when to refresh (every
 * metadata.max.age.ms, or at once when requestUpdate() was called after a leader error), and
 * the refresh backoff. It is the ClusterView the partitioners read.
 * Simplifications: a failed refresh waits retry.backoff.ms (Kafka backs off exponentially);
 * topics are never forgotten (metadata.max.idle.ms is not applied).
 */
export class ProducerMetadata implements ClusterView {
  private readonly topics = new Set<string>();
  private readonly partitionsByTopic = new Map<string, PartitionMetadata[]>();
  private readonly availableByTopic = new Map<string, PartitionMetadata[]>();
  private partitionsByNode = new Map<BrokerId, PartitionMetadata[]>();
  private needFullUpdate = false;
  private lastRefreshMs = Number.NEGATIVE_INFINITY;
  private lastSuccessfulRefreshMs = 0;
  /** Bumped on every successful update (Kafka's updateVersion). */
  updateVersion = 0;
  /** Live brokers in the last answer; the bootstrap list until then. */
  brokers: BrokerId[];
  private readonly listeners: (() => void)[] = [];

  constructor(
    bootstrapBrokers: readonly BrokerId[],
    private readonly metadataMaxAgeMs: number,
    private readonly refreshBackoffMs: number,
  ) {
    this.brokers = [...bootstrapBrokers];
  }

  /** Metadata.add: remember a topic; a topic not known yet triggers an update. */
  add(topic: string): void {
    if (this.topics.has(topic)) return;
    this.topics.add(topic);
    if (!this.partitionsByTopic.has(topic)) this.needFullUpdate = true;
  }

  /** How many topics it tracks (without building the sorted list). */
  topicCount(): number {
    return this.topics.size;
  }

  /** The topics to ask about. */
  topicList(): string[] {
    return [...this.topics].sort();
  }

  /** Metadata.requestUpdate: refresh at the next chance (after the backoff). */
  requestUpdate(): void {
    this.needFullUpdate = true;
  }

  updateRequested(): boolean {
    return this.needFullUpdate;
  }

  /** Metadata.timeToNextUpdate: 0 when a refresh is due now. */
  timeToNextUpdate(nowMs: number): number {
    const timeToExpire = this.needFullUpdate ? 0 : Math.max(this.lastSuccessfulRefreshMs + this.metadataMaxAgeMs - nowMs, 0);
    const timeToAllowUpdate = Math.max(this.lastRefreshMs + this.refreshBackoffMs - nowMs, 0);
    return Math.max(timeToExpire, timeToAllowUpdate);
  }

  /** A refresh attempt failed (no answer or no metadata on that broker): back off. */
  failedUpdate(nowMs: number): void {
    this.lastRefreshMs = nowMs;
  }

  /**
   * Metadata.update with an answer. Per partition, a leader epoch older than the one known is
   * ignored (a lagging broker must not move the client back to an old leader).
   */
  update(response: ClientMetadataResponse, nowMs: number): void {
    this.lastRefreshMs = nowMs;
    this.lastSuccessfulRefreshMs = nowMs;
    this.needFullUpdate = false;
    this.updateVersion++;
    if (response.brokers.length > 0) this.brokers = [...response.brokers];
    for (const { topic, error, partitions } of response.topics) {
      if (error !== "NONE") {
        // The topic does not exist (yet): keep asking while a send waits for it.
        if (!this.partitionsByTopic.has(topic)) continue;
        this.partitionsByTopic.delete(topic);
        this.availableByTopic.delete(topic);
        continue;
      }
      const known = this.partitionsByTopic.get(topic);
      const next: PartitionMetadata[] = partitions.map((p) => {
        const old = known?.[p.partition];
        if (old && old.partition === p.partition && old.leaderEpoch > p.leaderEpoch) return old;
        return { topic, partition: p.partition, leader: p.leader, leaderEpoch: p.leaderEpoch };
      });
      this.partitionsByTopic.set(topic, next);
      this.availableByTopic.set(topic, next.filter((p) => p.leader !== null));
    }
    this.rebuildNodeIndex();
    for (const listener of this.listeners.slice()) listener();
  }

  /** Runs after every successful update (send() waiting on metadata listens here). */
  onUpdate(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  // ---- ClusterView -------------------------------------------------------------------------

  partitionsForTopic(topic: string): readonly PartitionMetadata[] {
    return this.partitionsByTopic.get(topic) ?? none;
  }

  availablePartitionsForTopic(topic: string): readonly PartitionMetadata[] {
    return this.availableByTopic.get(topic) ?? none;
  }

  /** Cluster.partitionCountForTopic: null for a topic the metadata does not know. */
  partitionCountForTopic(topic: string): number | null {
    return this.partitionsByTopic.get(topic)?.length ?? null;
  }

  leaderFor(topic: string, partition: number): BrokerId | null {
    return this.partitionsByTopic.get(topic)?.[partition]?.leader ?? null;
  }

  /** Cluster.partitionsForNode: the partitions `node` leads, in metadata order. */
  partitionsForNode(node: BrokerId): readonly PartitionMetadata[] {
    return this.partitionsByNode.get(node) ?? none;
  }

  /** Leaders per "topic-partition", for the client.metadata trace event. */
  leaders(): Record<string, BrokerId | null> {
    const result: Record<string, BrokerId | null> = {};
    for (const topic of [...this.partitionsByTopic.keys()].sort()) {
      for (const p of this.partitionsByTopic.get(topic)!) result[`${topic}-${p.partition}`] = p.leader;
    }
    return result;
  }

  private rebuildNodeIndex(): void {
    const byNode = new Map<BrokerId, PartitionMetadata[]>();
    for (const topic of [...this.partitionsByTopic.keys()].sort()) {
      for (const p of this.partitionsByTopic.get(topic)!) {
        if (p.leader === null) continue;
        let list = byNode.get(p.leader);
        if (!list) byNode.set(p.leader, (list = []));
        list.push(p);
      }
    }
    this.partitionsByNode = byNode;
  }
}
