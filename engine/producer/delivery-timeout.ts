import { ConfigException, ConfigValidationError, type ResolvedConfig } from "../config/index.js";

const INT_MAX = 2147483647;

/**
 * KafkaProducer.configureDeliveryTimeout: delivery.timeout.ms must cover linger.ms plus one
 * request.timeout.ms. Set too low on purpose, it is a ConfigException; left at its default
 * with larger linger/request timeouts, Kafka raises it to their sum (and logs a warning).
 */
export function configureDeliveryTimeout(config: ResolvedConfig<"producer">, overrides: Readonly<Record<string, unknown>>): number {
  const deliveryTimeoutMs = config["delivery.timeout.ms"];
  const lingerAndRequestTimeoutMs = Math.min(config["linger.ms"] + config["request.timeout.ms"], INT_MAX);
  if (deliveryTimeoutMs >= lingerAndRequestTimeoutMs) return deliveryTimeoutMs;
  if (Object.prototype.hasOwnProperty.call(overrides, "delivery.timeout.ms")) {
    const message = "delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms";
    throw new ConfigValidationError("producer", [
      new ConfigException({
        key: "delivery.timeout.ms",
        value: deliveryTimeoutMs,
        allowed: `at least linger.ms + request.timeout.ms (${lingerAndRequestTimeoutMs})`,
        reason: message,
        message,
      }),
    ]);
  }
  return lingerAndRequestTimeoutMs;
}
