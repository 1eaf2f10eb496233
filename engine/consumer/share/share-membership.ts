import type { KafkaErrorName } from "../../cluster/errors.js";
import type { FindCoordinatorResponse, ShareGroupHeartbeatResponse } from "../../cluster/share/protocol.js";
import { LEAVE_GROUP_MEMBER_EPOCH } from "../../cluster/share/protocol.js";
import type { TopicPartition } from "../../cluster/types.js";
import type { BrokerId } from "../../kernel/trace.js";
import type { ShareClient } from "./share-client.js";

/**
 * The share consumer's group membership (Kafka's ShareMembershipManager and
 * ShareHeartbeatRequestManager): find the coordinator, join with epoch 0, heartbeat every
 * group.share.heartbeat.interval.ms (the coordinator says how often), take the assignment each
 * response carries, rejoin with epoch 0 when fenced or forgotten, leave with epoch -1.
 */
export class ShareMembership {
  memberEpoch = 0;
  assignment: TopicPartition[] = [];
  coordinator: BrokerId | null = null;
  private subscription: string[] = [];
  private subscriptionSent = false;
  private running = false;
  private heartbeatInFlight = false;

  constructor(
    private readonly client: ShareClient,
    readonly groupId: string,
    readonly memberId: string,
    private readonly onAssignment: (assignment: readonly TopicPartition[]) => void,
  ) {}

  /** Starts (or updates) the subscription and the heartbeat loop. */
  subscribe(topics: readonly string[]): void {
    this.subscription = [...new Set(topics)].sort();
    this.subscriptionSent = false;
    if (!this.running) {
      this.running = true;
      this.heartbeat();
    }
  }

  /** Leaves the group (ShareGroupHeartbeat with epoch -1), then calls `onDone` whatever happens. */
  leave(onDone: () => void): void {
    this.running = false;
    const coordinator = this.coordinator;
    if (coordinator === null || this.memberEpoch === 0) return onDone();
    this.client.send<ShareGroupHeartbeatResponse>(
      coordinator,
      "ShareGroupHeartbeat",
      (respond) => this.shareCoordinatorOf(coordinator, respond, { memberEpoch: LEAVE_GROUP_MEMBER_EPOCH, subscribedTopicNames: null }),
      () => onDone(),
    );
  }

  private heartbeat(): void {
    if (!this.running || this.heartbeatInFlight) return;
    if (this.coordinator === null) return this.findCoordinator();
    const coordinator = this.coordinator;
    const subscribedTopicNames = this.memberEpoch === 0 || !this.subscriptionSent ? this.subscription : null;
    this.heartbeatInFlight = true;
    this.client.send<ShareGroupHeartbeatResponse>(
      coordinator,
      "ShareGroupHeartbeat",
      (respond) => this.shareCoordinatorOf(coordinator, respond, { memberEpoch: this.memberEpoch, subscribedTopicNames }),
      (outcome) => {
        this.heartbeatInFlight = false;
        if (!this.running) return;
        if (!outcome.ok) return this.coordinatorUnavailable(outcome.error);
        const response = outcome.response;
        if (response.error === "NONE") {
          this.memberEpoch = response.memberEpoch;
          if (subscribedTopicNames !== null) this.subscriptionSent = true;
          if (response.assignment) this.updateAssignment(response.assignment);
          this.client.after(response.heartbeatIntervalMs, () => this.heartbeat());
          return;
        }
        if (response.error === "UNKNOWN_MEMBER_ID" || response.error === "FENCED_MEMBER_EPOCH") {
          // The member lost its place: drop the assignment and join again at once with epoch 0.
          this.memberEpoch = 0;
          this.updateAssignment([]);
          return this.heartbeat();
        }
        this.coordinatorUnavailable(response.error);
      },
    );
  }

  private coordinatorUnavailable(_error: KafkaErrorName | "REQUEST_TIMED_OUT" | "NETWORK_EXCEPTION"): void {
    this.coordinator = null;
    this.client.after(this.client.retryBackoffMs, () => this.heartbeat());
  }

  private findCoordinator(): void {
    const target = this.client.anyBroker();
    this.heartbeatInFlight = true;
    this.client.send<FindCoordinatorResponse>(
      target,
      "FindCoordinator",
      (respond) => {
        const broker = this.client.cluster.broker(target);
        if (!broker) return respond({ error: "COORDINATOR_NOT_AVAILABLE", nodeId: -1, detail: "no such broker" });
        broker.shareCoordinator.handleFindCoordinator(this.groupId, respond);
      },
      (outcome) => {
        this.heartbeatInFlight = false;
        if (!this.running) return;
        if (outcome.ok && outcome.response.error === "NONE" && outcome.response.nodeId >= 0) {
          this.coordinator = outcome.response.nodeId;
          return this.heartbeat();
        }
        this.client.after(this.client.retryBackoffMs, () => this.heartbeat());
      },
    );
  }

  private shareCoordinatorOf(
    coordinator: BrokerId,
    respond: (response: ShareGroupHeartbeatResponse) => void,
    fields: { memberEpoch: number; subscribedTopicNames: readonly string[] | null },
  ): void {
    const broker = this.client.cluster.broker(coordinator);
    if (!broker) return;
    broker.shareCoordinator.handleShareGroupHeartbeat({ groupId: this.groupId, memberId: this.memberId, ...fields }, respond);
  }

  private updateAssignment(assignment: readonly TopicPartition[]): void {
    const key = (tps: readonly TopicPartition[]) => tps.map((tp) => `${tp.topic}-${tp.partition}`).sort().join(",");
    if (key(assignment) === key(this.assignment)) return;
    this.assignment = assignment.map((tp) => ({ ...tp }));
    this.onAssignment(this.assignment);
  }
}
