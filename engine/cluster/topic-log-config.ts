import type { ResolvedConfig } from "../config/index.js";
import type { LogConfig } from "./log/index.js";

/** The Log's settings from a topic's effective config (Kafka's LogConfig built from topic configs). */
export function logConfigFromTopicConfig(topic: ResolvedConfig<"topic"> | Readonly<Record<string, unknown>>): LogConfig {
  const t = topic as Readonly<Record<string, unknown>>;
  return {
    segmentBytes: t["segment.bytes"] as number,
    segmentMs: t["segment.ms"] as number,
    indexIntervalBytes: t["index.interval.bytes"] as number,
    retentionMs: t["retention.ms"] as number,
    retentionBytes: t["retention.bytes"] as number,
  };
}
