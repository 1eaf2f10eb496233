import { describe, expect, it } from "vitest";
import { insertInSequenceOrder } from "../../../engine/producer/record-accumulator.js";
import type { ProducerBatch } from "../../../engine/producer/producer-batch.js";
import { TransactionManager } from "../../../engine/producer/transaction-manager.js";
import { accumulatorHarness, ids } from "./support.js";

/** Cases after Kafka's RecordAccumulatorTest. */
describe("RecordAccumulator", () => {
  it("testFull: a partition is ready once its first batch is full, not before", () => {
    const h = accumulatorHarness({ batchSize: 1024, lingerMs: 10 });
    let appends = 0;
    const queued = () => h.accumulator.getDeque("t", 0)?.length ?? 0;
    while (queued() <= 1) {
      const { result } = h.append(0, 100);
      appends++;
      if (queued() === 1) {
        expect(h.accumulator.ready(h.metadata, 0).readyNodes).toEqual([]);
        expect(result!.batchIsFull).toBe(false);
      }
    }
    // A 100-byte value makes a 109-byte record (zig-zag length varints included); after the
    // 61-byte batch header, 8 fit in 1024 bytes and the 9th opens a second batch.
    expect(appends).toBe(9);
    const [first, second] = h.accumulator.getDeque("t", 0)!;
    expect(first.recordCount).toBe(8);
    expect(first.estimatedSizeInBytes).toBe(61 + 8 * 109);
    expect(first.state).toBe("ready");
    expect(second.state).toBe("open");
    expect(h.accumulator.ready(h.metadata, 0).readyNodes).toEqual([1]);
  });

  it("testLinger: a lone record waits linger.ms, and ready() says how long is left", () => {
    const h = accumulatorHarness({ lingerMs: 10 });
    h.append(1, 10);
    const early = h.accumulator.ready(h.metadata, 0);
    expect(early.readyNodes).toEqual([]);
    expect(early.nextReadyCheckDelayMs).toBe(10);
    h.sim.runUntil(4);
    expect(h.accumulator.ready(h.metadata, h.sim.nowMs).nextReadyCheckDelayMs).toBe(6);
    h.sim.runUntil(10);
    expect(h.accumulator.ready(h.metadata, h.sim.nowMs).readyNodes).toEqual([2]);
    const drained = h.accumulator.drain(h.metadata, [2], 1024 * 1024, h.sim.nowMs).get(2)!;
    expect(drained.map((b) => b.recordCount)).toEqual([1]);
    expect(h.transitions).toEqual([`${drained[0].id}:open`, `${drained[0].id}:in-flight`]);
  });

  it("testAppendLarge: a record bigger than batch.size gets a batch of its own, outside the pooled buffers", () => {
    const h = accumulatorHarness({ batchSize: 1024, bufferMemory: 8 * 1024 });
    h.append(0, 100);
    const { result } = h.append(0, 2000);
    expect(result!.newBatchCreated).toBe(true);
    const big = result!.batch;
    expect(big.writeLimit).toBeGreaterThan(2000);
    expect(big.recordCount).toBe(1);
    expect(h.accumulator.getDeque("t", 0)!.length).toBe(2);
    expect(h.pool.availableMemory()).toBe(8 * 1024 - 1024 - big.writeLimit);
    h.accumulator.deallocate(big);
    // Its memory goes back as non-pooled memory, not onto the free list.
    expect(h.pool.freeSize()).toBe(0);
    expect(h.pool.availableMemory()).toBe(7 * 1024);
  });

  it("testDrain: one request per node holds at most one batch per partition, up to max.request.size", () => {
    const h = accumulatorHarness({ batchSize: 1024 }, null, [1, 1, 2]);
    for (const p of [0, 1, 2]) for (let i = 0; i < 12; i++) h.append(p, 100);
    const ready = h.accumulator.ready(h.metadata, 0);
    expect(ready.readyNodes.sort()).toEqual([1, 2]);
    const drained = h.accumulator.drain(h.metadata, [1, 2], 1024 * 1024, 0);
    expect(drained.get(1)!.map((b) => b.partition)).toEqual([0, 1]);
    expect(drained.get(2)!.map((b) => b.partition)).toEqual([2]);
    // Each node remembers where its last drain stopped (p1), so no partition starves; a small
    // max.request.size takes one batch, and the next drain starts at the partition it stopped at.
    expect(h.accumulator.drain(h.metadata, [1], 100, 0).get(1)!.map((b) => b.partition)).toEqual([1]);
    expect(h.accumulator.drain(h.metadata, [1], 100, 0).get(1)!.map((b) => b.partition)).toEqual([0]);
  });

  it("testRetryBackoff: a re-enqueued batch goes back to the front of its deque and is not ready until its backoff ends", () => {
    const h = accumulatorHarness({ lingerMs: 0 });
    h.append(0, 10);
    const [batch] = h.accumulator.drain(h.metadata, [1], 1 << 20, 0).get(1)!;
    batch.sent(0);
    h.append(0, 10);
    h.sim.runUntil(5);
    h.accumulator.reenqueue(batch, 5, 100, "NOT_ENOUGH_REPLICAS");
    const dq = h.accumulator.getDeque("t", 0)!;
    expect(dq[0]).toBe(batch);
    expect(batch.state).toBe("retry-backoff");
    expect(dq.length).toBe(2);
    // The retried batch heads the deque, so the newer batch waits behind its backoff.
    const during = h.accumulator.ready(h.metadata, 50);
    expect(during.readyNodes).toEqual([]);
    expect(during.nextReadyCheckDelayMs).toBe(55);
    expect(h.accumulator.ready(h.metadata, 105).readyNodes).toEqual([1]);
    const again = h.accumulator.drain(h.metadata, [1], 1 << 20, 105).get(1)!;
    expect(again).toEqual([batch]);
  });

  it("insertInSequenceOrder: with idempotence a retried batch goes back where its sequence belongs", () => {
    const h = accumulatorHarness({ lingerMs: 0 });
    const make = (seq: number | null) => {
      // 1000-byte records fill a 1024-byte batch each, so every append opens a new batch.
      const { result } = h.append(2, 1000);
      const b = result!.batch;
      if (seq !== null) b.setProducerState(7, 0, seq);
      return b;
    };
    const b0 = make(0);
    const b2 = make(2);
    const fresh = make(null);
    const dq: ProducerBatch[] = [b0, b2, fresh];
    const b1 = make(1);
    insertInSequenceOrder(dq, b1);
    expect(dq).toEqual([b0, b1, b2, fresh]);
    expect(() => insertInSequenceOrder(dq, make(null))).toThrow(/has no sequence/);
  });

  it("testExpiredBatches: batches past delivery.timeout.ms leave the deques, oldest first", () => {
    const h = accumulatorHarness({ deliveryTimeoutMs: 1_000, lingerMs: 5_000 });
    h.append(0, 10);
    h.sim.runUntil(400);
    h.append(1, 10);
    expect(h.accumulator.expiredBatches(999)).toEqual([]);
    expect(h.accumulator.nextExpiryTimeMs()).toBe(1_000);
    const expired = h.accumulator.expiredBatches(1_000);
    expect(expired.map((b) => b.partition)).toEqual([0]);
    expect(h.accumulator.getDeque("t", 0)!.length).toBe(0);
    expect(h.accumulator.expiredBatches(1_400).map((b) => b.partition)).toEqual([1]);
  });

  it("a full buffer.memory makes every partition ready (threads are waiting), and the blocked append resumes when memory returns", () => {
    const h = accumulatorHarness({ batchSize: 1024, bufferMemory: 2048, lingerMs: 1_000 });
    h.append(0, 10);
    h.append(1, 10);
    const blocked = h.append(2, 10, 500);
    expect(blocked.result).toBeNull();
    expect(h.pool.queued()).toBe(1);
    expect(h.accumulator.ready(h.metadata, 0).readyNodes.sort()).toEqual([1, 2]);
    const [batch] = h.accumulator.drain(h.metadata, [1], 1 << 20, 0).get(1)!;
    h.accumulator.deallocate(batch);
    h.sim.runUntil(0);
    expect(blocked.unblocked).toHaveLength(1);
    expect((blocked.unblocked[0] as { partition: number }).partition).toBe(2);
  });

  it("shouldStopDrainBatchesForPartition: with idempotence nothing drains before a producer id, then sequences are assigned at drain", () => {
    const tm = new TransactionManager();
    const h = accumulatorHarness({ lingerMs: 0 }, tm);
    h.append(0, 10);
    expect(h.accumulator.drain(h.metadata, [1], 1 << 20, 0).get(1)).toEqual([]);
    tm.setProducerIdAndEpoch({ producerId: 42, epoch: 0 });
    const [first] = h.accumulator.drain(h.metadata, [1], 1 << 20, 0).get(1)!;
    expect([first.producerId, first.producerEpoch, first.baseSequence]).toEqual([42, 0, 0]);
    h.append(0, 10);
    h.append(0, 10);
    h.sim.runUntil(1);
    // The second batch continues the sequence after the first one's record.
    const [second] = h.accumulator.drain(h.metadata, [1], 1 << 20, 1).get(1)!;
    expect(second.baseSequence).toBe(1);
    expect(ids([first, second])).toHaveLength(2);
  });
});
