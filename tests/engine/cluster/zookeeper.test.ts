import { describe, expect, it } from "vitest";
import { Simulation } from "../../../engine/index.js";
import { ZooKeeper } from "../../../engine/cluster/coordination/zookeeper.js";
import { Trace } from "../../../engine/kernel/trace.js";

function setup() {
  const sim = new Simulation();
  const trace = new Trace();
  const zk = new ZooKeeper(sim, trace);
  const notes: string[] = [];
  const connect = (broker: number, timeoutMs = 6_000) => zk.connect(broker, timeoutMs, (path, event) => notes.push(`${broker}:${path}:${event}`));
  return { sim, zk, trace, notes, connect };
}

describe("B-CONTROLLER: the coordination service model", () => {
  it("an ephemeral znode lives as long as its session: it vanishes when the session times out", () => {
    const { sim, zk, connect } = setup();
    const session = connect(1);
    expect(zk.create(session, "/brokers/ids/1", "{}", true).ok).toBe(true);
    sim.runUntil(5_000);
    expect(zk.touch(session)).toBe(true); // a ping at 5 s keeps it alive past 6 s
    sim.runUntil(10_000);
    expect(zk.nodes.has("/brokers/ids/1")).toBe(true);
    sim.runUntil(11_001);
    expect(zk.nodes.has("/brokers/ids/1")).toBe(false);
    expect(zk.isAlive(session)).toBe(false);
    expect(zk.create(session, "/x", "", false)).toEqual({ ok: false, error: "SESSION_EXPIRED" });
  });

  it("watches are one-shot and fire at every session that set them, in session order", () => {
    const { zk, notes, connect } = setup();
    const owner = connect(1);
    const a = connect(2);
    const b = connect(3);
    zk.create(owner, "/controller", '{"brokerid":1}', true);
    zk.getData(a, "/controller", true);
    zk.getData(b, "/controller", true);
    zk.delete(owner, "/controller");
    expect(notes).toEqual(["2:/controller:deleted", "3:/controller:deleted"]);
    zk.create(owner, "/controller", "{}", true);
    expect(notes).toHaveLength(2); // the watches were used up
  });

  it("only one broker can register as controller; each registration bumps the controller epoch", () => {
    const { zk, connect } = setup();
    const s1 = connect(1);
    const s2 = connect(2);
    expect(zk.registerController(s1, 1)).toEqual({ ok: true, value: 1 });
    expect(zk.registerController(s2, 2)).toEqual({ ok: false, error: "NODE_EXISTS" });
    zk.delete(s1, "/controller");
    expect(zk.registerController(s2, 2)).toEqual({ ok: true, value: 2 });
    expect(zk.controllerId()).toBe(2);
    expect(zk.checkControllerEpoch(1)).toBe(false);
    expect(zk.checkControllerEpoch(2)).toBe(true);
  });

  it("child watches fire when a broker registers or disappears", () => {
    const { zk, notes, connect } = setup();
    const controller = connect(1);
    zk.getChildren(controller, "/brokers/ids", true);
    const s2 = connect(2);
    zk.create(s2, "/brokers/ids/2", "{}", true);
    expect(notes).toEqual(["1:/brokers/ids:children"]);
    expect(zk.childrenOf("/brokers/ids")).toEqual(["2"]);
  });
});
