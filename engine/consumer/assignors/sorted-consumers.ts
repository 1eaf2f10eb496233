import { compareStrings } from "./topic-partition.js";

/**
 * Kafka's `TreeSet<String>` ordered by SubscriptionComparator: members by how many partitions they
 * hold, then by member id. Kafka always removes a member before changing its partition count and
 * adds it back after; each entry remembers the count it was sorted by, so the set stays ordered
 * even if a caller forgets.
 */
export class SortedConsumers {
  private readonly entries: { consumer: string; size: number }[] = [];
  private readonly sizeWhenAdded = new Map<string, number>();

  constructor(private readonly currentSize: (consumer: string) => number) {}

  add(consumer: string): void {
    if (this.sizeWhenAdded.has(consumer)) return;
    const entry = { consumer, size: this.currentSize(consumer) };
    this.entries.splice(this.search(entry), 0, entry);
    this.sizeWhenAdded.set(consumer, entry.size);
  }

  remove(consumer: string): void {
    const size = this.sizeWhenAdded.get(consumer);
    if (size === undefined) return;
    this.entries.splice(this.search({ consumer, size }), 1);
    this.sizeWhenAdded.delete(consumer);
  }

  first(): string {
    return this.entries[0].consumer;
  }

  last(): string {
    return this.entries[this.entries.length - 1].consumer;
  }

  /** Members from fewest to most partitions. */
  *[Symbol.iterator](): IterableIterator<string> {
    for (const entry of this.entries) yield entry.consumer;
  }

  /** The first member, from fewest to most partitions, that passes `test` (a hot loop, so no iterator). */
  find(test: (consumer: string) => boolean): string | undefined {
    for (let i = 0; i < this.entries.length; i++) {
      if (test(this.entries[i].consumer)) return this.entries[i].consumer;
    }
    return undefined;
  }

  /** The index of `entry` if present, else where it belongs. */
  private search(entry: { consumer: string; size: number }): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const other = this.entries[mid];
      const order = other.size !== entry.size ? other.size - entry.size : compareStrings(other.consumer, entry.consumer);
      if (order < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
