/**
 * The bytes Kafka's StringSerializer makes of a string key: `key.getBytes(StandardCharsets.UTF_8)`.
 *
 * The partition of a keyed record is a hash of these bytes, not of the string, so the encoding has
 * to match Java's exactly. TextEncoder (in Node and every browser) agrees with Java on every
 * well-formed string. The one place they differ is a lone UTF-16 surrogate (half of an emoji, say):
 * TextEncoder writes U+FFFD (EF BF BD) but Java's UTF-8 encoder writes its replacement byte '?'
 * (0x3F). We replace lone surrogates with '?' first, so even a broken key hashes as it would in Java.
 */

/**
 * TextEncoder is a web standard present in Node and browsers, but the engine compiles against the
 * bare ES2022 library (no DOM, no Node types), so we declare the one method we use, module-locally.
 */
declare const TextEncoder: new () => { encode(input: string): Uint8Array };

const encoder = new TextEncoder();

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Java's `s.getBytes(StandardCharsets.UTF_8)`: the key bytes StringSerializer hands the partitioner. */
export function utf8(s: string): Uint8Array {
  // Replacing with the global regex resets lastIndex itself, so the shared regex carries no state.
  return encoder.encode(s.replace(LONE_SURROGATE, "?"));
}
