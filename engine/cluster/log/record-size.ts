/**
 * Byte sizes of Kafka's record format v2, ported from DefaultRecord.sizeInBytes,
 * DefaultRecordBatch.sizeInBytes and ByteUtils.sizeOfVarint / sizeOfVarlong
 * (apache/kafka clients/src/main/java/org/apache/kafka/common/{record,utils}).
 *
 * The simulator never writes bytes, but every size it reports (segment sizes, fetch sizes,
 * retention.bytes) is the number of bytes Kafka would write for the same records.
 *
 * Record =>                      RecordBatch header (61 bytes) =>
 *   Length => Varint               BaseOffset Int64, Length Int32, PartitionLeaderEpoch Int32,
 *   Attributes => Int8             Magic Int8, CRC Uint32, Attributes Int16, LastOffsetDelta Int32,
 *   TimestampDelta => Varlong      FirstTimestamp Int64, MaxTimestamp Int64, ProducerId Int64,
 *   OffsetDelta => Varint          ProducerEpoch Int16, BaseSequence Int32, RecordsCount Int32
 *   KeyLength => Varint, Key => Bytes
 *   ValueLength => Varint, Value => Bytes
 *   HeadersCount => Varint, Headers => [HeaderKeyLength Varint, HeaderKey, HeaderValueLength Varint, HeaderValue]
 */

/** DefaultRecordBatch.RECORD_BATCH_OVERHEAD: the v2 batch header, in bytes. */
export const RECORD_BATCH_OVERHEAD = 61;

/** DefaultRecord.MAX_RECORD_OVERHEAD: a record's bytes excluding key, value and headers, at most. */
export const MAX_RECORD_OVERHEAD = 21;

/** A header as the size functions accept it; Kafka allows a null header value (never a null key). */
export type RecordHeaderLike = readonly [string, string | null];

/** The fields of a record that its size depends on. `SimRecord` is one. */
export interface SizedRecord {
  readonly key: string | null;
  readonly value: string | null;
  readonly headers?: readonly RecordHeaderLike[];
  readonly timestamp: number;
}

const NO_HEADERS: readonly RecordHeaderLike[] = Object.freeze([]);

/** ByteUtils.sizeOfVarint(-1): a null key, value or header value is written as length -1. */
const NULL_VARINT_SIZE_BYTES = 1;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * ByteUtils.sizeOfUnsignedVarint, ported exactly: the byte count follows from the number of
 * leading zero bits. `value` is an int32 whose bits are read as unsigned, as in Java.
 */
function unsignedVarintSize(value: number): number {
  const leadingZeros = Math.clz32(value);
  const leadingZerosBelow38DividedBy7 = ((38 - leadingZeros) * 0b10010010010010011) >>> 19;
  return leadingZerosBelow38DividedBy7 + (leadingZeros >>> 5);
}

/** ByteUtils.sizeOfVarint: bytes of a zig-zag encoded int32 (1 to 5). */
export function varintSize(value: number): number {
  if ((value | 0) !== value) {
    throw new RangeError(
      `varint value ${value} is not allowed: a varint holds a 32-bit signed integer (${INT32_MIN} to ${INT32_MAX})`,
    );
  }
  return unsignedVarintSize((value << 1) ^ (value >> 31));
}

/**
 * VARLONG_LIMITS[n] = 2^(7n - 1): a zig-zag varlong of n bytes holds exactly the values v with
 * -2^(7n-1) <= v < 2^(7n-1). All limits are powers of two, so the comparison is exact in doubles.
 */
const VARLONG_LIMITS: readonly number[] = Array.from({ length: 10 }, (_, n) => 2 ** (7 * n - 1));

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * ByteUtils.sizeOfVarlong: bytes of a zig-zag encoded int64 (1 to 10). Numbers must be safe
 * integers (every simulated timestamp delta is); pass a bigint for the full int64 range.
 */
export function varlongSize(value: number | bigint): number {
  if (typeof value === "bigint") return varlongSizeOfBigint(value);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(
      `varlong value ${value} is not allowed as a number: use a safe integer (|v| <= ${Number.MAX_SAFE_INTEGER}) or a bigint`,
    );
  }
  for (let bytes = 1; bytes < 10; bytes++) {
    const limit = VARLONG_LIMITS[bytes];
    if (value < limit && value >= -limit) return bytes;
  }
  return 10;
}

function varlongSizeOfBigint(value: bigint): number {
  if (value < INT64_MIN || value > INT64_MAX) {
    throw new RangeError(
      `varlong value ${value} is not allowed: a varlong holds a 64-bit signed integer (${INT64_MIN} to ${INT64_MAX})`,
    );
  }
  // (value << 1) ^ (value >> 63), as an unsigned 64-bit pattern.
  let zigZag = BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
  let bytes = 1;
  while (zigZag >= 0x80n) {
    bytes++;
    zigZag >>= 7n;
  }
  return bytes;
}

/**
 * Utils.utf8Length: UTF-8 bytes of a string without encoding it. For well-formed strings this
 * equals what Kafka's StringSerializer writes (String.getBytes(UTF_8)).
 * Simplification: a lone surrogate counts as Utils.utf8Length counts it, not as getBytes writes it.
 */
export function utf8Length(text: string): number {
  let count = 0;
  for (let i = 0, length = text.length; i < length; i++) {
    const ch = text.charCodeAt(i);
    if (ch <= 0x7f) {
      count++;
    } else if (ch <= 0x7ff) {
      count += 2;
    } else if (ch >= 0xd800 && ch <= 0xdbff) {
      // A high surrogate starts a 4-byte code point; its low surrogate is consumed with it.
      count += 4;
      ++i;
    } else {
      count += 3;
    }
  }
  return count;
}

/** Bytes of a length-prefixed field (Kafka's Bytes type); null is the single byte of length -1. */
function nullableFieldSize(text: string | null): number {
  if (text === null) return NULL_VARINT_SIZE_BYTES;
  const length = utf8Length(text);
  return varintSize(length) + length;
}

/** DefaultRecord.sizeOf(keySize, valueSize, headers): key, value and headers with their lengths. */
function keyValueHeadersSize(key: string | null, value: string | null, headers: readonly RecordHeaderLike[]): number {
  let size = nullableFieldSize(key) + nullableFieldSize(value);
  size += varintSize(headers.length);
  for (let i = 0; i < headers.length; i++) {
    // Indexing, not destructuring: destructuring would run the iterator protocol per header.
    const header = headers[i];
    const headerKey = header[0];
    const headerValue = header[1];
    if (headerKey === null || headerKey === undefined) {
      throw new TypeError(`header ${i} has key ${headerKey}: a header key must be a string (Kafka rejects null header keys)`);
    }
    const headerKeySize = utf8Length(headerKey);
    size += varintSize(headerKeySize) + headerKeySize;
    size += nullableFieldSize(headerValue);
  }
  return size;
}

/**
 * DefaultRecord.sizeInBytes: one record's bytes inside a v2 batch, including its own length
 * varint. `offsetDelta` and `timestampDelta` are relative to the batch's base offset and base
 * timestamp.
 */
export function recordSizeInBytes(
  offsetDelta: number,
  timestampDelta: number,
  key: string | null,
  value: string | null,
  headers: readonly RecordHeaderLike[] = NO_HEADERS,
): number {
  const bodySize =
    1 + // attributes
    varintSize(offsetDelta) +
    varlongSize(timestampDelta) +
    keyValueHeadersSize(key, value, headers);
  return bodySize + varintSize(bodySize);
}

/**
 * DefaultRecordBatch.sizeInBytes(Iterable<SimpleRecord>): the 61-byte header plus each record,
 * with offset deltas 0, 1, 2, ... and timestamp deltas from `baseTimestamp` (Kafka uses the first
 * record's timestamp, the default here). An empty batch is 0 bytes, as in Kafka.
 */
export function batchSizeInBytes(
  records: readonly SizedRecord[],
  baseTimestamp: number = records.length > 0 ? records[0].timestamp : 0,
): number {
  if (records.length === 0) return 0;
  let size = RECORD_BATCH_OVERHEAD;
  for (let offsetDelta = 0; offsetDelta < records.length; offsetDelta++) {
    const record = records[offsetDelta];
    size += recordSizeInBytes(
      offsetDelta,
      record.timestamp - baseTimestamp,
      record.key,
      record.value,
      record.headers ?? NO_HEADERS,
    );
  }
  return size;
}
