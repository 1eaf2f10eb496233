import { ConfigValidationError } from "./errors.js";
import { resolveConfig, validateOverrides } from "./resolve.js";
import { configDefs, type ConfigKey, type ResolvedConfig } from "./table.js";
import type { ConfigValue } from "./types.js";

/** Kafka's ConfigSynonym: a broker config that supplies a topic default, maybe after a unit change. */
export interface ConfigSynonym {
  readonly name: ConfigKey<"broker">;
  readonly converter?: "HOURS_TO_MILLISECONDS" | "MINUTES_TO_MILLISECONDS";
}

/**
 * Port of ServerTopicConfigSynonyms.ALL_TOPIC_CONFIG_SYNONYMS for the topic configs in the table:
 * each topic config's broker synonyms, highest priority first. The first synonym the broker has
 * set wins (log.retention.ms, else log.retention.minutes, else log.retention.hours).
 */
export const topicConfigSynonyms = {
  "cleanup.policy": [{ name: "log.cleanup.policy" }],
  "min.insync.replicas": [{ name: "min.insync.replicas" }],
  "unclean.leader.election.enable": [{ name: "unclean.leader.election.enable" }],
  "segment.bytes": [{ name: "log.segment.bytes" }],
  "segment.ms": [{ name: "log.roll.ms" }, { name: "log.roll.hours", converter: "HOURS_TO_MILLISECONDS" }],
  "index.interval.bytes": [{ name: "log.index.interval.bytes" }],
  "retention.ms": [
    { name: "log.retention.ms" },
    { name: "log.retention.minutes", converter: "MINUTES_TO_MILLISECONDS" },
    { name: "log.retention.hours", converter: "HOURS_TO_MILLISECONDS" },
  ],
  "retention.bytes": [{ name: "log.retention.bytes" }],
  "max.message.bytes": [{ name: "message.max.bytes" }],
  "message.timestamp.type": [{ name: "log.message.timestamp.type" }],
  "file.delete.delay.ms": [{ name: "log.segment.delete.delay.ms" }],
  "delete.retention.ms": [{ name: "log.cleaner.delete.retention.ms" }],
  "min.compaction.lag.ms": [{ name: "log.cleaner.min.compaction.lag.ms" }],
} as const satisfies Record<ConfigKey<"topic">, readonly ConfigSynonym[]>;

const MILLIS_PER_MINUTE = 60_000;
const MILLIS_PER_HOUR = 3_600_000;

/**
 * A topic's effective configuration, as a Kafka 4 broker computes it for LogConfig: each topic
 * override if set, otherwise the broker's synonym, otherwise the table default. `brokerConfig`
 * may be a full resolved broker config or only the broker overrides; both are validated.
 */
export function effectiveTopicConfig(
  brokerConfig: Readonly<Record<string, unknown>> = {},
  topicOverrides: Readonly<Record<string, unknown>> = {},
): ResolvedConfig<"topic"> {
  const broker = resolveConfig("broker", brokerConfig) as Readonly<Record<string, ConfigValue>>;
  const overrides: Record<string, ConfigValue> = {};
  const errors = validateOverrides("topic", topicOverrides, (key, value) => {
    overrides[key] = value;
  });
  if (errors.length > 0) throw new ConfigValidationError("topic", errors);

  const effective: Record<string, ConfigValue> = {};
  for (const def of configDefs("topic")) {
    const name = def.name as ConfigKey<"topic">;
    effective[name] = Object.hasOwn(overrides, name) ? overrides[name]! : (brokerDefault(name, broker) ?? def.default);
  }
  return Object.freeze(effective) as ResolvedConfig<"topic">;
}

/** The broker-supplied default for one topic config, or null when no synonym is set. */
function brokerDefault(name: ConfigKey<"topic">, broker: Readonly<Record<string, ConfigValue>>): ConfigValue {
  const synonyms: readonly ConfigSynonym[] = topicConfigSynonyms[name];
  for (const synonym of synonyms) {
    const value = broker[synonym.name];
    if (value === null || value === undefined) continue;
    const converted = typeof value === "number" ? convert(value, synonym.converter) : value;
    // KafkaConfig.logRetentionTimeMillis: any negative retention time means "forever", i.e. -1.
    if (name === "retention.ms" && typeof converted === "number" && converted < 0) return -1;
    return converted;
  }
  return null;
}

function convert(value: number, converter: ConfigSynonym["converter"]): number {
  if (converter === "HOURS_TO_MILLISECONDS") return value * MILLIS_PER_HOUR;
  if (converter === "MINUTES_TO_MILLISECONDS") return value * MILLIS_PER_MINUTE;
  return value;
}
