import { defineScope } from "./define.js";

/*
 * Topic configs, checked against Kafka 4.x's LogConfig and TopicConfig. Each default here equals
 * the default of its broker synonym (see synonyms.ts); a topic without an override takes the
 * broker's current value, which a test checks.
 */
export const topicConfigs = defineScope("topic", {
  "cleanup.policy": {
    type: "list", default: ["delete"], validValues: ["compact", "delete"],
    doc: "Delete old segments by age and size, compact to the latest value per key, or both (\"compact,delete\").",
  },
  "min.insync.replicas": {
    type: "int", default: 1, min: 1, unit: "count",
    doc: "In-sync replicas that must have a write before an acks=all produce to this topic succeeds.",
    knob: { min: 1, max: 5, step: 1 },
  },
  "unclean.leader.election.enable": {
    type: "boolean", default: false,
    doc: "Allow an out-of-sync replica to become leader of this topic's partitions, losing the records it lacks.",
  },
  "segment.bytes": {
    type: "int", default: 1073741824, min: 14, unit: "bytes",
    doc: "Segment size at which this topic's partitions roll a new segment.",
    notes: "Kafka 4.0 raised the minimum from 14 bytes to 1 MiB (KIP-1030). Simplification: the simulator keeps the old 14-byte minimum so that segments roll after a few records in a widget.",
    knob: { min: 1024, max: 1073741824, step: 1024, scale: "log" },
  },
  "segment.ms": {
    type: "long", default: 604800000, min: 1, unit: "ms",
    doc: "Roll a new segment once the active one is this old, even if it is not full, so retention can act on it.",
    notes: "KIP-1030 plans a 1-minute minimum for Kafka 5.0.",
    knob: { min: 60000, max: 2592000000, step: 60000, scale: "log" },
  },
  "index.interval.bytes": {
    type: "int", default: 4096, min: 0, unit: "bytes",
    doc: "Bytes appended between two offset-index entries: smaller means a denser index and shorter scans.",
    knob: { min: 256, max: 65536, step: 256, scale: "log" },
  },
  "retention.ms": {
    type: "long", default: 604800000, min: -1, unit: "ms",
    doc: "Delete a segment once its newest record is older than this; -1 keeps data forever.",
    notes: "The knob leaves out -1 (forever), which a widget offers as a separate switch.",
    knob: { min: 60000, max: 2592000000, step: 60000, scale: "log" },
  },
  "retention.bytes": {
    type: "long", default: -1, unit: "bytes",
    doc: "Delete the oldest segments while a partition is bigger than this; -1 means no size limit.",
    notes: "A per-partition limit. The knob leaves out -1 (no limit), which a widget offers as a separate switch.",
    knob: { min: 1048576, max: 10737418240, step: 1048576, scale: "log" },
  },
  "max.message.bytes": {
    type: "int", default: 1048588, min: 0, unit: "bytes",
    doc: "Largest record batch this topic accepts, after compression.",
    notes: "1 MiB plus the 12-byte log overhead.",
    knob: { min: 1024, max: 10485760, step: 1024, scale: "log" },
  },
  "message.timestamp.type": {
    type: "string", default: "CreateTime", validValues: ["CreateTime", "LogAppendTime"],
    doc: "Keep the producer's timestamp (CreateTime) or stamp the broker's clock on append (LogAppendTime).",
    since: "0.10.0",
  },
  "file.delete.delay.ms": {
    type: "long", default: 60000, min: 0, unit: "ms",
    doc: "How long a deleted segment's files linger before they are removed from disk.",
    knob: { min: 0, max: 300000, step: 1000 },
  },
  "delete.retention.ms": {
    type: "long", default: 86400000, min: 0, unit: "ms",
    doc: "How long a compacted topic keeps tombstones, which bounds how long a full re-read may take and still see deletes.",
    knob: { min: 0, max: 604800000, step: 60000 },
  },
  "min.compaction.lag.ms": {
    type: "long", default: 0, min: 0, unit: "ms",
    doc: "A record is safe from compaction for at least this long after it is written.",
    since: "0.10.1",
    knob: { min: 0, max: 3600000, step: 1000 },
  },
});
