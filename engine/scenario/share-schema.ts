import { z } from "zod";
import { ConfigValidationError, resolveConfig } from "../config/index.js";
import { SHARE_CONSUMER_UNSUPPORTED_CONFIGS } from "../consumer/share/kafka-share-consumer.js";

/**
 * Scenario schemas for share groups (KIP-932): the "share-consumer" workload and the
 * "share-consumer-crash" fault. Kept apart from schema.ts, which only lists them in its unions.
 */

const configValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const clientName = z.string().regex(/^[a-z][a-z0-9-]*$/, "lower-case letters, digits and '-'");

/** A KafkaShareConsumer application: poll, process each record, acknowledge it, poll again. */
export const shareConsumerWorkload = z
  .object({
    type: z.literal("share-consumer"),
    client: clientName.default("share-consumer-0"),
    /** The share group (group.id). Members of one group split the records of a partition between them. */
    groupId: z.string().min(1).max(249),
    topic: z.string().optional(),
    topics: z.array(z.string()).min(1).optional(),
    startMs: z.number().int().min(0).default(0),
    /** Simulated time spent on each record before it is acknowledged. */
    processingMsPerRecord: z.number().int().min(0).max(600_000).default(10),
    /** How long one poll() waits for records. */
    pollTimeoutMs: z.number().int().min(0).max(600_000).default(1_000),
    /** How records are acknowledged (explicit mode): accept, release (deliver again) or reject (archive). */
    ack: z.enum(["accept", "release", "reject"]).default("accept"),
    /** Every n-th processed record is acknowledged with failAck instead, to show redelivery. */
    failEvery: z.number().int().min(1).optional(),
    failAck: z.enum(["release", "reject"]).default("release"),
    /** The group config share.auto.offset.reset; Kafka's default is latest (records written before the group first reads are skipped). */
    shareAutoOffsetReset: z.enum(["earliest", "latest"]).optional(),
    /** Consumer configs by Kafka's names; share.acknowledgement.mode defaults to explicit here, so acknowledgements can vary. */
    config: z.record(z.string(), configValue).default({}),
  })
  .superRefine((w, ctx) => {
    if ((w.topic === undefined) === (w.topics === undefined)) {
      ctx.addIssue({ code: "custom", path: ["topic"], message: "give exactly one of topic (one name) or topics (a list)" });
    }
    const mode = String(w.config["share.acknowledgement.mode"] ?? "explicit").toLowerCase();
    if (mode === "implicit" && (w.ack !== "accept" || w.failEvery !== undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["ack"],
        message: `share.acknowledgement.mode is implicit, so every record is accepted; ack "${w.ack}"${w.failEvery !== undefined ? ` and failEvery ${w.failEvery}` : ""} need explicit mode`,
      });
    }
    if ("group.id" in w.config) ctx.addIssue({ code: "custom", path: ["config", "group.id"], message: "set the share group with groupId, not config[\"group.id\"]" });
  });

/** The share consumer's process dies at atMs: nothing is acknowledged or released; its locks expire on the leader. */
export const shareConsumerCrashFault = z.object({
  type: z.literal("share-consumer-crash"),
  atMs: z.number().int().min(0),
  client: z.string(),
});

export type ShareConsumerWorkloadInput = z.input<typeof shareConsumerWorkload>;
export type ShareConsumerWorkloadScenario = z.output<typeof shareConsumerWorkload>;
export type ShareConsumerCrashFault = z.output<typeof shareConsumerCrashFault>;

/**
 * The share-group checks that need the whole scenario: declared topics, consumer configs
 * through the config table (and the ones a share consumer refuses), crash faults naming a
 * share-consumer workload. Reports through `add(path, message, value)`.
 */
export function checkShareScenario(
  scenario: {
    workload: readonly ({ type: string; client: string } & Partial<Pick<ShareConsumerWorkloadScenario, "topic" | "topics" | "config">>)[];
    faults: readonly { type: string; atMs: number; client?: string }[];
  },
  topics: ReadonlyMap<string, number>,
  add: (path: string, message: string, value: unknown) => void,
): void {
  const declared = () => [...topics.keys()].join(", ") || "none";
  scenario.workload.forEach((w, i) => {
    if (w.type !== "share-consumer") return;
    for (const topic of w.topics ?? (w.topic !== undefined ? [w.topic] : [])) {
      if (!topics.has(topic)) add(`workload[${i}].${w.topics ? "topics" : "topic"}`, `unknown topic; declared topics: ${declared()}`, topic);
    }
    const config = w.config ?? {};
    for (const key of SHARE_CONSUMER_UNSUPPORTED_CONFIGS) {
      if (config[key] !== undefined) add(`workload[${i}].config["${key}"]`, "is not supported by a share consumer (KafkaShareConsumer): the share group decides it", config[key]);
    }
    try {
      resolveConfig("consumer", Object.fromEntries(Object.entries(config).filter(([key]) => !SHARE_CONSUMER_UNSUPPORTED_CONFIGS.includes(key))));
    } catch (error) {
      if (!(error instanceof ConfigValidationError)) throw error;
      for (const e of error.errors) add(`workload[${i}].config["${e.key}"]`, e.message, e.value);
    }
  });
  scenario.faults.forEach((f, i) => {
    if (f.type !== "share-consumer-crash") return;
    if (!scenario.workload.some((w) => w.type === "share-consumer" && w.client === f.client)) {
      add(`faults[${i}].client`, "no share-consumer workload has this client name", f.client);
    }
  });
}
