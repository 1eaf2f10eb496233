import type { Cluster } from "../../cluster/cluster.js";
import type { KafkaErrorName } from "../../cluster/errors.js";
import type { ShareAcknowledgeResponse, ShareFetchResponse } from "../../cluster/share/protocol.js";
import type { AcknowledgeType } from "../../cluster/share/record-state.js";
import type { ShareAcknowledgementBatch } from "../../cluster/share/share-partition.js";
import { tpKey, type TopicPartition } from "../../cluster/types.js";
import { resolveConfig, type ResolvedConfig } from "../../config/index.js";
import { prngFor } from "../../kernel/prng.js";
import { ShareClient } from "./share-client.js";
import { ShareMembership } from "./share-membership.js";

/** One record as a share consumer's poll() returns it: a ConsumerRecord with its delivery count. */
export interface ShareConsumerRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  /** CreateTime in ms of simulated time. */
  readonly timestamp: number;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: readonly (readonly [string, string])[];
  /** ConsumerRecord.deliveryCount(): 1 on the first delivery, 2 on the first redelivery, ... */
  readonly deliveryCount: number;
  /** The checker id the producer gave the record; not part of Kafka's format. */
  readonly id: string | undefined;
}

/** Thrown where Kafka's KafkaShareConsumer throws IllegalStateException. */
export class IllegalStateException extends Error {
  override readonly name = "IllegalStateException";
}

/** The outcome of a commit per "topic-partition": NONE, or the error the leader answered. */
export type AcknowledgementResult = Map<string, KafkaErrorName | "REQUEST_TIMED_OUT" | "NETWORK_EXCEPTION">;

export interface KafkaShareConsumerOptions {
  /** client.id, also the network node name ("consumer-0"). */
  clientId: string;
  /** Consumer configs by Kafka's names; group.id is required. */
  config?: Readonly<Record<string, unknown>>;
}

/** ShareConsumerConfig: consumer configs a share consumer refuses, because the share group decides them. */
export const SHARE_CONSUMER_UNSUPPORTED_CONFIGS: readonly string[] = Object.freeze([
  "auto.offset.reset",
  "enable.auto.commit",
  "group.instance.id",
  "isolation.level",
  "partition.assignment.strategy",
  "interceptor.classes",
  "session.timeout.ms",
  "heartbeat.interval.ms",
  "group.protocol",
]);

interface Delivered {
  record: ShareConsumerRecord;
  ack: AcknowledgeType | null;
}

/**
 * Kafka's KafkaShareConsumer (KIP-932), on the simulation's clock: subscribe, poll, acknowledge,
 * commitSync / commitAsync, close. Several share consumers may read one partition: the leader
 * hands each record to one of them at a time, under a lock that expires after
 * group.share.record.lock.duration.ms.
 * With share.acknowledgement.mode=implicit (Kafka's default) every record a poll() returned is
 * accepted by the next poll(), commitSync(), commitAsync() or close(); with explicit, the
 * application calls acknowledge(record, ACCEPT | RELEASE | REJECT) for each.
 * Calls that block in Java take a callback here and call it back in simulated time.
 * Simplification: acknowledgements whose partition has no known leader are dropped (reported
 * as NOT_LEADER_OR_FOLLOWER); their records come back when the locks expire.
 */
export class KafkaShareConsumer {
  readonly clientId: string;
  readonly groupId: string;
  readonly memberId: string;
  readonly acknowledgementMode: "implicit" | "explicit";
  readonly config: ResolvedConfig<"consumer">;
  private readonly client: ShareClient;
  private readonly membership: ShareMembership;
  private subscribedTopics: string[] = [];
  private fetchBuffer: ShareConsumerRecord[] = [];
  private currentFetch: Delivered[] = [];
  private readonly pendingAcks = new Map<string, { tp: TopicPartition; acks: { offset: number; type: AcknowledgeType }[] }>();
  private readonly fetchesInFlight = new Set<string>();
  private pollWaiter: ((records: ShareConsumerRecord[]) => void) | null = null;
  private closed = false;

  constructor(
    readonly cluster: Cluster,
    options: KafkaShareConsumerOptions,
  ) {
    const overrides = options.config ?? {};
    for (const key of SHARE_CONSUMER_UNSUPPORTED_CONFIGS) {
      if (overrides[key] !== undefined) throw new RangeError(`${key} is not supported by a share consumer (KafkaShareConsumer); the share group decides it. Remove it from the config.`);
    }
    this.config = resolveConfig("consumer", overrides);
    const groupId = this.config["group.id"];
    if (typeof groupId !== "string" || groupId === "") {
      throw new RangeError(`group.id is ${JSON.stringify(groupId)}; a share consumer needs a non-empty group.id (InvalidGroupIdException)`);
    }
    this.clientId = options.clientId;
    this.groupId = groupId;
    this.acknowledgementMode = String(this.config["share.acknowledgement.mode"]).toLowerCase() === "explicit" ? "explicit" : "implicit";
    this.memberId = randomMemberId(cluster.options.seed, options.clientId);
    this.client = new ShareClient(cluster, options.clientId, this.config["request.timeout.ms"] as number, this.config["retry.backoff.ms"] as number);
    this.membership = new ShareMembership(this.client, groupId, this.memberId, () => {});
  }

  /** The partitions the coordinator assigned to this member (several members may share one). */
  assignment(): TopicPartition[] {
    return this.membership.assignment.map((tp) => ({ ...tp }));
  }

  /** The topics subscribed to. */
  subscription(): string[] {
    return [...this.subscribedTopics];
  }

  subscribe(topics: readonly string[]): void {
    this.ensureOpen();
    if (topics.length === 0 || topics.some((t) => typeof t !== "string" || t === "")) {
      throw new RangeError(`subscribe(${JSON.stringify(topics)}): topics must be a non-empty list of topic names`);
    }
    this.subscribedTopics = [...new Set(topics)].sort();
    this.client.refreshMetadata();
    this.membership.subscribe(this.subscribedTopics);
    this.cluster.trace.emit({ t: this.client.nowMs, type: "share.client", client: this.clientId, group: this.groupId, member: this.memberId, change: "subscribed" });
  }

  /**
   * poll(): returns (through `onRecords`) the records acquired for this member, waiting up to
   * `timeoutMs` of simulated time when none are buffered. In explicit mode, records of the last
   * poll that were not acknowledged are returned again, as Kafka's ShareConsumerImpl does.
   */
  poll(timeoutMs: number, onRecords: (records: readonly ShareConsumerRecord[]) => void): void {
    this.ensureOpen();
    if (this.subscribedTopics.length === 0) throw new IllegalStateException("Consumer is not subscribed to any topics.");
    if (this.pollWaiter) throw new IllegalStateException("poll() is already waiting; KafkaShareConsumer is not safe for concurrent use.");
    if (!(timeoutMs >= 0)) throw new RangeError(`poll timeout is ${timeoutMs} ms; allowed: a number >= 0`);
    this.acknowledgeBatchIfImplicitAcknowledgement();
    this.takeAcknowledgedRecords();
    const deliver = (records: ShareConsumerRecord[], again: boolean) => {
      if (!again) this.currentFetch = records.map((record) => ({ record, ack: null }));
      if (records.length > 0) {
        const full = this.cluster.trace.level === "full";
        const ids = full ? records.map((r) => r.id).filter((id): id is string => id !== undefined) : [];
        this.cluster.trace.emit({ t: this.client.nowMs, type: "share.poll", client: this.clientId, group: this.groupId, member: this.memberId, count: records.length, ids });
      }
      onRecords(records);
    };
    const unacknowledged = this.currentFetch.filter((d) => d.ack === null).map((d) => d.record);
    if (unacknowledged.length > 0) {
      this.sendAcknowledgements(false);
      this.client.after(0, () => deliver(unacknowledged, true));
      return;
    }
    if (this.fetchBuffer.length > 0) {
      const records = this.takeFromBuffer();
      this.sendAcknowledgements(false);
      this.client.after(0, () => deliver(records, false));
      return;
    }
    let done = false;
    const finish = (records: ShareConsumerRecord[]) => {
      if (done) return;
      done = true;
      this.pollWaiter = null;
      timer.cancel();
      deliver(records, false);
    };
    const timer = this.client.after(timeoutMs, () => finish([]));
    this.pollWaiter = (records) => finish(records);
    this.sendFetches();
  }

  /** acknowledge(record, type): explicit mode only; settles a record of the last poll. */
  acknowledge(record: ShareConsumerRecord, type: AcknowledgeType = "ACCEPT"): void {
    this.ensureOpen();
    if (this.acknowledgementMode === "implicit") {
      throw new IllegalStateException("Implicit acknowledgement of delivery is being used (share.acknowledgement.mode=implicit); set it to explicit to call acknowledge().");
    }
    if (type !== "ACCEPT" && type !== "RELEASE" && type !== "REJECT") throw new RangeError(`acknowledge type is ${JSON.stringify(type)}; allowed: "ACCEPT", "RELEASE" or "REJECT"`);
    const entry = this.currentFetch.find((d) => d.record.topic === record.topic && d.record.partition === record.partition && d.record.offset === record.offset);
    if (!entry || entry.ack !== null) throw new IllegalStateException(`The record cannot be acknowledged: ${tpKey(record.topic, record.partition)}@${record.offset} is not an unacknowledged record of the last poll().`);
    entry.ack = type;
  }

  /** commitSync(): sends the acknowledgements now and calls back once every leader answered. */
  commitSync(onResult?: (result: AcknowledgementResult) => void): void {
    this.ensureOpen();
    this.acknowledgeBatchIfImplicitAcknowledgement();
    this.takeAcknowledgedRecords();
    this.sendAcknowledgements(false, onResult);
  }

  /** commitAsync(): sends the acknowledgements; `onComplete` plays Kafka's AcknowledgementCommitCallback. */
  commitAsync(onComplete?: (result: AcknowledgementResult) => void): void {
    this.commitSync(onComplete);
  }

  /**
   * close(): accepts (implicit mode) and sends what is acknowledged, closes the share sessions
   * so the leaders release every record this member still holds, then leaves the group.
   */
  close(onClosed?: () => void): void {
    if (this.closed) return;
    this.acknowledgeBatchIfImplicitAcknowledgement();
    this.takeAcknowledgedRecords();
    this.closed = true;
    this.pollWaiter = null;
    this.sendAcknowledgements(true, () =>
      this.membership.leave(() => {
        this.cluster.trace.emit({ t: this.client.nowMs, type: "share.client", client: this.clientId, group: this.groupId, member: this.memberId, change: "closed" });
        this.client.stop();
        onClosed?.();
      }),
    );
  }

  /** The process dies: nothing more is sent, nothing is released; the leaders' locks expire on their own. */
  crash(): void {
    if (!this.client.alive) return;
    this.cluster.trace.emit({ t: this.client.nowMs, type: "share.client", client: this.clientId, group: this.groupId, member: this.memberId, change: "crashed" });
    this.closed = true;
    this.pollWaiter = null;
    this.client.stop();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private ensureOpen(): void {
    if (this.closed) throw new IllegalStateException("This consumer has already been closed.");
  }

  /** ShareConsumerImpl.acknowledgeBatchIfImplicitAcknowledgement: implicit mode accepts the whole last poll. */
  private acknowledgeBatchIfImplicitAcknowledgement(): void {
    if (this.acknowledgementMode !== "implicit") return;
    for (const d of this.currentFetch) if (d.ack === null) d.ack = "ACCEPT";
  }

  /** Moves acknowledged records of the last poll into the acknowledgements to send. */
  private takeAcknowledgedRecords(): void {
    const kept: Delivered[] = [];
    for (const d of this.currentFetch) {
      if (d.ack === null) {
        kept.push(d);
        continue;
      }
      const key = tpKey(d.record.topic, d.record.partition);
      const pending = this.pendingAcks.get(key) ?? { tp: { topic: d.record.topic, partition: d.record.partition }, acks: [] };
      pending.acks.push({ offset: d.record.offset, type: d.ack });
      this.pendingAcks.set(key, pending);
    }
    this.currentFetch = kept;
  }

  private takeFromBuffer(): ShareConsumerRecord[] {
    const max = this.config["max.poll.records"] as number;
    return this.fetchBuffer.splice(0, max);
  }

  /** One ShareFetch per assigned partition not already fetching, carrying its pending acknowledgements. */
  private sendFetches(): void {
    if (!this.client.alive || this.closed) return;
    const assignment = this.membership.assignment;
    if (assignment.length === 0) {
      this.client.after(this.client.retryBackoffMs, () => this.pollWaiter && this.sendFetches());
      return;
    }
    for (const tp of assignment) {
      const key = tpKey(tp.topic, tp.partition);
      if (this.fetchesInFlight.has(key)) continue;
      const leader = this.client.leaderFor(tp.topic, tp.partition);
      if (leader === null) {
        this.client.refreshMetadata(() => this.pollWaiter && this.sendFetches());
        continue;
      }
      const acknowledgementBatches = this.takePendingBatches(key);
      this.fetchesInFlight.add(key);
      const maxWaitMs = this.config["fetch.max.wait.ms"] as number;
      this.client.send<ShareFetchResponse>(
        leader,
        "ShareFetch",
        (respond) => {
          const broker = this.cluster.broker(leader);
          if (!broker) return;
          broker.sharePartitionManager.handleShareFetch(
            {
              groupId: this.groupId,
              memberId: this.memberId,
              topic: tp.topic,
              partition: tp.partition,
              maxWaitMs,
              maxRecords: this.config["max.poll.records"] as number,
              maxBytes: this.config["max.partition.fetch.bytes"] as number,
              acknowledgementBatches,
            },
            respond,
          );
        },
        (outcome) => {
          this.fetchesInFlight.delete(key);
          const retry = () => this.client.after(this.client.retryBackoffMs, () => this.pollWaiter && this.sendFetches());
          if (!outcome.ok || outcome.response.error !== "NONE") {
            this.client.refreshMetadata();
            return retry();
          }
          const records = recordsOf(tp, outcome.response);
          if (records.length > 0) this.fetchBuffer.push(...records);
          if (this.pollWaiter && this.fetchBuffer.length > 0) return this.pollWaiter(this.takeFromBuffer());
          if (this.pollWaiter) this.sendFetches();
        },
        (this.config["request.timeout.ms"] as number) + maxWaitMs,
      );
    }
  }

  /** Pending acknowledgements of one partition as ShareAcknowledgementBatches (runs of one type). */
  private takePendingBatches(key: string): ShareAcknowledgementBatch[] {
    const pending = this.pendingAcks.get(key);
    if (!pending) return [];
    this.pendingAcks.delete(key);
    return toAcknowledgementBatches(pending.acks);
  }

  /**
   * ShareAcknowledge to each leader with pending acknowledgements (and, when closing, to every
   * partition this member may hold records of, with the final session epoch).
   */
  private sendAcknowledgements(closeSession: boolean, onDone?: (result: AcknowledgementResult) => void): void {
    const partitions = new Map<string, TopicPartition>();
    for (const [key, { tp }] of this.pendingAcks) partitions.set(key, tp);
    if (closeSession) {
      for (const tp of this.membership.assignment) partitions.set(tpKey(tp.topic, tp.partition), tp);
      for (const r of [...this.fetchBuffer, ...this.currentFetch.map((d) => d.record)]) partitions.set(tpKey(r.topic, r.partition), { topic: r.topic, partition: r.partition });
    }
    const result: AcknowledgementResult = new Map();
    let outstanding = partitions.size;
    const settle = (key: string, error: KafkaErrorName | "REQUEST_TIMED_OUT" | "NETWORK_EXCEPTION") => {
      result.set(key, error);
      if (--outstanding === 0) onDone?.(result);
    };
    if (outstanding === 0) {
      if (onDone) this.client.after(0, () => onDone(result));
      return;
    }
    for (const [key, tp] of partitions) {
      const acknowledgementBatches = this.takePendingBatches(key);
      const leader = this.client.leaderFor(tp.topic, tp.partition);
      if (leader === null) {
        this.client.after(0, () => settle(key, "NOT_LEADER_OR_FOLLOWER"));
        continue;
      }
      this.client.send<ShareAcknowledgeResponse>(
        leader,
        "ShareAcknowledge",
        (respond) => {
          const broker = this.cluster.broker(leader);
          if (!broker) return;
          broker.sharePartitionManager.handleShareAcknowledge({ groupId: this.groupId, memberId: this.memberId, ...tp, acknowledgementBatches, closeSession }, respond);
        },
        (outcome) => settle(key, outcome.ok ? outcome.response.error : outcome.error),
      );
    }
  }
}

/** The records of a ShareFetch response that were acquired for this member, with their delivery counts. */
function recordsOf(tp: TopicPartition, response: ShareFetchResponse): ShareConsumerRecord[] {
  const records: ShareConsumerRecord[] = [];
  for (const range of response.acquiredRecords) {
    for (const batch of response.batches) {
      if (batch.lastOffset < range.firstOffset || batch.baseOffset > range.lastOffset) continue;
      batch.records.forEach((r, i) => {
        const offset = batch.baseOffset + i;
        if (offset < range.firstOffset || offset > range.lastOffset) return;
        records.push({ ...tp, offset, timestamp: r.timestamp, key: r.key, value: r.value, headers: r.headers ?? [], deliveryCount: range.deliveryCount, id: r.id });
      });
    }
  }
  return records.sort((a, b) => a.offset - b.offset);
}

/** Consecutive offsets with the same type become one batch with a single acknowledge type. */
export function toAcknowledgementBatches(acks: readonly { offset: number; type: AcknowledgeType }[]): ShareAcknowledgementBatch[] {
  const sorted = [...acks].sort((a, b) => a.offset - b.offset);
  const batches: { firstOffset: number; lastOffset: number; acknowledgeTypes: AcknowledgeType[] }[] = [];
  for (const a of sorted) {
    const last = batches[batches.length - 1];
    if (last && last.lastOffset + 1 === a.offset && last.acknowledgeTypes[0] === a.type) last.lastOffset = a.offset;
    else batches.push({ firstOffset: a.offset, lastOffset: a.offset, acknowledgeTypes: [a.type] });
  }
  return batches;
}

/** A member id as Kafka's clients make one (Uuid.randomUuid().toString(): 22 base64url characters), from the seed. */
function randomMemberId(seed: number, clientId: string): string {
  const prng = prngFor(seed, `share-consumer/${clientId}`);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  let id = "";
  for (let i = 0; i < 22; i++) id += alphabet[(prng.next() >>> 0) % 64];
  return id;
}
