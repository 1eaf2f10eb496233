import { describe, expect, it } from "vitest";
import { Cluster, KafkaError, assignReplicasToBrokers, offlinePartitionLeaderElection, runScenario, type TraceEvent } from "../../../engine/index.js";
import { threeBrokerScenario } from "../support/scenarios.js";

const ofType = <K extends TraceEvent["type"]>(trace: readonly TraceEvent[], type: K) => trace.filter((e): e is Extract<TraceEvent, { type: K }> => e.type === type);

describe("controller election through the ephemeral /controller znode", () => {
  it("B-CONTROLLER: one broker wins /controller with epoch 1 and the others lose the race and watch it", () => {
    const { trace } = runScenario(threeBrokerScenario({ durationMs: 2_000, workload: [] }));
    const elected = ofType(trace, "controller.elected");
    expect(elected).toHaveLength(1);
    expect(elected[0].epoch).toBe(1);
    expect(ofType(trace, "controller.lost-race")).toHaveLength(2);
    expect(ofType(trace, "zk.watch.set").filter((e) => e.path === "/controller")).toHaveLength(2);
  });

  it("B-CONTROLLER: crashing the controller expires its session, fires the watches, and a new controller wins epoch 2", () => {
    const { trace } = runScenario(threeBrokerScenario({ durationMs: 15_000, workload: [], faults: [{ type: "crash", atMs: 1_000, broker: "controller" }] }));
    const [first, second] = ofType(trace, "controller.elected");
    const expired = ofType(trace, "zk.session.expired")[0];
    expect(expired.broker).toBe(first.broker);
    // The session dies one session timeout after the last ping ZooKeeper heard, which came before the crash.
    expect(expired.t).toBeGreaterThan(1_000);
    expect(expired.t).toBeLessThanOrEqual(1_000 + 6_000);
    const deleted = ofType(trace, "zk.node.deleted").find((e) => e.path === "/controller");
    expect(deleted?.why).toBe("session-expired");
    expect(ofType(trace, "zk.watch.fired").filter((e) => e.path === "/controller").map((e) => e.broker).sort()).toEqual([1, 2, 3].filter((b) => b !== first.broker));
    expect(second.epoch).toBe(2);
    expect(second.broker).not.toBe(first.broker);
    expect(second.t).toBeGreaterThan(expired.t);
  });

  it("B-METADATA: after a failover every live broker's metadata names the new controller epoch", () => {
    const { trace } = runScenario(threeBrokerScenario({ durationMs: 15_000, faults: [{ type: "crash", atMs: 1_000, broker: "controller" }] }));
    const second = ofType(trace, "controller.elected")[1];
    const updated = ofType(trace, "metadata.updated").filter((e) => e.controllerEpoch === 2);
    expect(new Set(updated.map((e) => e.broker))).toEqual(new Set([1, 2, 3].filter((b) => b !== ofType(trace, "broker.crashed")[0].broker)));
    expect(updated.every((e) => e.controller === second.broker)).toBe(true);
  });
});

describe("replication: LEO, HW and the ISR", () => {
  it("C-LEO, C-HW: followers catch up, every replica's LEO reaches the record count, and the HW follows", () => {
    const { trace, stats } = runScenario(threeBrokerScenario({ durationMs: 15_000 }));
    expect(stats.recordsAcked).toBe(100);
    for (const broker of [1, 2, 3]) {
      const appends = ofType(trace, "replica.append").filter((e) => e.broker === broker);
      expect(appends.at(-1)?.leo).toBe(100);
    }
    const leader = ofType(trace, "partition.leader")[0].leader!;
    expect(ofType(trace, "replica.hw").filter((e) => e.broker === leader).at(-1)?.hw).toBe(100);
    expect(stats.recordsConsumed).toBe(100);
  });

  it("C-ISR: a slowed follower leaves the ISR after replica.lag.time.max.ms and rejoins once it is caught up again", () => {
    const scenario = threeBrokerScenario({ durationMs: 30_000, topics: [{ name: "orders", partitions: 1, replicationFactor: 3, assignment: [[1, 2, 3]] }], faults: [
      { type: "slow", atMs: 2_000, broker: 3, extraLatencyMs: 3_000 },
      { type: "slow", atMs: 12_000, broker: 3, extraLatencyMs: 0 },
    ] });
    const { trace } = runScenario(scenario);
    const isr = ofType(trace, "partition.isr");
    const shrink = isr.find((e) => e.change === "shrink");
    const expand = isr.find((e) => e.change === "expand");
    expect(shrink).toMatchObject({ replica: 3, isr: [1, 2] });
    expect(shrink!.t - 2_000).toBeGreaterThanOrEqual(4_000);
    expect(expand).toMatchObject({ replica: 3, isr: [1, 2, 3] });
    expect(expand!.t).toBeGreaterThan(12_000);
  });

  it("P-ACKS: acks=all is refused with NOT_ENOUGH_REPLICAS while the ISR is smaller than min.insync.replicas", () => {
    const { stats, trace } = runScenario(threeBrokerScenario({ durationMs: 25_000, topics: [{ name: "orders", partitions: 1, replicationFactor: 3, assignment: [[1, 2, 3]] }], faults: [
      { type: "crash", atMs: 1_000, broker: 2 },
      { type: "crash", atMs: 1_000, broker: 3 },
    ] }));
    expect(stats.errors.NOT_ENOUGH_REPLICAS).toBeGreaterThan(0);
    const failure = ofType(trace, "produce.failed").find((e) => e.error === "NOT_ENOUGH_REPLICAS");
    expect(failure?.detail).toMatch(/min.insync.replicas is 2/);
  });
});

describe("leader election and the loss it can cause", () => {
  it("T-REPLICA: when the leader dies the controller elects the first live ISR replica and the leader epoch rises", () => {
    const { trace, verdict } = runScenario(threeBrokerScenario({ durationMs: 20_000, topics: [{ name: "orders", partitions: 1, replicationFactor: 3, assignment: [[1, 2, 3]] }], faults: [{ type: "crash", atMs: 3_000, broker: "leader", topic: "orders" }] }));
    const elections = ofType(trace, "partition.leader").filter((e) => e.election === "clean");
    expect(elections[0]).toMatchObject({ leader: 2, leaderEpoch: 1, isr: [2, 3] });
    expect(verdict.lost).toEqual([]);
  });

  it("R-LOSS: an unclean election makes a lagging replica leader and acknowledged records disappear, each explained", () => {
    // Broker 3 is cut off first, leaves the ISR; records are acknowledged by 1 and 2; then both die and 3 returns.
    const { trace, verdict } = runScenario({
      ...threeBrokerScenario(),
      durationMs: 40_000,
      cluster: { brokers: 3, config: { "zookeeper.session.timeout.ms": 3_000, "replica.lag.time.max.ms": 2_000, "min.insync.replicas": 1, "unclean.leader.election.enable": true } },
      topics: [{ name: "orders", partitions: 1, replicationFactor: 3, assignment: [[1, 2, 3]] }],
      workload: [{ type: "produce", topic: "orders", count: 60, intervalMs: 100, acks: "all", requestTimeoutMs: 3_000 }],
      faults: [
        { type: "crash", atMs: 1_000, broker: 3 },
        { type: "crash", atMs: 9_000, broker: 1 },
        { type: "crash", atMs: 9_000, broker: 2 },
        { type: "restart", atMs: 14_000, broker: 3 },
      ],
    });
    expect(ofType(trace, "partition.leader").some((e) => e.election === "unclean" && e.leader === 3)).toBe(true);
    expect(verdict.lost.length).toBeGreaterThan(0);
    expect(verdict.lost[0]).toMatchObject({ cause: "unclean-leader-election" });
  });

  it("leader epochs: an old leader that acknowledged with acks=1 while cut off truncates those records when it rejoins as follower", () => {
    const { trace, verdict } = runScenario({
      ...threeBrokerScenario(),
      durationMs: 30_000,
      cluster: { brokers: 3, config: { "zookeeper.session.timeout.ms": 3_000, "replica.lag.time.max.ms": 2_000, "min.insync.replicas": 1 } },
      topics: [{ name: "orders", partitions: 1, replicationFactor: 3, assignment: [[1, 2, 3]] }],
      workload: [{ type: "produce", topic: "orders", count: 100, intervalMs: 100, acks: "1", requestTimeoutMs: 3_000 }],
      faults: [
        { type: "cut", atMs: 2_000, a: [1], b: ["zk", 2, 3] },
        { type: "heal", atMs: 12_000 },
      ],
    });
    const truncation = ofType(trace, "replica.truncate").find((e) => e.broker === 1);
    expect(truncation).toBeDefined();
    expect(truncation!.lostIds.length).toBeGreaterThan(0);
    expect(verdict.lost.map((l) => l.cause)).toContain("acked-before-replication");
  });
});

describe("admin operations with Kafka's errors", () => {
  function runningCluster(config: Record<string, unknown> = {}) {
    const cluster = new Cluster({ seed: 3, brokers: 3, brokerConfig: { "zookeeper.session.timeout.ms": 6_000, ...config } });
    cluster.start();
    cluster.runUntil(500);
    return cluster;
  }

  it("T-ADMIN: a replication factor above the broker count is refused with InvalidReplicationFactorException", () => {
    const cluster = runningCluster();
    expect(() => cluster.admin().createTopic("payments", 3, 4)).toThrow("InvalidReplicationFactorException: Replication factor: 4 larger than available brokers: 3.");
    const plan = cluster.admin().createTopic("payments", 3, 3);
    expect(plan).toHaveLength(3);
    cluster.runUntil(1_000);
    expect(cluster.leaderOf("payments", 0)).toBe(plan[0][0]);
  });

  it("T-ADMIN: deleting a topic honours delete.topic.enable", () => {
    const disabled = runningCluster({ "delete.topic.enable": false });
    disabled.admin().createTopic("logs", 1, 1);
    expect(() => disabled.admin().deleteTopic("logs")).toThrow(/TopicDeletionDisabledException/);
    const enabled = runningCluster();
    enabled.admin().createTopic("logs", 1, 1);
    enabled.runUntil(1_000);
    enabled.admin().deleteTopic("logs");
    enabled.runUntil(1_500);
    expect(enabled.trace.events.some((e) => e.type === "topic.deleted" && e.topic === "logs")).toBe(true);
    expect(() => enabled.admin().deleteTopic("logs")).toThrow(/UnknownTopicOrPartitionException/);
  });

  it("T-ADMIN: partitions only grow: a decrease is refused with InvalidPartitionsException", () => {
    const cluster = runningCluster();
    cluster.admin().createTopic("events", 3, 2);
    expect(() => cluster.admin().createPartitions("events", 2)).toThrow("InvalidPartitionsException: Topic currently has 3 partitions, which is higher than the requested 2.");
    expect(() => cluster.admin().createPartitions("events", 3)).toThrow("InvalidPartitionsException: Topic already has 3 partitions.");
    expect(cluster.admin().createPartitions("events", 5)).toHaveLength(2);
  });

  it("T-ADMIN: illegal topic names and a second topic with the same name are refused", () => {
    const cluster = runningCluster();
    expect(() => cluster.admin().createTopic("bad name!", 1, 1)).toThrow(/InvalidTopicException/);
    cluster.admin().createTopic("ok", 1, 1);
    expect(() => cluster.admin().createTopic("ok", 1, 1)).toThrow("TopicExistsException: Topic 'ok' already exists.");
    expect(KafkaError).toBeDefined();
  });
});

describe("Kafka's algorithms, exactly", () => {
  it("T-REPLICA: replica assignment matches Kafka's AdminUtils for 5 brokers, 10 partitions, RF 3 and a fixed start index", () => {
    expect(assignReplicasToBrokers([0, 1, 2, 3, 4], 10, 3, 0, 0)).toEqual([
      [0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 0], [4, 0, 1],
      [0, 2, 3], [1, 3, 4], [2, 4, 0], [3, 0, 1], [4, 1, 2],
    ]);
  });

  it("T-REPLICA: offline election picks the first live ISR replica in assignment order, or none unless unclean is allowed", () => {
    expect(offlinePartitionLeaderElection([1, 2, 3], [3, 2], new Set([2, 3]), false)).toEqual({ leader: 2, isr: [3, 2], kind: "clean" });
    expect(offlinePartitionLeaderElection([1, 2, 3], [1], new Set([2, 3]), false)).toEqual({ leader: null, isr: [1], kind: "none" });
    expect(offlinePartitionLeaderElection([1, 2, 3], [1], new Set([3, 2]), true)).toEqual({ leader: 2, isr: [2], kind: "unclean" });
  });
});

describe("storage through the cluster", () => {
  it("B-STORAGE, B-RETENTION: segments roll at segment.bytes and retention deletes old ones, moving the log start offset", () => {
    const { trace } = runScenario({
      ...threeBrokerScenario(),
      durationMs: 20_000,
      cluster: { brokers: 3, config: { "zookeeper.session.timeout.ms": 6_000, "log.retention.check.interval.ms": 1_000 } },
      topics: [{ name: "orders", partitions: 1, replicationFactor: 3, config: { "segment.bytes": 2_048, "retention.bytes": 4_096 } }],
      workload: [{ type: "produce", topic: "orders", count: 200, intervalMs: 20, acks: "all", valueBytes: 100 }],
    });
    const rolls = ofType(trace, "log.rolled");
    expect(rolls.length).toBeGreaterThan(3);
    expect(rolls[0].file).toMatch(/^\d{20}\.log$/);
    const deletions = ofType(trace, "log.segment-deleted");
    expect(deletions.length).toBeGreaterThan(0);
    expect(deletions[0].reason).toMatch(/retention/);
    expect(deletions.at(-1)!.logStartOffset).toBeGreaterThan(0);
  });
});

describe("dynamic topic configs", () => {
  it("B-RETENTION: lowering retention.bytes mid-run makes the next cleaner run delete old segments", () => {
    const base = {
      ...threeBrokerScenario(),
      durationMs: 20_000,
      cluster: { brokers: 3, config: { "zookeeper.session.timeout.ms": 6_000, "log.retention.check.interval.ms": 1_000 } },
      topics: [{ name: "orders", partitions: 1, replicationFactor: 3, config: { "segment.bytes": 2_048 } }],
      workload: [{ type: "produce" as const, topic: "orders", count: 200, intervalMs: 20, acks: "all" as const, valueBytes: 100 }],
    };
    expect(runScenario(base).trace.some((e) => e.type === "log.segment-deleted")).toBe(false);
    const { trace } = runScenario({ ...base, faults: [{ type: "topic-config", atMs: 8_000, topic: "orders", config: { "retention.bytes": 4_096 } }] });
    const deletions = ofType(trace, "log.segment-deleted");
    expect(deletions.length).toBeGreaterThan(0);
    expect(deletions[0].t).toBeGreaterThanOrEqual(8_000);
    expect(deletions[0].reason).toBe("retention.bytes");
  });
});
