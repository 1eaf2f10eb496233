import type { Cluster } from "../cluster/cluster.js";
import type { SimRecord } from "../cluster/log/index.js";
import type { Acks, ProduceResponse } from "../cluster/replica-manager.js";
import { request } from "../cluster/rpc.js";
import { brokerNodeId } from "../cluster/types.js";
import { partitionForKey, utf8 } from "../producer/partitioner/index.js";
import { ClientNode } from "./client-metadata.js";

export interface ProduceWorkloadSpec {
  /** The client's node name, also the prefix of its record ids ("producer-0" -> "producer-0#17"). */
  client: string;
  topic: string;
  /** Fixed partition; when absent, the key's murmur2 partition, else (keyless) the partitions in turn, one request each. */
  partition?: number;
  key?: string | null;
  startMs: number;
  count: number;
  intervalMs: number;
  /** Records per produce request (this simple client's stand-in for batching). */
  recordsPerRequest: number;
  valueBytes: number;
  acks: Acks;
  /** request.timeout.ms: how long a request may wait for its response. */
  requestTimeoutMs: number;
}

/**
 * A minimal producer for scenarios that are about the brokers, not the client: it sends
 * `count` records at a steady rate to the partition's leader and records in the trace which
 * were acknowledged and which failed. Simplification: no accumulator, no retries, no
 * idempotence (the full KafkaProducer lives in engine/producer).
 */
export class ProduceWorkload {
  private readonly node: ClientNode;
  private sent = 0;
  private readonly value: string;

  constructor(
    private readonly cluster: Cluster,
    private spec: ProduceWorkloadSpec,
  ) {
    this.node = new ClientNode(cluster, spec.client, spec.requestTimeoutMs);
    this.value = "v".repeat(Math.max(0, spec.valueBytes));
  }

  start(): void {
    this.cluster.sim.scheduleAt(this.spec.startMs, () => this.node.refresh(() => this.tick()));
  }

  /** Changes acks from now on (a knob turned in the middle of a run). */
  setAcks(acks: Acks): void {
    this.spec = { ...this.spec, acks };
  }

  private partitionFor(): number {
    if (this.spec.partition !== undefined) return this.spec.partition;
    const count = this.partitionCount();
    if (this.spec.key != null) return count > 0 ? partitionForKey(utf8(this.spec.key), count) : 0;
    // Keyless requests go to the partitions in turn, as with Kafka's RoundRobinPartitioner.
    // Simplification: the real KafkaProducer ("producer" workload) uses the built-in sticky
    // partitioner (one partition for batch.size bytes, then another); this client has no batches.
    return count > 0 ? this.keylessRequests++ % count : 0;
  }

  /** Keyless requests sent so far: the next one goes to partition keylessRequests % partitions. */
  private keylessRequests = 0;
  private counted: { leaders: object; count: number } | null = null;

  /** The topic's partition count in the client's metadata (counted again only after a refresh). */
  private partitionCount(): number {
    const leaders = this.node.leaders;
    if (this.counted?.leaders !== leaders) {
      const prefix = `${this.spec.topic}-`;
      const count = Object.keys(leaders).filter((k) => k.startsWith(prefix) && /^\d+$/.test(k.slice(prefix.length))).length;
      this.counted = { leaders, count };
    }
    return this.counted.count;
  }

  private tick(): void {
    if (this.sent >= this.spec.count) return;
    const n = Math.min(this.spec.recordsPerRequest, this.spec.count - this.sent);
    const now = this.cluster.sim.nowMs;
    const records: SimRecord[] = new Array(n);
    if (this.cluster.trace.level === "full") {
      for (let i = 0; i < n; i++) records[i] = { key: this.spec.key ?? null, value: this.value, timestamp: now, id: `${this.spec.client}#${this.sent + i}` };
    } else {
      // Without ids the records of one request are identical, so they can share one object
      // (records are immutable): what a summary-level benchmark run needs to go fast.
      records.fill({ key: this.spec.key ?? null, value: this.value, timestamp: now });
    }
    this.sent += n;
    this.send(records);
    if (this.sent < this.spec.count) this.cluster.sim.schedule(this.spec.intervalMs, () => this.tick());
  }

  private send(records: SimRecord[]): void {
    const { topic } = this.spec;
    const partition = this.partitionFor();
    const leader = this.node.leaderFor(topic, partition);
    const ids = this.cluster.trace.level === "full" ? records.map((r) => r.id!) : [];
    const count = records.length;
    const trace = this.cluster.trace;
    const client = this.spec.client;
    const acks = this.spec.acks;
    if (leader === null) {
      trace.emit({ t: this.cluster.sim.nowMs, type: "produce.failed", client, topic, partition, count, ids, error: "LEADER_NOT_AVAILABLE", detail: "no known leader for the partition" });
      this.node.refresh();
      return;
    }
    trace.emit({ t: this.cluster.sim.nowMs, type: "produce.sent", client, topic, partition, count, ids, acks, to: leader });
    if (acks === "0") {
      // acks=0: the producer counts a record as sent the moment it leaves; nobody answers.
      trace.emit({ t: this.cluster.sim.nowMs, type: "produce.acked", client, topic, partition, count, ids, baseOffset: -1, acks, from: null });
    }
    request<ProduceResponse>(
      this.cluster.sim,
      this.cluster.net,
      this.node,
      brokerNodeId(leader),
      "Produce",
      (respond) => {
        const broker = this.cluster.broker(leader);
        if (!broker) return;
        broker.replicaManager.handleProduce(topic, partition, records, acks, this.spec.requestTimeoutMs, { producerId: -1, producerEpoch: -1, baseSequence: -1 }, respond);
      },
      (outcome) => {
        if (acks === "0") return;
        const t = this.cluster.sim.nowMs;
        if (outcome.ok && outcome.response.error === "NONE") {
          trace.emit({ t, type: "produce.acked", client, topic, partition, count, ids, baseOffset: outcome.response.baseOffset, acks, from: leader });
          return;
        }
        const error = outcome.ok ? outcome.response.error : outcome.error;
        const detail = outcome.ok ? outcome.response.detail : `no response from broker ${leader} within request.timeout.ms (${this.spec.requestTimeoutMs} ms)`;
        trace.emit({ t, type: "produce.failed", client, topic, partition, count, ids, error, detail });
        this.node.refresh();
      },
      this.spec.requestTimeoutMs,
    );
  }
}
