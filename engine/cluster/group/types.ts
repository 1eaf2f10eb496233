/**
 * The group coordinator's requests and responses, by Kafka's field names (JoinGroupRequest,
 * SyncGroupRequest, ...), as plain data: the contract with the consumer client (engine/consumer).
 * Simplification: subscriptions and assignments travel as structured data, not as the
 * ConsumerProtocol bytes Kafka embeds in them.
 */
import type { BrokerId } from "../../kernel/trace.js";
import type { KafkaErrorName } from "../errors.js";
import type { TopicPartition } from "../types.js";

/** JoinGroupRequest.UNKNOWN_MEMBER_ID: a member's id before the coordinator gave it one. */
export const UNKNOWN_MEMBER_ID = "";
/** No generation: a consumer that commits offsets without group membership (assign()). */
export const NO_GENERATION = -1;

export interface FindCoordinatorRequest {
  key: string;
  keyType: "group" | "share";
}

export interface FindCoordinatorResponse {
  error: KafkaErrorName;
  nodeId: BrokerId | -1;
  detail: string;
}

/** The consumer's embedded protocol metadata (ConsumerProtocolSubscription). */
export interface ConsumerProtocolSubscription {
  topics: string[];
  ownedPartitions: TopicPartition[];
  generationId: number;
}

/** One assignor a member offers, in its order of preference (JoinGroupRequestProtocol). */
export interface JoinGroupRequestProtocol {
  name: string;
  metadata: ConsumerProtocolSubscription;
}

export interface JoinGroupRequest {
  groupId: string;
  /** UNKNOWN_MEMBER_ID ("") on the first join. */
  memberId: string;
  /** group.instance.id: set for static members. */
  groupInstanceId: string | null;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: JoinGroupRequestProtocol[];
  reason: string;
  /** client.id, the prefix of the member id the coordinator generates; "consumer" when absent. */
  clientId?: string;
}

export interface JoinGroupResponseMember {
  memberId: string;
  groupInstanceId: string | null;
  metadata: ConsumerProtocolSubscription;
}

export interface JoinGroupResponse {
  error: KafkaErrorName;
  generationId: number;
  protocolName: string | null;
  leader: string;
  memberId: string;
  /** Every member's subscription, for the leader only (it runs the assignor); [] for the others. */
  members: JoinGroupResponseMember[];
  /**
   * KIP-814: a static leader that rejoined a Stable group gets the members but must not compute
   * a new assignment (it just sends SyncGroup). Absent means false.
   */
  skipAssignment?: boolean;
  detail: string;
}

export interface SyncGroupRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  protocolName: string | null;
  /** The leader's assignment per member id; {} from the other members. */
  assignments: Record<string, TopicPartition[]>;
}

export interface SyncGroupResponse {
  error: KafkaErrorName;
  assignment: TopicPartition[];
  detail: string;
}

export interface HeartbeatRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
}

export interface HeartbeatResponse {
  error: KafkaErrorName;
  detail: string;
}

export interface MemberIdentity {
  memberId: string;
  groupInstanceId: string | null;
  reason: string;
}

export interface LeaveGroupRequest {
  groupId: string;
  members: MemberIdentity[];
}

export interface LeaveGroupResponse {
  error: KafkaErrorName;
  /** Per leaving member (Kafka's LeaveGroupResponse.members); absent members answered UNKNOWN_MEMBER_ID. */
  members?: { memberId: string; groupInstanceId: string | null; error: KafkaErrorName }[];
  detail: string;
}

export interface OffsetCommitRequestPartition {
  topic: string;
  partition: number;
  /** The next offset to read. */
  offset: number;
  leaderEpoch: number;
  metadata: string;
}

export interface OffsetCommitRequest {
  groupId: string;
  /** -1 for a consumer using assign() without group membership. */
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  offsets: OffsetCommitRequestPartition[];
}

export interface OffsetCommitResponse {
  error: KafkaErrorName;
  partitions: { topic: string; partition: number; error: KafkaErrorName }[];
  detail: string;
}

export interface OffsetFetchRequest {
  groupId: string;
  /** null: every partition the group has committed. */
  partitions: TopicPartition[] | null;
}

export interface OffsetFetchResponsePartition {
  topic: string;
  partition: number;
  /** -1 when the group has no committed offset for the partition. */
  offset: number;
  leaderEpoch: number;
  metadata: string;
  error: KafkaErrorName;
}

export interface OffsetFetchResponse {
  error: KafkaErrorName;
  partitions: OffsetFetchResponsePartition[];
  detail: string;
}
