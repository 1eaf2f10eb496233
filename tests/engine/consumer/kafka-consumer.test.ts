import { describe, expect, it } from "vitest";
import { IntegerDeserializer } from "../../../engine/consumer/deserializers.js";
import { await_, clusterWithRecords, consumer, tp } from "./harness.js";

describe("KafkaConsumer on a cluster: assign, poll, positions", () => {
  it("assign + poll returns at most max.poll.records records, in offset order, and position moves past them", () => {
    const cluster = clusterWithRecords(20);
    const c = consumer(cluster, "consumer-0", { "group.id": "g", "auto.offset.reset": "earliest", "max.poll.records": 7, "enable.auto.commit": false });
    c.assign([tp(0)]);
    const first = await_(cluster, c.poll(1_000));
    expect(first.all().map((r) => r.offset)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(first.all().map((r) => r.id)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `producer-0#${i}`));
    expect(await_(cluster, c.position(tp(0)))).toBe(7);
    const second = await_(cluster, c.poll(1_000));
    expect(second.all().map((r) => r.offset)).toEqual([7, 8, 9, 10, 11, 12, 13]);
  });

  it("committed() reads back what commitSync() wrote; a committed offset is the next offset to read", () => {
    const cluster = clusterWithRecords(10);
    const c = consumer(cluster, "consumer-0", { "group.id": "g", "auto.offset.reset": "earliest", "max.poll.records": 4, "enable.auto.commit": false });
    c.assign([tp(0)]);
    await_(cluster, c.poll(1_000));
    expect(await_(cluster, c.committed([tp(0)])).get("orders-0")).toBeNull();
    await_(cluster, c.commitSync());
    expect(await_(cluster, c.committed([tp(0)])).get("orders-0")?.offset).toBe(4);
    // A second consumer of the same group starts from the committed offset.
    const d = consumer(cluster, "consumer-1", { "group.id": "g", "auto.offset.reset": "earliest", "enable.auto.commit": false });
    d.assign([tp(0)]);
    expect(await_(cluster, d.poll(1_000)).all()[0].offset).toBe(4);
  });

  it("seek, seekToBeginning and seekToEnd move the position", () => {
    const cluster = clusterWithRecords(10);
    const c = consumer(cluster, "consumer-0", { "group.id": "g", "auto.offset.reset": "earliest", "max.poll.records": 3, "enable.auto.commit": false });
    c.assign([tp(0)]);
    c.seek(tp(0), 6);
    expect(await_(cluster, c.poll(1_000)).all().map((r) => r.offset)).toEqual([6, 7, 8]);
    c.seekToBeginning([tp(0)]);
    expect(await_(cluster, c.position(tp(0)))).toBe(0);
    c.seekToEnd([tp(0)]);
    expect(await_(cluster, c.position(tp(0)))).toBe(10);
    expect(await_(cluster, c.poll(300)).count()).toBe(0);
  });

  it("a paused partition returns nothing until it is resumed", () => {
    const cluster = clusterWithRecords(5, 2);
    const c = consumer(cluster, "consumer-0", { "group.id": "g", "auto.offset.reset": "earliest", "enable.auto.commit": false });
    c.assign([tp(0), tp(1)]);
    c.pause([tp(0)]);
    const records = await_(cluster, c.poll(1_000));
    expect(new Set(records.all().map((r) => r.partition))).toEqual(new Set([1]));
    expect(await_(cluster, c.poll(300)).count()).toBe(0);
    expect(c.paused()).toEqual([tp(0)]);
    c.resume([tp(0)]);
    expect(await_(cluster, c.poll(1_000)).all().map((r) => r.partition)).toEqual([0, 0, 0, 0, 0]);
  });

  it("offsetsForTimes finds the first offset whose timestamp is at or after the one asked for", () => {
    // One record per produce request, one request per ms: timestamps rise by 1 ms per record.
    const cluster = clusterWithRecords(10, 1, {}, {}, 1);
    const c = consumer(cluster, "consumer-0", { "group.id": "g", "auto.offset.reset": "earliest", "enable.auto.commit": false });
    c.assign([tp(0)]);
    const records = await_(cluster, c.poll(1_000)).all();
    const ts4 = records[4].timestamp;
    expect(records[3].timestamp).toBe(ts4 - 1);
    expect(await_(cluster, c.offsetsForTimes(new Map([[tp(0), 0]]))).get("orders-0")?.offset).toBe(0);
    expect(await_(cluster, c.offsetsForTimes(new Map([[tp(0), ts4]]))).get("orders-0")).toMatchObject({ offset: 4, timestamp: ts4 });
    expect(await_(cluster, c.offsetsForTimes(new Map([[tp(0), 1_000_000]]))).get("orders-0")).toBeNull();
  });

  it('auto.offset.reset "none" with no committed offset fails poll() with NoOffsetForPartitionException', () => {
    const cluster = clusterWithRecords(5);
    const c = consumer(cluster, "consumer-0", { "group.id": "g", "auto.offset.reset": "none", "enable.auto.commit": false });
    c.assign([tp(0)]);
    const future = c.poll(1_000);
    cluster.runUntil(cluster.sim.nowMs + 1_000);
    expect(future.exception()?.name).toBe("NoOffsetForPartitionException");
    expect(future.exception()?.message).toBe("Undefined offset with no reset policy for partitions: [orders-0]");
  });

  it("a position that retention deleted is reset per auto.offset.reset (OFFSET_OUT_OF_RANGE)", () => {
    const cluster = clusterWithRecords(30, 1, { "log.retention.check.interval.ms": 1_000 }, { "segment.bytes": 1_024, "retention.bytes": 1_024 }, 1);
    const c = consumer(cluster, "consumer-0", { "group.id": "g", "auto.offset.reset": "earliest", "enable.auto.commit": false });
    c.assign([tp(0)]);
    c.seek(tp(0), 0);
    cluster.runUntil(cluster.sim.nowMs + 5_000);
    const records = await_(cluster, c.poll(2_000));
    const reset = cluster.trace.events.find((e) => e.type === "consumer.reset");
    expect(reset).toMatchObject({ type: "consumer.reset", fromOffset: 0, policy: "earliest" });
    expect(records.count()).toBeGreaterThan(0);
    expect(records.all()[0].offset).toBeGreaterThan(0);
  });

  it("IntegerDeserializer fails on a value that is not 4 bytes, naming the partition and offset", () => {
    const cluster = clusterWithRecords(3);
    const c = consumer(cluster, "consumer-0", { "group.id": "g", "auto.offset.reset": "earliest", "enable.auto.commit": false }, { valueDeserializer: IntegerDeserializer as never });
    c.assign([tp(0)]);
    const future = c.poll(1_000);
    cluster.runUntil(cluster.sim.nowMs + 1_000);
    expect(future.exception()?.name).toBe("RecordDeserializationException");
    expect(future.exception()?.message).toContain("Error deserializing VALUE for partition orders-0 at offset 0");
    expect(future.exception()?.message).toContain("Size of data received by IntegerDeserializer is not 4");
  });

  it("interceptors see the records before poll() returns them and the offsets once committed", () => {
    const cluster = clusterWithRecords(4);
    const seen: number[] = [];
    const commits: number[] = [];
    const c = consumer(cluster, "consumer-0", { "group.id": "g", "auto.offset.reset": "earliest", "enable.auto.commit": false }, {
      interceptors: [{ onConsume: (records) => (seen.push(records.count()), records), onCommit: (offsets) => commits.push([...offsets.values()][0].offset.offset) }],
    });
    c.assign([tp(0)]);
    await_(cluster, c.poll(1_000));
    await_(cluster, c.commitSync());
    expect(seen).toEqual([4]);
    expect(commits).toEqual([4]);
  });
});
