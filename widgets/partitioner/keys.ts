import { t } from "../../content/i18n/t";

/**
 * The keys a reader types or generates, turned into a list the key table can show.
 *
 * Parsing is forgiving (one key per line or comma separated, blanks ignored) but bounded: a
 * pasted log of ten thousand lines would make a table nobody reads and a page that stutters, so
 * only the first MAX_KEYS distinct keys are kept and the widget says how many were left out.
 */

/** The most keys the table shows; the rest are counted and reported, not hashed. */
export const MAX_KEYS = 100;
/** The longest key kept, in UTF-16 code units; longer ones are cut and reported. */
export const MAX_KEY_LENGTH = 200;
/** The "Generate keys" count the reader may ask for. */
export const GENERATE_MIN = 1;
export const GENERATE_MAX = MAX_KEYS;

export interface ParsedKeys {
  /** Distinct keys in the order they were first typed, at most MAX_KEYS. */
  keys: string[];
  /** Keys typed more than once, shown once (each key always hashes the same, so a repeat adds nothing). */
  repeats: number;
  /** Distinct keys past MAX_KEYS that were left out. */
  leftOut: number;
  /** Keys longer than MAX_KEY_LENGTH that were cut to it. */
  cut: number;
}

/**
 * Splits on newlines and commas, trims each piece and drops empty ones.
 * Simplification: a key cannot contain a comma or start or end with spaces here; Kafka keys are
 * arbitrary bytes, but a text field needs some separator and these are the least surprising.
 */
export function parseKeys(text: string): ParsedKeys {
  const seen = new Set<string>();
  const keys: string[] = [];
  let repeats = 0;
  let leftOut = 0;
  let cut = 0;
  for (const piece of text.split(/[\n\r,]+/)) {
    let key = piece.trim();
    if (key === "") continue;
    if (key.length > MAX_KEY_LENGTH) {
      key = key.slice(0, MAX_KEY_LENGTH);
      cut++;
    }
    if (seen.has(key)) {
      repeats++;
      continue;
    }
    seen.add(key);
    if (keys.length < MAX_KEYS) keys.push(key);
    else leftOut++;
  }
  return { keys, repeats, leftOut, cut };
}

/** The text field's content for a list of keys: one per line. */
export function formatKeys(keys: readonly string[]): string {
  return keys.join("\n");
}

/**
 * `count` keys named the way applications often name them: user-1, user-2, ... Deterministic,
 * so a shared link and a screenshot show the same keys.
 */
export function generateKeys(count: number, prefix = "user-"): string[] {
  checkGenerateCount(count);
  return Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
}

/** Throws naming the field, the value and what is allowed when the generate count is bad. */
export function checkGenerateCount(count: unknown): asserts count is number {
  if (typeof count !== "number" || !Number.isInteger(count) || count < GENERATE_MIN || count > GENERATE_MAX) {
    throw new RangeError(t("partitioner.error.generateCount", { value: String(count), min: GENERATE_MIN, max: GENERATE_MAX }));
  }
}
