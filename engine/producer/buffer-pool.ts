import type { Simulation, Timer } from "../kernel/simulation.js";
import { ProducerException } from "./errors.js";

/** A batch's memory: `capacity` bytes, pooled when it is exactly batch.size. */
export interface PoolBuffer {
  readonly capacity: number;
}

interface Waiter {
  readonly size: number;
  accumulated: number;
  /** A pooled buffer taken from the free list while waiting (only when size is batch.size). */
  buffer: PoolBuffer | null;
  timer: Timer;
  readonly onAllocated: (buffer: PoolBuffer) => void;
  readonly onFailed: (error: ProducerException) => void;
}

/**
 * Kafka's BufferPool: buffer.memory bytes for batches. Buffers of exactly batch.size
 * (poolableSize) are kept on a free list and reused; anything else comes out of, and goes
 * back to, the non-pooled memory. When neither can cover a request, the caller waits, in FIFO
 * order with the other waiters, for up to max.block.ms, collecting memory as batches are
 * freed, and then fails with BufferExhaustedException (a TimeoutException).
 * Simplification: buffers hold no bytes; the pool only counts them.
 */
export class BufferPool {
  /** Free pooled buffers (all of poolableSize bytes). */
  private free: PoolBuffer[] = [];
  private nonPooledAvailableMemory: number;
  private readonly waiters: Waiter[] = [];
  private closed = false;

  constructor(
    readonly totalMemory: number,
    readonly poolableSize: number,
    private readonly sim: Simulation,
    /** Called after every change of the pool's figures (for the trace). */
    private readonly onChange: () => void = () => {},
  ) {
    this.nonPooledAvailableMemory = totalMemory;
  }

  /**
   * Allocates `size` bytes. Returns the buffer at once when memory is available; otherwise
   * returns null, and later calls `onAllocated` (on a fresh simulation event) or `onFailed`
   * after `maxTimeToBlockMs`. Throws (IllegalArgumentException) when size exceeds buffer.memory.
   */
  allocate(size: number, maxTimeToBlockMs: number, onAllocated: (buffer: PoolBuffer) => void, onFailed: (error: ProducerException) => void): PoolBuffer | null {
    if (size > this.totalMemory) {
      throw new ProducerException("IllegalArgumentException", `Attempt to allocate ${size} bytes, but there is a hard limit of ${this.totalMemory} on memory allocations.`);
    }
    if (this.closed) throw new ProducerException("KafkaException", "Producer closed while allocating memory");
    // Kafka serves the queue first: a new request never overtakes a waiter.
    if (this.waiters.length === 0) {
      if (size === this.poolableSize && this.free.length > 0) {
        const buffer = this.free.pop()!;
        this.onChange();
        return buffer;
      }
      if (this.nonPooledAvailableMemory + this.free.length * this.poolableSize >= size) {
        this.freeUp(size);
        this.nonPooledAvailableMemory -= size;
        this.onChange();
        return { capacity: size };
      }
    }
    const waiter: Waiter = {
      size,
      accumulated: 0,
      buffer: null,
      onAllocated,
      onFailed,
      timer: this.sim.schedule(maxTimeToBlockMs, () => this.expire(waiter, maxTimeToBlockMs)),
    };
    this.waiters.push(waiter);
    // Memory may be on hand but short of `size`: start collecting it now, as Kafka's loop does.
    this.serveWaiters();
    this.onChange();
    return null;
  }

  /** Returns a batch's memory: a batch.size buffer goes back to the free list. */
  deallocate(buffer: PoolBuffer, size: number = buffer.capacity): void {
    if (size === this.poolableSize && size === buffer.capacity) this.free.push(buffer);
    else this.nonPooledAvailableMemory += size;
    this.serveWaiters();
    this.onChange();
  }

  /** Memory not in use: non-pooled plus the free list. */
  availableMemory(): number {
    return this.nonPooledAvailableMemory + this.free.length * this.poolableSize;
  }

  /** Memory neither in use nor on the free list. */
  unallocatedMemory(): number {
    return this.nonPooledAvailableMemory;
  }

  /** Bytes held by batches (and by waiters that have collected part of what they need). */
  usedMemory(): number {
    return this.totalMemory - this.availableMemory();
  }

  /** How many allocations are waiting for memory. */
  queued(): number {
    return this.waiters.length;
  }

  /** Free pooled buffers. */
  freeSize(): number {
    return this.free.length;
  }

  /** Wakes every waiter with "Producer closed while allocating memory". */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) {
      waiter.timer.cancel();
      this.giveBack(waiter);
      waiter.onFailed(new ProducerException("KafkaException", "Producer closed while allocating memory"));
    }
    this.onChange();
  }

  /** Moves pooled buffers to non-pooled memory until `size` bytes are there (or the list is empty). */
  private freeUp(size: number): void {
    while (this.free.length > 0 && this.nonPooledAvailableMemory < size) {
      this.nonPooledAvailableMemory += this.free.shift()!.capacity;
    }
  }

  /** Kafka's waiter loop, head of the queue first: each collects what it can, in order. */
  private serveWaiters(): void {
    while (this.waiters.length > 0) {
      if (this.nonPooledAvailableMemory === 0 && this.free.length === 0) return;
      const waiter = this.waiters[0];
      if (waiter.accumulated === 0 && waiter.size === this.poolableSize && this.free.length > 0) {
        waiter.buffer = this.free.pop()!;
        waiter.accumulated = waiter.size;
      } else {
        this.freeUp(waiter.size - waiter.accumulated);
        const got = Math.min(waiter.size - waiter.accumulated, this.nonPooledAvailableMemory);
        this.nonPooledAvailableMemory -= got;
        waiter.accumulated += got;
      }
      if (waiter.accumulated < waiter.size) return;
      this.waiters.shift();
      waiter.timer.cancel();
      const buffer = waiter.buffer ?? { capacity: waiter.size };
      // The blocked send resumes on its own event, as a woken thread would, not inside whoever freed the memory.
      this.sim.schedule(0, () => waiter.onAllocated(buffer));
    }
  }

  private giveBack(waiter: Waiter): void {
    if (waiter.buffer) this.free.push(waiter.buffer);
    else this.nonPooledAvailableMemory += waiter.accumulated;
    waiter.accumulated = 0;
    waiter.buffer = null;
  }

  private expire(waiter: Waiter, maxTimeToBlockMs: number): void {
    const index = this.waiters.indexOf(waiter);
    if (index < 0) return;
    const message =
      `Failed to allocate ${waiter.size} bytes within the configured max blocking time ${maxTimeToBlockMs} ms. ` +
      `Total memory: ${this.totalMemory} bytes. Available memory: ${this.availableMemory()} bytes. Poolable size: ${this.poolableSize} bytes`;
    this.waiters.splice(index, 1);
    this.giveBack(waiter);
    this.serveWaiters();
    this.onChange();
    waiter.onFailed(new ProducerException("BufferExhaustedException", message, "TimeoutException"));
  }
}
