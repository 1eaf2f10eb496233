import { test } from "vitest";
import { runScenario } from "../../engine/index.js";
function time(name: string, s: any) {
  for (let i = 0; i < 5; i++) runScenario(s);
  const n = 10; const t0 = performance.now();
  let r: any; for (let i = 0; i < n; i++) r = runScenario(s);
  const rolls = r.trace.filter((e: any) => e.type === "log.rolled").map((e: any) => e.broker + ":" + e.baseOffset);
  const leo = r.trace.filter((e: any) => e.type === "replica.append").at(-1)?.leo;
  console.log(name, ((performance.now() - t0) / n).toFixed(2), "ms", r.trace.length, "events", rolls.join(","), "leo", leo, r.trace.filter((e: any) => e.type === "log.segment-deleted").map((e:any)=>e.t+":"+e.baseOffset+":"+e.reason+":"+e.logStartOffset).join(" "));
}
const topic = (rf: number, cfg: any) => ({ name: "orders", partitions: 1, replicationFactor: rf, config: { "segment.bytes": 1048576, "index.interval.bytes": 32768, ...cfg } });
const w = (count: number, intervalMs: number, rpr: number, vb: number) => [{ type: "produce", topic: "orders", count, intervalMs, recordsPerRequest: rpr, valueBytes: vb }];
test("t", () => {
  for (const [rpr, vb, iv] of [[10,1000,100],[20,1000,200],[30,1000,300],[20,2000,200],[50,1000,500]] as const) {
    const count = Math.ceil(2.03*1048576/(vb+10)/rpr)*rpr;
    time(`lookup rpr${rpr} vb${vb} n${count}`, { version: 1, seed: 7, durationMs: 30000, trace: "summary", cluster: { brokers: 1 }, topics: [topic(1, {})], workload: w(count, 10000*rpr/count|0 || 1, rpr, vb) });
    time(`ret rpr${rpr} vb${vb} n${count}`, { version: 1, seed: 7, durationMs: 120000, trace: "summary", cluster: { brokers: 1, config: {"log.retention.check.interval.ms": 5000} }, topics: [topic(1, {"retention.ms": 60000})], workload: w(count, 100000*rpr/count|0, rpr, vb) });
  }
});
