import type { ConfigValue, ScenarioInput } from "../../engine/index";
import type { KnobSpec } from "../kit/knobs";
import { intRow, ownKnob } from "../kit/own-knobs";
import { durationFor, setupOf } from "./presets";

/**
 * The send-modes knobs. Both producers must always share their settings (the comparison is
 * the calling style, nothing else), so every knob writes its value into both workloads.
 */

type Workload = Record<string, unknown> & { config?: Record<string, unknown> };

function eachProducer(scenario: ScenarioInput, edit: (w: Workload) => Workload): ScenarioInput {
  const workload = ((scenario.workload ?? []) as unknown as Workload[]).map((w) => (w.type === "producer" ? edit(w) : w));
  return withDuration({ ...scenario, workload } as ScenarioInput);
}

/** Every knob change also fits the run's length to the new settings (see durationFor). */
function withDuration(scenario: ScenarioInput): ScenarioInput {
  return { ...scenario, durationMs: durationFor(setupOf(scenario)) };
}

function producerConfigKnob(key: "linger.ms" | "acks", labelKey: KnobSpec["labelKey"], extra: Partial<KnobSpec> = {}): KnobSpec {
  return {
    id: key,
    scope: "producer",
    key,
    path: ["workload", 0, "config", key],
    labelKey,
    apply: (scenario, value) => eachProducer(scenario, (w) => ({ ...w, config: { ...(w.config ?? {}), [key]: value } })),
    ...extra,
  };
}

export const lingerKnob = producerConfigKnob("linger.ms", "sendModes.knob.linger", { range: { min: 0, max: 100, step: 1 } });
export const acksKnob = producerConfigKnob("acks", "sendModes.knob.acks", { choices: ["0", "1", "all"] });

/** Not a Kafka config: how many records each producer sends. */
const recordsDef = intRow({
  name: "records",
  scope: "producer",
  default: 12,
  min: 1,
  max: 40,
  step: 1,
  unit: "records",
  doc: "How many records each of the two producers sends, all at t = 0.",
});

export const recordsKnob: KnobSpec = ownKnob(recordsDef, {
  id: "records",
  path: ["workload", 0, "count"],
  labelKey: "sendModes.knob.records",
  apply: (scenario, value: ConfigValue) => eachProducer(scenario, (w) => ({ ...w, count: value })),
});

/** Not a Kafka config: the simulated network's one-way latency between any two nodes. */
const latencyDef = intRow({
  name: "network latency",
  scope: "broker",
  default: 2,
  min: 0,
  max: 100,
  step: 1,
  unit: "ms",
  doc: "One-way delay of every message between two nodes (client to broker, broker to broker).",
});

export const latencyKnob: KnobSpec = ownKnob(latencyDef, {
  id: "network-latency",
  path: ["cluster", "network", "latencyMsMin"],
  labelKey: "sendModes.knob.latency",
  // Simplification: one fixed latency (min = max), so every round trip takes the same time and
  // the staircase's steps are even.
  apply: (scenario, value) => {
    const ms = Number(value);
    const cluster = scenario.cluster ?? { brokers: 3 };
    return withDuration({ ...scenario, cluster: { ...cluster, network: { ...(cluster.network ?? {}), latencyMsMin: ms, latencyMsMax: ms } } } as ScenarioInput);
  },
});
