import { Cluster, GROUP_METADATA_TOPIC_NAME, type TraceEvent } from "../../../../engine/index.js";
import type { Broker } from "../../../../engine/cluster/broker.js";
import { request, type Endpoint } from "../../../../engine/cluster/rpc.js";
import { brokerNodeId } from "../../../../engine/cluster/types.js";
import type {
  FindCoordinatorResponse,
  HeartbeatResponse,
  JoinGroupRequest,
  JoinGroupResponse,
  LeaveGroupResponse,
  OffsetCommitRequest,
  OffsetCommitResponse,
  OffsetFetchResponse,
  SyncGroupResponse,
} from "../../../../engine/cluster/group/types.js";
import type { TopicPartition } from "../../../../engine/cluster/types.js";

/** A box a response lands in once the simulated network delivers it. */
export interface Reply<T> {
  value: T | undefined;
  error: string | undefined;
}

export const GROUP = "orders-app";

export function groupCluster(brokerConfig: Record<string, unknown> = {}, brokers = 3): Cluster {
  const cluster = new Cluster({ seed: 7, brokers, brokerConfig: { "offsets.topic.num.partitions": 3, ...brokerConfig } });
  cluster.seedTopic({ name: "orders", partitions: 4, replicationFactor: Math.min(3, brokers) });
  cluster.start();
  cluster.runUntil(3_000);
  return cluster;
}

export const ofType = <K extends TraceEvent["type"]>(cluster: Cluster, type: K) =>
  cluster.trace.events.filter((e): e is Extract<TraceEvent, { type: K }> => e.type === type);

/** A minimal client: it sends group requests with request() and keeps the answers. */
export class TestClient implements Endpoint {
  readonly nodeId: string;
  readonly incarnation = 0;
  memberId = "";
  generationId = -1;
  coordinator = 1;

  constructor(
    private readonly cluster: Cluster,
    readonly name: string,
    readonly options: { sessionTimeoutMs?: number; rebalanceTimeoutMs?: number; groupInstanceId?: string | null; protocols?: string[] } = {},
  ) {
    this.nodeId = name;
  }

  isCurrent(): boolean {
    return true;
  }

  send<T>(kind: string, serve: (broker: Broker, respond: (r: T) => void) => void, to = this.coordinator): Reply<T> {
    const reply: Reply<T> = { value: undefined, error: undefined };
    request<T>(
      this.cluster.sim,
      this.cluster.net,
      this,
      brokerNodeId(to),
      kind,
      (respond) => serve(this.cluster.broker(to)!, respond),
      (outcome) => {
        if (outcome.ok) reply.value = outcome.response;
        else reply.error = outcome.error;
      },
      60_000,
    );
    return reply;
  }

  /** FindCoordinator until it answers (the first one creates __consumer_offsets). */
  findCoordinator(via = 1, groupId = GROUP): number {
    for (let attempt = 0; attempt < 40; attempt++) {
      const r = this.send<FindCoordinatorResponse>("FindCoordinator", (b, respond) => b.groupCoordinator.handleFindCoordinator({ key: groupId, keyType: "group" }, respond), via);
      this.cluster.runUntil(this.cluster.sim.nowMs + 250);
      if (r.value?.error === "NONE") return (this.coordinator = r.value.nodeId as number);
    }
    throw new Error(`no coordinator found for ${groupId}`);
  }

  joinRequest(overrides: Partial<JoinGroupRequest> = {}): JoinGroupRequest {
    return {
      groupId: GROUP,
      memberId: this.memberId,
      groupInstanceId: this.options.groupInstanceId ?? null,
      sessionTimeoutMs: this.options.sessionTimeoutMs ?? 45_000,
      rebalanceTimeoutMs: this.options.rebalanceTimeoutMs ?? 300_000,
      protocolType: "consumer",
      protocols: (this.options.protocols ?? ["range"]).map((name) => ({ name, metadata: { topics: ["orders"], ownedPartitions: [], generationId: this.generationId } })),
      reason: "",
      clientId: this.name,
      ...overrides,
    };
  }

  /** JoinGroup as a consumer does it: a dynamic member learns its id first (MEMBER_ID_REQUIRED), then joins with it. */
  join(overrides: Partial<JoinGroupRequest> = {}): Reply<JoinGroupResponse> {
    const reply: Reply<JoinGroupResponse> = { value: undefined, error: undefined };
    const send = () => {
      const r = this.send<JoinGroupResponse>("JoinGroup", (b, respond) => b.groupCoordinator.handleJoinGroup(this.joinRequest(overrides), respond));
      const poll = () => {
        if (r.value === undefined && r.error === undefined) return void this.cluster.sim.schedule(1, poll);
        if (r.value?.error === "MEMBER_ID_REQUIRED") {
          this.memberId = r.value.memberId;
          return send();
        }
        if (r.value?.error === "NONE") {
          this.memberId = r.value.memberId;
          this.generationId = r.value.generationId;
        }
        Object.assign(reply, r);
      };
      poll();
    };
    send();
    return reply;
  }

  sync(assignments: Record<string, TopicPartition[]> = {}): Reply<SyncGroupResponse> {
    const req = { groupId: GROUP, generationId: this.generationId, memberId: this.memberId, groupInstanceId: this.options.groupInstanceId ?? null, protocolName: null, assignments };
    return this.send<SyncGroupResponse>("SyncGroup", (b, respond) => b.groupCoordinator.handleSyncGroup(req, respond));
  }

  heartbeat(): Reply<HeartbeatResponse> {
    const req = { groupId: GROUP, generationId: this.generationId, memberId: this.memberId, groupInstanceId: this.options.groupInstanceId ?? null };
    return this.send<HeartbeatResponse>("Heartbeat", (b, respond) => b.groupCoordinator.handleHeartbeat(req, respond));
  }

  leave(): Reply<LeaveGroupResponse> {
    const req = { groupId: GROUP, members: [{ memberId: this.memberId, groupInstanceId: this.options.groupInstanceId ?? null, reason: "closing" }] };
    return this.send<LeaveGroupResponse>("LeaveGroup", (b, respond) => b.groupCoordinator.handleLeaveGroup(req, respond));
  }

  commit(offsets: { topic: string; partition: number; offset: number }[], overrides: Partial<OffsetCommitRequest> = {}): Reply<OffsetCommitResponse> {
    const req: OffsetCommitRequest = {
      groupId: GROUP,
      generationId: this.generationId,
      memberId: this.memberId,
      groupInstanceId: this.options.groupInstanceId ?? null,
      offsets: offsets.map((o) => ({ ...o, leaderEpoch: 0, metadata: "" })),
      ...overrides,
    };
    return this.send<OffsetCommitResponse>("OffsetCommit", (b, respond) => b.groupCoordinator.handleOffsetCommit(req, respond));
  }

  fetchOffsets(partitions: TopicPartition[] | null): Reply<OffsetFetchResponse> {
    return this.send<OffsetFetchResponse>("OffsetFetch", (b, respond) => b.groupCoordinator.handleOffsetFetch({ groupId: GROUP, partitions }, respond));
  }
}

export { GROUP_METADATA_TOPIC_NAME };
