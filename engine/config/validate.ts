import { describeAllowed } from "./allowed.js";
import { checkParsedValue } from "./checks.js";
import { ConfigException, formatConfigValue } from "./errors.js";
import { parseType } from "./parse.js";
import { closestName } from "./suggest.js";
import { configs, findConfigDef, type ConfigKey, type Configs, type ValueOfDef } from "./table.js";
import type { ConfigDef, ConfigScope, ConfigValue } from "./types.js";

const SCOPES: readonly ConfigScope[] = ["broker", "topic", "producer", "consumer"];

/**
 * Parses and checks one value the way Kafka's ConfigDef does (parseType, then the key's
 * validator) and returns it normalized: numeric strings become numbers, "true"/"false" become
 * booleans, comma-separated strings become lists, and acks "-1" becomes "all".
 * Throws ConfigException naming the key, the value and what is allowed; never anything else.
 */
export function validateConfig<S extends ConfigScope, K extends ConfigKey<S>>(
  scope: S,
  key: K,
  value: unknown,
): ValueOfDef<Configs[S][K]>;
export function validateConfig(scope: ConfigScope, key: string, value: unknown): ConfigValue;
export function validateConfig(scope: ConfigScope, key: string, value: unknown): ConfigValue {
  if (!SCOPES.includes(scope)) {
    throw new ConfigException({
      key: String(key),
      value,
      allowed: `a scope among: ${SCOPES.join(", ")}`,
      reason: "unknown scope",
      message: `Unknown configuration scope '${formatConfigValue(scope)}'; expected one of: ${SCOPES.join(", ")}`,
    });
  }
  const def = findConfigDef(scope, key);
  if (def === undefined) throw unknownConfiguration(scope, key, value);
  return validateAgainst(def, value);
}

/** Validates a value against one table row. */
export function validateAgainst(def: ConfigDef, value: unknown): ConfigValue {
  const refuse = (reason: string, offendingValue: unknown = value): ConfigException =>
    new ConfigException({ key: def.name, value: offendingValue, allowed: describeAllowed(def), reason });

  // Kafka passes null through parseType; only configs whose default is null may stay unset.
  if (value === null || value === undefined) {
    if (def.default === null) return null;
    throw refuse("Value must be non-null");
  }
  const parsed = parseType(def.type, coerceAcksNumber(def, value));
  if (!parsed.ok) throw refuse(parsed.reason);
  const checked = checkParsedValue(def, parsed.value);
  if (!checked.ok) throw refuse(checked.reason, checked.offendingValue ?? value);
  return checked.value;
}

/**
 * acks is a string config in Kafka, so `acks: 1` (a number) is a type error there. Scenario files
 * and knobs naturally write numbers, so a number is read as its string: -1, 0 and 1 pass, and
 * any other number gets the same "String must be one of" error as its string would.
 */
function coerceAcksNumber(def: ConfigDef, value: unknown): unknown {
  if (def.validator === "acks" && (typeof value === "number" || typeof value === "bigint")) return String(value);
  return value;
}

/** Kafka only logs unknown names; the simulator refuses them, because a typo would silently do nothing. */
function unknownConfiguration(scope: ConfigScope, key: string, value: unknown): ConfigException {
  const names = Object.keys(configs[scope]);
  const suggestion = typeof key === "string" ? closestName(key, names) : undefined;
  const hint = suggestion === undefined ? "" : `; did you mean '${suggestion}'?`;
  return new ConfigException({
    key: String(key),
    value,
    allowed: `a ${scope} configuration name${suggestion === undefined ? "" : ` such as '${suggestion}'`}`,
    reason: "unknown configuration",
    message: `Unknown configuration '${formatConfigValue(key)}' for ${scope}${hint}`,
  });
}
