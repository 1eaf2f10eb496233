/**
 * Port of java.time.Duration.parse, which auto.offset.reset's "by_duration:<duration>" relies on
 * (Kafka's AutoOffsetResetStrategy). Kept exact because a reader may paste a value from Kafka's
 * docs; the result is whole nanoseconds so nothing is rounded.
 */

// java.time.Duration's own pattern, case-insensitive: PnDTnHnMn.nS with optional signs everywhere.
const DURATION_PATTERN =
  /^([-+]?)P(?:([-+]?[0-9]+)D)?(T(?:([-+]?[0-9]+)H)?(?:([-+]?[0-9]+)M)?(?:([-+]?[0-9]+)(?:[.,]([0-9]{0,9}))?S)?)?$/i;

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const NANOS_PER_SECOND = 1_000_000_000n;

/** The duration in nanoseconds, or null where Java throws DateTimeParseException. */
export function parseJavaDuration(text: string): bigint | null {
  const match = DURATION_PATTERN.exec(text);
  if (match === null) return null;
  const [, sign, days, timePart, hours, minutes, seconds, fraction] = match;
  // Java refuses a "T" with no time fields after it, and a duration with no fields at all.
  if (timePart !== undefined && timePart.length === 1) return null;
  if (days === undefined && hours === undefined && minutes === undefined && seconds === undefined) return null;

  const parts = [
    scaled(days, 86_400n),
    scaled(hours, 3_600n),
    scaled(minutes, 60n),
    scaled(seconds, 1n),
  ];
  if (parts.some((part) => part === null)) return null;
  let totalSeconds = 0n;
  for (const part of parts) {
    totalSeconds += part as bigint;
    if (totalSeconds < LONG_MIN || totalSeconds > LONG_MAX) return null; // Math.addExact overflow
  }
  // The fraction takes the sign of the seconds field, as in Duration.parseFraction.
  const fractionNanos = fraction ? BigInt(fraction.padEnd(9, "0")) : 0n;
  const signedFraction = seconds?.startsWith("-") ? -fractionNanos : fractionNanos;
  const total = totalSeconds * NANOS_PER_SECOND + signedFraction;
  return sign === "-" ? -total : total;
}

/** One field times its seconds-per-unit, or null on Java's Math.multiplyExact overflow. */
function scaled(field: string | undefined, secondsPerUnit: bigint): bigint | null {
  if (field === undefined) return 0n;
  const value = BigInt(field) * secondsPerUnit;
  return value < LONG_MIN || value > LONG_MAX ? null : value;
}
