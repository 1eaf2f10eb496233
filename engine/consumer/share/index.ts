/** Share groups (KIP-932), client side: KafkaShareConsumer and the scenario's share-consumer workload. */
export {
  IllegalStateException,
  KafkaShareConsumer,
  SHARE_CONSUMER_UNSUPPORTED_CONFIGS,
  toAcknowledgementBatches,
  type AcknowledgementResult,
  type KafkaShareConsumerOptions,
  type ShareConsumerRecord,
} from "./kafka-share-consumer.js";
export { ShareConsumerWorkload, type ShareConsumerWorkloadSpec } from "./share-consumer-workload.js";
