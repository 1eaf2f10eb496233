import type { TopicPartition } from "../consumer/assignors/types.js";
import { ConsumerException, tpString } from "../consumer/errors.js";
import type { KafkaConsumer } from "../consumer/kafka-consumer.js";
import { tpKeyOf } from "../consumer/subscription-state.js";
import type { ConsumerSeekTarget } from "../scenario/consumer-schema.js";

/** A "consumer-seek" fault waiting for the next turn of the poll loop. */
export interface SeekRequest {
  /** When the fault was applied (the application decided to seek), in ms. */
  atMs: number;
  topic: string;
  /** Absent: every partition of `topic` the consumer holds when the seek is made. */
  partition?: number;
  to: ConsumerSeekTarget;
}

/**
 * What the application does with a seek request, between two poll() calls, on its
 * KafkaConsumer: seek(tp, offset), seekToBeginning, seekToEnd, or offsetsForTimes (ListOffsets
 * by timestamp) followed by seek, as an application written against Kafka's API would.
 * A seek Kafka refuses (IllegalStateException for a partition not held now) or one with no
 * answer (offsetsForTimes returns null past the last record) is reported through `skipped`
 * with the reason, and the position stays where it was. `done` runs once the seek is made
 * (at once, or after the ListOffsets answers).
 */
export function performSeek(consumer: KafkaConsumer<unknown, unknown>, request: SeekRequest, skipped: (reason: string) => void, done: () => void): void {
  const nowMs = consumer.cluster.sim.nowMs;
  const why = `consumer-seek at ${request.atMs} ms`;
  const held = consumer.assignment();
  const heldText = held.length > 0 ? held.map(tpString).join(", ") : "no partition";
  const partitions: TopicPartition[] = request.partition !== undefined ? [{ topic: request.topic, partition: request.partition }] : held.filter((tp) => tp.topic === request.topic);
  if (partitions.length === 0) {
    skipped(`${consumer.client} holds no partition of ${request.topic} at ${nowMs} ms (not assigned yet, or taken away by a rebalance), so there is nothing to seek (${why})`);
    return done();
  }
  // Kafka's seek methods throw for a partition the consumer does not hold now; the application catches it.
  const attempt = (tp: TopicPartition, move: () => void) => {
    try {
      move();
    } catch (error) {
      if (!(error instanceof ConsumerException)) throw error;
      skipped(`${error.name}: ${error.message}. ${consumer.client} holds ${heldText} at ${nowMs} ms, so ${tpString(tp)} was not moved (${why})`);
    }
  };
  const to = request.to;
  if (to === "beginning" || to === "end") {
    for (const tp of partitions) {
      const call = `${to === "beginning" ? "seekToBeginning" : "seekToEnd"}(${tpString(tp)}) (${why})`;
      attempt(tp, () => (to === "beginning" ? consumer.seekToBeginning([tp], call) : consumer.seekToEnd([tp], call)));
    }
    return done();
  }
  if ("offset" in to) {
    for (const tp of partitions) attempt(tp, () => consumer.seek(tp, to.offset, `seek(${tpString(tp)}, ${to.offset}) (${why})`));
    return done();
  }
  const timestamps = new Map(partitions.map((tp) => [tp, to.timestamp] as const));
  consumer.offsetsForTimes(timestamps).onComplete((found, error) => {
    if (!consumer.isAlive) return;
    if (error || !found) {
      skipped(`offsetsForTimes(${partitions.map(tpString).join(", ")}, ${to.timestamp} ms) failed: ${error?.message ?? "no answer"}; no position was moved (${why})`);
      return done();
    }
    for (const tp of partitions) {
      const hit = found.get(tpKeyOf(tp)) ?? null;
      if (hit === null) {
        skipped(`offsetsForTimes found no record of ${tpString(tp)} with a timestamp at or after ${to.timestamp} ms (Kafka answers null), so its position was not moved (${why})`);
        continue;
      }
      attempt(tp, () => consumer.seek(tp, hit.offset, `offsetsForTimes(${tpString(tp)}, ${to.timestamp} ms) = offset ${hit.offset} (record timestamp ${hit.timestamp} ms), then seek() (${why})`));
    }
    done();
  });
}
