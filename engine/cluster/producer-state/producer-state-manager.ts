/**
 * Kafka's ProducerStateManager for one partition replica: per producer id, the epoch and the
 * last five batches (ProducerStateEntry). The leader uses it to drop retried batches it has
 * already written and to refuse gaps and zombie epochs; followers keep it up to date from
 * the batches they replicate, so a follower elected leader goes on recognising retries.
 *
 * Simplification: no snapshot files. Kafka snapshots the map at segment rolls and, after a
 * truncation or a restart, reloads the latest snapshot and replays the log after it; the log
 * here lives in memory, so the owner (Log) rebuilds the map by replaying every retained batch
 * (see Log.loadProducerState). A producer whose every batch retention deleted is therefore
 * forgotten at the next rebuild, where Kafka would still find it in a snapshot.
 * Simplification: producer ids never expire (no producer.id.expiration.ms, no
 * transactional.id.expiration.ms): runs are far shorter than the one-day default.
 * Simplification: no transactions (no ongoing or unreplicated transactions, no LSO).
 */
import { NO_PRODUCER_ID } from "../log/record-batch.js";
import { type AppendOrigin, ProducerAppendInfo } from "./producer-append-info.js";
import { ProducerStateEntry } from "./producer-state-entry.js";

export class ProducerStateManager {
  private readonly producers = new Map<number, ProducerStateEntry>();
  private lastMapOffset = 0;

  constructor(
    /** "orders-0": how error messages name the partition. */
    readonly topicPartition: string,
  ) {}

  /** ProducerStateManager.prepareUpdate: a validator for the next batches of `producerId`; changes nothing yet. */
  prepareUpdate(producerId: number, origin: AppendOrigin): ProducerAppendInfo {
    const currentEntry = this.producers.get(producerId) ?? ProducerStateEntry.empty(producerId);
    return new ProducerAppendInfo(this.topicPartition, producerId, currentEntry, origin);
  }

  /** ProducerStateManager.update: apply a validated append. */
  update(appendInfo: ProducerAppendInfo): void {
    if (appendInfo.producerId === NO_PRODUCER_ID) {
      throw new RangeError(`Invalid producer id ${appendInfo.producerId} passed to update for partition ${this.topicPartition}: only idempotent batches (producerId >= 0) have producer state`);
    }
    const updatedEntry = appendInfo.toEntry();
    const currentEntry = this.producers.get(appendInfo.producerId);
    if (currentEntry) currentEntry.update(updatedEntry);
    else this.producers.set(appendInfo.producerId, updatedEntry);
  }

  lastEntry(producerId: number): ProducerStateEntry | null {
    return this.producers.get(producerId) ?? null;
  }

  /** The producers this replica knows, by id (read-only view). */
  activeProducers(): ReadonlyMap<number, ProducerStateEntry> {
    return this.producers;
  }

  get producerIdCount(): number {
    return this.producers.size;
  }

  /** The offset up to which the map reflects the log (exclusive). */
  mapEndOffset(): number {
    return this.lastMapOffset;
  }

  updateMapEndOffset(lastOffset: number): void {
    this.lastMapOffset = lastOffset;
  }

  /** ProducerStateManager.truncateFullyAndStartAt: forget every producer. */
  truncateFullyAndStartAt(offset: number): void {
    this.producers.clear();
    this.lastMapOffset = offset;
  }
}
