import { describe, expect, it } from "vitest";
import {
  ConfigValidationError,
  configs,
  effectiveTopicConfig,
  resolveConfig,
  topicConfigSynonyms,
} from "../../../engine/config/index.js";

describe("topic configs take their defaults from the broker", () => {
  it("maps every topic config to broker synonyms that exist", () => {
    expect(Object.keys(topicConfigSynonyms).sort()).toEqual(Object.keys(configs.topic).sort());
    for (const synonyms of Object.values(topicConfigSynonyms)) {
      for (const synonym of synonyms) expect(Object.keys(configs.broker)).toContain(synonym.name);
    }
  });

  it("uses Kafka's synonym names", () => {
    expect(topicConfigSynonyms["segment.bytes"]).toEqual([{ name: "log.segment.bytes" }]);
    expect(topicConfigSynonyms["retention.ms"].map((s) => s.name)).toEqual(["log.retention.ms", "log.retention.minutes", "log.retention.hours"]);
    expect(topicConfigSynonyms["segment.ms"].map((s) => s.name)).toEqual(["log.roll.ms", "log.roll.hours"]);
    expect(topicConfigSynonyms["cleanup.policy"]).toEqual([{ name: "log.cleanup.policy" }]);
    expect(topicConfigSynonyms["max.message.bytes"]).toEqual([{ name: "message.max.bytes" }]);
  });

  it("agrees with the topic table when the broker runs on defaults", () => {
    expect(effectiveTopicConfig()).toEqual(resolveConfig("topic"));
    expect(effectiveTopicConfig(resolveConfig("broker"))).toEqual(resolveConfig("topic"));
  });

  it("R-FIX: a broker's min.insync.replicas and unclean election setting reach its topics", () => {
    const topic = effectiveTopicConfig({ "min.insync.replicas": 2, "unclean.leader.election.enable": true });
    expect(topic["min.insync.replicas"]).toBe(2);
    expect(topic["unclean.leader.election.enable"]).toBe(true);
  });

  it("B-STORAGE: a broker's segment and index sizes reach its topics", () => {
    const topic = effectiveTopicConfig({ "log.segment.bytes": 2097152, "log.index.interval.bytes": 1024 });
    expect(topic["segment.bytes"]).toBe(2097152);
    expect(topic["index.interval.bytes"]).toBe(1024);
  });

  it("B-RETENTION: retention comes from log.retention.ms, else minutes, else hours", () => {
    expect(effectiveTopicConfig({ "log.retention.hours": 1 })["retention.ms"]).toBe(3600000);
    expect(effectiveTopicConfig({ "log.retention.hours": 1, "log.retention.minutes": 5 })["retention.ms"]).toBe(300000);
    expect(effectiveTopicConfig({ "log.retention.minutes": 5, "log.retention.ms": 1234 })["retention.ms"]).toBe(1234);
  });

  it("B-RETENTION: any negative broker retention time means keep forever (-1)", () => {
    expect(effectiveTopicConfig({ "log.retention.hours": -5 })["retention.ms"]).toBe(-1);
    expect(effectiveTopicConfig({ "log.retention.ms": -100 })["retention.ms"]).toBe(-1);
  });

  it("B-RETENTION: segments roll by log.roll.ms, else log.roll.hours", () => {
    expect(effectiveTopicConfig({ "log.roll.hours": 2 })["segment.ms"]).toBe(7200000);
    expect(effectiveTopicConfig({ "log.roll.hours": 2, "log.roll.ms": 500 })["segment.ms"]).toBe(500);
  });

  it("B-RETENTION: compaction settings come from the log cleaner's broker configs", () => {
    const topic = effectiveTopicConfig({ "log.cleanup.policy": "compact", "log.cleaner.delete.retention.ms": 1000 });
    expect(topic["cleanup.policy"]).toEqual(["compact"]);
    expect(topic["delete.retention.ms"]).toBe(1000);
  });

  it("lets a topic override win over the broker", () => {
    const topic = effectiveTopicConfig({ "log.retention.hours": 1 }, { "retention.ms": "-1", "cleanup.policy": "compact,delete" });
    expect(topic["retention.ms"]).toBe(-1);
    expect(topic["cleanup.policy"]).toEqual(["compact", "delete"]);
  });

  it("validates both the broker config and the topic overrides", () => {
    expect(() => effectiveTopicConfig({ "log.segment.bytes": 10 })).toThrow(ConfigValidationError);
    try {
      effectiveTopicConfig({}, { "retention.ms": -2, "segment.byte": 1048576 });
      throw new Error("expected a ConfigValidationError");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      const validation = error as ConfigValidationError;
      expect(validation.scope).toBe("topic");
      expect(validation.errors.map((e) => e.key)).toEqual(["retention.ms", "segment.byte"]);
      expect(validation.errors[1]!.message).toContain("did you mean 'segment.bytes'?");
    }
  });
});
