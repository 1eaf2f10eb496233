import type { Fault, ScenarioInput } from "../../engine/index";
import type { KnobSpec } from "../kit/knobs";
import { choiceRow, intRow, ownKnob } from "../kit/own-knobs";
import type { ActionSpec } from "../kit/spec";
import type { MessagingView } from "./fold";
import { consumerName, consumerWorkload, MAX_CONSUMERS, MAX_PARTITIONS, MIN_CONSUMERS, MIN_PARTITIONS, modelOf, MODELS, scene, TOPIC, type Model } from "./scene";

/**
 * The widget's knobs (model, consumers, partitions) and actions (crash a consumer, add one).
 * The three knobs are not Kafka configs: each rebuilds the whole scene from t = 0 (scene.ts),
 * keeping the other two values; the actions fork the run at the moment they are taken.
 */

type Workload = NonNullable<ScenarioInput["workload"]>[number];
const isConsumer = (w: Workload): boolean => w.type === "consumer" || w.type === "share-consumer";

export function consumerCount(scenario: ScenarioInput): number {
  return (scenario.workload ?? []).filter(isConsumer).length;
}

export function partitionCount(scenario: ScenarioInput): number {
  return scenario.topics?.find((topic) => topic.name === TOPIC)?.partitions ?? 3;
}

/** The scene again with one value changed (a knob rewrites the scenario from t = 0). */
function rebuild(scenario: ScenarioInput, change: Partial<{ model: Model; consumers: number; partitions: number }>): ScenarioInput {
  const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));
  return scene({
    model: change.model ?? modelOf(scenario),
    consumers: clamp(change.consumers ?? consumerCount(scenario), MIN_CONSUMERS, MAX_CONSUMERS),
    partitions: clamp(change.partitions ?? partitionCount(scenario), MIN_PARTITIONS, MAX_PARTITIONS),
    seed: scenario.seed,
  });
}

const modelDef = choiceRow({
  name: "model",
  scope: "consumer",
  default: "one-group",
  values: MODELS,
  doc: "How the consumers read the topic: all in one consumer group, each in a group of its own, or all in one share group.",
});

export const modelKnob: KnobSpec = ownKnob(modelDef, {
  id: "model",
  path: ["name"],
  labelKey: "messagingModels.knob.model",
  choices: MODELS,
  choiceLabels: { "one-group": "one group", "group-each": "a group each", "share-group": "share group" },
  read: (scenario) => modelOf(scenario),
  apply: (scenario, value) => rebuild(scenario, { model: value as Model }),
});

const consumersDef = intRow({
  name: "consumers",
  scope: "consumer",
  default: 3,
  min: MIN_CONSUMERS,
  max: MAX_CONSUMERS,
  step: 1,
  unit: "count",
  doc: "How many consumer applications read the topic.",
});

export const consumersKnob: KnobSpec = ownKnob(consumersDef, {
  id: "consumers",
  path: ["workload"],
  labelKey: "messagingModels.knob.consumers",
  read: consumerCount,
  apply: (scenario, value) => rebuild(scenario, { consumers: Number(value) }),
});

const partitionsDef = intRow({
  name: "partitions",
  scope: "topic",
  default: 3,
  min: MIN_PARTITIONS,
  max: MAX_PARTITIONS,
  step: 1,
  unit: "count",
  doc: "How many partitions the topic has; one key (one producer) per partition.",
});

export const partitionsKnob: KnobSpec = ownKnob(partitionsDef, {
  id: "partitions",
  path: ["topics", 0, "partitions"],
  labelKey: "messagingModels.knob.partitions",
  apply: (scenario, value) => rebuild(scenario, { partitions: Number(value) }),
});

export const messagingKnobs: KnobSpec[] = [modelKnob, consumersKnob, partitionsKnob];

/**
 * The consumer "Crash a consumer" aims at: in a share group the first one holding a locked
 * record (so the crash shows redelivery), else the last running one.
 */
export function consumerToCrash(view: MessagingView): string | null {
  const running = view.consumers.filter((c) => c.status !== "crashed" && c.status !== "waiting");
  if (running.length === 0) return null;
  if (view.model === "share-group") {
    const holders = new Set(view.partitions.flatMap((row) => row.records.map((r) => (r.share?.state === "acquired" ? r.share.holder : null))));
    const holding = running.find((c) => holders.has(c.client));
    if (holding) return holding.client;
  }
  const reading = running.filter((c) => c.status === "reading");
  return (reading.length > 0 ? reading : running)[(reading.length > 0 ? reading : running).length - 1].client;
}

export function crashFault(view: MessagingView, atMs: number): Fault | null {
  const client = consumerToCrash(view);
  if (!client) return null;
  return view.model === "share-group" ? { type: "share-consumer-crash", atMs, client } : { type: "consumer-crash", atMs, client };
}

/** "Add a consumer": one more consumer of the same model, starting at t (in its own group for "a group each"). */
export function addConsumer(scenario: ScenarioInput, tMs: number): ScenarioInput | null {
  const workloads = scenario.workload ?? [];
  const names = new Set(workloads.filter(isConsumer).map((w) => w.client));
  if (names.size >= MAX_CONSUMERS) return null;
  let n = 0;
  while (names.has(consumerName(n))) n++;
  const added = consumerWorkload(modelOf(scenario), n, Math.floor(tMs));
  return { ...scenario, workload: [...workloads, added] };
}

export const messagingActions: ActionSpec<MessagingView>[] = [
  {
    id: "crash-consumer",
    labelKey: "messagingModels.action.crash",
    fault: (atMs, view) => crashFault(view, atMs),
    enabled: (view) => consumerToCrash(view) !== null,
  },
  {
    id: "add-consumer",
    labelKey: "messagingModels.action.add",
    edit: (scenario, tMs) => addConsumer(scenario, tMs),
    enabled: (view) => view.consumers.length < MAX_CONSUMERS,
  },
];
