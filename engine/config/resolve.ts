import { ConfigException, ConfigValidationError } from "./errors.js";
import { configDefs, type ConfigKey, type ResolvedConfig } from "./table.js";
import type { ConfigScope, ConfigValue } from "./types.js";
import { validateConfig } from "./validate.js";

/**
 * A scope's full configuration: every default, replaced by each validated override. All bad
 * overrides are reported together in one ConfigValidationError, so nothing is lost. An override
 * whose value is `undefined` counts as not set (as with an omitted key), which lets callers
 * spread optional fields.
 */
export function resolveConfig<S extends ConfigScope>(scope: S, overrides: Readonly<Record<string, unknown>> = {}): ResolvedConfig<S> {
  const resolved: Record<string, ConfigValue> = {};
  for (const def of configDefs(scope)) resolved[def.name] = freezeList(def.default);

  const errors = validateOverrides(scope, overrides, (key, value) => {
    resolved[key] = value;
  });
  if (errors.length > 0) throw new ConfigValidationError(scope, errors);
  return Object.freeze(resolved) as ResolvedConfig<S>;
}

/**
 * Validates every set override, calling `accept` for the good ones and returning the bad ones.
 * Shared by resolveConfig and effectiveTopicConfig.
 */
export function validateOverrides(
  scope: ConfigScope,
  overrides: Readonly<Record<string, unknown>>,
  accept: (key: string, value: ConfigValue) => void,
): ConfigException[] {
  const errors: ConfigException[] = [];
  if (typeof overrides !== "object" || overrides === null || Array.isArray(overrides)) {
    errors.push(
      new ConfigException({
        key: "(overrides)",
        value: overrides,
        allowed: "an object mapping config names to values",
        reason: "Expected an object of config overrides",
      }),
    );
    return errors;
  }
  for (const key of Object.keys(overrides)) {
    const value = overrides[key];
    if (value === undefined) continue;
    try {
      accept(key, validateConfig(scope, key, value));
    } catch (error) {
      if (!(error instanceof ConfigException)) throw error;
      errors.push(error);
    }
  }
  return errors;
}

/** The names the caller actually set (defined values only), which Kafka calls the originals. */
export function explicitlySet<S extends ConfigScope>(overrides: Readonly<Record<string, unknown>>): ReadonlySet<ConfigKey<S>> {
  return new Set(Object.keys(overrides).filter((key) => overrides[key] !== undefined) as ConfigKey<S>[]);
}

/** Defaults in the table are shared; hand out frozen copies of lists so nobody can edit the table. */
function freezeList(value: ConfigValue): ConfigValue {
  return Array.isArray(value) ? Object.freeze([...value]) : value;
}
