import type { ScenarioInput } from "../../engine/index";

/**
 * The walkthrough's run: three records with one key, sent at once by one producer, small
 * enough to follow line by line, and shaped so that every step of the outline happens:
 * - batch.size 1024 with 600-byte values: each batch holds one record, so the second record
 *   finds the first batch full (tryAppend returns null) and the batch is ready at once;
 * - buffer.memory 2048: two batches use it up, so the third send() waits in BufferPool.allocate;
 * - one interceptor, so ProducerInterceptors.onSend has work to do;
 * - acks=all, so the leader parks the request until the high watermark passes it;
 * - a short cut between the producer and the leader (broker 1) just as the first requests go
 *   out, with request.timeout.ms at 60 ms: both requests time out and their batches are retried
 *   (canRetry, reenqueueBatch), in sequence order.
 * The producer starts at 200 ms, once the cluster has elected its controller and leaders.
 */
export const WALK_CLIENT = "producer-0";
export const WALK_TOPIC = "orders";
export const WALK_KEY = "alice";

export function walkthroughScenario(): ScenarioInput {
  return {
    version: 1,
    name: "source-walkthrough",
    description: "Three records through KafkaProducer.send(), the accumulator and the sender, with one retry.",
    seed: 5,
    durationMs: 1_000,
    cluster: { brokers: 3, network: { latencyMsMin: 2, latencyMsMax: 2, dropRatio: 0 } },
    topics: [{ name: WALK_TOPIC, partitions: 1, replicationFactor: 3, assignment: [[1, 2, 3]], config: { "min.insync.replicas": 2 } }],
    workload: [
      {
        type: "producer",
        client: WALK_CLIENT,
        topic: WALK_TOPIC,
        startMs: 200,
        count: 3,
        intervalMs: 0,
        keys: [WALK_KEY],
        valueBytes: 600,
        mode: "async",
        interceptors: ["count"],
        config: { "batch.size": 1024, "buffer.memory": 2048, "linger.ms": 5, acks: "all", "request.timeout.ms": 60, "delivery.timeout.ms": 1000 },
      },
    ],
    faults: [
      { type: "cut", atMs: 205, a: [WALK_CLIENT], b: [1] },
      { type: "heal", atMs: 240 },
    ],
  };
}
