import { test } from "vitest";
import { runScenario } from "../../engine/index.js";
function time(name: string, s: any) {
  for (let i = 0; i < 5; i++) runScenario(s);
  const n = 20; let t0 = performance.now();
  let r; for (let i = 0; i < n; i++) r = runScenario(s);
  const ms = (performance.now() - t0) / n;
  const counts: Record<string, number> = {};
  for (const e of r!.trace) counts[e.type] = (counts[e.type] ?? 0) + 1;
  console.log(name, ms.toFixed(2), "ms", r!.trace.length, JSON.stringify(counts));
}
const topic = (rf: number) => ({ name: "orders", partitions: 1, replicationFactor: rf, config: { "segment.bytes": 1048576, "index.interval.bytes": 16384 } });
test("t", () => {
  time("ce", { version: 1, seed: 7, durationMs: 60000, cluster: { brokers: 3, config: {"zookeeper.session.timeout.ms": 6000} }, topics: [{ name: "orders", partitions: 3, replicationFactor: 3 }], faults: [{type:"crash", atMs: 6000, broker: "controller"}, {type:"restart", atMs: 20000, broker: 2}] });
  time("ls1", { version: 1, seed: 7, durationMs: 30000, cluster: { brokers: 1 }, topics: [topic(1)], workload: [{type: "produce", topic: "orders", count: 2400, intervalMs: 20, recordsPerRequest: 2, valueBytes: 4000}] });
  time("ls3", { version: 1, seed: 7, durationMs: 30000, cluster: { brokers: 3 }, topics: [topic(3)], workload: [{type: "produce", topic: "orders", count: 2400, intervalMs: 20, recordsPerRequest: 2, valueBytes: 4000}] });
  time("ls3b", { version: 1, seed: 7, durationMs: 30000, cluster: { brokers: 3 }, topics: [topic(3)], workload: [{type: "produce", topic: "orders", count: 2400, intervalMs: 100, recordsPerRequest: 10, valueBytes: 800}] });
  time("ls1sum", { version: 1, seed: 7, durationMs: 30000, trace: "summary", cluster: { brokers: 1 }, topics: [topic(1)], workload: [{type: "produce", topic: "orders", count: 2400, intervalMs: 20, recordsPerRequest: 2, valueBytes: 4000}] });
});
