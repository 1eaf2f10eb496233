import { describe, expect, it } from "vitest";
import { getInitialSnapshot, transition } from "xstate";
import { consumerMemberMachine, type MemberEvent, type MemberHost } from "../../../engine/consumer/member-machine.js";

const host: MemberHost = {
  sendJoinGroup: () => {},
  onJoinResponse: () => {},
  onJoinComplete: () => {},
  enableHeartbeat: () => {},
  disableHeartbeat: () => {},
};

/** Runs events through the machine as pure transitions; returns the final snapshot and the actions asked for. */
function run(events: MemberEvent[]) {
  let snapshot = getInitialSnapshot(consumerMemberMachine, { host });
  const actions: string[] = [];
  for (const event of events) {
    const [next, acts] = transition(consumerMemberMachine, snapshot, event);
    snapshot = next;
    actions.push(...acts.map((a) => a.type).filter((t) => !t.startsWith("xstate.")));
  }
  return { state: snapshot.value, context: snapshot.context, actions };
}

const joined: MemberEvent = { type: "join.succeeded", generationId: 3, memberId: "m-1", leader: "m-1", protocolName: "range", members: [] };

describe("the consumer member machine (Kafka's MemberState) as pure transitions", () => {
  it("UNJOINED -> PREPARING_REBALANCE -> COMPLETING_REBALANCE -> STABLE, taking the generation only when SyncGroup succeeds", () => {
    const preparing = run([{ type: "join.send", reason: "initial" }]);
    expect(preparing.state).toBe("PREPARING_REBALANCE");
    expect(preparing.actions).toContain("sendJoinGroup");
    const completing = run([{ type: "join.send", reason: "initial" }, joined]);
    expect(completing.state).toBe("COMPLETING_REBALANCE");
    expect(completing.context.generationId).toBe(-1);
    expect(completing.actions).toEqual(expect.arrayContaining(["onJoinResponse", "enableHeartbeat"]));
    const stable = run([{ type: "join.send", reason: "initial" }, joined, { type: "sync.succeeded", assignment: [{ topic: "t", partition: 0 }] }]);
    expect(stable.state).toBe("STABLE");
    expect(stable.context).toMatchObject({ generationId: 3, memberId: "m-1", rejoinNeeded: false });
    expect(stable.actions).toContain("onJoinComplete");
  });

  it("MEMBER_ID_REQUIRED: joins again at once with the member id it was given", () => {
    const r = run([{ type: "join.send", reason: "initial" }, { type: "join.member-id-required", memberId: "m-9" }]);
    expect(r.state).toBe("PREPARING_REBALANCE");
    expect(r.context.memberId).toBe("m-9");
    expect(r.actions.filter((a) => a === "sendJoinGroup")).toHaveLength(2);
  });

  it("a heartbeat answered UNKNOWN_MEMBER_ID resets generation and member id and stops the heartbeat", () => {
    const r = run([{ type: "join.send", reason: "initial" }, joined, { type: "sync.succeeded", assignment: [] }, { type: "generation.reset", reason: "Heartbeat: UNKNOWN_MEMBER_ID", resetMemberId: true }]);
    expect(r.state).toBe("UNJOINED");
    expect(r.context).toMatchObject({ generationId: -1, memberId: "", rejoinNeeded: true });
    expect(r.actions[r.actions.length - 1]).toBe("disableHeartbeat");
  });

  it("REBALANCE_IN_PROGRESS while stable only marks a rejoin; poll() starts it", () => {
    const r = run([{ type: "join.send", reason: "initial" }, joined, { type: "sync.succeeded", assignment: [] }, { type: "rejoin.requested", reason: "group is already rebalancing" }]);
    expect(r.state).toBe("STABLE");
    expect(r.context.rejoinNeeded).toBe(true);
    expect(r.context.generationId).toBe(3);
  });

  it("a failed SyncGroup (REBALANCE_IN_PROGRESS) goes back to UNJOINED keeping the member id", () => {
    const r = run([{ type: "join.send", reason: "initial" }, joined, { type: "sync.failed", error: "REBALANCE_IN_PROGRESS", resetGeneration: false, resetMemberId: false }]);
    expect(r.state).toBe("UNJOINED");
    expect(r.context).toMatchObject({ memberId: "m-1", rejoinNeeded: true });
  });

  it("has no delayed transitions: every wait is a simulation timer that comes back as an event", () => {
    const json = JSON.stringify(consumerMemberMachine.definition);
    expect(json).not.toContain('"after"');
    expect(json).not.toContain("xstate.after");
  });
});
