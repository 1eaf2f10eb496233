/**
 * Kafka's key hash: org.apache.kafka.common.utils.Utils.murmur2 and Utils.toPositive, bit for bit.
 *
 * Every keyed record Kafka's Java producer sends lands on `toPositive(murmur2(keyBytes)) % n`, so
 * this function decides which partition a reader's key goes to. It must agree with the JVM on every
 * input, including the negative results: Java's `int` arithmetic wraps at 32 bits, which here means
 * `Math.imul` for every multiply, `>>>` for Java's unsigned shift, and `| 0` to keep sums in int32.
 */

/** Utils.murmur2's seed; `| 0` makes it the same negative int32 Java sees (0x9747b28c > 2^31). */
const MURMUR2_SEED = 0x9747b28c | 0;
/** Mixing constants "generated offline" (Utils.murmur2's comment): m and r. */
const MURMUR2_M = 0x5bd1e995;
const MURMUR2_R = 24;

/**
 * Kafka's Utils.murmur2: the 32-bit MurmurHash2 of `data` with Kafka's seed, as a signed 32-bit
 * integer (what Java's `int` holds), for example -973932308 for the UTF-8 bytes of "21".
 */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = MURMUR2_SEED ^ length;
  // Java's `length / 4` on ints truncates; lengths are never negative, so an unsigned shift matches.
  const length4 = length >>> 2;

  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    // Java masks each signed byte with `& 0xff`; a Uint8Array element is already 0..255.
    let k = (data[i4] + (data[i4 + 1] << 8) + (data[i4 + 2] << 16) + (data[i4 + 3] << 24)) | 0;
    k = Math.imul(k, MURMUR2_M);
    k ^= k >>> MURMUR2_R;
    k = Math.imul(k, MURMUR2_M);
    h = Math.imul(h, MURMUR2_M);
    h ^= k;
  }

  // The last one to three bytes, in Kafka's fall-through order (case 3 runs 3, 2 and 1).
  const tail = length & ~3;
  switch (length % 4) {
    case 3:
      h ^= data[tail + 2] << 16;
    // falls through
    case 2:
      h ^= data[tail + 1] << 8;
    // falls through
    case 1:
      h ^= data[tail];
      h = Math.imul(h, MURMUR2_M);
  }

  h ^= h >>> 13;
  h = Math.imul(h, MURMUR2_M);
  h ^= h >>> 15;
  return h;
}

/**
 * Kafka's Utils.toPositive: clears the sign bit (`n & 0x7fffffff`). This is not Math.abs: for a
 * negative n it gives n + 2^31, and toPositive(-2^31) is 0, which Math.abs could not give in Java.
 */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}
