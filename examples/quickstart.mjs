// Run with: node examples/quickstart.mjs   (after npm install, which builds the engine)
import { runScenario } from "kafka-lab/engine";

// Three brokers, one partition replicated three times, a producer with acks=1.
// At 3 s the leader (broker 1) is cut off from ZooKeeper and the other brokers, but not from
// the producer: it keeps acknowledging writes that no follower will ever copy.
const result = runScenario({
  version: 1,
  seed: 42,
  durationMs: 30_000,
  cluster: { brokers: 3, config: { "zookeeper.session.timeout.ms": 6000 } },
  topics: [{ name: "orders", partitions: 1, replicationFactor: 3, assignment: [[1, 2, 3]] }],
  workload: [{ type: "produce", topic: "orders", count: 60, intervalMs: 100, acks: "1" }],
  faults: [
    { type: "cut", atMs: 3000, a: [1], b: ["zk", 2, 3] },
    { type: "heal", atMs: 15000 },
  ],
});

console.log(`acknowledged ${result.stats.recordsAcked}, lost ${result.verdict.lost.length}`);
for (const record of result.verdict.lost.slice(0, 3)) console.log(`- ${record.explanation}`);
