/**
 * Consumer groups on the broker side: the classic group coordinator, __consumer_offsets and the
 * committed offsets.
 */
export { GroupCoordinator } from "./group-coordinator.js";
export { GroupMetadataManager, appendGroupMetadataErrorToResponseError, type GroupMetadataHost } from "./group-metadata-manager.js";
export { OffsetMetadataManager, INVALID_OFFSET } from "./offset-metadata-manager.js";
export { ClassicGroup, NO_LEADER } from "./classic-group.js";
export { ClassicGroupMember } from "./classic-group-member.js";
export { classicGroupStateMachine, loadedGroupSnapshot, type ClassicGroupEvent, type ClassicGroupStateName, type ClassicGroupContext } from "./classic-group-state-machine.js";
export { GROUP_METADATA_TOPIC_NAME, javaStringHashCode, javaUtilsAbs, partitionForGroup } from "./partition-for-group.js";
export { groupCoordinatorConfig, CLASSIC_GROUP_NEW_MEMBER_JOIN_TIMEOUT_MS, type GroupCoordinatorConfig } from "./group-coordinator-config.js";
export { offsetCommitRecord, groupMetadataRecord, readCoordinatorRecord, type OffsetAndMetadata, type GroupMetadataValue, type CoordinatorRecord } from "./coordinator-records.js";
export * from "./types.js";
