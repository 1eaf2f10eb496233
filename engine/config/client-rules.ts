import { ConfigException, ConfigValidationError } from "./errors.js";
import { explicitlySet, resolveConfig } from "./resolve.js";
import type { ResolvedConfig } from "./table.js";

/** ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_FOR_IDEMPOTENCE, matching ProducerStateEntry.NUM_BATCHES_TO_RETAIN. */
const MAX_IN_FLIGHT_FOR_IDEMPOTENCE = 5;

/**
 * A producer's configuration as KafkaProducer sees it: resolveConfig plus Kafka's
 * ProducerConfig.postProcessAndValidateIdempotenceConfigs. Idempotence is on by default, but if
 * the caller did not set enable.idempotence and chose acks other than all, or retries = 0, it is
 * quietly turned off; if the caller did set it, the same conflicts are errors.
 * Simplification: client.id stays "" instead of Kafka's generated "producer-<n>", whose counter
 * is process-global state.
 */
export function resolveProducerConfig(overrides: Readonly<Record<string, unknown>> = {}): ResolvedConfig<"producer"> {
  const config = resolveConfig("producer", overrides);
  const userSet = explicitlySet<"producer">(overrides);
  const userConfiguredIdempotence = userSet.has("enable.idempotence");
  let idempotenceEnabled = config["enable.idempotence"];
  let shouldDisableIdempotence = false;
  const errors: ConfigException[] = [];

  if (idempotenceEnabled) {
    if (config.retries === 0) {
      if (userConfiguredIdempotence) {
        errors.push(conflict("retries", 0, "at least 1 while enable.idempotence is true",
          "Must set retries to non-zero when using the idempotent producer."));
      }
      shouldDisableIdempotence = true;
    }
    if (config.acks !== "all") {
      if (userConfiguredIdempotence) {
        errors.push(conflict("acks", config.acks, "all while enable.idempotence is true",
          "Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence."));
      }
      shouldDisableIdempotence = true;
    }
    // Kafka checks this even when the two checks above are about to disable idempotence.
    const inFlight = config["max.in.flight.requests.per.connection"];
    if (inFlight > MAX_IN_FLIGHT_FOR_IDEMPOTENCE) {
      errors.push(conflict("max.in.flight.requests.per.connection", inFlight, "at most 5 while enable.idempotence is true",
        `To use the idempotent producer, max.in.flight.requests.per.connection must be set to at most 5. Current value is ${inFlight}.`));
    }
  }
  if (shouldDisableIdempotence) idempotenceEnabled = false;
  if (!idempotenceEnabled && userSet.has("transactional.id")) {
    errors.push(conflict("transactional.id", config["transactional.id"], "unset unless idempotence is enabled",
      "Cannot set a transactional.id without also enabling idempotence."));
  }
  if (errors.length > 0) throw new ConfigValidationError("producer", errors);
  return Object.freeze({ ...config, "enable.idempotence": idempotenceEnabled });
}

/** Configs ConsumerConfig refuses with group.protocol=consumer (CONSUMER_PROTOCOL_UNSUPPORTED_CONFIGS). */
const CONSUMER_PROTOCOL_UNSUPPORTED = ["partition.assignment.strategy", "heartbeat.interval.ms", "session.timeout.ms"] as const;

/**
 * A consumer's configuration as KafkaConsumer sees it: resolveConfig plus Kafka's
 * ConsumerConfig.postProcessParsedConfig. Without a group.id, auto commit is turned off unless it
 * was set, and setting it to true is an error; with group.protocol=consumer, the classic-only
 * configs may not be set.
 * Simplification: client.id stays "" instead of Kafka's generated "consumer-<group>-<n>".
 */
export function resolveConsumerConfig(overrides: Readonly<Record<string, unknown>> = {}): ResolvedConfig<"consumer"> {
  const config = resolveConfig("consumer", overrides);
  const userSet = explicitlySet<"consumer">(overrides);
  const errors: ConfigException[] = [];
  let enableAutoCommit = config["enable.auto.commit"];

  if (config["group.id"] === null) {
    if (!userSet.has("enable.auto.commit")) {
      enableAutoCommit = false;
    } else if (enableAutoCommit) {
      errors.push(conflict("enable.auto.commit", true, "false when group.id is not set",
        "enable.auto.commit cannot be set to true when default group id (null) is used."));
    }
  }
  if (config["group.protocol"] === "consumer") {
    const refused = CONSUMER_PROTOCOL_UNSUPPORTED.filter((name) => userSet.has(name));
    if (refused.length > 0) {
      errors.push(conflict(refused.join(", "), refused.map((name) => overrides[name]), "unset when group.protocol=consumer",
        `${refused.join(", ")} cannot be set when group.protocol=CONSUMER`));
    }
  }
  if (errors.length > 0) throw new ConfigValidationError("consumer", errors);
  return Object.freeze({ ...config, "enable.auto.commit": enableAutoCommit });
}

/** A cross-config conflict: Kafka words these messages itself rather than "Invalid value ...". */
function conflict(key: string, value: unknown, allowed: string, message: string): ConfigException {
  return new ConfigException({ key, value, allowed, reason: message, message });
}
