/**
 * Kafka's consumer partition assignors (curriculum topic G-ASSIGN): range, round robin, sticky
 * and cooperative sticky, ported from apache/kafka's clients, with Kafka's protocol names.
 */
import { cooperativeStickyAssignor } from "./cooperative-sticky-assignor.js";
import { rangeAssignor } from "./range-assignor.js";
import type { PartitionAssignor } from "./types.js";

export type { PartitionAssignor, RebalanceProtocol, Subscription, TopicPartition } from "./types.js";
export { rangeAssignor } from "./range-assignor.js";
export { roundRobinAssignor } from "./round-robin-assignor.js";
export { stickyAssignor } from "./sticky-assignor.js";
export { cooperativeStickyAssignor } from "./cooperative-sticky-assignor.js";

/** Kafka 4's default partition.assignment.strategy: [RangeAssignor, CooperativeStickyAssignor]. */
export const defaultAssignors: readonly PartitionAssignor[] = Object.freeze([rangeAssignor, cooperativeStickyAssignor]);
