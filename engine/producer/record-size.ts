import { MAX_RECORD_OVERHEAD, RECORD_BATCH_OVERHEAD, varintSize, varlongSize } from "../cluster/log/index.js";

/**
 * Record sizes from byte lengths (the producer knows lengths after serialization, not
 * strings), following DefaultRecord.sizeInBytes and DefaultRecordBatch.estimateBatchSizeUpperBound.
 * A length of -1 is a null key or value.
 */

/** Bytes of a length-prefixed field; null (-1) is the single byte of length -1. */
function fieldSize(length: number): number {
  return length < 0 ? 1 : varintSize(length) + length;
}

/** Bytes of a record's headers, including their count. */
export function headersSizeInBytes(headers: readonly (readonly [string, string])[] | undefined, utf8Length: (s: string) => number): number {
  if (!headers || headers.length === 0) return 1;
  let size = varintSize(headers.length);
  for (const [key, value] of headers) size += fieldSize(utf8Length(key)) + fieldSize(value === null ? -1 : utf8Length(value));
  return size;
}

/** DefaultRecord.sizeInBytes: one record inside a v2 batch, with its own length varint. */
export function recordSizeInBytes(offsetDelta: number, timestampDelta: number, keyLength: number, valueLength: number, headersSize: number): number {
  const body = 1 + varintSize(offsetDelta) + varlongSize(timestampDelta) + fieldSize(keyLength) + fieldSize(valueLength) + headersSize;
  return body + varintSize(body);
}

/**
 * AbstractRecords.estimateSizeInBytesUpperBound for magic v2 without compression: a batch
 * header plus the record at its largest overhead. KafkaProducer checks it against
 * max.request.size and buffer.memory; the accumulator sizes an oversized record's batch by it.
 */
export function estimateSizeInBytesUpperBound(keyLength: number, valueLength: number, headersSize: number): number {
  return RECORD_BATCH_OVERHEAD + MAX_RECORD_OVERHEAD + fieldSize(keyLength) + fieldSize(valueLength) + headersSize;
}
