import type { z } from "zod";
import { ConfigValidationError, describeAllowed, effectiveTopicConfig, findConfigDef, resolveConfig, resolveConsumerConfig, resolveProducerConfig } from "../config/index.js";
import { configureDeliveryTimeout } from "../producer/delivery-timeout.js";
import { INTERCEPTOR_NAMES, interceptorFromName } from "../producer/interceptors.js";
import { scenarioSchema, type Scenario } from "./schema.js";
import { consumerFaultIssues, consumerSeekIssues, consumerWorkloadIssues } from "./consumer-schema.js";
import { checkShareScenario } from "./share-schema.js";

/** One problem in a scenario: where it is, what was there, and what is allowed. */
export interface ScenarioIssue {
  /** Dotted path into the scenario, e.g. "topics[0].replicationFactor". */
  path: string;
  message: string;
  /** The value found there (undefined when missing). */
  value: unknown;
}

/**
 * An invalid scenario. Every issue is listed (nothing is dropped after the first), and the
 * message reads as a list a person can act on.
 */
export class ScenarioValidationError extends Error {
  constructor(readonly issues: ScenarioIssue[]) {
    super(`Invalid scenario (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n${issues.map((i) => `- ${i.path || "(root)"}: ${i.message}${describeValue(i.value)}`).join("\n")}`);
    this.name = "ScenarioValidationError";
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return "";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return ` (got ${text.length > 60 ? `${text.slice(0, 57)}...` : text})`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`)).join("");
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

function fromZod(error: z.ZodError, input: unknown): ScenarioIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message, value: valueAt(input, issue.path) }));
}

/**
 * Parses and validates a scenario: the schema first, then what the schema cannot see
 * (configs against the config table, replication factors against the broker count,
 * references to topics, partitions and brokers that must exist).
 */
export function parseScenario(input: unknown): Scenario {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) throw new ScenarioValidationError(fromZod(parsed.error, input));
  const scenario = parsed.data;
  const issues: ScenarioIssue[] = [];
  const add = (path: string, message: string, value: unknown) => issues.push({ path, message, value });

  let brokerConfig: Record<string, unknown> = {};
  try {
    brokerConfig = resolveConfig("broker", scenario.cluster.config) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    for (const e of error.errors) add(`cluster.config["${e.key}"]`, e.message, e.value);
  }
  const { brokers } = scenario.cluster;
  const { latencyMsMin, latencyMsMax } = scenario.cluster.network;
  if (latencyMsMin > latencyMsMax) add("cluster.network.latencyMsMax", `must be >= latencyMsMin (${latencyMsMin})`, latencyMsMax);

  const topics = new Map<string, number>();
  scenario.topics.forEach((topic, i) => {
    if (topics.has(topic.name)) add(`topics[${i}].name`, "duplicate topic name", topic.name);
    topics.set(topic.name, topic.partitions);
    if (topic.replicationFactor > brokers) {
      add(`topics[${i}].replicationFactor`, `InvalidReplicationFactorException: Replication factor: ${topic.replicationFactor} larger than available brokers: ${brokers}.`, topic.replicationFactor);
    }
    try {
      effectiveTopicConfig(brokerConfig, topic.config);
    } catch (error) {
      if (!(error instanceof ConfigValidationError)) throw error;
      for (const e of error.errors) add(`topics[${i}].config["${e.key}"]`, e.message, e.value);
    }
    topic.assignment?.forEach((replicas, p) => {
      if (replicas.length !== topic.replicationFactor) add(`topics[${i}].assignment[${p}]`, `must list replicationFactor (${topic.replicationFactor}) brokers`, replicas);
      if (new Set(replicas).size !== replicas.length) add(`topics[${i}].assignment[${p}]`, "lists a broker twice", replicas);
      for (const id of replicas) if (id > brokers) add(`topics[${i}].assignment[${p}]`, `broker ${id} does not exist (brokers are 1..${brokers})`, replicas);
    });
    if (topic.assignment && topic.assignment.length !== topic.partitions) {
      add(`topics[${i}].assignment`, `must have one replica list per partition (${topic.partitions})`, topic.assignment.length);
    }
  });

  const checkTopicPartition = (path: string, topic: string | undefined, partition: number | undefined) => {
    if (topic === undefined) return;
    const count = topics.get(topic);
    if (count === undefined) add(`${path}.topic`, `unknown topic; declared topics: ${[...topics.keys()].join(", ") || "none"}`, topic);
    else if (partition !== undefined && partition >= count) add(`${path}.partition`, `topic "${topic}" has partitions 0..${count - 1}`, partition);
  };
  const clients = new Set<string>();
  scenario.workload.forEach((w, i) => {
    checkTopicPartition(`workload[${i}]`, w.type !== "share-consumer" && "topic" in w ? w.topic : undefined, "partition" in w ? w.partition : undefined);
    if (clients.has(w.client)) add(`workload[${i}].client`, "duplicate client name", w.client);
    clients.add(w.client);
    if (w.type === "producer") checkProducerWorkload(w, `workload[${i}]`, add);
    if (w.type === "consumer") for (const issue of consumerWorkloadIssues(w, `workload[${i}]`, topics, resolveConsumerConfig)) add(issue.path, issue.message, issue.value);
  });
  const consumerWorkloads = scenario.workload.flatMap((w) => (w.type === "consumer" ? [w] : []));
  const consumerClients = new Set(consumerWorkloads.map((w) => w.client));
  scenario.faults.forEach((f, i) => {
    const path = `faults[${i}]`;
    for (const issue of consumerFaultIssues(f, path, consumerClients)) add(issue.path, issue.message, issue.value);
    for (const issue of consumerSeekIssues(f, path, topics, consumerWorkloads)) add(issue.path, issue.message, issue.value);
    if (f.atMs > scenario.durationMs) add(`${path}.atMs`, `is after the end of the run (durationMs ${scenario.durationMs})`, f.atMs);
    if ("broker" in f && typeof f.broker === "number" && f.broker > brokers) add(`${path}.broker`, `broker ${f.broker} does not exist (brokers are 1..${brokers})`, f.broker);
    if ((f.type === "crash" || f.type === "isolate") && f.broker === "leader") {
      if (f.topic === undefined) add(`${path}.topic`, 'required when broker is "leader"', undefined);
      checkTopicPartition(path, f.topic, f.partition ?? 0);
    }
    if (f.type === "topic-config") {
      checkTopicPartition(path, f.topic, undefined);
      try {
        effectiveTopicConfig(brokerConfig, f.config);
      } catch (error) {
        if (!(error instanceof ConfigValidationError)) throw error;
        for (const e of error.errors) add(`${path}.config["${e.key}"]`, e.message, e.value);
      }
    }
    if (f.type === "producer-acks" && !scenario.workload.some((w) => w.type === "produce" && w.client === f.client)) {
      const isProducer = scenario.workload.some((w) => w.type === "producer" && w.client === f.client);
      add(
        `${path}.client`,
        isProducer
          ? 'is a "producer" workload: a KafkaProducer reads acks once, when it is created, so it cannot change mid-run; use a second producer workload with the other acks, or a "produce" workload'
          : "no produce workload has this client name",
        f.client,
      );
    }
    if (f.type === "producer-send" && !scenario.workload.some((w) => w.type === "producer" && w.client === f.client)) {
      add(`${path}.client`, 'no "producer" workload has this client name', f.client);
    }
    if (f.type === "cut") {
      for (const node of [...f.a, ...f.b]) if (typeof node === "number" && node > brokers) add(`${path}`, `broker ${node} does not exist (brokers are 1..${brokers})`, node);
    }
  });
  checkShareScenario(scenario, topics, add);
  if (scenario.healAtMs !== undefined && scenario.healAtMs > scenario.durationMs) add("healAtMs", `is after the end of the run (durationMs ${scenario.durationMs})`, scenario.healAtMs);
  if (issues.length > 0) throw new ScenarioValidationError(issues);
  return scenario;
}

/**
 * A "producer" workload's own checks: its configs through the config table and Kafka's
 * idempotence rules (resolveProducerConfig), and its interceptor names.
 */
function checkProducerWorkload(
  w: Extract<Scenario["workload"][number], { type: "producer" }>,
  path: string,
  add: (path: string, message: string, value: unknown) => void,
): void {
  try {
    configureDeliveryTimeout(resolveProducerConfig(w.config), w.config);
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    for (const e of error.errors) {
      const allowed = e.allowed || describeAllowedFor(e.key);
      add(`${path}.config["${e.key}"]`, `${e.message}${allowed ? ` (allowed: ${allowed})` : ""}`, e.value);
    }
  }
  w.interceptors?.forEach((name, j) => {
    if (!interceptorFromName(name)) add(`${path}.interceptors[${j}]`, `unknown interceptor; allowed: ${INTERCEPTOR_NAMES.join(", ")}`, name);
  });
}

function describeAllowedFor(key: string): string {
  const def = findConfigDef("producer", key);
  return def ? describeAllowed(def) : "";
}
