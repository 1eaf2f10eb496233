/**
 * The partition log storage model: record sizes in Kafka's v2 format, segments with a sparse
 * offset index, the Log (UnifiedLog/LocalLog) with rolling, reads, truncation and retention, and
 * the leader epoch cache.
 */
export type { RecordBatch, SimRecord } from "./types.js";
export {
  batchSizeInBytes,
  MAX_RECORD_OVERHEAD,
  RECORD_BATCH_OVERHEAD,
  type RecordHeaderLike,
  recordSizeInBytes,
  type SizedRecord,
  utf8Length,
  varintSize,
  varlongSize,
} from "./record-size.js";
export {
  assignOffsets,
  type BatchMeta,
  NO_PARTITION_LEADER_EPOCH,
  NO_PRODUCER_EPOCH,
  NO_PRODUCER_ID,
  NO_SEQUENCE,
  NO_TIMESTAMP,
} from "./record-batch.js";
export { DEFAULT_SEGMENT_INDEX_BYTES, OFFSET_INDEX_ENTRY_SIZE, OffsetIndex, type OffsetPosition } from "./offset-index.js";
export {
  type FetchDataInfo,
  filenamePrefixFromOffset,
  INDEX_FILE_SUFFIX,
  LOG_FILE_SUFFIX,
  type LogOffsetMetadata,
  type LogOffsetPosition,
  LogSegment,
  offsetIndexFileName,
  type RollParams,
  segmentFileName,
  TIME_INDEX_FILE_SUFFIX,
  timeIndexFileName,
} from "./segment.js";
export {
  type EpochEndOffset,
  type EpochEntry,
  LeaderEpochCache,
  UNDEFINED_EPOCH,
  UNDEFINED_EPOCH_OFFSET,
} from "./leader-epoch-cache.js";
export {
  type DeletionCondition,
  logStartOffsetBreached,
  type RetentionResult,
  retentionMsBreached,
  retentionSizeBreached,
  type SegmentDeletion,
  type SegmentDeletionReason,
} from "./retention.js";
export { DEFAULT_SEGMENT_MS, type LogConfig, validateLogConfig } from "./log-config.js";
export { type BatchLocation, type LeaderAppendInfo, Log, type LogOptions, type OffsetLookup } from "./log.js";
export {
  InvalidLogConfigError,
  InvalidOffsetError,
  LogSegmentOffsetOverflowError,
  OffsetOutOfRangeError,
  RecordBatchTooLargeError,
  UnexpectedAppendOffsetError,
} from "./errors.js";
