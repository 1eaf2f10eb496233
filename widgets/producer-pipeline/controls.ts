import { resolveProducerConfig, type Fault, type ScenarioInput } from "../../engine/index";
import type { KnobSpec } from "../kit/knobs";
import type { ActionSpec } from "../kit/spec";
import { cloneScenario } from "../kit/fork";
import type { PipelineView } from "./fold";
import { KEYS } from "./presets";
import { workloadConfig } from "./settings";

/**
 * The pipeline's knobs (producer configs from the config table) and actions. Producer configs
 * are fixed when a KafkaProducer is constructed, so a knob rewrites the scenario's producer
 * config and the run is simulated again from t = 0.
 */

function producerKnob(id: string, key: string, labelKey: KnobSpec["labelKey"], extra: Partial<KnobSpec> = {}): KnobSpec {
  return { id, scope: "producer", key, path: ["workload", 0, "config", key], labelKey, ...extra };
}

// Ranges sized for this stage: a few records per batch, a buffer of a few batches.
export const batchSizeKnob = producerKnob("batch.size", "batch.size", "producerPipeline.knob.batch.size", { range: { min: 256, max: 4096, step: 256 } });
export const lingerKnob = producerKnob("linger.ms", "linger.ms", "producerPipeline.knob.linger.ms", { range: { min: 0, max: 1000, step: 10 } });
export const bufferMemoryKnob = producerKnob("buffer.memory", "buffer.memory", "producerPipeline.knob.buffer.memory", { range: { min: 1024, max: 32768, step: 1024 } });
export const maxInFlightKnob = producerKnob("max.in.flight.requests.per.connection", "max.in.flight.requests.per.connection", "producerPipeline.knob.max.in.flight", { range: { min: 1, max: 5, step: 1 } });
export const acksKnob = producerKnob("acks", "acks", "producerPipeline.knob.acks", { choices: ["0", "1", "all"] });

/**
 * Whether the producer is idempotent as KafkaProducer resolves it: left unset, it is on unless
 * acks or retries quietly turn it off (acks=0 shows "off"). A conflicting explicit setting is
 * the config's own error, which the widget shows; the switch then shows what was asked for.
 */
export function idempotenceOf(scenario: ScenarioInput): boolean | undefined {
  const config = workloadConfig(scenario);
  try {
    return resolveProducerConfig(config)["enable.idempotence"];
  } catch {
    const asked = config["enable.idempotence"];
    return typeof asked === "boolean" ? asked : undefined;
  }
}

export const idempotenceKnob = producerKnob("enable.idempotence", "enable.idempotence", "producerPipeline.knob.idempotence", { read: idempotenceOf });

export const pipelineKnobs: KnobSpec[] = [batchSizeKnob, lingerKnob, bufferMemoryKnob, maxInFlightKnob, acksKnob, idempotenceKnob];

/** How many "send now" actions the scenario already has: keyed sends take the keys in turn. */
export function manualSends(scenario: { faults?: readonly { type: string }[] }): number {
  return (scenario.faults ?? []).filter((f) => f.type === "producer-send").length;
}

/** The key of the next "Send" action: the next customer in turn, or null for keyless records. */
export function nextSendKey(view: PipelineView): string | null {
  if (!view.keyed) return null;
  const keys = view.keys.length > 0 ? view.keys : [...KEYS];
  return keys[view.manualSends % keys.length];
}

/** The producer-send fault: `count` more records from the producer at t, all at once. */
export function sendFault(atMs: number, view: PipelineView, count: number): Fault {
  return { type: "producer-send", atMs, client: view.client, count, key: nextSendKey(view), intervalMs: 0 };
}

/** Keyed or keyless records: the producer's own stream and every later "Send" follow the choice. */
export function withKeys(scenario: ScenarioInput, keyed: boolean): ScenarioInput {
  const next = cloneScenario(scenario);
  const workload = (next.workload ?? []) as { type: string; keys?: string[] | null }[];
  const producer = workload.find((w) => w.type === "producer");
  if (producer) producer.keys = keyed ? [...KEYS] : null;
  return next;
}

export const pipelineActions: ActionSpec<PipelineView>[] = [
  { id: "send-1", labelKey: "producerPipeline.action.send1", fault: (atMs, view) => sendFault(atMs, view, 1) },
  { id: "send-10", labelKey: "producerPipeline.action.send10", fault: (atMs, view) => sendFault(atMs, view, 10) },
  { id: "send-100", labelKey: "producerPipeline.action.send100", fault: (atMs, view) => sendFault(atMs, view, 100) },
  { id: "keyless", labelKey: "producerPipeline.action.keyless", edit: (scenario) => withKeys(scenario, false), visible: (view) => view.keyed },
  { id: "keyed", labelKey: "producerPipeline.action.keyed", edit: (scenario) => withKeys(scenario, true), visible: (view) => !view.keyed },
];
