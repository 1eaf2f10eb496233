/**
 * The shape of one row of the config table. Every Kafka config the engine reads is one
 * `ConfigDef`; validation, widget knobs and the site's reference tables are all derived from it.
 */

/** Which Kafka component reads the config. Kafka keeps a separate ConfigDef for each. */
export type ConfigScope = "broker" | "topic" | "producer" | "consumer";

/**
 * Kafka's ConfigDef.Type, lower-cased. Kafka's SHORT (used by the two internal-topic replication
 * factors) is folded into "int" with max 32767, because nothing else tells them apart here.
 * Kafka's PASSWORD does not occur in this table.
 */
export type ConfigType = "int" | "long" | "double" | "boolean" | "string" | "list" | "class";

/** The unit a number is measured in; absent for plain strings, booleans and lists. */
export type ConfigUnit = "ms" | "bytes" | "records" | "count" | "s";

/** The value a config holds after parsing: what `validateConfig` returns. */
export type ConfigValue = number | boolean | string | readonly string[] | null;

/**
 * Validators that are more than a range or a fixed set of strings. Each mirrors one Kafka
 * validator class; the implementations live in validators.ts.
 * - "acks": ProducerConfig's `in("all", "-1", "0", "1")` plus parseAcks ("-1" is "all").
 * - "auto-offset-reset": AutoOffsetResetStrategy.Validator (latest, earliest, none, by_duration:<ISO-8601>).
 * - "non-empty-string": ConfigDef.NonEmptyString (null is fine, "" is not).
 * - "case-insensitive": ConfigDef.CaseInsensitiveValidString over `validValues`.
 * Every "list" config is also checked like Kafka 4.x's ValidList: no duplicates, no empty entries.
 */
export type ConfigValidatorName =
  | "acks"
  | "auto-offset-reset"
  | "non-empty-string"
  | "case-insensitive";

/** The range a UI slider offers. It always lies inside the config's own min..max. */
export interface ConfigKnob {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** "log" for quantities that span orders of magnitude (bytes, long timeouts). Default "linear". */
  readonly scale?: "linear" | "log";
}

export interface ConfigDef {
  /** Kafka's exact config name, e.g. "max.in.flight.requests.per.connection". */
  readonly name: string;
  readonly scope: ConfigScope;
  readonly type: ConfigType;
  /**
   * Kafka 4.x's default. `null` where Kafka has none: either the config is optional (group.id)
   * or, for a few broker configs, a fallback config supplies the value (log.retention.ms falls
   * back to log.retention.minutes, then log.retention.hours).
   */
  readonly default: number | boolean | string | readonly string[] | null;
  /** Inclusive lower bound (Kafka's Range.atLeast / Range.between). */
  readonly min?: number;
  /** Inclusive upper bound (Kafka's Range.between). */
  readonly max?: number;
  /** The strings Kafka accepts (ValidString.in / ValidList.in). Case-sensitive unless the validator says otherwise. */
  readonly validValues?: readonly string[];
  /** A validator beyond min/max/validValues; see ConfigValidatorName. */
  readonly validator?: ConfigValidatorName;
  readonly unit?: ConfigUnit;
  /** One line, in our own words. */
  readonly doc: string;
  /** The Kafka version that introduced the config, where it matters to a reader. */
  readonly since?: string;
  /** Version history and caveats: default changes, removals, simulator simplifications. */
  readonly notes?: string;
  /** Slider range for numeric configs a reader would turn. */
  readonly knob?: ConfigKnob;
}

/** A table row before `defineScope` stamps its name and scope onto it. */
export type ConfigSpec = Omit<ConfigDef, "name" | "scope">;
