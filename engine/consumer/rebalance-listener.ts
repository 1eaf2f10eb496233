import type { TopicPartition } from "./assignors/types.js";

/**
 * Kafka's ConsumerRebalanceListener, called from inside poll() (and close()), at these moments:
 * - onPartitionsRevoked: eager protocol, at the start of every rebalance with every owned
 *   partition (ConsumerCoordinator.onJoinPrepare); cooperative protocol, after the new
 *   assignment arrives, with only the partitions that moved away, and only if there are any
 *   (onJoinComplete); also on close() / unsubscribe() with everything owned.
 * - onPartitionsAssigned: after every successful rebalance, with the partitions newly added
 *   (all of them under eager), even when that set is empty.
 * - onPartitionsLost: instead of onPartitionsRevoked when the partitions may already belong to
 *   someone else: the member's generation was reset (session timeout, poll timeout, fenced),
 *   so committing offsets for them would fail. Kafka's default implementation calls
 *   onPartitionsRevoked.
 */
export interface ConsumerRebalanceListener {
  onPartitionsRevoked(partitions: readonly TopicPartition[]): void;
  onPartitionsAssigned(partitions: readonly TopicPartition[]): void;
  onPartitionsLost?(partitions: readonly TopicPartition[]): void;
}

/** Kafka's NoOpConsumerRebalanceListener. */
export const noOpRebalanceListener: ConsumerRebalanceListener = {
  onPartitionsRevoked: () => {},
  onPartitionsAssigned: () => {},
};

/** Kafka's ConsumerRebalanceListenerInvoker: a listener that throws does not stop the rebalance. */
export function invokeListener(fn: () => void): Error | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}
