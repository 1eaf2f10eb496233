/**
 * The broker handlers the consumer calls, as the group contract names them
 * (engine/cluster/group/types.ts): the GroupCoordinator's group and offset requests, and the
 * ReplicaManager's ListOffsets. Reached through one accessor each so the client does not
 * depend on how the broker stores them.
 */
import type { Broker } from "../cluster/broker.js";
import type { KafkaErrorName } from "../cluster/errors.js";
import type {
  FindCoordinatorRequest,
  FindCoordinatorResponse,
  HeartbeatRequest,
  HeartbeatResponse,
  JoinGroupRequest,
  JoinGroupResponse,
  LeaveGroupRequest,
  LeaveGroupResponse,
  OffsetCommitRequest,
  OffsetCommitResponse,
  OffsetFetchRequest,
  OffsetFetchResponse,
  SyncGroupRequest,
  SyncGroupResponse,
} from "../cluster/group/types.js";

export interface GroupCoordinatorApi {
  handleFindCoordinator(request: FindCoordinatorRequest, respond: (response: FindCoordinatorResponse) => void): void;
  handleJoinGroup(request: JoinGroupRequest, respond: (response: JoinGroupResponse) => void): void;
  handleSyncGroup(request: SyncGroupRequest, respond: (response: SyncGroupResponse) => void): void;
  handleHeartbeat(request: HeartbeatRequest, respond: (response: HeartbeatResponse) => void): void;
  handleLeaveGroup(request: LeaveGroupRequest, respond: (response: LeaveGroupResponse) => void): void;
  handleOffsetCommit(request: OffsetCommitRequest, respond: (response: OffsetCommitResponse) => void): void;
  handleOffsetFetch(request: OffsetFetchRequest, respond: (response: OffsetFetchResponse) => void): void;
}

/** ListOffsetsRequest.EARLIEST_TIMESTAMP */
export const EARLIEST_TIMESTAMP = -2;
/** ListOffsetsRequest.LATEST_TIMESTAMP */
export const LATEST_TIMESTAMP = -1;

export interface ListOffsetsRequest {
  topic: string;
  partition: number;
  /** EARLIEST_TIMESTAMP (-2), LATEST_TIMESTAMP (-1), or the first offset whose timestamp is >= this. */
  timestamp: number;
  isolationLevel: "read_uncommitted" | "read_committed";
}

export interface ListOffsetsResponse {
  error: KafkaErrorName;
  /** -1 when no record has a timestamp >= the one asked for. */
  offset: number;
  timestamp: number;
  leaderEpoch: number;
  detail: string;
}

interface ListOffsetsHandler {
  handleListOffsets(request: ListOffsetsRequest, respond: (response: ListOffsetsResponse) => void): void;
}

/** The broker's GroupCoordinator, or undefined while the broker has none. */
export function groupCoordinatorOf(broker: Broker | undefined): GroupCoordinatorApi | undefined {
  return broker?.groupCoordinator;
}

/** The broker's ListOffsets handler (on its ReplicaManager). */
export function listOffsetsHandlerOf(broker: Broker | undefined): ListOffsetsHandler | undefined {
  return broker?.replicaManager;
}
