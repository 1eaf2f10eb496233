import type { TopicPartition } from "../types.js";
import type { ConsumerProtocolSubscription, JoinGroupRequestProtocol, JoinGroupResponse, SyncGroupResponse } from "./types.js";

/**
 * One member of a classic group (Kafka's ClassicGroupMember): its timeouts, the assignors it
 * offers in order of preference, the assignment the leader gave it, and the JoinGroup or
 * SyncGroup request the coordinator is holding for it (Kafka's awaiting futures).
 */
export class ClassicGroupMember {
  assignment: TopicPartition[] = [];
  /** The parked JoinGroup response callback, while the member waits for the join phase to end. */
  awaitingJoin: ((response: JoinGroupResponse) => void) | null = null;
  /** The parked SyncGroup response callback, while the member waits for the leader's assignment. */
  awaitingSync: ((response: SyncGroupResponse) => void) | null = null;
  /** A member that joined in this rebalance: its session is not yet satisfied by waiting in a join. */
  isNew = false;

  constructor(
    readonly memberId: string,
    readonly groupInstanceId: string | null,
    readonly clientId: string,
    public rebalanceTimeoutMs: number,
    public sessionTimeoutMs: number,
    readonly protocolType: string,
    public supportedProtocols: JoinGroupRequestProtocol[],
  ) {}

  get isStaticMember(): boolean {
    return this.groupInstanceId !== null;
  }

  get isAwaitingJoin(): boolean {
    return this.awaitingJoin !== null;
  }

  get isAwaitingSync(): boolean {
    return this.awaitingSync !== null;
  }

  /** The subscription this member sent for `protocolName`. */
  metadata(protocolName: string): ConsumerProtocolSubscription {
    const protocol = this.supportedProtocols.find((p) => p.name === protocolName);
    if (!protocol) throw new Error(`member ${this.memberId} does not support protocol ${protocolName}`);
    return protocol.metadata;
  }

  /**
   * ClassicGroupMember.hasSatisfiedHeartbeat: a member parked in a join or sync counts as alive,
   * except a new member, whose join may still time out.
   */
  hasSatisfiedHeartbeat(): boolean {
    if (this.isNew) return false;
    return this.isAwaitingJoin || this.isAwaitingSync;
  }

  /** ClassicGroupMember.matches: the same protocols, in the same order, with the same metadata. */
  matches(protocols: readonly JoinGroupRequestProtocol[]): boolean {
    if (protocols.length !== this.supportedProtocols.length) return false;
    return protocols.every((p, i) => p.name === this.supportedProtocols[i].name && sameSubscription(p.metadata, this.supportedProtocols[i].metadata));
  }

  /** ClassicGroupMember.vote: the member's most preferred protocol among the candidates. */
  vote(candidates: ReadonlySet<string>): string {
    for (const protocol of this.supportedProtocols) if (candidates.has(protocol.name)) return protocol.name;
    throw new Error(`member ${this.memberId} supports none of the candidate protocols [${[...candidates].join(", ")}]`);
  }
}

/** Byte equality of Kafka's serialized subscriptions, on the structured form. */
function sameSubscription(a: ConsumerProtocolSubscription, b: ConsumerProtocolSubscription): boolean {
  return (
    a.generationId === b.generationId &&
    a.topics.length === b.topics.length &&
    a.topics.every((t, i) => t === b.topics[i]) &&
    a.ownedPartitions.length === b.ownedPartitions.length &&
    a.ownedPartitions.every((tp, i) => tp.topic === b.ownedPartitions[i].topic && tp.partition === b.ownedPartitions[i].partition)
  );
}
