import type { Cluster } from "../cluster/cluster.js";
import { request, type Endpoint } from "../cluster/rpc.js";
import { brokerNodeId, tpKey } from "../cluster/types.js";
import type { BrokerId } from "../kernel/trace.js";

/**
 * A client's node and its cached view of partition leaders, refreshed from whichever broker
 * answers (Kafka's Metadata / leastLoadedNode, simplified: brokers are tried in turn), on
 * NOT_LEADER_OR_FOLLOWER and timeouts.
 */
export class ClientNode implements Endpoint {
  readonly incarnation = 0;
  leaders: Record<string, BrokerId | null> = {};
  private refreshing = false;
  private nextBroker = 0;
  private waiters: (() => void)[] = [];

  constructor(
    readonly cluster: Cluster,
    readonly nodeId: string,
    private readonly requestTimeoutMs: number,
  ) {
    cluster.clientNodes.push(nodeId);
  }

  isCurrent(): boolean {
    return true;
  }

  leaderFor(topic: string, partition: number): BrokerId | null {
    return this.leaders[tpKey(topic, partition)] ?? null;
  }

  /** Asks one broker for metadata; on failure tries the next after a short backoff. */
  refresh(onDone?: () => void): void {
    if (onDone) this.waiters.push(onDone);
    if (this.refreshing) return;
    this.refreshing = true;
    const ids = [...this.cluster.brokers.keys()];
    const target = ids[this.nextBroker++ % ids.length];
    request<Record<string, BrokerId | null> | null>(
      this.cluster.sim,
      this.cluster.net,
      this,
      brokerNodeId(target),
      "Metadata",
      (respond) => {
        const broker = this.cluster.broker(target);
        respond(broker && broker.metadata.controllerEpoch >= 0 ? broker.metadata.leaders() : null);
      },
      (outcome) => {
        this.refreshing = false;
        if (!outcome.ok || outcome.response === null) {
          this.cluster.sim.schedule(100, () => this.refresh());
          return;
        }
        this.leaders = outcome.response;
        this.cluster.trace.emit({ t: this.cluster.sim.nowMs, type: "client.metadata", client: this.nodeId, from: target, leaders: { ...this.leaders } });
        const waiters = this.waiters;
        this.waiters = [];
        for (const w of waiters) w();
      },
      Math.min(this.requestTimeoutMs, 5_000),
    );
  }
}
