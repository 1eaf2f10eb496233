import type { ConfigType, ConfigValue } from "./types.js";

/** A parsed value, or Kafka's reason for refusing the input. */
export type ParseResult = { readonly ok: true; readonly value: ConfigValue } | { readonly ok: false; readonly reason: string };

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** What Integer.parseInt and Long.parseLong accept: an optional sign and ASCII digits. */
const JAVA_INTEGER = /^[+-]?[0-9]+$/;
/** The decimal forms Double.parseDouble accepts (hex floats and "NaN"/"Infinity" left out). */
const JAVA_DECIMAL = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fFdD]?$/;
/** A Java binary class name such as org.apache.kafka.clients.consumer.RangeAssignor or a.B$Inner. */
const JAVA_CLASS_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*$/;

const ok = (value: ConfigValue): ParseResult => ({ ok: true, value });
const fail = (reason: string): ParseResult => ({ ok: false, reason });

/**
 * Java's String.trim(): strips every char up to U+0020 from both ends (control chars included),
 * but not the Unicode spaces JavaScript's trim() also removes. Kafka trims every string it parses.
 */
export function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

/**
 * Port of Kafka's ConfigDef.parseType for one non-null value: the same inputs are accepted and
 * the same reasons given. JavaScript has no Integer/Long/Double boxes, so a JS number stands for
 * all three and a bigint for a Java long.
 */
export function parseType(type: ConfigType, value: unknown): ParseResult {
  switch (type) {
    case "boolean":
      return parseBoolean(value);
    case "string":
      return typeof value === "string" ? ok(javaTrim(value)) : fail(`Expected value to be a string, but it was a ${describeJsType(value)}`);
    case "int":
      return parseInt32(value);
    case "long":
      return parseInt64(value);
    case "double":
      return parseDouble(value);
    case "list":
      return parseList(value);
    case "class":
      return parseClassName(value);
  }
}

function parseBoolean(value: unknown): ParseResult {
  if (typeof value === "boolean") return ok(value);
  if (typeof value === "string") {
    const trimmed = javaTrim(value).toLowerCase();
    if (trimmed === "true") return ok(true);
    if (trimmed === "false") return ok(false);
  }
  return fail("Expected value to be either true or false");
}

function parseInt32(value: unknown): ParseResult {
  if (typeof value === "number") {
    if (!Number.isInteger(value)) return fail("Expected value to be a 32-bit integer, but it was not a whole number");
    if (value < INT_MIN || value > INT_MAX) return fail("Expected value to be a 32-bit integer, but it was out of range");
    return ok(value + 0); // + 0 turns -0 into 0, so a re-validation returns the identical value
  }
  if (typeof value === "bigint") {
    if (value < BigInt(INT_MIN) || value > BigInt(INT_MAX)) return fail("Expected value to be a 32-bit integer, but it was out of range");
    return ok(Number(value));
  }
  if (typeof value === "string") {
    const trimmed = javaTrim(value);
    if (!JAVA_INTEGER.test(trimmed)) return fail("Not a number of type INT");
    const parsed = BigInt(trimmed);
    if (parsed < BigInt(INT_MIN) || parsed > BigInt(INT_MAX)) return fail("Not a number of type INT");
    return ok(Number(parsed));
  }
  return fail(`Expected value to be a 32-bit integer, but it was a ${describeJsType(value)}`);
}

function parseInt64(value: unknown): ParseResult {
  let parsed: bigint;
  if (typeof value === "number") {
    if (!Number.isInteger(value)) return fail("Expected value to be a 64-bit integer, but it was not a whole number");
    parsed = BigInt(value);
  } else if (typeof value === "bigint") {
    parsed = value;
  } else if (typeof value === "string") {
    const trimmed = javaTrim(value);
    if (!JAVA_INTEGER.test(trimmed)) return fail("Not a number of type LONG");
    parsed = BigInt(trimmed);
  } else {
    return fail(`Expected value to be a 64-bit integer, but it was a ${describeJsType(value)}`);
  }
  if (parsed < LONG_MIN || parsed > LONG_MAX) return fail("Not a number of type LONG");
  // Simplification: a JS number holds integers exactly only up to 2^53 - 1, so larger longs
  // (Kafka accepts up to 2^63 - 1) are refused rather than silently rounded.
  if (parsed < BigInt(Number.MIN_SAFE_INTEGER) || parsed > BigInt(Number.MAX_SAFE_INTEGER)) {
    return fail(`Value must be no more than ${Number.MAX_SAFE_INTEGER} in magnitude here (a JavaScript number cannot hold it exactly)`);
  }
  return ok(Number(parsed));
}

function parseDouble(value: unknown): ParseResult {
  let parsed: number;
  if (typeof value === "number") {
    parsed = value;
  } else if (typeof value === "string" && JAVA_DECIMAL.test(javaTrim(value))) {
    parsed = Number.parseFloat(javaTrim(value));
  } else if (typeof value === "string") {
    return fail("Not a number of type DOUBLE");
  } else {
    return fail(`Expected value to be a double, but it was a ${describeJsType(value)}`);
  }
  // Simplification: Java's Double.parseDouble accepts NaN and Infinity; a simulation cannot use them.
  if (!Number.isFinite(parsed)) return fail("Expected value to be a finite number");
  return ok(parsed + 0);
}

function parseList(value: unknown): ParseResult {
  if (Array.isArray(value)) {
    // Kafka takes a List as given; only strings make sense as entries here.
    if (!value.every((item) => typeof item === "string")) return fail("Expected a comma separated list of strings");
    return ok(Object.freeze([...(value as string[])]));
  }
  if (typeof value === "string") {
    const trimmed = javaTrim(value);
    // Java's split("\\s*,\\s*", -1) keeps trailing empty entries, which the list checks then refuse.
    return ok(Object.freeze(trimmed === "" ? [] : trimmed.split(/\s*,\s*/)));
  }
  return fail("Expected a comma separated list.");
}

function parseClassName(value: unknown): ParseResult {
  if (typeof value !== "string") return fail("Expected a Class instance or class name.");
  const trimmed = javaTrim(value);
  // Simplification: nothing is loaded, so any well-formed class name "exists".
  if (!JAVA_CLASS_NAME.test(trimmed)) return fail(`Class ${trimmed} could not be found.`);
  return ok(trimmed);
}

/** The JS counterpart of Java's value.getClass().getName() in Kafka's messages. */
function describeJsType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
