import type { Simulation } from "./simulation.js";
import { chance, randomInt, type Prng } from "./prng.js";

/** A node's address on the simulated network: "broker-1", "zk", "client-0" ... */
export type NodeId = string;

/** Network knobs. Every ratio defaults to zero; every duration is in milliseconds. */
export interface NetworkOptions {
  /** Smallest one-way latency a link can draw, in ms. */
  latencyMsMin: number;
  /** Largest one-way latency a link can draw, in ms. */
  latencyMsMax: number;
  /** Probability that any one message is lost in transit (0..1). */
  dropRatio: number;
}

export const defaultNetworkOptions: NetworkOptions = { latencyMsMin: 1, latencyMsMax: 3, dropRatio: 0 };

/** Why a message never arrived; reported to the observer so the trace can say so. */
export type DropReason = "cut" | "random-drop" | "response-drop" | "receiver-down";

export interface NetworkObserver {
  dropped(from: NodeId, to: NodeId, kind: string, reason: DropReason): void;
}

/**
 * The network between nodes: per-link latency drawn once from the seed, FIFO delivery on
 * each link (Kafka speaks TCP, so one connection never reorders), random drops, cuts
 * between node sets, extra delay for a slowed node, and dropped responses from a node.
 * Simplification: bandwidth is not modelled; a message's size does not change its latency.
 */
export class Network {
  /** Per link (from, then to): its latency, drawn once, and its last delivery time (FIFO). */
  private readonly links = new Map<NodeId, Map<NodeId, { latencyMs: number; lastDeliveryMs: number }>>();
  /** Pairs of node sets that cannot reach each other; checked at send and at delivery. */
  private cuts: { a: ReadonlySet<NodeId>; b: ReadonlySet<NodeId> }[] = [];
  private readonly extraLatencyMs = new Map<NodeId, number>();
  private readonly responseDropRatio = new Map<NodeId, number>();

  constructor(
    private readonly sim: Simulation,
    private readonly prng: Prng,
    private readonly options: NetworkOptions,
    private readonly isUp: (node: NodeId) => boolean,
    private readonly observer: NetworkObserver,
  ) {}

  /** One-way latency of the link from → to, drawn from the seed the first time it is used. */
  linkLatencyMs(from: NodeId, to: NodeId): number {
    return this.link(from, to).latencyMs;
  }

  private link(from: NodeId, to: NodeId): { latencyMs: number; lastDeliveryMs: number } {
    let byTarget = this.links.get(from);
    if (!byTarget) this.links.set(from, (byTarget = new Map()));
    let link = byTarget.get(to);
    if (!link) {
      link = { latencyMs: randomInt(this.prng, this.options.latencyMsMin, this.options.latencyMsMax), lastDeliveryMs: 0 };
      byTarget.set(to, link);
    }
    return link;
  }

  /**
   * Sends a message. `deliver` runs at the receiver after the link's latency, unless the
   * message is dropped (cut, random loss, receiver down at arrival). `isResponse` marks
   * messages that a "drop responses" fault on the sender may swallow. `onRefused` runs back at
   * the sender when the receiver is down (connection refused).
   */
  send(from: NodeId, to: NodeId, kind: string, deliver: () => void, isResponse = false, onRefused?: () => void): void {
    if (this.isCut(from, to)) {
      this.observer.dropped(from, to, kind, "cut");
      return;
    }
    if (isResponse && chance(this.prng, this.responseDropRatio.get(from) ?? 0)) {
      this.observer.dropped(from, to, kind, "response-drop");
      return;
    }
    if (chance(this.prng, this.options.dropRatio)) {
      this.observer.dropped(from, to, kind, "random-drop");
      return;
    }
    const link = this.link(from, to);
    const extra = this.extraLatencyMs.size === 0 ? 0 : (this.extraLatencyMs.get(from) ?? 0) + (this.extraLatencyMs.get(to) ?? 0);
    const arrival = Math.max(this.sim.nowMs + link.latencyMs + extra, link.lastDeliveryMs);
    link.lastDeliveryMs = arrival;
    this.sim.scheduleAt(arrival, () => {
      // A cut made while the message was in flight loses it too: the connection broke.
      if (this.isCut(from, to)) return this.observer.dropped(from, to, kind, "cut");
      if (!this.isUp(to)) {
        this.observer.dropped(from, to, kind, "receiver-down");
        // A crashed process refuses or resets the connection, which the sender notices one
        // trip later; a cut-off node, by contrast, just goes silent.
        if (onRefused) this.sim.schedule(this.linkLatencyMs(to, from), onRefused);
        return;
      }
      deliver();
    });
  }

  /** True when a cut separates the two nodes. */
  isCut(from: NodeId, to: NodeId): boolean {
    if (this.cuts.length === 0) return false;
    for (const { a, b } of this.cuts) {
      if ((a.has(from) && b.has(to)) || (b.has(from) && a.has(to))) return true;
    }
    return false;
  }

  /** Cuts every link between a node of `a` and a node of `b` (both directions). */
  cut(a: readonly NodeId[], b: readonly NodeId[]): void {
    this.cuts.push({ a: new Set(a), b: new Set(b) });
  }

  /** Removes every cut. */
  heal(): void {
    this.cuts = [];
  }

  /** Adds `extraMs` to every message to or from `node` (0 restores it). */
  slow(node: NodeId, extraMs: number): void {
    if (extraMs > 0) this.extraLatencyMs.set(node, extraMs);
    else this.extraLatencyMs.delete(node);
  }

  /** Drops this fraction of the responses `node` sends (0 restores it). */
  dropResponsesFrom(node: NodeId, ratio: number): void {
    if (ratio > 0) this.responseDropRatio.set(node, ratio);
    else this.responseDropRatio.delete(node);
  }

  /** The current cuts, for views and narration. */
  currentCuts(): { a: NodeId[]; b: NodeId[] }[] {
    return this.cuts.map(({ a, b }) => ({ a: [...a], b: [...b] }));
  }
}
