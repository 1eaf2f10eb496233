import type { ConfigDef } from "./types.js";

const UNIT_WORDS: Readonly<Record<string, string>> = {
  ms: "milliseconds",
  bytes: "bytes",
  records: "records",
  s: "seconds",
};

/**
 * One sentence saying what a config accepts, e.g. "an integer of at least 0 (bytes)". It is the
 * `allowed` field of every ConfigException and the "allowed" column of the reference tables, so a
 * reader sees the same words in an error and in the docs.
 */
export function describeAllowed(def: ConfigDef): string {
  const orUnset = def.default === null ? ", or null (unset)" : "";
  switch (def.type) {
    case "int":
    case "long":
    case "double":
      return `${describeNumber(def)}${describeUnit(def)}${orUnset}`;
    case "boolean":
      return "true or false";
    case "list":
      return def.validValues
        ? `a comma-separated list of distinct values from: ${def.validValues.join(", ")}`
        : "a comma-separated list of distinct, non-empty class names (or empty)";
    case "class":
      return `a fully qualified Java class name${orUnset}`;
    case "string":
      return `${describeString(def)}${orUnset}`;
  }
}

function describeNumber(def: ConfigDef): string {
  const kind = def.type === "int" ? "a 32-bit integer" : def.type === "long" ? "a 64-bit integer" : "a number";
  if (def.min !== undefined && def.max !== undefined) return `${kind} from ${def.min} to ${def.max}`;
  if (def.min !== undefined) return `${kind} of at least ${def.min}`;
  if (def.max !== undefined) return `${kind} of at most ${def.max}`;
  return `any ${kind.replace(/^an? /, "")}`;
}

function describeUnit(def: ConfigDef): string {
  if (def.unit && UNIT_WORDS[def.unit]) return ` (${UNIT_WORDS[def.unit]})`;
  if (def.name.endsWith(".hours")) return " (hours)";
  if (def.name.endsWith(".minutes")) return " (minutes)";
  return "";
}

function describeString(def: ConfigDef): string {
  switch (def.validator) {
    case "acks":
      return "one of: all, -1, 0, 1 (-1 means all)";
    case "auto-offset-reset":
      return "one of: latest, earliest, none, or by_duration:<ISO-8601 duration> such as by_duration:PT1H";
    case "non-empty-string":
      return "a non-empty string";
    case "case-insensitive":
      return `one of (case insensitive): ${(def.validValues ?? []).join(", ")}`;
    default:
      return def.validValues ? `one of: ${def.validValues.join(", ")}` : "any string";
  }
}
