/**
 * Every topic the notebook teaches, mirrored from /work/shared/CURRICULUM.md (same ids, same order).
 * A chapter lists the ids it teaches in its front matter; content.config.ts rejects any id not
 * listed here, and the chapter page shows each id with its `title`.
 * `title` is the short name printed on topic chips; `topic` is the curriculum's own wording.
 */
export interface CurriculumTopic {
  readonly id: string;
  readonly title: string;
  readonly topic: string;
}

export const CURRICULUM = [
  { id: "C-MODEL", title: "Messaging models", topic: "point-to-point vs publish-subscribe; both from consumer groups" },
  { id: "C-OFFSET", title: "Offsets", topic: "broker-side log end vs consumer position" },
  { id: "C-HW", title: "High watermark", topic: "high watermark: the last readable offset is HW-1" },
  { id: "C-LEO", title: "Log end offset", topic: "log end offset per replica" },
  { id: "C-ISR", title: "In-sync replicas", topic: "ISR / OSR membership" },
  { id: "B-CONTROLLER", title: "Controller election", topic: "controller election through a coordination service's ephemeral node, watches, re-election on failure" },
  { id: "B-METADATA", title: "Metadata propagation", topic: "controller pushes metadata to brokers; clients refresh metadata (metadata.max.age.ms) and on NotLeader errors" },
  { id: "B-KRAFT", title: "KRaft quorum controller", topic: "the quorum controller that replaced the coordination service in Kafka 4" },
  { id: "B-REACTOR", title: "Broker request path", topic: "broker request path: acceptor, processors, request queue, handler pool, response queue" },
  { id: "B-RETENTION", title: "Retention and compaction", topic: "log cleaning: time/size retention deletes old segments; compaction keeps the last value per key" },
  { id: "B-STORAGE", title: "Log storage", topic: "partition = directory; log segments; sparse offset index; sequential writes; zero-copy reads" },
  { id: "T-ADMIN", title: "Topic administration", topic: "create topic (replication factor <= brokers), delete topic (delete.topic.enable), partitions only grow" },
  { id: "T-ORDER", title: "Ordering per partition", topic: "order holds inside a partition only" },
  { id: "T-REPLICA", title: "Leaders and followers", topic: "leader/follower replicas, leaders spread over brokers, re-election from the ISR" },
  { id: "P-PIPELINE", title: "Producer pipeline", topic: "main thread: interceptors, serializer, partitioner, record accumulator; sender thread" },
  { id: "P-ACCUM", title: "Record accumulator", topic: "record accumulator: per-partition deques of batches, batch.size, linger.ms, buffer.memory, max.block.ms, buffer pool reuse" },
  { id: "P-SENDER", title: "Sender thread", topic: "sender drains ready batches per leader node into produce requests; in-flight requests, max.in.flight.requests.per.connection, least-loaded node" },
  { id: "P-SEND", title: "Sync and async send", topic: "sync vs async send; callbacks complete in order within a partition" },
  { id: "P-SERDE", title: "Serializers", topic: "serializers and deserializers; custom ones" },
  { id: "P-PARTITION", title: "Partitioners", topic: "default partitioner (murmur2 of the key), round robin, uniform sticky; custom partitioner" },
  { id: "P-INTERCEPT", title: "Interceptors", topic: "producer and consumer interceptors" },
  { id: "P-ACKS", title: "Acks", topic: "acks = 0, 1, all; min.insync.replicas; NotEnoughReplicas" },
  { id: "P-RETRY", title: "Retries and timeouts", topic: "retries, retry.backoff.ms, delivery.timeout.ms, request.timeout.ms" },
  { id: "P-IDEMP", title: "Idempotent producer", topic: "enable.idempotence: producer id, epoch, per-partition sequence numbers, broker dedup" },
  { id: "G-GROUP", title: "Consumer groups", topic: "consumer groups: one consumer per partition inside a group; idle consumers beyond the partition count" },
  { id: "G-SUBSCRIBE", title: "Subscribe and assign", topic: "subscribe(topics), subscribe(pattern), assign(partitions)" },
  { id: "G-ASSIGN", title: "Assignment strategies", topic: "assignment strategies: range, round robin, sticky, cooperative sticky" },
  { id: "G-REBALANCE", title: "Rebalancing", topic: "rebalancing: triggers, the stop-the-world window, eager vs cooperative, rebalance listener" },
  { id: "G-COMMIT", title: "Offset commits", topic: "auto commit (enable.auto.commit, auto.commit.interval.ms), commitSync, commitAsync; commit before vs after processing" },
  { id: "G-RESET", title: "Offset reset", topic: "auto.offset.reset latest / earliest / none (NoOffsetForPartitionException)" },
  { id: "G-SEEK", title: "Seek, pause, resume", topic: "seek, seekToBeginning, seekToEnd, offsetsForTimes; pause and resume" },
  { id: "G-SHARE", title: "Share groups", topic: "share groups, Kafka 4's queues: many consumers per partition, per-record acknowledgement and redelivery" },
  { id: "G-THREADS", title: "Multithreaded consumers", topic: "one consumer per thread vs one poller feeding a worker pool" },
  { id: "R-DUP", title: "Duplicates", topic: "duplicates: producer retries, commit-after-process crashes, rebalances" },
  { id: "R-LOSS", title: "Loss", topic: "loss: acks 0/1 with leader failure, unclean leader election, commit-before-process crashes" },
  { id: "R-FIX", title: "Safe configurations", topic: "the cures: acks=all + min.insync.replicas>1 + retries + idempotence, unclean election off, manual commit, idempotent consumers" },
  { id: "R-EOS", title: "Exactly once", topic: "transactions and exactly-once: transactional.id, fencing, read_committed, consume-transform-produce" },
  { id: "R-ORDER", title: "Reordering", topic: "reordering with retries and max.in.flight > 1; cures: idempotence, max.in.flight=1, single partition, keys" },
  { id: "R-BACKLOG", title: "Lag and backlog", topic: "consumer lag and backlog; fan out to a topic with more partitions and more consumers" },
  { id: "S-SOURCE", title: "Source walkthrough", topic: "the code path of send() and of a broker request, step by step" },
] as const satisfies readonly CurriculumTopic[];

export type CurriculumId = (typeof CURRICULUM)[number]["id"];

export const CURRICULUM_IDS: readonly CurriculumId[] = CURRICULUM.map((entry) => entry.id);

export function isCurriculumId(id: string): id is CurriculumId {
  return (CURRICULUM_IDS as readonly string[]).includes(id);
}

/** The curriculum entry for `id`; throws naming the id and where the list lives if it is unknown. */
export function curriculumTopic(id: string): CurriculumTopic {
  const entry = CURRICULUM.find((candidate) => candidate.id === id);
  if (entry === undefined) {
    throw new Error(`curriculumTopic: unknown curriculum id "${id}"; the ids are listed in content/curriculum.ts`);
  }
  return entry;
}
