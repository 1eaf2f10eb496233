import type { Cluster } from "../cluster/cluster.js";
import { ConsumerRecords, type ConsumerRecord } from "../consumer/consumer-record.js";
import { namedDeserializers, type Deserializer } from "../consumer/deserializers.js";
import type { ConsumerException } from "../consumer/errors.js";
import { KafkaConsumer } from "../consumer/kafka-consumer.js";
import type { ConsumerRebalanceListener } from "../consumer/rebalance-listener.js";
import { tpKeyOf } from "../consumer/subscription-state.js";
import { prngFor, randomInt, type Prng } from "../kernel/prng.js";
import type { ConsumerCrashStep, ConsumerWorkloadSpec } from "../scenario/consumer-schema.js";

/** How long the loop waits before polling again after poll() failed, in ms. */
const ERROR_BACKOFF_MS = 100;

/**
 * The processing model of the consumer labs: an application thread running
 *   while (true) { records = poll(); [commit]; process each record; [commit] }
 * on a real KafkaConsumer. Every processed record is a consumer.process trace event, so the
 * consumption checker can name what was processed twice or never. Faults reach in at the
 * loop's steps: a crash at the next "after-poll", "mid-batch", "after-processing",
 * "before-commit" or "after-commit"; a stall (the loop blocks); a clean leave; a restart.
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

  /** A clean close: auto-commit, revoke, LeaveGroup. */
  leave(): void {
    if (!this.running) return;
    this.life++;
    this.consumer!.close("the application closed the consumer (consumer-leave)");
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
    this.after(life, 0, () => {
      const consumer = this.consumer!;
      if (this.spec.commit === "auto" && consumer.autoCommitDue() && this.reach("before-commit")) return;
      consumer.poll(this.spec.pollTimeoutMs).onComplete((records, error) => {
        if (life !== this.life) return;
        if (error || !records) return this.after(life, ERROR_BACKOFF_MS, () => this.loop(life));
        if (records.isEmpty()) return this.loop(life);
        if (this.reach("after-poll")) return;
        if (this.spec.commit === "sync-before-processing") {
          this.commitSync(life, () => this.process(life, records, () => this.afterProcessing(life)));
        } else {
          this.process(life, records, () => this.afterProcessing(life));
        }
      });
    });
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
      const queue = list.filter((_, i) => i % workers === w);
      const next = (i: number): void => {
        if (i >= queue.length) {
          if (--remaining === 0) done();
          return;
        }
        this.after(life, this.processingMs(), () => {
          if (finishOne(queue[i], w)) return;
          next(i + 1);
        });
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
  | { type: "consumer-leave"; client: string };

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
  }
}
