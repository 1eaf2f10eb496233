import { defineScope } from "./define.js";

/** Kafka's class names for the four built-in client-side assignors. */
export const RANGE_ASSIGNOR = "org.apache.kafka.clients.consumer.RangeAssignor";
export const ROUND_ROBIN_ASSIGNOR = "org.apache.kafka.clients.consumer.RoundRobinAssignor";
export const STICKY_ASSIGNOR = "org.apache.kafka.clients.consumer.StickyAssignor";
export const COOPERATIVE_STICKY_ASSIGNOR = "org.apache.kafka.clients.consumer.CooperativeStickyAssignor";

const CLASSIC_ONLY =
  "Only for group.protocol=classic; with the consumer protocol the broker sets it (group.consumer.*) and Kafka rejects it on the client.";

/* Consumer configs, checked against Kafka 4.x's ConsumerConfig and CommonClientConfigs. */
export const consumerConfigs = defineScope("consumer", {
  "group.id": {
    type: "string", default: null,
    doc: "The consumer group this consumer belongs to; needed for subscribe() and for committing offsets.",
    notes: "Without it Kafka turns enable.auto.commit off unless it was set explicitly (which is then an error).",
  },
  "group.instance.id": {
    type: "string", default: null, validator: "non-empty-string",
    doc: "A stable member name (static membership), so a restart within session.timeout.ms causes no rebalance.",
    since: "2.3",
  },
  "group.protocol": {
    type: "string", default: "classic", validValues: ["classic", "consumer"], validator: "case-insensitive",
    doc: "Rebalance protocol: classic (client-side assignment, join/sync rounds) or consumer (broker-driven, incremental).",
    since: "3.7",
    notes: "The consumer protocol (KIP-848) became generally available in Kafka 4.0; the client default is still classic. Case-insensitive; normalized to lower case here.",
  },
  "enable.auto.commit": {
    type: "boolean", default: true,
    doc: "Commit the positions returned by poll() in the background every auto.commit.interval.ms.",
  },
  "auto.commit.interval.ms": {
    type: "int", default: 5000, min: 0, unit: "ms",
    doc: "How often offsets are auto-committed when enable.auto.commit is on.",
    knob: { min: 0, max: 60000, step: 100 },
  },
  "auto.offset.reset": {
    type: "string", default: "latest", validValues: ["latest", "earliest", "none"], validator: "auto-offset-reset",
    doc: "Where to start when there is no committed offset or it is out of range: the end, the beginning, or throw.",
    notes: "Kafka 4 also accepts by_duration:<ISO-8601 duration> (KIP-842), e.g. by_duration:PT1H, to start from records at most that old.",
  },
  "max.poll.records": {
    type: "int", default: 500, min: 1, unit: "records",
    doc: "Most records one poll() returns; fetching is unaffected, the rest wait in the consumer's buffer.",
    knob: { min: 1, max: 1000, step: 1 },
  },
  "max.poll.interval.ms": {
    type: "int", default: 300000, min: 1, unit: "ms",
    doc: "Longest gap allowed between poll() calls; past it the consumer leaves the group and its partitions are reassigned.",
    since: "0.10.1",
    knob: { min: 1000, max: 900000, step: 1000 },
  },
  "session.timeout.ms": {
    type: "int", default: 45000, unit: "ms",
    doc: "How long the coordinator waits without a heartbeat before it declares the member dead and rebalances.",
    notes: `Default raised from 10 s to 45 s in Kafka 3.0 (KIP-735). Must lie within the broker's group.min/max.session.timeout.ms. ${CLASSIC_ONLY}`,
    knob: { min: 6000, max: 120000, step: 1000 },
  },
  "heartbeat.interval.ms": {
    type: "int", default: 3000, unit: "ms",
    doc: "How often the consumer heartbeats to its group coordinator; keep it under a third of session.timeout.ms.",
    notes: CLASSIC_ONLY,
    knob: { min: 100, max: 30000, step: 100 },
  },
  "fetch.min.bytes": {
    type: "int", default: 1, min: 0, unit: "bytes",
    doc: "Bytes a fetch wants before the broker answers; the broker otherwise waits up to fetch.max.wait.ms.",
    knob: { min: 1, max: 1048576, step: 1, scale: "log" },
  },
  "fetch.max.bytes": {
    type: "int", default: 52428800, min: 0, unit: "bytes",
    doc: "Most bytes one fetch response carries across partitions; a larger first batch is still returned whole.",
    knob: { min: 1024, max: 104857600, step: 1024, scale: "log" },
  },
  "fetch.max.wait.ms": {
    type: "int", default: 500, min: 0, unit: "ms",
    doc: "Longest the broker holds a fetch waiting for fetch.min.bytes.",
    knob: { min: 0, max: 5000, step: 10 },
  },
  "max.partition.fetch.bytes": {
    type: "int", default: 1048576, min: 0, unit: "bytes",
    doc: "Most bytes one fetch returns per partition; a larger first batch is still returned whole.",
    knob: { min: 1024, max: 10485760, step: 1024, scale: "log" },
  },
  "partition.assignment.strategy": {
    type: "list", default: [RANGE_ASSIGNOR, COOPERATIVE_STICKY_ASSIGNOR],
    validValues: [RANGE_ASSIGNOR, ROUND_ROBIN_ASSIGNOR, STICKY_ASSIGNOR, COOPERATIVE_STICKY_ASSIGNOR],
    doc: "Assignors this consumer supports, in order of preference; the group uses the first one every member supports.",
    notes: `Default [RangeAssignor, CooperativeStickyAssignor] since Kafka 3.0, so one rolling bounce that drops RangeAssignor moves a group to cooperative rebalancing. Kafka accepts any ConsumerPartitionAssignor class; the simulator knows the four built-ins. ${CLASSIC_ONLY}`,
  },
  "isolation.level": {
    type: "string", default: "read_uncommitted", validValues: ["read_committed", "read_uncommitted"],
    doc: "read_committed hides aborted and still-open transactional records (reading only up to the last stable offset); read_uncommitted returns everything.",
    since: "0.11",
  },
  "key.deserializer": {
    type: "class", default: null,
    doc: "Class that turns key bytes back into keys.",
    notes: "Required in Kafka (no default). The simulator carries keys as given.",
  },
  "value.deserializer": {
    type: "class", default: null,
    doc: "Class that turns value bytes back into values.",
    notes: "Required in Kafka (no default). The simulator carries values as given.",
  },
  "interceptor.classes": {
    type: "list", default: [],
    doc: "Classes that see, and may change, records before poll() returns them and offsets when they are committed.",
  },
  "client.id": {
    type: "string", default: "",
    doc: "Name sent with every request, for broker logs and quotas.",
    notes: "Left empty, Kafka names the consumer consumer-<group.id>-<group.instance.id or n>.",
  },
  "metadata.max.age.ms": {
    type: "long", default: 300000, min: 0, unit: "ms",
    doc: "Refresh cluster metadata at least this often, which also bounds how late a pattern subscription sees new topics.",
    knob: { min: 0, max: 600000, step: 1000 },
  },
  "request.timeout.ms": {
    type: "int", default: 30000, min: 0, unit: "ms",
    doc: "How long the consumer waits for a response to one request before retrying or failing it.",
    knob: { min: 0, max: 60000, step: 1000 },
  },
  "default.api.timeout.ms": {
    type: "int", default: 60000, min: 0, unit: "ms",
    doc: "Timeout for blocking consumer calls (commitSync, position, ...) that are given none.",
    since: "2.0",
    knob: { min: 0, max: 120000, step: 1000 },
  },
  "retry.backoff.ms": {
    type: "long", default: 100, min: 0, unit: "ms",
    doc: "Wait before retrying a failed request; later retries back off exponentially up to retry.backoff.max.ms.",
    knob: { min: 0, max: 2000, step: 10 },
  },
  "allow.auto.create.topics": {
    type: "boolean", default: true,
    doc: "Let subscribing to or assigning a missing topic create it, if the broker's auto.create.topics.enable allows.",
    since: "2.3",
  },
  "share.acknowledgement.mode": {
    type: "string", default: "implicit", validValues: ["implicit", "explicit"], validator: "case-insensitive",
    doc: "For a KafkaShareConsumer: implicit accepts every record of a poll() on the next poll() or commit; explicit requires acknowledge() for each record.",
    since: "4.1",
    notes: "Share consumers only (KIP-932). In implicit mode acknowledge() throws IllegalStateException. Kafka 4.0 had no such config: the mode was picked by whether the application called acknowledge(). Case-insensitive; normalized to lower case here.",
  },
  "exclude.internal.topics": {
    type: "boolean", default: true,
    doc: "Keep internal topics such as __consumer_offsets out of pattern subscriptions.",
  },
});
