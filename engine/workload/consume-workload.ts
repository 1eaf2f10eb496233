import type { Cluster } from "../cluster/cluster.js";
import { collectIds } from "../cluster/log-events.js";
import type { FetchResponse } from "../cluster/replica-manager.js";
import { request } from "../cluster/rpc.js";
import { brokerNodeId } from "../cluster/types.js";
import { ClientNode } from "./client-metadata.js";

export interface ConsumeWorkloadSpec {
  client: string;
  topic: string;
  partition: number;
  startMs: number;
  /** Time between fetches, in ms. */
  intervalMs: number;
  /** Where to start: the log start ("earliest") or the high watermark ("latest"). */
  autoOffsetReset: "earliest" | "latest";
  /** fetch.max.bytes for one fetch. */
  maxBytes: number;
}

/**
 * A minimal reader of one partition: it fetches from the leader, which only ever returns
 * records below the high watermark, and records what it saw in the trace.
 * Simplification: no group, no commits (engine/consumer has the real KafkaConsumer).
 */
export class ConsumeWorkload {
  private readonly node: ClientNode;
  private position: number | null = null;

  constructor(
    private readonly cluster: Cluster,
    private readonly spec: ConsumeWorkloadSpec,
  ) {
    this.node = new ClientNode(cluster, spec.client, 30_000);
  }

  start(): void {
    this.cluster.sim.scheduleAt(this.spec.startMs, () => this.node.refresh(() => this.poll()));
  }

  private poll(): void {
    const { topic, partition } = this.spec;
    const leader = this.node.leaderFor(topic, partition);
    const next = () => this.cluster.sim.schedule(this.spec.intervalMs, () => this.poll());
    if (leader === null) {
      this.node.refresh();
      next();
      return;
    }
    const fetchOffset = this.position ?? 0;
    const resetting = this.position === null;
    request<FetchResponse>(
      this.cluster.sim,
      this.cluster.net,
      this.node,
      brokerNodeId(leader),
      "Fetch",
      (respond) => {
        const broker = this.cluster.broker(leader);
        if (!broker) return;
        broker.replicaManager.handleFetch(-1, topic, partition, Math.max(fetchOffset, 0), -1, 0, this.spec.maxBytes, respond);
      },
      (outcome) => {
        if (!outcome.ok) {
          this.node.refresh();
          next();
          return;
        }
        const response = outcome.response;
        if (response.error === "OFFSET_OUT_OF_RANGE" || (resetting && response.error === "NONE")) {
          // auto.offset.reset: with no valid position, start from the log start or the HW.
          this.position = this.spec.autoOffsetReset === "earliest" ? response.logStartOffset : response.highWatermark;
          if (!resetting || response.error !== "NONE") return next();
          if (this.spec.autoOffsetReset === "latest") return next();
        }
        if (response.error !== "NONE") {
          this.node.refresh();
          next();
          return;
        }
        const batches = response.batches.filter((b) => b.lastOffset >= (this.position ?? 0));
        if (batches.length > 0) {
          const from = this.position ?? 0;
          const ids: string[] = [];
          let last = from - 1;
          for (const batch of batches) {
            batch.records.forEach((record, i) => {
              const offset = batch.baseOffset + i;
              if (offset < from || offset >= response.highWatermark) return;
              if (record.id) ids.push(record.id);
              last = offset;
            });
          }
          if (last >= from) {
            this.cluster.trace.emit({ t: this.cluster.sim.nowMs, type: "consume.read", client: this.spec.client, topic, partition, fromOffset: from, toOffset: last, hw: response.highWatermark, ids, from: leader });
            this.position = last + 1;
          }
        }
        void collectIds;
        next();
      },
      30_000,
    );
  }
}
