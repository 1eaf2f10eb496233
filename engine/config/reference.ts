import { describeAllowed } from "./allowed.js";
import { topicConfigSynonyms } from "./synonyms.js";
import { configDefs, type ConfigKey } from "./table.js";
import type { ConfigDef, ConfigScope } from "./types.js";

/** One row of a config reference table on the site. */
export interface ConfigReferenceRow {
  readonly name: string;
  readonly type: string;
  /** The default for humans, e.g. "16384 (16 KiB)" or "30000 ms (30 seconds)". */
  readonly default: string;
  readonly allowed: string;
  readonly doc: string;
  /** Version history, caveats and, for topic configs, the broker config that supplies the default. */
  readonly notes: string;
}

/** The reference table of one scope, in table order. */
export function configReference(scope: ConfigScope): readonly ConfigReferenceRow[] {
  return configDefs(scope).map((def) => ({
    name: def.name,
    type: def.type,
    default: formatDefault(def),
    allowed: describeAllowed(def),
    doc: def.doc,
    notes: referenceNotes(def),
  }));
}

function referenceNotes(def: ConfigDef): string {
  const parts: string[] = [];
  if (def.since) parts.push(`Since Kafka ${def.since}.`);
  if (def.notes) parts.push(def.notes);
  if (def.scope === "topic") {
    const synonyms = topicConfigSynonyms[def.name as ConfigKey<"topic">].map((synonym) => synonym.name);
    parts.push(`Unless set on the topic, the broker's ${synonyms.join(", then ")} supplies it.`);
  }
  return parts.join(" ");
}

/** Formats a default the way a reader wants to see it: with its unit and a rounder equivalent. */
export function formatDefault(def: ConfigDef): string {
  const value = def.default;
  if (value === null) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string") return value === "" ? '""' : value;
  if (Array.isArray(value)) return value.length === 0 ? "(empty list)" : value.join(", ");
  return formatNumber(def, value as number);
}

function formatNumber(def: ConfigDef, value: number): string {
  if (value === 2147483647) return "2147483647 (Integer.MAX_VALUE)";
  if (value < 0) return String(value);
  if (def.unit === "bytes") return formatBytes(value);
  if (def.unit === "ms") return `${value} ms${niceDuration(value, "ms")}`;
  if (def.unit === "s") return `${value} s${niceDuration(value * 1000, "second")}`;
  if (def.name.endsWith(".hours")) return `${value} ${plural(value, "hour")}${niceDuration(value * 3_600_000, "hour")}`;
  if (def.name.endsWith(".minutes")) return `${value} ${plural(value, "minute")}${niceDuration(value * 60_000, "minute")}`;
  if (def.unit === "records") return `${value} ${plural(value, "record")}`;
  return String(value);
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}

/** "16384 (16 KiB)"; sizes that are no whole power-of-1024 multiple read "1048588 bytes". */
function formatBytes(bytes: number): string {
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let scaled = bytes;
  let unit = -1;
  while (scaled !== 0 && scaled % 1024 === 0 && unit < units.length - 1) {
    scaled /= 1024;
    unit++;
  }
  if (unit < 0) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  return `${bytes} (${scaled} ${units[unit]})`;
}

/**
 * Kafka's ConfigDef.niceTimeUnits: " (7 days)" for 604800000 ms, nothing when the value is not a
 * whole number of seconds or when the roundest unit is the one already shown.
 */
function niceDuration(millis: number, shownUnit: string): string {
  const divisors = [1000, 60, 60, 24];
  const names = ["second", "minute", "hour", "day"];
  let value = millis;
  let level = 0;
  while (value !== 0 && level < divisors.length && value % divisors[level]! === 0) {
    value /= divisors[level]!;
    level++;
  }
  if (level === 0 || names[level - 1] === shownUnit) return "";
  return ` (${value} ${plural(value, names[level - 1]!)})`;
}
