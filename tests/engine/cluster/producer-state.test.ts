/**
 * Broker-side idempotence, unit by unit: ProducerStateManager, ProducerAppendInfo and
 * ProducerStateEntry (cases ported from Kafka's ProducerStateManagerTest), the Log's leader and
 * follower appends (ported from UnifiedLogTest), the rebuild after truncation, and the producer
 * id blocks in ZooKeeper (ZkProducerIdManager).
 */
import { describe, expect, it } from "vitest";
import { ZooKeeper } from "../../../engine/cluster/coordination/zookeeper.js";
import { KafkaError } from "../../../engine/cluster/errors.js";
import { assignOffsets, Log, type RecordBatch } from "../../../engine/cluster/log/index.js";
import {
  claimNextProducerIdBlock,
  decrementSequence,
  incrementSequence,
  MAX_SEQUENCE,
  NUM_BATCHES_TO_RETAIN,
  parseProducerIdBlock,
  PRODUCER_ID_BLOCK_PATH,
  ProducerStateManager,
} from "../../../engine/cluster/producer-state/index.js";
import { Simulation } from "../../../engine/kernel/simulation.js";
import { Trace } from "../../../engine/kernel/trace.js";
import { baseConfig, records } from "./log/helpers.js";

const producerId = 1;
const epoch = 0;

/** ProducerStateManagerTest.appendClientEntry: one single-record batch from a client, validated. */
function appendClientEntry(manager: ProducerStateManager, pid: number, producerEpoch: number, seq: number, offset: number, timestamp = 0): void {
  const info = manager.prepareUpdate(pid, "CLIENT");
  info.appendDataBatch(producerEpoch, seq, seq, timestamp, offset, offset);
  manager.update(info);
}

/** ProducerStateManagerTest.appendReplicationEntry: the same batch arriving through replication, unchecked. */
function appendReplicationEntry(manager: ProducerStateManager, producerEpoch: number, seq: number, offset: number, timestamp = 0): void {
  const info = manager.prepareUpdate(producerId, "REPLICATION");
  info.appendDataBatch(producerEpoch, seq, seq, timestamp, offset, offset);
  manager.update(info);
}

function errorName(action: () => void): string {
  try {
    action();
  } catch (e) {
    if (e instanceof KafkaError) return e.errorName;
    throw e;
  }
  return "NONE";
}

describe("sequence arithmetic wraps at Integer.MAX_VALUE", () => {
  it("incrementSequence and decrementSequence go through 0 like DefaultRecordBatch", () => {
    expect(incrementSequence(MAX_SEQUENCE, 1)).toBe(0);
    expect(incrementSequence(MAX_SEQUENCE - 10, 20)).toBe(9);
    expect(decrementSequence(9, 20)).toBe(MAX_SEQUENCE - 10);
    expect(decrementSequence(5, 5)).toBe(0);
  });
});

describe("ProducerStateManager (ported from ProducerStateManagerTest)", () => {
  it("testBasicIdMapping: in-order sequences pass, a repeat or a gap is OUT_OF_ORDER_SEQUENCE_NUMBER, an older epoch INVALID_PRODUCER_EPOCH", () => {
    const manager = new ProducerStateManager("test-0");
    appendClientEntry(manager, producerId, epoch, 0, 0);
    appendClientEntry(manager, producerId, epoch, 1, 1);
    // Duplicates are found by the Log before validation; appended as new data they are out of order.
    expect(errorName(() => appendClientEntry(manager, producerId, epoch, 1, 2))).toBe("OUT_OF_ORDER_SEQUENCE_NUMBER");
    expect(errorName(() => appendClientEntry(manager, producerId, epoch, 5, 2))).toBe("OUT_OF_ORDER_SEQUENCE_NUMBER");
    appendClientEntry(manager, producerId, epoch + 1, 0, 3);
    expect(errorName(() => appendClientEntry(manager, producerId, epoch, 0, 4))).toBe("INVALID_PRODUCER_EPOCH");
  });

  it("testProducerSequenceWrapAround: after Integer.MAX_VALUE the next sequence is 0", () => {
    const manager = new ProducerStateManager("test-0");
    appendReplicationEntry(manager, 15, MAX_SEQUENCE, 735);
    appendClientEntry(manager, producerId, 15, 0, 735 + 500);
    const entry = manager.lastEntry(producerId)!;
    expect(entry.producerEpoch).toBe(15);
    expect(entry.firstSeq).toBe(MAX_SEQUENCE);
    expect(entry.lastSeq).toBe(0);
  });

  it("testProducerSequenceWithWrapAroundBatchRecord: a batch spanning the wrap keeps its first and last sequence and offsets", () => {
    const manager = new ProducerStateManager("test-0");
    const info = manager.prepareUpdate(producerId, "REPLICATION");
    info.appendDataBatch(15, MAX_SEQUENCE - 10, 9, 0, 2000, 2020);
    expect(manager.lastEntry(producerId)).toBeNull();
    manager.update(info);
    const entry = manager.lastEntry(producerId)!;
    expect([entry.firstSeq, entry.lastSeq, entry.firstDataOffset, entry.lastDataOffset]).toEqual([MAX_SEQUENCE - 10, 9, 2000, 2020]);
  });

  it("testProducerSequenceInvalidWrapAround: after Integer.MAX_VALUE, sequence 1 is a gap", () => {
    const manager = new ProducerStateManager("test-0");
    appendReplicationEntry(manager, 15, MAX_SEQUENCE, 735);
    expect(errorName(() => appendClientEntry(manager, producerId, 15, 1, 735 + 500))).toBe("OUT_OF_ORDER_SEQUENCE_NUMBER");
  });

  it("testNoValidationOnFirstEntryWhenLoadingLog: a replicated first batch may start at any sequence", () => {
    const manager = new ProducerStateManager("test-0");
    appendReplicationEntry(manager, 5, 16, 735);
    const entry = manager.lastEntry(producerId)!;
    expect([entry.producerEpoch, entry.firstSeq, entry.lastSeq, entry.firstDataOffset, entry.lastDataOffset]).toEqual([5, 16, 16, 735, 735]);
  });

  it("a producer the partition has never seen may start at any sequence (KIP-360: no UNKNOWN_PRODUCER_ID)", () => {
    const manager = new ProducerStateManager("test-0");
    appendClientEntry(manager, producerId, epoch, 42, 0);
    expect(manager.lastEntry(producerId)!.lastSeq).toBe(42);
  });

  it("a new epoch must start again at sequence 0 (testOutOfSequenceAfterControlRecordEpochBump, without transactions)", () => {
    const manager = new ProducerStateManager("test-0");
    appendClientEntry(manager, producerId, epoch, 0, 0);
    appendClientEntry(manager, producerId, epoch, 1, 1);
    expect(errorName(() => appendClientEntry(manager, producerId, epoch + 1, 2, 2))).toBe("OUT_OF_ORDER_SEQUENCE_NUMBER");
    appendClientEntry(manager, producerId, epoch + 1, 0, 2);
    const entry = manager.lastEntry(producerId)!;
    expect(entry.producerEpoch).toBe(epoch + 1);
    // The old epoch's batches are forgotten with it.
    expect(entry.batchMetadata).toHaveLength(1);
    expect(entry.lastSeq).toBe(0);
  });

  it("testPrepareUpdateDoesNotMutate: nothing changes until update()", () => {
    const manager = new ProducerStateManager("test-0");
    const info = manager.prepareUpdate(producerId, "CLIENT");
    info.appendDataBatch(epoch, 0, 5, 0, 15, 20);
    expect(manager.lastEntry(producerId)).toBeNull();
    manager.update(info);
    const next = manager.prepareUpdate(producerId, "CLIENT");
    next.appendDataBatch(epoch, 6, 10, 0, 26, 30);
    let entry = manager.lastEntry(producerId)!;
    expect([entry.firstSeq, entry.lastSeq, entry.lastDataOffset]).toEqual([0, 5, 20]);
    manager.update(next);
    entry = manager.lastEntry(producerId)!;
    expect([entry.firstSeq, entry.lastSeq, entry.lastDataOffset]).toEqual([0, 10, 30]);
  });

  it("testAcceptAppendWithSequenceGapsOnReplica: a gap refused from a client is taken through replication", () => {
    const manager = new ProducerStateManager("test-0");
    appendClientEntry(manager, producerId, epoch, 0, 0);
    expect(errorName(() => appendClientEntry(manager, producerId, epoch, 3, 1))).toBe("OUT_OF_ORDER_SEQUENCE_NUMBER");
    expect(manager.lastEntry(producerId)!.lastSeq).toBe(0);
    appendReplicationEntry(manager, epoch, 3, 1);
    expect(manager.lastEntry(producerId)!.lastSeq).toBe(3);
  });

  it("an older epoch arriving through replication is only logged by Kafka: it replaces the epoch and its batches", () => {
    const manager = new ProducerStateManager("test-0");
    appendClientEntry(manager, producerId, 3, 0, 0);
    appendReplicationEntry(manager, 2, 7, 1);
    const entry = manager.lastEntry(producerId)!;
    expect([entry.producerEpoch, entry.firstSeq, entry.batchMetadata.length]).toEqual([2, 7, 1]);
  });

  it("keeps only the last NUM_BATCHES_TO_RETAIN (5) batches per producer", () => {
    const manager = new ProducerStateManager("test-0");
    for (let seq = 0; seq < 7; seq++) appendClientEntry(manager, producerId, epoch, seq, seq);
    const entry = manager.lastEntry(producerId)!;
    expect(NUM_BATCHES_TO_RETAIN).toBe(5);
    expect(entry.batchMetadata.map((b) => b.firstSeq)).toEqual([2, 3, 4, 5, 6]);
    expect(entry.batchWithSequenceRange(1, 1)).toBeNull();
    expect(entry.batchWithSequenceRange(2, 2)?.firstOffset).toBe(2);
  });

  it("testTruncateFullyAndStartAt: every producer is forgotten", () => {
    const manager = new ProducerStateManager("test-0");
    appendClientEntry(manager, producerId, epoch, 0, 0);
    appendClientEntry(manager, 2, epoch, 0, 1);
    manager.truncateFullyAndStartAt(0);
    expect(manager.producerIdCount).toBe(0);
    expect(manager.mapEndOffset()).toBe(0);
  });

  it("update() refuses a non-idempotent batch, naming the producer id", () => {
    const manager = new ProducerStateManager("test-0");
    const info = manager.prepareUpdate(-1, "REPLICATION");
    expect(() => manager.update(info)).toThrow(/Invalid producer id -1.*test-0/);
  });
});

/** TestUtils.records with a producer id, epoch and base sequence, at the log end, as a leader assigns offsets. */
function idempotentBatch(log: Log, count: number, pid: number, producerEpoch: number, baseSequence: number): RecordBatch {
  return assignOffsets(records(count), log.logEndOffset, { partitionLeaderEpoch: 0, producerId: pid, producerEpoch, baseSequence });
}

describe("Log.appendAsLeader and Log.append with producer state (ported from UnifiedLogTest)", () => {
  it("testDuplicateAppends: retries of any of the last 5 batches return the original offsets and append nothing", () => {
    const log = new Log(baseConfig, { topicPartition: "test-0" });
    let seq = 0;
    for (let i = 0; i <= 5; i++) log.appendAsLeader(idempotentBatch(log, 1, producerId, epoch, seq++));
    const multi = log.appendAsLeader(idempotentBatch(log, 3, producerId, epoch, seq));
    expect(multi.lastOffset - multi.firstOffset + 1).toBe(3);
    const leo = log.logEndOffset;
    // Append a duplicate of the multi-record batch: the original offsets come back.
    const again = log.appendAsLeader(idempotentBatch(log, 3, producerId, epoch, seq));
    expect([again.firstOffset, again.lastOffset]).toEqual([multi.firstOffset, multi.lastOffset]);
    expect(again.duplicate).not.toBeNull();
    expect(log.logEndOffset).toBe(leo);
    seq += 3;
    // A batch that overlaps the middle of the log but matches no cached batch is out of order.
    expect(errorName(() => log.appendAsLeader(idempotentBatch(log, 2, producerId, epoch, seq - 2)))).toBe("OUT_OF_ORDER_SEQUENCE_NUMBER");
    // The batch 4th from the tail is still cached: its retry succeeds without appending.
    const fourth = log.appendAsLeader(idempotentBatch(log, 1, producerId, epoch, 2));
    expect(fourth).toMatchObject({ firstOffset: 2, lastOffset: 2 });
    expect(log.logEndOffset).toBe(leo);
    // Older than the last 5 batches: no longer recognised, so out of order.
    expect(errorName(() => log.appendAsLeader(idempotentBatch(log, 1, producerId, epoch, 1)))).toBe("OUT_OF_ORDER_SEQUENCE_NUMBER");
    // A single-record duplicate at the tail.
    const original = log.appendAsLeader(idempotentBatch(log, 1, producerId, epoch, seq));
    const retry = log.appendAsLeader(idempotentBatch(log, 1, producerId, epoch, seq));
    expect([retry.firstOffset, retry.lastOffset]).toEqual([original.firstOffset, original.lastOffset]);
    expect(log.logEndOffset).toBe(original.lastOffset + 1);
  });

  it("testNonSequentialAppend: a gap in sequences is OUT_OF_ORDER_SEQUENCE_NUMBER and nothing is appended", () => {
    const log = new Log(baseConfig, { topicPartition: "test-0" });
    log.appendAsLeader(idempotentBatch(log, 1, producerId, epoch, 0));
    let message = "";
    try {
      log.appendAsLeader(idempotentBatch(log, 1, producerId, epoch, 2));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^OutOfOrderSequenceException: Out of order sequence number for producer 1 at offset 1 in partition test-0: 2 \(incoming seq. number\), 0/);
    expect(log.logEndOffset).toBe(1);
  });

  it("testOldProducerEpoch: a batch from an older epoch is INVALID_PRODUCER_EPOCH", () => {
    const log = new Log(baseConfig, { topicPartition: "test-0" });
    log.appendAsLeader(idempotentBatch(log, 1, producerId, 1, 0));
    expect(errorName(() => log.appendAsLeader(idempotentBatch(log, 1, producerId, 0, 0)))).toBe("INVALID_PRODUCER_EPOCH");
    expect(log.logEndOffset).toBe(1);
  });

  it("testDuplicateAppendToFollower: a follower appends repeated sequences without checking them", () => {
    const log = new Log(baseConfig, { topicPartition: "test-0" });
    log.append(idempotentBatch(log, 2, producerId, epoch, 0));
    log.append(idempotentBatch(log, 2, producerId, epoch, 0));
    expect(log.logEndOffset).toBe(4);
  });

  it("a follower's producer state lets it recognise a retry once it leads", () => {
    const leader = new Log(baseConfig, { topicPartition: "test-0" });
    const follower = new Log(baseConfig, { topicPartition: "test-0" });
    for (let seq = 0; seq < 3; seq++) {
      const batch = idempotentBatch(leader, 2, producerId, epoch, seq * 2);
      leader.appendAsLeader(batch);
      follower.append(batch);
    }
    const retry = follower.appendAsLeader(idempotentBatch(follower, 2, producerId, epoch, 2));
    expect(retry).toMatchObject({ firstOffset: 2, lastOffset: 3 });
    expect(follower.logEndOffset).toBe(6);
  });

  it("non-idempotent batches (producerId -1) are appended as they are, repeats included", () => {
    const log = new Log(baseConfig, { topicPartition: "test-0" });
    log.appendAsLeader(idempotentBatch(log, 1, -1, -1, -1));
    log.appendAsLeader(idempotentBatch(log, 1, -1, -1, -1));
    expect(log.logEndOffset).toBe(2);
    expect(log.producerStateManager.producerIdCount).toBe(0);
  });

  it("truncation rebuilds the producer state from the retained batches, so a truncated batch's retry is appended again", () => {
    const log = new Log(baseConfig, { topicPartition: "test-0" });
    for (let seq = 0; seq < 4; seq++) log.append(idempotentBatch(log, 1, producerId, epoch, seq));
    log.truncateTo(2);
    expect(log.producerStateManager.lastEntry(producerId)!.lastSeq).toBe(1);
    // Sequence 2 was truncated away: not a duplicate any more, the next in order.
    const info = log.appendAsLeader(idempotentBatch(log, 1, producerId, epoch, 2));
    expect(info).toMatchObject({ firstOffset: 2, duplicate: null });
    log.truncateFullyAndStartAt(10);
    expect(log.producerStateManager.producerIdCount).toBe(0);
  });

  it("loadProducerState (log recovery) rebuilds the same entries the appends built", () => {
    const log = new Log(baseConfig, { topicPartition: "test-0" });
    for (let seq = 0; seq < 7; seq++) log.appendAsLeader(idempotentBatch(log, 1, seq % 2 === 0 ? 1 : 2, epoch, Math.floor(seq / 2)));
    const before = [...log.producerStateManager.activeProducers()].map(([id, e]) => [id, e.producerEpoch, e.batchMetadata.map((b) => [b.firstSeq, b.lastOffset])]);
    log.loadProducerState();
    const after = [...log.producerStateManager.activeProducers()].map(([id, e]) => [id, e.producerEpoch, e.batchMetadata.map((b) => [b.firstSeq, b.lastOffset])]);
    expect(after).toEqual(before);
    expect(log.producerStateManager.mapEndOffset()).toBe(7);
  });

  it("moving the log start offset keeps producer state (testDeleteSnapshotsOnIncrementLogStartOffset)", () => {
    const log = new Log(baseConfig, { topicPartition: "test-0" });
    log.appendAsLeader(idempotentBatch(log, 1, 1, epoch, 0));
    log.roll();
    log.appendAsLeader(idempotentBatch(log, 1, 2, epoch, 0));
    log.roll();
    log.maybeIncrementLogStartOffset(2, 2);
    log.deleteOldSegments(0, 2);
    expect(log.producerStateManager.producerIdCount).toBe(2);
    expect(log.producerStateManager.lastEntry(2)!.lastSeq).toBe(0);
  });
});

describe("ZkProducerIdManager's blocks in /latest_producer_id_block", () => {
  it("the first claim takes ids 0..999, each next claim the following 1000, written as Kafka's JSON", () => {
    const sim = new Simulation();
    const zk = new ZooKeeper(sim, new Trace());
    const session = zk.connect(1, 6_000, () => {});
    const first = claimNextProducerIdBlock(zk, session, 1);
    const second = claimNextProducerIdBlock(zk, session, 2);
    expect(first).toEqual({ ok: true, value: { assignedBrokerId: 1, firstProducerId: 0, size: 1000 } });
    expect(second).toEqual({ ok: true, value: { assignedBrokerId: 2, firstProducerId: 1000, size: 1000 } });
    expect(JSON.parse(zk.nodes.get(PRODUCER_ID_BLOCK_PATH)!.data)).toEqual({ version: 1, broker: 2, block_start: "1000", block_end: "1999" });
  });

  it("an expired session cannot claim a block", () => {
    const sim = new Simulation();
    const zk = new ZooKeeper(sim, new Trace());
    const session = zk.connect(1, 100, () => {});
    sim.runUntil(1_000);
    expect(claimNextProducerIdBlock(zk, session, 1)).toEqual({ ok: false, error: "SESSION_EXPIRED" });
  });

  it("a malformed znode is named with the fields it needs", () => {
    expect(() => parseProducerIdBlock('{"version":1,"broker":1,"block_start":"x","block_end":"9"}')).toThrow(/block_start and block_end must be integers/);
  });
});
