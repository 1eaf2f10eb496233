import { describe, expect, it } from "vitest";
import type { TopicPartition } from "../../../engine/consumer/assignors/types.js";
import type { ConsumerRebalanceListener } from "../../../engine/consumer/rebalance-listener.js";
import { clusterWithRecords, consumer, names, pollForever } from "./harness.js";

const groupConfig = { "group.id": "g", "auto.offset.reset": "earliest", "session.timeout.ms": 10_000, "heartbeat.interval.ms": 1_000 };

function recordingListener(log: string[], name: string): ConsumerRebalanceListener {
  const fmt = (tps: readonly TopicPartition[]) => names(tps).join(",");
  return {
    onPartitionsRevoked: (tps) => log.push(`${name} revoked [${fmt(tps)}]`),
    onPartitionsAssigned: (tps) => log.push(`${name} assigned [${fmt(tps)}]`),
    onPartitionsLost: (tps) => log.push(`${name} lost [${fmt(tps)}]`),
  };
}

describe("consumer groups: the member side of the classic protocol", () => {
  it("three members on six partitions get two each; a 7th member beyond the partition count stays idle", () => {
    const cluster = clusterWithRecords(5, 6);
    const members = Array.from({ length: 7 }, (_, i) => consumer(cluster, `consumer-${i}`, groupConfig));
    for (const m of members.slice(0, 3)) m.subscribe(["orders"]);
    members.slice(0, 3).forEach((m) => pollForever(cluster, m));
    cluster.runUntil(12_000);
    expect(members.slice(0, 3).map((m) => m.assignment().length)).toEqual([2, 2, 2]);
    expect(new Set(members.slice(0, 3).flatMap((m) => names(m.assignment()))).size).toBe(6);

    for (const m of members.slice(3)) m.subscribe(["orders"]);
    members.slice(3).forEach((m) => pollForever(cluster, m));
    cluster.runUntil(30_000);
    const sizes = members.map((m) => m.assignment().length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(6);
    expect(sizes.filter((n) => n === 0)).toHaveLength(1);
    expect(members.every((m) => m.coordinator!.state === "STABLE")).toBe(true);
  });

  it("a crashed member's partitions go to the others only after session.timeout.ms", () => {
    const cluster = clusterWithRecords(5, 6);
    const members = Array.from({ length: 3 }, (_, i) => consumer(cluster, `consumer-${i}`, groupConfig));
    for (const m of members) m.subscribe(["orders"]);
    members.forEach((m) => pollForever(cluster, m));
    cluster.runUntil(12_000);
    const victim = members[2];
    const orphaned = names(victim.assignment());
    victim.crash();
    const crashedAt = cluster.sim.nowMs;
    cluster.runUntil(crashedAt + 8_000);
    // Before the session times out, nobody has taken the partitions yet.
    expect(members.slice(0, 2).flatMap((m) => names(m.assignment()))).not.toContain(orphaned[0]);
    cluster.runUntil(crashedAt + 25_000);
    const survivors = members.slice(0, 2).flatMap((m) => names(m.assignment()));
    expect(survivors.sort()).toEqual(["orders-0", "orders-1", "orders-2", "orders-3", "orders-4", "orders-5"]);
    const expiry = cluster.trace.events.find((e) => e.type === "group.member" && e.change === "expired");
    // The session timer runs from the victim's last heartbeat, at most heartbeat.interval.ms before the crash.
    expect(expiry?.t).toBeGreaterThanOrEqual(crashedAt + 10_000 - 1_000);
  });

  it("a poll loop that stalls past max.poll.interval.ms makes the member leave; its next poll() reports the partitions lost", () => {
    const cluster = clusterWithRecords(5, 2);
    const log: string[] = [];
    const a = consumer(cluster, "consumer-0", { ...groupConfig, "max.poll.interval.ms": 5_000 });
    const b = consumer(cluster, "consumer-1", { ...groupConfig, "max.poll.interval.ms": 5_000 });
    a.subscribe(["orders"], recordingListener(log, "a"));
    b.subscribe(["orders"], recordingListener(log, "b"));
    const loopA = pollForever(cluster, a);
    pollForever(cluster, b);
    cluster.runUntil(12_000);
    expect(a.assignment()).toHaveLength(1);
    loopA.stop();
    const stalledAt = cluster.sim.nowMs;
    cluster.runUntil(stalledAt + 12_000);
    const leave = cluster.trace.events.find((e) => e.type === "consumer.leave" && e.client === "consumer-0");
    expect(leave).toMatchObject({ reason: "consumer poll timeout has expired." });
    expect(leave!.t - stalledAt).toBeGreaterThanOrEqual(5_000);
    expect(names(b.assignment())).toEqual(["orders-0", "orders-1"]);
    // The stalled application polls again: Kafka calls onPartitionsLost (not Revoked), its generation is gone.
    pollForever(cluster, a);
    cluster.runUntil(cluster.sim.nowMs + 10_000);
    expect(log.filter((l) => l.startsWith("a lost"))).toHaveLength(1);
    expect(a.assignment()).toHaveLength(1);
  });

  it("eager rebalancing revokes every partition of every member; cooperative never revokes a partition that does not move", () => {
    for (const protocol of ["eager", "cooperative"] as const) {
      const strategy = protocol === "eager" ? "org.apache.kafka.clients.consumer.StickyAssignor" : "org.apache.kafka.clients.consumer.CooperativeStickyAssignor";
      const cluster = clusterWithRecords(5, 6);
      const log: string[] = [];
      const config = { ...groupConfig, "partition.assignment.strategy": [strategy] };
      const a = consumer(cluster, "consumer-0", config);
      const b = consumer(cluster, "consumer-1", config);
      a.subscribe(["orders"], recordingListener(log, "a"));
      pollForever(cluster, a);
      cluster.runUntil(10_000);
      expect(a.assignment()).toHaveLength(6);
      const before = names(a.assignment());
      log.length = 0;
      b.subscribe(["orders"], recordingListener(log, "b"));
      pollForever(cluster, b);
      cluster.runUntil(30_000);
      expect(a.assignment()).toHaveLength(3);
      expect(b.assignment()).toHaveLength(3);
      const kept = before.filter((p) => names(a.assignment()).includes(p));
      const revoked = log.filter((l) => l.startsWith("a revoked")).flatMap((l) => l.slice("a revoked [".length, -1).split(",")).filter(Boolean);
      if (protocol === "eager") {
        expect(revoked.sort()).toEqual(before);
      } else {
        expect(revoked.filter((p) => kept.includes(p))).toEqual([]);
        expect(revoked).toHaveLength(3);
        // Two rounds: the first revokes what moves, the second hands it over.
        expect(cluster.trace.events.filter((e) => e.type === "consumer.assigned" && e.client === "consumer-1").length).toBeGreaterThanOrEqual(2);
      }
    }
  });
});
