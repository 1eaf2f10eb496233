/**
 * LeaderEpochCache: which leader epoch started at which offset (Kafka's
 * storage/.../epoch/LeaderEpochFileCache.java, without the checkpoint file).
 *
 * Followers ask the leader for the end offset of their latest epoch (OffsetsForLeaderEpoch) and
 * truncate to it, which is how Kafka avoids the divergent logs that truncating to the high
 * watermark allowed (KIP-101). The Log keeps this cache in step with its appends and truncations.
 *
 * Simplification: Kafka persists the cache in a `leader-epoch-checkpoint` file, flushed
 * synchronously on assign and asynchronously on truncation; here it lives in memory only.
 */

/** OffsetsForLeaderEpochResponse.UNDEFINED_EPOCH */
export const UNDEFINED_EPOCH = -1;
/** OffsetsForLeaderEpochResponse.UNDEFINED_EPOCH_OFFSET */
export const UNDEFINED_EPOCH_OFFSET = -1;

/** EpochEntry: the first offset written in a leader epoch. */
export interface EpochEntry {
  readonly epoch: number;
  readonly startOffset: number;
}

/** An (epoch, end offset) answer to OffsetsForLeaderEpoch. */
export interface EpochEndOffset {
  readonly epoch: number;
  readonly endOffset: number;
}

const UNDEFINED_END_OFFSET: EpochEndOffset = Object.freeze({ epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET });

export class LeaderEpochCache {
  /** Sorted by epoch, and (Kafka's invariant) by start offset too. */
  private entries: EpochEntry[] = [];

  /**
   * LeaderEpochFileCache.assign: record that `epoch` starts at `startOffset`. Nothing changes
   * when the latest entry already has this epoch at an equal or earlier offset (the common case:
   * every append of the current leader calls this). Otherwise any entry with an epoch >= the new
   * one, or a start offset >= the new one, is removed first so both orders stay monotonic.
   */
  assign(epoch: number, startOffset: number): void {
    if (epoch < 0 || startOffset < 0) {
      throw new RangeError(
        `Received invalid partition leader epoch entry EpochEntry(epoch=${epoch}, startOffset=${startOffset}): ` +
          "epoch and start offset must both be >= 0",
      );
    }
    if (!this.isUpdateNeeded(epoch, startOffset)) return;
    this.removeFromEndWhile((entry) => entry.epoch >= epoch || entry.startOffset >= startOffset);
    this.entries.push({ epoch, startOffset });
  }

  private isUpdateNeeded(epoch: number, startOffset: number): boolean {
    const latest = this.latestEntry();
    return latest === null || epoch !== latest.epoch || startOffset < latest.startOffset;
  }

  private removeFromEndWhile(predicate: (entry: EpochEntry) => boolean): EpochEntry[] {
    const removed: EpochEntry[] = [];
    while (this.entries.length > 0 && predicate(this.entries[this.entries.length - 1])) {
      removed.push(this.entries.pop()!);
    }
    return removed;
  }

  get nonEmpty(): boolean {
    return this.entries.length > 0;
  }

  latestEntry(): EpochEntry | null {
    return this.entries.length === 0 ? null : this.entries[this.entries.length - 1];
  }

  /** The latest epoch that has an entry, or null when the cache is empty. */
  latestEpoch(): number | null {
    return this.latestEntry()?.epoch ?? null;
  }

  earliestEntry(): EpochEntry | null {
    return this.entries.length === 0 ? null : this.entries[0];
  }

  /** With no argument: the epoch before the latest one. With one: the largest epoch below it. */
  previousEpoch(epoch?: number): number | null {
    if (epoch === undefined) {
      const latest = this.latestEntry();
      if (latest === null) return null;
      return this.previousEntry(latest.epoch)?.epoch ?? null;
    }
    return this.previousEntry(epoch)?.epoch ?? null;
  }

  /** The entry with the largest epoch strictly below `epoch` (TreeMap.lowerEntry). */
  previousEntry(epoch: number): EpochEntry | null {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      if (this.entries[i].epoch < epoch) return this.entries[i];
    }
    return null;
  }

  /** The smallest epoch strictly above `epoch` (TreeMap.higherKey). */
  nextEpoch(epoch: number): number | null {
    return this.higherEntry(epoch)?.epoch ?? null;
  }

  epochEntry(epoch: number): EpochEntry | null {
    return this.entries.find((entry) => entry.epoch === epoch) ?? null;
  }

  /** A copy of the entries, oldest first. */
  epochEntries(): readonly EpochEntry[] {
    return this.entries.slice();
  }

  private higherEntry(epoch: number): EpochEntry | null {
    for (const entry of this.entries) if (entry.epoch > epoch) return entry;
    return null;
  }

  private floorEntry(epoch: number): EpochEntry | null {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      if (this.entries[i].epoch <= epoch) return this.entries[i];
    }
    return null;
  }

  /**
   * LeaderEpochFileCache.endOffsetFor: the largest epoch <= requestedEpoch and the offset where it
   * ended (the next epoch's start offset, or the log end offset for the latest epoch).
   * - requestedEpoch UNDEFINED (-1): (UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET).
   * - requestedEpoch is the latest epoch: (requestedEpoch, logEndOffset).
   * - no epoch above requestedEpoch (empty cache, or an epoch beyond the latest): UNDEFINED.
   * - no epoch <= requestedEpoch: (requestedEpoch, start offset of the first epoch above it).
   * - otherwise: (floor epoch, start offset of the first epoch above requestedEpoch).
   */
  endOffsetFor(requestedEpoch: number, logEndOffset: number): EpochEndOffset {
    if (requestedEpoch === UNDEFINED_EPOCH) return UNDEFINED_END_OFFSET;
    const latestEpoch = this.latestEpoch();
    if (latestEpoch !== null && latestEpoch === requestedEpoch) {
      return { epoch: requestedEpoch, endOffset: logEndOffset };
    }
    const higher = this.higherEntry(requestedEpoch);
    if (higher === null) return UNDEFINED_END_OFFSET;
    const floor = this.floorEntry(requestedEpoch);
    if (floor === null) return { epoch: requestedEpoch, endOffset: higher.startOffset };
    return { epoch: floor.epoch, endOffset: higher.startOffset };
  }

  /**
   * LeaderEpochFileCache.truncateFromEnd: remove every entry whose start offset is >= endOffset
   * (used when the log is truncated to endOffset). A negative endOffset (UNDEFINED) changes nothing.
   */
  truncateFromEnd(endOffset: number): readonly EpochEntry[] {
    const latest = this.latestEntry();
    if (endOffset >= 0 && latest !== null && latest.startOffset >= endOffset) {
      return this.removeFromEndWhile((entry) => entry.startOffset >= endOffset);
    }
    return [];
  }

  /**
   * LeaderEpochFileCache.truncateFromStart: forget epochs wholly before startOffset (the new log
   * start offset). The last epoch starting at or before startOffset is kept, moved to start at
   * startOffset; so truncateFromStart(6) keeps an entry at offset 6.
   */
  truncateFromStart(startOffset: number): readonly EpochEntry[] {
    let removedCount = 0;
    while (removedCount < this.entries.length && this.entries[removedCount].startOffset <= startOffset) {
      removedCount++;
    }
    if (removedCount === 0) return [];
    const removed = this.entries.slice(0, removedCount);
    const firstBeforeStartOffset = removed[removed.length - 1];
    this.entries = [{ epoch: firstBeforeStartOffset.epoch, startOffset }, ...this.entries.slice(removedCount)];
    return removed;
  }

  /** LeaderEpochFileCache.epochForOffset: the epoch the record at `offset` was written in, if known. */
  epochForOffset(offset: number): number | null {
    let previousEpoch: number | null = null;
    for (const entry of this.entries) {
      if (entry.startOffset === offset) return entry.epoch;
      if (entry.startOffset > offset) return previousEpoch;
      previousEpoch = entry.epoch;
    }
    return previousEpoch;
  }

  /** LeaderEpochFileCache.clear: forget every entry (after truncateFullyAndStartAt). */
  clear(): void {
    this.entries = [];
  }
}
