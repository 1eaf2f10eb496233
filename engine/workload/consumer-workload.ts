import type { Cluster } from "../cluster/cluster.js";
import { ConsumerRecords, type ConsumerRecord } from "../consumer/consumer-record.js";
import { namedDeserializers, type Deserializer } from "../consumer/deserializers.js";
import type { ConsumerException } from "../consumer/errors.js";
import { KafkaConsumer } from "../consumer/kafka-consumer.js";
import type { ConsumerRebalanceListener } from "../consumer/rebalance-listener.js";
import { tpKeyOf } from "../consumer/subscription-state.js";
import { prngFor, randomInt, type Prng } from "../kernel/prng.js";
import type { ConsumerCrashStep, ConsumerSeekTarget, ConsumerWorkloadSpec } from "../scenario/consumer-schema.js";
import { performSeek, type SeekRequest } from "./consumer-seek.js";

/** How long the loop waits before polling again after poll() failed, in ms. */
const ERROR_BACKOFF_MS = 100;

/**
 * The processing model of the consumer labs: an application thread running
 *   while (true) { records = poll(); [commit]; process each record; [commit] }
 * on a real KafkaConsumer. Every processed record is a consumer.process trace event, so the
 * consumption checker can name what was processed twice or never. Faults reach in at the
 * loop's steps: a crash at the next "after-poll", "mid-batch", "after-processing",
 * "before-commit" or "after-commit"; a stall (the loop blocks); a clean leave; a restart; a
 * seek, made by the application between two poll() calls (the only moment its thread is free).
 *
 * With workers > 1 the poller hands each batch to a pool (round robin) and waits for the pool to
 * finish before committing: records of one partition may then finish out of order.
 * Simplification: the pool is a barrier per batch; the poller does not poll while workers run.
 */
export class ConsumerWorkload {
  consumer: KafkaConsumer<unknown, unknown> | null = null;
  /** Bumped each time the process dies or stops: callbacks of an older life do nothing. */
  private life = 0;
  private crashArmed: { atMs: number; step: ConsumerCrashStep } | null = null;
  private stallUntilMs = 0;
  /** Seeks asked for since the loop last turned; made before the next poll(). */
  private pendingSeeks: SeekRequest[] = [];
  private readonly prng: Prng;

  constructor(
    private readonly cluster: Cluster,
    readonly spec: ConsumerWorkloadSpec,
    seed: number,
  ) {
    this.prng = prngFor(seed, `consumer-workload:${spec.client}`);
  }

  private get now(): number {
    return this.cluster.sim.nowMs;
  }

  private emit(event: Record<string, unknown> & { type: string }): void {
    this.cluster.trace.emit({ t: this.now, client: this.spec.client, group: this.spec.groupId ?? "", ...event } as never);
  }

  start(): void {
    this.cluster.sim.scheduleAt(this.spec.startMs, () => this.launch("start"));
  }

  get running(): boolean {
    return this.consumer?.isAlive ?? false;
  }

  /** Creates a new KafkaConsumer (a new process) and starts its poll loop. */
  launch(reason: "start" | "restart" | "join"): void {
    if (this.running) return;
    this.inBatch = false;
    this.leaveRequested = false;
    const life = ++this.life;
    const spec = this.spec;
    const config: Record<string, unknown> = { ...spec.config };
    if (spec.groupId !== null) config["group.id"] = spec.groupId;
    // An explicit commit strategy means the application commits itself, as labs set it up.
    if (spec.commit !== "auto" && !("enable.auto.commit" in config)) config["enable.auto.commit"] = false;
    const consumer = new KafkaConsumer<unknown, unknown>(this.cluster, {
      client: spec.client,
      config,
      keyDeserializer: namedDeserializers[spec.keyDeserializer] as Deserializer<unknown>,
      valueDeserializer: namedDeserializers[spec.valueDeserializer] as Deserializer<unknown>,
    });
    this.consumer = consumer;
    this.emit({ type: "consumer.started", reason });
    const listener: ConsumerRebalanceListener | undefined =
      spec.listener === "commit-on-revoke"
        ? {
            // Simplification: Kafka's commitSync inside the listener blocks the rebalance; here the
            // commit is sent at once and the JoinGroup follows it on the same connection.
            onPartitionsRevoked: (partitions) => {
              const offsets = partitions
                .map((tp) => ({ tp, offset: consumer.subscriptions.state(tp)?.position ?? null }))
                .filter((e): e is { tp: typeof e.tp; offset: number } => e.offset !== null);
              if (offsets.length > 0) consumer.coordinator?.commitOffsets(new Map(offsets.map((e) => [tpKeyOf(e.tp), e])), "sync", () => {});
            },
            onPartitionsAssigned: () => {},
            onPartitionsLost: () => {},
          }
        : undefined;
    if (spec.assignment) consumer.assign(spec.assignment);
    else if (spec.pattern !== undefined) consumer.subscribe(new RegExp(spec.pattern), listener);
    else consumer.subscribe(spec.topics!, listener);
    this.loop(life);
  }

  /** Arms a crash at the next `step` after atMs, or crashes now when no step is given. */
  crash(step: ConsumerCrashStep | undefined): void {
    if (step === undefined) return this.die("now");
    this.crashArmed = { atMs: this.now, step };
  }

  restart(): void {
    this.launch("restart");
  }

  join(): void {
    this.launch("join");
  }

  /**
   * A clean close: auto-commit, revoke, LeaveGroup. An application shuts its consumer down
   * between two turns of its loop (Kafka's pattern: wakeup(), then close() after the loop), so a
   * batch in hand is finished first; closing mid-batch would auto-commit positions past records
   * nobody processed.
   */
  leave(): void {
    if (!this.running) return;
    if (this.inBatch) {
      this.leaveRequested = true;
      return;
    }
    this.closeNow();
  }

  private closeNow(): void {
    this.leaveRequested = false;
    this.life++;
    this.dropPendingSeeks("was closed");
    this.consumer!.close("the application closed the consumer (consumer-leave)");
  }

  /** True from a poll() that returned records until the loop turns again. */
  private inBatch = false;
  /** A consumer-leave asked for while a batch was in hand: made when the loop turns. */
  private leaveRequested = false;

  /** Queues a seek for the next turn of the poll loop. */
  seek(request: Omit<SeekRequest, "atMs">): void {
    this.pendingSeeks.push({ ...request, atMs: this.now });
  }

  /** Seeks still queued when the process stops are never made: say so. */
  private dropPendingSeeks(why: string): void {
    for (const seek of this.pendingSeeks) this.skipSeek(`${this.spec.client} ${why} before its poll loop reached the seek asked for at ${seek.atMs} ms`);
    this.pendingSeeks = [];
  }

  private skipSeek(reason: string): void {
    this.cluster.trace.emit({ t: this.now, type: "fault.skipped", fault: "consumer-seek", reason });
  }

  stall(durationMs: number): void {
    this.stallUntilMs = Math.max(this.stallUntilMs, this.now + durationMs);
    this.emit({ type: "consumer.stall", durationMs });
  }

  private die(step: string): void {
    if (!this.running) return;
    const consumer = this.consumer!;
    this.life++;
    this.crashArmed = null;
    this.dropPendingSeeks("crashed");
    this.emit({ type: "consumer.crash", step, committed: Object.fromEntries(consumer.coordinator?.committedByMe ?? []) });
    consumer.crash();
  }

  /** True (and the process is dead) when an armed crash fires at this step. */
  private reach(step: ConsumerCrashStep): boolean {
    const armed = this.crashArmed;
    if (!armed || armed.step !== step || this.now < armed.atMs) return false;
    this.die(step);
    return true;
  }

  /** Runs `fn` after delayMs of this life, later if the loop is stalled. */
  private after(life: number, delayMs: number, fn: () => void): void {
    this.cluster.sim.schedule(delayMs, () => {
      if (life !== this.life) return;
      if (this.now < this.stallUntilMs) return this.after(life, this.stallUntilMs - this.now, fn);
      fn();
    });
  }

  private loop(life: number): void {
    this.inBatch = false;
    if (this.leaveRequested) return this.closeNow();
    this.after(life, 0, () => this.pollOnce(life));
  }

  /** One turn of the loop: poll(), then process what it returned (or poll again). */
  private pollOnce(life: number): void {
    const consumer = this.consumer!;
    if (this.pendingSeeks.length > 0) return this.seekThenPoll(life);
    if (this.spec.commit === "auto" && consumer.autoCommitDue() && this.reach("before-commit")) return;
    consumer.poll(this.spec.pollTimeoutMs).onComplete((records, error) => {
      if (life !== this.life) return;
      if (error || !records) return this.after(life, ERROR_BACKOFF_MS, () => this.loop(life));
      if (records.isEmpty()) return this.pollAgain(life);
      this.inBatch = true;
      if (this.reach("after-poll")) return;
      if (this.spec.commit === "sync-before-processing") {
        this.commitSync(life, () => this.process(life, records, () => this.afterProcessing(life)));
      } else {
        this.process(life, records, () => this.afterProcessing(life));
      }
    });
  }

  /** Makes the queued seeks one after another, then polls (through the queue if a seek had to wait for ListOffsets). */
  private seekThenPoll(life: number): void {
    const request = this.pendingSeeks.shift()!;
    let waited = false;
    let finished = false;
    performSeek(this.consumer!, request, (reason) => this.skipSeek(reason), () => {
      finished = true;
      if (life !== this.life) return;
      if (waited) this.loop(life);
      else this.pollOnce(life);
    });
    waited = !finished;
  }

  /**
   * After an empty poll() the application polls again at once: straight away rather than
   * through the event queue (an idle consumer polls ten times a second, and each turn through
   * the queue costs an event). A stalled loop, or a zero poll timeout, goes through the queue.
   */
  private pollAgain(life: number): void {
    if (this.spec.pollTimeoutMs > 0 && this.now >= this.stallUntilMs && this.consumer?.isAlive) this.pollOnce(life);
    else this.loop(life);
  }

  private afterProcessing(life: number): void {
    if (this.reach("after-processing")) return;
    const commit = this.spec.commit;
    if (commit === "sync-after-processing") return this.commitSync(life, () => this.loop(life));
    if (commit === "async-after-processing") {
      if (this.reach("before-commit")) return;
      this.consumer!.commitAsync(null, (_offsets, error: ConsumerException | null) => {
        if (life === this.life && !error) this.reach("after-commit");
      });
    }
    this.loop(life);
  }

  private commitSync(life: number, next: () => void): void {
    if (this.reach("before-commit")) return;
    this.consumer!.commitSync().onComplete(() => {
      if (life !== this.life) return;
      if (this.reach("after-commit")) return;
      // A failed commit (CommitFailedException after a rebalance) is logged by the consumer;
      // the application goes on, as most do.
      next();
    });
  }

  private processingMs(): number {
    const { processingMsPerRecord: base, processingJitterMs: jitter } = this.spec;
    return jitter > 0 ? Math.max(0, base + randomInt(this.prng, -jitter, jitter)) : base;
  }

  private process(life: number, records: ConsumerRecords<unknown, unknown>, done: () => void): void {
    const list = records.all();
    const midBatch = Math.floor(list.length / 2);
    let processed = 0;
    const full = this.cluster.trace.level === "full";
    const finishOne = (record: ConsumerRecord<unknown, unknown>, worker: number): boolean => {
      if (full) this.emit({ type: "consumer.process", topic: record.topic, partition: record.partition, id: record.id ?? `${record.topic}-${record.partition}@${record.offset}`, offset: record.offset, worker });
      processed++;
      return processed === midBatch && this.reach("mid-batch");
    };
    if (midBatch === 0 && this.reach("mid-batch")) return;
    const workers = Math.min(this.spec.workers, list.length);
    let remaining = workers;
    for (let w = 0; w < workers; w++) {
      const queue = workers === 1 ? list : list.filter((_, i) => i % workers === w);
      const next = (i: number): void => {
        for (;;) {
          // A crash mid-batch, in this worker or another, ends this life's processing.
          if (life !== this.life) return;
          if (i >= queue.length) {
            if (--remaining === 0) done();
            return;
          }
          const ms = this.processingMs();
          // A record that takes no time is processed at once, in the same event as the one
          // before it (unless the loop is stalled): no timer per record.
          if (ms > 0 || this.now < this.stallUntilMs) {
            const at = i;
            this.after(life, ms, () => {
              if (finishOne(queue[at], w)) return;
              next(at + 1);
            });
            return;
          }
          if (finishOne(queue[i], w)) return;
          i++;
        }
      };
      next(0);
    }
  }
}

/** The consumer workloads of each cluster by client name, so scenario faults can reach them. */
const workloadsByCluster = new WeakMap<Cluster, Map<string, ConsumerWorkload>>();

/** Creates and starts a scenario's "consumer" workload. */
export function startConsumerWorkload(cluster: Cluster, spec: ConsumerWorkloadSpec, seed: number): ConsumerWorkload {
  let byClient = workloadsByCluster.get(cluster);
  if (!byClient) workloadsByCluster.set(cluster, (byClient = new Map()));
  const workload = new ConsumerWorkload(cluster, spec, seed);
  byClient.set(spec.client, workload);
  workload.start();
  return workload;
}

export function consumerWorkloadOf(cluster: Cluster, client: string): ConsumerWorkload | undefined {
  return workloadsByCluster.get(cluster)?.get(client);
}

export type ConsumerFault =
  | { type: "consumer-crash"; client: string; at?: ConsumerCrashStep }
  | { type: "consumer-restart"; client: string }
  | { type: "consumer-stall"; client: string; durationMs: number }
  | { type: "consumer-join"; client: string }
  | { type: "consumer-leave"; client: string }
  | { type: "consumer-seek"; client: string; topic: string; partition?: number; to: ConsumerSeekTarget };

/** Applies a consumer fault; returns why it was skipped, or null. */
export function applyConsumerFault(cluster: Cluster, fault: ConsumerFault): string | null {
  const workload = consumerWorkloadOf(cluster, fault.client);
  if (!workload) return `no consumer workload named ${fault.client}`;
  switch (fault.type) {
    case "consumer-crash":
      if (!workload.running) return `${fault.client} is not running`;
      workload.crash(fault.at);
      return null;
    case "consumer-restart":
    case "consumer-join":
      if (workload.running) return `${fault.client} is already running`;
      if (fault.type === "consumer-restart") workload.restart();
      else workload.join();
      return null;
    case "consumer-stall":
      if (!workload.running) return `${fault.client} is not running`;
      workload.stall(fault.durationMs);
      return null;
    case "consumer-leave":
      if (!workload.running) return `${fault.client} is not running`;
      workload.leave();
      return null;
    case "consumer-seek":
      if (!workload.running) return `${fault.client} is not running, so it holds no position to move`;
      workload.seek({ topic: fault.topic, partition: fault.partition, to: fault.to });
      return null;
  }
}
