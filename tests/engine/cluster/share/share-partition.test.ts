import { describe, expect, it } from "vitest";
import { SharePartition, type LockTimeout, type SharePartitionOptions } from "../../../../engine/cluster/share/index.js";
import { Simulation } from "../../../../engine/kernel/simulation.js";

const A = "member-A";
const B = "member-B";

/** A share-partition on a bare simulation clock, with Kafka's test defaults unless overridden. */
function sharePartition(overrides: Partial<SharePartitionOptions> = {}) {
  const sim = new Simulation();
  const timeouts: LockTimeout[] = [];
  const sp = new SharePartition({
    groupId: "g",
    topic: "jobs",
    partition: 0,
    leaderEpoch: 0,
    startOffset: 0,
    maxInFlightRecords: 200,
    maxDeliveryCount: 5,
    recordLockDurationMs: 30_000,
    scheduler: { get nowMs() { return sim.nowMs; }, schedule: (ms, fn) => sim.schedule(ms, fn) },
    onLockTimeout: (t) => timeouts.push(t),
    ...overrides,
  });
  return { sp, sim, timeouts };
}

const batches = (...ranges: [number, number][]) => ranges.map(([baseOffset, lastOffset]) => ({ baseOffset, lastOffset }));
const ack = (firstOffset: number, lastOffset: number, type: "ACCEPT" | "RELEASE" | "REJECT") => ({ firstOffset, lastOffset, acknowledgeTypes: [type] });

describe("SharePartition.acquire", () => {
  it("acquires new records as one ACQUIRED range with delivery count 1 and moves the end offset (testAcquireSingleRecord/testAcquireMultipleRecords)", () => {
    const { sp } = sharePartition();
    expect(sp.acquire(A, 500, batches([0, 4], [5, 9]))).toEqual([{ firstOffset: 0, lastOffset: 9, deliveryCount: 1 }]);
    expect(sp.startOffset).toBe(0);
    expect(sp.endOffset).toBe(9);
    expect(sp.nextFetchOffset()).toBe(10);
    expect(sp.recordState(3)).toEqual({ state: "ACQUIRED", deliveryCount: 1, memberId: A });
  });

  it("treats max fetch records as a soft limit that stops at the end of the batch holding it (testAcquireWithMaxFetchRecords)", () => {
    const { sp } = sharePartition();
    expect(sp.acquire(A, 7, batches([0, 4], [5, 9], [10, 14]))).toEqual([{ firstOffset: 0, lastOffset: 9, deliveryCount: 1 }]);
    expect(sp.nextFetchOffset()).toBe(10);
  });

  it("never hands an ACQUIRED record to a second member", () => {
    const { sp } = sharePartition();
    sp.acquire(A, 500, batches([0, 4]));
    // B fetches the same batch again (the leader read from the first available offset): nothing is free.
    expect(sp.acquire(B, 500, batches([0, 4]))).toEqual([]);
    expect(sp.acquire(B, 500, batches([0, 4], [5, 6]))).toEqual([{ firstOffset: 5, lastOffset: 6, deliveryCount: 1 }]);
    expect(sp.recordState(2)?.memberId).toBe(A);
    expect(sp.recordState(5)?.memberId).toBe(B);
  });

  it("stops acquiring new records once group.share.partition.max.record.locks are in flight (testCanAcquireRecords)", () => {
    const { sp } = sharePartition({ maxInFlightRecords: 10 });
    sp.acquire(A, 500, batches([0, 9]));
    expect(sp.canAcquireRecords()).toBe(false);
    // A released record can always be acquired again, whatever the in-flight count.
    sp.acknowledge(A, [ack(3, 3, "RELEASE")]);
    expect(sp.canAcquireRecords()).toBe(true);
    expect(sp.nextFetchOffset()).toBe(3);
  });
});

describe("SharePartition.acknowledge", () => {
  it("ACCEPT settles records and moves the start offset past them (testAcknowledgeSingleRecordBatch)", () => {
    const { sp } = sharePartition();
    sp.acquire(A, 500, batches([0, 9]));
    expect(sp.acknowledge(A, [ack(0, 9, "ACCEPT")]).error).toBe("NONE");
    expect(sp.startOffset).toBe(10);
    expect(sp.endOffset).toBe(10);
    expect(sp.inFlight()).toEqual([]);
    expect(sp.nextFetchOffset()).toBe(10);
  });

  it("the start offset only moves past a settled prefix (testAcknowledgeOutOfRangeCachedData / start offset movement)", () => {
    const { sp } = sharePartition();
    sp.acquire(A, 500, batches([0, 9]));
    sp.acknowledge(A, [ack(5, 9, "ACCEPT")]);
    expect(sp.startOffset).toBe(0);
    sp.acknowledge(A, [ack(0, 2, "REJECT")]);
    expect(sp.startOffset).toBe(3);
    sp.acknowledge(A, [ack(3, 4, "ACCEPT")]);
    expect(sp.startOffset).toBe(10);
  });

  it("RELEASE makes a record AVAILABLE again; the next acquisition counts a second delivery (testReleaseSingleRecordBatch / testAcquireReleasedRecord)", () => {
    const { sp } = sharePartition();
    sp.acquire(A, 500, batches([0, 4]));
    const result = sp.acknowledge(A, [ack(2, 2, "RELEASE")]);
    expect(result.records).toEqual([{ offset: 2, type: "RELEASE", state: "AVAILABLE" }]);
    expect(sp.recordState(2)).toEqual({ state: "AVAILABLE", deliveryCount: 1, memberId: "AAAAAAAAAAAAAAAAAAAAAA" });
    expect(sp.nextFetchOffset()).toBe(2);
    expect(sp.acquire(B, 500, batches([0, 4]))).toEqual([{ firstOffset: 2, lastOffset: 2, deliveryCount: 2 }]);
    expect(sp.nextFetchOffset()).toBe(5);
  });

  it("REJECT archives a record for good", () => {
    const { sp } = sharePartition();
    sp.acquire(A, 500, batches([0, 1]));
    expect(sp.acknowledge(A, [{ firstOffset: 0, lastOffset: 1, acknowledgeTypes: ["REJECT", "ACCEPT"] }]).records).toEqual([
      { offset: 0, type: "REJECT", state: "ARCHIVED" },
      { offset: 1, type: "ACCEPT", state: "ACKNOWLEDGED" },
    ]);
    expect(sp.startOffset).toBe(2);
    expect(sp.acquire(B, 500, batches([0, 1]))).toEqual([]);
  });

  it("a member cannot settle another member's records, and a failed request changes nothing (testAcknowledgeWithAnotherMember, rollback)", () => {
    const { sp } = sharePartition();
    sp.acquire(A, 500, batches([0, 4]));
    sp.acquire(B, 500, batches([5, 9]));
    const result = sp.acknowledge(A, [ack(0, 4, "ACCEPT"), ack(5, 9, "ACCEPT")]);
    expect(result.error).toBe("INVALID_RECORD_STATE");
    expect(result.detail).toContain("not the owner");
    // The first range was valid but is rolled back with the rest.
    expect(sp.recordState(0)).toEqual({ state: "ACQUIRED", deliveryCount: 1, memberId: A });
    expect(sp.startOffset).toBe(0);
  });

  it("acknowledging past the acquired records is an INVALID_REQUEST; a record that is not acquired is INVALID_RECORD_STATE (testAcknowledgeInvalidRequest)", () => {
    const { sp } = sharePartition();
    sp.acquire(A, 500, batches([0, 4]));
    expect(sp.acknowledge(A, [ack(3, 7, "ACCEPT")]).error).toBe("INVALID_REQUEST");
    expect(sp.acknowledge(A, [ack(8, 9, "ACCEPT")]).error).toBe("INVALID_REQUEST");
    sp.acknowledge(A, [ack(1, 1, "RELEASE")]);
    expect(sp.acknowledge(A, [ack(1, 1, "ACCEPT")]).error).toBe("INVALID_RECORD_STATE");
    expect(sp.acknowledge(A, [{ firstOffset: 0, lastOffset: 2, acknowledgeTypes: ["ACCEPT", "ACCEPT"] }]).error).toBe("INVALID_REQUEST");
  });
});

describe("SharePartition acquisition locks", () => {
  it("an unacknowledged record becomes AVAILABLE when its lock expires, and is redelivered with delivery count 2 (testAcquisitionLockOnTimeout)", () => {
    const { sp, sim, timeouts } = sharePartition({ recordLockDurationMs: 5_000 });
    sp.acquire(A, 500, batches([0, 4]));
    sim.runUntil(4_999);
    expect(sp.recordState(0)?.state).toBe("ACQUIRED");
    sim.runUntil(5_000);
    expect(sp.recordState(0)).toEqual({ state: "AVAILABLE", deliveryCount: 1, memberId: "AAAAAAAAAAAAAAAAAAAAAA" });
    expect(timeouts).toEqual([{ memberId: A, released: [0, 1, 2, 3, 4], archived: [] }]);
    expect(sp.nextFetchOffset()).toBe(0);
    expect(sp.acquire(B, 500, batches([0, 4]))).toEqual([{ firstOffset: 0, lastOffset: 4, deliveryCount: 2 }]);
  });

  it("an acknowledgement after the lock expired is refused: the record is no longer the member's", () => {
    const { sp, sim } = sharePartition({ recordLockDurationMs: 1_000 });
    sp.acquire(A, 500, batches([0, 0]));
    sim.runUntil(1_000);
    expect(sp.acknowledge(A, [ack(0, 0, "ACCEPT")]).error).toBe("INVALID_RECORD_STATE");
  });

  it("acknowledged records do not time out (the lock is cancelled)", () => {
    const { sp, sim, timeouts } = sharePartition({ recordLockDurationMs: 1_000 });
    sp.acquire(A, 500, batches([0, 4]));
    sp.acknowledge(A, [ack(0, 3, "ACCEPT")]);
    sim.runUntil(5_000);
    expect(timeouts).toEqual([{ memberId: A, released: [4], archived: [] }]);
    expect(sp.startOffset).toBe(4);
  });

  it("releaseAcquiredRecords gives a member's records back at once (share session closed)", () => {
    const { sp, sim, timeouts } = sharePartition();
    sp.acquire(A, 500, batches([0, 2]));
    sp.acquire(B, 500, batches([3, 4]));
    expect(sp.releaseAcquiredRecords(A)).toEqual({ released: [0, 1, 2], archived: [] });
    expect(sp.recordState(3)?.memberId).toBe(B);
    sim.runUntil(60_000);
    expect(timeouts.map((t) => t.memberId)).toEqual([B]);
  });
});

describe("SharePartition delivery count limit", () => {
  it("a record RELEASEd at its last allowed delivery is ARCHIVED, and the start offset moves past it (testAcquireReleasedRecordMultipleTimes / testMaxDeliveryCountLimitExceeded)", () => {
    const { sp } = sharePartition({ maxDeliveryCount: 3 });
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [range] = sp.acquire(A, 500, batches([0, 0]));
      counts.push(range.deliveryCount);
      const { records } = sp.acknowledge(A, [ack(0, 0, "RELEASE")]);
      expect(records[0].state).toBe(i < 2 ? "AVAILABLE" : "ARCHIVED");
    }
    expect(counts).toEqual([1, 2, 3]);
    expect(sp.acquire(A, 500, batches([0, 0]))).toEqual([]);
    expect(sp.startOffset).toBe(1);
  });

  it("a lock timing out at the last allowed delivery archives the record too (testAcquisitionLockTimeoutForBatchesPostStartOffsetMovement)", () => {
    const { sp, sim, timeouts } = sharePartition({ maxDeliveryCount: 2, recordLockDurationMs: 1_000 });
    sp.acquire(A, 500, batches([0, 1]));
    sim.runUntil(1_000);
    expect(sp.acquire(B, 500, batches([0, 1]))).toEqual([{ firstOffset: 0, lastOffset: 1, deliveryCount: 2 }]);
    sim.runUntil(2_000);
    expect(timeouts[1]).toEqual({ memberId: B, released: [], archived: [0, 1] });
    expect(sp.startOffset).toBe(2);
    expect(sp.inFlight()).toEqual([]);
  });
});

describe("SharePartition log start offset movement", () => {
  it("archives AVAILABLE records below a new log start offset (testLsoMovementOnInitialization / archiveAvailableRecordsOnLsoMovement)", () => {
    const { sp } = sharePartition();
    sp.acquire(A, 500, batches([0, 9]));
    sp.acknowledge(A, [ack(0, 4, "RELEASE")]);
    expect(sp.updateCacheAndOffsets(3)).toEqual([0, 1, 2]);
    expect(sp.startOffset).toBe(3);
    expect(sp.recordState(3)?.state).toBe("AVAILABLE");
    expect(sp.nextFetchOffset()).toBe(3);
  });

  it("with nothing in flight, start and end jump to the new log start offset", () => {
    const { sp } = sharePartition();
    expect(sp.updateCacheAndOffsets(50)).toEqual([]);
    expect(sp.startOffset).toBe(50);
    expect(sp.nextFetchOffset()).toBe(50);
  });
});
