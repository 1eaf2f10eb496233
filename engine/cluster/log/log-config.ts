/**
 * The topic configs a partition log reads, by Kafka's names, and their validation (Kafka's
 * LogConfig, storage/.../log/LogConfig.java, for the configs modelled here).
 */
import { InvalidLogConfigError } from "./errors.js";

/** segment.ms default: 7 days (log.roll.hours = 168). */
export const DEFAULT_SEGMENT_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The topic configs a Log reads, by Kafka's names. Defaults in Kafka 4: segment.bytes 1 GiB,
 * index.interval.bytes 4096, segment.ms 7 days, retention.ms 7 days, retention.bytes -1.
 */
export interface LogConfig {
  /** segment.bytes: a segment rolls before it would grow past this many bytes. */
  readonly segmentBytes: number;
  /** index.interval.bytes: bytes appended between two offset index entries. */
  readonly indexIntervalBytes: number;
  /** segment.ms: a segment rolls once its records span more than this many ms. Default 7 days. */
  readonly segmentMs?: number;
  /** retention.ms: delete segments whose newest record is older than this (ms); < 0 keeps them forever. */
  readonly retentionMs: number;
  /** retention.bytes: delete oldest segments while the log stays at least this long (bytes); < 0 no limit. */
  readonly retentionBytes: number;
  /** segment.index.bytes: capacity of each offset index file (bytes). Default 10 MiB. */
  readonly segmentIndexBytes?: number;
}

/**
 * Validates a log config the way Kafka's LogConfig does, naming the config, the value and what is
 * allowed. Simplification: Kafka 4 raised segment.bytes' minimum to 1 MiB; the simulator keeps the
 * older minimum of 14 bytes so that a widget can show segments rolling after a few records.
 */
export function validateLogConfig(config: LogConfig): void {
  requireInteger("segment.bytes", config.segmentBytes, 14, "Value must be at least 14");
  requireInteger("index.interval.bytes", config.indexIntervalBytes, 0, "Value must be at least 0");
  if (config.segmentMs !== undefined) requireInteger("segment.ms", config.segmentMs, 1, "Value must be at least 1");
  requireInteger("retention.ms", config.retentionMs, -1, "Value must be at least -1 (-1 means no time limit)");
  requireInteger("retention.bytes", config.retentionBytes, -Infinity, "Value must be an integer (-1 means no size limit)");
  if (config.segmentIndexBytes !== undefined) {
    requireInteger("segment.index.bytes", config.segmentIndexBytes, 4, "Value must be at least 4");
  }
}

function requireInteger(name: string, value: number, min: number, allowed: string): void {
  if (!Number.isSafeInteger(value) || value < min) throw new InvalidLogConfigError(name, value, allowed);
}

