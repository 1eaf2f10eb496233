import { findConfigDef, validateConfig, type Scenario } from "../../engine/index";

/**
 * The producer configs the pipeline draws against (batch.size for a batch's fill,
 * linger.ms for its clock, buffer.memory for the gauge, max.in.flight for the slots).
 * Read from the producer.created event when the trace has one (the engine's resolved
 * config), else from the scenario with the config table's defaults.
 */
export interface ProducerSettings {
  batchSize: number;
  lingerMs: number;
  bufferMemory: number;
  maxBlockMs: number;
  maxInFlight: number;
  acks: "0" | "1" | "all";
}

const keys = {
  batchSize: "batch.size",
  lingerMs: "linger.ms",
  bufferMemory: "buffer.memory",
  maxBlockMs: "max.block.ms",
  maxInFlight: "max.in.flight.requests.per.connection",
} as const;

type RawConfig = Readonly<Record<string, unknown>>;

/** The scenario's first producer workload's config overrides. */
export function workloadConfig(scenario: Pick<Scenario, "workload"> | { workload?: readonly unknown[] }): RawConfig {
  const workload = (scenario.workload ?? []) as readonly { type?: string; config?: RawConfig }[];
  return workload.find((w) => w.type === "producer")?.config ?? {};
}

export function producerSettings(scenario: Scenario, created: RawConfig | null): ProducerSettings {
  const raw = { ...workloadConfig(scenario), ...(created ?? {}) };
  const number = (key: string): number => {
    const value = read(key, raw[key]);
    return typeof value === "number" ? value : 0;
  };
  const acks = String(read("acks", raw.acks));
  return {
    batchSize: number(keys.batchSize),
    lingerMs: number(keys.lingerMs),
    bufferMemory: number(keys.bufferMemory),
    maxBlockMs: number(keys.maxBlockMs),
    maxInFlight: number(keys.maxInFlight),
    acks: acks === "0" || acks === "1" ? acks : "all",
  };
}

/** A config value through the table: normalized, or the table's default when unset or refused. */
function read(key: string, value: unknown): unknown {
  try {
    return value === undefined ? validateConfig("producer", key, defaultOf(key)) : validateConfig("producer", key, value);
  } catch {
    return validateConfig("producer", key, defaultOf(key));
  }
}

function defaultOf(key: string): unknown {
  return findConfigDef("producer", key)?.default;
}
