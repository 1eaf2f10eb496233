import { describe, expect, it } from "vitest";
import { checkDelivery } from "../../../engine/checker/delivery.js";
import { runScenario } from "../../../engine/index.js";
import type { ProducerBatch } from "../../../engine/producer/producer-batch.js";
import { InFlightRequests } from "../../../engine/producer/in-flight-requests.js";
import { eventsOf, producerOn, runningCluster } from "./support.js";

describe("InFlightRequests", () => {
  it("allows max.in.flight.requests.per.connection per broker and frees a slot per answer", () => {
    const inFlight = new InFlightRequests(2);
    const req = (id: number, node: number) => ({ id, node, batches: [] as ProducerBatch[], sentMs: 0 });
    const a = req(0, 1);
    inFlight.add(a);
    inFlight.add(req(1, 1));
    inFlight.add(req(2, 2));
    expect(inFlight.canSendMore(1)).toBe(false);
    expect(inFlight.canSendMore(2)).toBe(true);
    expect(inFlight.complete(a)).toBe(true);
    expect(inFlight.complete(a)).toBe(false);
    expect(inFlight.canSendMore(1)).toBe(true);
    expect(inFlight.count()).toBe(2);
  });
});

describe("Sender", () => {
  it("never has more than max.in.flight.requests.per.connection requests unanswered per broker", () => {
    const cluster = runningCluster();
    const producer = producerOn(cluster, { "max.in.flight.requests.per.connection": 2, "linger.ms": 0, "batch.size": 100 });
    producer.sendSync({ topic: "orders", partition: 0, value: "warm-up" });
    cluster.slow(1, 200);
    const futures = Array.from({ length: 12 }, (_, i) => producer.send({ topic: "orders", partition: 0, value: `record-${i}`.padEnd(80, ".") }));
    cluster.sim.runUntilDone(() => futures.every((f) => f.isDone()), 60_000);
    const sent = eventsOf(cluster, "producer.request").filter((e) => e.phase === "sent" && e.to === 1);
    expect(Math.max(...sent.map((e) => e.inFlight))).toBe(2);
    expect(futures.map((f) => f.get().offset)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it("retries a retriable error with exponential backoff (retry.backoff.ms doubling, capped at retry.backoff.max.ms)", () => {
    const cluster = runningCluster({ topicConfig: { "min.insync.replicas": 4 } });
    const producer = producerOn(cluster, { "retry.backoff.ms": 100, "retry.backoff.max.ms": 1_000, "linger.ms": 0 });
    const future = producer.send({ topic: "orders", partition: 0, value: "x" });
    cluster.runUntil(cluster.sim.nowMs + 5_000);
    const retries = eventsOf(cluster, "producer.batch").filter((e) => e.state === "retry-backoff");
    expect(retries[0].reason).toMatch(/^NOT_ENOUGH_REPLICAS: /);
    const sends = eventsOf(cluster, "produce.sent").map((e) => e.t);
    const gaps = sends.slice(1).map((t, i) => t - sends[i]);
    // Each gap is a round trip plus the backoff: ~100, ~200, ~400, ~800, then 1000 at most (20% jitter).
    expect(gaps[0]).toBeGreaterThanOrEqual(80);
    expect(gaps[0]).toBeLessThan(140);
    expect(gaps[2]).toBeGreaterThan(gaps[0] * 2);
    expect(Math.max(...gaps)).toBeLessThan(1_000 + 20);
    expect(future.isDone()).toBe(false);
    cluster.alterTopicConfig("orders", { "min.insync.replicas": 2 });
    cluster.sim.runUntilDone(() => future.isDone(), 5_000);
    expect(future.get().offset).toBe(0);
  });

  it("a request that times out (its answer too slow) is retried; the idempotent producer's retry is not stored twice", () => {
    const run = (idempotence: boolean) => {
      const cluster = runningCluster();
      const producer = producerOn(cluster, { "request.timeout.ms": 1_000, "enable.idempotence": idempotence, "linger.ms": 0 });
      producer.sendSync({ topic: "orders", partition: 0, value: "warm-up" });
      // 600 ms each way: the broker writes the record, but its answer comes after request.timeout.ms.
      cluster.slow("producer-0", 600);
      const future = producer.send({ topic: "orders", partition: 0, value: "x" });
      cluster.runUntil(cluster.sim.nowMs + 1_050);
      cluster.slow("producer-0", 0);
      cluster.sim.runUntilDone(() => future.isDone(), 10_000);
      return { cluster, future };
    };
    const plain = run(false);
    expect(eventsOf(plain.cluster, "producer.request").some((e) => e.phase === "timed-out" && e.error === "REQUEST_TIMED_OUT")).toBe(true);
    expect(plain.future.get().offset).toBe(2);
    expect(checkDelivery(plain.cluster.trace.events).duplicated.map((d) => d.id)).toEqual(["producer-0#1"]);

    const idempotent = run(true);
    expect(idempotent.future.get().offset).toBe(1);
    expect(checkDelivery(idempotent.cluster.trace.events).duplicated).toEqual([]);
    expect(eventsOf(idempotent.cluster, "produce.duplicate")).toHaveLength(1);
  });

  it("fails batches that outlive delivery.timeout.ms with Kafka's expiry message", () => {
    const cluster = runningCluster();
    const producer = producerOn(cluster, { "delivery.timeout.ms": 3_000, "request.timeout.ms": 1_000, "linger.ms": 0 });
    producer.sendSync({ topic: "orders", partition: 0, value: "warm-up" });
    cluster.isolate("producer-0");
    const start = cluster.sim.nowMs;
    const future = producer.send({ topic: "orders", partition: 0, value: "x" });
    cluster.sim.runUntilDone(() => future.isDone(), 10_000);
    expect(cluster.sim.nowMs - start).toBe(3_000);
    expect(future.exception()?.name).toBe("TimeoutException");
    expect(future.exception()?.message).toBe("Expiring 1 record(s) for orders-0:3000 ms has passed since batch creation");
    expect(eventsOf(cluster, "producer.batch").at(-1)).toMatchObject({ state: "expired" });
  });

  it("without idempotence, retries with several requests in flight reorder records; with it, nothing is reordered or duplicated", () => {
    const scenario = (idempotence: boolean) => ({
      version: 1 as const,
      seed: 5,
      durationMs: 30_000,
      cluster: { brokers: 3, config: { "min.insync.replicas": 2 }, network: { latencyMsMin: 2, latencyMsMax: 5, dropRatio: 0 } },
      topics: [{ name: "orders", partitions: 1, replicationFactor: 3, assignment: [[1, 2, 3]] }],
      // A blip between the producer and the leader loses the requests on the wire; those sent after it get through.
      faults: [
        { type: "cut" as const, atMs: 1_300, a: ["producer-0"], b: [1] },
        { type: "heal" as const, atMs: 1_310 },
      ],
      workload: [
        {
          type: "producer" as const,
          topic: "orders",
          startMs: 500,
          count: 600,
          intervalMs: 2,
          config: { "enable.idempotence": idempotence, "max.in.flight.requests.per.connection": 5, "linger.ms": 0, "request.timeout.ms": 300, "retry.backoff.ms": 10 },
        },
      ],
    });
    const plain = runScenario(scenario(false));
    expect(plain.verdict.reordered.length).toBeGreaterThan(0);
    const safe = runScenario(scenario(true));
    expect(safe.stats.recordsAcked).toBe(600);
    expect(safe.verdict.reordered).toEqual([]);
    expect(safe.verdict.duplicated).toEqual([]);
  });
});
