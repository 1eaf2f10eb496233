/**
 * The iteration order of Java's HashMap and HashSet.
 *
 * Kafka's assignors iterate HashMaps in a few places where the order decides the result: which
 * member keeps its extra partition in the sticky assignors, which topic's partitions come first in
 * a range assignment, which moved partition is moved back. Kafka's own tests pin those results, so
 * to match them we iterate in the order Java would: bucket by bucket, and inside a bucket in
 * insertion order. Simplification: a bucket holding 8 or more keys turns into a tree in Java
 * (and, in small tables, forces a resize instead); we never model that, so keys whose hashes
 * collide that badly may come out in another order.
 */

const DEFAULT_INITIAL_CAPACITY = 16;
const LOAD_FACTOR = 0.75;

/** Java's String.hashCode over UTF-16 code units, with int overflow. */
export function javaStringHashCode(value: string): number {
  let hash = 0;
  for (let i = 0; i < value.length; i++) {
    hash = (Math.imul(hash, 31) + value.charCodeAt(i)) | 0;
  }
  return hash;
}

/** Java's HashMap.hash: spreads the high bits down because the table index only uses low bits. */
function spread(hashCode: number): number {
  return hashCode ^ (hashCode >>> 16);
}

/** The bucket a hash code lands in, in a table of `capacity` buckets (a power of two). */
export function javaBucketIndex(hashCode: number, capacity: number): number {
  return spread(hashCode) & (capacity - 1);
}

/**
 * The table size of a HashMap built with `new HashMap<>()` after `size` puts: 16, doubled each
 * time the size passes three quarters of the table.
 */
export function javaHashMapCapacity(size: number): number {
  let capacity = DEFAULT_INITIAL_CAPACITY;
  while (size > capacity * LOAD_FACTOR) capacity *= 2;
  return capacity;
}

/**
 * The order a `new HashMap<>()` iterates its keys in, after they were put in the given order.
 * Keys must be distinct.
 */
export function javaHashMapOrder<K>(keysInInsertionOrder: readonly K[], hashCode: (key: K) => number): K[] {
  const capacity = javaHashMapCapacity(keysInInsertionOrder.length);
  const buckets = keysInInsertionOrder.map((key) => javaBucketIndex(hashCode(key), capacity));
  const positions = keysInInsertionOrder.map((_, i) => i);
  // Array.prototype.sort is stable, so keys sharing a bucket keep their insertion order.
  positions.sort((a, b) => buckets[a] - buckets[b]);
  return positions.map((i) => keysInInsertionOrder[i]);
}

/**
 * A Java HashSet reduced to what Kafka asks of it here: add, remove, size and the first element
 * its iterator returns. The table only grows, as in Java, and an element re-added after removal
 * goes to the end of its bucket.
 */
export class JavaHashSetOrder<T> {
  private capacity = DEFAULT_INITIAL_CAPACITY;
  private nextInsertion = 0;
  private readonly insertionByElement = new Map<T, number>();

  constructor(private readonly hashCode: (element: T) => number) {}

  get size(): number {
    return this.insertionByElement.size;
  }

  add(element: T): void {
    if (this.insertionByElement.has(element)) return;
    this.insertionByElement.set(element, this.nextInsertion++);
    if (this.insertionByElement.size > this.capacity * LOAD_FACTOR) this.capacity *= 2;
  }

  delete(element: T): void {
    this.insertionByElement.delete(element);
  }

  /** What `set.iterator().next()` returns in Java; undefined when the set is empty. */
  first(): T | undefined {
    let best: T | undefined;
    let bestBucket = Infinity;
    let bestInsertion = Infinity;
    for (const [element, insertion] of this.insertionByElement) {
      const bucket = javaBucketIndex(this.hashCode(element), this.capacity);
      if (bucket < bestBucket || (bucket === bestBucket && insertion < bestInsertion)) {
        best = element;
        bestBucket = bucket;
        bestInsertion = insertion;
      }
    }
    return best;
  }
}
