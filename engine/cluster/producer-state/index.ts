/**
 * Broker-side idempotence: the producer state of a partition (ProducerStateManager and its
 * entries) and the producer id allocation (ZkProducerIdManager).
 */
export { BatchMetadata, decrementSequence, incrementSequence, lastSequenceOf, MAX_SEQUENCE } from "./batch-metadata.js";
export { NUM_BATCHES_TO_RETAIN, ProducerStateEntry } from "./producer-state-entry.js";
export { type AppendOrigin, inSequence, ProducerAppendInfo } from "./producer-append-info.js";
export { ProducerStateManager } from "./producer-state-manager.js";
export {
  claimNextProducerIdBlock,
  type GenerateProducerIdResult,
  lastProducerIdOf,
  parseProducerIdBlock,
  PRODUCER_ID_BLOCK_PATH,
  PRODUCER_ID_BLOCK_SIZE,
  producerIdBlockJson,
  type ProducerIdManagerHost,
  type ProducerIdsBlock,
  ZkProducerIdManager,
} from "./producer-id-manager.js";
