/**
 * LogSegment: one `.log` file of a partition and its `.index` (Kafka's
 * storage/.../log/LogSegment.java, with FileRecords' scan and LogFileUtils' file names).
 *
 * A segment is named by its base offset, a lower bound on every offset it holds. Batches are
 * appended whole at the end of the file; each one's byte position is where the previous one ended.
 *
 * Simplifications, each also noted where it is made:
 * - No bytes on disk: the segment keeps the batch objects and their positions in arrays.
 * - No time index and no transaction index (nothing here searches by timestamp or aborts
 *   transactions); the largest timestamp is tracked per batch instead.
 * - No wall clock: time-based rolling uses record timestamps, as Kafka does whenever the first
 *   batch carries a timestamp; segment.jitter.ms is 0 (its default).
 */
import { LogSegmentOffsetOverflowError } from "./errors.js";
import { DEFAULT_SEGMENT_INDEX_BYTES, OffsetIndex } from "./offset-index.js";
import { NO_TIMESTAMP } from "./record-batch.js";
import type { RecordBatch } from "./types.js";

export const LOG_FILE_SUFFIX = ".log";
export const INDEX_FILE_SUFFIX = ".index";
export const TIME_INDEX_FILE_SUFFIX = ".timeindex";

/** LogFileUtils.filenamePrefixFromOffset: the offset zero-padded to 20 digits, so names sort by offset. */
export function filenamePrefixFromOffset(offset: number): string {
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new RangeError(`offset ${offset} is not allowed in a segment file name: offsets are non-negative integers`);
  }
  return String(offset).padStart(20, "0");
}

/** The segment's log file name, e.g. "00000000000000000000.log". */
export function segmentFileName(baseOffset: number): string {
  return filenamePrefixFromOffset(baseOffset) + LOG_FILE_SUFFIX;
}

/** The segment's offset index file name, e.g. "00000000000000000000.index". */
export function offsetIndexFileName(baseOffset: number): string {
  return filenamePrefixFromOffset(baseOffset) + INDEX_FILE_SUFFIX;
}

/** The segment's time index file name (Kafka keeps one; the simulator does not model its contents). */
export function timeIndexFileName(baseOffset: number): string {
  return filenamePrefixFromOffset(baseOffset) + TIME_INDEX_FILE_SUFFIX;
}

/** FileRecords.LogOffsetPosition: the batch found for an offset (its last offset, position and size). */
export interface LogOffsetPosition {
  /** The found batch's last offset, as Kafka's searchForOffsetWithSize reports it. */
  readonly offset: number;
  readonly position: number;
  readonly size: number;
}

/** LogOffsetMetadata: an offset plus where it sits on disk. */
export interface LogOffsetMetadata {
  readonly messageOffset: number;
  readonly segmentBaseOffset: number;
  readonly relativePositionInSegment: number;
}

/** FetchDataInfo: what a read returns. `batches` holds whole batches only. */
export interface FetchDataInfo {
  readonly fetchOffsetMetadata: LogOffsetMetadata;
  readonly batches: readonly RecordBatch[];
  /** Sum of the returned batches' sizes. */
  readonly sizeInBytes: number;
  /** Kafka's flag: the first batch did not fit in maxBytes and minOneMessage was off. */
  readonly firstEntryIncomplete: boolean;
}

/** RollParams: what LogSegment.shouldRoll looks at before an append. */
export interface RollParams {
  /** segment.ms */
  readonly maxSegmentMs: number;
  /** segment.bytes */
  readonly maxSegmentBytes: number;
  /** The largest timestamp in the batch about to be appended. */
  readonly maxTimestampInMessages: number;
  /** The last offset in the batch about to be appended. */
  readonly maxOffsetInMessages: number;
  /** The size in bytes of the batch about to be appended. */
  readonly messagesSize: number;
}

const NO_BATCHES: readonly RecordBatch[] = Object.freeze([]);

export class LogSegment {
  readonly offsetIndex: OffsetIndex;
  private readonly batchList: RecordBatch[] = [];
  /** batchPositions[i]: byte position of batchList[i] in the `.log` file. */
  private readonly batchPositions: number[] = [];
  /**
   * maxTimestampUpTo[i]: the largest batch timestamp among batches 0..i. Kafka re-reads the time
   * index and scans the file after a truncation; this prefix maximum gives the same answer in O(1).
   */
  private readonly maxTimestampUpTo: number[] = [];
  private size = 0;
  /** LogSegment.bytesSinceLastIndexEntry */
  private bytesSinceLastIndexEntry = 0;
  /** LogSegment.rollingBasedTimestamp: the first batch's max timestamp, for segment.ms rolling. */
  private rollingBasedTimestamp: number | null = null;

  /**
   * @param baseOffset a lower bound on every offset in the segment; names its files
   * @param indexIntervalBytes index.interval.bytes: bytes between offset index entries
   * @param maxIndexSizeBytes segment.index.bytes: the index's capacity (default 10 MiB)
   */
  constructor(
    readonly baseOffset: number,
    readonly indexIntervalBytes: number,
    maxIndexSizeBytes: number = DEFAULT_SEGMENT_INDEX_BYTES,
  ) {
    this.offsetIndex = new OffsetIndex(baseOffset, maxIndexSizeBytes);
  }

  /** LogSegment.size: bytes in the `.log` file. */
  get sizeInBytes(): number {
    return this.size;
  }

  /** The batches in file order. A live view: it changes as the segment is appended to or truncated. */
  get batches(): readonly RecordBatch[] {
    return this.batchList;
  }

  /** positions[i] is the byte position of batches[i]. A live view. */
  get positions(): readonly number[] {
    return this.batchPositions;
  }

  get batchCount(): number {
    return this.batchList.length;
  }

  get logFile(): string {
    return segmentFileName(this.baseOffset);
  }

  get indexFile(): string {
    return offsetIndexFileName(this.baseOffset);
  }

  /** LogSegment.maxTimestampSoFar: the largest record timestamp in the segment, -1 if none. */
  get maxTimestampSoFar(): number {
    const n = this.maxTimestampUpTo.length;
    return n === 0 ? NO_TIMESTAMP : this.maxTimestampUpTo[n - 1];
  }

  /**
   * LogSegment.largestTimestamp, which retention.ms compares with the clock. Kafka falls back to
   * the file's last-modified time when no record has a timestamp.
   * Simplification: no file mtime exists here, so that case reports NO_TIMESTAMP (-1).
   */
  get largestTimestamp(): number {
    return this.maxTimestampSoFar;
  }

  /** LogSegment.readNextOffset: one past the last offset held, or the base offset when empty. */
  get nextOffset(): number {
    const n = this.batchList.length;
    return n === 0 ? this.baseOffset : this.batchList[n - 1].lastOffset + 1;
  }

  /**
   * LogSegment.append: write the batch at the end of the file and, if more than
   * index.interval.bytes were written since the last index entry, index this batch first.
   * The entry is (the batch's last offset, the batch's position), as in Kafka.
   */
  append(batch: RecordBatch): void {
    if (batch.sizeInBytes <= 0) return;
    // Checked before any state changes so that a rejected batch leaves the segment untouched.
    if (!this.offsetIndex.canAppendOffset(batch.lastOffset)) {
      throw new LogSegmentOffsetOverflowError(this.baseOffset, batch.lastOffset);
    }
    const physicalPosition = this.size;
    if (physicalPosition === 0) this.rollingBasedTimestamp = batch.maxTimestamp;
    const previousMax = this.maxTimestampSoFar;
    this.batchList.push(batch);
    this.batchPositions.push(physicalPosition);
    this.maxTimestampUpTo.push(batch.maxTimestamp > previousMax ? batch.maxTimestamp : previousMax);
    this.size += batch.sizeInBytes;
    // Kafka's rule, exactly: strictly more than index.interval.bytes since the last entry.
    if (this.bytesSinceLastIndexEntry > this.indexIntervalBytes) {
      this.offsetIndex.append(batch.lastOffset, physicalPosition);
      this.bytesSinceLastIndexEntry = 0;
    }
    this.bytesSinceLastIndexEntry += batch.sizeInBytes;
  }

  /**
   * LogSegment.timeWaitedForRoll: how long this segment has been open, measured from its first
   * batch's timestamp to the new batch's timestamp.
   * Simplification: without a first timestamp Kafka measures wall-clock time since the segment
   * was created; there is no wall clock here, so that case reports 0 (no time-based roll).
   */
  timeWaitedForRoll(messageTimestamp: number): number {
    const firstTimestamp = this.rollingBasedTimestamp ?? NO_TIMESTAMP;
    return firstTimestamp >= 0 ? messageTimestamp - firstTimestamp : 0;
  }

  /**
   * LogSegment.shouldRoll: roll when the batch would overflow segment.bytes, when segment.ms has
   * passed (never for an empty segment), when the index is full, or when the batch's last offset
   * does not fit relative to the base offset.
   * Simplification: Kafka also rolls when the time index is full; the time index is not modelled.
   */
  shouldRoll(params: RollParams): boolean {
    const reachedRollMs = this.timeWaitedForRoll(params.maxTimestampInMessages) > params.maxSegmentMs;
    const size = this.size;
    return (
      size > params.maxSegmentBytes - params.messagesSize ||
      (size > 0 && reachedRollMs) ||
      this.offsetIndex.isFull ||
      !this.offsetIndex.canAppendOffset(params.maxOffsetInMessages)
    );
  }

  /**
   * The index of the first batch whose last offset is >= offset, or -1 when every batch ends
   * before it. A binary search over the batches: it returns the batch Kafka's translateOffset
   * finds, in O(log n) whatever index.interval.bytes is (the tests check the two always agree).
   */
  findBatchIndex(offset: number): number {
    const batches = this.batchList;
    let lo = 0;
    let hi = batches.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (batches[mid].lastOffset >= offset) hi = mid;
      else lo = mid + 1;
    }
    return lo < batches.length ? lo : -1;
  }

  /** The index of the batch that starts at `position` (an index entry always points at one). */
  batchIndexAtPosition(position: number): number {
    const positions = this.batchPositions;
    let lo = 0;
    let hi = positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (positions[mid] >= position) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /**
   * LogSegment.translateOffset: OffsetIndex.lookup for the floor entry, then
   * FileRecords.searchForOffsetWithSize, a forward scan from that position to the first batch
   * whose last offset is >= the target. Null when no batch in the segment reaches the target.
   */
  translateOffset(offset: number): LogOffsetPosition | null {
    const startPosition = this.offsetIndex.lookupPosition(offset);
    const batches = this.batchList;
    for (let i = this.batchIndexAtPosition(startPosition); i < batches.length; i++) {
      if (batches[i].lastOffset >= offset) {
        return { offset: batches[i].lastOffset, position: this.batchPositions[i], size: batches[i].sizeInBytes };
      }
    }
    return null;
  }

  /**
   * LogSegment.read: batches from the one containing startOffset (or the first after it), at most
   * maxSize bytes, stopping before the batch that contains maxOffset. With minOneMessage the
   * first batch is returned even when it is larger than maxSize (KIP-74). Null when the segment
   * holds nothing at or after startOffset.
   * Simplification: Kafka returns a byte slice that may end in a partial batch, which consumers
   * discard; this returns the whole batches inside that slice.
   */
  read(startOffset: number, maxSize: number, maxOffset?: number, minOneMessage = true): FetchDataInfo | null {
    if (!(maxSize >= 0)) {
      throw new RangeError(`maxSize ${maxSize} is not allowed for a read from segment ${this.logFile}: it must be >= 0`);
    }
    const first = this.findBatchIndex(startOffset);
    if (first < 0) return null;
    const batches = this.batchList;
    const fetchOffsetMetadata: LogOffsetMetadata = {
      messageOffset: startOffset,
      segmentBaseOffset: this.baseOffset,
      relativePositionInSegment: this.batchPositions[first],
    };
    const firstSize = batches[first].sizeInBytes;
    const adjustedMaxSize = minOneMessage ? Math.max(maxSize, firstSize) : maxSize;
    let end = first;
    let bytes = 0;
    while (end < batches.length) {
      const batch = batches[end];
      if (maxOffset !== undefined && batch.lastOffset >= maxOffset) break;
      if (bytes + batch.sizeInBytes > adjustedMaxSize) break;
      bytes += batch.sizeInBytes;
      end++;
    }
    return {
      fetchOffsetMetadata,
      batches: end === first ? NO_BATCHES : batches.slice(first, end),
      sizeInBytes: bytes,
      firstEntryIncomplete: adjustedMaxSize < firstSize,
    };
  }

  /**
   * LogSegment.truncateTo: remove every index entry and every batch with an offset >= `offset`.
   * The cut is at the position of the batch that translateOffset(offset) finds, so the batch
   * containing `offset` goes too, even when it also holds smaller offsets. Returns the bytes removed.
   */
  truncateTo(offset: number): number {
    const firstRemoved = this.findBatchIndex(offset);
    this.offsetIndex.truncateTo(offset);
    let bytesTruncated = 0;
    if (firstRemoved >= 0) {
      const position = this.batchPositions[firstRemoved];
      bytesTruncated = this.size - position;
      this.size = position;
      this.batchList.length = firstRemoved;
      this.batchPositions.length = firstRemoved;
      this.maxTimestampUpTo.length = firstRemoved;
    }
    if (this.size === 0) this.rollingBasedTimestamp = null;
    // Kafka resets the counter after a truncation rather than recomputing it.
    this.bytesSinceLastIndexEntry = 0;
    return bytesTruncated;
  }
}
