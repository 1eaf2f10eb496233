import type { ProducerException } from "./errors.js";
import type { RecordMetadata } from "./record.js";

/** Kafka's Callback: metadata on success, the exception on failure (then metadata is null). */
export type SendCallback = (metadata: RecordMetadata | null, error: ProducerException | null) => void;

/**
 * What KafkaProducer.send returns (Kafka's FutureRecordMetadata). It is not a JS Promise: it
 * completes in simulated time, when the Sender gets the broker's answer. `get()` on a future
 * that is not done throws, because nothing can wait in simulated time from inside the engine;
 * run the simulation first (KafkaProducer.sendSync or Simulation.runUntilDone).
 */
export class ProduceFuture {
  // The metadata's fields are kept flat and the object is built on demand: a million sends
  // should not make a million RecordMetadata objects nobody reads.
  private topic = "";
  private partition = -1;
  private offset = -1;
  private timestamp = -1;
  private metadata: RecordMetadata | null = null;
  private error: ProducerException | null = null;
  private done = false;
  private listeners: SendCallback[] | null = null;

  constructor(
    readonly clientId: string,
    /** Send order within the producer: the n of the record id "client#n". */
    readonly sendNumber: number,
    /** Simulated time of the send() call, for latency. */
    readonly sendMs: number,
  ) {}

  /** The record's checker id, "client#n" (built when asked: summary runs never ask). */
  get id(): string {
    return `${this.clientId}#${this.sendNumber}`;
  }

  isDone(): boolean {
    return this.done;
  }

  /** The record's metadata, or throws the exception the send failed with. */
  get(): RecordMetadata {
    if (!this.done) {
      throw new Error(`ProduceFuture ${this.id} is not done yet: run the simulation until it completes (KafkaProducer.sendSync or Simulation.runUntilDone)`);
    }
    if (this.error) throw this.error;
    return this.recordMetadata();
  }

  private recordMetadata(): RecordMetadata {
    return (this.metadata ??= { topic: this.topic, partition: this.partition, offset: this.offset, timestamp: this.timestamp });
  }

  /** The failure, or null (also null while not done). */
  exception(): ProducerException | null {
    return this.error;
  }

  /** Runs `fn` when the future completes (at once if it already has). */
  onComplete(fn: SendCallback): void {
    if (this.done) {
      fn(this.error ? null : this.recordMetadata(), this.error);
      return;
    }
    (this.listeners ??= []).push(fn);
  }

  /** Completes the future with where the record landed (offset -1 with acks=0); called once. */
  succeed(topic: string, partition: number, offset: number, timestamp: number): void {
    if (this.done) return;
    this.done = true;
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.timestamp = timestamp;
    const listeners = this.listeners;
    if (listeners === null) return;
    this.listeners = null;
    const metadata = this.recordMetadata();
    for (const fn of listeners) fn(metadata, null);
  }

  /** Completes the future with a failure; called once. */
  fail(error: ProducerException): void {
    if (this.done) return;
    this.done = true;
    this.error = error;
    const listeners = this.listeners;
    this.listeners = null;
    if (listeners) for (const fn of listeners) fn(null, error);
  }
}

/** Something that finishes in simulated time (flush, close). */
export class Completion {
  private done = false;
  private listeners: (() => void)[] = [];

  isDone(): boolean {
    return this.done;
  }

  onComplete(fn: () => void): void {
    if (this.done) fn();
    else this.listeners.push(fn);
  }

  /** Marks it done and runs the listeners; later calls do nothing. */
  finish(): void {
    if (this.done) return;
    this.done = true;
    const listeners = this.listeners;
    this.listeners = [];
    for (const fn of listeners) fn();
  }
}
