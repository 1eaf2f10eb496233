import fc from "fast-check";
import type { ScenarioInput } from "../../../engine/index.js";

/** A three-broker, replication-factor-3 scenario with a steady acks=all producer and a reader. */
export function threeBrokerScenario(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    version: 1,
    seed: 1,
    durationMs: 20_000,
    cluster: {
      brokers: 3,
      config: { "zookeeper.session.timeout.ms": 6_000, "replica.lag.time.max.ms": 4_000, "min.insync.replicas": 2 },
    },
    topics: [{ name: "orders", partitions: 1, replicationFactor: 3 }],
    workload: [
      { type: "produce", topic: "orders", count: 100, intervalMs: 100, acks: "all" },
      { type: "consume", topic: "orders", intervalMs: 200 },
    ],
    ...overrides,
  };
}

export interface FaultScheduleOptions {
  acks: "0" | "1" | "all";
  minInsyncReplicas: number;
  unclean: boolean;
}

/**
 * Random fault schedules over a three-broker cluster: crashes and restarts of brokers,
 * the leader or the controller, network cuts (a broker alive but cut off), slow followers
 * and dropped responses; then a heal phase (everything restarts, the network heals) so the
 * run can converge before the checker looks.
 */
export function faultyScenario(options: FaultScheduleOptions): fc.Arbitrary<ScenarioInput> {
  const time = fc.integer({ min: 500, max: 14_000 });
  const broker = fc.integer({ min: 1, max: 3 });
  const fault = fc.oneof(
    fc.record({ type: fc.constant("crash" as const), atMs: time, broker: fc.oneof(broker, fc.constant("leader" as const), fc.constant("controller" as const)), topic: fc.constant("orders") }),
    fc.record({ type: fc.constant("restart" as const), atMs: time, broker }),
    fc.record({ type: fc.constant("isolate" as const), atMs: time, broker: fc.oneof(broker, fc.constant("leader" as const)), topic: fc.constant("orders") }),
    fc.record({ type: fc.constant("cut" as const), atMs: time, a: fc.constant<(string | number)[]>([1]), b: fc.constantFrom<(string | number)[]>(["zk"], [2, 3], ["zk", 2]) }),
    fc.record({ type: fc.constant("heal" as const), atMs: time }),
    fc.record({ type: fc.constant("slow" as const), atMs: time, broker, extraLatencyMs: fc.integer({ min: 0, max: 3_000 }) }),
    fc.record({ type: fc.constant("drop-responses" as const), atMs: time, broker, ratio: fc.constantFrom(0, 0.5, 1) }),
  );
  return fc.record({ seed: fc.integer({ min: 0, max: 0x7fffffff }), faults: fc.array(fault, { minLength: 1, maxLength: 6 }) }).map(({ seed, faults }): ScenarioInput => ({
    version: 1,
    seed,
    durationMs: 40_000,
    healAtMs: 16_000,
    cluster: {
      brokers: 3,
      config: {
        "zookeeper.session.timeout.ms": 3_000,
        "replica.lag.time.max.ms": 2_000,
        "min.insync.replicas": options.minInsyncReplicas,
        "unclean.leader.election.enable": options.unclean,
        "replica.socket.timeout.ms": 3_000,
        "controller.socket.timeout.ms": 3_000,
      },
    },
    topics: [{ name: "orders", partitions: 1, replicationFactor: 3 }],
    workload: [
      { type: "produce", topic: "orders", count: 150, intervalMs: 100, acks: options.acks, requestTimeoutMs: 3_000 },
      { type: "consume", topic: "orders", intervalMs: 150 },
    ],
    faults,
  }));
}
