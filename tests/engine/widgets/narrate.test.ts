import { describe, expect, test } from "vitest";
import type { TraceEventOf, TraceEventType } from "../../../engine/index";
import { isNoisy, latestStoryEvent, narrate } from "../../../widgets/kit/event-log";

/**
 * One example of every trace event type. The mapped type makes this a compile error the day
 * the engine adds an event type, so narrate's coverage cannot silently fall behind.
 */
const samples: { [K in TraceEventType]: TraceEventOf<K> } = {
  "broker.started": { t: 0, type: "broker.started", broker: 1 },
  "broker.crashed": { t: 1, type: "broker.crashed", broker: 2 },
  "network.cut": { t: 1, type: "network.cut", a: ["broker-1"], b: ["zk", "broker-2"] },
  "network.healed": { t: 1, type: "network.healed" },
  "network.slowed": { t: 1, type: "network.slowed", node: "broker-3", extraLatencyMs: 1500 },
  "network.responses-dropped": { t: 1, type: "network.responses-dropped", node: "broker-1", ratio: 0.5 },
  "network.dropped": { t: 1, type: "network.dropped", from: "broker-1", to: "zk", kind: "zk.ping", reason: "cut" },
  "fault.skipped": { t: 1, type: "fault.skipped", fault: "crash", reason: "no leader to crash right now" },
  "topic.config-changed": { t: 1, type: "topic.config-changed", topic: "orders", config: { "min.insync.replicas": 2 } },
  "client.config-changed": { t: 1, type: "client.config-changed", client: "producer-0", key: "acks", value: "1" },
  "zk.session.created": { t: 1, type: "zk.session.created", broker: 1, session: 4, timeoutMs: 6000 },
  "zk.session.expired": { t: 1, type: "zk.session.expired", broker: 1, session: 4 },
  "zk.node.created": { t: 1, type: "zk.node.created", path: "/controller", ephemeralOwner: 2, data: "{}" },
  "zk.node.deleted": { t: 1, type: "zk.node.deleted", path: "/controller", why: "session-expired" },
  "zk.node.changed": { t: 1, type: "zk.node.changed", path: "/controller_epoch", data: "2" },
  "zk.watch.set": { t: 1, type: "zk.watch.set", broker: 1, path: "/controller" },
  "zk.watch.fired": { t: 1, type: "zk.watch.fired", broker: 1, path: "/controller", event: "deleted" },
  "controller.state": { t: 1, type: "controller.state", broker: 1, state: "campaigning" },
  "controller.attempt": { t: 1, type: "controller.attempt", broker: 1 },
  "controller.lost-race": { t: 1, type: "controller.lost-race", broker: 1, winner: 2 },
  "controller.elected": { t: 1, type: "controller.elected", broker: 2, epoch: 2 },
  "controller.resigned": { t: 1, type: "controller.resigned", broker: 2, epoch: 1 },
  "controller.broker-change": { t: 1, type: "controller.broker-change", controller: 2, live: [2, 3], dead: [1], born: [] },
  "metadata.updated": { t: 1, type: "metadata.updated", broker: 3, controller: 2, controllerEpoch: 2 },
  "request.rejected": { t: 1, type: "request.rejected", broker: 3, request: "LeaderAndIsr", error: "STALE_CONTROLLER_EPOCH", detail: "controller epoch 1 is older than 2" },
  "topic.created": { t: 0, type: "topic.created", topic: "orders", partitions: 1, replicationFactor: 3, assignment: [[1, 2, 3]] },
  "topic.deleted": { t: 1, type: "topic.deleted", topic: "orders" },
  "topic.partitions-added": { t: 1, type: "topic.partitions-added", topic: "orders", from: 1, to: 3, assignment: [[1, 2, 3], [2, 3, 1], [3, 1, 2]] },
  "admin.error": { t: 1, type: "admin.error", op: "create-topic", topic: "orders", error: "TOPIC_ALREADY_EXISTS", message: "Topic 'orders' already exists." },
  "partition.leader": { t: 1, type: "partition.leader", topic: "orders", partition: 0, leader: 2, leaderEpoch: 1, isr: [2, 3], replicas: [1, 2, 3], election: "clean" },
  "partition.isr": { t: 1, type: "partition.isr", topic: "orders", partition: 0, leader: 1, isr: [1, 2], change: "shrink", replica: 3, reason: "not caught up" },
  "replica.role": { t: 1, type: "replica.role", topic: "orders", partition: 0, broker: 2, role: "leader", leaderEpoch: 1 },
  "replica.append": { t: 1, type: "replica.append", topic: "orders", partition: 0, broker: 1, baseOffset: 10, lastOffset: 11, leo: 12, ids: ["producer-0#10", "producer-0#11"] },
  "replica.truncate": { t: 1, type: "replica.truncate", topic: "orders", partition: 0, broker: 1, fromLeo: 12, toOffset: 9, lostIds: ["a", "b", "c"], reason: "diverged" },
  "replica.hw": { t: 1, type: "replica.hw", topic: "orders", partition: 0, broker: 1, hw: 12 },
  "replica.fetch": { t: 1, type: "replica.fetch", topic: "orders", partition: 0, broker: 2, leader: 1, fetchOffset: 7 },
  "log.rolled": { t: 1, type: "log.rolled", topic: "orders", partition: 0, broker: 1, baseOffset: 1030, file: "00000000000000001030.log" },
  "log.segment-deleted": { t: 1, type: "log.segment-deleted", topic: "orders", partition: 0, broker: 1, baseOffset: 0, file: "00000000000000000000.log", reason: "retention.ms", logStartOffset: 1030 },
  "produce.sent": { t: 1, type: "produce.sent", topic: "orders", partition: 0, client: "producer-0", count: 1, ids: ["producer-0#1"], acks: "all", to: 1 },
  "produce.acked": { t: 1, type: "produce.acked", topic: "orders", partition: 0, client: "producer-0", count: 1, ids: ["producer-0#1"], baseOffset: 1, acks: "all", from: 1 },
  "produce.failed": { t: 1, type: "produce.failed", topic: "orders", partition: 0, client: "producer-0", count: 1, ids: ["producer-0#2"], error: "NOT_ENOUGH_REPLICAS", detail: "ISR [1] has 1 member(s)" },
  "produce.duplicate": { t: 1, type: "produce.duplicate", topic: "orders", partition: 0, broker: 1, producerId: 1000, producerEpoch: 0, firstSeq: 5, lastSeq: 9, baseOffset: 42 },
  "produce.rejected-sequence": { t: 1, type: "produce.rejected-sequence", topic: "orders", partition: 0, broker: 1, producerId: 1000, producerEpoch: 0, firstSeq: 10, expectedSeq: 5, error: "OUT_OF_ORDER_SEQUENCE_NUMBER" },
  "producer.id-allocated": { t: 1, type: "producer.id-allocated", broker: 2, producerId: 1000, producerEpoch: 0 },
  "producer.id-block": { t: 1, type: "producer.id-block", broker: 2, firstProducerId: 1000, lastProducerId: 1999 },
  "consume.read": { t: 1, type: "consume.read", topic: "orders", partition: 0, client: "consumer-0", fromOffset: 0, toOffset: 4, hw: 5, ids: [], from: 1 },
  "client.metadata": { t: 1, type: "client.metadata", client: "producer-0", from: 2, leaders: { "orders-0": 2 } },
};

describe("narrate: every trace event in plain words", () => {
  test.each(Object.values(samples))("$type reads as a sentence with every placeholder filled", (event) => {
    const text = narrate(event);
    expect(text).toBeTypeOf("string");
    expect(text!.length).toBeGreaterThan(10);
    expect(text).not.toMatch(/[{}]/);
    expect(text).not.toMatch(/undefined|NaN|\[object/);
  });

  test("a clean election names the new leader, the partition, the epoch and the ISR it was chosen from", () => {
    expect(narrate(samples["partition.leader"])).toBe("Broker 2 became leader of orders-0 in epoch 1 (clean election from ISR [2, 3])");
  });

  test("a high watermark move says which offsets became readable", () => {
    expect(narrate(samples["replica.hw"])).toBe("The high watermark on broker 1 moved to 12: offsets 0-11 are now readable");
  });

  test("variants read differently: an offline partition, a restored node, a record-less high watermark, acks=0", () => {
    expect(narrate({ ...samples["partition.leader"], leader: null })).toMatch(/offline/);
    expect(narrate({ ...samples["network.slowed"], extraLatencyMs: 0 })).toMatch(/back to normal/);
    expect(narrate({ ...samples["network.responses-dropped"], ratio: 0 })).toMatch(/no longer drops/);
    expect(narrate({ ...samples["replica.hw"], hw: 0 })).toMatch(/nothing is readable/);
    expect(narrate({ ...samples["produce.acked"], from: null, acks: "0" })).toMatch(/acks=0/);
    expect(narrate({ ...samples["partition.isr"], change: "expand" })).toMatch(/added broker 3 back/);
    expect(narrate({ ...samples["zk.node.created"], ephemeralOwner: null })).toMatch(/holding/);
    expect(narrate({ ...samples["controller.lost-race"], winner: null })).toMatch(/lost the race/);
  });

  test("per-message chatter is marked noisy so the log and the narration can skip it", () => {
    expect(isNoisy(samples["replica.fetch"])).toBe(true);
    expect(isNoisy(samples["partition.leader"])).toBe(false);
    const trace = [samples["broker.started"], { ...samples["partition.leader"], t: 5 }, { ...samples["replica.fetch"], t: 6 }];
    expect(latestStoryEvent(trace, 0, 10)?.type).toBe("partition.leader");
    expect(latestStoryEvent(trace, 5, 10)).toBeNull();
  });
});
