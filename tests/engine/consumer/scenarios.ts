import type { ScenarioInput } from "../../../engine/index.js";

export type CommitMode = "auto" | "sync-after-processing" | "sync-before-processing" | "async-after-processing";
export type CrashStep = "after-poll" | "mid-batch" | "after-processing" | "before-commit" | "after-commit";

export interface ConsumerCrash {
  atMs: number;
  client: "consumer-0" | "consumer-1";
  at: CrashStep;
  /** When the crashed consumer starts again. */
  restartAfterMs: number;
}

/**
 * Two producers fill two partitions of "orders" while a group of two consumers processes them
 * (10 records per poll, 20 ms each) and commits as `commit` says; consumers crash at the given
 * steps and restart. The run is long enough for every record to be processed after the faults.
 */
export function consumerLabScenario(options: { seed: number; commit: CommitMode; crashes: ConsumerCrash[]; workers?: number; jitterMs?: number }): ScenarioInput {
  const consumerConfig = { "auto.offset.reset": "earliest", "session.timeout.ms": 6_000, "heartbeat.interval.ms": 1_000, "max.poll.records": 10 };
  const consumerWorkload = (client: string) => ({
    type: "consumer" as const,
    client,
    groupId: "billing",
    topics: ["orders"],
    commit: options.commit,
    processingMsPerRecord: 20,
    processingJitterMs: options.jitterMs ?? 0,
    workers: options.workers ?? 1,
    config: consumerConfig,
  });
  return {
    version: 1,
    seed: options.seed,
    durationMs: 60_000,
    cluster: { brokers: 3, config: { "zookeeper.session.timeout.ms": 6_000, "offsets.topic.num.partitions": 3 } },
    topics: [{ name: "orders", partitions: 2, replicationFactor: 3 }],
    workload: [
      { type: "produce", client: "producer-0", topic: "orders", partition: 0, count: 80, intervalMs: 100, acks: "all" },
      { type: "produce", client: "producer-1", topic: "orders", partition: 1, count: 80, intervalMs: 100, acks: "all" },
      consumerWorkload("consumer-0"),
      consumerWorkload("consumer-1"),
    ],
    faults: options.crashes.flatMap((c) => [
      { type: "consumer-crash" as const, atMs: c.atMs, client: c.client, at: c.at },
      { type: "consumer-restart" as const, atMs: Math.min(59_000, c.atMs + c.restartAfterMs), client: c.client },
    ]),
  };
}
