import { describe, expect, it } from "vitest";
import { groupMetadataRecord, offsetCommitRecord, readCoordinatorRecord } from "../../../../engine/cluster/group/coordinator-records.js";

describe("__consumer_offsets records (GroupCoordinatorRecordHelpers)", () => {
  it("an OffsetCommit record reads back as written, metadata with spaces included, for a group id containing '/'", () => {
    const value = { offset: 42, leaderEpoch: -1, metadata: "batch 7 of 9", commitTimestampMs: 12_345 };
    const record = offsetCommitRecord("team/billing", "orders", 3, value);
    expect(record.key).toBe("team/billing/orders/3");
    expect(readCoordinatorRecord(record)).toEqual({ type: "OffsetCommit", groupId: "team/billing", topic: "orders", partition: 3, value });
  });

  it("a GroupMetadata record reads back as written; a record of another shape is skipped", () => {
    const value = { protocolType: "consumer", generation: 3, protocol: "range", leader: "m-1", currentStateTimestampMs: 9, members: [] };
    expect(readCoordinatorRecord(groupMetadataRecord("billing", value, 9))).toEqual({ type: "GroupMetadata", groupId: "billing", value });
    expect(readCoordinatorRecord({ key: "billing/orders/0", value: "not an offset", timestamp: 0 })).toBeNull();
    expect(readCoordinatorRecord({ key: "billing", value: "{\"x\":1}", timestamp: 0 })).toBeNull();
  });
});
