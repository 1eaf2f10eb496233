/**
 * Log: one replica's copy of a partition, a sequence of segments. Named after Kafka's UnifiedLog
 * (storage/.../log/UnifiedLog.java: appends, truncation, retention, the log start offset and the
 * leader epoch cache) and LocalLog (LocalLog.java: the segments, rolling and reads), which this
 * class merges because there is no remote storage to separate them from.
 *
 * The Log does not own the high watermark: Kafka's Partition computes it from the replicas, so
 * reads take a maxOffset and retention takes the high watermark as arguments.
 *
 * Costs: append is O(1) amortized; read, lookup and truncation are O(log n) plus the batches
 * returned; nothing here allocates per record.
 */
import {
  OffsetOutOfRangeError,
  RecordBatchTooLargeError,
  UnexpectedAppendOffsetError,
} from "./errors.js";
import { type EpochEndOffset, LeaderEpochCache, UNDEFINED_EPOCH_OFFSET } from "./leader-epoch-cache.js";
import { DEFAULT_SEGMENT_MS, type LogConfig, validateLogConfig } from "./log-config.js";
import { DEFAULT_SEGMENT_INDEX_BYTES, type OffsetPosition } from "./offset-index.js";
import { RECORD_BATCH_OVERHEAD } from "./record-size.js";
import {
  type DeletionCondition,
  logStartOffsetBreached,
  type RetentionResult,
  retentionMsBreached,
  retentionSizeBreached,
  type SegmentDeletion,
  type SegmentDeletionReason,
} from "./retention.js";
import { type FetchDataInfo, type LogOffsetMetadata, LogSegment, segmentFileName } from "./segment.js";
import type { RecordBatch } from "./types.js";
import type { BatchMetadata } from "../producer-state/batch-metadata.js";
import type { AppendOrigin, ProducerAppendInfo } from "../producer-state/producer-append-info.js";
import { ProducerStateManager } from "../producer-state/producer-state-manager.js";

export { assignOffsets } from "./record-batch.js";
export { DEFAULT_SEGMENT_MS, type LogConfig, validateLogConfig } from "./log-config.js";

const NO_BATCHES: readonly RecordBatch[] = Object.freeze([]);

export interface LogOptions {
  /** Where the log starts (its first segment's base offset). Default 0. */
  readonly logStartOffset?: number;
  /** Named in error messages, e.g. "orders-0". */
  readonly topicPartition?: string;
}

/** One step-by-step offset lookup, for the log-segment widget. Positions are bytes in the segment. */
export interface OffsetLookup {
  readonly offset: number;
  /** Step 1: the segment with the largest base offset <= offset. */
  readonly segmentBaseOffset: number;
  readonly segmentFile: string;
  /** Step 2: the index's floor entry (largest entry offset <= offset); null means "from the segment start". */
  readonly indexEntry: OffsetPosition | null;
  /** Step 3: every batch the forward scan looked at, in order; the last one is `found` when found. */
  readonly scanned: readonly BatchLocation[];
  /**
   * Where the scan stopped: the batch holding the offset or, in a gap that truncation left, the
   * first batch after it, as Kafka's scan finds it. Null when no batch in the segment reaches the
   * offset (the offset is the log end offset).
   */
  readonly found: BatchLocation | null;
}

/** What a leader append did (the part of Kafka's LogAppendInfo the produce path reads). */
export interface LeaderAppendInfo {
  /** The offsets the producer is told: the new batch's, or the original batch's for a duplicate. */
  readonly firstOffset: number;
  readonly lastOffset: number;
  /** The cached batch a retry duplicated (nothing was appended), or null when the batch was appended. */
  readonly duplicate: BatchMetadata | null;
}

export interface BatchLocation {
  readonly baseOffset: number;
  readonly lastOffset: number;
  readonly position: number;
}

export class Log {
  /** The topic configs in force; `updateConfig` replaces them (dynamic topic configs). */
  config: LogConfig;
  readonly leaderEpochCache = new LeaderEpochCache();
  /** Idempotent producers' last sequences (UnifiedLog's producerStateManager). */
  readonly producerStateManager: ProducerStateManager;
  /** "partition orders-0", or "the partition" when no name was given: how error messages name this log. */
  private readonly partitionName: string;
  private segmentMs: number;
  private segmentIndexBytes: number;
  private readonly segmentList: LogSegment[];
  private startOffset: number;
  private endOffset: number;
  private size = 0;

  constructor(config: LogConfig, options: LogOptions = {}) {
    validateLogConfig(config);
    this.config = config;
    this.partitionName = options.topicPartition === undefined ? "the partition" : `partition ${options.topicPartition}`;
    this.segmentMs = config.segmentMs ?? DEFAULT_SEGMENT_MS;
    this.segmentIndexBytes = config.segmentIndexBytes ?? DEFAULT_SEGMENT_INDEX_BYTES;
    const logStartOffset = options.logStartOffset ?? 0;
    if (!Number.isSafeInteger(logStartOffset) || logStartOffset < 0) {
      throw new RangeError(`logStartOffset ${logStartOffset} is not allowed: offsets are non-negative integers`);
    }
    this.startOffset = logStartOffset;
    this.endOffset = logStartOffset;
    this.segmentList = [this.newSegment(logStartOffset)];
    this.producerStateManager = new ProducerStateManager(options.topicPartition ?? "the partition");
    this.producerStateManager.updateMapEndOffset(logStartOffset);
  }

  /**
   * UnifiedLog.updateConfig: a dynamic topic config change (kafka-configs.sh --alter) applies
   * to the live log at once; rolling and retention read the new values from the next append
   * or cleaner run. Existing segments keep their index capacity.
   */
  updateConfig(config: LogConfig): void {
    validateLogConfig(config);
    this.config = config;
    this.segmentMs = config.segmentMs ?? DEFAULT_SEGMENT_MS;
    this.segmentIndexBytes = config.segmentIndexBytes ?? DEFAULT_SEGMENT_INDEX_BYTES;
  }

  private newSegment(baseOffset: number): LogSegment {
    return new LogSegment(baseOffset, this.config.indexIntervalBytes, this.segmentIndexBytes);
  }

  /** The first offset a consumer may read. Moves forward when retention deletes segments. */
  get logStartOffset(): number {
    return this.startOffset;
  }

  /** LEO: the offset the next appended record will get. */
  get logEndOffset(): number {
    return this.endOffset;
  }

  /** Bytes in all segments. */
  get sizeInBytes(): number {
    return this.size;
  }

  /** The segments, oldest first; the last is the active segment. A live, read-only view. */
  get segments(): readonly LogSegment[] {
    return this.segmentList;
  }

  get activeSegment(): LogSegment {
    return this.segmentList[this.segmentList.length - 1];
  }

  get numberOfSegments(): number {
    return this.segmentList.length;
  }

  /** LocalLog.logEndOffsetMetadata: the LEO and where the next batch will be written. */
  get logEndOffsetMetadata(): LogOffsetMetadata {
    const active = this.activeSegment;
    return { messageOffset: this.endOffset, segmentBaseOffset: active.baseOffset, relativePositionInSegment: active.sizeInBytes };
  }

  /** UnifiedLog.latestEpoch */
  latestEpoch(): number | null {
    return this.leaderEpochCache.latestEpoch();
  }

  /** UnifiedLog.endOffsetForEpoch: null when the cache cannot answer (UNDEFINED_EPOCH_OFFSET). */
  endOffsetForEpoch(leaderEpoch: number): EpochEndOffset | null {
    const answer = this.leaderEpochCache.endOffsetFor(leaderEpoch, this.endOffset);
    return answer.endOffset === UNDEFINED_EPOCH_OFFSET ? null : answer;
  }

  /**
   * UnifiedLog.append without offset assignment: the caller built the batch at the log end
   * (see assignOffsets). Records the batch's leader epoch, rolls a new segment if the active
   * one should roll, and appends. Kafka allows a gap above the LEO (compacted logs); it rejects
   * a batch starting below it.
   */
  append(batch: RecordBatch): void {
    this.validateAppend(batch);
    // A replicated batch (or one replayed from the log) updates the producer state unchecked.
    const appendInfo = batch.producerId >= 0 ? this.prepareProducerAppend(batch, "REPLICATION") : null;
    this.appendValidated(batch, appendInfo);
  }

  /**
   * UnifiedLog.appendAsLeader for a batch whose offsets the leader assigned at the LEO, with
   * the producer checks of UnifiedLog.analyzeAndValidateProducerState (origin CLIENT): a batch
   * whose producer id, epoch and sequence range equal one of the producer's last five batches
   * is a retry of a batch already written, so nothing is appended and the original offsets are
   * returned; a sequence gap throws OUT_OF_ORDER_SEQUENCE_NUMBER and an older producer epoch
   * INVALID_PRODUCER_EPOCH (as KafkaError). A batch without a producer id is appended as is.
   */
  appendAsLeader(batch: RecordBatch): LeaderAppendInfo {
    this.validateAppend(batch);
    let appendInfo: ProducerAppendInfo | null = null;
    if (batch.producerId >= 0) {
      const duplicate = this.producerStateManager.lastEntry(batch.producerId)?.findDuplicateBatch(batch) ?? null;
      if (duplicate) return { firstOffset: duplicate.firstOffset, lastOffset: duplicate.lastOffset, duplicate };
      appendInfo = this.prepareProducerAppend(batch, "CLIENT");
    }
    this.appendValidated(batch, appendInfo);
    return { firstOffset: batch.baseOffset, lastOffset: batch.lastOffset, duplicate: null };
  }

  /** UnifiedLog.updateProducers for one batch: validates (for CLIENT) and throws before anything changes. */
  private prepareProducerAppend(batch: RecordBatch, origin: AppendOrigin): ProducerAppendInfo {
    const appendInfo = this.producerStateManager.prepareUpdate(batch.producerId, origin);
    appendInfo.append(batch);
    return appendInfo;
  }

  private appendValidated(batch: RecordBatch, appendInfo: ProducerAppendInfo | null): void {
    // Kafka records the epoch before its segment-size check; here every check comes first, so a
    // rejected batch leaves no trace. Kafka assigns the epoch for every v2 batch; a batch no leader
    // has stamped (-1) has none to record.
    if (batch.partitionLeaderEpoch >= 0) this.leaderEpochCache.assign(batch.partitionLeaderEpoch, batch.baseOffset);
    const segment = this.maybeRoll(batch);
    segment.append(batch);
    this.size += batch.sizeInBytes;
    this.endOffset = batch.lastOffset + 1;
    if (appendInfo) this.producerStateManager.update(appendInfo);
    this.producerStateManager.updateMapEndOffset(this.endOffset);
  }

  /**
   * UnifiedLog.rebuildProducerState / LogLoader: rebuild the producer state from the log, after a
   * truncation or when a restarted broker loads its logs. Simplification: the replay starts
   * from the first retained batch rather than from Kafka's latest producer snapshot (there are
   * no snapshot files); the log is in memory, so this is cheap enough.
   */
  loadProducerState(): void {
    const producers = this.producerStateManager;
    producers.truncateFullyAndStartAt(this.startOffset);
    for (const segment of this.segmentList) {
      for (const batch of segment.batches) {
        if (batch.producerId < 0 || batch.lastOffset < this.startOffset) continue;
        const appendInfo = producers.prepareUpdate(batch.producerId, "REPLICATION");
        appendInfo.append(batch);
        producers.update(appendInfo);
      }
    }
    producers.updateMapEndOffset(this.endOffset);
  }

  /** The checks every append makes before anything changes. */
  private validateAppend(batch: RecordBatch): void {
    if (batch.baseOffset < this.endOffset) {
      throw new UnexpectedAppendOffsetError(
        batch.baseOffset,
        batch.lastOffset,
        `Unexpected offset in append to ${this.partitionName}. First offset ${batch.baseOffset} is less than the ` +
          `next offset ${this.endOffset}: a batch must start at or after the log end offset. Log start offset = ${this.startOffset}`,
      );
    }
    if (batch.lastOffset < batch.baseOffset || batch.records.length !== batch.lastOffset - batch.baseOffset + 1) {
      throw new RangeError(
        `batch offsets [${batch.baseOffset}, ${batch.lastOffset}] do not match its ${batch.records.length} records: ` +
          "a batch holds one record per offset from baseOffset to lastOffset",
      );
    }
    if (batch.sizeInBytes < RECORD_BATCH_OVERHEAD) {
      throw new RangeError(`batch sizeInBytes ${batch.sizeInBytes} is not allowed: a v2 batch is at least ${RECORD_BATCH_OVERHEAD} bytes`);
    }
    if (batch.sizeInBytes > this.config.segmentBytes) {
      throw new RecordBatchTooLargeError(
        `Message batch size is ${batch.sizeInBytes} bytes in append to ${this.partitionName}, ` +
          `which exceeds the maximum configured segment size of ${this.config.segmentBytes} (segment.bytes).`,
      );
    }
  }

  /** UnifiedLog.maybeRoll: the active segment, or a new one at the batch's base offset if it should roll. */
  private maybeRoll(batch: RecordBatch): LogSegment {
    const active = this.activeSegment;
    const shouldRoll = active.shouldRoll({
      maxSegmentMs: this.segmentMs,
      maxSegmentBytes: this.config.segmentBytes,
      maxTimestampInMessages: batch.maxTimestamp,
      maxOffsetInMessages: batch.lastOffset,
      messagesSize: batch.sizeInBytes,
    });
    return shouldRoll ? this.roll(batch.baseOffset) : active;
  }

  /**
   * LocalLog.roll: start a new active segment at max(expectedNextOffset, LEO). An empty active
   * segment already at that offset is replaced rather than duplicated (KAFKA-6388), so the log
   * never holds two segments with one base offset.
   */
  roll(expectedNextOffset = 0): LogSegment {
    const newOffset = Math.max(expectedNextOffset, this.endOffset);
    const active = this.activeSegment;
    if (active.baseOffset === newOffset) {
      if (active.sizeInBytes !== 0) {
        throw new RangeError(
          `Trying to roll a new log segment for ${this.partitionName} with start offset ${newOffset} while it already exists.`,
        );
      }
      const replacement = this.newSegment(newOffset);
      this.segmentList[this.segmentList.length - 1] = replacement;
      return replacement;
    }
    if (newOffset < active.baseOffset) {
      throw new RangeError(
        `Trying to roll a new log segment for ${this.partitionName} with start offset ${newOffset} lower than ` +
          `start offset of the active segment ${active.baseOffset}.`,
      );
    }
    const segment = this.newSegment(newOffset);
    this.segmentList.push(segment);
    return segment;
  }

  /** Index of the segment with the largest base offset <= offset (LogSegments.floorSegment), or -1. */
  private floorSegmentIndex(offset: number): number {
    const segments = this.segmentList;
    let lo = 0;
    let hi = segments.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (segments[mid].baseOffset <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  private checkOffsetInRange(offset: number, what: string): void {
    if (!(offset >= this.startOffset && offset <= this.endOffset)) {
      throw new OffsetOutOfRangeError(
        offset,
        this.startOffset,
        this.endOffset,
        `${what} offset ${offset} for ${this.partitionName} is out of range: valid offsets are ` +
          `[${this.startOffset}, ${this.endOffset}] (from the log start offset to the log end offset)`,
      );
    }
  }

  /** The offset metadata of `offset`, as LocalLog.convertToOffsetMetadataOrThrow finds it. */
  private offsetMetadataFor(offset: number): LogOffsetMetadata {
    for (let i = Math.max(this.floorSegmentIndex(offset), 0); i < this.segmentList.length; i++) {
      const segment = this.segmentList[i];
      const batchIndex = segment.findBatchIndex(offset);
      if (batchIndex >= 0) {
        return { messageOffset: offset, segmentBaseOffset: segment.baseOffset, relativePositionInSegment: segment.positions[batchIndex] };
      }
    }
    return this.logEndOffsetMetadata;
  }

  private emptyFetch(fetchOffsetMetadata: LogOffsetMetadata): FetchDataInfo {
    return { fetchOffsetMetadata, batches: NO_BATCHES, sizeInBytes: 0, firstEntryIncomplete: false };
  }

  /**
   * LocalLog.read: whole batches from the one containing fetchOffset, within one segment, at most
   * maxBytes except that the first batch is returned even if larger (KIP-74, minOneMessage),
   * and only batches that end before maxOffset (pass the high watermark to cap a consumer).
   * Throws OffsetOutOfRangeError when fetchOffset is outside [logStartOffset, LEO].
   */
  read(fetchOffset: number, maxBytes: number, maxOffset?: number, minOneMessage = true): FetchDataInfo {
    this.checkOffsetInRange(fetchOffset, "fetch");
    const maxOffsetOrEnd = maxOffset ?? this.endOffset;
    if (fetchOffset === maxOffsetOrEnd) {
      return this.emptyFetch(maxOffset === undefined ? this.logEndOffsetMetadata : this.offsetMetadataFor(maxOffsetOrEnd));
    }
    if (fetchOffset > maxOffsetOrEnd) return this.emptyFetch(this.offsetMetadataFor(fetchOffset));
    // A segment whose batches all end before fetchOffset yields nothing; Kafka moves on to the next.
    for (let i = this.floorSegmentIndex(fetchOffset); i >= 0 && i < this.segmentList.length; i++) {
      const fetched = this.segmentList[i].read(fetchOffset, maxBytes, maxOffsetOrEnd, minOneMessage);
      if (fetched !== null) return fetched;
    }
    return this.emptyFetch(this.logEndOffsetMetadata);
  }

  /**
   * The offset lookup a log-segment widget narrates: the floor segment by base offset, the
   * offset index's floor entry, then the forward scan (LogSegment.translateOffset, step by step).
   * Throws OffsetOutOfRangeError outside [logStartOffset, LEO].
   */
  lookup(offset: number): OffsetLookup {
    this.checkOffsetInRange(offset, "lookup");
    const segment = this.segmentList[this.floorSegmentIndex(offset)];
    const slot = segment.offsetIndex.largestLowerBoundSlotFor(offset);
    const indexEntry = slot < 0 ? null : segment.offsetIndex.entry(slot);
    const scanned: BatchLocation[] = [];
    let found: BatchLocation | null = null;
    const { batches, positions } = segment;
    for (let i = segment.batchIndexAtPosition(indexEntry?.position ?? 0); i < batches.length; i++) {
      const location = { baseOffset: batches[i].baseOffset, lastOffset: batches[i].lastOffset, position: positions[i] };
      scanned.push(location);
      if (location.lastOffset >= offset) {
        found = location;
        break;
      }
    }
    return { offset, segmentBaseOffset: segment.baseOffset, segmentFile: segment.logFile, indexEntry, scanned, found };
  }

  /**
   * UnifiedLog.truncateTo: make the log end at `targetOffset` (a follower truncating to the
   * leader's epoch end offset, or to its high watermark). Segments wholly above the offset are
   * deleted, then LogSegment.truncateTo removes every batch whose last offset is >= targetOffset:
   * the batch containing targetOffset goes as a whole, even if it also held smaller offsets.
   * Kafka then sets the LEO to targetOffset regardless (followers truncate at batch boundaries).
   * The epoch cache drops epochs starting at or after the offset. Returns false when
   * targetOffset >= LEO (nothing to cut; the epoch cache is still trimmed to the LEO).
   */
  truncateTo(targetOffset: number): boolean {
    if (!Number.isSafeInteger(targetOffset) || targetOffset < 0) {
      throw new RangeError(`Cannot truncate ${this.partitionName} to offset ${targetOffset}: it must be a non-negative integer`);
    }
    if (targetOffset >= this.endOffset) {
      this.leaderEpochCache.truncateFromEnd(this.endOffset);
      return false;
    }
    if (this.segmentList[0].baseOffset > targetOffset) {
      this.truncateFullyAndStartAt(targetOffset);
      return true;
    }
    // LocalLog.truncateTo: delete segments with a base offset above the target, then cut the new last one.
    while (this.activeSegment.baseOffset > targetOffset) {
      this.size -= this.segmentList.pop()!.sizeInBytes;
    }
    this.size -= this.activeSegment.truncateTo(targetOffset);
    this.endOffset = targetOffset;
    this.leaderEpochCache.truncateFromEnd(targetOffset);
    this.startOffset = Math.min(targetOffset, this.startOffset);
    // UnifiedLog.truncateTo: the truncated batches may have been some producers' latest.
    this.loadProducerState();
    return true;
  }

  /** UnifiedLog.truncateFullyAndStartAt: delete everything; one empty segment at newOffset; epochs forgotten. */
  truncateFullyAndStartAt(newOffset: number): void {
    if (!Number.isSafeInteger(newOffset) || newOffset < 0) {
      throw new RangeError(`Cannot restart ${this.partitionName} at offset ${newOffset}: it must be a non-negative integer`);
    }
    this.segmentList.length = 0;
    this.segmentList.push(this.newSegment(newOffset));
    this.size = 0;
    this.endOffset = newOffset;
    this.startOffset = newOffset;
    this.leaderEpochCache.clear();
    this.producerStateManager.truncateFullyAndStartAt(newOffset);
  }

  /**
   * UnifiedLog.maybeIncrementLogStartOffset (DeleteRecords, or retention): move the log start
   * offset forward, never past the high watermark, and forget epochs wholly before it. Segments
   * below it are deleted by the next deleteOldSegments ("log-start-offset"). Returns whether it moved.
   */
  maybeIncrementLogStartOffset(newLogStartOffset: number, highWatermark: number): boolean {
    if (newLogStartOffset > highWatermark) {
      throw new OffsetOutOfRangeError(
        newLogStartOffset,
        this.startOffset,
        this.endOffset,
        `Cannot increment the log start offset to ${newLogStartOffset} of ${this.partitionName} since it ` +
          `is larger than the high watermark ${highWatermark}: the log start offset may be at most the high watermark`,
      );
    }
    if (newLogStartOffset <= this.startOffset) return false;
    this.startOffset = newLogStartOffset;
    this.leaderEpochCache.truncateFromStart(newLogStartOffset);
    return true;
  }

  /**
   * UnifiedLog.deleteOldSegments with cleanup.policy=delete: first segments wholly below the log
   * start offset, then retention.bytes, then retention.ms. Each rule deletes oldest first and
   * stops at the first segment it keeps; a segment may only go when its upper bound (the next
   * segment's base offset, or the LEO for the active segment) is <= highWatermark, so the log
   * start offset never passes the high watermark. The log start offset moves to the first
   * remaining segment's base offset.
   */
  deleteOldSegments(nowMs: number, highWatermark: number): RetentionResult {
    const deleted: SegmentDeletion[] = [];
    let rolledNewActiveSegment = false;
    const deleteWhile = (condition: DeletionCondition | null, reason: SegmentDeletionReason): void => {
      if (condition === null) return;
      const deletable = this.deletableSegments(condition, highWatermark);
      if (deletable > 0 && this.deleteSegments(deletable, reason, highWatermark, deleted)) rolledNewActiveSegment = true;
    };
    deleteWhile(logStartOffsetBreached(this.startOffset), "log-start-offset");
    deleteWhile(retentionSizeBreached(this.size, this.config.retentionBytes), "retention.bytes");
    deleteWhile(retentionMsBreached(nowMs, this.config.retentionMs), "retention.ms");
    return { deleted, rolledNewActiveSegment, logStartOffset: this.startOffset };
  }

  /**
   * UnifiedLog.deletableSegments: how many segments, oldest first, the condition lets go. The
   * condition is only asked about segments below the high watermark, and a last segment that is
   * empty is never deletable.
   */
  private deletableSegments(condition: DeletionCondition, highWatermark: number): number {
    const segments = this.segmentList;
    let count = 0;
    while (count < segments.length) {
      const segment = segments[count];
      const nextSegment = count + 1 < segments.length ? segments[count + 1] : null;
      const isLastSegmentAndEmpty = nextSegment === null && segment.sizeInBytes === 0;
      const upperBoundOffset = nextSegment !== null ? nextSegment.baseOffset : this.endOffset;
      const deletable = highWatermark >= upperBoundOffset && condition(segment, nextSegment);
      if (!deletable || isLastSegmentAndEmpty) break;
      count++;
    }
    return count;
  }

  /**
   * UnifiedLog.deleteSegments: delete the oldest `count` segments. A log always keeps one
   * segment, so when all are going an empty active segment is rolled at the LEO first. The log
   * start offset moves to the base offset of the segment after the last deleted one.
   * Returns whether a new active segment was rolled.
   */
  private deleteSegments(count: number, reason: SegmentDeletionReason, highWatermark: number, deleted: SegmentDeletion[]): boolean {
    let rolled = false;
    if (count === this.segmentList.length) {
      const newSegment = this.roll();
      rolled = true;
      // Kafka's guard: if the roll replaced an empty segment at the LEO, that one is not deleted again.
      if (this.segmentList[count - 1] === newSegment) count--;
    }
    if (count === 0) return rolled;
    const newLogStartOffset = this.segmentList[count].baseOffset;
    this.maybeIncrementLogStartOffset(newLogStartOffset, highWatermark);
    for (const segment of this.segmentList.splice(0, count)) {
      this.size -= segment.sizeInBytes;
      deleted.push({
        reason,
        baseOffset: segment.baseOffset,
        lastOffset: segment.nextOffset - 1,
        segmentFile: segmentFileName(segment.baseOffset),
        sizeInBytes: segment.sizeInBytes,
        largestTimestamp: segment.largestTimestamp,
      });
    }
    return rolled;
  }
}
