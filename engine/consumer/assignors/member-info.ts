import { compareStrings } from "./topic-partition.js";

/**
 * Kafka's AbstractPartitionAssignor.MemberInfo: a member id and, for a static member, its
 * group.instance.id.
 */
export interface MemberInfo {
  readonly memberId: string;
  readonly groupInstanceId: string | undefined;
}

/**
 * Kafka's MemberInfo.compareTo. Static members sort first, by group.instance.id, so a static
 * member keeps its place (and its partitions in range and round robin) when it rejoins under a
 * new member.id; dynamic members follow, by member.id.
 */
export function compareMemberInfo(a: MemberInfo, b: MemberInfo): number {
  if (a.groupInstanceId !== undefined && b.groupInstanceId !== undefined) {
    return compareStrings(a.groupInstanceId, b.groupInstanceId);
  }
  if (a.groupInstanceId !== undefined) return -1;
  if (b.groupInstanceId !== undefined) return 1;
  return compareStrings(a.memberId, b.memberId);
}
