import { describe, expect, it } from "vitest";
import { ConfigValidationError } from "../../../engine/config/index.js";
import type { ProducerException } from "../../../engine/producer/errors.js";
import { CountingInterceptor, filterKeyInterceptor, upperCaseValueInterceptor } from "../../../engine/producer/interceptors.js";
import { KafkaProducer } from "../../../engine/producer/kafka-producer.js";
import { IntegerSerializer } from "../../../engine/producer/serializers.js";
import { eventsOf, producerOn, runningCluster } from "./support.js";

function failure(fn: () => unknown): ProducerException {
  try {
    fn();
  } catch (error) {
    return error as ProducerException;
  }
  throw new Error("expected a failure");
}

describe("KafkaProducer.send", () => {
  it("sendSync returns where the record landed, after the broker's answer in simulated time", () => {
    const cluster = runningCluster();
    const producer = producerOn(cluster);
    const before = cluster.sim.nowMs;
    const metadata = producer.sendSync({ topic: "orders", partition: 1, key: "k", value: "hello" });
    expect(metadata).toMatchObject({ topic: "orders", partition: 1, offset: 0 });
    expect(cluster.sim.nowMs).toBeGreaterThan(before);
    expect(producer.sendSync({ topic: "orders", partition: 1, value: "again" }).offset).toBe(1);
    expect(producer.transactionManager?.hasProducerId()).toBe(true);
  });

  it("waitOnMetadata: an unknown topic fails the send after max.block.ms with Kafka's TimeoutException", () => {
    const cluster = runningCluster();
    const producer = producerOn(cluster, { "max.block.ms": 500 });
    const start = cluster.sim.nowMs;
    const future = producer.send({ topic: "nope", value: "x" });
    expect(producer.isBlocked()).toBe(true);
    cluster.sim.runUntilDone(() => future.isDone(), 10_000);
    expect(cluster.sim.nowMs - start).toBe(500);
    const error = failure(() => future.get());
    expect(error.name).toBe("TimeoutException");
    expect(error.message).toBe("Topic nope not present in metadata after 500 ms.");
    expect(eventsOf(cluster, "produce.failed").map((e) => e.error)).toEqual(["TimeoutException"]);
  });

  it("a serializer error fails only that send, with SerializationException naming the record and the reason", () => {
    const cluster = runningCluster();
    const producer = producerOn(cluster, {}, { valueSerializer: IntegerSerializer });
    const futures = ["1", "two", "3"].map((value) => producer.send({ topic: "orders", partition: 0, value }));
    cluster.sim.runUntilDone(() => futures.every((f) => f.isDone()), 10_000);
    expect(futures[0].get().offset).toBe(0);
    expect(futures[2].get().offset).toBe(1);
    const error = failure(() => futures[1].get());
    expect(error.name).toBe("SerializationException");
    expect(error.message).toContain("producer-0#1");
    expect(error.message).toContain("IntegerSerializer");
    expect(error.message).toContain('"two" is not a 32-bit integer');
  });

  it("interceptors see every record: filter drops one, modify changes the stored value, count counts sends and acks", () => {
    const cluster = runningCluster();
    const counter = new CountingInterceptor();
    const producer = producerOn(cluster, {}, { interceptors: [counter, filterKeyInterceptor("b"), upperCaseValueInterceptor] });
    const futures = ["a", "b", "c"].map((key) => producer.send({ topic: "orders", partition: 2, key, value: `value-${key}` }));
    cluster.sim.runUntilDone(() => futures.every((f) => f.isDone()), 10_000);
    expect(futures[1].get()).toMatchObject({ partition: -1, offset: -1 });
    expect([futures[0].get().offset, futures[2].get().offset]).toEqual([0, 1]);
    const leaderLog = cluster.broker(3)!.replicaManager.partition("orders", 2)!.log;
    const values = leaderLog.read(0, 1 << 20).batches.flatMap((b) => b.records.map((r) => r.value));
    expect(values).toEqual(["VALUE-A", "VALUE-C"]);
    expect(counter.sent).toBe(3);
    expect(counter.acked).toBe(3);
    expect(counter.failed).toBe(0);
  });

  it("callbacks of one partition run in send order, interleaved partitions included", () => {
    const cluster = runningCluster();
    const producer = producerOn(cluster, { "linger.ms": 0, "batch.size": 200 });
    const order: string[] = [];
    for (let i = 0; i < 30; i++) {
      producer.send({ topic: "orders", partition: i % 2, value: `v${i}`.padEnd(60, ".") }, (metadata, error) => {
        expect(error).toBeNull();
        order.push(`${metadata!.partition}:${i}`);
      });
    }
    cluster.sim.runUntilDone(() => order.length === 30, 10_000);
    for (const p of [0, 1]) {
      const seq = order.filter((o) => o.startsWith(`${p}:`)).map((o) => Number(o.split(":")[1]));
      expect(seq).toEqual([...seq].sort((a, b) => a - b));
      expect(seq).toHaveLength(15);
    }
  });

  it("flush() sends at once what linger.ms would hold back, and completes when every earlier record has", () => {
    const cluster = runningCluster();
    const producer = producerOn(cluster, { "linger.ms": 60_000 });
    producer.sendSync({ topic: "orders", partition: 0, value: "warm-up" });
    const futures = [0, 1, 2].map((p) => producer.send({ topic: "orders", partition: p, value: "x" }));
    const start = cluster.sim.nowMs;
    cluster.sim.runUntil(start + 1_000);
    expect(futures.some((f) => f.isDone())).toBe(false);
    const flushed = producer.flush();
    cluster.sim.runUntilDone(() => flushed.isDone(), 10_000);
    expect(futures.every((f) => f.isDone())).toBe(true);
    expect(cluster.sim.nowMs - start).toBeLessThan(1_100);
  });

  it("close() sends what is buffered, then refuses new sends; close with timeout 0 fails what is left", () => {
    const cluster = runningCluster();
    const producer = producerOn(cluster, { "linger.ms": 60_000 });
    producer.sendSync({ topic: "orders", partition: 0, value: "warm-up" });
    const pending = producer.send({ topic: "orders", partition: 1, value: "x" });
    const closed = producer.close();
    cluster.sim.runUntilDone(() => closed.isDone(), 10_000);
    expect(pending.get().offset).toBe(0);
    expect(failure(() => producer.send({ topic: "orders", value: "late" })).message).toBe("Cannot perform operation after producer has been closed");

    const other = producerOn(cluster, { "linger.ms": 60_000 }, {}, "producer-1");
    const stuck = other.send({ topic: "orders", partition: 2, value: "x" });
    cluster.sim.runUntil(cluster.sim.nowMs + 100);
    other.close({ timeoutMs: 0 });
    expect(failure(() => stuck.get()).message).toBe("Producer is closed forcefully.");
  });

  it("refuses a conflicting config with Kafka's ConfigException wording", () => {
    const cluster = runningCluster();
    const error = failure(() => new KafkaProducer(cluster, "p", { "enable.idempotence": true, acks: "1" })) as unknown as ConfigValidationError;
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error.message).toContain("Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.");
    expect(() => new KafkaProducer(cluster, "p2", { "delivery.timeout.ms": 1_000, "request.timeout.ms": 30_000 })).toThrow(
      "delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms",
    );
    // Not set explicitly, idempotence quietly turns off for acks=1 (Kafka 3.0+).
    expect(new KafkaProducer(cluster, "p3", { acks: "1" }).transactionManager).toBeNull();
  });

  it("a record over max.request.size fails with RecordTooLargeException and Kafka's message", () => {
    const cluster = runningCluster();
    const producer = producerOn(cluster, { "max.request.size": 1_000 });
    const future = producer.send({ topic: "orders", value: "x".repeat(2_000) });
    cluster.sim.runUntilDone(() => future.isDone(), 10_000);
    const error = failure(() => future.get());
    expect(error.name).toBe("RecordTooLargeException");
    expect(error.message).toBe("The message is 2086 bytes when serialized which is larger than 1000, which is the value of the max.request.size configuration.");
  });

  it("blocks on a full buffer.memory, queues later sends behind it, and fails after max.block.ms", () => {
    const cluster = runningCluster();
    const producer = producerOn(cluster, { "buffer.memory": 2_048, "batch.size": 1_024, "max.block.ms": 300, "linger.ms": 0 });
    producer.sendSync({ topic: "orders", partition: 0, value: "warm-up" });
    cluster.isolate("producer-0");
    const a = producer.send({ topic: "orders", partition: 0, value: "a" });
    const b = producer.send({ topic: "orders", partition: 1, value: "b" });
    const c = producer.send({ topic: "orders", partition: 2, value: "c" });
    expect(producer.isBlocked()).toBe(true);
    const d = producer.send({ topic: "orders", partition: 2, value: "d" });
    const start = cluster.sim.nowMs;
    cluster.sim.runUntilDone(() => c.isDone(), 1_000);
    expect(cluster.sim.nowMs - start).toBe(300);
    expect(failure(() => c.get()).message).toMatch(/^Failed to allocate 1024 bytes within the configured max blocking time 300 ms\./);
    expect([a.isDone(), b.isDone()]).toEqual([false, false]);
    // d ran once c gave up, and blocked in its turn.
    expect(d.isDone()).toBe(false);
    expect(producer.isBlocked()).toBe(true);
    const buffer = eventsOf(cluster, "producer.buffer").at(-1)!;
    expect(buffer).toMatchObject({ usedBytes: 2_048, availableBytes: 0, totalBytes: 2_048, waiting: 1 });
  });

  it("records each stage of send in the trace at level full, named after Kafka's methods", () => {
    const cluster = runningCluster();
    const producer = producerOn(cluster);
    producer.sendSync({ topic: "orders", key: "alice", value: "x" });
    producer.sendSync({ topic: "orders", key: "alice", value: "y" });
    const stages = eventsOf(cluster, "producer.record").map((e) => `${e.id}:${e.stage}`);
    // The first send waits for the topic's metadata; the second finds it cached.
    expect(stages).toEqual([
      "producer-0#0:send",
      "producer-0#0:wait-metadata",
      "producer-0#0:serialize",
      "producer-0#0:partition",
      "producer-0#0:append",
      "producer-0#1:send",
      "producer-0#1:serialize",
      "producer-0#1:partition",
      "producer-0#1:append",
    ]);
    const acked = eventsOf(cluster, "produce.acked")[0];
    expect(acked.ids).toEqual(["producer-0#0"]);
    expect(acked.latencyMs![0]).toBeGreaterThan(0);
  });
});
