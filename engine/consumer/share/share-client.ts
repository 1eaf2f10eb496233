import type { Cluster } from "../../cluster/cluster.js";
import { request, type Endpoint, type RequestOutcome } from "../../cluster/rpc.js";
import { brokerNodeId, tpKey } from "../../cluster/types.js";
import type { Timer } from "../../kernel/simulation.js";
import type { BrokerId } from "../../kernel/trace.js";

/**
 * The network side of a share consumer: its node, its incarnation (a crash makes every late
 * response and timer of the old life do nothing), its timers, and its cached partition leaders
 * (Kafka's Metadata, refreshed from any broker, brokers tried in turn).
 */
export class ShareClient implements Endpoint {
  incarnation = 0;
  alive = true;
  private leaders: Record<string, BrokerId | null> = {};
  private readonly partitionCounts = new Map<string, number>();
  private refreshing = false;
  private nextBroker = 0;
  private waiters: (() => void)[] = [];
  private readonly timers = new Set<Timer>();

  constructor(
    readonly cluster: Cluster,
    readonly nodeId: string,
    readonly requestTimeoutMs: number,
    readonly retryBackoffMs: number,
  ) {
    if (!cluster.clientNodes.includes(nodeId)) cluster.clientNodes.push(nodeId);
  }

  get nowMs(): number {
    return this.cluster.sim.nowMs;
  }

  isCurrent(incarnation: number): boolean {
    return this.alive && incarnation === this.incarnation;
  }

  /** Runs `action` after `delayMs` unless this client crashed or closed meanwhile. */
  after(delayMs: number, action: () => void): Timer {
    const incarnation = this.incarnation;
    const timer = this.cluster.sim.schedule(Math.max(0, delayMs), () => {
      this.timers.delete(timer);
      if (this.isCurrent(incarnation)) action();
    });
    this.timers.add(timer);
    return timer;
  }

  /** Stops everything: no more timers, no more responses (a crash or the end of close()). */
  stop(): void {
    this.alive = false;
    this.incarnation++;
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
    this.waiters = [];
  }

  /** One request to a broker; `serve` runs at the broker. Outcomes after a crash are dropped. */
  send<Res>(broker: BrokerId, kind: string, serve: (respond: (response: Res) => void) => void, onOutcome: (outcome: RequestOutcome<Res>) => void, timeoutMs = this.requestTimeoutMs): void {
    request<Res>(this.cluster.sim, this.cluster.net, this, brokerNodeId(broker), kind, serve, onOutcome, timeoutMs);
  }

  leaderFor(topic: string, partition: number): BrokerId | null {
    return this.leaders[tpKey(topic, partition)] ?? null;
  }

  /** Partitions of a topic in the last metadata (0 if unknown). */
  partitionCount(topic: string): number {
    return this.partitionCounts.get(topic) ?? 0;
  }

  /** Any broker to ask something every broker answers (FindCoordinator). */
  anyBroker(): BrokerId {
    const ids = [...this.cluster.brokers.keys()];
    return ids[this.nextBroker++ % ids.length];
  }

  /** Asks one broker for metadata; on failure tries the next after retry.backoff.ms. */
  refreshMetadata(onDone?: () => void): void {
    if (onDone) this.waiters.push(onDone);
    if (this.refreshing) return;
    this.refreshing = true;
    const target = this.anyBroker();
    const incarnation = this.incarnation;
    this.send<{ leaders: Record<string, BrokerId | null>; counts: [string, number][] } | null>(
      target,
      "Metadata",
      (respond) => {
        const broker = this.cluster.broker(target);
        if (!broker || broker.metadata.controllerEpoch < 0) return respond(null);
        const leaders = broker.metadata.leaders();
        const topics = new Set([...broker.metadata.partitions.values()].map((s) => s.topic));
        respond({ leaders, counts: [...topics].map((t) => [t, broker.metadata.partitionCount(t)]) });
      },
      (outcome) => {
        if (incarnation !== this.incarnation) return;
        this.refreshing = false;
        if (!outcome.ok || outcome.response === null) {
          this.after(this.retryBackoffMs, () => this.refreshMetadata());
          return;
        }
        this.leaders = outcome.response.leaders;
        this.partitionCounts.clear();
        for (const [topic, count] of outcome.response.counts) this.partitionCounts.set(topic, count);
        this.cluster.trace.emit({ t: this.nowMs, type: "client.metadata", client: this.nodeId, from: target, leaders: { ...this.leaders } });
        const waiters = this.waiters;
        this.waiters = [];
        for (const w of waiters) w();
      },
      Math.min(this.requestTimeoutMs, 5_000),
    );
  }
}
