import { assignStickyPartitions } from "./abstract-sticky-assignor.js";
import { readGroupSubscription, toAssignmentRecord } from "./group-subscription.js";
import type { PartitionAssignor } from "./types.js";

/**
 * Kafka's StickyAssignor ("sticky"), for the eager protocol: every member gives up all its
 * partitions before the rebalance, and the assignment is as balanced as possible while keeping
 * as many partitions as it can where they were. Kafka reads each member's previous partitions and
 * generation from the user data StickyAssignor serializes; here they come from the subscription's
 * ownedPartitions and generationId.
 */
export const stickyAssignor: PartitionAssignor = Object.freeze({
  name: "sticky",
  supportedProtocols: Object.freeze(["EAGER"] as const),
  assign(partitionsPerTopic, subscriptions) {
    const group = readGroupSubscription(partitionsPerTopic, subscriptions);
    return toAssignmentRecord(group, assignStickyPartitions(group).assignment);
  },
} satisfies PartitionAssignor);
