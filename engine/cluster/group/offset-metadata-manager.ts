import { tpKey, type TopicPartition } from "../types.js";
import type { OffsetAndMetadata } from "./coordinator-records.js";
import type { OffsetFetchResponsePartition } from "./types.js";

/** OffsetFetchResponse.INVALID_OFFSET: no committed offset. */
export const INVALID_OFFSET = -1;

/**
 * The committed offsets of the groups this coordinator serves (Kafka's OffsetMetadataManager,
 * reduced to its cache). An offset enters the cache only once its OffsetCommit record is
 * replicated (the coordinator calls `replay` from the append's completion), or when a new
 * coordinator replays the partition's log.
 */
export class OffsetMetadataManager {
  /** group id -> "topic-partition" -> committed offset, in commit order. */
  private readonly offsets = new Map<string, Map<string, { topic: string; partition: number; value: OffsetAndMetadata }>>();

  replay(groupId: string, topic: string, partition: number, value: OffsetAndMetadata): void {
    let byPartition = this.offsets.get(groupId);
    if (!byPartition) this.offsets.set(groupId, (byPartition = new Map()));
    byPartition.set(tpKey(topic, partition), { topic, partition, value });
  }

  committed(groupId: string, topic: string, partition: number): OffsetAndMetadata | undefined {
    return this.offsets.get(groupId)?.get(tpKey(topic, partition))?.value;
  }

  hasOffsets(groupId: string): boolean {
    return (this.offsets.get(groupId)?.size ?? 0) > 0;
  }

  /**
   * OffsetMetadataManager.fetchOffsets / fetchAllOffsets: the requested partitions (INVALID_OFFSET
   * for those without a commit), or every committed partition of the group when `partitions` is null.
   */
  fetchOffsets(groupId: string, partitions: readonly TopicPartition[] | null): OffsetFetchResponsePartition[] {
    const byPartition = this.offsets.get(groupId);
    if (partitions === null) {
      return [...(byPartition?.values() ?? [])].map(({ topic, partition, value }) => ({
        topic,
        partition,
        offset: value.offset,
        leaderEpoch: value.leaderEpoch,
        metadata: value.metadata,
        error: "NONE",
      }));
    }
    return partitions.map(({ topic, partition }) => {
      const value = byPartition?.get(tpKey(topic, partition))?.value;
      return value
        ? { topic, partition, offset: value.offset, leaderEpoch: value.leaderEpoch, metadata: value.metadata, error: "NONE" }
        : { topic, partition, offset: INVALID_OFFSET, leaderEpoch: -1, metadata: "", error: "NONE" };
    });
  }

  /** The coordinator lost the group's partition: its offsets go with it. */
  removeGroup(groupId: string): void {
    this.offsets.delete(groupId);
  }

  groupIds(): string[] {
    return [...this.offsets.keys()];
  }

  clear(): void {
    this.offsets.clear();
  }
}
