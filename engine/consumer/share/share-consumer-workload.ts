import type { Cluster } from "../../cluster/cluster.js";
import type { AcknowledgeType } from "../../cluster/share/record-state.js";
import { alterShareGroupConfig } from "../../cluster/share/share-settings.js";
import { KafkaShareConsumer, type ShareConsumerRecord } from "./kafka-share-consumer.js";

export interface ShareConsumerWorkloadSpec {
  client: string;
  groupId: string;
  topics: readonly string[];
  startMs: number;
  /** Simulated time the application spends on each record before acknowledging it. */
  processingMsPerRecord: number;
  /** How long one poll() waits for records. */
  pollTimeoutMs: number;
  /** How every record is acknowledged (explicit mode), unless failEvery picks it. */
  ack: "accept" | "release" | "reject";
  /** Every n-th record this consumer processes is acknowledged with failAck instead, to show redelivery. */
  failEvery?: number;
  failAck: "release" | "reject";
  /** The group config share.auto.offset.reset, set before the consumer starts (Kafka's default: latest). */
  shareAutoOffsetReset?: "earliest" | "latest";
  /** Consumer configs by Kafka's names (group.id comes from groupId). */
  config: Readonly<Record<string, unknown>>;
}

const ACK_TYPES: Record<"accept" | "release" | "reject", AcknowledgeType> = { accept: "ACCEPT", release: "RELEASE", reject: "REJECT" };

/**
 * A share consumer application: poll, process each record for processingMsPerRecord,
 * acknowledge it (explicit mode) and poll again, until it is crashed or closed.
 */
export class ShareConsumerWorkload {
  consumer: KafkaShareConsumer | null = null;
  private processed = 0;
  private crashed = false;

  constructor(
    private readonly cluster: Cluster,
    readonly spec: ShareConsumerWorkloadSpec,
  ) {}

  start(): void {
    this.cluster.sim.scheduleAt(this.spec.startMs, () => {
      if (this.crashed) return;
      if (this.spec.shareAutoOffsetReset) alterShareGroupConfig(this.cluster, this.spec.groupId, { "share.auto.offset.reset": this.spec.shareAutoOffsetReset });
      const consumer = new KafkaShareConsumer(this.cluster, {
        clientId: this.spec.client,
        config: { "share.acknowledgement.mode": "explicit", ...this.spec.config, "group.id": this.spec.groupId },
      });
      this.consumer = consumer;
      consumer.subscribe(this.spec.topics);
      this.pollLoop(consumer);
    });
  }

  /** The consumer process dies: its acquired records stay locked until the locks expire. */
  crash(): boolean {
    if (this.crashed) return false;
    this.crashed = true;
    this.consumer?.crash();
    return true;
  }

  private pollLoop(consumer: KafkaShareConsumer): void {
    if (consumer.isClosed) return;
    consumer.poll(this.spec.pollTimeoutMs, (records) => this.processAll(consumer, records, 0));
  }

  private processAll(consumer: KafkaShareConsumer, records: readonly ShareConsumerRecord[], index: number): void {
    if (consumer.isClosed) return;
    if (index >= records.length) return this.pollLoop(consumer);
    this.cluster.sim.schedule(this.spec.processingMsPerRecord, () => {
      if (consumer.isClosed) return;
      this.processed++;
      if (consumer.acknowledgementMode === "explicit") consumer.acknowledge(records[index], this.ackTypeFor(this.processed));
      this.processAll(consumer, records, index + 1);
    });
  }

  private ackTypeFor(n: number): AcknowledgeType {
    const { failEvery, failAck, ack } = this.spec;
    return failEvery !== undefined && n % failEvery === 0 ? ACK_TYPES[failAck] : ACK_TYPES[ack];
  }
}

/** The share-consumer workloads of each cluster a scenario built, by client name (for the crash fault). */
const workloadsByCluster = new WeakMap<Cluster, Map<string, ShareConsumerWorkload>>();

/** Builds and starts a scenario's "share-consumer" workload (topic or topics; defaults already filled in). */
export function startShareConsumerWorkload(
  cluster: Cluster,
  w: Omit<ShareConsumerWorkloadSpec, "topics"> & { topic?: string; topics?: readonly string[] },
): ShareConsumerWorkload {
  const workload = new ShareConsumerWorkload(cluster, { ...w, topics: w.topics ?? (w.topic !== undefined ? [w.topic] : []) });
  let byClient = workloadsByCluster.get(cluster);
  if (!byClient) workloadsByCluster.set(cluster, (byClient = new Map()));
  byClient.set(w.client, workload);
  workload.start();
  return workload;
}

/** The "share-consumer-crash" fault; returns a reason when there is nothing to crash. */
export function crashShareConsumer(cluster: Cluster, client: string): string | null {
  const workload = workloadsByCluster.get(cluster)?.get(client);
  if (!workload) return `no share-consumer workload named "${client}"`;
  return workload.crash() ? null : `share consumer "${client}" has already crashed`;
}
