import { describe, expect, expectTypeOf, it } from "vitest";
import {
  configDefs,
  configs,
  COOPERATIVE_STICKY_ASSIGNOR,
  RANGE_ASSIGNOR,
  resolveConfig,
  validateConfig,
  type ConfigDef,
  type ConfigScope,
} from "../../../engine/config/index.js";

const SCOPES: readonly ConfigScope[] = ["broker", "topic", "producer", "consumer"];
const allDefs: readonly ConfigDef[] = SCOPES.flatMap((scope) => configDefs(scope));

describe("Kafka 4 defaults of the headline configs", () => {
  it("P-ACKS: a producer waits for all in-sync replicas by default", () => {
    expect(configs.producer.acks.default).toBe("all");
  });

  it("P-IDEMP: the producer is idempotent by default", () => {
    expect(configs.producer["enable.idempotence"].default).toBe(true);
  });

  it("P-ACCUM: batches wait 5 ms (Kafka 4.0's new default) and hold 16 KiB, within 32 MiB of buffer", () => {
    expect(configs.producer["linger.ms"].default).toBe(5);
    expect(configs.producer["batch.size"].default).toBe(16384);
    expect(configs.producer["buffer.memory"].default).toBe(33554432);
    expect(configs.producer["max.block.ms"].default).toBe(60000);
  });

  it("P-RETRY: a producer retries until its 2-minute delivery timeout, 30 s per request", () => {
    expect(configs.producer.retries.default).toBe(2147483647);
    expect(configs.producer["delivery.timeout.ms"].default).toBe(120000);
    expect(configs.producer["request.timeout.ms"].default).toBe(30000);
    expect(configs.producer["retry.backoff.ms"].default).toBe(100);
    expect(configs.producer["retry.backoff.max.ms"].default).toBe(1000);
  });

  it("P-SENDER: five requests may be in flight per connection", () => {
    expect(configs.producer["max.in.flight.requests.per.connection"].default).toBe(5);
  });

  it("R-LOSS: one in-sync replica suffices and unclean election is off by default", () => {
    expect(configs.broker["min.insync.replicas"].default).toBe(1);
    expect(configs.topic["min.insync.replicas"].default).toBe(1);
    expect(configs.broker["unclean.leader.election.enable"].default).toBe(false);
    expect(configs.topic["unclean.leader.election.enable"].default).toBe(false);
  });

  it("C-ISR: a follower leaves the ISR after 30 s behind", () => {
    expect(configs.broker["replica.lag.time.max.ms"].default).toBe(30000);
  });

  it("G-REBALANCE: a consumer is declared dead after 45 s without heartbeats, sent every 3 s", () => {
    expect(configs.consumer["session.timeout.ms"].default).toBe(45000);
    expect(configs.consumer["heartbeat.interval.ms"].default).toBe(3000);
    expect(configs.consumer["max.poll.interval.ms"].default).toBe(300000);
    expect(configs.consumer["group.protocol"].default).toBe("classic");
  });

  it("G-RESET: a new consumer group starts at the end of the log", () => {
    expect(configs.consumer["auto.offset.reset"].default).toBe("latest");
  });

  it("G-COMMIT: offsets are auto-committed every 5 s by default", () => {
    expect(configs.consumer["enable.auto.commit"].default).toBe(true);
    expect(configs.consumer["auto.commit.interval.ms"].default).toBe(5000);
  });

  it("G-ASSIGN: consumers offer RangeAssignor first, then CooperativeStickyAssignor", () => {
    expect(configs.consumer["partition.assignment.strategy"].default).toEqual([RANGE_ASSIGNOR, COOPERATIVE_STICKY_ASSIGNOR]);
    expect(RANGE_ASSIGNOR).toBe("org.apache.kafka.clients.consumer.RangeAssignor");
    expect(COOPERATIVE_STICKY_ASSIGNOR).toBe("org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
  });

  it("B-STORAGE: segments roll at 1 GiB or 7 days and the index gets an entry every 4 KiB", () => {
    expect(configs.broker["log.segment.bytes"].default).toBe(1073741824);
    // Kafka 4's minimum is 1 MiB; the simulator keeps the old 14 bytes so widgets can roll segments.
    expect(configs.broker["log.segment.bytes"].min).toBe(14);
    expect(configs.broker["log.index.interval.bytes"].default).toBe(4096);
    expect(configs.topic["segment.ms"].default).toBe(604800000);
  });

  it("B-RETENTION: data is kept 7 days with no size limit, and topics are deleted, not compacted", () => {
    expect(configs.broker["log.retention.hours"].default).toBe(168);
    expect(configs.broker["log.retention.ms"].default).toBeNull();
    expect(configs.broker["log.retention.bytes"].default).toBe(-1);
    expect(configs.topic["retention.ms"].default).toBe(604800000);
    expect(configs.topic["cleanup.policy"].default).toEqual(["delete"]);
  });

  it("B-KRAFT: brokers heartbeat to the controller every 2 s and are fenced after 9 s", () => {
    expect(configs.broker["broker.heartbeat.interval.ms"].default).toBe(2000);
    expect(configs.broker["broker.session.timeout.ms"].default).toBe(9000);
    expect(configs.broker["controller.quorum.election.timeout.ms"].default).toBe(1000);
    expect(configs.broker["controller.quorum.fetch.timeout.ms"].default).toBe(2000);
  });

  it("B-CONTROLLER: the removed ZooKeeper session timeout keeps its last default and says it was removed", () => {
    const def = configs.broker["zookeeper.session.timeout.ms"];
    expect(def.default).toBe(18000);
    expect(def.notes).toMatch(/ZooKeeper mode that Kafka 4\.0 removed/);
  });

  it("G-SHARE: share groups lock a record for 30 s and try it 5 times", () => {
    expect(configs.broker["group.share.record.lock.duration.ms"].default).toBe(30000);
    expect(configs.broker["group.share.delivery.count.limit"].default).toBe(5);
  });

  it("types each default literally, so code reading the table gets precise types", () => {
    expectTypeOf(configs.producer["batch.size"].default).toEqualTypeOf<16384>();
    expectTypeOf(configs.producer.acks.default).toEqualTypeOf<"all">();
    const producer = resolveConfig("producer", {});
    expectTypeOf(producer["linger.ms"]).toEqualTypeOf<number>();
    expectTypeOf(producer["enable.idempotence"]).toEqualTypeOf<boolean>();
    expectTypeOf(producer["transactional.id"]).toEqualTypeOf<string | null>();
    const readStrategy = () => validateConfig("consumer", "partition.assignment.strategy", "x");
    expectTypeOf(readStrategy).returns.toEqualTypeOf<readonly string[]>();
  });
});

describe("the table is consistent with itself", () => {
  it("gives every row its own name and scope", () => {
    for (const scope of SCOPES) {
      for (const [key, def] of Object.entries(configs[scope])) {
        expect(def.name).toBe(key);
        expect(def.scope).toBe(scope);
      }
    }
  });

  it.each(allDefs.map((def) => [`${def.scope} ${def.name}`, def] as const))("accepts its own default: %s", (_, def) => {
    expect(validateConfig(def.scope, def.name, def.default)).toEqual(def.default);
  });

  it("keeps every knob inside the config's own range, ordered and with a positive step", () => {
    const withKnobs = allDefs.filter((def) => def.knob !== undefined);
    expect(withKnobs.length).toBeGreaterThan(40);
    for (const def of withKnobs) {
      const knob = def.knob!;
      expect(["int", "long", "double"], def.name).toContain(def.type);
      expect(knob.min, def.name).toBeLessThan(knob.max);
      expect(knob.step, def.name).toBeGreaterThan(0);
      if (def.min !== undefined) expect(knob.min, def.name).toBeGreaterThanOrEqual(def.min);
      if (def.max !== undefined) expect(knob.max, def.name).toBeLessThanOrEqual(def.max);
      if (def.type === "int") expect(knob.max, def.name).toBeLessThanOrEqual(2147483647);
      if (knob.scale === "log") expect(knob.min, def.name).toBeGreaterThan(0);
      // Both ends of a knob must themselves be valid values.
      expect(validateConfig(def.scope, def.name, knob.min)).toBe(knob.min);
      expect(validateConfig(def.scope, def.name, knob.max)).toBe(knob.max);
    }
  });

  it("starts every knob at its default, except the sentinels that mean 'forever' or 'no limit'", () => {
    const sentinels = new Set(["retries", "retention.bytes", "log.retention.bytes"]);
    for (const def of allDefs) {
      if (def.knob === undefined || sentinels.has(def.name)) continue;
      expect(def.default, def.name).toBeGreaterThanOrEqual(def.knob.min);
      expect(def.default, def.name).toBeLessThanOrEqual(def.knob.max);
    }
  });

  it("gives every row a one-line doc and a unit for every number measured in one", () => {
    for (const def of allDefs) {
      expect(def.doc.length, def.name).toBeGreaterThan(10);
      expect(def.doc, def.name).not.toMatch(/\n/);
      if (def.name.endsWith(".ms")) expect(def.unit, def.name).toBe("ms");
      if (def.name.endsWith(".bytes")) expect(def.unit, def.name).toBe("bytes");
    }
  });

  it("lists every config the engine is specified to read", () => {
    expect(Object.keys(configs.producer)).toHaveLength(26);
    expect(Object.keys(configs.consumer)).toHaveLength(27);
    expect(Object.keys(configs.topic)).toHaveLength(13);
    expect(Object.keys(configs.broker).length).toBeGreaterThanOrEqual(46);
  });
});
