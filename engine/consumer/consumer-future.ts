import type { ConsumerException } from "./errors.js";

/**
 * What a blocking KafkaConsumer call returns in the simulation (poll, commitSync, position,
 * committed, offsetsForTimes, close). Nothing can block inside a discrete-event simulation, so
 * the call returns at once and the future completes in simulated time, when the call would
 * have returned in Kafka. `get()` on a future that is not done throws: run the simulation
 * first (cluster.runUntil), or pass a callback to onComplete.
 */
export class ConsumerFuture<T> {
  private done = false;
  private value: T | undefined;
  private error: ConsumerException | null = null;
  private listeners: ((value: T | undefined, error: ConsumerException | null) => void)[] | null = null;

  constructor(readonly operation: string) {}

  isDone(): boolean {
    return this.done;
  }

  /** The result, or throws the exception the call failed with. */
  get(): T {
    if (!this.done) throw new Error(`${this.operation} has not returned yet: run the simulation until it completes (cluster.runUntil) or use onComplete`);
    if (this.error) throw this.error;
    return this.value as T;
  }

  /** The failure, or null (also null while not done). */
  exception(): ConsumerException | null {
    return this.error;
  }

  /** Runs `fn` when the call returns (at once if it already has). */
  onComplete(fn: (value: T | undefined, error: ConsumerException | null) => void): this {
    if (this.done) fn(this.value, this.error);
    else (this.listeners ??= []).push(fn);
    return this;
  }

  complete(value: T): void {
    if (this.done) return;
    this.done = true;
    this.value = value;
    this.fire();
  }

  fail(error: ConsumerException): void {
    if (this.done) return;
    this.done = true;
    this.error = error;
    this.fire();
  }

  private fire(): void {
    const listeners = this.listeners;
    this.listeners = null;
    if (listeners) for (const fn of listeners) fn(this.value, this.error);
  }
}
