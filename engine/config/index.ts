/**
 * The Kafka config table: every config the engine reads, with Kafka 4.x defaults, ranges,
 * one-line docs and version notes, plus validation, resolution, topic synonyms and the
 * site's reference rows, all derived from that one table.
 */
export type {
  ConfigDef,
  ConfigKnob,
  ConfigScope,
  ConfigSpec,
  ConfigType,
  ConfigUnit,
  ConfigValidatorName,
  ConfigValue,
} from "./types.js";
export { configs, configDefs, findConfigDef } from "./table.js";
export type { ConfigKey, Configs, ResolvedConfig, ValueOfDef } from "./table.js";
export {
  COOPERATIVE_STICKY_ASSIGNOR,
  RANGE_ASSIGNOR,
  ROUND_ROBIN_ASSIGNOR,
  STICKY_ASSIGNOR,
} from "./consumer.js";
export { ConfigException, ConfigValidationError, formatConfigValue } from "./errors.js";
export { describeAllowed } from "./allowed.js";
export { validateConfig } from "./validate.js";
export { resolveConfig } from "./resolve.js";
export { resolveConsumerConfig, resolveProducerConfig } from "./client-rules.js";
export { effectiveTopicConfig, topicConfigSynonyms } from "./synonyms.js";
export type { ConfigSynonym } from "./synonyms.js";
export { configReference, formatDefault } from "./reference.js";
export type { ConfigReferenceRow } from "./reference.js";
