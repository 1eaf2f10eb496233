import { describe, expect, it } from "vitest";
import {
  ConfigException,
  ConfigValidationError,
  configs,
  resolveConfig,
  resolveConsumerConfig,
  resolveProducerConfig,
} from "../../../engine/config/index.js";

/** Runs `run` and returns the ConfigValidationError it throws. */
function validationError(run: () => unknown): ConfigValidationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return error as ConfigValidationError;
  }
  throw new Error("expected a ConfigValidationError");
}

describe("resolveConfig", () => {
  it("fills in every default when nothing is overridden", () => {
    const producer = resolveConfig("producer");
    expect(Object.keys(producer).sort()).toEqual(Object.keys(configs.producer).sort());
    expect(producer["linger.ms"]).toBe(5);
    expect(producer.acks).toBe("all");
  });

  it("replaces defaults with normalized overrides", () => {
    const producer = resolveConfig("producer", { acks: -1, "linger.ms": "20", "enable.idempotence": "false" });
    expect(producer.acks).toBe("all");
    expect(producer["linger.ms"]).toBe(20);
    expect(producer["enable.idempotence"]).toBe(false);
  });

  it("treats an override of undefined as not set", () => {
    expect(resolveConfig("consumer", { "group.id": undefined })["group.id"]).toBeNull();
  });

  it("reports every bad override together, so no mistake is lost", () => {
    const error = validationError(() =>
      resolveConfig("producer", { acks: 7, "batch.size": -1, "linger.ms": "soon", "lingr.ms": 5, retries: 3 }),
    );
    expect(error.scope).toBe("producer");
    expect(error.errors.map((e) => e.key).sort()).toEqual(["acks", "batch.size", "linger.ms", "lingr.ms"]);
    expect(error.errors.every((e) => e instanceof ConfigException)).toBe(true);
    expect(error.message).toMatch(/^4 invalid configurations for producer:/);
    expect(error.message).toContain("Invalid value 7 for configuration acks: String must be one of: all, -1, 0, 1");
    expect(error.message).toContain("Invalid value -1 for configuration batch.size: Value must be at least 0");
    expect(error.message).toContain("did you mean 'linger.ms'?");
  });

  it("refuses overrides that are not an object", () => {
    expect(() => resolveConfig("broker", "num.partitions=3" as never)).toThrow(ConfigValidationError);
  });

  it("hands out copies, so changing a resolved list cannot change the table", () => {
    const consumer = resolveConfig("consumer");
    expect(Object.isFrozen(consumer)).toBe(true);
    expect(Object.isFrozen(consumer["partition.assignment.strategy"])).toBe(true);
    expect(consumer["partition.assignment.strategy"]).not.toBe(configs.consumer["partition.assignment.strategy"].default);
  });
});

describe("P-IDEMP: resolveProducerConfig applies Kafka's idempotence rules", () => {
  it("keeps idempotence on with the defaults", () => {
    expect(resolveProducerConfig()["enable.idempotence"]).toBe(true);
  });

  it("quietly turns idempotence off when acks is not all and idempotence was not asked for", () => {
    expect(resolveProducerConfig({ acks: "1" })["enable.idempotence"]).toBe(false);
    expect(resolveProducerConfig({ acks: 0 })["enable.idempotence"]).toBe(false);
    expect(resolveProducerConfig({ retries: 0 })["enable.idempotence"]).toBe(false);
  });

  it("refuses acks other than all when idempotence was asked for explicitly", () => {
    const error = validationError(() => resolveProducerConfig({ "enable.idempotence": true, acks: "1" }));
    expect(error.errors[0]!.message).toBe(
      "Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.",
    );
    expect(error.errors[0]!.key).toBe("acks");
  });

  it("refuses retries=0 when idempotence was asked for explicitly", () => {
    const error = validationError(() => resolveProducerConfig({ "enable.idempotence": "true", retries: 0 }));
    expect(error.errors[0]!.message).toBe("Must set retries to non-zero when using the idempotent producer.");
  });

  // Ported from Kafka's ProducerConfigTest.testUpperboundCheckOfEnableIdempotence.
  it("refuses more than 5 requests in flight while idempotence is on by default", () => {
    const error = validationError(() => resolveProducerConfig({ "max.in.flight.requests.per.connection": "6" }));
    expect(error.errors[0]!.message).toBe(
      "To use the idempotent producer, max.in.flight.requests.per.connection must be set to at most 5. Current value is 6.",
    );
    expect(() => resolveProducerConfig({ "max.in.flight.requests.per.connection": "5" })).not.toThrow();
    expect(resolveProducerConfig({ "enable.idempotence": false, "max.in.flight.requests.per.connection": 6 })["max.in.flight.requests.per.connection"]).toBe(6);
  });

  it("R-EOS: refuses a transactional.id once idempotence is off", () => {
    const error = validationError(() => resolveProducerConfig({ "transactional.id": "tx-1", acks: "1" }));
    expect(error.errors.map((e) => e.message)).toContain("Cannot set a transactional.id without also enabling idempotence.");
    expect(resolveProducerConfig({ "transactional.id": "tx-1" })["transactional.id"]).toBe("tx-1");
  });

  it("still reports plain validation errors before the idempotence rules run", () => {
    const error = validationError(() => resolveProducerConfig({ acks: "2" }));
    expect(error.errors[0]!.key).toBe("acks");
  });
});

describe("resolveConsumerConfig applies Kafka's consumer rules", () => {
  it("G-COMMIT: turns auto commit off for a consumer without a group.id", () => {
    expect(resolveConsumerConfig()["enable.auto.commit"]).toBe(false);
    expect(resolveConsumerConfig({ "group.id": "lab" })["enable.auto.commit"]).toBe(true);
  });

  it("G-COMMIT: refuses auto commit set to true without a group.id", () => {
    const error = validationError(() => resolveConsumerConfig({ "enable.auto.commit": true }));
    expect(error.errors[0]!.message).toBe("enable.auto.commit cannot be set to true when default group id (null) is used.");
  });

  it("G-REBALANCE: refuses classic-only settings with the consumer rebalance protocol", () => {
    const error = validationError(() =>
      resolveConsumerConfig({ "group.id": "g", "group.protocol": "consumer", "session.timeout.ms": 10000, "partition.assignment.strategy": "org.apache.kafka.clients.consumer.RangeAssignor" }),
    );
    expect(error.errors[0]!.message).toBe("partition.assignment.strategy, session.timeout.ms cannot be set when group.protocol=CONSUMER");
    expect(resolveConsumerConfig({ "group.id": "g", "group.protocol": "CONSUMER" })["group.protocol"]).toBe("consumer");
  });
});
