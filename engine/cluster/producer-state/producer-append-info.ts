/**
 * Kafka's ProducerAppendInfo: validates the batches one producer appends against what the
 * partition knows of it, and collects the updated entry without touching the partition's
 * state until the append has happened (ProducerStateManager.update).
 *
 * The checks are Kafka 4's ProducerAppendInfo.checkProducerEpoch and checkSequence for data
 * batches. Only appends from clients (the leader's produce path) are checked; appends through
 * replication (followers, log recovery) are taken as they are, because the leader checked them.
 * Simplification: no transactions, so no transaction markers, coordinator epochs or
 * verification guards (the transactions-v2 sequence checks never apply).
 */
import { KafkaError } from "../errors.js";
import { NO_PRODUCER_EPOCH, NO_SEQUENCE } from "../log/record-batch.js";
import type { RecordBatch } from "../log/types.js";
import { lastSequenceOf, MAX_SEQUENCE } from "./batch-metadata.js";
import type { ProducerStateEntry } from "./producer-state-entry.js";

/** Kafka's AppendOrigin, as far as data batches go: CLIENT is validated, REPLICATION is not. */
export type AppendOrigin = "CLIENT" | "REPLICATION";

/** ProducerAppendInfo.inSequence: the next sequence, with the wrap from Integer.MAX_VALUE to 0. */
export function inSequence(lastSeq: number, nextSeq: number): boolean {
  return nextSeq === lastSeq + 1 || (nextSeq === 0 && lastSeq === MAX_SEQUENCE);
}

export class ProducerAppendInfo {
  private readonly updatedEntry: ProducerStateEntry;

  constructor(
    /** "orders-0": how error messages name the partition. */
    private readonly topicPartition: string,
    readonly producerId: number,
    /** The partition's entry for this producer (ProducerStateEntry.empty when it has none). */
    private readonly currentEntry: ProducerStateEntry,
    readonly origin: AppendOrigin,
  ) {
    this.updatedEntry = currentEntry.withoutBatches();
  }

  /** ProducerAppendInfo.append for a data batch (there are no control batches here). */
  append(batch: RecordBatch): void {
    this.appendDataBatch(batch.producerEpoch, batch.baseSequence, lastSequenceOf(batch), batch.maxTimestamp, batch.baseOffset, batch.lastOffset);
  }

  appendDataBatch(epoch: number, firstSeq: number, lastSeq: number, lastTimestamp: number, firstOffset: number, lastOffset: number): void {
    this.checkProducerEpoch(epoch, firstOffset);
    if (this.origin === "CLIENT") this.checkSequence(epoch, firstSeq, firstOffset);
    this.updatedEntry.addBatch(epoch, lastSeq, lastOffset, lastOffset - firstOffset, lastTimestamp);
  }

  /** An older epoch belongs to a fenced (zombie) producer: refused from clients, only logged on replication. */
  private checkProducerEpoch(producerEpoch: number, offset: number): void {
    const current = this.updatedEntry.producerEpoch;
    if (producerEpoch < current && this.origin === "CLIENT") {
      // Since Kafka 2.7 the produce response says INVALID_PRODUCER_EPOCH (not PRODUCER_FENCED),
      // so that the client can abort and retry rather than fail fatally.
      throw new KafkaError(
        "INVALID_PRODUCER_EPOCH",
        `Epoch of producer ${this.producerId} at offset ${offset} in ${this.topicPartition} is ${producerEpoch}, ` +
          `which is smaller than the last seen epoch ${current}`,
      );
    }
  }

  private checkSequence(producerEpoch: number, appendFirstSeq: number, offset: number): void {
    if (producerEpoch !== this.updatedEntry.producerEpoch) {
      // A new epoch starts its sequences again at 0; a producer the partition has never seen
      // (no epoch) may start anywhere.
      if (appendFirstSeq !== 0 && this.updatedEntry.producerEpoch !== NO_PRODUCER_EPOCH) {
        throw new KafkaError(
          "OUT_OF_ORDER_SEQUENCE_NUMBER",
          `Invalid sequence number for new epoch of producer ${this.producerId} at offset ${offset} in partition ${this.topicPartition}: ` +
            `${producerEpoch} (request epoch), ${appendFirstSeq} (seq. number), ${this.updatedEntry.producerEpoch} (current producer epoch)`,
        );
      }
      return;
    }
    let currentLastSeq: number;
    if (!this.updatedEntry.isEmpty) currentLastSeq = this.updatedEntry.lastSeq;
    else if (producerEpoch === this.currentEntry.producerEpoch) currentLastSeq = this.currentEntry.lastSeq;
    else currentLastSeq = NO_SEQUENCE;
    // With no current epoch (every batch of the producer deleted by retention or DeleteRecords),
    // any sequence is accepted.
    if (!(this.currentEntry.producerEpoch === NO_PRODUCER_EPOCH || inSequence(currentLastSeq, appendFirstSeq))) {
      throw new KafkaError(
        "OUT_OF_ORDER_SEQUENCE_NUMBER",
        `Out of order sequence number for producer ${this.producerId} at offset ${offset} in partition ${this.topicPartition}: ` +
          `${appendFirstSeq} (incoming seq. number), ${currentLastSeq} (current end sequence number)`,
      );
    }
  }

  /** The producer's entry as it will be after the append (ProducerAppendInfo.toEntry). */
  toEntry(): ProducerStateEntry {
    return this.updatedEntry;
  }
}
