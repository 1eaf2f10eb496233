import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigException, configDefs, validateConfig, type ConfigDef, type ConfigScope } from "../../../engine/config/index.js";

const SCOPES: readonly ConfigScope[] = ["broker", "topic", "producer", "consumer"];
const allDefs: readonly ConfigDef[] = SCOPES.flatMap((scope) => configDefs(scope));

/** Values a config might plausibly be given, mixed with arbitrary junk. */
const candidateValue = fc.oneof(
  fc.anything({ withBigInt: true, withNullPrototype: true, withObjectString: true }),
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.boolean(),
  fc.constantFrom("all", "-1", "0", "1", "true", "FALSE", " 42 ", "+7", "delete,compact", "compact,compact", "", "by_duration:PT1H", "CONSUMER", "NaN", "1e3"),
  fc.integer().map((n) => ` ${n}\t`),
  fc.array(fc.constantFrom("compact", "delete", "org.apache.kafka.clients.consumer.RangeAssignor", "a", "")),
  fc.constant(Symbol("odd")),
);

describe("validateConfig on arbitrary input", () => {
  it("either returns a value that validates again unchanged, or throws ConfigException and nothing else", () => {
    fc.assert(
      fc.property(fc.constantFrom(...allDefs), candidateValue, (def, value) => {
        let normalized: unknown;
        try {
          normalized = validateConfig(def.scope, def.name, value);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigException);
          const exception = error as ConfigException;
          expect(exception.key).toBe(def.name);
          expect(exception.message).toContain(def.name);
          expect(exception.allowed.length).toBeGreaterThan(0);
          return;
        }
        expect(validateConfig(def.scope, def.name, normalized)).toEqual(normalized);
      }),
      { numRuns: 5000 },
    );
  });

  it("throws only ConfigException for arbitrary config names, suggesting nothing it does not know", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCOPES), fc.string(), fc.anything(), (scope, key, value) => {
        try {
          validateConfig(scope, key, value);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigException);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
