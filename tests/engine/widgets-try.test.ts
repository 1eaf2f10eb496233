import { test } from "vitest";
import { runScenario } from "../../engine/index.js";
test("search", () => {
  let found = 0, runs = 0;
  for (let seed = 1; seed < 40; seed++) for (const t1 of [3000, 5000, 8000]) for (const extra of ["none","crash1","crash3","restart","heal","slow"]) {
    const faults: any[] = [{ type: "cut", atMs: t1, a: [2], b: ["zk"] }];
    if (extra === "crash1") faults.push({ type: "crash", atMs: t1 + 5000, broker: 1 });
    if (extra === "crash3") faults.push({ type: "crash", atMs: t1 + 5500, broker: 3 });
    if (extra === "restart") faults.push({ type: "crash", atMs: t1 + 1000, broker: 3 }, { type: "restart", atMs: t1 + 6500, broker: 3 });
    if (extra === "heal") faults.push({ type: "heal", atMs: t1 + 6100 });
    if (extra === "slow") faults.push({ type: "slow", atMs: t1 , broker: 2, extraLatencyMs: 7000 });
    const r = runScenario({ version: 1, seed, durationMs: 30000, cluster: { brokers: 3, config: {"zookeeper.session.timeout.ms": 6000, "replica.lag.time.max.ms": 2000} }, topics: [{ name: "orders", partitions: 3, replicationFactor: 3 }], workload: [{type: "produce", topic: "orders", count: 300, intervalMs: 50}], faults });
    runs++;
    const rej = r.trace.filter(e => e.type === "request.rejected");
    const first = r.trace.find(e => e.type === "controller.elected");
    if (rej.length) { found++; if (found < 5) console.log(seed, t1, extra, JSON.stringify(rej[0]), JSON.stringify(first)); }
  }
  console.log("found", found, "of", runs);
});
