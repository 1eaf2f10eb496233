import { describe, expect, it } from "vitest";
import { Simulation } from "../../../engine/kernel/simulation.js";
import { BufferPool, type PoolBuffer } from "../../../engine/producer/buffer-pool.js";
import type { ProducerException } from "../../../engine/producer/errors.js";

/** Cases ported from Kafka's BufferPoolTest, in simulated time. */
function pool(totalMemory: number, poolableSize: number) {
  const sim = new Simulation();
  return { sim, pool: new BufferPool(totalMemory, poolableSize, sim) };
}

function waiting(p: BufferPool, size: number, maxBlockMs: number) {
  const outcome: { buffer?: PoolBuffer; error?: ProducerException } = {};
  const got = p.allocate(size, maxBlockMs, (buffer) => (outcome.buffer = buffer), (error) => (outcome.error = error));
  expect(got).toBeNull();
  return outcome;
}

describe("BufferPool (buffer.memory)", () => {
  it("testSimple: pooled buffers return to the free list, other sizes to non-pooled memory", () => {
    const { pool: p } = pool(2 * 1024, 1024);
    const b1 = p.allocate(1024, 1000, () => {}, () => {})!;
    expect(b1.capacity).toBe(1024);
    expect(p.availableMemory()).toBe(1024);
    expect(p.unallocatedMemory()).toBe(1024);
    p.deallocate(b1);
    expect(p.availableMemory()).toBe(2048);
    expect(p.freeSize()).toBe(1);
    expect(p.unallocatedMemory()).toBe(1024);
    // A non-pooled size takes the free buffer apart (freeUp) when it needs its memory.
    const b2 = p.allocate(1500, 1000, () => {}, () => {})!;
    expect(b2.capacity).toBe(1500);
    expect(p.freeSize()).toBe(0);
    expect(p.availableMemory()).toBe(548);
    p.deallocate(b2);
    expect(p.availableMemory()).toBe(2048);
    expect(p.freeSize()).toBe(0);
    expect(p.usedMemory()).toBe(0);
  });

  it("testCantAllocateMoreMemoryThanWeHave: a request above buffer.memory is refused outright", () => {
    const { pool: p } = pool(1024, 512);
    expect(() => p.allocate(1025, 1000, () => {}, () => {})).toThrow("Attempt to allocate 1025 bytes, but there is a hard limit of 1024 on memory allocations.");
  });

  it("testDelayedAllocation: a full pool makes the allocation wait until memory is freed", () => {
    const { sim, pool: p } = pool(1024, 1024);
    const all = p.allocate(1024, 1000, () => {}, () => {})!;
    const outcome = waiting(p, 512, 10_000);
    expect(p.queued()).toBe(1);
    sim.runUntil(50);
    expect(outcome.buffer).toBeUndefined();
    p.deallocate(all);
    sim.runUntil(50);
    expect(outcome.buffer?.capacity).toBe(512);
    expect(p.queued()).toBe(0);
    expect(p.availableMemory()).toBe(512);
  });

  it("testBlockTimeout: a waiter gives up after max.block.ms with Kafka's message and returns what it had collected", () => {
    const { sim, pool: p } = pool(10, 1);
    p.allocate(1, 0, () => {}, () => {});
    const b2 = p.allocate(1, 0, () => {}, () => {})!;
    p.allocate(1, 0, () => {}, () => {});
    const outcome = waiting(p, 10, 10);
    // Freeing one byte lets the waiter collect part of what it needs.
    p.deallocate(b2);
    expect(p.availableMemory()).toBe(0);
    sim.runUntil(9);
    expect(outcome.error).toBeUndefined();
    sim.runUntil(10);
    expect(outcome.error?.name).toBe("BufferExhaustedException");
    expect(outcome.error?.errorName).toBe("TimeoutException");
    expect(outcome.error?.message).toMatch(/^Failed to allocate 10 bytes within the configured max blocking time 10 ms\. Total memory: 10 bytes\. /);
    expect(p.availableMemory()).toBe(8);
    expect(p.queued()).toBe(0);
  });

  it("serves waiters in FIFO order: a later small request does not overtake an earlier large one", () => {
    const { sim, pool: p } = pool(1000, 100);
    const a = p.allocate(600, 1000, () => {}, () => {})!;
    const b = p.allocate(400, 1000, () => {}, () => {})!;
    const big = waiting(p, 700, 10_000);
    const small = waiting(p, 100, 10_000);
    p.deallocate(b);
    sim.runUntil(1);
    expect(big.buffer).toBeUndefined();
    expect(small.buffer).toBeUndefined();
    p.deallocate(a);
    sim.runUntil(2);
    expect(big.buffer?.capacity).toBe(700);
    expect(small.buffer?.capacity).toBe(100);
  });

  it("testCloseAllocations: close() wakes every waiter with 'Producer closed while allocating memory'", () => {
    const { pool: p } = pool(1024, 1024);
    p.allocate(1024, 1000, () => {}, () => {});
    const outcome = waiting(p, 1024, 10_000);
    p.close();
    expect(outcome.error?.message).toBe("Producer closed while allocating memory");
    expect(() => p.allocate(1, 1000, () => {}, () => {})).toThrow("Producer closed while allocating memory");
  });

  it("testCleanupMemoryAvailabilityWaiterOnBlockTimeout: an expired waiter leaves no waiter behind", () => {
    const { sim, pool: p } = pool(2, 1);
    p.allocate(1, 0, () => {}, () => {});
    p.allocate(1, 0, () => {}, () => {});
    waiting(p, 1, 10);
    sim.runUntil(10);
    expect(p.queued()).toBe(0);
  });
});
