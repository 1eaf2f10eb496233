import { parseJavaDuration } from "./java-duration.js";
import type { ConfigDef, ConfigValue } from "./types.js";

/** A checked (and possibly normalized) value, or Kafka's reason for refusing it. */
export type CheckResult =
  | { readonly ok: true; readonly value: ConfigValue }
  | { readonly ok: false; readonly reason: string; readonly offendingValue?: unknown };

const pass = (value: ConfigValue): CheckResult => ({ ok: true, value });
const refuse = (reason: string, offendingValue?: unknown): CheckResult => ({ ok: false, reason, offendingValue });

/**
 * The validator Kafka attaches to a config, run on the parsed value: Range, ValidString,
 * ValidList, CaseInsensitiveValidString, NonEmptyString, and the acks and auto.offset.reset rules.
 */
export function checkParsedValue(def: ConfigDef, value: ConfigValue): CheckResult {
  if (typeof value === "number") return checkRange(def, value);
  if (typeof value === "string") return checkString(def, value);
  if (Array.isArray(value)) return checkList(def, value as readonly string[]);
  return pass(value);
}

/** ConfigDef.Range: the reasons are Kafka's, word for word. */
function checkRange(def: ConfigDef, value: number): CheckResult {
  if (def.min !== undefined && value < def.min) return refuse(`Value must be at least ${def.min}`);
  if (def.max !== undefined && value > def.max) return refuse(`Value must be no more than ${def.max}`);
  return pass(value);
}

function checkString(def: ConfigDef, value: string): CheckResult {
  switch (def.validator) {
    case "acks":
      return checkAcks(value);
    case "auto-offset-reset":
      return checkAutoOffsetReset(value);
    case "non-empty-string":
      return value === "" ? refuse("String must be non-empty") : pass(value);
    case "case-insensitive":
      return checkCaseInsensitive(def.validValues ?? [], value);
  }
  if (def.validValues && !def.validValues.includes(value)) {
    return refuse(`String must be one of: ${def.validValues.join(", ")}`);
  }
  return pass(value);
}

/**
 * ProducerConfig validates acks with in("all", "-1", "0", "1") and then parseAcks maps "all"
 * to "-1". This table keeps the friendlier spelling instead: "-1" becomes "all".
 */
function checkAcks(value: string): CheckResult {
  if (value === "all" || value === "-1") return pass("all");
  if (value === "0" || value === "1") return pass(value);
  return refuse("String must be one of: all, -1, 0, 1");
}

/** AutoOffsetResetStrategy.fromString, including "by_duration:<ISO-8601>" (Kafka 4, KIP-842). */
function checkAutoOffsetReset(value: string): CheckResult {
  if (value === "earliest" || value === "latest" || value === "none") return pass(value);
  const prefix = "by_duration:";
  if (value.startsWith(prefix)) {
    const nanos = parseJavaDuration(value.slice(prefix.length));
    if (nanos !== null && nanos >= 0n) return pass(value);
  }
  return refuse("The value must be either 'earliest', 'latest', 'none' or of the format 'by_duration:<PnDTnHnMn.nS.>'.");
}

/** CaseInsensitiveValidString; the value is normalized to the table's spelling. */
function checkCaseInsensitive(validValues: readonly string[], value: string): CheckResult {
  const canonical = validValues.find((valid) => valid.toLowerCase() === value.toLowerCase());
  if (canonical !== undefined) return pass(canonical);
  return refuse(`String must be one of (case insensitive): ${validValues.join(", ")}`);
}

/**
 * Kafka 4.x's ValidList: no duplicates, no empty entries, and every entry from validValues when
 * the config has them. Like Kafka, an entry outside validValues is reported as the bad value.
 */
function checkList(def: ConfigDef, values: readonly string[]): CheckResult {
  if (new Set(values).size !== values.length) return refuse("Values must not be duplicated");
  if (values.some((entry) => entry === "")) return refuse("Values must not be empty");
  const validValues = def.validValues;
  if (validValues) {
    const stranger = values.find((entry) => !validValues.includes(entry));
    if (stranger !== undefined) return refuse(`String must be one of: ${validValues.join(", ")}`, stranger);
  }
  return pass(values);
}
