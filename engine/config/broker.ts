import { defineScope } from "./define.js";

/*
 * Broker configs, checked against Kafka 4.x: LogConfig.SERVER_CONFIG_DEF and ServerLogConfigs
 * (log.*), ReplicationConfigs, ServerConfigs, SocketServerConfigs, KRaftConfigs, QuorumConfig,
 * GroupCoordinatorConfig, ShareGroupConfig, TransactionLogConfig and CleanerConfig.
 * Where Kafka defines no validator, the row has no min/max either: Kafka accepts any int there.
 */

const ZOOKEEPER_REMOVED =
  "Belongs to the ZooKeeper mode that Kafka 4.0 removed; kept with its last default (Kafka 3.9) so the ZooKeeper-era controller chapter can show it.";

export const brokerConfigs = defineScope("broker", {
  // ---- Topics and replication -------------------------------------------------------------
  "num.partitions": {
    type: "int", default: 1, min: 1, unit: "count",
    doc: "Partitions given to a topic that is created without saying how many.",
    knob: { min: 1, max: 64, step: 1 },
  },
  "default.replication.factor": {
    type: "int", default: 1, unit: "count",
    doc: "Replicas given to an auto-created topic, or to one created with replication factor -1.",
    knob: { min: 1, max: 5, step: 1 },
  },
  "min.insync.replicas": {
    type: "int", default: 1, min: 1, unit: "count",
    doc: "How many in-sync replicas must have a write before an acks=all produce succeeds; fewer gives NotEnoughReplicas.",
    notes: "Default for the topic config of the same name.",
    knob: { min: 1, max: 5, step: 1 },
  },
  "unclean.leader.election.enable": {
    type: "boolean", default: false,
    doc: "Let a replica outside the ISR become leader when no in-sync replica is left, trading lost records for availability.",
    notes: "Default false since Kafka 0.11. In KRaft mode an enabled value takes effect on the controller's periodic check (unclean.leader.election.interval.ms, 5 minutes).",
  },
  "delete.topic.enable": {
    type: "boolean", default: true,
    doc: "Whether the broker honours requests to delete a topic.",
  },
  "auto.create.topics.enable": {
    type: "boolean", default: true,
    doc: "Create a topic on first use (metadata request or produce) instead of failing with UnknownTopicOrPartition.",
  },
  "auto.leader.rebalance.enable": {
    type: "boolean", default: true,
    doc: "Periodically move leadership back to each partition's preferred (first-listed) replica.",
  },
  "leader.imbalance.check.interval.seconds": {
    type: "long", default: 300, min: 1, unit: "s",
    doc: "How often the controller checks whether leaders have drifted away from their preferred replicas.",
    knob: { min: 1, max: 600, step: 1 },
  },

  // ---- Follower fetching and the ISR ------------------------------------------------------
  "replica.lag.time.max.ms": {
    type: "long", default: 30000, unit: "ms",
    doc: "A follower that has not caught up to the leader's log end for this long is dropped from the ISR.",
    knob: { min: 1000, max: 60000, step: 1000 },
  },
  "replica.fetch.wait.max.ms": {
    type: "int", default: 500, unit: "ms",
    doc: "Longest a follower's fetch waits on the leader for replica.fetch.min.bytes to arrive.",
    notes: "Keep it below replica.lag.time.max.ms, or quiet partitions shrink their ISR.",
    knob: { min: 0, max: 5000, step: 10 },
  },
  "replica.fetch.min.bytes": {
    type: "int", default: 1, unit: "bytes",
    doc: "Bytes a follower's fetch wants before the leader answers early.",
    knob: { min: 1, max: 1048576, step: 1, scale: "log" },
  },
  "replica.fetch.max.bytes": {
    type: "int", default: 1048576, min: 0, unit: "bytes",
    doc: "Bytes a follower asks for per partition in one fetch; a larger first batch is still returned whole.",
    knob: { min: 1024, max: 10485760, step: 1024, scale: "log" },
  },
  "replica.fetch.backoff.ms": {
    type: "int", default: 1000, min: 0, unit: "ms",
    doc: "How long a follower's fetcher sleeps after a fetch for a partition fails.",
    knob: { min: 0, max: 5000, step: 100 },
  },
  "replica.socket.timeout.ms": {
    type: "int", default: 30000, unit: "ms",
    doc: "Network timeout for a follower's fetch requests; should be at least replica.fetch.wait.max.ms.",
    knob: { min: 1000, max: 60000, step: 1000 },
  },

  // ---- Log segments, index and retention ---------------------------------------------------
  "log.segment.bytes": {
    type: "int", default: 1073741824, min: 14, unit: "bytes",
    doc: "A partition's active segment is rolled once it would grow past this size.",
    notes: "Kafka 4.0 raised the minimum from 14 bytes to 1 MiB (KIP-1030). Simplification: the simulator keeps the old 14-byte minimum so that segments roll after a few records in a widget. Default for topic segment.bytes.",
    knob: { min: 1024, max: 1073741824, step: 1024, scale: "log" },
  },
  "log.roll.ms": {
    type: "long", default: null, unit: "ms",
    doc: "Roll the active segment once its first record is this old; unset means use log.roll.hours.",
    notes: "First synonym of topic segment.ms; Kafka leaves it unset (null) by default.",
  },
  "log.roll.hours": {
    type: "int", default: 168, min: 1,
    doc: "Segment age limit in hours, used when log.roll.ms is unset (168 hours = 7 days).",
    notes: "Second synonym of topic segment.ms (converted to milliseconds).",
    knob: { min: 1, max: 720, step: 1 },
  },
  "log.index.interval.bytes": {
    type: "int", default: 4096, min: 0, unit: "bytes",
    doc: "Bytes appended between two entries of the sparse offset index.",
    notes: "Default for topic index.interval.bytes.",
    knob: { min: 256, max: 65536, step: 256, scale: "log" },
  },
  "log.index.size.max.bytes": {
    type: "int", default: 10485760, min: 4, unit: "bytes",
    doc: "Largest an offset index file may grow; a full index rolls the segment.",
    notes: "Default for topic segment.index.bytes.",
    knob: { min: 4096, max: 10485760, step: 4096, scale: "log" },
  },
  "log.retention.ms": {
    type: "long", default: null, unit: "ms",
    doc: "Delete a segment once its newest record is this old; unset means use log.retention.minutes, then log.retention.hours.",
    notes: "First synonym of topic retention.ms. Any negative value means keep forever (-1).",
  },
  "log.retention.minutes": {
    type: "int", default: null,
    doc: "Retention age in minutes, used when log.retention.ms is unset.",
    notes: "Second synonym of topic retention.ms (converted to milliseconds).",
  },
  "log.retention.hours": {
    type: "int", default: 168,
    doc: "Retention age in hours, used when neither log.retention.ms nor log.retention.minutes is set (168 hours = 7 days).",
    notes: "Third synonym of topic retention.ms (converted to milliseconds).",
    knob: { min: 1, max: 720, step: 1 },
  },
  "log.retention.bytes": {
    type: "long", default: -1, unit: "bytes",
    doc: "Delete the oldest segments while a partition's log is bigger than this; -1 means no size limit.",
    notes: "Default for topic retention.bytes. The knob leaves out -1 (no limit), which a widget offers as a separate switch.",
    knob: { min: 1048576, max: 10737418240, step: 1048576, scale: "log" },
  },
  "log.retention.check.interval.ms": {
    type: "long", default: 300000, min: 1, unit: "ms",
    doc: "How often the log manager looks for segments that retention allows it to delete.",
    knob: { min: 1000, max: 600000, step: 1000 },
  },
  "log.segment.delete.delay.ms": {
    type: "long", default: 60000, min: 0, unit: "ms",
    doc: "How long a segment chosen for deletion lingers (renamed .deleted) before its files are removed.",
    notes: "Default for topic file.delete.delay.ms.",
    knob: { min: 0, max: 300000, step: 1000 },
  },
  "log.cleanup.policy": {
    type: "list", default: ["delete"], validValues: ["compact", "delete"],
    doc: "What happens to old segments: delete them by age and size, compact them to the latest value per key, or both.",
    notes: "Default for topic cleanup.policy.",
  },
  "log.cleaner.delete.retention.ms": {
    type: "long", default: 86400000, min: 0, unit: "ms",
    doc: "How long the compactor keeps a tombstone (a null value) before removing it.",
    notes: "Default for topic delete.retention.ms.",
    knob: { min: 0, max: 604800000, step: 60000 },
  },
  "log.cleaner.min.compaction.lag.ms": {
    type: "long", default: 0, min: 0, unit: "ms",
    doc: "A record stays uncompacted for at least this long after it is written.",
    notes: "Default for topic min.compaction.lag.ms.",
    knob: { min: 0, max: 3600000, step: 1000 },
  },
  "log.message.timestamp.type": {
    type: "string", default: "CreateTime", validValues: ["CreateTime", "LogAppendTime"],
    doc: "Whether a record keeps the producer's timestamp or gets the broker's clock on append.",
    notes: "Default for topic message.timestamp.type.",
  },
  "message.max.bytes": {
    type: "int", default: 1048588, min: 0, unit: "bytes",
    doc: "Largest record batch the broker accepts, after compression.",
    notes: "1 MiB plus the 12-byte log overhead. Default for topic max.message.bytes.",
    knob: { min: 1024, max: 10485760, step: 1024, scale: "log" },
  },

  // ---- Controllers: ZooKeeper (removed) and KRaft ------------------------------------------
  "zookeeper.session.timeout.ms": {
    type: "int", default: 18000, unit: "ms",
    doc: "How long a broker's ZooKeeper session survives without heartbeats; its ephemeral znode vanishes when it expires.",
    notes: `${ZOOKEEPER_REMOVED} The default rose from 6000 to 18000 in Kafka 2.5 (KIP-537).`,
    knob: { min: 2000, max: 60000, step: 1000 },
  },
  "controller.socket.timeout.ms": {
    type: "int", default: 30000, unit: "ms",
    doc: "Network timeout for requests the controller sends to brokers.",
    knob: { min: 1000, max: 60000, step: 1000 },
  },
  "controller.quorum.election.timeout.ms": {
    type: "int", default: 1000, min: 0, unit: "ms",
    doc: "How long a KRaft voter waits without hearing from the quorum leader before it starts an election.",
    since: "2.8",
    notes: "KRaft's Raft quorum; the only controller mode in Kafka 4.",
    knob: { min: 100, max: 10000, step: 100 },
  },
  "controller.quorum.fetch.timeout.ms": {
    type: "int", default: 2000, min: 0, unit: "ms",
    doc: "A KRaft voter without a successful fetch from the leader for this long becomes a candidate; a leader not fetched from by a majority for this long resigns.",
    since: "2.8",
    knob: { min: 100, max: 10000, step: 100 },
  },
  "broker.session.timeout.ms": {
    type: "int", default: 9000, unit: "ms",
    doc: "How long a broker's lease with the KRaft controller lasts without a heartbeat before the broker is fenced.",
    since: "2.8",
    knob: { min: 1000, max: 60000, step: 1000 },
  },
  "broker.heartbeat.interval.ms": {
    type: "int", default: 2000, unit: "ms",
    doc: "How often a broker heartbeats to the KRaft controller.",
    since: "2.8",
    knob: { min: 100, max: 10000, step: 100 },
  },

  // ---- Request handling --------------------------------------------------------------------
  "num.network.threads": {
    type: "int", default: 3, min: 1, unit: "count",
    doc: "Processor threads per listener that read requests off sockets and write responses back.",
    knob: { min: 1, max: 16, step: 1 },
  },
  "num.io.threads": {
    type: "int", default: 8, min: 1, unit: "count",
    doc: "Request handler threads that take requests from the request queue and do the work, disk included.",
    knob: { min: 1, max: 32, step: 1 },
  },
  "queued.max.requests": {
    type: "int", default: 500, min: 1, unit: "count",
    doc: "Requests the request queue holds before network threads stop reading more.",
    knob: { min: 1, max: 1000, step: 1 },
  },

  // ---- Group coordinator -------------------------------------------------------------------
  "group.initial.rebalance.delay.ms": {
    type: "int", default: 3000, unit: "ms",
    doc: "How long the coordinator waits for more members to join a new, empty classic group before its first rebalance.",
    since: "0.11",
    knob: { min: 0, max: 10000, step: 100 },
  },
  "group.min.session.timeout.ms": {
    type: "int", default: 6000, unit: "ms",
    doc: "Smallest session.timeout.ms a classic-group member may ask for.",
    knob: { min: 1000, max: 60000, step: 1000 },
  },
  "group.max.session.timeout.ms": {
    type: "int", default: 1800000, unit: "ms",
    doc: "Largest session.timeout.ms a classic-group member may ask for.",
    knob: { min: 60000, max: 3600000, step: 60000 },
  },
  "group.max.size": {
    type: "int", default: 2147483647, min: 1, unit: "count",
    doc: "Most members a classic group may have; a member joining beyond it gets GroupMaxSizeReached.",
    notes: "Kafka's default is Integer.MAX_VALUE, so groups are unbounded unless this is set.",
  },
  "offsets.commit.timeout.ms": {
    type: "int", default: 5000, min: 1, unit: "ms",
    doc: "How long a group coordinator's write (an offset commit, a group's new generation) waits for all in-sync replicas of its __consumer_offsets partition.",
    notes: "Like a producer's request timeout for acks=all; on expiry the commit fails with CoordinatorNotAvailable.",
    knob: { min: 100, max: 30000, step: 100 },
  },
  "offset.metadata.max.bytes": {
    type: "int", default: 4096, unit: "bytes",
    doc: "Largest metadata string an offset commit may carry per partition; a longer one gets OffsetMetadataTooLarge.",
  },
  "offsets.topic.num.partitions": {
    type: "int", default: 50, min: 1, unit: "count",
    doc: "Partitions of __consumer_offsets; a group's coordinator leads partition hash(group.id) mod this.",
    notes: "Should not change after the cluster is deployed.",
    knob: { min: 1, max: 100, step: 1 },
  },
  "offsets.topic.replication.factor": {
    type: "int", default: 3, min: 1, max: 32767, unit: "count",
    doc: "Replication factor of __consumer_offsets; the topic is not created until this many brokers exist.",
    notes: "A Java short in Kafka, hence the 32767 ceiling.",
    knob: { min: 1, max: 5, step: 1 },
  },
  "offsets.retention.minutes": {
    type: "int", default: 10080, min: 1,
    doc: "How long committed offsets of an empty group (or of an unsubscribed topic) are kept, in minutes (10080 = 7 days).",
    notes: "Default raised from 1 day to 7 days in Kafka 2.0 (KIP-186).",
    knob: { min: 60, max: 20160, step: 60 },
  },

  // ---- Share groups (queues) ---------------------------------------------------------------
  "group.share.record.lock.duration.ms": {
    type: "int", default: 30000, min: 1000, max: 3600000, unit: "ms",
    doc: "How long a share consumer holds a record it acquired before the lock expires and the record is offered again.",
    since: "4.0",
    notes: "Share groups (KIP-932) arrived as early access in Kafka 4.0.",
    knob: { min: 1000, max: 120000, step: 1000 },
  },
  "group.share.delivery.count.limit": {
    type: "int", default: 5, min: 2, max: 10, unit: "count",
    doc: "Delivery attempts a share group makes for one record before archiving it as undeliverable.",
    since: "4.0",
    knob: { min: 2, max: 10, step: 1 },
  },
  "group.share.partition.max.record.locks": {
    type: "int", default: 2000, min: 100, max: 10000, unit: "records",
    doc: "Records of one share-partition that may be acquired (in flight) at the same time.",
    since: "4.0",
    notes: "Kafka 4.0 shipped a default of 200; later 4.x releases raised it to 2000.",
    knob: { min: 100, max: 10000, step: 100 },
  },

  "group.share.session.timeout.ms": {
    type: "int", default: 45000, min: 1, unit: "ms",
    doc: "How long the group coordinator waits without a ShareGroupHeartbeat before it removes a share consumer from its group.",
    since: "4.0",
    notes: "Kafka also requires it to lie within group.share.min.session.timeout.ms (45 s) and group.share.max.session.timeout.ms (60 s); the simulator does not check that pair. A removed member's records stay locked until their acquisition locks expire.",
    knob: { min: 1000, max: 60000, step: 1000 },
  },
  "group.share.heartbeat.interval.ms": {
    type: "int", default: 5000, min: 1, unit: "ms",
    doc: "How often share consumers are told to send ShareGroupHeartbeat; the coordinator returns it in every heartbeat response.",
    since: "4.0",
    knob: { min: 100, max: 30000, step: 100 },
  },
  "group.share.max.size": {
    type: "int", default: 200, min: 1, max: 1000, unit: "count",
    doc: "Most members one share group may have; one more is refused with GROUP_MAX_SIZE_REACHED.",
    since: "4.0",
    knob: { min: 1, max: 1000, step: 1 },
  },

  // ---- Transaction log ---------------------------------------------------------------------
  "transaction.state.log.replication.factor": {
    type: "int", default: 3, min: 1, max: 32767, unit: "count",
    doc: "Replication factor of __transaction_state; transactions fail until this many brokers exist.",
    since: "0.11",
    notes: "A Java short in Kafka, hence the 32767 ceiling.",
    knob: { min: 1, max: 5, step: 1 },
  },
  "transaction.state.log.min.isr": {
    type: "int", default: 2, min: 1, unit: "count",
    doc: "min.insync.replicas for __transaction_state.",
    since: "0.11",
    knob: { min: 1, max: 5, step: 1 },
  },
});
