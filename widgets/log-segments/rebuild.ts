import {
  batchSizeInBytes,
  effectiveTopicConfig,
  Log,
  logConfigFromTopicConfig,
  resolveConfig,
  type BrokerId,
  type RecordBatch,
  type Scenario,
  type SimRecord,
  type TraceEvent,
} from "../../engine/index";

/**
 * One broker's copy of a partition log at time t, rebuilt with the engine's public `Log` from
 * the trace (this widget's choice between the two ways the brief allows: rebuilding gives the
 * real offset index, batch positions and Kafka's lookup, which the trace alone does not carry).
 *
 * - Appends: every `replica.append` on the broker is one batch (the workload sends one batch
 *   per produce request, and followers append the leader's batches as they are). Its records
 *   are the workload's: same key, a value of `valueBytes` bytes, one timestamp per request (the
 *   `produce.sent` time), so the batch's v2 size depends only on the record count. A full trace
 *   names the records (ids), which tie a batch to its request; a summary trace does not, so the
 *   batches are paired with the partition's produce requests in order (simplification: exact
 *   while requests arrive in the order they were sent and none is lost, as in this widget's
 *   scenarios, where the next request leaves 100 ms after the previous one).
 * - Deletions: `log.segment-deleted` events are replayed, not recomputed: the engine's cleaner
 *   decided (by retention.ms, retention.bytes and the high watermark), the picture follows.
 * - Truncations: `replica.truncate` cuts the rebuilt log the same way.
 * The tests check that the rebuilt directory equals the broker's real log at the end of a run.
 */

export interface RetentionDeletion {
  t: number;
  baseOffset: number;
  file: string;
  reason: string;
  /** The log start offset after this deletion. */
  logStartOffset: number;
}

export interface RebuiltLog {
  log: Log;
  broker: BrokerId;
  topic: string;
  partition: number;
  highWatermark: number;
  /** Every segment deletion up to t, oldest first. */
  deletions: RetentionDeletion[];
  /** Effective topic configs the log runs with. */
  config: {
    segmentBytes: number;
    segmentMs: number;
    indexIntervalBytes: number;
    retentionMs: number;
    retentionBytes: number;
    retentionCheckIntervalMs: number;
  };
  /** When the broker first started: the cleaner runs every retentionCheckIntervalMs after it. */
  startedAtMs: number | null;
}

/** The effective log configs of a topic in a scenario (topic overrides over broker defaults). */
export function logConfigOf(scenario: Scenario, topic: string): RebuiltLog["config"] {
  const broker = resolveConfig("broker", scenario.cluster.config) as Record<string, unknown>;
  const overrides = scenario.topics.find((x) => x.name === topic)?.config ?? {};
  const log = logConfigFromTopicConfig(effectiveTopicConfig(broker, overrides));
  return {
    segmentBytes: log.segmentBytes,
    segmentMs: log.segmentMs ?? 0,
    indexIntervalBytes: log.indexIntervalBytes,
    retentionMs: log.retentionMs,
    retentionBytes: log.retentionBytes,
    retentionCheckIntervalMs: broker["log.retention.check.interval.ms"] as number,
  };
}

/**
 * Batch sizes by record shape. A batch's size only depends on its records' key, value length and
 * count here, so each shape is sized once instead of on every frame (sizing reads every byte).
 */
const sizeCache = new Map<string, number>();

function batchSize(key: string | null, valueBytes: number, count: number): number {
  const cacheKey = `${key === null ? "\u0000" : `k${key}`}|${valueBytes}|${count}`;
  let size = sizeCache.get(cacheKey);
  if (size === undefined) {
    const value = "v".repeat(valueBytes);
    const records: SimRecord[] = Array.from({ length: count }, () => ({ key, value, timestamp: 0 }));
    size = batchSizeInBytes(records);
    sizeCache.set(cacheKey, size);
  }
  return size;
}

/** "producer-0#17" -> "producer-0": the workload's client name, the prefix of its record ids. */
function clientOfRecordId(id: string): string {
  const hash = id.lastIndexOf("#");
  return hash < 0 ? id : id.slice(0, hash);
}

/** The broker whose directory the widget shows: the partition's first leader. */
export function shownBroker(trace: readonly TraceEvent[], topic: string, partition: number): BrokerId {
  for (const e of trace) {
    if (e.type === "partition.leader" && e.topic === topic && e.partition === partition && e.leader !== null) return e.leader;
  }
  return 1;
}

/** Rebuilds the shown broker's log of topic-partition as it was at tMs. */
export function rebuildLog(trace: readonly TraceEvent[], tMs: number, scenario: Scenario, topic: string, partition: number): RebuiltLog {
  const config = logConfigOf(scenario, topic);
  // Retention is replayed from the trace, so the rebuilt log itself never deletes by age or size.
  const log = new Log(
    { segmentBytes: config.segmentBytes, segmentMs: config.segmentMs, indexIntervalBytes: config.indexIntervalBytes, retentionMs: -1, retentionBytes: -1 },
    { topicPartition: `${topic}-${partition}` },
  );
  const broker = shownBroker(trace, topic, partition);
  const workloads = new Map<string, { key: string | null; valueBytes: number }>();
  for (const w of scenario.workload) if (w.type === "produce") workloads.set(w.client, { key: w.key ?? null, valueBytes: w.valueBytes });
  const sentAt = new Map<string, number>();
  /** Produce requests not yet matched to a batch, oldest first (for traces without ids). */
  const pending: { client: string; t: number }[] = [];
  let pendingHead = 0;
  const deletions: RetentionDeletion[] = [];
  let highWatermark = 0;
  let leaderEpoch = 0;
  let startedAtMs: number | null = null;

  for (let i = 0; i < trace.length; i++) {
    const e = trace[i];
    if (e.t > tMs) break;
    switch (e.type) {
      case "broker.started":
        if (e.broker === broker && startedAtMs === null) startedAtMs = e.t;
        break;
      case "produce.sent":
        if (e.topic !== topic || e.partition !== partition) break;
        if (e.ids.length > 0) sentAt.set(e.ids[0], e.t);
        else pending.push({ client: e.client, t: e.t });
        break;
      case "replica.role":
        if (e.broker === broker && e.topic === topic && e.partition === partition) leaderEpoch = Math.max(0, e.leaderEpoch);
        break;
      case "replica.append": {
        if (e.broker !== broker || e.topic !== topic || e.partition !== partition) break;
        const count = e.lastOffset - e.baseOffset + 1;
        let client = "";
        let timestamp = e.t;
        if (e.ids.length > 0) {
          client = clientOfRecordId(e.ids[0]);
          timestamp = sentAt.get(e.ids[0]) ?? e.t;
        } else if (pendingHead < pending.length) {
          const request = pending[pendingHead++];
          client = request.client;
          timestamp = request.t;
        }
        const shape = workloads.get(client) ?? (workloads.size === 1 ? [...workloads.values()][0] : { key: null, valueBytes: 0 });
        const records: SimRecord[] = [];
        for (let r = 0; r < count; r++) records.push({ key: shape.key, value: null, timestamp, id: e.ids[r] });
        // Built by hand rather than with assignOffsets, which would size every record again;
        // the size is the one batchSizeInBytes gives for these records with their real values.
        const batch: RecordBatch = {
          baseOffset: e.baseOffset,
          lastOffset: e.lastOffset,
          partitionLeaderEpoch: leaderEpoch,
          producerId: -1,
          producerEpoch: -1,
          baseSequence: -1,
          maxTimestamp: timestamp,
          sizeInBytes: batchSize(shape.key, shape.valueBytes, count),
          records,
        };
        if (batch.baseOffset >= log.logEndOffset) log.append(batch);
        break;
      }
      case "replica.truncate":
        if (e.broker === broker && e.topic === topic && e.partition === partition) log.truncateTo(e.toOffset);
        break;
      case "replica.hw":
        if (e.broker === broker && e.topic === topic && e.partition === partition) highWatermark = e.hw;
        break;
      case "log.segment-deleted": {
        if (e.broker !== broker || e.topic !== topic || e.partition !== partition) break;
        // Kafka rolls an empty active segment before deleting the last one, so the log never
        // has no segment; the replay does the same when the event deletes the active segment.
        if (e.baseOffset === log.activeSegment.baseOffset && log.activeSegment.sizeInBytes > 0) log.roll();
        log.maybeIncrementLogStartOffset(e.logStartOffset, log.logEndOffset);
        log.deleteOldSegments(e.t, log.logEndOffset);
        deletions.push({ t: e.t, baseOffset: e.baseOffset, file: e.file, reason: e.reason, logStartOffset: e.logStartOffset });
        break;
      }
      default:
        break;
    }
  }
  return { log, broker, topic, partition, highWatermark, deletions, config, startedAtMs };
}
