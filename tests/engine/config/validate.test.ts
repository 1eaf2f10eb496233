import { describe, expect, it } from "vitest";
import { ConfigException, validateConfig, type ConfigScope } from "../../../engine/config/index.js";

/** Runs validateConfig and returns the ConfigException it throws (failing if it returns instead). */
function rejection(scope: ConfigScope, key: string, value: unknown): ConfigException {
  try {
    validateConfig(scope, key, value);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigException);
    return error as ConfigException;
  }
  throw new Error(`expected ${key}=${String(value)} to be rejected`);
}

describe("error messages name the key, the value and what is allowed", () => {
  it("P-ACKS: a bad acks reads like Kafka's own message", () => {
    const error = rejection("producer", "acks", 7);
    expect(error.message).toBe("Invalid value 7 for configuration acks: String must be one of: all, -1, 0, 1");
    expect(error.key).toBe("acks");
    expect(error.value).toBe(7);
    expect(error.allowed).toContain("all, -1, 0, 1");
  });

  it("P-ACCUM: a negative batch.size is refused with the lower bound", () => {
    const error = rejection("producer", "batch.size", -1);
    expect(error.message).toBe("Invalid value -1 for configuration batch.size: Value must be at least 0");
    expect(error.allowed).toBe("a 32-bit integer of at least 0 (bytes)");
  });

  it("G-SHARE: a delivery count above 10 is refused with the upper bound", () => {
    const error = rejection("broker", "group.share.delivery.count.limit", 11);
    expect(error.message).toBe("Invalid value 11 for configuration group.share.delivery.count.limit: Value must be no more than 10");
    expect(error.allowed).toBe("a 32-bit integer from 2 to 10");
  });

  it("B-STORAGE: segments smaller than the format's 14-byte minimum are refused (the simulator's floor; Kafka 4's is 1 MiB)", () => {
    expect(rejection("topic", "segment.bytes", 10).message).toBe(
      "Invalid value 10 for configuration segment.bytes: Value must be at least 14",
    );
  });

  it("reports a bad list entry as the value, the way Kafka's ValidList does", () => {
    const error = rejection("topic", "cleanup.policy", "delete,shred");
    expect(error.message).toBe("Invalid value shred for configuration cleanup.policy: String must be one of: compact, delete");
  });

  it("refuses unknown names and suggests the closest known one", () => {
    const typo = rejection("producer", "lingr.ms", 5);
    expect(typo.message).toBe("Unknown configuration 'lingr.ms' for producer; did you mean 'linger.ms'?");
    expect(typo.key).toBe("lingr.ms");
    expect(rejection("producer", "ackss", "all").message).toContain("did you mean 'acks'?");
    expect(rejection("consumer", "auto.ofset.reset", "earliest").message).toContain("did you mean 'auto.offset.reset'?");
  });

  it("gives no suggestion when nothing is close", () => {
    expect(rejection("producer", "foo", 1).message).toBe("Unknown configuration 'foo' for producer");
  });

  it("does not accept a config of another scope", () => {
    expect(rejection("producer", "session.timeout.ms", 10000).message).toMatch(/^Unknown configuration 'session\.timeout\.ms' for producer/);
  });
});

describe("values are parsed the way Kafka's ConfigDef parses them", () => {
  // Ported from Kafka's ConfigDefTest.testBasicTypes.
  it("trims strings and reads numbers, lists and booleans from text", () => {
    expect(validateConfig("producer", "batch.size", "1   ")).toBe(1);
    expect(validateConfig("producer", "linger.ms", 2)).toBe(2);
    expect(validateConfig("producer", "interceptor.classes", " a , b, c")).toEqual(["a", "b", "c"]);
    expect(validateConfig("producer", "enable.idempotence", "true")).toBe(true);
    expect(validateConfig("producer", "enable.idempotence", "FalSE")).toBe(false);
    expect(validateConfig("producer", "enable.idempotence", "TRUE")).toBe(true);
    expect(validateConfig("producer", "client.id", "  lab  ")).toBe("lab");
  });

  // Ported from Kafka's ConfigDefTest.testBadInputs.
  it.each([
    ["int", "batch.size", "hello"],
    ["int", "batch.size", "42.5"],
    ["int", "batch.size", 42.5],
    ["int", "batch.size", Number.MAX_SAFE_INTEGER],
    ["int", "batch.size", "9223372036854775807"],
    ["int", "batch.size", {}],
    ["long", "linger.ms", "hello"],
    ["long", "linger.ms", "42.5"],
    ["long", "linger.ms", "922337203685477580700"],
    ["long", "linger.ms", {}],
    ["string", "client.id", {}],
    ["list", "interceptor.classes", 53],
    ["list", "interceptor.classes", {}],
    ["boolean", "enable.idempotence", "hello"],
    ["boolean", "enable.idempotence", "truee"],
    ["boolean", "enable.idempotence", "fals"],
    ["class", "partitioner.class", "not a class"],
  ])("refuses a bad %s: %s = %j", (_, key, value) => {
    expect(() => validateConfig("producer", key, value)).toThrow(ConfigException);
  });

  it("refuses NaN, infinities, fractions and numbers past 32 bits for an int", () => {
    for (const value of [Number.NaN, Infinity, -Infinity, 1.5, 2147483648, -2147483649]) {
      expect(() => validateConfig("consumer", "max.poll.records", value)).toThrow(ConfigException);
    }
    expect(validateConfig("consumer", "max.poll.records", 2147483647)).toBe(2147483647);
  });

  it("says which type a numeric string failed to be, as Kafka does", () => {
    expect(rejection("producer", "batch.size", "hello").reason).toBe("Not a number of type INT");
    expect(rejection("producer", "linger.ms", "hello").reason).toBe("Not a number of type LONG");
  });

  it("accepts Java's integer spellings: a plus sign, leading zeros, surrounding control characters", () => {
    expect(validateConfig("producer", "batch.size", "+16384")).toBe(16384);
    expect(validateConfig("producer", "batch.size", "007")).toBe(7);
    expect(validateConfig("producer", "batch.size", "\t42\n")).toBe(42);
    expect(() => validateConfig("producer", "batch.size", "0x10")).toThrow(ConfigException);
    expect(() => validateConfig("producer", "batch.size", "1e3")).toThrow(ConfigException);
  });

  it("accepts bigint for long and int values", () => {
    expect(validateConfig("producer", "buffer.memory", 1048576n)).toBe(1048576);
    expect(validateConfig("producer", "batch.size", 100n)).toBe(100);
  });

  it("refuses null for a config that has a default, and keeps null for one that may be unset", () => {
    expect(rejection("producer", "batch.size", null).reason).toBe("Value must be non-null");
    expect(validateConfig("consumer", "group.id", null)).toBeNull();
    expect(validateConfig("broker", "log.retention.ms", null)).toBeNull();
  });

  it("keeps list entries Kafka would refuse out: duplicates and empty names", () => {
    expect(rejection("producer", "interceptor.classes", "a,a").reason).toBe("Values must not be duplicated");
    expect(rejection("producer", "interceptor.classes", "a,").reason).toBe("Values must not be empty");
    expect(validateConfig("producer", "interceptor.classes", "")).toEqual([]);
    expect(validateConfig("topic", "cleanup.policy", "compact, delete")).toEqual(["compact", "delete"]);
  });

  it("matches enumerated strings exactly, like Kafka's ValidString", () => {
    // Ported from Kafka's ProducerConfigTest.testInvalidCompressionType.
    expect(() => validateConfig("producer", "compression.type", "abc")).toThrow(ConfigException);
    expect(validateConfig("producer", "compression.type", "zstd")).toBe("zstd");
    expect(() => validateConfig("consumer", "isolation.level", "READ_COMMITTED")).toThrow(ConfigException);
    expect(() => validateConfig("topic", "message.timestamp.type", "createtime")).toThrow(ConfigException);
  });

  it("matches group.protocol case-insensitively and normalizes it to lower case", () => {
    expect(validateConfig("consumer", "group.protocol", "CONSUMER")).toBe("consumer");
    expect(rejection("consumer", "group.protocol", "eager").reason).toBe("String must be one of (case insensitive): classic, consumer");
  });

  it("refuses an empty transactional.id or group.instance.id but allows leaving them unset", () => {
    expect(rejection("producer", "transactional.id", "").reason).toBe("String must be non-empty");
    expect(rejection("consumer", "group.instance.id", "   ").reason).toBe("String must be non-empty");
    expect(validateConfig("producer", "transactional.id", null)).toBeNull();
  });

  it("G-ASSIGN: accepts Kafka's assignor class names and refuses others", () => {
    const cooperative = "org.apache.kafka.clients.consumer.CooperativeStickyAssignor";
    expect(validateConfig("consumer", "partition.assignment.strategy", cooperative)).toEqual([cooperative]);
    expect(() => validateConfig("consumer", "partition.assignment.strategy", "range")).toThrow(ConfigException);
  });
});

describe("P-ACKS: acks normalization", () => {
  it.each([
    ["all", "all"],
    ["-1", "all"],
    [-1, "all"],
    ["0", "0"],
    [0, "0"],
    ["1", "1"],
    [1, "1"],
    [" all ", "all"],
  ] as const)("reads %j as %j, since -1 and all mean the same", (input, expected) => {
    expect(validateConfig("producer", "acks", input)).toBe(expected);
  });

  it.each(["ALL", "2", "", "one", 2, true])("refuses %j", (input) => {
    expect(() => validateConfig("producer", "acks", input)).toThrow(ConfigException);
  });
});

describe("G-RESET: auto.offset.reset", () => {
  // Ported from Kafka's AutoOffsetResetStrategyTest.testValidator.
  it.each(["earliest", "latest", "none", "by_duration:PT1H", "by_duration:P2D", "by_duration:PT0.5S", "by_duration:pt15m"])(
    "accepts %s",
    (value) => {
      expect(validateConfig("consumer", "auto.offset.reset", value)).toBe(value);
    },
  );

  it.each(["invalid", "by_duration:invalid", "by_duration:-PT1H", "by_duration:", "by_duration", "by_duration:PT", "LATEST", "EARLIEST", "NONE", "", null])(
    "refuses %j",
    (value) => {
      expect(() => validateConfig("consumer", "auto.offset.reset", value)).toThrow(ConfigException);
    },
  );

  it("explains the by_duration format in its error", () => {
    expect(rejection("consumer", "auto.offset.reset", "oldest").message).toContain("'by_duration:<PnDTnHnMn.nS.>'");
  });
});
