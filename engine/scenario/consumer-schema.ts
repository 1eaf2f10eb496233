import { z } from "zod";

/**
 * Scenario schemas for the KafkaConsumer labs: the "consumer" workload (an application's poll
 * loop on a real KafkaConsumer in a consumer group) and its faults. Kept apart from schema.ts,
 * which only lists them in its unions.
 */

const configValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const clientName = z.string().regex(/^[a-z][a-z0-9-]*$/, "lower-case letters, digits and '-'");
const timeMs = z.number().int().min(0);

/** Where a "consumer-crash" fault kills the process: the next time the poll loop reaches this step. */
export const consumerCrashStep = z.enum(["after-poll", "mid-batch", "after-processing", "before-commit", "after-commit"]);
export type ConsumerCrashStep = z.infer<typeof consumerCrashStep>;

/**
 * A consumer application: poll(pollTimeoutMs), process every record (processingMsPerRecord
 * each), commit as `commit` says, poll again.
 * - commit "auto": enable.auto.commit (Kafka's default): commits happen inside a later poll().
 * - "sync-after-processing": commitSync() once the batch is processed (at-least-once).
 * - "sync-before-processing": commitSync() right after poll(), then process (at-most-once).
 * - "async-after-processing": commitAsync() after processing, without waiting.
 */
export const consumerWorkload = z
  .object({
    type: z.literal("consumer"),
    client: clientName.default("consumer-0"),
    /** group.id; null for a consumer with a manual assignment and no group. */
    groupId: z.string().min(1).max(249).nullable().default("group-0"),
    /** subscribe(topics) */
    topics: z.array(z.string()).min(1).optional(),
    /** subscribe(Pattern): a Java regular expression matched against whole topic names. */
    pattern: z.string().min(1).optional(),
    /** assign(partitions): manual assignment, no rebalancing. */
    assignment: z.array(z.object({ topic: z.string(), partition: z.number().int().min(0) })).min(1).optional(),
    startMs: timeMs.default(0),
    /** Simulated time to process one record, in ms. */
    processingMsPerRecord: z.number().int().min(0).max(600_000).default(10),
    /** Each record's processing time varies by up to this much either way (drawn from the seed), in ms. */
    processingJitterMs: z.number().int().min(0).max(600_000).default(0),
    /** The timeout of each poll() call, in ms. */
    pollTimeoutMs: z.number().int().min(0).max(600_000).default(100),
    commit: z.enum(["auto", "sync-after-processing", "sync-before-processing", "async-after-processing"]).default("auto"),
    /** "commit-on-revoke": the ConsumerRebalanceListener commits the positions of the partitions being revoked. */
    listener: z.enum(["none", "commit-on-revoke"]).default("none"),
    /** One poller feeding a pool of this many workers (1: the poll loop processes itself). */
    workers: z.number().int().min(1).max(64).default(1),
    keyDeserializer: z.enum(["string", "integer"]).default("string"),
    valueDeserializer: z.enum(["string", "integer"]).default("string"),
    /** Consumer configs by Kafka's names (max.poll.records, session.timeout.ms ...). */
    config: z.record(z.string(), configValue).default({}),
  })
  .superRefine((w, ctx) => {
    const given = [w.topics, w.pattern, w.assignment].filter((x) => x !== undefined).length;
    if (given !== 1) ctx.addIssue({ code: "custom", path: ["topics"], message: "give exactly one of topics (subscribe), pattern (subscribe to a regex) or assignment (assign)" });
    if (w.groupId === null && w.assignment === undefined) ctx.addIssue({ code: "custom", path: ["groupId"], message: "subscribe needs a group; only a manual assignment may run without a groupId" });
    if (w.groupId === null && w.commit !== "auto") ctx.addIssue({ code: "custom", path: ["commit"], message: `commit "${w.commit}" needs a groupId: offsets are committed to a group` });
    if ("group.id" in w.config) ctx.addIssue({ code: "custom", path: ["config", "group.id"], message: 'set the group with groupId, not config["group.id"]' });
    if (w.pattern !== undefined) {
      try {
        new RegExp(w.pattern);
      } catch (e) {
        ctx.addIssue({ code: "custom", path: ["pattern"], message: `not a valid regular expression: ${(e as Error).message}` });
      }
    }
  });

/** The consumer's process dies, at atMs or at the next `at` step after atMs: no commit, no LeaveGroup. */
export const consumerCrashFault = z.object({ type: z.literal("consumer-crash"), atMs: timeMs, client: z.string(), at: consumerCrashStep.optional() });
/** A crashed consumer starts again (a new member; it resumes from the group's committed offsets). */
export const consumerRestartFault = z.object({ type: z.literal("consumer-restart"), atMs: timeMs, client: z.string() });
/** The poll loop blocks for durationMs (a slow record, a long GC pause): past max.poll.interval.ms the member leaves. */
export const consumerStallFault = z.object({ type: z.literal("consumer-stall"), atMs: timeMs, client: z.string(), durationMs: z.number().int().min(1).max(3_600_000) });
/** The consumer starts (again) and joins its group. */
export const consumerJoinFault = z.object({ type: z.literal("consumer-join"), atMs: timeMs, client: z.string() });
/** The consumer closes cleanly: commits (auto-commit), revokes, sends LeaveGroup. */
export const consumerLeaveFault = z.object({ type: z.literal("consumer-leave"), atMs: timeMs, client: z.string() });

/** Where a "consumer-seek" moves the position: Kafka's seek, seekToBeginning, seekToEnd, or offsetsForTimes then seek. */
export const consumerSeekTarget = z.union(
  [
    z.literal("beginning"),
    z.literal("end"),
    z.strictObject({ offset: z.number().int("a seek offset must be a whole number").min(0, "a seek offset must be >= 0") }),
    /** A record timestamp in ms: the position goes to the first record whose timestamp is at or after it. */
    z.strictObject({ timestamp: z.number().int("a seek timestamp must be a whole number of ms").min(0, "a seek timestamp must be >= 0 ms") }),
  ],
  { error: 'allowed: "beginning", "end", { "offset": n } or { "timestamp": ms }, with n and ms whole numbers >= 0' },
);
export type ConsumerSeekTarget = z.infer<typeof consumerSeekTarget>;

/**
 * The application moves its position (seek) at the next turn of its poll loop after atMs: for
 * `partition` of `topic`, or for every partition of `topic` it holds then when `partition` is
 * absent. As in Kafka, only a partition the consumer currently holds can be sought.
 */
export const consumerSeekFault = z.object({
  type: z.literal("consumer-seek"),
  atMs: timeMs,
  client: z.string(),
  topic: z.string(),
  partition: z.number().int().min(0).optional(),
  to: consumerSeekTarget,
});

export const consumerFaults = [consumerCrashFault, consumerRestartFault, consumerStallFault, consumerJoinFault, consumerLeaveFault, consumerSeekFault] as const;

export type ConsumerWorkloadSpec = z.output<typeof consumerWorkload>;

/** One problem found by the checks the schema cannot make (configs, topics, fault targets). */
export interface ConsumerIssue {
  path: string;
  message: string;
  value: unknown;
}

/**
 * A "consumer" workload's checks beyond the schema: its configs through the config table and
 * Kafka's ConsumerConfig rules (Kafka's ConfigException wording), its topics and partitions.
 */
export function consumerWorkloadIssues(w: ConsumerWorkloadSpec, path: string, topics: ReadonlyMap<string, number>, resolve: (config: Record<string, unknown>) => void): ConsumerIssue[] {
  const issues: ConsumerIssue[] = [];
  const config: Record<string, unknown> = { ...w.config };
  if (w.groupId !== null) config["group.id"] = w.groupId;
  try {
    resolve(config);
  } catch (error) {
    const errors = (error as { errors?: { key: string; message: string; value: unknown }[] }).errors;
    if (!errors) throw error;
    for (const e of errors) issues.push({ path: `${path}.config["${e.key}"]`, message: e.message, value: e.value });
  }
  const known = [...topics.keys()].join(", ") || "none";
  w.topics?.forEach((topic, j) => {
    if (!topics.has(topic)) issues.push({ path: `${path}.topics[${j}]`, message: `unknown topic; declared topics: ${known}`, value: topic });
  });
  w.assignment?.forEach((tp, j) => {
    const count = topics.get(tp.topic);
    if (count === undefined) issues.push({ path: `${path}.assignment[${j}].topic`, message: `unknown topic; declared topics: ${known}`, value: tp.topic });
    else if (tp.partition >= count) issues.push({ path: `${path}.assignment[${j}].partition`, message: `topic "${tp.topic}" has partitions 0..${count - 1}`, value: tp.partition });
  });
  return issues;
}

const CONSUMER_FAULTS: ReadonlySet<string> = new Set(["consumer-crash", "consumer-restart", "consumer-stall", "consumer-join", "consumer-leave", "consumer-seek"]);

/** A consumer fault must name a "consumer" workload. */
export function consumerFaultIssues(fault: { type: string; client?: string }, path: string, consumerClients: ReadonlySet<string>): ConsumerIssue[] {
  if (!CONSUMER_FAULTS.has(fault.type) || fault.client === undefined || consumerClients.has(fault.client)) return [];
  return [{ path: `${path}.client`, message: `no "consumer" workload has this client name; consumer workloads: ${[...consumerClients].join(", ") || "none"}`, value: fault.client }];
}

/**
 * A "consumer-seek" must name a topic (and partition) that exists and that its consumer reads:
 * a seek on a topic the consumer never subscribes to or assigns could never succeed.
 */
export function consumerSeekIssues(
  fault: { type: string; client?: string; topic?: string; partition?: number },
  path: string,
  topics: ReadonlyMap<string, number>,
  consumers: readonly Pick<ConsumerWorkloadSpec, "client" | "topics" | "pattern" | "assignment">[],
): ConsumerIssue[] {
  if (fault.type !== "consumer-seek" || fault.topic === undefined) return [];
  const count = topics.get(fault.topic);
  if (count === undefined) return [{ path: `${path}.topic`, message: `unknown topic; declared topics: ${[...topics.keys()].join(", ") || "none"}`, value: fault.topic }];
  if (fault.partition !== undefined && fault.partition >= count) return [{ path: `${path}.partition`, message: `topic "${fault.topic}" has partitions 0..${count - 1}`, value: fault.partition }];
  const w = consumers.find((c) => c.client === fault.client);
  if (!w || w.pattern !== undefined) return [];
  const reads = w.topics ?? [...new Set(w.assignment?.map((tp) => tp.topic))];
  if (reads.includes(fault.topic)) return [];
  return [{ path: `${path}.topic`, message: `${w.client} never reads this topic, so it can hold none of its partitions; it reads: ${reads.join(", ")}`, value: fault.topic }];
}
