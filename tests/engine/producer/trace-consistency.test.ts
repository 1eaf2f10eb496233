import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignOffsets, batchSizeInBytes, utf8Length, type SimRecord } from "../../../engine/cluster/log/index.js";
import { ProducerBatch } from "../../../engine/producer/producer-batch.js";
import { headersSizeInBytes } from "../../../engine/producer/record-size.js";
import { eventsOf, producerOn, runningCluster } from "./support.js";

/**
 * What the producer's trace promises a widget: the append of a record names its batch, the
 * appends of a batch add up to the batch's bytes, the broker stores exactly those bytes, and a
 * batch's `attempt` counts the requests that carried it (1 from its first send on).
 */
describe("producer trace consistency", () => {
  it("an append names its batch, and a batch's appends add up to its bytes, which the leader stores", () => {
    const cluster = runningCluster();
    const producer = producerOn(cluster, { "batch.size": 1_024, "linger.ms": 5 });
    const futures = Array.from({ length: 30 }, (_, i) =>
      producer.send({ topic: "orders", key: ["alice", "bob", "émile"][i % 3], value: `order ${i} `.padEnd(40 + i, "é"), headers: i % 4 === 0 ? [["trace-id", `t${i}`]] : undefined }),
    );
    cluster.sim.runUntilDone(() => futures.every((f) => f.isDone()), 10_000);

    const appends = eventsOf(cluster, "producer.record").filter((e) => e.stage === "append");
    expect(appends).toHaveLength(30);
    const acked = new Map(eventsOf(cluster, "producer.batch").filter((e) => e.state === "acknowledged").map((e) => [e.batch, e]));
    const appendedBytes = new Map<string, number>();
    for (const e of appends) {
      expect(e.batch, e.id).toBeDefined();
      expect(e.detail).toContain(e.batch!);
      expect(acked.has(e.batch!), `${e.batch} was acknowledged`).toBe(true);
      appendedBytes.set(e.batch!, (appendedBytes.get(e.batch!) ?? 0) + e.bytes!);
    }
    for (const [batch, event] of acked) expect(appendedBytes.get(batch), batch).toBe(event.bytes);

    // Each leader's log holds exactly the bytes of the batches acknowledged for its partition.
    for (let partition = 0; partition < 3; partition++) {
      const stored = cluster.broker(partition + 1)!.replicaManager.partition("orders", partition)!.log.sizeInBytes;
      const sent = [...acked.values()].filter((e) => e.partition === partition).reduce((sum, e) => sum + e.bytes, 0);
      expect(stored, `orders-${partition}`).toBe(sent);
    }
  });

  it("attempt is 1 while a batch's first request is in flight and stays 1 when it is acknowledged", () => {
    const cluster = runningCluster();
    const producer = producerOn(cluster, { "linger.ms": 0 });
    producer.sendSync({ topic: "orders", partition: 0, value: "x" });
    const states = eventsOf(cluster, "producer.batch").map((e) => `${e.state}:${e.attempt}`);
    // linger.ms 0: the batch is drained while still open, so it skips "ready".
    expect(states).toEqual(["open:0", "in-flight:1", "acknowledged:1"]);
  });

  it("a retried batch counts each request: retry-backoff keeps the failed send's number, the next send adds one", () => {
    const cluster = runningCluster({ topicConfig: { "min.insync.replicas": 4 } });
    const producer = producerOn(cluster, { "retry.backoff.ms": 100, "linger.ms": 0 });
    const future = producer.send({ topic: "orders", partition: 0, value: "x" });
    cluster.runUntil(cluster.sim.nowMs + 350);
    cluster.alterTopicConfig("orders", { "min.insync.replicas": 2 });
    cluster.sim.runUntilDone(() => future.isDone(), 5_000);
    const events = eventsOf(cluster, "producer.batch");
    const sends = eventsOf(cluster, "produce.sent").length;
    expect(sends).toBeGreaterThan(1);
    expect(events.filter((e) => e.state === "in-flight").map((e) => e.attempt)).toEqual(Array.from({ length: sends }, (_, i) => i + 1));
    expect(events.filter((e) => e.state === "retry-backoff").map((e) => e.attempt)).toEqual(Array.from({ length: sends - 1 }, (_, i) => i + 1));
    expect(events.at(-1)).toMatchObject({ state: "acknowledged", attempt: sends });
  });

  it("retries=N allows N re-sends after the first send (Kafka's canRetry: attempts() < retries)", () => {
    for (const retries of [1, 3]) {
      const cluster = runningCluster({ topicConfig: { "min.insync.replicas": 4 } });
      const producer = producerOn(cluster, { retries, "enable.idempotence": false, "retry.backoff.ms": 10, "retry.backoff.max.ms": 10, "linger.ms": 0 });
      const future = producer.send({ topic: "orders", partition: 0, value: "x" });
      cluster.sim.runUntilDone(() => future.isDone(), 10_000);
      expect(future.exception()?.name, `retries=${retries}`).toBe("NotEnoughReplicasException");
      expect(eventsOf(cluster, "produce.sent"), `retries=${retries}`).toHaveLength(1 + retries);
    }
  });
});

describe("batch sizes", () => {
  const header = fc.tuple(fc.string({ maxLength: 8 }), fc.option(fc.string({ maxLength: 8 }), { nil: null }));
  const record = fc.record({
    key: fc.option(fc.string({ maxLength: 20, unit: "grapheme" }), { nil: null }),
    value: fc.option(fc.string({ maxLength: 300, unit: "grapheme" }), { nil: null }),
    headers: fc.option(fc.array(header, { maxLength: 3 }), { nil: undefined }),
    timestampDeltaMs: fc.integer({ min: -5_000, max: 100_000 }),
  });

  it("the size the producer counts while appending is DefaultRecordBatch's size of the same records, so the broker need not re-size them", () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 40 }), (specs) => {
        const batch = new ProducerBatch("p/t-0/0", "t", 0, 0, 1 << 30, null, () => {}, false);
        const records: SimRecord[] = specs.map((s) => ({ key: s.key, value: s.value, timestamp: 1_000_000 + s.timestampDeltaMs, ...(s.headers ? { headers: s.headers as [string, string][] } : {}) }));
        for (const r of records) {
          const length = (text: string | null) => (text === null ? -1 : utf8Length(text));
          expect(batch.tryAppend(r, length(r.key), length(r.value), headersSizeInBytes(r.headers, utf8Length), null, 0, 0, 0)).toBeGreaterThan(0);
        }
        expect(batch.estimatedSizeInBytes).toBe(batchSizeInBytes(records));
        expect(assignOffsets(records, 0, { partitionLeaderEpoch: 0, sizeInBytes: batch.estimatedSizeInBytes }).sizeInBytes).toBe(batchSizeInBytes(records));
      }),
    );
  });

  it("assignOffsets takes a given size, and refuses one smaller than a batch header", () => {
    const records: SimRecord[] = [{ key: null, value: "v", timestamp: 0 }];
    expect(assignOffsets(records, 0, { partitionLeaderEpoch: 0 }).sizeInBytes).toBe(batchSizeInBytes(records));
    expect(() => assignOffsets(records, 0, { partitionLeaderEpoch: 0, sizeInBytes: 12 })).toThrow("sizeInBytes 12 is not allowed: a v2 batch is an integer of at least 61 bytes");
  });
});
