import { describe, expect, it } from "vitest";
import type { TraceEventOf } from "../../../engine/kernel/trace.js";
import { await_, clusterWithRecords, consumer, tp } from "./harness.js";

describe("auto-commit timing (enable.auto.commit, auto.commit.interval.ms)", () => {
  it("commits inside a later poll() and covers only what earlier polls returned, not what was fetched", () => {
    const cluster = clusterWithRecords(50);
    const c = consumer(cluster, "consumer-0", { "group.id": "g", "auto.offset.reset": "earliest", "max.poll.records": 10, "auto.commit.interval.ms": 1_000 });
    c.assign([tp(0)]);
    const commits = () => cluster.trace.events.filter((e): e is TraceEventOf<"consumer.commit"> => e.type === "consumer.commit" && e.kind === "auto");

    // The first poll fetches all 50 records (one fetch) but returns 10.
    expect(await_(cluster, c.poll(1_000)).count()).toBe(10);
    const firstPollAt = cluster.sim.nowMs;
    // No poll for 3 s: nothing is committed in between, however long we wait (no background commit).
    cluster.runUntil(firstPollAt + 3_000);
    expect(commits()).toHaveLength(0);

    // The next poll is where the auto-commit happens: it commits position 10 (what the earlier
    // poll returned), not 20 (what this poll returns) and not 50 (what was fetched).
    const second = c.poll(1_000);
    expect(await_(cluster, second).all()[0].offset).toBe(10);
    cluster.runUntil(cluster.sim.nowMs + 200);
    expect(commits().map((e) => e.offsets)).toEqual([{ "orders-0": 10 }]);
    expect(commits()[0].t).toBeGreaterThanOrEqual(firstPollAt + 3_000);
    expect(await_(cluster, c.committed([tp(0)])).get("orders-0")?.offset).toBe(10);
  });

  it("does not commit again before auto.commit.interval.ms has passed", () => {
    const cluster = clusterWithRecords(50);
    const c = consumer(cluster, "consumer-0", { "group.id": "g", "auto.offset.reset": "earliest", "max.poll.records": 5, "auto.commit.interval.ms": 60_000 });
    c.assign([tp(0)]);
    for (let i = 0; i < 5; i++) await_(cluster, c.poll(1_000));
    cluster.runUntil(cluster.sim.nowMs + 100);
    expect(cluster.trace.events.filter((e) => e.type === "consumer.commit")).toHaveLength(0);
  });

  it("close() commits the positions of what poll() returned", () => {
    const cluster = clusterWithRecords(20);
    const c = consumer(cluster, "consumer-0", { "group.id": "g", "auto.offset.reset": "earliest", "max.poll.records": 6, "auto.commit.interval.ms": 60_000 });
    c.assign([tp(0)]);
    await_(cluster, c.poll(1_000));
    await_(cluster, c.close());
    const d = consumer(cluster, "consumer-1", { "group.id": "g", "enable.auto.commit": false });
    d.assign([tp(0)]);
    expect(await_(cluster, d.committed([tp(0)])).get("orders-0")?.offset).toBe(6);
  });
});
