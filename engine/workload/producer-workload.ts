import type { Cluster } from "../cluster/cluster.js";
import { interceptorFromName } from "../producer/interceptors.js";
import { KafkaProducer } from "../producer/kafka-producer.js";
import { namedSerializers, type SerializerName } from "../producer/serializers.js";

export interface ProducerWorkloadSpec {
  /** The producer's client id, also the prefix of its record ids ("producer-0#17"). */
  client: string;
  topic: string;
  startMs: number;
  /** Records to send. */
  count: number;
  /** Time between two send() calls, in ms; 0 sends them all at once (as fast as send() returns). */
  intervalMs: number;
  /** Keys, used in turn; null sends keyless records. */
  keys: readonly string[] | null;
  /** A fixed partition for every record (ProducerRecord.partition). */
  partition?: number;
  /** Value size in bytes (ASCII), when `values` is not given. */
  valueBytes: number;
  /** "async": send and move on; "sync": send().get(), i.e. wait for each answer before the next send. */
  mode: "async" | "sync";
  /** Kafka producer configs by name. */
  config: Readonly<Record<string, unknown>>;
  /** Built-in interceptors by name: "count", "filter-key:<key>", "upper-case-value". */
  interceptors?: readonly string[];
  valueSerializer?: SerializerName;
  /** Values, used in turn (overrides valueBytes). */
  values?: readonly string[];
}

/**
 * A scenario's application that uses the real KafkaProducer: it calls send() `count` times,
 * every `intervalMs`, cycling through keys and values. In sync mode it waits for each
 * future before the next send (the send().get() idiom); in async mode it keeps sending,
 * except while send() itself blocks (metadata, buffer.memory), as a real caller would.
 */
export class ProducerWorkload {
  readonly producer: KafkaProducer;
  private sent = 0;
  /** Records sent by sendBurst. */
  private extra = 0;
  private readonly defaultValue: string;

  constructor(
    private readonly cluster: Cluster,
    private readonly spec: ProducerWorkloadSpec,
  ) {
    const interceptors = (spec.interceptors ?? []).map((name) => {
      const interceptor = interceptorFromName(name);
      if (!interceptor) throw new RangeError(`interceptor "${name}" is unknown; allowed: count, filter-key:<key>, upper-case-value`);
      return interceptor;
    });
    this.producer = new KafkaProducer(cluster, spec.client, spec.config, {
      interceptors,
      ...(spec.valueSerializer ? { valueSerializer: namedSerializers[spec.valueSerializer] } : {}),
    });
    this.defaultValue = "v".repeat(Math.max(0, spec.valueBytes));
  }

  start(): void {
    this.cluster.sim.scheduleAt(this.spec.startMs, () => this.tick());
  }

  private recordFor(n: number) {
    const { spec } = this;
    const key = spec.keys && spec.keys.length > 0 ? spec.keys[n % spec.keys.length] : null;
    const value = spec.values && spec.values.length > 0 ? spec.values[n % spec.values.length] : this.defaultValue;
    return { topic: spec.topic, partition: spec.partition ?? null, key, value };
  }

  /** An async send: nobody reads its future, so none is made. */
  private sendOne(): void {
    this.producer.sendWithoutFuture(this.recordFor(this.sent++));
  }

  private tick(): void {
    const { spec } = this;
    if (this.sent >= spec.count) return;
    if (this.producer.isBlocked()) return this.producer.whenUnblocked(() => this.tick());
    if (spec.mode === "sync") {
      const future = this.producer.send(this.recordFor(this.sent++));
      future.onComplete(() => this.next());
      return;
    }
    if (spec.intervalMs === 0) {
      // All at once: keep calling send() until it blocks or the records run out.
      while (this.sent < spec.count && !this.producer.isBlocked()) this.sendOne();
      if (this.sent < spec.count) this.producer.whenUnblocked(() => this.tick());
      return;
    }
    this.sendOne();
    this.next();
  }

  /**
   * `count` more records, `intervalMs` apart (0: at once, until send() blocks), all with `key`
   * (a "producer-send" action in a scenario). They follow the workload's own sends in the
   * producer's send order.
   */
  sendBurst(count: number, key: string | null, intervalMs: number): void {
    let left = count;
    const step = () => {
      while (left > 0) {
        if (this.producer.isClosed()) return;
        if (this.producer.isBlocked()) return this.producer.whenUnblocked(step);
        const value = this.spec.values && this.spec.values.length > 0 ? this.spec.values[this.extra % this.spec.values.length] : this.defaultValue;
        this.extra++;
        this.producer.sendWithoutFuture({ topic: this.spec.topic, partition: this.spec.partition ?? null, key, value });
        left--;
        if (intervalMs > 0) {
          if (left > 0) this.cluster.sim.schedule(intervalMs, step);
          return;
        }
      }
    };
    step();
  }

  private next(): void {
    if (this.sent >= this.spec.count) return;
    if (this.spec.intervalMs === 0) this.cluster.sim.schedule(0, () => this.tick());
    else this.cluster.sim.schedule(this.spec.intervalMs, () => this.tick());
  }
}
