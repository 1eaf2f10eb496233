import type { BrokerId, Trace } from "../kernel/trace.js";
import { Log, type LogConfig } from "./log/index.js";
import { tpKey } from "./types.js";

/**
 * A broker's LogManager: the partition directories on its disk. It creates and deletes logs
 * and runs the retention task over them. Logs outlive a broker crash (they are on disk);
 * the replica manager's in-memory state does not.
 * Simplification: one log directory, no recovery point or flush scheduling (a process crash
 * loses nothing in this model).
 */
export class LogManager {
  private readonly logs = new Map<string, Log>();

  constructor(
    private readonly brokerId: BrokerId,
    private readonly trace: Trace,
  ) {}

  getOrCreateLog(topic: string, partition: number, config: LogConfig): Log {
    const key = tpKey(topic, partition);
    let log = this.logs.get(key);
    if (!log) {
      log = new Log(config, { topicPartition: key });
      this.logs.set(key, log);
    }
    return log;
  }

  deleteLog(topic: string, partition: number): void {
    this.logs.delete(tpKey(topic, partition));
  }

  /**
   * LogManager.cleanupLogs: for each log, delete whole segments past retention.ms or
   * retention.bytes (never past the partition's high watermark, which `highWatermarkOf`
   * gives), and narrate each deletion.
   */
  cleanupLogs(nowMs: number, highWatermarkOf: (topic: string, partition: number) => number | null): void {
    for (const [key, log] of this.logs) {
      const i = key.lastIndexOf("-");
      const topic = key.slice(0, i);
      const partition = Number(key.slice(i + 1));
      const highWatermark = highWatermarkOf(topic, partition);
      if (highWatermark === null) continue;
      const { deleted } = log.deleteOldSegments(nowMs, highWatermark);
      for (const segment of deleted) {
        this.trace.emit({
          t: nowMs,
          type: "log.segment-deleted",
          broker: this.brokerId,
          topic,
          partition,
          baseOffset: segment.baseOffset,
          file: segment.segmentFile,
          reason: segment.reason,
          logStartOffset: log.logStartOffset,
        });
      }
    }
  }
}
