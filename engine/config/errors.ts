import type { ConfigScope } from "./types.js";

interface ConfigExceptionFields {
  readonly key: string;
  readonly value: unknown;
  /** What would have been accepted, as a sentence a reader can act on. */
  readonly allowed: string;
  /** Kafka's reason text, e.g. "Value must be at least 0". */
  readonly reason: string;
  /** Overrides the "Invalid value ..." message, for errors Kafka words differently. */
  readonly message?: string;
}

/**
 * Kafka's org.apache.kafka.common.config.ConfigException: a bad value for one config, with a
 * message in Kafka's own form, "Invalid value <value> for configuration <key>: <reason>".
 */
export class ConfigException extends Error {
  override readonly name = "ConfigException";
  readonly key: string;
  readonly value: unknown;
  readonly allowed: string;
  readonly reason: string;

  constructor(fields: ConfigExceptionFields) {
    super(fields.message ?? `Invalid value ${formatConfigValue(fields.value)} for configuration ${fields.key}: ${fields.reason}`);
    this.key = fields.key;
    this.value = fields.value;
    this.allowed = fields.allowed;
    this.reason = fields.reason;
  }
}

/**
 * Every problem found while resolving one configuration, thrown together so a reader who made
 * three mistakes learns about all three at once.
 */
export class ConfigValidationError extends Error {
  override readonly name = "ConfigValidationError";
  readonly scope: ConfigScope;
  readonly errors: readonly ConfigException[];

  constructor(scope: ConfigScope, errors: readonly ConfigException[]) {
    const count = errors.length === 1 ? "1 invalid configuration" : `${errors.length} invalid configurations`;
    super(`${count} for ${scope}:\n${errors.map((error) => `- ${error.message}`).join("\n")}`);
    this.scope = scope;
    this.errors = errors;
  }
}

/**
 * Renders a value the way Kafka's message would (Java's toString: lists as "[a, b]"), and never
 * throws, because it runs while reporting arbitrary user input (symbols, null-prototype objects,
 * cyclic structures).
 */
export function formatConfigValue(value: unknown): string {
  try {
    if (Array.isArray(value)) return `[${value.map((item) => formatConfigValue(item)).join(", ")}]`;
    switch (typeof value) {
      case "string":
        return value;
      case "number":
      case "bigint":
      case "boolean":
      case "undefined":
        return String(value);
      case "symbol":
        return value.toString();
      case "function":
        return "[function]";
      default:
        if (value === null) return "null";
        return JSON.stringify(value) ?? Object.prototype.toString.call(value);
    }
  } catch {
    return Object.prototype.toString.call(value);
  }
}
