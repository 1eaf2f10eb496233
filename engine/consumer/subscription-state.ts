import type { TopicPartition } from "./assignors/types.js";
import { illegalState } from "./errors.js";
import { noOpRebalanceListener, type ConsumerRebalanceListener } from "./rebalance-listener.js";

/** Kafka's SubscriptionState.SubscriptionType. */
export type SubscriptionType = "NONE" | "AUTO_TOPICS" | "AUTO_PATTERN" | "USER_ASSIGNED";

/**
 * auto.offset.reset (Kafka's AutoOffsetResetStrategy).
 * Simplification: Kafka 4's by_duration:<ISO-8601> policy (KIP-842) is not supported.
 */
export type OffsetResetStrategy = "earliest" | "latest" | "none";

/** One assigned partition's fetch state (Kafka's TopicPartitionState). */
export interface TopicPartitionState {
  readonly tp: TopicPartition;
  /** tpKeyOf(tp), made once: the poll loop looks partitions up by it many times a second. */
  readonly key: string;
  /** The next offset to return to the application; null until it is initialized. */
  position: number | null;
  paused: boolean;
  /** A reset requested (out of range, or no committed offset), waiting for ListOffsets. */
  resetStrategy: OffsetResetStrategy | null;
  /** Why the reset was requested, for the trace. */
  resetReason: string;
  /** Waiting for the committed offset (OffsetFetch) before anything else. */
  awaitingCommitted: boolean;
  /**
   * SubscriptionState.markPendingRevocation: an eager rebalance is about to take it away, so
   * poll() hands out nothing more from it (not even records already fetched).
   */
  pendingRevocation?: boolean;
  highWatermark: number;
  logStartOffset: number;
}

export const tpKeyOf = (tp: TopicPartition): string => `${tp.topic}-${tp.partition}`;

/**
 * Kafka's SubscriptionState: what the consumer subscribed to (topics, a pattern, or a manual
 * assignment), which partitions it owns right now, and per partition its position (the next
 * offset poll() returns), pause state and pending reset. allConsumed() is what an auto-commit
 * commits: the positions, which only move when poll() hands records to the application.
 */
export class SubscriptionState {
  type: SubscriptionType = "NONE";
  subscription: ReadonlySet<string> = new Set();
  pattern: RegExp | null = null;
  listener: ConsumerRebalanceListener = noOpRebalanceListener;
  private readonly assignment = new Map<string, TopicPartitionState>();

  constructor(readonly defaultResetStrategy: OffsetResetStrategy) {}

  private setType(type: SubscriptionType): void {
    if (this.type === "NONE") this.type = type;
    else if (this.type !== type) throw illegalState("Subscription to topics, partitions and pattern are mutually exclusive");
  }

  subscribe(topics: readonly string[], listener: ConsumerRebalanceListener): boolean {
    this.setType("AUTO_TOPICS");
    this.listener = listener;
    return this.changeSubscription(topics);
  }

  subscribePattern(pattern: RegExp, listener: ConsumerRebalanceListener): void {
    this.setType("AUTO_PATTERN");
    this.listener = listener;
    this.pattern = pattern;
  }

  /** Replaces the subscribed topics; true when they changed. */
  changeSubscription(topics: readonly string[]): boolean {
    const next = new Set(topics);
    const changed = next.size !== this.subscription.size || [...next].some((t) => !this.subscription.has(t));
    this.subscription = next;
    return changed;
  }

  /** A pattern subscription matched against the cluster's topics (SubscriptionState.matchesSubscribedPattern). */
  matchPattern(allTopics: readonly string[], excludeInternal: boolean): boolean {
    if (!this.pattern) return false;
    const pattern = this.pattern;
    const matched = allTopics.filter((t) => !(excludeInternal && t.startsWith("__")) && fullMatch(pattern, t));
    return this.changeSubscription(matched.sort());
  }

  assignFromUser(partitions: readonly TopicPartition[]): void {
    this.setType("USER_ASSIGNED");
    this.setAssignment(partitions);
  }

  /** SubscriptionState.markPendingRevocation: stop handing out records of these partitions until the rebalance settles. */
  markPendingRevocation(partitions: readonly TopicPartition[]): void {
    for (const tp of partitions) {
      const s = this.assignment.get(tpKeyOf(tp));
      if (s) s.pendingRevocation = true;
    }
  }

  /** The assignment a rebalance gave (SubscriptionState.assignFromSubscribed): kept partitions keep their state. */
  assignFromSubscribed(partitions: readonly TopicPartition[]): void {
    this.setAssignment(partitions);
  }

  private setAssignment(partitions: readonly TopicPartition[]): void {
    const keep = new Map(this.assignment);
    this.assignment.clear();
    for (const tp of partitions) {
      const key = tpKeyOf(tp);
      this.assignment.set(
        key,
        keep.get(key) ?? { tp: { topic: tp.topic, partition: tp.partition }, key, position: null, paused: false, resetStrategy: null, resetReason: "", awaitingCommitted: true, highWatermark: -1, logStartOffset: -1 },
      );
    }
  }

  unsubscribe(): void {
    this.type = "NONE";
    this.subscription = new Set();
    this.pattern = null;
    this.listener = noOpRebalanceListener;
    this.assignment.clear();
  }

  get partitionsAutoAssigned(): boolean {
    return this.type === "AUTO_TOPICS" || this.type === "AUTO_PATTERN";
  }

  assignedPartitions(): TopicPartition[] {
    return [...this.assignment.values()].map((s) => s.tp);
  }

  isAssigned(tp: TopicPartition): boolean {
    return this.assignment.has(tpKeyOf(tp));
  }

  state(tp: TopicPartition): TopicPartitionState | undefined {
    return this.assignment.get(tpKeyOf(tp));
  }

  /** The state of an assigned partition, or IllegalStateException as Kafka's assignedState(). */
  assignedState(tp: TopicPartition): TopicPartitionState {
    const s = this.state(tp);
    if (!s) throw illegalState(`No current assignment for partition ${tpKeyOf(tp)}`);
    return s;
  }

  states(): TopicPartitionState[] {
    return [...this.assignment.values()];
  }

  /** The assigned partitions' states without copying them (do not change the assignment while iterating). */
  statesView(): IterableIterator<TopicPartitionState> {
    return this.assignment.values();
  }

  /** The state of the partition with this tpKeyOf key. */
  stateByKey(key: string): TopicPartitionState | undefined {
    return this.assignment.get(key);
  }

  seek(tp: TopicPartition, offset: number): void {
    const s = this.assignedState(tp);
    s.position = offset;
    s.resetStrategy = null;
    s.awaitingCommitted = false;
  }

  requestOffsetReset(tp: TopicPartition, strategy: OffsetResetStrategy, reason: string): void {
    const s = this.assignedState(tp);
    s.resetStrategy = strategy;
    s.resetReason = reason;
    s.awaitingCommitted = false;
  }

  /** A partition poll() may fetch from: a valid position, not paused, no reset pending. */
  isFetchable(s: TopicPartitionState): boolean {
    return s.position !== null && !s.paused && s.resetStrategy === null && !s.awaitingCommitted && !s.pendingRevocation;
  }

  /** Every assigned partition with a position, and that position: what auto-commit commits. */
  allConsumed(): Map<string, { tp: TopicPartition; offset: number }> {
    const result = new Map<string, { tp: TopicPartition; offset: number }>();
    for (const [key, s] of this.assignment) if (s.position !== null) result.set(key, { tp: s.tp, offset: s.position });
    return result;
  }
}

/** Java's Pattern.matcher(topic).matches(): the whole name must match. */
function fullMatch(pattern: RegExp, topic: string): boolean {
  const anchored = new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace("g", ""));
  return anchored.test(topic);
}
