import { describe, expect, it } from "vitest";
import { assignSharePartitions } from "../../../../engine/cluster/share/index.js";
import { javaStringHashCode } from "../../../../engine/consumer/assignors/java-hash-order.js";

const counts = (n: Record<string, number>) => (topic: string) => n[topic] ?? 0;
const keys = (tps: { topic: string; partition: number }[] | undefined) => (tps ?? []).map((tp) => `${tp.topic}-${tp.partition}`);

describe("SimpleAssignor (share groups, KIP-932)", () => {
  it("G-SHARE: with one partition every member gets it (a partition is shared, not owned)", () => {
    const members = ["m1", "m2", "m3"].map((memberId) => ({ memberId, subscribedTopics: ["jobs"], assigned: [] }));
    const result = assignSharePartitions(members, counts({ jobs: 1 }));
    for (const m of members) expect(keys(result.get(m.memberId))).toEqual(["jobs-0"]);
  });

  it("hashes each member to one partition, Math.abs(hashCode % n), then round-robins the partitions nobody got", () => {
    const ids = ["alpha", "beta"];
    const result = assignSharePartitions(
      ids.map((memberId) => ({ memberId, subscribedTopics: ["jobs"], assigned: [] })),
      counts({ jobs: 4 }),
    );
    for (const id of ids) expect(keys(result.get(id))).toContain(`jobs-${Math.abs(javaStringHashCode(id) % 4)}`);
    const all = new Set(ids.flatMap((id) => keys(result.get(id))));
    expect(all).toEqual(new Set(["jobs-0", "jobs-1", "jobs-2", "jobs-3"]));
  });

  it("keeps what members hold (sticky) and gives a lone member every partition", () => {
    const lone = assignSharePartitions([{ memberId: "solo", subscribedTopics: ["jobs"], assigned: [] }], counts({ jobs: 3 }));
    expect(keys(lone.get("solo"))).toEqual(["jobs-0", "jobs-1", "jobs-2"]);
    const sticky = assignSharePartitions(
      [
        { memberId: "solo", subscribedTopics: ["jobs"], assigned: lone.get("solo")! },
        { memberId: "late", subscribedTopics: ["jobs"], assigned: [] },
      ],
      counts({ jobs: 3 }),
    );
    expect(keys(sticky.get("solo"))).toEqual(["jobs-0", "jobs-1", "jobs-2"]);
    expect(keys(sticky.get("late"))).toEqual([`jobs-${Math.abs(javaStringHashCode("late") % 3)}`]);
  });

  it("heterogeneous subscriptions: a member only gets partitions of topics it subscribed to", () => {
    const result = assignSharePartitions(
      [
        { memberId: "a", subscribedTopics: ["jobs"], assigned: [] },
        { memberId: "b", subscribedTopics: ["mail"], assigned: [] },
      ],
      counts({ jobs: 2, mail: 2 }),
    );
    expect(keys(result.get("a"))).toEqual(["jobs-0", "jobs-1"]);
    expect(keys(result.get("b"))).toEqual(["mail-0", "mail-1"]);
  });
});
