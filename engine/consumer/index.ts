/**
 * Kafka's consumer client (classic group protocol): KafkaConsumer and its parts, with Kafka's
 * names. The share consumer (KIP-932) lives in ./share.
 */
export { KafkaConsumer, type KafkaConsumerOptions } from "./kafka-consumer.js";
export { ConsumerFuture } from "./consumer-future.js";
export { ConsumerRecords, type ConsumerRecord, type OffsetAndMetadata, type OffsetAndTimestamp } from "./consumer-record.js";
export { ConsumerException, noOffsetForPartition, tpString } from "./errors.js";
export { StringDeserializer, IntegerDeserializer, namedDeserializers, type Deserializer, type DeserializerName } from "./deserializers.js";
export { ConsumerInterceptors, CountingConsumerInterceptor, type ConsumerInterceptor, type CommittedOffsets } from "./interceptors.js";
export { noOpRebalanceListener, type ConsumerRebalanceListener } from "./rebalance-listener.js";
export { ConsumerCoordinator, type CoordinatorSettings, type CommitKind, type CommitCallback } from "./consumer-coordinator.js";
export { consumerMemberMachine, type MemberHost, type MemberEvent, type MemberContext, type MemberState } from "./member-machine.js";
export { Heartbeat } from "./heartbeat.js";
export { SubscriptionState, type SubscriptionType, type OffsetResetStrategy, type TopicPartitionState } from "./subscription-state.js";
export { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from "./broker-api.js";
