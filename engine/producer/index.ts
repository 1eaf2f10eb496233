/**
 * Kafka's producer client (KafkaProducer and its internals: RecordAccumulator, BufferPool,
 * Sender, InFlightRequests, ProducerBatch and its lifecycle machine, the idempotent
 * TransactionManager) on the simulated cluster.
 */
export { KafkaProducer, type KafkaProducerOptions } from "./kafka-producer.js";
export { ProduceFuture, Completion, type SendCallback } from "./produce-future.js";
export type { ProducerRecord, RecordMetadata } from "./record.js";
export { ProducerException, exceptionNameOf, RETRIABLE_ERRORS, INVALID_METADATA_ERRORS, type ProducerErrorName } from "./errors.js";
export { StringSerializer, IntegerSerializer, namedSerializers, type Serializer, type SerializerName } from "./serializers.js";
export {
  ProducerInterceptors,
  CountingInterceptor,
  filterKeyInterceptor,
  upperCaseValueInterceptor,
  interceptorFromName,
  INTERCEPTOR_NAMES,
  type ProducerInterceptor,
} from "./interceptors.js";
export {
  RecordAccumulator,
  insertInSequenceOrder,
  type AccumulatorConfig,
  type AppendHost,
  type AppendRequest,
  type ReadyCheckResult,
  type RecordAppendResult,
} from "./record-accumulator.js";
export { BufferPool, type PoolBuffer } from "./buffer-pool.js";
export { Sender, RECONNECT_BACKOFF_MS, type SenderConfig, type SenderHost } from "./sender.js";
export { InFlightRequests, type InFlightRequest } from "./in-flight-requests.js";
export { ProducerBatch, NO_SEQUENCE, type BatchObserver } from "./producer-batch.js";
export { producerBatchMachine, BATCH_STATES, BATCH_TRANSITIONS, nextBatchState, compileTransitionTable, type BatchEvent, type BatchState, type BatchTransitionTable } from "./batch-machine.js";
export { ProducerMetadata, type PartitionMetadata } from "./producer-metadata.js";
export { TransactionManager, NO_PRODUCER_ID_AND_EPOCH, type ProducerIdAndEpoch } from "./transaction-manager.js";
export { ExponentialBackoff } from "./exponential-backoff.js";
export { sendProduceRequest, type PartitionProduceData, type MultiPartitionProduceResponse } from "./produce-request.js";
export { configureDeliveryTimeout } from "./delivery-timeout.js";
export { estimateSizeInBytesUpperBound } from "./record-size.js";
