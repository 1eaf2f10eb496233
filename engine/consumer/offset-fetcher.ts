import { request } from "../cluster/rpc.js";
import { brokerNodeId } from "../cluster/types.js";
import type { TopicPartition } from "./assignors/types.js";
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP, listOffsetsHandlerOf, type ListOffsetsResponse } from "./broker-api.js";
import type { ConsumerMetadata, ConsumerNode } from "./consumer-metadata.js";
import type { OffsetAndTimestamp } from "./consumer-record.js";
import { tpKeyOf, type SubscriptionState } from "./subscription-state.js";

export interface OffsetFetchSettings {
  requestTimeoutMs: number;
  retryBackoffMs: number;
  isolationLevel: "read_uncommitted" | "read_committed";
}

/** What a position reset did, for the trace. */
export interface ResetApplied {
  tp: TopicPartition;
  policy: string;
  fromOffset: number | null;
  offset: number;
  reason: string;
}

/**
 * Kafka's OffsetFetcher: ListOffsets requests to partition leaders, for resetting positions
 * (auto.offset.reset earliest/latest) and for the application's offsetsForTimes,
 * beginningOffsets and endOffsets. "latest" is the high watermark for read_uncommitted.
 */
export class OffsetFetcher {
  private readonly resetsInFlight = new Set<string>();
  /** Called when a reset completes (the poll loop may be waiting for it). */
  onReset: (applied: ResetApplied) => void = () => {};
  /** Called when a failed reset may be retried. */
  onRetry: () => void = () => {};

  constructor(
    private readonly node: ConsumerNode,
    private readonly metadata: ConsumerMetadata,
    private readonly subscriptions: SubscriptionState,
    private readonly settings: OffsetFetchSettings,
  ) {}

  /** One ListOffsets for one partition; the callback gets the answer or an error name. */
  listOffset(tp: TopicPartition, timestamp: number, callback: (response: ListOffsetsResponse | null, error: string) => void): void {
    const leader = this.metadata.leaderFor(tp.topic, tp.partition);
    if (leader === null) {
      this.metadata.update();
      return callback(null, "LEADER_NOT_AVAILABLE");
    }
    const cluster = this.node.cluster;
    request<ListOffsetsResponse | null>(
      cluster.sim,
      cluster.net,
      this.node,
      brokerNodeId(leader),
      "ListOffsets",
      (respond) => {
        const handler = listOffsetsHandlerOf(cluster.broker(leader));
        if (!handler) return respond(null);
        handler.handleListOffsets({ topic: tp.topic, partition: tp.partition, timestamp, isolationLevel: this.settings.isolationLevel }, respond);
      },
      (outcome) => {
        if (!outcome.ok) {
          this.metadata.update();
          return callback(null, outcome.error);
        }
        if (outcome.response === null) return callback(null, "UNKNOWN_SERVER_ERROR");
        if (outcome.response.error !== "NONE") {
          this.metadata.update();
          return callback(outcome.response, outcome.response.error);
        }
        callback(outcome.response, "NONE");
      },
      this.settings.requestTimeoutMs,
    );
  }

  /** OffsetFetcher.resetPositionsIfNeeded: a ListOffsets for every partition awaiting a reset. */
  resetPositionsIfNeeded(): void {
    for (const s of this.subscriptions.states()) {
      const strategy = s.resetStrategy;
      if (strategy === null || strategy === "none") continue;
      const key = tpKeyOf(s.tp);
      if (this.resetsInFlight.has(key)) continue;
      this.resetsInFlight.add(key);
      const tp = s.tp;
      this.listOffset(tp, strategy === "earliest" ? EARLIEST_TIMESTAMP : LATEST_TIMESTAMP, (response, error) => {
        this.resetsInFlight.delete(key);
        const current = this.subscriptions.state(tp);
        if (!current || current.resetStrategy !== strategy) return;
        if (error !== "NONE" || !response) {
          this.node.after(this.settings.retryBackoffMs, () => this.onRetry());
          return;
        }
        const fromOffset = current.position;
        const reason = current.resetReason;
        this.subscriptions.seek(tp, response.offset);
        this.onReset({ tp, policy: strategy, fromOffset, offset: response.offset, reason });
      });
    }
  }

  /** Answers for several partitions at once; the callback runs when all are in. */
  private listAll<T>(partitions: readonly TopicPartition[], timestampOf: (tp: TopicPartition) => number, map: (response: ListOffsetsResponse) => T, callback: (result: Map<string, T | null> | null, error: string) => void): void {
    const result = new Map<string, T | null>();
    let remaining = partitions.length;
    let failed: string | null = null;
    if (remaining === 0) return callback(result, "NONE");
    for (const tp of partitions) {
      this.listOffset(tp, timestampOf(tp), (response, error) => {
        if (error !== "NONE" || !response) failed ??= error;
        else result.set(tpKeyOf(tp), response.offset < 0 ? null : map(response));
        if (--remaining === 0) callback(failed === null ? result : null, failed ?? "NONE");
      });
    }
  }

  offsetsForTimes(timestamps: ReadonlyMap<string, { tp: TopicPartition; timestamp: number }>, callback: (result: Map<string, OffsetAndTimestamp | null> | null, error: string) => void): void {
    const tps = [...timestamps.values()].map((v) => v.tp);
    this.listAll(tps, (tp) => timestamps.get(tpKeyOf(tp))!.timestamp, (r) => ({ offset: r.offset, timestamp: r.timestamp, leaderEpoch: r.leaderEpoch >= 0 ? r.leaderEpoch : null }), callback);
  }

  beginningOffsets(partitions: readonly TopicPartition[], callback: (result: Map<string, number | null> | null, error: string) => void): void {
    this.listAll(partitions, () => EARLIEST_TIMESTAMP, (r) => r.offset, callback);
  }

  endOffsets(partitions: readonly TopicPartition[], callback: (result: Map<string, number | null> | null, error: string) => void): void {
    this.listAll(partitions, () => LATEST_TIMESTAMP, (r) => r.offset, callback);
  }

  clear(): void {
    this.resetsInFlight.clear();
  }
}
