/**
 * OffsetIndex: a segment's sparse map from offsets to byte positions (Kafka's
 * storage/.../log/OffsetIndex.java and AbstractIndex.java).
 *
 * Each entry is (relative offset, position): 4 + 4 bytes in Kafka's `.index` file, the offset
 * stored relative to the segment's base offset. Entries are added by LogSegment.append every
 * index.interval.bytes, so the index stays small enough to keep in memory, and a lookup is a
 * binary search for the floor entry followed by a short forward scan of the log.
 *
 * Simplification: entries live in two number arrays instead of a memory-mapped file, and the
 * binary search skips AbstractIndex's "warm section" split, which only changes which pages of the
 * file are touched, never the entry found.
 */
import { InvalidOffsetError, LogSegmentOffsetOverflowError } from "./errors.js";

/** OffsetIndex's ENTRY_SIZE: 4 bytes of relative offset, 4 bytes of position. */
export const OFFSET_INDEX_ENTRY_SIZE = 8;

/** segment.index.bytes default (10 MiB): the largest an index file may grow. */
export const DEFAULT_SEGMENT_INDEX_BYTES = 10 * 1024 * 1024;

const INT32_MAX = 2147483647;

/** OffsetPosition: an absolute offset and the byte position in the segment it maps to. */
export interface OffsetPosition {
  readonly offset: number;
  readonly position: number;
}

export class OffsetIndex {
  /** How many entries fit: segment.index.bytes rounded down to whole 8-byte entries. */
  readonly maxEntries: number;
  private readonly relativeOffsets: number[] = [];
  private readonly positions: number[] = [];

  constructor(
    readonly baseOffset: number,
    maxIndexSizeBytes: number = DEFAULT_SEGMENT_INDEX_BYTES,
  ) {
    this.maxEntries = Math.floor(maxIndexSizeBytes / OFFSET_INDEX_ENTRY_SIZE);
  }

  get entries(): number {
    return this.relativeOffsets.length;
  }

  /** AbstractIndex.isFull: a full index forces the segment to roll. */
  get isFull(): boolean {
    return this.relativeOffsets.length >= this.maxEntries;
  }

  /** The offset of the last entry, or the base offset when the index is empty. */
  get lastOffset(): number {
    const n = this.relativeOffsets.length;
    return n === 0 ? this.baseOffset : this.baseOffset + this.relativeOffsets[n - 1];
  }

  /** The nth entry, with its offset made absolute. */
  entry(n: number): OffsetPosition {
    if (!Number.isInteger(n) || n < 0 || n >= this.relativeOffsets.length) {
      throw new RangeError(`index entry ${n} does not exist: the index has entries 0..${this.relativeOffsets.length - 1}`);
    }
    return { offset: this.baseOffset + this.relativeOffsets[n], position: this.positions[n] };
  }

  /** AbstractIndex.canAppendOffset: the offset fits in 4 bytes relative to the base offset. */
  canAppendOffset(offset: number): boolean {
    const relative = offset - this.baseOffset;
    return relative >= 0 && relative <= INT32_MAX;
  }

  /**
   * AbstractIndex.largestLowerBoundSlotFor(target, KEY): the slot of the largest entry whose
   * offset is <= target, or -1 when there is none (empty index, or target before the first entry).
   */
  largestLowerBoundSlotFor(targetOffset: number): number {
    const target = targetOffset - this.baseOffset;
    const offsets = this.relativeOffsets;
    if (offsets.length === 0 || offsets[0] > target) return -1;
    let lo = 0;
    let hi = offsets.length - 1;
    while (lo < hi) {
      // Round up so that lo always moves: we want the last slot whose key is <= target.
      const mid = (lo + hi + 1) >>> 1;
      if (offsets[mid] <= target) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * OffsetIndex.lookup: the floor entry for the target offset, or (baseOffset, 0) when the index
   * holds no entry <= target, meaning "scan from the start of the segment".
   */
  lookup(targetOffset: number): OffsetPosition {
    const slot = this.largestLowerBoundSlotFor(targetOffset);
    return slot === -1 ? { offset: this.baseOffset, position: 0 } : this.entry(slot);
  }

  /** The position `lookup` would return, without allocating an entry object. */
  lookupPosition(targetOffset: number): number {
    const slot = this.largestLowerBoundSlotFor(targetOffset);
    return slot === -1 ? 0 : this.positions[slot];
  }

  /** OffsetIndex.append: entries must arrive in increasing offset order. */
  append(offset: number, position: number): void {
    if (this.isFull) {
      throw new RangeError(`Attempt to append to a full index (size = ${this.entries}, max entries = ${this.maxEntries}).`);
    }
    if (this.entries === 0 || offset > this.lastOffset) {
      if (!this.canAppendOffset(offset)) throw new LogSegmentOffsetOverflowError(this.baseOffset, offset);
      this.relativeOffsets.push(offset - this.baseOffset);
      this.positions.push(position);
    } else {
      throw new InvalidOffsetError(
        `Attempt to append an offset ${offset} to position ${this.entries} no larger than the last offset appended (${this.lastOffset})`,
      );
    }
  }

  /** OffsetIndex.truncate: remove every entry. */
  truncate(): void {
    this.relativeOffsets.length = 0;
    this.positions.length = 0;
  }

  /**
   * OffsetIndex.truncateTo: remove every entry whose offset is >= the given offset.
   * Kafka's three cases: no entry <= offset (clear all), an entry for exactly this offset (drop
   * it and everything after), otherwise keep the floor entry and drop the rest.
   */
  truncateTo(offset: number): void {
    const slot = this.largestLowerBoundSlotFor(offset);
    let newEntries: number;
    if (slot < 0) newEntries = 0;
    else if (this.relativeOffsets[slot] === offset - this.baseOffset) newEntries = slot;
    else newEntries = slot + 1;
    this.relativeOffsets.length = newEntries;
    this.positions.length = newEntries;
  }
}
