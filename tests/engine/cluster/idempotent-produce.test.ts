/**
 * Idempotent produce through a whole cluster: the partition leader drops a resent batch and
 * answers with the original offset, refuses a sequence gap, and still recognises a resend
 * after a failover because followers keep the producer state too; InitProducerId hands out
 * distinct ids from blocks claimed in ZooKeeper. The client here is a bare request() call,
 * the way engine/workload/produce-workload.ts sends Produce.
 */
import { describe, expect, it } from "vitest";
import { checkDelivery, Cluster, type TraceEvent } from "../../../engine/index.js";
import type { InitProducerIdResponse } from "../../../engine/cluster/broker.js";
import type { SimRecord } from "../../../engine/cluster/log/index.js";
import type { Acks, ProduceResponse } from "../../../engine/cluster/replica-manager.js";
import { type Endpoint, request, type RequestOutcome } from "../../../engine/cluster/rpc.js";
import { brokerNodeId } from "../../../engine/cluster/types.js";
import type { BrokerId } from "../../../engine/kernel/trace.js";

const ofType = <K extends TraceEvent["type"]>(trace: readonly TraceEvent[], type: K) => trace.filter((e): e is Extract<TraceEvent, { type: K }> => e.type === type);

const client: Endpoint = { nodeId: "client-0", incarnation: 0, isCurrent: () => true };
const REQUEST_TIMEOUT_MS = 30_000;

/** A started three-broker cluster with orders-0 on brokers 1, 2, 3, run until it has a leader. */
function startCluster(seed = 7): Cluster {
  const cluster = new Cluster({ seed, brokers: 3 });
  cluster.clientNodes.push(client.nodeId);
  cluster.seedTopic({ name: "orders", partitions: 1, replicationFactor: 3, assignment: [[1, 2, 3]] });
  cluster.start();
  runUntilTrue(cluster, () => cluster.leaderOf("orders", 0) !== null && isrIsFull(cluster));
  return cluster;
}

function isrIsFull(cluster: Cluster): boolean {
  const leader = cluster.leaderOf("orders", 0);
  return leader !== null && cluster.broker(leader)!.replicaManager.partition("orders", 0)?.isr.length === 3;
}

function runUntilTrue(cluster: Cluster, done: () => boolean, limitMs = 60_000): void {
  const end = cluster.sim.nowMs + limitMs;
  while (!done()) {
    if (cluster.sim.nowMs >= end) throw new Error(`condition not reached by t=${end} ms`);
    cluster.runUntil(cluster.sim.nowMs + 50);
  }
}

/** Runs one exchange to its outcome. */
function exchange<Res>(cluster: Cluster, to: BrokerId, kind: string, serve: (respond: (r: Res) => void) => void): RequestOutcome<Res> {
  let outcome: RequestOutcome<Res> | undefined;
  request<Res>(cluster.sim, cluster.net, client, brokerNodeId(to), kind, serve, (o) => (outcome = o), REQUEST_TIMEOUT_MS);
  runUntilTrue(cluster, () => outcome !== undefined, REQUEST_TIMEOUT_MS + 1_000);
  return outcome!;
}

function batchRecords(firstId: number, count: number, t: number): SimRecord[] {
  return Array.from({ length: count }, (_, i) => ({ key: null, value: "v", timestamp: t, id: `client-0#${firstId + i}` }));
}

function produce(cluster: Cluster, to: BrokerId, records: SimRecord[], producer: { producerId: number; producerEpoch: number; baseSequence: number }, acks: Acks = "all"): ProduceResponse {
  const outcome = exchange<ProduceResponse>(cluster, to, "Produce", (respond) =>
    cluster.broker(to)!.replicaManager.handleProduce("orders", 0, records, acks, REQUEST_TIMEOUT_MS, producer, respond),
  );
  if (!outcome.ok) throw new Error(`Produce to broker ${to} got no answer: ${outcome.error}`);
  return outcome.response;
}

function initProducerId(cluster: Cluster, to: BrokerId): InitProducerIdResponse {
  const outcome = exchange<InitProducerIdResponse>(cluster, to, "InitProducerId", (respond) => cluster.broker(to)!.handleInitProducerId(respond));
  if (!outcome.ok) throw new Error(`InitProducerId to broker ${to} got no answer: ${outcome.error}`);
  return outcome.response;
}

const leoOf = (cluster: Cluster, broker: BrokerId) => cluster.broker(broker)!.replicaManager.partition("orders", 0)!.logEndOffset;

describe("idempotent produce: the leader drops a resent batch", () => {
  it("a batch resent with the same producerId, epoch and sequence is not appended again and gets its original offset", () => {
    const cluster = startCluster();
    const leader = cluster.leaderOf("orders", 0)!;
    const producer = { producerId: 0, producerEpoch: 0, baseSequence: 0 };
    const first = batchRecords(0, 3, cluster.sim.nowMs);
    expect(produce(cluster, leader, first, producer)).toMatchObject({ error: "NONE", baseOffset: 0 });
    expect(produce(cluster, leader, batchRecords(3, 2, cluster.sim.nowMs), { ...producer, baseSequence: 3 })).toMatchObject({ error: "NONE", baseOffset: 3 });
    // The first batch again, as a producer resends it after its response was lost.
    const resent = produce(cluster, leader, first, producer);
    expect(resent).toEqual({ error: "NONE", baseOffset: 0, detail: "" });
    expect(leoOf(cluster, leader)).toBe(5);
    const duplicate = ofType(cluster.trace.events, "produce.duplicate");
    expect(duplicate).toHaveLength(1);
    expect(duplicate[0]).toMatchObject({ broker: leader, topic: "orders", partition: 0, producerId: 0, producerEpoch: 0, firstSeq: 0, lastSeq: 2, baseOffset: 0 });
    cluster.runUntil(cluster.sim.nowMs + 2_000);
    expect(checkDelivery(cluster.trace.events).duplicated).toEqual([]);
  });

  it("without idempotence (producerId -1) the same resend is written twice, and the checker names it", () => {
    const cluster = startCluster();
    const leader = cluster.leaderOf("orders", 0)!;
    const none = { producerId: -1, producerEpoch: -1, baseSequence: -1 };
    const records = batchRecords(0, 2, cluster.sim.nowMs);
    produce(cluster, leader, records, none);
    expect(produce(cluster, leader, records, none)).toMatchObject({ error: "NONE", baseOffset: 2 });
    expect(leoOf(cluster, leader)).toBe(4);
    expect(ofType(cluster.trace.events, "produce.duplicate")).toEqual([]);
    cluster.runUntil(cluster.sim.nowMs + 2_000);
    expect(checkDelivery(cluster.trace.events).duplicated.map((d) => d.id)).toEqual(["client-0#0", "client-0#1"]);
  });

  it("acks=1 answers a resend at once with the original offset too", () => {
    const cluster = startCluster();
    const leader = cluster.leaderOf("orders", 0)!;
    const producer = { producerId: 5, producerEpoch: 0, baseSequence: 0 };
    const records = batchRecords(0, 1, cluster.sim.nowMs);
    produce(cluster, leader, records, producer, "1");
    expect(produce(cluster, leader, records, producer, "1")).toMatchObject({ error: "NONE", baseOffset: 0 });
    expect(leoOf(cluster, leader)).toBe(1);
  });
});

describe("idempotent produce: the leader refuses gaps and zombies", () => {
  it("a gap in the sequence is refused with OUT_OF_ORDER_SEQUENCE_NUMBER and nothing is written", () => {
    const cluster = startCluster();
    const leader = cluster.leaderOf("orders", 0)!;
    produce(cluster, leader, batchRecords(0, 3, cluster.sim.nowMs), { producerId: 0, producerEpoch: 0, baseSequence: 0 });
    const refused = produce(cluster, leader, batchRecords(5, 1, cluster.sim.nowMs), { producerId: 0, producerEpoch: 0, baseSequence: 5 });
    expect(refused.error).toBe("OUT_OF_ORDER_SEQUENCE_NUMBER");
    expect(refused.baseOffset).toBe(-1);
    expect(refused.detail).toMatch(/5 \(incoming seq. number\), 2 \(current end sequence number\)/);
    expect(leoOf(cluster, leader)).toBe(3);
    expect(ofType(cluster.trace.events, "produce.rejected-sequence")).toEqual([
      expect.objectContaining({ broker: leader, producerId: 0, producerEpoch: 0, firstSeq: 5, expectedSeq: 3, error: "OUT_OF_ORDER_SEQUENCE_NUMBER" }),
    ]);
  });

  it("a batch from an older producer epoch is refused with INVALID_PRODUCER_EPOCH", () => {
    const cluster = startCluster();
    const leader = cluster.leaderOf("orders", 0)!;
    produce(cluster, leader, batchRecords(0, 1, cluster.sim.nowMs), { producerId: 0, producerEpoch: 1, baseSequence: 0 });
    const refused = produce(cluster, leader, batchRecords(1, 1, cluster.sim.nowMs), { producerId: 0, producerEpoch: 0, baseSequence: 1 });
    expect(refused.error).toBe("INVALID_PRODUCER_EPOCH");
    expect(leoOf(cluster, leader)).toBe(1);
  });
});

describe("idempotent produce across a leader failover", () => {
  it("after the leader crashes, the new leader recognises a resend of a batch it had replicated", () => {
    const cluster = startCluster();
    const oldLeader = cluster.leaderOf("orders", 0)!;
    const producer = { producerId: 0, producerEpoch: 0, baseSequence: 0 };
    const batches = [batchRecords(0, 2, cluster.sim.nowMs), batchRecords(2, 2, cluster.sim.nowMs), batchRecords(4, 2, cluster.sim.nowMs)];
    batches.forEach((records, i) => expect(produce(cluster, oldLeader, records, { ...producer, baseSequence: i * 2 })).toMatchObject({ error: "NONE", baseOffset: i * 2 }));
    cluster.crash(oldLeader);
    runUntilTrue(cluster, () => {
      const leader = cluster.leaderOf("orders", 0);
      return leader !== null && leader !== oldLeader;
    });
    const newLeader = cluster.leaderOf("orders", 0)!;
    // The producer never heard about its last batch and resends it to the new leader.
    const resent = produce(cluster, newLeader, batches[2], { ...producer, baseSequence: 4 });
    expect(resent).toEqual({ error: "NONE", baseOffset: 4, detail: "" });
    expect(leoOf(cluster, newLeader)).toBe(6);
    expect(ofType(cluster.trace.events, "produce.duplicate")).toEqual([expect.objectContaining({ broker: newLeader, firstSeq: 4, lastSeq: 5, baseOffset: 4 })]);
    // And the producer goes on with the next sequence.
    expect(produce(cluster, newLeader, batchRecords(6, 1, cluster.sim.nowMs), { ...producer, baseSequence: 6 })).toMatchObject({ error: "NONE", baseOffset: 6 });
  });

  it("a restarted broker rebuilds its producer state from its log and recognises a resend once it leads again", () => {
    const cluster = startCluster();
    const first = cluster.leaderOf("orders", 0)!;
    const producer = { producerId: 9, producerEpoch: 0, baseSequence: 0 };
    const records = batchRecords(0, 2, cluster.sim.nowMs);
    produce(cluster, first, records, producer);
    // Every broker restarts: nothing in memory survives, the logs do.
    for (const id of [1, 2, 3]) cluster.crash(id);
    cluster.runUntil(cluster.sim.nowMs + 1_000);
    for (const id of [1, 2, 3]) cluster.restart(id);
    runUntilTrue(cluster, () => isrIsFull(cluster));
    const leader = cluster.leaderOf("orders", 0)!;
    expect(produce(cluster, leader, records, producer)).toMatchObject({ error: "NONE", baseOffset: 0 });
    expect(leoOf(cluster, leader)).toBe(2);
  });
});

describe("InitProducerId: producer ids from blocks in /latest_producer_id_block", () => {
  it("different brokers hand out ids from different blocks of 1000, with epoch 0", () => {
    const cluster = startCluster();
    const fromOne = initProducerId(cluster, 1);
    const fromTwo = initProducerId(cluster, 2);
    const againFromOne = initProducerId(cluster, 1);
    expect(fromOne).toEqual({ error: "NONE", producerId: 0, producerEpoch: 0, detail: "" });
    expect(fromTwo).toEqual({ error: "NONE", producerId: 1000, producerEpoch: 0, detail: "" });
    expect(againFromOne.producerId).toBe(1);
    expect(ofType(cluster.trace.events, "producer.id-allocated").map((e) => [e.broker, e.producerId, e.producerEpoch])).toEqual([
      [1, 0, 0],
      [2, 1000, 0],
      [1, 1, 0],
    ]);
    expect(ofType(cluster.trace.events, "producer.id-block").map((e) => [e.broker, e.firstProducerId, e.lastProducerId])).toEqual([
      [1, 0, 999],
      [2, 1000, 1999],
    ]);
  });

  it("a restarted broker claims a fresh block, so no id is handed out twice", () => {
    const cluster = startCluster();
    expect(initProducerId(cluster, 1).producerId).toBe(0);
    cluster.crash(1);
    cluster.runUntil(cluster.sim.nowMs + 1_000);
    cluster.restart(1);
    runUntilTrue(cluster, () => cluster.broker(1)!.zkSession !== null);
    expect(initProducerId(cluster, 1).producerId).toBe(1000);
  });

  it("the same seed gives the same ids", () => {
    const ids = () => {
      const cluster = startCluster(11);
      return [initProducerId(cluster, 3).producerId, initProducerId(cluster, 2).producerId, initProducerId(cluster, 3).producerId];
    };
    expect(ids()).toEqual(ids());
  });

  it("a broker cut off from ZooKeeper, with no block yet, answers UNKNOWN_SERVER_ERROR as Kafka's ZooKeeper-mode broker does", () => {
    const cluster = startCluster();
    cluster.cut([3], ["zk"]);
    const answer = initProducerId(cluster, 3);
    expect(answer.error).toBe("UNKNOWN_SERVER_ERROR");
    expect([answer.producerId, answer.producerEpoch]).toEqual([-1, -1]);
    expect(answer.detail).toMatch(/Failed to acquire a new block of producerIds/);
    // A broker that still reaches ZooKeeper is unaffected.
    expect(initProducerId(cluster, 1).error).toBe("NONE");
  });
});
