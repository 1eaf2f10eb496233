import { defineScope } from "./define.js";

/* Producer configs, checked against Kafka 4.x's ProducerConfig and CommonClientConfigs. */
export const producerConfigs = defineScope("producer", {
  "acks": {
    type: "string", default: "all", validValues: ["all", "-1", "0", "1"], validator: "acks",
    doc: "How many replicas must have a record before the leader answers: 0 = none (fire and forget), 1 = the leader, all = every in-sync replica.",
    notes: "Default changed from 1 to all in Kafka 3.0. \"-1\" means the same as \"all\" and is normalized to \"all\" here (Kafka's ProducerConfig stores it as \"-1\").",
  },
  "batch.size": {
    type: "int", default: 16384, min: 0, unit: "bytes",
    doc: "Target size of one partition's batch; a full batch is sent without waiting for linger.ms. 0 disables batching.",
    knob: { min: 1024, max: 1048576, step: 1024, scale: "log" },
  },
  "linger.ms": {
    type: "long", default: 5, min: 0, unit: "ms",
    doc: "How long a batch that is not yet full waits for more records before it is sent.",
    notes: "Default changed from 0 to 5 in Kafka 4.0 (KIP-1030).",
    knob: { min: 0, max: 500, step: 1 },
  },
  "buffer.memory": {
    type: "long", default: 33554432, min: 0, unit: "bytes",
    doc: "Memory for records waiting to be sent; when it is full, send() blocks for up to max.block.ms.",
    knob: { min: 1048576, max: 134217728, step: 1048576, scale: "log" },
  },
  "max.block.ms": {
    type: "long", default: 60000, min: 0, unit: "ms",
    doc: "Longest send() may block waiting for metadata or buffer space before it throws TimeoutException.",
    knob: { min: 0, max: 120000, step: 1000 },
  },
  "max.in.flight.requests.per.connection": {
    type: "int", default: 5, min: 1, unit: "count",
    doc: "Unanswered produce requests allowed per broker connection; above 1 without idempotence, retries can reorder records.",
    notes: "The idempotent producer requires at most 5, the number of batches a broker remembers per producer.",
    knob: { min: 1, max: 10, step: 1 },
  },
  "retries": {
    type: "int", default: 2147483647, min: 0, max: 2147483647, unit: "count",
    doc: "How many times a batch that failed with a retriable error is resent; delivery.timeout.ms usually ends retrying first.",
    notes: "Default became Integer.MAX_VALUE (retry until delivery.timeout.ms) in Kafka 2.1. The idempotent producer needs retries > 0. The knob leaves out the default, which a widget offers as \"until the delivery timeout\".",
    knob: { min: 0, max: 20, step: 1 },
  },
  "retry.backoff.ms": {
    type: "long", default: 100, min: 0, unit: "ms",
    doc: "Wait before the first retry of a failed request; later retries back off exponentially up to retry.backoff.max.ms.",
    knob: { min: 0, max: 2000, step: 10 },
  },
  "retry.backoff.max.ms": {
    type: "long", default: 1000, min: 0, unit: "ms",
    doc: "Ceiling of the exponential retry backoff.",
    since: "3.7",
    notes: "Exponential backoff for clients arrived in Kafka 3.7 (KIP-580).",
    knob: { min: 0, max: 10000, step: 100 },
  },
  "delivery.timeout.ms": {
    type: "int", default: 120000, min: 0, unit: "ms",
    doc: "Upper bound on the time from send() returning until the record is acknowledged or failed, retries included.",
    since: "2.1",
    notes: "Should be at least request.timeout.ms + linger.ms.",
    knob: { min: 0, max: 300000, step: 1000 },
  },
  "request.timeout.ms": {
    type: "int", default: 30000, min: 0, unit: "ms",
    doc: "How long the producer waits for a response to one request before it retries or fails the batch.",
    notes: "Should exceed the broker's replica.lag.time.max.ms to avoid needless retries and duplicates.",
    knob: { min: 0, max: 60000, step: 1000 },
  },
  "enable.idempotence": {
    type: "boolean", default: true,
    doc: "Give the producer an id and per-partition sequence numbers so the broker drops duplicates from retries and keeps order.",
    since: "0.11",
    notes: "On by default since Kafka 3.0. It needs acks=all, retries > 0 and max.in.flight.requests.per.connection <= 5; if it was not set explicitly, a conflicting setting quietly turns it off.",
  },
  "partitioner.class": {
    type: "class", default: null,
    doc: "Class that picks a record's partition; unset means the built-in: murmur2 of the key, or sticky batches for keyless records.",
    notes: "Kafka 3.3 deprecated DefaultPartitioner and UniformStickyPartitioner (KIP-794): leave this unset for the built-in logic, and set partitioner.ignore.keys for uniform sticky batches. org.apache.kafka.clients.producer.RoundRobinPartitioner is the built-in alternative.",
  },
  "partitioner.ignore.keys": {
    type: "boolean", default: false,
    doc: "Ignore record keys when choosing a partition, so keyed records are spread like keyless ones.",
    since: "3.3",
  },
  "partitioner.adaptive.partitioning.enable": {
    type: "boolean", default: true,
    doc: "Let the built-in partitioner send more keyless records to partitions on faster brokers.",
    since: "3.3",
  },
  "partitioner.availability.timeout.ms": {
    type: "long", default: 0, min: 0, unit: "ms",
    doc: "Treat a partition as unavailable if its broker has accepted nothing for this long; 0 turns the check off.",
    since: "3.3",
    knob: { min: 0, max: 10000, step: 100 },
  },
  "metadata.max.age.ms": {
    type: "long", default: 300000, min: 0, unit: "ms",
    doc: "Refresh cluster metadata at least this often, even when nothing has gone wrong.",
    knob: { min: 0, max: 600000, step: 1000 },
  },
  "metadata.max.idle.ms": {
    type: "long", default: 300000, min: 5000, unit: "ms",
    doc: "Forget the metadata of a topic that has not been produced to for this long.",
    since: "2.5",
    knob: { min: 5000, max: 600000, step: 1000 },
  },
  "compression.type": {
    type: "string", default: "none", validValues: ["none", "gzip", "snappy", "lz4", "zstd"],
    doc: "Codec for whole batches; bigger batches compress better.",
  },
  "max.request.size": {
    type: "int", default: 1048576, min: 0, unit: "bytes",
    doc: "Largest produce request, which also caps the largest uncompressed record.",
    knob: { min: 1024, max: 16777216, step: 1024, scale: "log" },
  },
  "key.serializer": {
    type: "class", default: null,
    doc: "Class that turns record keys into bytes.",
    notes: "Required in Kafka (no default). The simulator carries keys as given.",
  },
  "value.serializer": {
    type: "class", default: null,
    doc: "Class that turns record values into bytes.",
    notes: "Required in Kafka (no default). The simulator carries values as given.",
  },
  "interceptor.classes": {
    type: "list", default: [],
    doc: "Classes that see, and may change, each record before it is sent and each acknowledgement when it arrives.",
  },
  "client.id": {
    type: "string", default: "",
    doc: "Name sent with every request, for broker logs and quotas.",
    notes: "Left empty, Kafka names the producer producer-<transactional.id> or producer-<n>.",
  },
  "transactional.id": {
    type: "string", default: null, validator: "non-empty-string",
    doc: "Stable name that makes the producer transactional and fences older producers with the same name.",
    since: "0.11",
    notes: "Setting it requires idempotence.",
  },
  "transaction.timeout.ms": {
    type: "int", default: 60000, unit: "ms",
    doc: "How long a transaction may stay open before the coordinator aborts it.",
    since: "0.11",
    notes: "Must not exceed the broker's transaction.max.timeout.ms (15 minutes by default).",
    knob: { min: 1000, max: 900000, step: 1000 },
  },
});
