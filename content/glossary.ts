/**
 * The glossary: every term the chapters mark with <Term id="...">, with its one definition.
 *
 * The same sentence is shown in the term's tooltip and on /glossary/, so a reader meets one
 * definition wherever the term appears (DESIGN.md, "Look and feel"). Definitions follow
 * Kafka 4 and agree with the chapters; text in `backticks` is a config name or a path and is
 * set in code type.
 *
 * This module is plain data and pure functions (no Astro, no DOM), so the site tests can import
 * it and compare what the page shows with what is written here.
 */

export interface GlossaryEntry {
  /** The <Term id> and the anchor on /glossary/ (#hw). Lower case, words joined by "-". */
  readonly id: string;
  /** The term as the chapters write it: "HW", "offset", "acks". */
  readonly term: string;
  /** What an abbreviation stands for ("high watermark" for HW); absent for full names. */
  readonly expansion?: string;
  /** Whose term it is, when the word alone is ambiguous ("ZooKeeper" for a session). */
  readonly qualifier?: string;
  /** True when the term is a Kafka configuration key, shown in code type. */
  readonly config?: boolean;
  /** One sentence, in the chapters' words. */
  readonly definition: string;
}

const ENTRIES = [
  // ---- Logs and offsets -------------------------------------------------------------------
  {
    id: "offset",
    term: "offset",
    definition:
      "A record’s position in one partition’s log, counted from zero: the leader assigns it when it appends the record, it never changes, and it means nothing outside that partition.",
  },
  {
    id: "log-start-offset",
    term: "log start offset",
    definition:
      "The offset of the oldest record a partition’s log still holds; it only moves forward, when retention deletes old segments or an administrator deletes the records below an offset.",
  },
  {
    id: "leo",
    term: "LEO",
    expansion: "log end offset",
    definition:
      "The offset the next record appended to a replica’s log will receive, one past its last record; every replica has its own, and a follower’s LEO is the offset it asks the leader for.",
  },
  {
    id: "hw",
    term: "HW",
    expansion: "high watermark",
    definition:
      "The offset below which a partition’s records are committed: the leader sets it to the smallest LEO among the in-sync replicas, and consumers can read only the records below it.",
  },
  {
    id: "committed",
    term: "committed",
    definition:
      "Said of a record below the high watermark: every in-sync replica has it, so consumers may read it and a clean leader election cannot lose it.",
  },

  // ---- Replicas -----------------------------------------------------------------------------
  {
    id: "replica",
    term: "replica",
    definition:
      "One copy of a partition’s log, kept on one broker; a partition has as many replicas as its replication factor, one of them the leader and the rest followers.",
  },
  {
    id: "replication-factor",
    term: "replication factor",
    definition:
      "How many replicas each partition of a topic has, each on a different broker, so it can be at most the number of brokers.",
  },
  {
    id: "leader",
    term: "leader",
    definition:
      "The one replica of a partition that producers write to and that assigns offsets; consumers read from it by default, and the followers copy its log.",
  },
  {
    id: "follower",
    term: "follower",
    definition:
      "A replica that is not the leader: it copies the leader’s log by fetching from its own LEO onwards, and those fetches are how the leader learns how far it has got.",
  },
  {
    id: "preferred-leader",
    term: "preferred leader",
    definition:
      "The first replica in a partition’s replica list; Kafka moves leadership back to it once it is healthy again, so that leaders stay spread across the brokers.",
  },
  {
    id: "isr",
    term: "ISR",
    expansion: "in-sync replicas",
    definition:
      "The leader plus the followers that have caught up with the end of its log within the last `replica.lag.time.max.ms` (30 s by default); the high watermark, `acks=all` and clean elections count only these replicas.",
  },
  {
    id: "osr",
    term: "OSR",
    expansion: "out-of-sync replicas",
    definition:
      "A partition’s replicas that are not in the ISR, because they are down or have not caught up for longer than `replica.lag.time.max.ms`; the high watermark does not wait for them.",
  },
  {
    id: "leader-epoch",
    term: "leader epoch",
    definition:
      "A number per partition that goes up by one whenever the partition gets a new leader; replicas record the offset where each epoch began, so a returning replica can truncate its log to exactly the new leader’s history.",
  },
  {
    id: "unclean-leader-election",
    term: "unclean leader election",
    definition:
      "Making a replica from outside the ISR the leader when no in-sync replica is alive, which brings the partition back online at the cost of committed records; it needs `unclean.leader.election.enable=true` and is off by default.",
  },

  // ---- Producing ----------------------------------------------------------------------------
  {
    id: "acks",
    term: "acks",
    config: true,
    definition:
      "The producer setting for how many replicas must have a write before it is acknowledged: `acks=0` waits for no acknowledgement at all, `acks=1` for the leader’s own append, and `acks=all` (the default since Kafka 3.0) for every in-sync replica.",
  },
  {
    id: "min-insync-replicas",
    term: "min.insync.replicas",
    config: true,
    definition:
      "The smallest ISR size at which a leader accepts `acks=all` writes: with fewer in-sync replicas it refuses them with a `NotEnoughReplicas` error (a broker and topic setting, 1 by default).",
  },

  {
    id: "record-accumulator",
    term: "record accumulator",
    definition:
      "The producer’s buffer between `send()` and the network: one queue of batches per partition, filled by the application thread and drained by the sender thread, all inside `buffer.memory` bytes.",
  },
  {
    id: "producer-batch",
    term: "batch",
    qualifier: "producer",
    definition:
      "Records for one partition collected by the producer and sent together; a batch leaves when it reaches `batch.size` bytes or has waited `linger.ms`, and it succeeds, is retried or fails as a whole.",
  },
  {
    id: "linger-ms",
    term: "linger.ms",
    config: true,
    definition:
      "How long the producer lets a batch that is not yet full wait for more records before sending it (5 ms by default since Kafka 4.0): a little latency traded for fuller batches.",
  },
  {
    id: "sticky-partitioning",
    term: "sticky partitioning",
    definition:
      "How the producer places records without a key: it keeps sending to one partition until about `batch.size` bytes have gone there, then switches, so keyless records fill batches instead of scattering one per partition.",
  },
  {
    id: "in-flight-request",
    term: "in-flight request",
    definition:
      "A produce request sent to a broker whose response has not arrived yet; `max.in.flight.requests.per.connection` (5 by default) caps how many a producer keeps open per broker.",
  },
  {
    id: "idempotent-producer",
    term: "idempotent producer",
    definition:
      "A producer with a producer id and a sequence number per partition on every batch, so the leader can drop a resent copy of a batch it already stored and refuse batches that arrive out of order; on by default since Kafka 3.0.",
  },
  {
    id: "sequence-number",
    term: "sequence number",
    qualifier: "producer",
    definition:
      "The position of a record in one idempotent producer’s stream to one partition, counted from zero; the leader remembers the last five batches of each producer and accepts a batch only if it continues where the last one ended.",
  },

  // ---- Consuming ----------------------------------------------------------------------------
  {
    id: "consumer-group",
    term: "consumer group",
    definition:
      "Consumers sharing one `group.id`: Kafka gives each partition of the topics they subscribe to to exactly one member at a time, so the group splits the work; separate groups each read everything.",
  },
  {
    id: "position",
    term: "position",
    qualifier: "consumer",
    definition:
      "The offset of the next record a consumer will fetch from a partition; `poll()` moves it past the records it returns, and it lives only in the consumer’s memory.",
  },
  {
    id: "committed-offset",
    term: "committed offset",
    definition:
      "The position a consumer group has saved for a partition in the internal topic `__consumer_offsets`: the first record not yet handled, where a member starts after a restart or a rebalance.",
  },
  {
    id: "group-coordinator",
    term: "group coordinator",
    definition:
      "The broker in charge of one consumer group’s membership, rebalances and commits: the leader of the `__consumer_offsets` partition that the group id hashes to.",
  },
  {
    id: "rebalance",
    term: "rebalance",
    definition:
      "The group coordinator and the members agreeing on a new assignment of partitions to members, after a member joins, leaves, dies or stalls, or the subscribed partitions change.",
  },
  {
    id: "generation",
    term: "generation",
    qualifier: "consumer group",
    definition:
      "The number of a consumer group’s current assignment, raised by every rebalance; a request carrying an older generation is refused, so a member that missed a rebalance cannot commit for partitions it lost.",
  },
  {
    id: "share-group",
    term: "share group",
    definition:
      "Kafka 4’s queue-like group (KIP-932): its members read the same partitions together, each record is handed to one of them under a time-limited lock, acknowledged one by one, and redelivered if the lock runs out.",
  },

  // ---- The controller -----------------------------------------------------------------------
  {
    id: "controller",
    term: "controller",
    definition:
      "The node that manages the cluster’s metadata, tracking which brokers are alive, electing partition leaders and recording ISR changes; in ZooKeeper mode it is the broker holding the `/controller` znode, in Kafka 4 the active node of the KRaft controller quorum.",
  },
  {
    id: "controller-epoch",
    term: "controller epoch",
    definition:
      "A number that goes up by one with every newly elected controller and travels on each request it sends, so brokers can reject commands from a deposed (zombie) controller; in Kafka 4 the KRaft leader epoch does this job.",
  },
  {
    id: "znode",
    term: "znode",
    expansion: "ZooKeeper node",
    definition:
      "A named node in ZooKeeper’s tree that holds a few bytes of data; Kafka’s ZooKeeper mode, removed in Kafka 4.0, kept the cluster’s metadata in znodes.",
  },
  {
    id: "ephemeral-znode",
    term: "ephemeral znode",
    definition:
      "A znode tied to the session that created it, which ZooKeeper deletes automatically when that session ends; Kafka used one for `/controller` and one for each live broker under `/brokers/ids`.",
  },
  {
    id: "session",
    term: "session",
    qualifier: "ZooKeeper",
    definition:
      "A ZooKeeper client’s standing connection, kept alive by heartbeats; if none arrive within the session timeout, ZooKeeper expires the session and deletes every ephemeral znode it owned.",
  },
  {
    id: "watch",
    term: "watch",
    qualifier: "ZooKeeper",
    definition:
      "A one-time subscription to a znode: ZooKeeper notifies the client once when the znode changes or is deleted, and the client must set a new watch to hear of the next change.",
  },

  // ---- Storage ------------------------------------------------------------------------------
  {
    id: "segment",
    term: "segment",
    definition:
      "One file of a partition’s log, with its index files beside it, named after its base offset; only the newest, active segment receives records, and retention deletes whole segments.",
  },
  {
    id: "base-offset",
    term: "base offset",
    definition: "The offset of a segment’s first record, which also names the segment’s files, padded to twenty digits.",
  },
  {
    id: "active-segment",
    term: "active segment",
    definition:
      "The last segment of a partition’s log and the only one that receives records, until it is full (`log.segment.bytes`) or old (`log.roll.hours`) and the broker rolls a new one.",
  },
  {
    id: "sparse-index",
    term: "sparse index",
    definition:
      "The `.index` file beside each segment, which maps only some offsets, about one per `log.index.interval.bytes` (4 KiB) of records, to byte positions, so a lookup lands just before the record and scans forward.",
  },
] as const satisfies readonly GlossaryEntry[];

/** Every id a <Term> may use. */
export type GlossaryId = (typeof ENTRIES)[number]["id"];

/** The entries in the order they are written above (grouped by subject). */
export const GLOSSARY: readonly GlossaryEntry[] = ENTRIES;

export const GLOSSARY_IDS: readonly GlossaryId[] = ENTRIES.map((entry) => entry.id);

const byId: ReadonlyMap<string, GlossaryEntry> = new Map(ENTRIES.map((entry) => [entry.id, entry]));

export function isGlossaryId(id: string): id is GlossaryId {
  return byId.has(id);
}

/**
 * The entry for `id`. An unknown id throws (and so fails the static build), naming the id, the
 * place it was used and every allowed id, because a mistyped term should never ship silently.
 */
export function glossaryEntry(id: string, usedIn = "<Term>"): GlossaryEntry {
  const entry = byId.get(id);
  if (entry === undefined) {
    throw new Error(
      `${usedIn}: unknown glossary id "${id}"; allowed ids (content/glossary.ts): ${GLOSSARY_IDS.join(", ")}`,
    );
  }
  return entry;
}

/** How an entry is named in a tooltip and on the glossary page: "high watermark (HW)". */
export function glossaryName(entry: GlossaryEntry): string {
  if (entry.expansion !== undefined) return `${entry.expansion} (${entry.term})`;
  if (entry.qualifier !== undefined) return `${entry.term} (${entry.qualifier})`;
  return entry.term;
}

/** The entries sorted by name, as the glossary page lists them. */
export function glossaryAlphabetical(): GlossaryEntry[] {
  return [...GLOSSARY].sort((a, b) => glossaryName(a).localeCompare(glossaryName(b), "en", { sensitivity: "base" }));
}

/** A piece of a definition: plain text, or a name set in code type (written in `backticks`). */
export interface DefinitionPart {
  readonly text: string;
  readonly code: boolean;
}

/** Splits a definition at its backticks, so components can render the names as <code>. */
export function definitionParts(definition: string): DefinitionPart[] {
  return definition
    .split("`")
    .map((text, index) => ({ text, code: index % 2 === 1 }))
    .filter((part) => part.text.length > 0);
}

/** The definition as a reader sees it: the text without the backticks. */
export function plainDefinition(entry: GlossaryEntry): string {
  return entry.definition.replaceAll("`", "");
}
