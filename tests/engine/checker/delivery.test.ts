import { describe, expect, it } from "vitest";
import { checkDelivery, type TraceEvent } from "../../../engine/index.js";

const leaderEvent = (t: number, leader: number, election: "initial" | "clean" | "unclean", leaderEpoch = 0): TraceEvent => ({ t, type: "partition.leader", topic: "t", partition: 0, leader, leaderEpoch, isr: [leader], replicas: [1, 2], election });
const append = (t: number, broker: number, baseOffset: number, ids: string[]): TraceEvent => ({ t, type: "replica.append", broker, topic: "t", partition: 0, baseOffset, lastOffset: baseOffset + ids.length - 1, leo: baseOffset + ids.length, ids });
const acked = (t: number, ids: string[], acks = "all"): TraceEvent => ({ t, type: "produce.acked", client: "p", topic: "t", partition: 0, count: ids.length, ids, baseOffset: 0, acks, from: 1 });

describe("the delivery checker names every lost, duplicated and reordered record with its cause", () => {
  it("R-LOSS: an acknowledged record missing from the final leader after an unclean election is lost, and says why", () => {
    const verdict = checkDelivery([
      leaderEvent(0, 1, "initial"),
      append(10, 1, 0, ["p#0", "p#1"]),
      append(12, 2, 0, ["p#0"]),
      acked(15, ["p#0", "p#1"]),
      leaderEvent(100, 2, "unclean", 1),
    ]);
    expect(verdict.lost.map((l) => [l.id, l.cause])).toEqual([["p#1", "unclean-leader-election"]]);
    expect(verdict.lost[0].explanation).toContain("broker 2 became leader at 100 ms in an unclean election (epoch 1)");
  });

  it("R-LOSS: with acks=1 the cause is acknowledgement before replication", () => {
    const verdict = checkDelivery([leaderEvent(0, 1, "initial"), append(10, 1, 0, ["p#0"]), acked(11, ["p#0"], "1"), leaderEvent(50, 2, "clean", 1)]);
    expect(verdict.lost[0]).toMatchObject({ id: "p#0", cause: "acked-before-replication" });
  });

  it("R-DUP, R-ORDER: a record stored twice is duplicated; one stored after a later one is reordered", () => {
    const verdict = checkDelivery([leaderEvent(0, 1, "initial"), append(10, 1, 0, ["p#0", "p#2", "p#1", "p#2"])]);
    expect(verdict.duplicated.map((d) => [d.id, d.offsets])).toEqual([["p#2", [1, 3]]]);
    expect(verdict.reordered.map((r) => [r.id, r.before])).toEqual([["p#1", "p#2"]]);
  });

  it("records on an offline partition are unavailable, not lost", () => {
    const verdict = checkDelivery([leaderEvent(0, 1, "initial"), append(10, 1, 0, ["p#0"]), acked(11, ["p#0"]), { t: 20, type: "partition.leader", topic: "t", partition: 0, leader: null, leaderEpoch: 1, isr: [1], replicas: [1, 2], election: "none" }]);
    expect(verdict.lost).toEqual([]);
    expect(verdict.unavailable).toEqual(["p#0"]);
  });
});
