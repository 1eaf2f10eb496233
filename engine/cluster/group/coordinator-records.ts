/**
 * The records the group coordinator writes to __consumer_offsets (Kafka's
 * GroupCoordinatorRecordHelpers): an OffsetCommit record per committed partition, keyed
 * group/topic/partition, and a GroupMetadata record per generation, keyed by the group id.
 * The latest record per key wins when a new coordinator replays the partition.
 * Simplification: values are text rather than Kafka's versioned binary schemas, so record
 * sizes differ from Kafka's: an OffsetCommit value is "offset leaderEpoch commitTimestampMs metadata"
 * (written on every commit, so kept short and cheap to make), a GroupMetadata value is JSON. No
 * tombstones are written (offset expiry and group deletion are not modelled).
 */
import type { SimRecord } from "../log/index.js";
import type { TopicPartition } from "../types.js";
import type { ConsumerProtocolSubscription } from "./types.js";

/** OffsetAndMetadata: the committed position of one partition. */
export interface OffsetAndMetadata {
  /** The next offset to read. */
  offset: number;
  leaderEpoch: number;
  metadata: string;
  commitTimestampMs: number;
}

/** GroupMetadataValue.MemberMetadata */
export interface GroupMetadataMember {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  /** The member's metadata for the selected protocol. */
  subscription: ConsumerProtocolSubscription | null;
  assignment: TopicPartition[];
}

/** GroupMetadataValue: what a new coordinator needs to bring the group back. */
export interface GroupMetadataValue {
  protocolType: string | null;
  generation: number;
  protocol: string | null;
  leader: string | null;
  currentStateTimestampMs: number;
  members: GroupMetadataMember[];
}

export type CoordinatorRecord =
  | { type: "OffsetCommit"; groupId: string; topic: string; partition: number; value: OffsetAndMetadata }
  | { type: "GroupMetadata"; groupId: string; value: GroupMetadataValue };

export function offsetCommitRecord(groupId: string, topic: string, partition: number, value: OffsetAndMetadata): SimRecord {
  return { key: `${groupId}/${topic}/${partition}`, value: `${value.offset} ${value.leaderEpoch} ${value.commitTimestampMs} ${value.metadata}`, timestamp: value.commitTimestampMs };
}

/** An OffsetCommit value as offsetCommitRecord writes it; null for anything else. */
function readOffsetValue(text: string): OffsetAndMetadata | null {
  const m = /^(-?\d+) (-?\d+) (-?\d+) /.exec(text);
  if (!m) return null;
  return { offset: Number(m[1]), leaderEpoch: Number(m[2]), metadata: text.slice(m[0].length), commitTimestampMs: Number(m[3]) };
}

export function groupMetadataRecord(groupId: string, value: GroupMetadataValue, timestampMs: number): SimRecord {
  return { key: groupId, value: JSON.stringify(value), timestamp: timestampMs };
}

/**
 * Reads a record back. The value tells the two kinds apart (a GroupMetadata value is a JSON
 * object with a generation, an OffsetCommit value starts with the offset); an offset key is split from the right, because a group id may contain "/" but a
 * topic name may not. Records of other shapes (not written by a coordinator) are skipped.
 */
export function readCoordinatorRecord(record: SimRecord): CoordinatorRecord | null {
  if (record.key === null || record.value === null) return null;
  if (!record.value.startsWith("{")) {
    const offsetValue = readOffsetValue(record.value);
    return offsetValue === null ? null : readOffsetKey(record.key, offsetValue);
  }
  let value: unknown;
  try {
    value = JSON.parse(record.value);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  if ("generation" in value) return { type: "GroupMetadata", groupId: record.key, value: value as GroupMetadataValue };
  return null;
}

function readOffsetKey(key: string, value: OffsetAndMetadata): CoordinatorRecord | null {
  const partitionAt = key.lastIndexOf("/");
  const topicAt = key.lastIndexOf("/", partitionAt - 1);
  if (partitionAt < 0 || topicAt < 0) return null;
  return { type: "OffsetCommit", groupId: key.slice(0, topicAt), topic: key.slice(topicAt + 1, partitionAt), partition: Number(key.slice(partitionAt + 1)), value };
}
