import type { BrokerId } from "../../kernel/trace.js";
import type { Broker } from "../broker.js";
import { request } from "../rpc.js";
import { brokerNodeId } from "../types.js";

/** A request from the controller to one broker; `deliver` runs at that broker. */
interface ControllerRequest {
  kind: "LeaderAndIsr" | "UpdateMetadata" | "StopReplica";
  deliver: (target: Broker) => void;
}

/** How long the controller waits before resending a request that failed (ms). */
const resendBackoffMs = 100;

/**
 * Kafka's ControllerChannelManager: one queue per broker, sent in order, each request resent
 * until that broker answers (RequestSendThread retries on connection errors and timeouts).
 * Requests stay queued while the controller runs, even if it has become a zombie: when the
 * network heals, an old request can reach a broker after a newer controller has spoken,
 * and the broker refuses it for its stale controller epoch.
 */
export class ControllerChannelManager {
  private readonly queues = new Map<BrokerId, ControllerRequest[]>();
  private readonly sending = new Set<BrokerId>();
  private running = true;

  constructor(
    private readonly controllerBroker: Broker,
    private readonly timeoutMs: number,
  ) {}

  enqueue(target: BrokerId, kind: ControllerRequest["kind"], deliver: (target: Broker) => void): void {
    if (!this.running) return;
    const queue = this.queues.get(target) ?? [];
    queue.push({ kind, deliver });
    this.queues.set(target, queue);
    if (!this.sending.has(target)) this.sendNext(target);
  }

  /** A broker left the cluster: the controller drops its queue (removeBroker). */
  removeBroker(target: BrokerId): void {
    this.queues.delete(target);
    this.sending.delete(target);
  }

  shutdown(): void {
    this.running = false;
    this.queues.clear();
    this.sending.clear();
  }

  private sendNext(target: BrokerId): void {
    const queue = this.queues.get(target);
    if (!this.running || !queue || queue.length === 0) {
      this.sending.delete(target);
      return;
    }
    this.sending.add(target);
    const head = queue[0];
    const rt = this.controllerBroker.runtime;
    request<true>(
      rt.sim,
      rt.net,
      this.controllerBroker,
      brokerNodeId(target),
      head.kind,
      (respond) => {
        const broker = rt.broker(target);
        if (!broker) return;
        head.deliver(broker);
        respond(true);
      },
      (outcome) => {
        if (!this.running || this.queues.get(target) !== queue) return;
        if (outcome.ok) {
          queue.shift();
          this.sendNext(target);
        } else {
          this.controllerBroker.after(resendBackoffMs, () => this.sendNext(target));
        }
      },
      this.timeoutMs,
    );
  }
}
