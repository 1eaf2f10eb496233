import { describe, expect, it } from "vitest";
import { ClassicGroup, ClassicGroupMember, type JoinGroupRequestProtocol } from "../../../../engine/index.js";

const subscription = { topics: ["orders"], ownedPartitions: [], generationId: -1 };
const protocols = (...names: string[]): JoinGroupRequestProtocol[] => names.map((name) => ({ name, metadata: subscription }));
const member = (id: string, ...names: string[]) => new ClassicGroupMember(id, null, "client", 300_000, 45_000, "consumer", protocols(...names));

function newGroup() {
  const transitions: string[] = [];
  const group = new ClassicGroup("group", (from, to, generation) => transitions.push(`${from}->${to}@${generation}`));
  return { group, transitions };
}

describe("ClassicGroup (ported from Kafka's ClassicGroupTest)", () => {
  it("testSelectProtocol: the members' preferences vote, the most votes win", () => {
    const { group } = newGroup();
    group.add(member("memberId", "range", "roundrobin"), null);
    expect(group.selectProtocol()).toBe("range");
    group.add(member("member2", "roundrobin", "range"), null);
    // One vote each: Kafka takes the first maximum in its HashMap's order.
    expect(["range", "roundrobin"]).toContain(group.selectProtocol());
    group.add(member("member3", "roundrobin", "range"), null);
    expect(group.selectProtocol()).toBe("roundrobin");
  });

  it("testSelectProtocolRaisesIfNoMembers", () => {
    expect(() => newGroup().group.selectProtocol()).toThrow(/empty group/);
  });

  it("testSelectProtocolChoosesCompatibleProtocol: only an assignor every member offers can win", () => {
    const { group } = newGroup();
    group.add(member("memberId", "range", "roundrobin"), null);
    group.add(member("member2", "roundrobin", "blah"), null);
    expect(group.selectProtocol()).toBe("roundrobin");
  });

  it("testSupportsProtocols: an Empty group takes any; afterwards only protocols every member supports", () => {
    const { group } = newGroup();
    expect(group.supportsProtocols("consumer", ["range", "roundrobin"])).toBe(true);
    group.add(member("memberId", "range", "roundrobin"), null);
    group.transitionToPreparingRebalance("join");
    expect(group.supportsProtocols("consumer", ["roundrobin", "foo"])).toBe(true);
    expect(group.supportsProtocols("consumer", ["foo", "bar"])).toBe(false);
    expect(group.supportsProtocols("connect", ["range"])).toBe(false);
  });

  it("the first member leads; when the leader leaves, the next member leads", () => {
    const { group } = newGroup();
    group.add(member("a", "range"), null);
    group.add(member("b", "range"), null);
    expect(group.leaderId).toBe("a");
    group.remove("a");
    expect(group.leaderId).toBe("b");
    group.remove("b");
    expect(group.leaderId).toBeNull();
  });

  it("testInitNextGeneration: a new generation selects the protocol; an empty one clears it", () => {
    const { group, transitions } = newGroup();
    group.add(member("a", "roundrobin"), null);
    group.transitionToPreparingRebalance("join");
    group.initNextGeneration("done");
    expect(group.generationId).toBe(1);
    expect(group.protocolName).toBe("roundrobin");
    expect(group.state).toBe("CompletingRebalance");
    group.remove("a");
    group.transitionToPreparingRebalance("left");
    group.initNextGeneration("done");
    expect(group.state).toBe("Empty");
    expect(group.protocolName).toBeNull();
    expect(transitions).toEqual(["Empty->PreparingRebalance@0", "PreparingRebalance->CompletingRebalance@1", "CompletingRebalance->PreparingRebalance@1", "PreparingRebalance->Empty@2"]);
  });

  it("an illegal transition throws, as Kafka's assertValidTransition does", () => {
    const { group } = newGroup();
    expect(() => group.transitionToStable("no")).toThrow(/illegal transition Empty -> Stable/);
  });

  it("testStaticMemberFencing: replacing a static member answers its parked join FENCED_INSTANCE_ID and keeps leadership", () => {
    const { group } = newGroup();
    const errors: string[] = [];
    const old = new ClassicGroupMember("old", "instance-1", "client", 300_000, 45_000, "consumer", protocols("range"));
    group.add(old, (r) => errors.push(r.error));
    const replaced = group.replaceStaticMember("instance-1", "old", "new");
    expect(errors).toEqual(["FENCED_INSTANCE_ID"]);
    expect(group.leaderId).toBe("new");
    expect(group.staticMemberId("instance-1")).toBe("new");
    expect(replaced.groupInstanceId).toBe("instance-1");
    expect(group.validateMember("old", "instance-1")).toBe("FENCED_INSTANCE_ID");
    expect(group.validateMember("new", "instance-1")).toBeNull();
    expect(group.validateMember("other", null)).toBe("UNKNOWN_MEMBER_ID");
  });

  it("testValidateOffsetCommit: generation -1 commits only to an Empty group; a member must quote the current generation", () => {
    const { group } = newGroup();
    expect(group.validateOffsetCommit("", null, -1)).toBeNull();
    group.add(member("a", "range"), null);
    group.transitionToPreparingRebalance("join");
    expect(group.validateOffsetCommit("", null, -1)).toBe("UNKNOWN_MEMBER_ID");
    group.initNextGeneration("done");
    expect(group.validateOffsetCommit("a", null, 1)).toBe("REBALANCE_IN_PROGRESS");
    group.transitionToStable("synced");
    expect(group.validateOffsetCommit("a", null, 1)).toBeNull();
    expect(group.validateOffsetCommit("a", null, 0)).toBe("ILLEGAL_GENERATION");
    expect(group.validateOffsetCommit("b", null, 1)).toBe("UNKNOWN_MEMBER_ID");
  });
});
