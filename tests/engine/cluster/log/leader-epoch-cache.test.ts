/**
 * Cases ported from Kafka's LeaderEpochFileCacheTest (storage/src/test/.../epoch). The
 * checkpoint-file cases (shouldPersistEpochsBetweenInstances, shouldWriteCheckpointOnTruncation)
 * are kept as in-memory checks of the same entries, since the cache has no file here.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { LeaderEpochCache, UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET } from "../../../../engine/cluster/log/index.js";

const undefinedAnswer = { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
const entry = (epoch: number, startOffset: number) => ({ epoch, startOffset });

describe("LeaderEpochCache (Kafka's LeaderEpochFileCacheTest)", () => {
  let cache: LeaderEpochCache;
  beforeEach(() => {
    cache = new LeaderEpochCache();
  });

  it("the previous epoch is the one before the latest, and follows truncation from the end (testPreviousEpoch)", () => {
    expect(cache.previousEpoch()).toBeNull();
    cache.assign(2, 10);
    expect(cache.previousEpoch()).toBeNull();
    cache.assign(4, 15);
    expect(cache.previousEpoch()).toBe(2);
    cache.assign(10, 20);
    expect(cache.previousEpoch()).toBe(4);
    cache.truncateFromEnd(18);
    expect(cache.previousEpoch()).toBe(2);
  });

  it("records an epoch's start offset and answers the latest epoch with the log end offset (shouldAddEpochAndMessageOffsetToCache)", () => {
    cache.assign(2, 10);
    expect(cache.latestEpoch()).toBe(2);
    expect(cache.epochEntries()[0]).toEqual(entry(2, 10));
    expect(cache.endOffsetFor(2, 11)).toEqual({ epoch: 2, endOffset: 11 });
  });

  it("returns the log end offset when the latest epoch is requested (shouldReturnLogEndOffsetIfLatestEpochRequested)", () => {
    cache.assign(2, 11);
    cache.assign(2, 12);
    expect(cache.endOffsetFor(2, 14)).toEqual({ epoch: 2, endOffset: 14 });
  });

  it("answers UNDEFINED for the undefined epoch, empty or not (shouldReturnUndefinedOffsetIfUndefinedEpochRequested)", () => {
    expect(cache.endOffsetFor(UNDEFINED_EPOCH, 73)).toEqual(undefinedAnswer);
    cache.assign(2, 11);
    cache.assign(3, 12);
    expect(cache.endOffsetFor(UNDEFINED_EPOCH, 0)).toEqual(undefinedAnswer);
  });

  it("never moves an epoch's start offset later once assigned (shouldNotOverwriteLogEndOffsetForALeaderEpochOnceItHasBeenAssigned)", () => {
    cache.assign(2, 9);
    cache.assign(2, 10);
    expect(cache.epochEntries()).toEqual([entry(2, 9)]);
    const other = new LeaderEpochCache();
    other.assign(2, 6);
    other.assign(2, 10);
    expect(other.epochEntries()[0].startOffset).toBe(6);
  });

  it("a newer epoch at the same start offset replaces the older one (shouldEnforceMonotonicallyIncreasingStartOffsets)", () => {
    cache.assign(2, 9);
    cache.assign(3, 9);
    expect(cache.epochEntries()).toEqual([entry(3, 9)]);
  });

  it("answers UNDEFINED when no epoch is recorded (shouldReturnUnsupportedIfNoEpochRecorded, shouldFetchEndOffsetOfEmptyCache)", () => {
    expect(cache.endOffsetFor(0, 0)).toEqual(undefinedAnswer);
    expect(cache.endOffsetFor(7, 0)).toEqual(undefinedAnswer);
    expect(cache.latestEpoch()).toBeNull();
  });

  it("an epoch older than all known ones ends where the first known epoch starts (shouldReturnFirstEpochIfRequestedEpochLessThanFirstEpoch)", () => {
    cache.assign(5, 11);
    cache.assign(6, 12);
    cache.assign(7, 13);
    expect(cache.endOffsetFor(4, 0)).toEqual({ epoch: 4, endOffset: 11 });
  });

  it("the latest epoch at an earlier offset truncates the epochs after it (shouldTruncateIfMatchingEpochButEarlierStartingOffset)", () => {
    cache.assign(5, 11);
    cache.assign(6, 12);
    cache.assign(7, 13);
    cache.assign(7, 12);
    expect(cache.endOffsetFor(5, 0)).toEqual({ epoch: 5, endOffset: 12 });
    expect(cache.endOffsetFor(6, 0)).toEqual({ epoch: 5, endOffset: 12 });
  });

  it("a previous epoch ends where the next one starts (shouldGetFirstOffsetOfSubsequentEpochWhenOffsetRequestedForPreviousEpoch)", () => {
    cache.assign(1, 11);
    cache.assign(1, 12);
    cache.assign(2, 13);
    cache.assign(2, 14);
    cache.assign(3, 15);
    cache.assign(3, 16);
    expect(cache.endOffsetFor(2, 17)).toEqual({ epoch: 2, endOffset: 15 });
  });

  it("an unknown epoch between known ones answers with the floor epoch (shouldReturnNextAvailableEpochIfThereIsNoExactEpochForTheOneRequested)", () => {
    cache.assign(0, 10);
    cache.assign(2, 13);
    cache.assign(4, 17);
    expect(cache.endOffsetFor(1, 0)).toEqual({ epoch: 0, endOffset: 13 });
    expect(cache.endOffsetFor(2, 0)).toEqual({ epoch: 2, endOffset: 17 });
    expect(cache.endOffsetFor(3, 0)).toEqual({ epoch: 2, endOffset: 17 });
  });

  it("re-assigning the latest epoch at a later offset changes nothing (shouldNotUpdateEpochAndStartOffsetIfItDidNotChange)", () => {
    cache.assign(2, 6);
    cache.assign(2, 7);
    expect(cache.epochEntries()).toEqual([entry(2, 6)]);
  });

  it("an epoch beyond the latest is UNDEFINED (shouldReturnInvalidOffsetIfEpochIsRequestedWhichIsNotCurrentlyTracked)", () => {
    cache.assign(2, 100);
    expect(cache.endOffsetFor(3, 100)).toEqual(undefinedAnswer);
  });

  it("epochs need not start from zero (shouldSupportEpochsThatDoNotStartFromZero)", () => {
    cache.assign(2, 6);
    expect(cache.endOffsetFor(2, 7)).toEqual({ epoch: 2, endOffset: 7 });
    expect(cache.epochEntries()).toEqual([entry(2, 6)]);
  });

  it("an older epoch arriving later removes the newer ones (shouldEnforceMonotonicallyIncreasingEpochs)", () => {
    cache.assign(1, 5);
    cache.assign(2, 6);
    cache.assign(1, 7);
    expect(cache.latestEpoch()).toBe(1);
    expect(cache.endOffsetFor(1, 8)).toEqual({ epoch: 1, endOffset: 8 });
    expect(cache.endOffsetFor(2, 8)).toEqual(undefinedAnswer);
    expect(cache.epochEntries()[0]).toEqual(entry(1, 7));
  });

  it("a newer epoch at a smaller offset removes the entries it overlaps (shouldEnforceOffsetsIncreaseMonotonically)", () => {
    cache.assign(2, 6);
    cache.assign(3, 5);
    expect(cache.epochEntries()[0]).toEqual(entry(3, 5));
  });

  it("tracks epochs as leaders change many times (shouldIncreaseAndTrackEpochsAsLeadersChangeManyTimes)", () => {
    cache.assign(0, 0);
    cache.assign(1, 0);
    expect(cache.latestEpoch()).toBe(1);
    expect(cache.endOffsetFor(1, 0)).toEqual({ epoch: 1, endOffset: 0 });
    expect(cache.endOffsetFor(0, 0)).toEqual({ epoch: 0, endOffset: 0 });
    expect(cache.endOffsetFor(1, 5)).toEqual({ epoch: 1, endOffset: 5 });
    expect(cache.endOffsetFor(0, 5)).toEqual({ epoch: 0, endOffset: 0 });
    cache.assign(2, 5);
    expect(cache.endOffsetFor(2, 10)).toEqual({ epoch: 2, endOffset: 10 });
    expect(cache.endOffsetFor(1, 10)).toEqual({ epoch: 1, endOffset: 5 });
    expect(cache.endOffsetFor(0, 10)).toEqual({ epoch: 0, endOffset: 0 });
  });

  it("tracks epochs as a follower receives many messages (shouldIncreaseAndTrackEpochsAsFollowerReceivesManyMessages)", () => {
    cache.assign(0, 0);
    cache.assign(0, 1);
    cache.assign(0, 2);
    expect(cache.latestEpoch()).toBe(0);
    expect(cache.endOffsetFor(0, 3)).toEqual({ epoch: 0, endOffset: 3 });
    cache.assign(1, 3);
    cache.assign(1, 4);
    cache.assign(1, 5);
    expect(cache.endOffsetFor(1, 6)).toEqual({ epoch: 1, endOffset: 6 });
    cache.assign(2, 6);
    cache.assign(2, 7);
    cache.assign(2, 8);
    expect(cache.latestEpoch()).toBe(2);
    expect(cache.endOffsetFor(2, 9)).toEqual({ epoch: 2, endOffset: 9 });
    expect(cache.endOffsetFor(0, 9)).toEqual({ epoch: 0, endOffset: 3 });
    expect(cache.endOffsetFor(1, 9)).toEqual({ epoch: 1, endOffset: 6 });
  });

  describe("truncation", () => {
    beforeEach(() => {
      cache.assign(2, 6);
      cache.assign(3, 8);
      cache.assign(4, 11);
    });

    it("truncating from the end at an epoch boundary drops that epoch (shouldDropEntriesOnEpochBoundaryWhenRemovingLatestEntries)", () => {
      cache.truncateFromEnd(8);
      expect(cache.epochEntries()).toEqual([entry(2, 6)]);
    });

    it("truncating from the end between boundaries keeps the epoch that started before (shouldDropEntriesBetweenEpochBoundaryWhenRemovingNewest)", () => {
      cache.truncateFromEnd(9);
      expect(cache.latestEpoch()).toBe(3);
      expect(cache.epochEntries()).toEqual([entry(2, 6), entry(3, 8)]);
    });

    it("truncating from the start at a boundary keeps that epoch (shouldPreserveResetOffsetOnClearEarliestIfOneExists)", () => {
      cache.truncateFromStart(8);
      expect(cache.epochEntries()).toEqual([entry(3, 8), entry(4, 11)]);
    });

    it("truncating from the start before the first epoch changes nothing (shouldNotClearAnythingIfOffsetTooEarly, ...IsFirstOffset)", () => {
      cache.truncateFromStart(1);
      expect(cache.epochEntries()).toEqual([entry(2, 6), entry(3, 8), entry(4, 11)]);
      cache.truncateFromStart(6);
      expect(cache.epochEntries()).toEqual([entry(2, 6), entry(3, 8), entry(4, 11)]);
    });

    it("truncating from the start at the last epoch keeps only it (shouldRetainLatestEpochOnClearAllEarliest)", () => {
      cache.truncateFromStart(11);
      expect(cache.epochEntries()).toEqual([entry(4, 11)]);
    });

    it("truncating from the start between boundaries moves that epoch's start (shouldUpdateOffsetBetweenEpochBoundariesOnClearEarliest)", () => {
      cache.truncateFromStart(9);
      expect(cache.epochEntries()).toEqual([entry(3, 9), entry(4, 11)]);
    });

    it("truncating from the start past every epoch keeps the latest, moved (shouldRetainLatestEpochOnClearAllEarliestAndUpdateItsOffset)", () => {
      cache.truncateFromStart(15);
      expect(cache.epochEntries()).toEqual([entry(4, 15)]);
    });

    it("clear removes every entry (shouldClearAllEntries)", () => {
      cache.clear();
      expect(cache.epochEntries()).toHaveLength(0);
    });

    it("UNDEFINED_EPOCH_OFFSET truncates nothing at either end (shouldNotResetEpochHistoryHeadIfUndefinedPassed, ...TailIfUndefinedPassed)", () => {
      cache.truncateFromStart(UNDEFINED_EPOCH_OFFSET);
      expect(cache.epochEntries()).toHaveLength(3);
      cache.truncateFromEnd(UNDEFINED_EPOCH_OFFSET);
      expect(cache.epochEntries()).toHaveLength(3);
    });

    it("truncating from both ends leaves the middle epoch (shouldWriteCheckpointOnTruncation)", () => {
      cache.truncateFromEnd(11);
      cache.truncateFromStart(8);
      expect(cache.epochEntries()).toEqual([entry(3, 8)]);
    });
  });

  it("truncating from the first two boundaries moves the first epoch (shouldUpdateOffsetBetweenFirstTwoEpochBoundariesOnClearEarliest)", () => {
    cache.assign(0, 0);
    cache.assign(1, 7);
    cache.assign(2, 10);
    cache.truncateFromStart(5);
    expect(cache.epochEntries()).toEqual([entry(0, 5), entry(1, 7), entry(2, 10)]);
  });

  it("truncating an empty cache is harmless (shouldClearEarliestOnEmptyCache, shouldClearLatestOnEmptyCache)", () => {
    expect(() => cache.truncateFromStart(7)).not.toThrow();
    expect(() => cache.truncateFromEnd(7)).not.toThrow();
    expect(cache.epochEntries()).toEqual([]);
  });

  it("finds previous and next epochs and entries (testFindPreviousEpoch, testFindPreviousEntry, testFindNextEpoch, testGetEpochEntry)", () => {
    expect(cache.previousEpoch(2)).toBeNull();
    expect(cache.previousEntry(2)).toBeNull();
    cache.assign(2, 10);
    expect(cache.previousEpoch(2)).toBeNull();
    cache.assign(4, 15);
    expect(cache.previousEpoch(4)).toBe(2);
    expect(cache.previousEntry(4)).toEqual(entry(2, 10));
    cache.assign(10, 20);
    expect(cache.previousEpoch(10)).toBe(4);
    expect(cache.previousEntry(10)).toEqual(entry(4, 15));
    cache.truncateFromEnd(18);
    expect(cache.previousEpoch(cache.latestEpoch()!)).toBe(2);
    expect(cache.previousEntry(cache.latestEpoch()!)).toEqual(entry(2, 10));

    const next = new LeaderEpochCache();
    next.assign(0, 0);
    next.assign(1, 100);
    next.assign(2, 200);
    expect(next.nextEpoch(-1)).toBe(0);
    expect(next.nextEpoch(0)).toBe(1);
    expect(next.nextEpoch(1)).toBe(2);
    expect(next.nextEpoch(2)).toBeNull();
    expect(next.nextEpoch(100)).toBeNull();
    expect(next.epochEntry(1)).toEqual(entry(1, 100));
    expect(next.epochEntry(3)).toBeNull();
  });

  it("finds the epoch a given offset was written in (shouldFetchEpochForGivenOffset)", () => {
    cache.assign(0, 10);
    cache.assign(1, 20);
    cache.assign(5, 30);
    expect(cache.epochForOffset(25)).toBe(1);
    expect(cache.epochForOffset(20)).toBe(1);
    expect(cache.epochForOffset(30)).toBe(5);
    expect(cache.epochForOffset(50)).toBe(5);
    expect(cache.epochForOffset(5)).toBeNull();
  });

  it("rejects a negative epoch or start offset, naming the entry", () => {
    expect(() => cache.assign(-1, 0)).toThrow(/invalid partition leader epoch entry EpochEntry\(epoch=-1, startOffset=0\)/);
    expect(() => cache.assign(0, -5)).toThrow(/startOffset=-5/);
  });
});
