import { describe, expect, it } from "vitest";
import { partitionForGroup } from "../../../../engine/index.js";
import { GROUP, GROUP_METADATA_TOPIC_NAME, TestClient, groupCluster, ofType } from "./harness.js";

const tp = (partition: number) => ({ topic: "orders", partition });

/** Two members in a Stable generation 1: a leads and assigned orders-0,1 to itself and orders-2,3 to b. */
function stableGroup(brokerConfig: Record<string, unknown> = {}, options: ConstructorParameters<typeof TestClient>[2] = {}) {
  const cluster = groupCluster(brokerConfig);
  const a = new TestClient(cluster, "client-a", options);
  const b = new TestClient(cluster, "client-b", options);
  const coordinator = a.findCoordinator();
  b.coordinator = coordinator;
  const joinA = a.join();
  const joinB = b.join();
  // b joined during a's initial delay, so the first generation waits two delays (6 s).
  cluster.runUntil(cluster.sim.nowMs + 8_000);
  const syncA = a.sync({ [a.memberId]: [tp(0), tp(1)], [b.memberId]: [tp(2), tp(3)] });
  const syncB = b.sync();
  cluster.runUntil(cluster.sim.nowMs + 1_000);
  return { cluster, a, b, coordinator, joinA, joinB, syncA, syncB };
}

describe("FindCoordinator and __consumer_offsets", () => {
  it("the first FindCoordinator creates __consumer_offsets through the controller; then the group's coordinator is the leader of partition hash(group) mod partitions", () => {
    const cluster = groupCluster();
    expect(ofType(cluster, "topic.created").some((e) => e.topic === GROUP_METADATA_TOPIC_NAME)).toBe(false);
    const client = new TestClient(cluster, "client-a");
    const first = client.send<{ error: string; detail: string }>("FindCoordinator", (b, respond) => b.groupCoordinator.handleFindCoordinator({ key: GROUP, keyType: "group" }, respond));
    cluster.runUntil(cluster.sim.nowMs + 100);
    expect(first.value?.error).toBe("COORDINATOR_NOT_AVAILABLE");
    const coordinator = client.findCoordinator();
    const created = ofType(cluster, "topic.created").find((e) => e.topic === GROUP_METADATA_TOPIC_NAME)!;
    expect(created).toMatchObject({ partitions: 3, replicationFactor: 3 });
    expect(coordinator).toBe(cluster.leaderOf(GROUP_METADATA_TOPIC_NAME, partitionForGroup(GROUP, 3)));
  });

  it("with fewer live brokers than offsets.topic.replication.factor there is no coordinator, and the answer names the config", () => {
    const cluster = groupCluster({}, 2);
    const client = new TestClient(cluster, "client-a");
    const reply = client.send<{ error: string; detail: string }>("FindCoordinator", (b, respond) => b.groupCoordinator.handleFindCoordinator({ key: GROUP, keyType: "group" }, respond));
    cluster.runUntil(cluster.sim.nowMs + 2_000);
    expect(reply.value?.error).toBe("COORDINATOR_NOT_AVAILABLE");
    expect(reply.value?.detail).toMatch(/alive brokers '2'.*replication factor '3'.*offsets\.topic\.replication\.factor/);
    expect(ofType(cluster, "topic.created").some((e) => e.topic === GROUP_METADATA_TOPIC_NAME)).toBe(false);
  });
});

describe("JoinGroup and SyncGroup: a generation and its assignment", () => {
  it("two members join: MEMBER_ID_REQUIRED first, then one generation whose leader (the first to join) gets both subscriptions", () => {
    const { cluster, a, b, joinA, joinB, syncA, syncB } = stableGroup();
    expect(ofType(cluster, "group.member").filter((e) => e.change === "joined").map((e) => e.member)).toEqual([a.memberId, b.memberId]);
    expect(a.memberId).toMatch(/^client-a-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(joinA.value).toMatchObject({ error: "NONE", generationId: 1, protocolName: "range", leader: a.memberId });
    expect(joinA.value!.members.map((m) => m.memberId)).toEqual([a.memberId, b.memberId]);
    expect(joinB.value).toMatchObject({ error: "NONE", generationId: 1, leader: a.memberId, members: [] });
    expect(syncA.value).toMatchObject({ error: "NONE", assignment: [tp(0), tp(1)] });
    expect(syncB.value).toMatchObject({ error: "NONE", assignment: [tp(2), tp(3)] });
    expect(ofType(cluster, "group.state").map((e) => `${e.from}->${e.to}`)).toEqual(["Dead->Empty", "Empty->PreparingRebalance", "PreparingRebalance->CompletingRebalance", "CompletingRebalance->Stable"]);
    expect(ofType(cluster, "group.assignment").at(-1)?.assignment).toEqual({ [a.memberId]: ["orders-0", "orders-1"], [b.memberId]: ["orders-2", "orders-3"] });
  });

  it("the leader's assignment is an acks=all append to the group's __consumer_offsets partition, answered once replicated", () => {
    const { cluster, coordinator } = stableGroup();
    const partition = partitionForGroup(GROUP, 3);
    const appends = ofType(cluster, "replica.append").filter((e) => e.topic === GROUP_METADATA_TOPIC_NAME && e.partition === partition);
    expect(new Set(appends.map((e) => e.broker))).toEqual(new Set([1, 2, 3]));
    const stable = ofType(cluster, "group.state").find((e) => e.to === "Stable")!;
    const hw = ofType(cluster, "replica.hw").filter((e) => e.topic === GROUP_METADATA_TOPIC_NAME && e.partition === partition && e.broker === coordinator && e.hw >= 1);
    expect(hw[0].t).toBeLessThanOrEqual(stable.t);
  });

  it("a third member joins: a rebalance, heartbeats answer REBALANCE_IN_PROGRESS, and generation 2 has three members", () => {
    const { cluster, a, b, coordinator } = stableGroup();
    const c = new TestClient(cluster, "client-c");
    c.coordinator = coordinator;
    const joinC = c.join();
    cluster.runUntil(cluster.sim.nowMs + 200);
    const beatA = a.heartbeat();
    cluster.runUntil(cluster.sim.nowMs + 200);
    expect(beatA.value?.error).toBe("REBALANCE_IN_PROGRESS");
    expect(joinC.value).toBeUndefined(); // parked until the others rejoin
    const rejoinA = a.join();
    const rejoinB = b.join();
    cluster.runUntil(cluster.sim.nowMs + 500);
    expect(joinC.value).toMatchObject({ error: "NONE", generationId: 2, leader: a.memberId });
    expect(rejoinA.value!.members).toHaveLength(3);
    expect(rejoinB.value!.generationId).toBe(2);
  });

  it("a member that stops heartbeating is removed after session.timeout.ms and the group rebalances without it", () => {
    const { cluster, a, b } = stableGroup({}, { sessionTimeoutMs: 10_000 });
    const stableAt = cluster.sim.nowMs;
    const beatA = () => {
      a.heartbeat();
      cluster.sim.schedule(3_000, beatA);
    };
    beatA();
    cluster.runUntil(stableAt + 12_000);
    const expired = ofType(cluster, "group.member").find((e) => e.change === "expired")!;
    expect(expired.member).toBe(b.memberId);
    expect(expired.reason).toMatch(/session\.timeout\.ms \(10000 ms\)/);
    expect(expired.t).toBeGreaterThan(stableAt + 8_000);
    expect(expired.t).toBeLessThanOrEqual(stableAt + 10_000);
    expect(ofType(cluster, "group.state").at(-1)).toMatchObject({ to: "PreparingRebalance" });
    const rejoin = a.join();
    cluster.runUntil(cluster.sim.nowMs + 500);
    expect(rejoin.value).toMatchObject({ error: "NONE", generationId: 2 });
    expect(rejoin.value!.members.map((m) => m.memberId)).toEqual([a.memberId]);
  });

  it("LeaveGroup removes the member at once and the remaining one rebalances alone", () => {
    const { cluster, a, b } = stableGroup();
    const left = b.leave();
    cluster.runUntil(cluster.sim.nowMs + 200);
    expect(left.value?.members?.[0]).toMatchObject({ memberId: b.memberId, error: "NONE" });
    expect(ofType(cluster, "group.member").at(-1)).toMatchObject({ member: b.memberId, change: "left" });
    const beat = a.heartbeat();
    cluster.runUntil(cluster.sim.nowMs + 200);
    expect(beat.value?.error).toBe("REBALANCE_IN_PROGRESS");
  });
});

describe("the initial rebalance delay (InitialDelayedJoin)", () => {
  function joinPhaseMs(config: Record<string, unknown>, options: { rebalanceTimeoutMs?: number }, secondAfterMs: number | null): number {
    const cluster = groupCluster(config);
    const a = new TestClient(cluster, "client-a", options);
    const coordinator = a.findCoordinator();
    a.join();
    if (secondAfterMs !== null) {
      cluster.sim.schedule(secondAfterMs, () => {
        const b = new TestClient(cluster, "client-b", options);
        b.coordinator = coordinator;
        b.join();
      });
    }
    cluster.runUntil(cluster.sim.nowMs + 20_000);
    const states = ofType(cluster, "group.state");
    return states.find((e) => e.to === "CompletingRebalance")!.t - states.find((e) => e.to === "PreparingRebalance")!.t;
  }

  it("an Empty group waits group.initial.rebalance.delay.ms before its first generation", () => {
    expect(joinPhaseMs({}, {}, null)).toBe(3_000);
    expect(joinPhaseMs({ "group.initial.rebalance.delay.ms": 500 }, {}, null)).toBe(500);
  });

  it("a member arriving during the delay extends it by another delay", () => {
    expect(joinPhaseMs({}, {}, 1_000)).toBe(6_000);
  });

  it("the extension never goes past the rebalance timeout", () => {
    expect(joinPhaseMs({}, { rebalanceTimeoutMs: 4_000 }, 1_000)).toBe(4_000);
  });
});

describe("OffsetCommit and OffsetFetch", () => {
  it("a consumer without group membership (generation -1) commits; the offset is fetched back; unknown partitions answer -1", () => {
    const cluster = groupCluster();
    const client = new TestClient(cluster, "client-a");
    client.findCoordinator();
    const commit = client.commit([{ topic: "orders", partition: 0, offset: 17 }], { generationId: -1, memberId: "" });
    cluster.runUntil(cluster.sim.nowMs + 1_000);
    expect(commit.value).toMatchObject({ error: "NONE", partitions: [{ topic: "orders", partition: 0, error: "NONE" }] });
    const fetched = client.fetchOffsets([tp(0), tp(1)]);
    cluster.runUntil(cluster.sim.nowMs + 200);
    expect(fetched.value?.partitions.map((p) => p.offset)).toEqual([17, -1]);
    expect(ofType(cluster, "offset.commit")).toMatchObject([{ group: GROUP, topic: "orders", partition: 0, offset: 17, member: "", result: "NONE" }]);
  });

  it("a committed offset becomes visible only once its record is replicated", () => {
    const cluster = groupCluster();
    const client = new TestClient(cluster, "client-a");
    client.findCoordinator();
    const commit = client.commit([{ topic: "orders", partition: 0, offset: 5 }], { generationId: -1, memberId: "" });
    const early = client.fetchOffsets([tp(0)]);
    cluster.runUntil(cluster.sim.nowMs + 1_000);
    expect(commit.value?.error).toBe("NONE");
    expect(early.value?.partitions[0].offset).toBe(-1);
    const late = client.fetchOffsets(null);
    cluster.runUntil(cluster.sim.nowMs + 200);
    expect(late.value?.partitions).toMatchObject([{ topic: "orders", partition: 0, offset: 5 }]);
  });

  it("a member commits in its generation; a stale generation gets ILLEGAL_GENERATION and an unknown group GROUP_ID_NOT_FOUND", () => {
    const { cluster, a } = stableGroup();
    const ok = a.commit([{ topic: "orders", partition: 0, offset: 3 }]);
    const stale = a.commit([{ topic: "orders", partition: 1, offset: 3 }], { generationId: 0 });
    // A group id that lives in the same __consumer_offsets partition, so this coordinator owns it.
    let other = 0;
    while (partitionForGroup(`other-${other}`, 3) !== partitionForGroup(GROUP, 3)) other++;
    const unknown = a.send<{ error: string }>("OffsetCommit", (b, respond) =>
      b.groupCoordinator.handleOffsetCommit({ groupId: `other-${other}`, generationId: 1, memberId: "m", groupInstanceId: null, offsets: [tp(0)].map((p) => ({ ...p, offset: 1, leaderEpoch: 0, metadata: "" })) }, respond),
      a.coordinator,
    );
    cluster.runUntil(cluster.sim.nowMs + 1_000);
    expect(ok.value?.partitions[0].error).toBe("NONE");
    expect(stale.value?.partitions[0].error).toBe("ILLEGAL_GENERATION");
    expect(unknown.value?.error).toBe("GROUP_ID_NOT_FOUND");
  });

  it("a commit survives the crash of its __consumer_offsets leader: the new leader's coordinator loads the group and its offsets", () => {
    const { cluster, a, coordinator } = stableGroup();
    const commit = a.commit([{ topic: "orders", partition: 2, offset: 42 }]);
    cluster.runUntil(cluster.sim.nowMs + 1_000);
    expect(commit.value?.error).toBe("NONE");
    cluster.crash(coordinator);
    cluster.runUntil(cluster.sim.nowMs + 30_000);
    const via = coordinator === 1 ? 2 : 1;
    const next = a.findCoordinator(via);
    expect(next).not.toBe(coordinator);
    const fetched = a.fetchOffsets([tp(2)]);
    const beat = a.heartbeat();
    cluster.runUntil(cluster.sim.nowMs + 500);
    expect(fetched.value?.partitions[0]).toMatchObject({ offset: 42, error: "NONE" });
    expect(ofType(cluster, "coordinator.moved")).toContainEqual(expect.objectContaining({ group: GROUP, from: coordinator, to: next }));
    expect(ofType(cluster, "group.state").filter((e) => e.coordinator === next)[0]).toMatchObject({ from: "Dead", to: "Stable", generation: 1 });
    // The loaded generation is the one the member is in, so its heartbeat is simply accepted.
    expect(beat.value?.error).toBe("NONE");
  });
});

describe("ported from Kafka's GroupCoordinatorTest / GroupMetadataManagerTest", () => {
  it("testJoinGroupWrongCoordinator: NOT_COORDINATOR from a broker that does not lead the group's partition", () => {
    const cluster = groupCluster();
    const a = new TestClient(cluster, "client-a");
    const coordinator = a.findCoordinator();
    const reply = a.send<{ error: string; detail: string }>("JoinGroup", (b, respond) => b.groupCoordinator.handleJoinGroup(a.joinRequest(), respond), coordinator === 1 ? 2 : 1);
    cluster.runUntil(cluster.sim.nowMs + 200);
    expect(reply.value?.error).toBe("NOT_COORDINATOR");
    expect(reply.value?.detail).toMatch(/__consumer_offsets-\d/);
  });

  it("testJoinGroupSessionTimeoutTooSmall / TooLarge: INVALID_SESSION_TIMEOUT naming the allowed range", () => {
    const cluster = groupCluster();
    const a = new TestClient(cluster, "client-a");
    a.findCoordinator();
    const small = a.send<{ error: string; detail: string }>("JoinGroup", (b, respond) => b.groupCoordinator.handleJoinGroup(a.joinRequest({ sessionTimeoutMs: 5_999 }), respond));
    const large = a.send<{ error: string; detail: string }>("JoinGroup", (b, respond) => b.groupCoordinator.handleJoinGroup(a.joinRequest({ sessionTimeoutMs: 1_800_001 }), respond));
    cluster.runUntil(cluster.sim.nowMs + 200);
    expect(small.value?.error).toBe("INVALID_SESSION_TIMEOUT");
    expect(small.value?.detail).toMatch(/5999 is outside \[6000, 1800000\]/);
    expect(large.value?.error).toBe("INVALID_SESSION_TIMEOUT");
  });

  it("testJoinGroupUnknownConsumerNewGroup: a member id the coordinator never gave out is UNKNOWN_MEMBER_ID", () => {
    const cluster = groupCluster();
    const a = new TestClient(cluster, "client-a");
    a.findCoordinator();
    const reply = a.join({ memberId: "made-up" });
    cluster.runUntil(cluster.sim.nowMs + 200);
    expect(reply.value?.error).toBe("UNKNOWN_MEMBER_ID");
  });

  it("testJoinGroupInconsistentProtocolType: a member with another protocol type is refused", () => {
    const { cluster, coordinator } = stableGroup();
    const c = new TestClient(cluster, "client-c");
    c.coordinator = coordinator;
    const reply = c.join({ protocolType: "connect" });
    cluster.runUntil(cluster.sim.nowMs + 200);
    expect(reply.value?.error).toBe("INCONSISTENT_GROUP_PROTOCOL");
  });

  it("testHeartbeatUnknownGroup / IllegalGeneration / SyncGroupFromIllegalGeneration", () => {
    const { cluster, a } = stableGroup();
    const unknown = a.send<{ error: string }>("Heartbeat", (b, respond) => b.groupCoordinator.handleHeartbeat({ groupId: GROUP, generationId: 1, memberId: "nobody", groupInstanceId: null }, respond));
    a.generationId = 5;
    const illegal = a.heartbeat();
    const sync = a.sync();
    cluster.runUntil(cluster.sim.nowMs + 200);
    expect(unknown.value?.error).toBe("UNKNOWN_MEMBER_ID");
    expect(illegal.value?.error).toBe("ILLEGAL_GENERATION");
    expect(sync.value?.error).toBe("ILLEGAL_GENERATION");
  });

  it("testStaticMemberRejoinWithUnknownMemberId (Stable): a restarted static member replaces its old id without a rebalance; the old id is fenced", () => {
    const s = stableStatic();
    const oldId = s.a.memberId;
    const rebalancesBefore = ofType(s.cluster, "group.rebalance").length;
    const restarted = new TestClient(s.cluster, "client-a", { groupInstanceId: "instance-a" });
    restarted.coordinator = s.a.coordinator;
    const rejoin = restarted.join();
    s.cluster.runUntil(s.cluster.sim.nowMs + 1_000);
    expect(rejoin.value).toMatchObject({ error: "NONE", generationId: 1, leader: restarted.memberId, skipAssignment: true });
    expect(restarted.memberId).not.toBe(oldId);
    expect(ofType(s.cluster, "group.rebalance")).toHaveLength(rebalancesBefore);
    const fenced = s.a.heartbeat();
    const sync = restarted.sync();
    s.cluster.runUntil(s.cluster.sim.nowMs + 200);
    expect(fenced.value?.error).toBe("FENCED_INSTANCE_ID");
    expect(sync.value).toMatchObject({ error: "NONE", assignment: [tp(0), tp(1)] });
    expect(ofType(s.cluster, "group.member").filter((e) => e.change === "fenced").map((e) => e.member)).toEqual([oldId]);
  });
});

/** Like stableGroup, with a static member a (group.instance.id instance-a) and a dynamic member b. */
function stableStatic() {
  const cluster = groupCluster();
  const a = new TestClient(cluster, "client-a", { groupInstanceId: "instance-a" });
  const b = new TestClient(cluster, "client-b");
  b.coordinator = a.findCoordinator();
  a.join();
  b.join();
  cluster.runUntil(cluster.sim.nowMs + 8_000);
  a.sync({ [a.memberId]: [tp(0), tp(1)], [b.memberId]: [tp(2), tp(3)] });
  b.sync();
  cluster.runUntil(cluster.sim.nowMs + 1_000);
  return { cluster, a, b };
}
