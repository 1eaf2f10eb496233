import { prngFor, type Prng } from "../../kernel/prng.js";
import type { Broker } from "../broker.js";
import { KafkaError, type KafkaErrorName } from "../errors.js";
import { utf8Length, type SimRecord } from "../log/index.js";
import type { Partition } from "../partition.js";
import { request } from "../rpc.js";
import { brokerNodeId, tpKey } from "../types.js";
import { CoordinatorTimer } from "./coordinator-timer.js";
import { offsetCommitRecord, readCoordinatorRecord, type GroupMetadataValue } from "./coordinator-records.js";
import { groupCoordinatorConfig, type GroupCoordinatorConfig } from "./group-coordinator-config.js";
import { appendGroupMetadataErrorToResponseError, GroupMetadataManager } from "./group-metadata-manager.js";
import { OffsetMetadataManager } from "./offset-metadata-manager.js";
import { newMemberId } from "./member-id.js";
import { GROUP_METADATA_TOPIC_NAME, partitionForGroup } from "./partition-for-group.js";
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
} from "./types.js";

/**
 * The group coordinator of one broker (Kafka's GroupCoordinatorService with its shards): it
 * serves the groups whose __consumer_offsets partition this broker leads. It takes a partition
 * over when the broker becomes its leader (replaying the partition's log: group metadata and
 * committed offsets) and drops its groups when the broker stops leading it. Every write
 * (a generation, an assignment, a commit) is an acks=all append to that partition, so it
 * survives the leader's crash and the next leader's coordinator finds it.
 *
 * Simplification: loading a partition happens at once when the broker becomes its leader, so
 * COORDINATOR_LOAD_IN_PROGRESS is never answered; Kafka loads on a background thread.
 * Simplification: records above the high watermark are replayed too (Kafka keeps them in an
 * uncommitted timeline snapshot until the high watermark passes them).
 */
export class GroupCoordinator {
  readonly config: GroupCoordinatorConfig;
  readonly groupManager: GroupMetadataManager;
  readonly offsetManager = new OffsetMetadataManager();
  private readonly timer: CoordinatorTimer;
  /** __consumer_offsets partitions this broker leads and has loaded. */
  private readonly ownedPartitions = new Set<number>();
  private creatingOffsetsTopic = false;
  /** Member ids are `prefix-UUID`; the UUIDs come from the run's seed. */
  private readonly prng: Prng;
  /** FindCoordinator with keyType "share" is answered by the share coordinator when one is installed. */
  shareCoordinatorLookup: ((request: FindCoordinatorRequest, respond: (response: FindCoordinatorResponse) => void) => void) | null = null;

  constructor(private readonly broker: Broker) {
    this.config = groupCoordinatorConfig(broker.runtime.brokerConfig);
    this.prng = prngFor(broker.runtime.options?.seed ?? 0, `group-coordinator-${broker.id}`);
    this.timer = new CoordinatorTimer((delayMs, action) => broker.after(delayMs, action));
    this.groupManager = new GroupMetadataManager({
      brokerId: broker.id,
      config: this.config,
      timer: this.timer,
      nowMs: () => broker.nowMs,
      emit: (event) => broker.runtime.trace.emit(event),
      newMemberId: (prefix) => newMemberId(prefix, this.prng),
      appendRecords: (groupId, records, onComplete) => this.appendRecords(groupId, records, onComplete),
    });
  }

  /** GroupCoordinatorService.partitionFor */
  partitionFor(groupId: string): number {
    return partitionForGroup(groupId, this.config.offsetsTopicNumPartitions);
  }

  /** Whether this broker coordinates `groupId` right now. */
  isCoordinatorFor(groupId: string): boolean {
    return this.ownedPartitions.has(this.partitionFor(groupId));
  }

  // ---- FindCoordinator --------------------------------------------------------------------

  /**
   * KafkaApis.getCoordinator: the leader of the group's __consumer_offsets partition, as this
   * broker's metadata cache knows it. The first FindCoordinator of the cluster finds no such
   * topic: it asks the controller to create it (internal topic auto-creation) and answers
   * COORDINATOR_NOT_AVAILABLE, so the client retries.
   */
  handleFindCoordinator(req: FindCoordinatorRequest, respond: (response: FindCoordinatorResponse) => void): void {
    if (req.keyType === "share") {
      if (this.shareCoordinatorLookup) return this.shareCoordinatorLookup(req, respond);
      return respond({ error: "COORDINATOR_NOT_AVAILABLE", nodeId: -1, detail: "no share coordinator is running on this broker" });
    }
    const metadata = this.broker.metadata;
    if (metadata.partitionCount(GROUP_METADATA_TOPIC_NAME) === 0) {
      return respond({ error: "COORDINATOR_NOT_AVAILABLE", nodeId: -1, detail: this.maybeCreateOffsetsTopic() });
    }
    const partition = this.partitionFor(req.key);
    const leader = metadata.partitions.get(tpKey(GROUP_METADATA_TOPIC_NAME, partition))?.leader ?? null;
    if (leader === null || !metadata.aliveBrokers.has(leader)) {
      return respond({ error: "COORDINATOR_NOT_AVAILABLE", nodeId: -1, detail: `${GROUP_METADATA_TOPIC_NAME}-${partition} has no live leader` });
    }
    respond({ error: "NONE", nodeId: leader, detail: "" });
  }

  /** AutoTopicCreationManager for __consumer_offsets; returns why there is no coordinator yet. */
  private maybeCreateOffsetsTopic(): string {
    const { offsetsTopicNumPartitions: partitions, offsetsTopicReplicationFactor: rf } = this.config;
    const alive = this.broker.metadata.aliveBrokers.size;
    if (alive < rf) {
      return (
        `Number of alive brokers '${alive}' does not meet the required replication factor '${rf}' for the offsets topic ` +
        `(configured via 'offsets.topic.replication.factor'). This error can be ignored if the cluster is starting up and not all brokers are up yet.`
      );
    }
    const controllerId = this.broker.metadata.controllerId;
    if (controllerId === null) return `${GROUP_METADATA_TOPIC_NAME} does not exist yet and no controller is known to create it`;
    if (this.creatingOffsetsTopic) return `${GROUP_METADATA_TOPIC_NAME} is being created`;
    this.creatingOffsetsTopic = true;
    const rt = this.broker.runtime;
    // Simplification: the topic gets the broker's default topic configs; Kafka gives it
    // cleanup.policy=compact and segment.bytes=offsets.topic.segment.bytes (compaction is not modelled).
    request<{ error: KafkaErrorName; detail: string }>(
      rt.sim,
      rt.net,
      this.broker,
      brokerNodeId(controllerId),
      "CreateTopics",
      (reply) => {
        const controller = rt.broker(controllerId)?.controller;
        if (!controller) return reply({ error: "NOT_CONTROLLER", detail: `broker ${controllerId} is not the controller` });
        try {
          controller.createTopic(GROUP_METADATA_TOPIC_NAME, partitions, rf);
          reply({ error: "NONE", detail: "" });
        } catch (e) {
          if (!(e instanceof KafkaError)) throw e;
          reply({ error: e.errorName, detail: e.message });
        }
      },
      () => {
        this.creatingOffsetsTopic = false;
      },
      rt.settings.controllerSocketTimeoutMs,
    );
    return `${GROUP_METADATA_TOPIC_NAME} does not exist yet: asked the controller to create it (${partitions} partitions, replication factor ${rf})`;
  }

  // ---- Group requests ---------------------------------------------------------------------

  /** The checks every group request passes first: a group id, and this broker coordinating it. */
  private validateGroupStatus(groupId: string, requireGroupId: boolean): { error: KafkaErrorName; detail: string } | null {
    if (requireGroupId && groupId === "") return { error: "INVALID_GROUP_ID", detail: `group id "" is not allowed: group.id must be a non-empty string` };
    if (!this.isCoordinatorFor(groupId)) {
      const partition = this.partitionFor(groupId);
      return { error: "NOT_COORDINATOR", detail: `broker ${this.broker.id} does not lead ${GROUP_METADATA_TOPIC_NAME}-${partition}, which holds group ${groupId}` };
    }
    return null;
  }

  handleJoinGroup(req: JoinGroupRequest, respond: (response: JoinGroupResponse) => void): void {
    const fail = (error: KafkaErrorName, detail: string) => respond({ error, generationId: -1, protocolName: null, leader: "", memberId: req.memberId, members: [], detail });
    if (req.groupId === "") return fail("INVALID_GROUP_ID", `group id "" is not allowed: group.id must be a non-empty string`);
    const { minSessionTimeoutMs: min, maxSessionTimeoutMs: max } = this.config;
    if (req.sessionTimeoutMs < min || req.sessionTimeoutMs > max) {
      return fail(
        "INVALID_SESSION_TIMEOUT",
        `session.timeout.ms ${req.sessionTimeoutMs} is outside [${min}, ${max}] (group.min.session.timeout.ms, group.max.session.timeout.ms)`,
      );
    }
    const invalid = this.validateGroupStatus(req.groupId, true);
    if (invalid) return fail(invalid.error, invalid.detail);
    this.groupManager.classicGroupJoin(req, respond);
  }

  handleSyncGroup(req: SyncGroupRequest, respond: (response: SyncGroupResponse) => void): void {
    const invalid = this.validateGroupStatus(req.groupId, true);
    if (invalid) return respond({ error: invalid.error, assignment: [], detail: invalid.detail });
    this.groupManager.classicGroupSync(req, respond);
  }

  handleHeartbeat(req: HeartbeatRequest, respond: (response: HeartbeatResponse) => void): void {
    const invalid = this.validateGroupStatus(req.groupId, true);
    respond(invalid ?? this.groupManager.classicGroupHeartbeat(req));
  }

  handleLeaveGroup(req: LeaveGroupRequest, respond: (response: LeaveGroupResponse) => void): void {
    const invalid = this.validateGroupStatus(req.groupId, true);
    respond(invalid ?? this.groupManager.classicGroupLeave(req));
  }

  /**
   * OffsetMetadataManager.commitOffset: validate the member and generation, then append one
   * OffsetCommit record per partition with acks=all. The committed offsets change (and the
   * commit is answered) only once the records are replicated.
   */
  handleOffsetCommit(req: OffsetCommitRequest, respond: (response: OffsetCommitResponse) => void): void {
    const failAll = (error: KafkaErrorName, detail: string) =>
      respond({ error, partitions: req.offsets.map(({ topic, partition }) => ({ topic, partition, error })), detail });
    const invalid = this.validateGroupStatus(req.groupId, false);
    if (invalid) return failAll(invalid.error, invalid.detail);
    let group = this.groupManager.groups.get(req.groupId);
    if (!group) {
      if (req.generationId >= 0) return failAll("GROUP_ID_NOT_FOUND", `group ${req.groupId} does not exist, yet the commit names generation ${req.generationId}`);
      group = this.groupManager.getOrMaybeCreateGroup(req.groupId, true, "created by an OffsetCommit without group membership (a simple consumer group)")!;
    }
    const error = group.validateOffsetCommit(req.memberId, req.groupInstanceId, req.generationId);
    if (error) return failAll(error, `commit refused for member ${req.memberId || "(none)"} at generation ${req.generationId}: group ${group.groupId} is ${group.state} at generation ${group.generationId}`);
    // With the classic protocol an offset commit also keeps the member's session alive.
    const member = group.member(req.memberId);
    if (req.generationId >= 0 && member && (group.is("Stable") || group.is("PreparingRebalance"))) this.groupManager.rescheduleHeartbeat(group, member);

    const now = this.broker.nowMs;
    const results = req.offsets.map(({ topic, partition, metadata }) => ({
      topic,
      partition,
      error: (utf8Length(metadata ?? "") > this.config.offsetMetadataMaxBytes ? "OFFSET_METADATA_TOO_LARGE" : "NONE") as KafkaErrorName,
    }));
    const toWrite = req.offsets.filter((_, i) => results[i].error === "NONE");
    const values = toWrite.map((o) => ({ offset: o.offset, leaderEpoch: o.leaderEpoch, metadata: o.metadata ?? "", commitTimestampMs: now }));
    const finish = (detail: string) => {
      for (const [i, o] of req.offsets.entries()) {
        this.broker.runtime.trace.emit({ t: this.broker.nowMs, type: "offset.commit", group: req.groupId, topic: o.topic, partition: o.partition, offset: o.offset, member: req.memberId, result: results[i].error });
      }
      respond({ error: "NONE", partitions: results, detail });
    };
    if (toWrite.length === 0) return finish(`metadata longer than offset.metadata.max.bytes (${this.config.offsetMetadataMaxBytes})`);
    const records = toWrite.map((o, i) => offsetCommitRecord(req.groupId, o.topic, o.partition, values[i]));
    this.appendRecords(req.groupId, records, (appendError, detail) => {
      const mapped = appendGroupMetadataErrorToResponseError(appendError);
      if (mapped === "NONE" && this.isCoordinatorFor(req.groupId)) {
        toWrite.forEach((o, i) => this.offsetManager.replay(req.groupId, o.topic, o.partition, values[i]));
      }
      for (const r of results) if (r.error === "NONE") r.error = mapped;
      finish(mapped === "NONE" ? "" : `writing to ${GROUP_METADATA_TOPIC_NAME}-${this.partitionFor(req.groupId)} failed with ${appendError}: ${detail}`);
    });
  }

  handleOffsetFetch(req: OffsetFetchRequest, respond: (response: OffsetFetchResponse) => void): void {
    const invalid = this.validateGroupStatus(req.groupId, false);
    if (invalid) return respond({ error: invalid.error, partitions: [], detail: invalid.detail });
    if (this.groupManager.groups.get(req.groupId)?.is("Dead")) {
      return respond({ error: "GROUP_ID_NOT_FOUND", partitions: [], detail: `group ${req.groupId} is Dead` });
    }
    respond({ error: "NONE", partitions: this.offsetManager.fetchOffsets(req.groupId, req.partitions), detail: "" });
  }

  // ---- Leadership of __consumer_offsets partitions ----------------------------------------

  /** ReplicaManager's onLeadershipChange callback (KafkaApis wires it to the coordinators). */
  onLeadershipChange(updatedLeaders: readonly Partition[], updatedFollowers: readonly Partition[]): void {
    for (const p of updatedLeaders) if (p.topic === GROUP_METADATA_TOPIC_NAME) this.onElection(p);
    for (const p of updatedFollowers) {
      if (p.topic === GROUP_METADATA_TOPIC_NAME) this.onResignation(p.partition, `broker ${this.broker.id} is no longer the leader of ${tpKey(p.topic, p.partition)}`);
    }
  }

  /** The broker now leads this offsets partition: replay its log into groups and offsets. */
  private onElection(p: Partition): void {
    if (this.ownedPartitions.has(p.partition)) return;
    const previousLeader = this.broker.metadata.partitions.get(tpKey(p.topic, p.partition))?.leader ?? null;
    this.ownedPartitions.add(p.partition);
    const groupValues = new Map<string, GroupMetadataValue | null>();
    for (const segment of p.log.segments) {
      for (const batch of segment.batches) {
        for (const record of batch.records) {
          const read = readCoordinatorRecord(record);
          if (!read) continue;
          if (read.type === "GroupMetadata") groupValues.set(read.groupId, read.value);
          else {
            this.offsetManager.replay(read.groupId, read.topic, read.partition, read.value);
            if (!groupValues.has(read.groupId)) groupValues.set(read.groupId, null);
          }
        }
      }
    }
    const reason = `loaded from ${tpKey(p.topic, p.partition)}`;
    for (const [groupId, value] of groupValues) {
      this.groupManager.unloadGroup(groupId, "reloaded");
      if (value) this.groupManager.loadGroup(groupId, value, reason);
      else this.groupManager.getOrMaybeCreateGroup(groupId, true, reason);
      this.broker.runtime.trace.emit({ t: this.broker.nowMs, type: "coordinator.moved", group: groupId, from: previousLeader === this.broker.id ? null : previousLeader, to: this.broker.id });
    }
  }

  /** The broker stopped leading this offsets partition: its groups now belong to another coordinator. */
  private onResignation(partition: number, reason: string): void {
    if (!this.ownedPartitions.delete(partition)) return;
    const groupIds = new Set([...this.groupManager.groups.keys(), ...this.offsetManager.groupIds()]);
    for (const groupId of groupIds) {
      if (this.partitionFor(groupId) !== partition) continue;
      this.groupManager.unloadGroup(groupId, reason);
      this.offsetManager.removeGroup(groupId);
    }
  }

  /** A crash loses the coordinator's memory; the partitions' logs keep everything it wrote. */
  shutdownOnCrash(): void {
    this.timer.clear();
    this.groupManager.groups.clear();
    this.offsetManager.clear();
    this.ownedPartitions.clear();
    this.creatingOffsetsTopic = false;
  }

  // ---- Writes ------------------------------------------------------------------------------

  /** CoordinatorPartitionWriter: an acks=all append to the group's partition, through the leader's ReplicaManager. */
  private appendRecords(groupId: string, records: SimRecord[], onComplete: (error: KafkaErrorName, detail: string) => void): void {
    const partition = this.partitionFor(groupId);
    if (!this.ownedPartitions.has(partition)) {
      return onComplete("NOT_LEADER_OR_FOLLOWER", `broker ${this.broker.id} does not lead ${GROUP_METADATA_TOPIC_NAME}-${partition}`);
    }
    this.broker.replicaManager.handleProduce(
      GROUP_METADATA_TOPIC_NAME,
      partition,
      records,
      "all",
      this.config.offsetCommitTimeoutMs,
      { producerId: -1, producerEpoch: -1, baseSequence: -1 },
      (response) => onComplete(response.error, response.detail),
    );
  }

}
