import type { Cluster } from "../cluster/cluster.js";
import type { ClientMetadataResponse } from "../cluster/metadata-cache.js";
import { request, type Endpoint } from "../cluster/rpc.js";
import { brokerNodeId } from "../cluster/types.js";
import type { Timer } from "../kernel/simulation.js";
import type { BrokerId } from "../kernel/trace.js";

/**
 * The consumer's process on the network: its node name and its incarnation. A crash bumps the
 * incarnation, so responses to requests of a past life are dropped (rpc.ts checks
 * isCurrent), and cancels every timer of that life (the "threads" die with the process).
 */
export class ConsumerNode implements Endpoint {
  incarnation = 0;
  alive = true;
  private readonly timers = new Set<Timer>();

  constructor(
    readonly cluster: Cluster,
    readonly nodeId: string,
  ) {
    if (!cluster.clientNodes.includes(nodeId)) cluster.clientNodes.push(nodeId);
  }

  isCurrent(incarnation: number): boolean {
    return this.alive && this.incarnation === incarnation;
  }

  get nowMs(): number {
    return this.cluster.sim.nowMs;
  }

  /** Runs `action` after `delayMs` if this process is still the same live incarnation. */
  after(delayMs: number, action: () => void): Timer {
    const incarnation = this.incarnation;
    const scheduled = this.cluster.sim.schedule(Math.max(0, delayMs), () => {
      this.timers.delete(timer);
      if (this.isCurrent(incarnation)) action();
    });
    // A cancelled timer never fires, so it leaves the set when it is cancelled.
    const timer: Timer = {
      cancel: () => {
        scheduled.cancel();
        this.timers.delete(timer);
      },
    };
    this.timers.add(timer);
    return timer;
  }

  /** The process stops: every timer and every outstanding request of this life is dropped. */
  kill(): void {
    this.alive = false;
    this.incarnation++;
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
  }
}

/** One partition as the consumer's metadata knows it. */
export interface PartitionInfo {
  partition: number;
  leader: BrokerId | null;
  leaderEpoch: number;
}

/**
 * Kafka's ConsumerMetadata: the cluster's topics, partitions and leaders as last fetched from any
 * broker (least loaded node, simplified: brokers in turn), refreshed every metadata.max.age.ms,
 * on request (a leader moved, a fetch failed), and before a pattern subscription rejoins.
 * Simplification: the consumer asks for every topic (Kafka asks for the subscribed ones, or all
 * of them for a pattern subscription).
 */
export class ConsumerMetadata {
  private topics = new Map<string, PartitionInfo[]>();
  private refreshing = false;
  private nextBroker = 0;
  private waiters: (() => void)[] = [];
  private maxAgeTimer: Timer | null = null;
  /** Bumped on every successful refresh (Kafka's updateVersion). */
  version = 0;
  lastRefreshMs = -1;
  /** Called after every successful refresh. */
  onUpdate: () => void = () => {};

  constructor(
    private readonly node: ConsumerNode,
    private readonly client: string,
    private readonly maxAgeMs: number,
    private readonly requestTimeoutMs: number,
    private readonly retryBackoffMs: number,
  ) {}

  get hasData(): boolean {
    return this.version > 0;
  }

  topicNames(): string[] {
    return [...this.topics.keys()];
  }

  partitionCount(topic: string): number {
    return this.topics.get(topic)?.length ?? 0;
  }

  partitionInfo(topic: string, partition: number): PartitionInfo | undefined {
    return this.topics.get(topic)?.[partition];
  }

  leaderFor(topic: string, partition: number): BrokerId | null {
    return this.partitionInfo(topic, partition)?.leader ?? null;
  }

  /** Asks one broker for metadata; on failure tries the next after retry.backoff.ms. */
  update(onDone?: () => void): void {
    if (onDone) this.waiters.push(onDone);
    if (this.refreshing) return;
    this.refreshing = true;
    const cluster = this.node.cluster;
    const ids = [...cluster.brokers.keys()];
    const target = ids[this.nextBroker++ % ids.length];
    request<ClientMetadataResponse | null>(
      cluster.sim,
      cluster.net,
      this.node,
      brokerNodeId(target),
      "Metadata",
      (respond) => {
        const broker = cluster.broker(target);
        respond(broker && broker.metadata.controllerEpoch >= 0 ? broker.metadata.metadataResponse([]) : null);
      },
      (outcome) => {
        this.refreshing = false;
        if (!outcome.ok || outcome.response === null) {
          this.node.after(this.retryBackoffMs, () => this.update());
          return;
        }
        this.apply(outcome.response, target);
      },
      Math.min(this.requestTimeoutMs, 5_000),
    );
  }

  private apply(response: ClientMetadataResponse, from: BrokerId): void {
    const topics = new Map<string, PartitionInfo[]>();
    for (const t of response.topics) {
      if (t.error !== "NONE") continue;
      topics.set(t.topic, t.partitions.map((p) => ({ partition: p.partition, leader: p.leader, leaderEpoch: p.leaderEpoch })));
    }
    this.topics = topics;
    this.version++;
    this.lastRefreshMs = this.node.nowMs;
    const leaders: Record<string, BrokerId | null> = {};
    for (const [topic, partitions] of topics) for (const p of partitions) leaders[`${topic}-${p.partition}`] = p.leader;
    this.node.cluster.trace.emit({ t: this.node.nowMs, type: "client.metadata", client: this.client, from, leaders });
    this.scheduleMaxAgeRefresh();
    this.onUpdate();
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** metadata.max.age.ms: refresh even when nothing asked for it (how a pattern sees new topics). */
  private scheduleMaxAgeRefresh(): void {
    this.maxAgeTimer?.cancel();
    if (this.maxAgeMs <= 0) return;
    this.maxAgeTimer = this.node.after(this.maxAgeMs, () => this.update());
  }
}
