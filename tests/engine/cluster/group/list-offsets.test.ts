import { describe, expect, it } from "vitest";
import { Cluster, LIST_OFFSETS_EARLIEST_TIMESTAMP, LIST_OFFSETS_LATEST_TIMESTAMP, type ListOffsetsResponse } from "../../../../engine/index.js";

/** One partition led by broker 1, with ten records stamped 1000, 1100, ... 1900 ms, all replicated. */
function clusterWithRecords() {
  const cluster = new Cluster({ seed: 3, brokers: 3 });
  cluster.seedTopic({ name: "orders", partitions: 1, replicationFactor: 3, assignment: [[1, 2, 3]] });
  cluster.start();
  cluster.runUntil(3_000);
  const records = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `v${i}`, timestamp: 1_000 + 100 * i }));
  cluster.broker(1)!.replicaManager.handleProduce("orders", 0, records, "all", 30_000, { producerId: -1, producerEpoch: -1, baseSequence: -1 }, () => {});
  cluster.runUntil(5_000);
  const list = (timestamp: number, broker = 1, topic = "orders") => {
    let answer: ListOffsetsResponse | undefined;
    cluster.broker(broker)!.replicaManager.handleListOffsets({ topic, partition: 0, timestamp, isolationLevel: "read_uncommitted" }, (r) => (answer = r));
    return answer!;
  };
  return { cluster, list };
}

describe("ListOffsets on the partition leader (ReplicaManager.handleListOffsets)", () => {
  it("EARLIEST is the log start offset and LATEST the high watermark", () => {
    const { list } = clusterWithRecords();
    expect(list(LIST_OFFSETS_EARLIEST_TIMESTAMP)).toMatchObject({ error: "NONE", offset: 0, timestamp: -1, leaderEpoch: 0 });
    expect(list(LIST_OFFSETS_LATEST_TIMESTAMP)).toMatchObject({ error: "NONE", offset: 10, timestamp: -1, leaderEpoch: 0 });
  });

  it("a timestamp finds the first record stamped at or after it", () => {
    const { list } = clusterWithRecords();
    expect(list(1_000)).toMatchObject({ error: "NONE", offset: 0, timestamp: 1_000 });
    expect(list(1_250)).toMatchObject({ error: "NONE", offset: 3, timestamp: 1_300 });
    expect(list(0)).toMatchObject({ offset: 0 });
    expect(list(5_000)).toMatchObject({ error: "NONE", offset: -1, timestamp: -1 });
  });

  it("LATEST stops at the high watermark: records not yet replicated are not offered", () => {
    const { cluster, list } = clusterWithRecords();
    cluster.crash(2);
    cluster.crash(3);
    cluster.broker(1)!.replicaManager.handleProduce("orders", 0, [{ key: null, value: "late", timestamp: 9_000 }], "1", 30_000, { producerId: -1, producerEpoch: -1, baseSequence: -1 }, () => {});
    expect(cluster.broker(1)!.replicaManager.partition("orders", 0)!.logEndOffset).toBe(11);
    expect(list(LIST_OFFSETS_LATEST_TIMESTAMP).offset).toBe(10);
    expect(list(9_000).offset).toBe(-1);
  });

  it("a follower answers NOT_LEADER_OR_FOLLOWER; an unknown partition UNKNOWN_TOPIC_OR_PARTITION; a bad timestamp names the allowed values", () => {
    const { list } = clusterWithRecords();
    expect(list(LIST_OFFSETS_LATEST_TIMESTAMP, 2).error).toBe("NOT_LEADER_OR_FOLLOWER");
    expect(list(LIST_OFFSETS_LATEST_TIMESTAMP, 1, "nope").error).toBe("UNKNOWN_TOPIC_OR_PARTITION");
    const bad = list(-7);
    expect(bad.error).toBe("INVALID_REQUEST");
    expect(bad.detail).toMatch(/timestamp -7.*-2 \(EARLIEST\), -1 \(LATEST\)/);
  });
});
