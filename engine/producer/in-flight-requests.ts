import type { BrokerId } from "../kernel/trace.js";
import type { ProducerBatch } from "./producer-batch.js";

/** One produce request on its way: which batches it carries and when it left. */
export interface InFlightRequest {
  readonly id: number;
  readonly node: BrokerId;
  readonly batches: readonly ProducerBatch[];
  readonly sentMs: number;
}

/**
 * Kafka's InFlightRequests: the requests sent to each node and not yet answered, at most
 * max.in.flight.requests.per.connection per node. Requests to one node are answered in the
 * order sent (one TCP connection), so the oldest is at the head.
 * Simplification: Kafka's canSendMore also waits for the previous request to be fully written
 * to the socket; writing takes no time here.
 */
export class InFlightRequests {
  private readonly requests = new Map<BrokerId, InFlightRequest[]>();
  private total = 0;

  constructor(readonly maxInFlightRequestsPerConnection: number) {}

  add(request: InFlightRequest): void {
    let queue = this.requests.get(request.node);
    if (!queue) this.requests.set(request.node, (queue = []));
    queue.push(request);
    this.total++;
  }

  /** Removes a completed (or timed-out) request; false when it was no longer there. */
  complete(request: InFlightRequest): boolean {
    const queue = this.requests.get(request.node);
    if (!queue) return false;
    const index = queue.indexOf(request);
    if (index < 0) return false;
    queue.splice(index, 1);
    this.total--;
    return true;
  }

  /** True when another request may go to `node`. */
  canSendMore(node: BrokerId): boolean {
    const queue = this.requests.get(node);
    return !queue || queue.length < this.maxInFlightRequestsPerConnection;
  }

  count(node?: BrokerId): number {
    if (node === undefined) return this.total;
    return this.requests.get(node)?.length ?? 0;
  }

  /** Every unanswered request, oldest first per node. */
  all(): InFlightRequest[] {
    return [...this.requests.values()].flat();
  }
}
