import { describe, expect, it } from "vitest";
import { Log, assignOffsets } from "../../../engine/index.js";
import { Partition, type PartitionConfig } from "../../../engine/cluster/partition.js";

const config: PartitionConfig = { segmentBytes: 1 << 20, indexIntervalBytes: 4096, retentionMs: -1, retentionBytes: -1, minInsyncReplicas: 1, uncleanLeaderElectionEnable: false, replicaLagTimeMaxMs: 1_000 };

function leader(minInsyncReplicas = 1) {
  const cfg = { ...config, minInsyncReplicas };
  const p = new Partition("t", 0, 1, cfg, new Log(cfg));
  p.makeLeader({ leader: 1, leaderEpoch: 0, isr: [1, 2, 3], replicas: [1, 2, 3], partitionEpoch: 0 }, 0, new Set([1, 2, 3]));
  return p;
}

function append(p: Partition, n: number) {
  const records = Array.from({ length: n }, (_, i) => ({ key: null, value: "v", timestamp: 0, id: `r${p.logEndOffset + i}` }));
  p.appendAsLeader(assignOffsets(records, p.logEndOffset, { partitionLeaderEpoch: p.leaderEpoch }));
}

describe("C-HW, C-LEO: the leader's high watermark", () => {
  it("is the smallest LEO over the ISR, and waits for followers whose LEO it does not know yet", () => {
    const p = leader();
    append(p, 10);
    expect(p.maybeIncrementLeaderHW(0, new Set([1, 2, 3]))).toBe(false);
    expect(p.highWatermark).toBe(0);
    p.updateFollowerFetchState(2, 10, 5);
    p.updateFollowerFetchState(3, 7, 5);
    p.maybeIncrementLeaderHW(5, new Set([1, 2, 3]));
    expect(p.highWatermark).toBe(7);
  });

  it("never moves backwards", () => {
    const p = leader();
    append(p, 5);
    p.updateFollowerFetchState(2, 5, 1);
    p.updateFollowerFetchState(3, 5, 1);
    p.maybeIncrementLeaderHW(1, new Set([1, 2, 3]));
    expect(p.highWatermark).toBe(5);
    p.updateFollowerFetchState(3, 3, 2);
    p.maybeIncrementLeaderHW(2, new Set([1, 2, 3]));
    expect(p.highWatermark).toBe(5);
  });

  it("stays put while the committed ISR is smaller than min.insync.replicas (Kafka 4's strict min ISR)", () => {
    const p = leader(2);
    p.isr = [1];
    append(p, 4);
    expect(p.maybeIncrementLeaderHW(0, new Set([1, 2, 3]))).toBe(false);
    expect(p.highWatermark).toBe(0);
  });
});

describe("C-ISR: who is in sync", () => {
  it("C-HW: a caught-up follower outside the ISR still holds the HW back, as it is about to rejoin", () => {
    const p = leader();
    p.isr = [1, 2];
    append(p, 6);
    p.updateFollowerFetchState(2, 6, 10);
    p.updateFollowerFetchState(3, 2, 10);
    p.maybeIncrementLeaderHW(10, new Set([1, 2, 3]));
    expect(p.highWatermark).toBe(2);
  });

  it("a follower that fetched the leader's LEO is caught up; one that stops fetching falls out after replica.lag.time.max.ms", () => {
    const p = leader();
    append(p, 3);
    p.updateFollowerFetchState(2, 3, 100);
    p.updateFollowerFetchState(3, 3, 100);
    append(p, 3);
    p.updateFollowerFetchState(2, 6, 600);
    expect(p.outOfSyncReplicas(1_000)).toEqual([]);
    expect(p.outOfSyncReplicas(1_101)).toEqual([3]);
  });

  it("a follower outside the ISR may rejoin once its LEO reaches the HW and the leader epoch's start", () => {
    const p = leader();
    p.isr = [1, 2];
    append(p, 6);
    // Long after replica 3 was last caught up, it no longer holds the HW back.
    p.updateFollowerFetchState(2, 6, 5_000);
    p.updateFollowerFetchState(3, 2, 5_000);
    p.maybeIncrementLeaderHW(5_000, new Set([1, 2, 3]));
    expect(p.highWatermark).toBe(6);
    expect(p.isrExpansionFor(3, new Set([1, 2, 3]))).toBeNull();
    p.updateFollowerFetchState(3, 6, 5_100);
    expect(p.isrExpansionFor(3, new Set([1, 2, 3]))).toEqual({ change: "expand", replica: 3, newIsr: [1, 2, 3] });
    expect(p.isrExpansionFor(3, new Set([1, 2]))).toBeNull(); // a dead broker cannot join
  });
});
