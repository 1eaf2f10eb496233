import { describe, expect, it } from "vitest";
import { Simulation, prngFor, randomInt } from "../../../engine/index.js";
import { Network } from "../../../engine/kernel/network.js";

describe("virtual clock and event queue", () => {
  it("runs events in (time, sequence) order: equal times run in the order they were scheduled", () => {
    const sim = new Simulation();
    const order: string[] = [];
    sim.schedule(10, () => order.push("b@10"));
    sim.schedule(5, () => order.push("a@5"));
    sim.schedule(10, () => order.push("c@10"));
    sim.schedule(5, () => sim.schedule(0, () => order.push("d@5 scheduled from a@5's time")));
    sim.runUntil(100);
    expect(order).toEqual(["a@5", "d@5 scheduled from a@5's time", "b@10", "c@10"]);
    expect(sim.nowMs).toBe(100);
  });

  it("cancelled timers never run and time never goes backwards", () => {
    const sim = new Simulation();
    let ran = false;
    const timer = sim.schedule(10, () => (ran = true));
    timer.cancel();
    sim.runUntil(20);
    expect(ran).toBe(false);
    expect(() => sim.schedule(-1, () => {})).toThrow(/delayMs must be a finite number >= 0, got -1/);
  });

  it("stops at the event budget without skipping time past unrun events", () => {
    const sim = new Simulation();
    let count = 0;
    for (let i = 1; i <= 10; i++) sim.schedule(i, () => count++);
    expect(sim.runUntil(100, 3)).toBe(3);
    expect(sim.nowMs).toBe(3);
  });
});

describe("seeded PRNG split per component", () => {
  it("gives each component its own stream that does not depend on which other components exist", () => {
    const a1 = prngFor(42, "network");
    const draws1 = [randomInt(a1, 0, 1000), randomInt(a1, 0, 1000)];
    prngFor(42, "something-new");
    const a2 = prngFor(42, "network");
    expect([randomInt(a2, 0, 1000), randomInt(a2, 0, 1000)]).toEqual(draws1);
    const other = prngFor(42, "replica-assignment");
    expect([randomInt(other, 0, 1000), randomInt(other, 0, 1000)]).not.toEqual(draws1);
  });
});

function makeNetwork(options = { latencyMsMin: 2, latencyMsMax: 9, dropRatio: 0 }) {
  const sim = new Simulation();
  const drops: string[] = [];
  const up = new Set(["a", "b", "c"]);
  const net = new Network(sim, prngFor(1, "network"), options, (n) => up.has(n), { dropped: (from, to, kind, reason) => drops.push(`${from}>${to}:${kind}:${reason}`) });
  return { sim, net, drops, up };
}

describe("network model", () => {
  it("draws one latency per link from the seed and keeps each link first-in first-out", () => {
    const { sim, net } = makeNetwork();
    const latency = net.linkLatencyMs("a", "b");
    expect(latency).toBeGreaterThanOrEqual(2);
    expect(latency).toBeLessThanOrEqual(9);
    expect(net.linkLatencyMs("a", "b")).toBe(latency);
    const arrivals: number[] = [];
    for (let i = 0; i < 5; i++) net.send("a", "b", "m", () => arrivals.push(i));
    sim.runUntil(100);
    expect(arrivals).toEqual([0, 1, 2, 3, 4]);
  });

  it("a cut between node sets drops messages both ways until the network heals", () => {
    const { sim, net, drops } = makeNetwork();
    net.cut(["a"], ["b", "c"]);
    let delivered = 0;
    net.send("a", "b", "req", () => delivered++);
    net.send("c", "a", "req", () => delivered++);
    net.send("b", "c", "req", () => delivered++);
    sim.runUntil(50);
    expect(delivered).toBe(1);
    expect(drops).toEqual(["a>b:req:cut", "c>a:req:cut"]);
    net.heal();
    net.send("a", "b", "req", () => delivered++);
    sim.runUntil(100);
    expect(delivered).toBe(2);
  });

  it("a message to a crashed node is refused back to the sender; a slowed node adds latency", () => {
    const { sim, net, up } = makeNetwork();
    up.delete("b");
    let refusedAt = -1;
    net.send("a", "b", "req", () => {}, false, () => (refusedAt = sim.nowMs));
    sim.runUntil(100);
    expect(refusedAt).toBe(net.linkLatencyMs("a", "b") + net.linkLatencyMs("b", "a"));
    net.slow("c", 1000);
    let arrived = -1;
    const start = sim.nowMs;
    net.send("a", "c", "req", () => (arrived = sim.nowMs));
    sim.runUntil(2000);
    expect(arrived - start).toBe(net.linkLatencyMs("a", "c") + 1000);
  });

  it("random drops follow dropRatio, and a zero ratio never drops", () => {
    const lossy = makeNetwork({ latencyMsMin: 1, latencyMsMax: 1, dropRatio: 0.5 });
    let delivered = 0;
    for (let i = 0; i < 1000; i++) lossy.net.send("a", "b", "m", () => delivered++);
    lossy.sim.runUntil(10);
    expect(delivered).toBeGreaterThan(400);
    expect(delivered).toBeLessThan(600);
  });
});
