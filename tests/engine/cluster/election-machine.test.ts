import { createActor } from "xstate";
import { describe, expect, it } from "vitest";
import { controllerElectionMachine, type ElectionHost } from "../../../engine/cluster/controller/election-machine.js";
import { Simulation } from "../../../engine/index.js";

function recordingHost(sim: Simulation, send: (event: { type: "zk.register-retry" }) => void) {
  const calls: string[] = [];
  const host: ElectionHost = {
    connectSession: () => calls.push("connectSession"),
    registerBroker: () => calls.push("registerBroker"),
    tryRegisterController: () => calls.push("tryRegisterController"),
    watchController: () => calls.push("watchController"),
    onControllerFailover: (epoch) => calls.push(`onControllerFailover(${epoch})`),
    onControllerResignation: () => calls.push("onControllerResignation"),
    scheduleRegisterRetry: (delayMs) => void sim.schedule(delayMs, () => send({ type: "zk.register-retry" })),
  };
  return { host, calls };
}

function start() {
  const sim = new Simulation();
  let actor: ReturnType<typeof createActor<typeof controllerElectionMachine>> | null = null;
  const { host, calls } = recordingHost(sim, (event) => actor!.send(event));
  actor = createActor(controllerElectionMachine, { input: { host } });
  actor.start();
  const started = actor;
  return { sim, actor: started, calls, state: () => String(started.getSnapshot().value) };
}

describe("B-CONTROLLER: the per-broker controller election machine", () => {
  it("connects, registers, campaigns and becomes controller with the epoch it won", () => {
    const { actor, calls, state } = start();
    expect(state()).toBe("offline");
    actor.send({ type: "broker.start" });
    actor.send({ type: "zk.connected" });
    actor.send({ type: "zk.registered" });
    expect(state()).toBe("campaigning");
    actor.send({ type: "zk.controller-won", epoch: 3 });
    expect(state()).toBe("controller");
    expect(actor.getSnapshot().context.epoch).toBe(3);
    expect(calls).toEqual(["connectSession", "registerBroker", "tryRegisterController", "onControllerFailover(3)"]);
  });

  it("a broker that loses the race watches /controller and campaigns again when it disappears", () => {
    const { actor, calls, state } = start();
    for (const type of ["broker.start", "zk.connected", "zk.registered", "zk.controller-exists"] as const) actor.send({ type });
    expect(state()).toBe("follower");
    actor.send({ type: "zk.controller-gone" });
    expect(state()).toBe("campaigning");
    expect(calls.filter((c) => c === "tryRegisterController")).toHaveLength(2);
    expect(calls).toContain("watchController");
  });

  it("a controller that loses its session resigns and reconnects; a crash goes offline from any state", () => {
    const { actor, calls, state } = start();
    for (const type of ["broker.start", "zk.connected", "zk.registered"] as const) actor.send({ type });
    actor.send({ type: "zk.controller-won", epoch: 1 });
    actor.send({ type: "zk.session-lost" });
    expect(state()).toBe("connecting");
    expect(calls).toContain("onControllerResignation");
    expect(actor.getSnapshot().context.epoch).toBeNull();
    actor.send({ type: "broker.crash" });
    expect(state()).toBe("offline");
  });

  it("retries registration after a backoff in simulated time when the old registration still exists", () => {
    const { sim, actor, calls, state } = start();
    for (const type of ["broker.start", "zk.connected"] as const) actor.send({ type });
    actor.send({ type: "zk.register-conflict" });
    expect(state()).toBe("registerBackoff");
    sim.runUntil(999);
    expect(state()).toBe("registerBackoff");
    sim.runUntil(1_000);
    expect(state()).toBe("registering");
    expect(calls.filter((c) => c === "registerBroker")).toHaveLength(2);
  });
});

describe("the election machine keeps time only through the simulation", () => {
  it("has no delayed transitions, so XState never reads a real clock", () => {
    const delayed: string[] = [];
    const visit = (node: { id: string; after?: unknown[]; states?: Record<string, unknown> }) => {
      if (node.after && node.after.length > 0) delayed.push(node.id);
      for (const child of Object.values(node.states ?? {})) visit(child as typeof node);
    };
    visit(controllerElectionMachine.root as unknown as { id: string; after?: unknown[]; states?: Record<string, unknown> });
    expect(delayed).toEqual([]);
  });
});
