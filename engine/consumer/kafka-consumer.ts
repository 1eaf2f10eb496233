import type { Cluster } from "../cluster/cluster.js";
import { resolveConsumerConfig } from "../config/index.js";
import type { Timer } from "../kernel/simulation.js";
import type { TraceEvent } from "../kernel/trace.js";
import { cooperativeStickyAssignor, rangeAssignor, roundRobinAssignor, stickyAssignor } from "./assignors/index.js";
import type { PartitionAssignor, TopicPartition } from "./assignors/types.js";
import { ConsumerCoordinator, type CommitCallback, type CommitOffsets } from "./consumer-coordinator.js";
import { ConsumerFuture } from "./consumer-future.js";
import { ConsumerMetadata, ConsumerNode } from "./consumer-metadata.js";
import { ConsumerRecords, type OffsetAndMetadata, type OffsetAndTimestamp } from "./consumer-record.js";
import { StringDeserializer, type Deserializer } from "./deserializers.js";
import { ConsumerException, concurrentModification, illegalState, noOffsetForPartition, timeoutException, tpString } from "./errors.js";
import { Fetcher } from "./fetcher.js";
import { ConsumerInterceptors, type ConsumerInterceptor } from "./interceptors.js";
import { OffsetFetcher } from "./offset-fetcher.js";
import { noOpRebalanceListener, type ConsumerRebalanceListener } from "./rebalance-listener.js";
import { SubscriptionState, tpKeyOf, type OffsetResetStrategy, type TopicPartitionState } from "./subscription-state.js";

/** The built-in assignors by the class names partition.assignment.strategy lists. */
const ASSIGNORS_BY_CLASS: Record<string, PartitionAssignor> = {
  "org.apache.kafka.clients.consumer.RangeAssignor": rangeAssignor,
  "org.apache.kafka.clients.consumer.RoundRobinAssignor": roundRobinAssignor,
  "org.apache.kafka.clients.consumer.StickyAssignor": stickyAssignor,
  "org.apache.kafka.clients.consumer.CooperativeStickyAssignor": cooperativeStickyAssignor,
};

export interface KafkaConsumerOptions<K, V> {
  /** The consumer's node name on the simulated network and in the trace, e.g. "consumer-0". */
  client: string;
  /** Consumer configs by Kafka's names (group.id, enable.auto.commit, max.poll.records ...). */
  config?: Readonly<Record<string, unknown>>;
  keyDeserializer?: Deserializer<K>;
  valueDeserializer?: Deserializer<V>;
  interceptors?: readonly ConsumerInterceptor[];
}

interface PendingPoll<K, V> {
  future: ConsumerFuture<ConsumerRecords<K, V>>;
  deadlineMs: number;
  /** Wakes the poll at its deadline; cancelled when records come first. */
  timer: Timer | null;
}

/** Kafka's InvalidGroupIdException for group APIs used without a group.id. */
function invalidGroupId(): ConsumerException {
  return new ConsumerException("InvalidGroupIdException", "To use the group management or offset commit APIs, you must provide a valid group.id in the consumer configuration.");
}

/**
 * Kafka's KafkaConsumer (the classic protocol's ClassicKafkaConsumer), on a simulated cluster.
 *
 * Every call that blocks in Kafka (poll, commitSync, position, committed, offsetsForTimes,
 * beginningOffsets, endOffsets, close) returns a ConsumerFuture that completes in simulated
 * time. poll(timeoutMs) completes as soon as records are ready (at once if some are buffered),
 * or with no records when the timeout passes; joining the group, fetching committed offsets,
 * resetting positions and auto-committing all happen inside poll(), as in Kafka. Only one
 * blocking call may be outstanding at a time (the application's single thread).
 */
export class KafkaConsumer<K = string | null, V = string | null> {
  readonly node: ConsumerNode;
  readonly metadata: ConsumerMetadata;
  readonly subscriptions: SubscriptionState;
  readonly interceptors: ConsumerInterceptors;
  readonly coordinator: ConsumerCoordinator | null;
  readonly config: ReturnType<typeof resolveConsumerConfig>;
  readonly client: string;
  readonly groupId: string;
  private readonly fetcher: Fetcher<K, V>;
  private readonly offsetFetcher: OffsetFetcher;
  private pendingPoll: PendingPoll<K, V> | null = null;
  private blockingCall: string | null = null;
  private stepping = false;
  private stepAgain = false;
  private committedFetchInFlight = false;
  private closed = false;
  private positionWaiters: { tp: TopicPartition; future: ConsumerFuture<number> }[] = [];
  /** Partitions with a seekToBeginning/seekToEnd pending, by key, with the reason it was asked with. */
  private readonly seekResets = new Map<string, string>();

  constructor(
    readonly cluster: Cluster,
    options: KafkaConsumerOptions<K, V>,
  ) {
    this.client = options.client;
    this.config = resolveConsumerConfig(options.config ?? {});
    const c = this.config;
    this.groupId = c["group.id"] ?? "";
    this.node = new ConsumerNode(cluster, this.client);
    this.metadata = new ConsumerMetadata(this.node, this.client, c["metadata.max.age.ms"], c["request.timeout.ms"], c["retry.backoff.ms"]);
    this.subscriptions = new SubscriptionState(c["auto.offset.reset"] as OffsetResetStrategy);
    this.interceptors = new ConsumerInterceptors(options.interceptors ?? []);
    const settings = { requestTimeoutMs: c["request.timeout.ms"], retryBackoffMs: c["retry.backoff.ms"] };
    this.fetcher = new Fetcher<K, V>(
      this.node,
      this.metadata,
      this.subscriptions,
      { client: this.client, group: this.groupId, fetchMaxWaitMs: c["fetch.max.wait.ms"], maxPartitionFetchBytes: c["max.partition.fetch.bytes"], ...settings },
      options.keyDeserializer ?? (StringDeserializer as unknown as Deserializer<K>),
      options.valueDeserializer ?? (StringDeserializer as unknown as Deserializer<V>),
    );
    this.fetcher.onData = () => this.wakeup();
    this.offsetFetcher = new OffsetFetcher(this.node, this.metadata, this.subscriptions, { ...settings, isolationLevel: c["isolation.level"] as "read_uncommitted" | "read_committed" });
    this.offsetFetcher.onReset = (r) => {
      const key = tpKeyOf(r.tp);
      // A reset the application asked for (seekToBeginning/seekToEnd) is a seek, not auto.offset.reset.
      if (this.seekResets.get(key) === r.reason) {
        this.seekResets.delete(key);
        const where = r.policy === "earliest" ? "the log start offset" : "the end of the partition (the high watermark)";
        this.emit({ type: "consumer.seek", client: this.client, group: this.groupId, topic: r.tp.topic, partition: r.tp.partition, offset: r.offset, reason: `${r.reason}: ${where}` });
      } else {
        this.emit({ type: "consumer.reset", client: this.client, group: this.groupId, topic: r.tp.topic, partition: r.tp.partition, policy: r.policy, fromOffset: r.fromOffset, offset: r.offset, reason: r.reason });
      }
      this.wakeup();
    };
    this.offsetFetcher.onRetry = () => this.wakeup();
    this.metadata.onUpdate = () => this.onMetadataUpdate();
    this.coordinator =
      c["group.id"] === null
        ? null
        : new ConsumerCoordinator(this, {
            client: this.client,
            groupId: this.groupId,
            groupInstanceId: c["group.instance.id"],
            sessionTimeoutMs: c["session.timeout.ms"],
            rebalanceTimeoutMs: c["max.poll.interval.ms"],
            heartbeatIntervalMs: c["heartbeat.interval.ms"],
            retryBackoffMs: c["retry.backoff.ms"],
            requestTimeoutMs: c["request.timeout.ms"],
            autoCommitEnabled: c["enable.auto.commit"],
            autoCommitIntervalMs: c["auto.commit.interval.ms"],
            assignors: (c["partition.assignment.strategy"] as readonly string[]).map((name) => ASSIGNORS_BY_CLASS[name]).filter(Boolean),
            excludeInternalTopics: c["exclude.internal.topics"],
          });
  }

  /** Appends a trace event stamped with the current simulated time. */
  emit(event: Record<string, unknown> & { type: string }): void {
    this.cluster.trace.emit({ t: this.cluster.sim.nowMs, ...event } as TraceEvent);
  }

  private get now(): number {
    return this.cluster.sim.nowMs;
  }

  private ensureOpen(): void {
    if (this.closed) throw illegalState("This consumer has already been closed.");
  }

  private requireCoordinator(): ConsumerCoordinator {
    if (!this.coordinator) throw invalidGroupId();
    return this.coordinator;
  }

  // ---- Subscriptions --------------------------------------------------------------------

  /** subscribe(topics, listener) or subscribe(pattern, listener): group management assigns the partitions. */
  subscribe(topics: readonly string[] | RegExp, listener: ConsumerRebalanceListener = noOpRebalanceListener): void {
    this.ensureOpen();
    this.requireCoordinator();
    if (topics instanceof RegExp) {
      this.subscriptions.subscribePattern(topics, listener);
      if (this.metadata.hasData) this.subscriptions.matchPattern(this.metadata.topicNames(), this.config["exclude.internal.topics"]);
    } else {
      for (const t of topics) if (typeof t !== "string" || t.trim() === "") throw new ConsumerException("IllegalArgumentException", "Topic collection to subscribe to cannot contain null or empty topic");
      this.subscriptions.subscribe(topics, listener);
    }
    this.metadata.update();
  }

  /** assign(partitions): manual assignment, no group membership (commits still go to group.id, with generation -1). */
  assign(partitions: readonly TopicPartition[]): void {
    this.ensureOpen();
    this.subscriptions.assignFromUser(partitions);
    for (const s of this.subscriptions.states()) {
      if (s.position !== null || s.resetStrategy !== null) continue;
      if (!this.coordinator) this.subscriptions.requestOffsetReset(s.tp, this.subscriptions.defaultResetStrategy, "no group.id, so no committed offset");
    }
    this.metadata.update();
  }

  unsubscribe(): void {
    this.ensureOpen();
    if (this.coordinator && this.subscriptions.partitionsAutoAssigned) {
      this.coordinator.onLeavePrepare();
      this.coordinator.maybeLeaveGroup("the consumer unsubscribed from all topics");
    }
    this.subscriptions.unsubscribe();
  }

  assignment(): TopicPartition[] {
    return this.subscriptions.assignedPartitions();
  }

  subscription(): string[] {
    return [...this.subscriptions.subscription];
  }

  private onMetadataUpdate(): void {
    if (this.subscriptions.type === "AUTO_PATTERN") this.subscriptions.matchPattern(this.metadata.topicNames(), this.config["exclude.internal.topics"]);
    this.wakeup();
  }

  // ---- poll -----------------------------------------------------------------------------

  /**
   * poll(timeoutMs): at most max.poll.records records. The future completes with records as
   * soon as some are ready, or empty after timeoutMs; or fails with the exception Kafka's
   * poll() would throw (NoOffsetForPartitionException, OffsetOutOfRangeException,
   * RecordDeserializationException ...).
   */
  poll(timeoutMs: number): ConsumerFuture<ConsumerRecords<K, V>> {
    this.ensureOpen();
    if (!Number.isFinite(timeoutMs) || timeoutMs < 0) throw new ConsumerException("IllegalArgumentException", `Timeout must not be negative, got ${timeoutMs}`);
    if (this.subscriptions.type === "NONE") throw illegalState("Consumer is not subscribed to any topics or assigned any partitions");
    if (this.blockingCall) throw concurrentModification();
    const future = new ConsumerFuture<ConsumerRecords<K, V>>("poll");
    this.blockingCall = "poll";
    const pending: PendingPoll<K, V> = { future, deadlineMs: this.now + timeoutMs, timer: null };
    this.pendingPoll = pending;
    if (!this.metadata.hasData) this.metadata.update();
    pending.timer = this.node.after(timeoutMs, () => {
      pending.timer = null;
      if (this.pendingPoll === pending) this.step();
    });
    this.step();
    return future;
  }

  /** Something poll() may wait on happened (a response, a timer): take the next step. */
  wakeup(): void {
    if (!this.node.alive) return;
    this.step();
    this.checkPositionWaiters();
  }

  private step(): void {
    const pending = this.pendingPoll;
    if (!pending || !this.node.alive) return;
    if (this.stepping) {
      this.stepAgain = true;
      return;
    }
    this.stepping = true;
    try {
      // A poll() made from inside the step (the application polls again as soon as the last
      // poll returned) is stepped here too.
      let current = pending;
      for (;;) {
        this.stepAgain = false;
        this.pollStep(current);
        const next = this.pendingPoll;
        if (next === null || !this.node.alive || (next === current && !this.stepAgain)) break;
        current = next;
      }
    } finally {
      this.stepping = false;
    }
  }

  private finishPoll(pending: PendingPoll<K, V>, records: ConsumerRecords<K, V> | null, error: ConsumerException | null): void {
    if (this.pendingPoll !== pending) return;
    this.pendingPoll = null;
    this.blockingCall = null;
    pending.timer?.cancel();
    if (error) {
      this.emit({ type: "consumer.error", client: this.client, group: this.groupId, exception: error.name, message: error.message });
      pending.future.fail(error);
    } else pending.future.complete(records!);
  }

  /** One pass of ClassicKafkaConsumer.poll's loop: group, positions, then records. */
  private pollStep(pending: PendingPoll<K, V>): void {
    const coordinator = this.coordinator;
    if (coordinator?.fatalError) {
      const error = coordinator.fatalError;
      coordinator.fatalError = null;
      return this.finishPoll(pending, null, error);
    }
    if (this.metadata.hasData) coordinator?.poll();
    const positionError = this.updateFetchPositions();
    if (positionError) return this.finishPoll(pending, null, positionError);
    const fetch = this.fetcher.collectFetch(this.config["max.poll.records"]);
    if (fetch.error) return this.finishPoll(pending, null, fetch.error);
    if (fetch.records.length > 0) {
      // Pipelining, as Kafka does: the next fetches go out before the records are returned.
      this.fetcher.sendFetches();
      const records = this.interceptors.onConsume(new ConsumerRecords(fetch.records)) as ConsumerRecords<K, V>;
      this.tracePoll(records);
      return this.finishPoll(pending, records, null);
    }
    this.fetcher.sendFetches();
    if (this.now >= pending.deadlineMs) this.finishPoll(pending, ConsumerRecords.empty(), null);
  }

  private tracePoll(records: ConsumerRecords<K, V>): void {
    const full = this.cluster.trace.level === "full";
    // One range per partition, in the order the partitions first appear (records come partition by partition).
    const ranges: { topic: string; partition: number; fromOffset: number; toOffset: number }[] = [];
    for (const r of records.all()) {
      const range = ranges.find((g) => g.partition === r.partition && g.topic === r.topic);
      if (range) range.toOffset = r.offset;
      else ranges.push({ topic: r.topic, partition: r.partition, fromOffset: r.offset, toOffset: r.offset });
    }
    const ids = full ? records.all().map((r) => r.id ?? `${r.topic}-${r.partition}@${r.offset}`) : [];
    this.emit({ type: "consumer.poll", client: this.client, group: this.groupId, count: records.count(), ids, ranges });
  }

  /**
   * KafkaConsumer.updateFetchPositions: committed offsets first for partitions without a
   * position, then resets (auto.offset.reset) for those with none. Returns the exception when
   * the policy is "none".
   */
  private updateFetchPositions(): ConsumerException | null {
    let awaiting: TopicPartitionState[] | null = null;
    let resetsNeeded = false;
    for (const s of this.subscriptions.statesView()) {
      if (s.awaitingCommitted && s.position === null) (awaiting ??= []).push(s);
      if (s.resetStrategy !== null) resetsNeeded = true;
    }
    // The common case in a running poll loop: every position is known, nothing to look up.
    if (awaiting === null && !resetsNeeded) return null;
    if (awaiting !== null) {
      if (!this.coordinator) {
        for (const s of awaiting) this.subscriptions.requestOffsetReset(s.tp, this.subscriptions.defaultResetStrategy, "no group.id, so no committed offset");
      } else if (!this.committedFetchInFlight && (!this.subscriptions.partitionsAutoAssigned || this.coordinator.state === "STABLE")) {
        this.fetchCommittedPositions(awaiting.map((s) => s.tp));
      }
    }
    const noPolicy = this.subscriptions.states().filter((s) => s.resetStrategy === "none");
    if (noPolicy.length > 0) return noOffsetForPartition(noPolicy.map((s) => s.tp));
    this.offsetFetcher.resetPositionsIfNeeded();
    return null;
  }

  private fetchCommittedPositions(partitions: TopicPartition[]): void {
    this.committedFetchInFlight = true;
    this.coordinator!.fetchCommittedOffsets(partitions, (result, error) => {
      this.committedFetchInFlight = false;
      if (!result) {
        this.node.after(this.config["retry.backoff.ms"], () => this.wakeup());
        return void error;
      }
      for (const tp of partitions) {
        const s = this.subscriptions.state(tp);
        if (!s || !s.awaitingCommitted || s.position !== null) continue;
        const offset = result.get(tpKeyOf(tp)) ?? null;
        if (offset !== null) {
          this.subscriptions.seek(tp, offset);
          this.emit({ type: "consumer.seek", client: this.client, group: this.groupId, topic: tp.topic, partition: tp.partition, offset, reason: "the group's committed offset" });
        } else {
          this.subscriptions.requestOffsetReset(tp, this.subscriptions.defaultResetStrategy, "the group has no committed offset for the partition");
        }
      }
      this.wakeup();
    });
  }

  // ---- Commits --------------------------------------------------------------------------

  private offsetsOrConsumed(offsets?: ReadonlyMap<TopicPartition, OffsetAndMetadata | number> | readonly { tp: TopicPartition; offset: number }[]): CommitOffsets {
    if (!offsets) return this.subscriptions.allConsumed();
    const result = new Map<string, { tp: TopicPartition; offset: number }>();
    const entries = Array.isArray(offsets)
      ? (offsets as readonly { tp: TopicPartition; offset: number }[]).map((e) => [e.tp, e.offset] as const)
      : [...(offsets as ReadonlyMap<TopicPartition, OffsetAndMetadata | number>)].map(([tp, o]) => [tp, typeof o === "number" ? o : o.offset] as const);
    for (const [tp, offset] of entries) {
      if (!Number.isInteger(offset) || offset < 0) throw new ConsumerException("IllegalArgumentException", `Invalid negative offset ${offset} for partition ${tpString(tp)}`);
      result.set(tpKeyOf(tp), { tp: { topic: tp.topic, partition: tp.partition }, offset });
    }
    return result;
  }

  /**
   * commitSync(offsets?): commits the given offsets (the next offsets to read), or the
   * positions of everything poll() returned so far. Retries retriable errors until
   * default.api.timeout.ms; fails with CommitFailedException when the group moved on.
   */
  commitSync(offsets?: ReadonlyMap<TopicPartition, OffsetAndMetadata | number> | readonly { tp: TopicPartition; offset: number }[]): ConsumerFuture<void> {
    this.ensureOpen();
    const coordinator = this.requireCoordinator();
    if (this.blockingCall) throw concurrentModification();
    const toCommit = this.offsetsOrConsumed(offsets);
    const future = new ConsumerFuture<void>("commitSync");
    this.blockingCall = "commitSync";
    const deadline = this.now + this.config["default.api.timeout.ms"];
    const done = (error: ConsumerException | null) => {
      this.blockingCall = null;
      if (error) future.fail(error);
      else future.complete(undefined);
    };
    const attempt = () =>
      coordinator.commitOffsets(toCommit, "sync", (_o, error) => {
        if (!error) return done(null);
        if (error.name === "RetriableCommitFailedException" && this.now + this.config["retry.backoff.ms"] < deadline) {
          this.node.after(this.config["retry.backoff.ms"], attempt);
          return;
        }
        if (error.name === "RetriableCommitFailedException") {
          return done(timeoutException(`Timeout of ${this.config["default.api.timeout.ms"]}ms expired before successfully committing offsets {${[...toCommit].map(([k, v]) => `${k}=OffsetAndMetadata{offset=${v.offset}}`).join(", ")}}`));
        }
        done(error);
      });
    attempt();
    return future;
  }

  /** commitAsync(offsets?, callback?): sends the commit and returns; the callback runs when it completes. Simplification: Kafka runs the callback inside a later poll(); here it runs when the answer arrives. */
  commitAsync(offsets?: ReadonlyMap<TopicPartition, OffsetAndMetadata | number> | readonly { tp: TopicPartition; offset: number }[] | null, callback?: CommitCallback): void {
    this.ensureOpen();
    const coordinator = this.requireCoordinator();
    coordinator.commitOffsets(this.offsetsOrConsumed(offsets ?? undefined), "async", callback ?? (() => {}));
  }

  /** An internal commit hook for labs that need to know when an auto-commit is due. */
  autoCommitDue(): boolean {
    return this.coordinator?.autoCommitDue() ?? false;
  }

  /** committed(partitions): the group's committed offsets (null where none). */
  committed(partitions: readonly TopicPartition[]): ConsumerFuture<Map<string, OffsetAndMetadata | null>> {
    this.ensureOpen();
    const coordinator = this.requireCoordinator();
    const future = new ConsumerFuture<Map<string, OffsetAndMetadata | null>>("committed");
    const attempt = (deadline: number) =>
      coordinator.fetchCommittedOffsets(partitions, (result) => {
        if (result) {
          const out = new Map<string, OffsetAndMetadata | null>();
          for (const tp of partitions) {
            const offset = result.get(tpKeyOf(tp)) ?? null;
            out.set(tpKeyOf(tp), offset === null ? null : { offset, leaderEpoch: null, metadata: "" });
          }
          return future.complete(out);
        }
        if (this.now >= deadline) return future.fail(timeoutException(`Timeout of ${this.config["default.api.timeout.ms"]}ms expired before the last committed offset for partitions ${partitions.map(tpString).join(", ")} could be determined.`));
        this.node.after(this.config["retry.backoff.ms"], () => attempt(deadline));
      });
    attempt(this.now + this.config["default.api.timeout.ms"]);
    return future;
  }

  // ---- Positions ------------------------------------------------------------------------

  /**
   * seek(tp, offset): the next poll() reads tp from offset. Throws IllegalStateException for a
   * partition not assigned now. `reason` (not in Kafka's API) is what the trace says moved it.
   */
  seek(tp: TopicPartition, offset: number, reason = "seek()"): void {
    this.ensureOpen();
    if (!Number.isInteger(offset) || offset < 0) throw new ConsumerException("IllegalArgumentException", "seek offset must not be a negative number");
    this.subscriptions.seek(tp, offset);
    this.emit({ type: "consumer.seek", client: this.client, group: this.groupId, topic: tp.topic, partition: tp.partition, offset, reason });
  }

  /** seekToBeginning: lazy, as in Kafka; the position is looked up at the next poll() or position(). */
  seekToBeginning(partitions: readonly TopicPartition[] = this.assignment(), reason = "seekToBeginning()"): void {
    this.requestSeekReset(partitions, "earliest", reason);
  }

  seekToEnd(partitions: readonly TopicPartition[] = this.assignment(), reason = "seekToEnd()"): void {
    this.requestSeekReset(partitions, "latest", reason);
  }

  private requestSeekReset(partitions: readonly TopicPartition[], strategy: "earliest" | "latest", reason: string): void {
    this.ensureOpen();
    for (const tp of partitions) {
      this.subscriptions.requestOffsetReset(tp, strategy, reason);
      this.seekResets.set(tpKeyOf(tp), reason);
    }
  }

  /** position(tp): the offset of the next record poll() returns; looks it up first if needed. */
  position(tp: TopicPartition): ConsumerFuture<number> {
    this.ensureOpen();
    const s = this.subscriptions.assignedState(tp);
    const future = new ConsumerFuture<number>("position");
    if (s.position !== null && s.resetStrategy === null) {
      future.complete(s.position);
      return future;
    }
    this.positionWaiters.push({ tp, future });
    if (!this.metadata.hasData) this.metadata.update(() => this.checkPositionWaiters());
    else this.checkPositionWaiters();
    return future;
  }

  private checkPositionWaiters(): void {
    if (this.positionWaiters.length === 0) return;
    const error = this.metadata.hasData ? this.updateFetchPositions() : null;
    const waiting = this.positionWaiters;
    this.positionWaiters = [];
    for (const w of waiting) {
      const s = this.subscriptions.state(w.tp);
      if (!s) w.future.fail(illegalState(`No current assignment for partition ${tpString(w.tp)}`));
      else if (error && s.resetStrategy === "none") w.future.fail(error);
      else if (s.position !== null && s.resetStrategy === null) w.future.complete(s.position);
      else this.positionWaiters.push(w);
    }
  }

  pause(partitions: readonly TopicPartition[]): void {
    for (const tp of partitions) this.subscriptions.assignedState(tp).paused = true;
  }

  resume(partitions: readonly TopicPartition[]): void {
    for (const tp of partitions) this.subscriptions.assignedState(tp).paused = false;
    this.wakeup();
  }

  paused(): TopicPartition[] {
    return this.subscriptions.states().filter((s) => s.paused).map((s) => s.tp);
  }

  /** offsetsForTimes: per partition the earliest offset whose timestamp is >= the one given (null when none). */
  offsetsForTimes(timestamps: ReadonlyMap<TopicPartition, number>): ConsumerFuture<Map<string, OffsetAndTimestamp | null>> {
    this.ensureOpen();
    const future = new ConsumerFuture<Map<string, OffsetAndTimestamp | null>>("offsetsForTimes");
    const request = new Map<string, { tp: TopicPartition; timestamp: number }>();
    for (const [tp, timestamp] of timestamps) {
      if (!Number.isInteger(timestamp) || timestamp < 0) throw new ConsumerException("IllegalArgumentException", `The target time for partition ${tpString(tp)} is ${timestamp}. The target time cannot be negative.`);
      request.set(tpKeyOf(tp), { tp, timestamp });
    }
    this.withMetadata(() => this.offsetFetcher.offsetsForTimes(request, (result, error) => (result ? future.complete(result) : future.fail(new ConsumerException("KafkaException", `ListOffsets failed: ${error}`, error)))));
    return future;
  }

  beginningOffsets(partitions: readonly TopicPartition[]): ConsumerFuture<Map<string, number | null>> {
    const future = new ConsumerFuture<Map<string, number | null>>("beginningOffsets");
    this.withMetadata(() => this.offsetFetcher.beginningOffsets(partitions, (result, error) => (result ? future.complete(result) : future.fail(new ConsumerException("KafkaException", `ListOffsets failed: ${error}`, error)))));
    return future;
  }

  endOffsets(partitions: readonly TopicPartition[]): ConsumerFuture<Map<string, number | null>> {
    const future = new ConsumerFuture<Map<string, number | null>>("endOffsets");
    this.withMetadata(() => this.offsetFetcher.endOffsets(partitions, (result, error) => (result ? future.complete(result) : future.fail(new ConsumerException("KafkaException", `ListOffsets failed: ${error}`, error)))));
    return future;
  }

  private withMetadata(action: () => void): void {
    if (this.metadata.hasData) action();
    else this.metadata.update(action);
  }

  // ---- Lifecycle ------------------------------------------------------------------------

  /**
   * close(): auto-commit (if enabled), revoke the partitions (onPartitionsRevoked), send
   * LeaveGroup so the group rebalances at once rather than after session.timeout.ms.
   */
  close(reason = "the consumer is being closed"): ConsumerFuture<void> {
    const future = new ConsumerFuture<void>("close");
    if (this.closed) {
      future.complete(undefined);
      return future;
    }
    this.closed = true;
    const pending = this.pendingPoll;
    if (pending) this.finishPoll(pending, ConsumerRecords.empty(), null);
    const coordinator = this.coordinator;
    const finish = () => {
      if (coordinator && this.subscriptions.partitionsAutoAssigned) {
        coordinator.onLeavePrepare();
        coordinator.maybeLeaveGroup(reason);
      }
      coordinator?.close();
      this.interceptors.close();
      this.emit({ type: "consumer.closed", client: this.client, group: this.groupId, reason });
      this.node.kill();
      this.fetcher.clear();
      future.complete(undefined);
    };
    const autoCommit = coordinator !== null && this.config["enable.auto.commit"] && (coordinator.state === "STABLE" || !this.subscriptions.partitionsAutoAssigned);
    if (autoCommit) {
      coordinator.commitOffsets(this.subscriptions.allConsumed(), "auto", () => finish());
    } else {
      finish();
    }
    return future;
  }

  /**
   * The process dies (a simulation fault, not a Kafka API): no commit, no LeaveGroup, every
   * timer and request of this consumer is dropped. The coordinator notices only when the
   * session times out.
   */
  crash(): void {
    if (!this.node.alive) return;
    this.closed = true;
    this.pendingPoll = null;
    this.blockingCall = null;
    this.coordinator?.disableHeartbeat();
    this.node.kill();
    this.coordinator?.member.stop();
    this.fetcher.clear();
    this.offsetFetcher.clear();
  }

  get isAlive(): boolean {
    return this.node.alive && !this.closed;
  }
}
