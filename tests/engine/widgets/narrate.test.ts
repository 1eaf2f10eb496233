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
  "producer.created": {t: 0,type: "producer.created",client: "producer-0",config: {acks: "all","enable.idempotence":true,"max.in.flight.requests.per.connection":5,retries: 2147483647,"batch.size":16384,"linger.ms":5,"buffer.memory":33554432,"max.block.ms":60000,"max.request.size":1048576,"request.timeout.ms":30000,"delivery.timeout.ms":120000,"retry.backoff.ms":100,"retry.backoff.max.ms":1000,"metadata.max.age.ms":300000,"partitioner.class":null,"partitioner.ignore.keys":false}},
  "producer.init-id": {t: 110,type: "producer.init-id",client: "producer-0",producerId: 0,producerEpoch: 0,from: 3},
  "producer.record": {t: 500,type: "producer.record",client: "producer-0",id: "producer-0#0",stage: "send",topic: "orders",partition: -1,key: "alice",detail: "KafkaProducer.send"},
  "producer.buffer": {t: 504,type: "producer.buffer",client: "producer-0",usedBytes: 16384,availableBytes: 33538048,totalBytes: 33554432,waiting: 0},
  "producer.batch": {t: 504,type: "producer.batch",client: "producer-0",batch: "producer-0/orders-1/0",topic: "orders",partition: 1,state: "open",count: 1,bytes: 175,attempt: 0,reason: "new batch",baseSequence: -1},
  "producer.request": {t: 509,type: "producer.request",client: "producer-0",request: 0,to: 3,phase: "sent",batches: ["producer-0/orders-1/0"],inFlight: 1},
  "consume.read": { t: 1, type: "consume.read", topic: "orders", partition: 0, client: "consumer-0", fromOffset: 0, toOffset: 4, hw: 5, ids: [], from: 1 },
  "client.metadata": { t: 1, type: "client.metadata", client: "producer-0", from: 2, leaders: { "orders-0": 2 } },
  // Groups, offsets, share groups and consumers
  "group.state": { t: 1, type: "group.state", group: "orders-app", coordinator: 2, from: "Stable", to: "PreparingRebalance", generation: 1, reason: "explicit LeaveGroup request" },
  "group.member": { t: 1, type: "group.member", group: "orders-app", member: "consumer-0-40ad3be2-568b-430f-be04-90ac036a2e78", change: "expired", reason: "no heartbeat within session.timeout.ms (10000 ms)" },
  "group.rebalance": { t: 1, type: "group.rebalance", group: "orders-app", generation: 2, protocol: "range", leader: "consumer-0-40ad3be2-568b-430f-be04-90ac036a2e78", members: ["consumer-0-40ad3be2-568b-430f-be04-90ac036a2e78", "consumer-2-10c35bc8-9c60-4d39-bf3c-f1107a2a690f"] },
  "group.assignment": { t: 1, type: "group.assignment", group: "orders-app", generation: 2, assignment: { "consumer-0-40ad3be2-568b-430f-be04-90ac036a2e78": ["orders-0", "orders-1"] } },
  "offset.commit": { t: 1, type: "offset.commit", group: "orders-app", topic: "orders", partition: 0, offset: 12, member: "consumer-0-40ad3be2-568b-430f-be04-90ac036a2e78", result: "NONE" },
  "coordinator.moved": { t: 1, type: "coordinator.moved", group: "orders-app", from: 1, to: 2 },
  "share.acquired": { t: 1, type: "share.acquired", group: "share-app", topic: "orders", partition: 0, broker: 1, member: "m1", firstOffset: 0, lastOffset: 4, deliveryCount: 1, count: 5, offsets: [0, 1, 2, 3, 4], ids: [] },
  "share.acknowledged": { t: 1, type: "share.acknowledged", group: "share-app", topic: "orders", partition: 0, broker: 1, member: "m1", ackType: "ACCEPT", count: 5, offsets: [0, 1, 2, 3, 4] },
  "share.lock-expired": { t: 1, type: "share.lock-expired", group: "share-app", topic: "orders", partition: 0, broker: 1, member: "m1", count: 2, offsets: [5, 6] },
  "share.archived": { t: 1, type: "share.archived", group: "share-app", topic: "orders", partition: 0, broker: 1, reason: "delivery-count-limit", count: 1, offsets: [5] },
  "share.start-offset": { t: 1, type: "share.start-offset", group: "share-app", topic: "orders", partition: 0, broker: 1, startOffset: 5, endOffset: 9 },
  "share.member": { t: 1, type: "share.member", group: "share-app", coordinator: 2, member: "m1", change: "joined", memberEpoch: 1, groupEpoch: 3 },
  "share.assignment": { t: 1, type: "share.assignment", group: "share-app", coordinator: 2, groupEpoch: 3, assignment: { m1: ["orders-0"], m2: ["orders-0"] } },
  "share.poll": { t: 1, type: "share.poll", client: "share-0", group: "share-app", member: "m1", count: 3, ids: [] },
  "share.client": { t: 1, type: "share.client", client: "share-0", group: "share-app", member: "m1", change: "crashed" },
  "consumer.state": { t: 1, type: "consumer.state", client: "consumer-0", group: "orders-app", from: "STABLE", to: "PREPARING_REBALANCE", generation: 1, member: "consumer-0-40ad3be2-568b-430f-be04-90ac036a2e78" },
  "consumer.coordinator": { t: 1, type: "consumer.coordinator", client: "consumer-0", group: "orders-app", coordinator: 2, reason: "FindCoordinator answered by broker 1" },
  "consumer.join": { t: 1, type: "consumer.join", client: "consumer-0", group: "orders-app", generation: 2, member: "consumer-0-40ad3be2-568b-430f-be04-90ac036a2e78", leader: "consumer-0-40ad3be2-568b-430f-be04-90ac036a2e78", protocol: "range" },
  "consumer.assigned": { t: 1, type: "consumer.assigned", client: "consumer-0", group: "orders-app", generation: 2, partitions: ["orders-0", "orders-1", "orders-2"], added: ["orders-2"] },
  "consumer.revoked": { t: 1, type: "consumer.revoked", client: "consumer-0", group: "orders-app", generation: 1, partitions: ["orders-0", "orders-1"], reason: "eager rebalance: every partition is revoked before joining" },
  "consumer.lost": { t: 1, type: "consumer.lost", client: "consumer-0", group: "orders-app", generation: 1, partitions: ["orders-0"], reason: "the member was removed from the group" },
  "consumer.poll": { t: 1, type: "consumer.poll", client: "consumer-0", group: "orders-app", count: 2, ids: [], ranges: [{ topic: "orders", partition: 0, fromOffset: 3, toOffset: 4 }] },
  "consumer.process": { t: 1, type: "consumer.process", client: "consumer-0", group: "orders-app", topic: "orders", partition: 0, id: "producer-0#3", offset: 3, worker: 0 },
  "consumer.commit": { t: 1, type: "consumer.commit", client: "consumer-0", group: "orders-app", kind: "sync", offsets: { "orders-0": 5 }, result: "NONE", detail: "" },
  "consumer.crash": { t: 1, type: "consumer.crash", client: "consumer-0", group: "orders-app", step: "mid-batch", committed: { "orders-0": 3 } },
  "consumer.started": { t: 1, type: "consumer.started", client: "consumer-0", group: "orders-app", reason: "start" },
  "consumer.closed": { t: 1, type: "consumer.closed", client: "consumer-0", group: "orders-app", reason: "the application closed the consumer" },
  "consumer.stall": { t: 1, type: "consumer.stall", client: "consumer-0", group: "orders-app", durationMs: 13000 },
  "consumer.leave": { t: 1, type: "consumer.leave", client: "consumer-0", group: "orders-app", member: "consumer-0-40ad3be2-568b-430f-be04-90ac036a2e78", reason: "consumer poll timeout has expired." },
  "consumer.seek": { t: 1, type: "consumer.seek", client: "consumer-0", group: "orders-app", topic: "orders", partition: 0, offset: 12, reason: "the group's committed offset" },
  "consumer.reset": { t: 1, type: "consumer.reset", client: "consumer-0", group: "orders-app", topic: "orders", partition: 0, policy: "earliest", fromOffset: null, offset: 0, reason: "the group has no committed offset for the partition" },
  "consumer.error": { t: 1, type: "consumer.error", client: "consumer-0", group: "orders-app", exception: "CommitFailedException", message: "the group has rebalanced" },
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

describe("narrate: groups and consumers", () => {
  test("a member id is shortened to its client and the first digits of its UUID", () => {
    expect(narrate(samples["consumer.join"])).toBe("consumer-0 joined group orders-app, generation 2, as consumer-0-40ad… and leads it: it runs the range assignor");
  });

  test("a revocation names the partitions and the listener callback", () => {
    expect(narrate(samples["consumer.revoked"])).toBe("consumer-0 gave up orders-0, orders-1 (onPartitionsRevoked): eager rebalance: every partition is revoked before joining");
  });

  test("an empty assignment says the member is idle; a failed commit names the error", () => {
    expect(narrate({ ...samples["consumer.assigned"], partitions: [], added: [] })).toMatch(/owns no partition in generation 2: it is idle/);
    expect(narrate({ ...samples["offset.commit"], result: "ILLEGAL_GENERATION" })).toMatch(/could not commit offset 12 for orders-0: ILLEGAL_GENERATION/);
  });

  test("the coordinator's state change reads as from -> to with its generation", () => {
    expect(narrate(samples["group.state"])).toBe("Group orders-app on broker 2: Stable → PreparingRebalance (generation 1): explicit LeaveGroup request");
  });
});
