import { describe, expect, it } from "vitest";
import { noOpRebalanceListener } from "../../../engine/consumer/rebalance-listener.js";
import { SubscriptionState } from "../../../engine/consumer/subscription-state.js";

describe("SubscriptionState.markPendingRevocation (eager onJoinPrepare)", () => {
  it("a partition about to be revoked is no longer fetchable, and a new assignment starts clean", () => {
    const subs = new SubscriptionState("earliest");
    subs.subscribe(["orders"], noOpRebalanceListener);
    const tp = { topic: "orders", partition: 0 };
    subs.assignFromSubscribed([tp]);
    subs.seek(tp, 5);
    const state = subs.assignedState(tp);
    expect(subs.isFetchable(state)).toBe(true);
    subs.markPendingRevocation([tp]);
    expect(subs.isFetchable(state)).toBe(false);
    subs.assignFromSubscribed([]);
    subs.assignFromSubscribed([tp]);
    subs.seek(tp, 5);
    expect(subs.isFetchable(subs.assignedState(tp))).toBe(true);
  });
});
