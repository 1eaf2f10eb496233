import { describe, expect, it } from "vitest";
import {
  Cluster,
  KafkaShareConsumer,
  ScenarioValidationError,
  ShareConsumerIllegalStateException,
  alterShareGroupConfig,
  parseScenario,
  runScenario,
  type ScenarioInput,
  type ShareConsumerRecord,
  type TraceEvent,
} from "../../../../engine/index.js";
import { ProduceWorkload } from "../../../../engine/workload/produce-workload.js";

const ofType = <K extends TraceEvent["type"]>(trace: readonly TraceEvent[], type: K) => trace.filter((e): e is Extract<TraceEvent, { type: K }> => e.type === type);

/** Three brokers, one partition of "jobs", a producer writing 30 records, and the given share consumers. */
function queueScenario(shareConsumers: object[], overrides: Partial<ScenarioInput> = {}, brokerConfig: Record<string, number> = {}): ScenarioInput {
  return {
    version: 1,
    seed: 7,
    durationMs: 20_000,
    cluster: { brokers: 3, config: { "group.share.record.lock.duration.ms": 5_000, ...brokerConfig } },
    topics: [{ name: "jobs", partitions: 1, replicationFactor: 3 }],
    workload: [
      { type: "produce", client: "producer-0", topic: "jobs", startMs: 1_000, count: 30, intervalMs: 50, acks: "all" },
      ...(shareConsumers as ScenarioInput["workload"] & object[]),
    ],
    ...overrides,
  };
}

const worker = (client: string, extra: object = {}) => ({ type: "share-consumer", client, groupId: "workers", topic: "jobs", startMs: 200, shareAutoOffsetReset: "earliest", processingMsPerRecord: 20, ...extra });

/** Member id per client, from the share.client events. */
function membersByClient(trace: readonly TraceEvent[]): Map<string, string> {
  return new Map(ofType(trace, "share.client").map((e) => [e.client, e.member]));
}

/** Replays acquisitions and settlements: fails if an offset is acquired while another member still holds it. */
function assertOneHolderAtATime(trace: readonly TraceEvent[]): void {
  const holder = new Map<number, string>();
  for (const e of trace) {
    if (e.type === "share.acquired") {
      for (const offset of e.offsets) {
        expect(holder.get(offset), `offset ${offset} acquired by ${e.member} at ${e.t} while held by ${holder.get(offset)}`).toBeUndefined();
        holder.set(offset, e.member);
      }
    } else if (e.type === "share.acknowledged" || e.type === "share.lock-expired") {
      for (const offset of e.offsets) holder.delete(offset);
    }
  }
}

describe("share groups on a cluster: several consumers per partition (G-SHARE, C-MODEL)", () => {
  it("G-SHARE: two share consumers on ONE partition both get records, each record goes to one of them, and never to two at once", () => {
    const { trace } = runScenario(queueScenario([worker("worker-a"), worker("worker-b")]));
    const members = membersByClient(trace);
    const assignments = ofType(trace, "share.assignment").at(-1)!.assignment;
    expect(assignments[members.get("worker-a")!]).toEqual(["jobs-0"]);
    expect(assignments[members.get("worker-b")!]).toEqual(["jobs-0"]);

    const polls = ofType(trace, "share.poll");
    const idsOf = (client: string) => polls.filter((p) => p.client === client).flatMap((p) => p.ids);
    expect(idsOf("worker-a").length).toBeGreaterThan(0);
    expect(idsOf("worker-b").length).toBeGreaterThan(0);
    const all = [...idsOf("worker-a"), ...idsOf("worker-b")];
    expect(new Set(all).size).toBe(30);
    expect(all).toHaveLength(30);
    assertOneHolderAtATime(trace);
    // Every record was accepted, so the share-partition start offset ends past all 30.
    expect(ofType(trace, "share.start-offset").at(-1)?.startOffset).toBe(30);
  });

  it("G-SHARE: a crashed consumer's records come back when their locks expire, and go to the other consumer with delivery count 2", () => {
    const { trace } = runScenario(
      queueScenario([worker("worker-a", { processingMsPerRecord: 2_000 }), worker("worker-b", { startMs: 3_000 })], {
        faults: [{ type: "share-consumer-crash", atMs: 2_500, client: "worker-a" }],
      }),
    );
    const members = membersByClient(trace);
    const a = members.get("worker-a")!;
    const b = members.get("worker-b")!;
    const heldByA = ofType(trace, "share.acquired").filter((e) => e.member === a);
    expect(heldByA.length).toBeGreaterThan(0);
    const firstAcquisition = heldByA[0];
    const expired = ofType(trace, "share.lock-expired").filter((e) => e.member === a);
    expect(expired.length).toBeGreaterThan(0);
    // The lock runs group.share.record.lock.duration.ms from the acquisition, crash or no crash.
    expect(expired[0].t).toBe(firstAcquisition.t + 5_000);
    const orphaned = expired.flatMap((e) => e.offsets);
    const redelivered = ofType(trace, "share.acquired").filter((e) => e.member === b && e.t >= expired[0].t && e.deliveryCount === 2);
    const redeliveredOffsets = redelivered.flatMap((e) => e.offsets);
    for (const offset of orphaned) expect(redeliveredOffsets).toContain(offset);
    expect(ofType(trace, "share.client").find((e) => e.client === "worker-a" && e.change === "crashed")?.t).toBe(2_500);
    assertOneHolderAtATime(trace);
  });

  it("G-SHARE: a record RELEASEd on every delivery is archived at group.share.delivery.count.limit and never delivered again", () => {
    const { trace } = runScenario(queueScenario([worker("worker-a", { ack: "release" })], { durationMs: 15_000 }, { "group.share.delivery.count.limit": 3 }));
    const acquisitionsOf0 = ofType(trace, "share.acquired").filter((e) => e.offsets.includes(0));
    expect(acquisitionsOf0.map((e) => e.deliveryCount)).toEqual([1, 2, 3]);
    const archived = ofType(trace, "share.archived").filter((e) => e.reason === "delivery-count-limit").flatMap((e) => e.offsets);
    expect(new Set(archived)).toEqual(new Set(Array.from({ length: 30 }, (_, i) => i)));
    expect(ofType(trace, "share.acquired").every((e) => e.deliveryCount <= 3)).toBe(true);
    expect(ofType(trace, "share.start-offset").at(-1)?.startOffset).toBe(30);
  });

  it("failEvery: every n-th record is released and comes back to the group with a higher delivery count", () => {
    const { trace } = runScenario(queueScenario([worker("worker-a", { failEvery: 5, failAck: "release" })]));
    const released = ofType(trace, "share.acknowledged").filter((e) => e.ackType === "RELEASE").flatMap((e) => e.offsets);
    expect(released.length).toBeGreaterThan(0);
    const again = ofType(trace, "share.acquired").filter((e) => e.deliveryCount === 2).flatMap((e) => e.offsets);
    for (const offset of released.filter((o) => ofType(trace, "share.acquired").some((e) => e.deliveryCount === 1 && e.offsets.includes(o)))) {
      expect(again).toContain(offset);
    }
  });

  it("a member that stops heartbeating is removed after group.share.session.timeout.ms", () => {
    const { trace } = runScenario(
      queueScenario([worker("worker-a"), worker("worker-b")], { faults: [{ type: "share-consumer-crash", atMs: 2_000, client: "worker-a" }] }, { "group.share.session.timeout.ms": 6_000 }),
    );
    const a = membersByClient(trace).get("worker-a")!;
    const expiry = ofType(trace, "share.member").find((e) => e.member === a && e.change === "expired");
    expect(expiry).toBeDefined();
    expect(expiry!.t).toBeGreaterThan(6_000);
    expect(expiry!.t).toBeLessThanOrEqual(2_000 + 6_000);
    expect(Object.keys(ofType(trace, "share.assignment").at(-1)!.assignment)).toEqual([membersByClient(trace).get("worker-b")]);
  });

  it("the same scenario and seed give the same trace", () => {
    const input = queueScenario([worker("worker-a", { failEvery: 4 }), worker("worker-b")]);
    expect(JSON.stringify(runScenario(input).trace)).toBe(JSON.stringify(runScenario(input).trace));
  });
});

/** A cluster with 10 records in "jobs" and a share consumer ready to subscribe. */
function clusterWithRecords(config: Record<string, unknown>) {
  const cluster = new Cluster({ seed: 3, brokers: 3, brokerConfig: { "group.share.record.lock.duration.ms": 5_000 } });
  cluster.seedTopic({ name: "jobs", partitions: 1, replicationFactor: 3 });
  new ProduceWorkload(cluster, { client: "producer-0", topic: "jobs", partition: 0, startMs: 500, count: 10, intervalMs: 10, recordsPerRequest: 10, valueBytes: 10, acks: "all", requestTimeoutMs: 30_000 }).start();
  alterShareGroupConfig(cluster, "g", { "share.auto.offset.reset": "earliest" });
  cluster.start();
  const consumer = new KafkaShareConsumer(cluster, { clientId: "share-0", config: { "group.id": "g", ...config } });
  return { cluster, consumer };
}

describe("KafkaShareConsumer", () => {
  it("implicit mode (Kafka's default): acknowledge() throws, and the next poll() accepts the previous poll's records", () => {
    const { cluster, consumer } = clusterWithRecords({});
    expect(consumer.acknowledgementMode).toBe("implicit");
    let first: readonly ShareConsumerRecord[] = [];
    cluster.sim.scheduleAt(1_000, () => {
      consumer.subscribe(["jobs"]);
      consumer.poll(3_000, (records) => {
        first = records;
        expect(() => consumer.acknowledge(records[0])).toThrow(ShareConsumerIllegalStateException);
        consumer.poll(100, () => {});
      });
    });
    cluster.runUntil(6_000);
    expect(first.length).toBe(10);
    expect(first.every((r) => r.deliveryCount === 1)).toBe(true);
    const accepted = ofType(cluster.trace.events, "share.acknowledged").filter((e) => e.ackType === "ACCEPT").flatMap((e) => e.offsets);
    expect(accepted).toEqual(first.map((r) => r.offset));
  });

  it("explicit mode: close() releases unacknowledged records at once instead of waiting for the lock", () => {
    const { cluster, consumer } = clusterWithRecords({ "share.acknowledgement.mode": "explicit" });
    let closedAt = -1;
    cluster.sim.scheduleAt(1_000, () => {
      consumer.subscribe(["jobs"]);
      consumer.poll(3_000, (records) => {
        consumer.acknowledge(records[0], "ACCEPT");
        consumer.close(() => (closedAt = cluster.sim.nowMs));
      });
    });
    cluster.runUntil(10_000);
    expect(closedAt).toBeGreaterThan(0);
    expect(closedAt).toBeLessThan(3_000);
    expect(ofType(cluster.trace.events, "share.lock-expired")).toEqual([]);
    expect(ofType(cluster.trace.events, "share.member").map((e) => e.change)).toEqual(["joined", "left"]);
    const sp = [...cluster.brokers.values()].map((b) => b.sharePartitionManager.sharePartition("g", "jobs", 0)).find((s) => s !== undefined)!;
    expect(sp.startOffset).toBe(1);
    expect(sp.recordState(1)?.state).toBe("AVAILABLE");
  });

  it("refuses configs a share group decides, and a missing group.id, naming the key", () => {
    const cluster = new Cluster({ seed: 1, brokers: 1 });
    expect(() => new KafkaShareConsumer(cluster, { clientId: "s", config: { "group.id": "g", "enable.auto.commit": false } })).toThrow(/enable\.auto\.commit is not supported by a share consumer/);
    expect(() => new KafkaShareConsumer(cluster, { clientId: "s", config: {} })).toThrow(/group\.id is null/);
    expect(() => new KafkaShareConsumer(cluster, { clientId: "s", config: { "group.id": "g", "share.acknowledgement.mode": "sometimes" } })).toThrow(/share\.acknowledgement\.mode/);
  });
});

describe("share-consumer scenarios: validation", () => {
  const issuesOf = (input: ScenarioInput) => {
    try {
      parseScenario(input);
      return [];
    } catch (e) {
      if (!(e instanceof ScenarioValidationError)) throw e;
      return e.issues.map((i) => `${i.path}: ${i.message}`);
    }
  };

  it("implicit mode cannot release or reject", () => {
    const issues = issuesOf(queueScenario([worker("worker-a", { failEvery: 3, config: { "share.acknowledgement.mode": "implicit" } })]));
    expect(issues).toEqual([expect.stringMatching(/^workload\[1\]\.ack: share\.acknowledgement\.mode is implicit/)]);
  });

  it("unknown topics, refused consumer configs and crash faults without a share-consumer workload are named", () => {
    const issues = issuesOf(
      queueScenario([worker("worker-a", { config: { "isolation.level": "read_committed", "max.poll.records": 0 } }), worker("worker-b", { topic: "nope" })], {
        faults: [{ type: "share-consumer-crash", atMs: 100, client: "ghost" }],
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^workload\[1\]\.config\["isolation\.level"\]: is not supported by a share consumer/),
        expect.stringMatching(/^workload\[1\]\.config\["max\.poll\.records"\]/),
        expect.stringMatching(/^workload\[2\]\.topic: unknown topic/),
        expect.stringMatching(/^faults\[0\]\.client: no share-consumer workload/),
      ]),
    );
  });
});

describe("share groups across a leader change", () => {
  it("a new leader resumes from the persisted share-partition state: accepted records are not delivered again", () => {
    const { trace } = runScenario(
      queueScenario([worker("worker-a", { processingMsPerRecord: 100 })], {
        durationMs: 30_000,
        cluster: { brokers: 3, config: { "group.share.record.lock.duration.ms": 5_000, "zookeeper.session.timeout.ms": 3_000 } },
        faults: [{ type: "crash", atMs: 2_500, broker: "leader", topic: "jobs" }],
      }),
    );
    const accepted = ofType(trace, "share.acknowledged").filter((e) => e.ackType === "ACCEPT");
    const crashedAt = ofType(trace, "broker.crashed")[0].t;
    const acceptedBefore = new Set(accepted.filter((e) => e.t < crashedAt).flatMap((e) => e.offsets));
    expect(acceptedBefore.size).toBeGreaterThan(0);
    const acquiredAfter = ofType(trace, "share.acquired").filter((e) => e.t > crashedAt);
    expect(acquiredAfter.length).toBeGreaterThan(0);
    expect(acquiredAfter.every((e) => e.broker !== ofType(trace, "broker.crashed")[0].broker)).toBe(true);
    expect(acquiredAfter.flatMap((e) => e.offsets).filter((o) => acceptedBefore.has(o))).toEqual([]);
    // In the end every record was accepted once the new leader served the group.
    expect(new Set(accepted.flatMap((e) => e.offsets)).size).toBe(30);
  });
});
