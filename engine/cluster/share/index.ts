/** Share groups (KIP-932), broker side: share-partitions, their manager, and share-group membership. */
export { EMPTY_MEMBER_ID, InFlightState, acknowledgeTypeIds, invalidTransition, isSettled, recordStateFor, type AcknowledgeType, type AcquisitionLock, type RecordState } from "./record-state.js";
export {
  SharePartition,
  type AcknowledgeResult,
  type AcknowledgedRecord,
  type AcquiredRecords,
  type LockScheduler,
  type LockTimeout,
  type OffsetRange,
  type ShareAcknowledgementBatch,
  type SharePartitionOptions,
} from "./share-partition.js";
export { SharePartitionManager } from "./share-partition-manager.js";
export { ShareGroupCoordinator, type ShareGroupMember, type ShareGroupState } from "./share-group-coordinator.js";
export { assignSharePartitions, type ShareMemberSpec } from "./simple-assignor.js";
export { alterShareGroupConfig, shareGroupConfig, shareSettingsFrom, type ShareGroupConfig, type ShareSettings } from "./share-settings.js";
export {
  LEAVE_GROUP_MEMBER_EPOCH,
  type FindCoordinatorResponse,
  type ShareAcknowledgeRequest,
  type ShareAcknowledgeResponse,
  type ShareFetchRequest,
  type ShareFetchResponse,
  type ShareGroupHeartbeatRequest,
  type ShareGroupHeartbeatResponse,
} from "./protocol.js";
