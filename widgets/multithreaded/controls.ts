import type { ConfigDef, ScenarioInput } from "../../engine/index";
import type { KnobSpec } from "../kit/knobs";
import { choiceRow, intRow } from "../kit/own-knobs";
import type { ActionSpec } from "../kit/spec";
import type { MultithreadedView } from "./fold";
import { consumerOf, MAX_PARTITIONS, MAX_THREADS, MODELS, settingsOf, withCrash, withSettings, type Settings } from "./presets";

/**
 * The multithreaded widget's knobs: the model, the number of threads, partitions, and the
 * processing time per record with its variation. None is a single field of the scenario (the
 * per-thread model is N consumer workloads, the pool is one workload with `workers`), so each
 * knob rebuilds the scene through withSettings and reads its value back through settingsOf.
 * Every change re-runs the scene from t = 0.
 */

function settingKnob<K extends keyof Settings>(id: K, labelKey: KnobSpec["labelKey"], def: ConfigDef, extra: Partial<KnobSpec> = {}): KnobSpec {
  return {
    id,
    scope: "consumer",
    key: id,
    // Where the first consumer keeps it; `read` is what the control shows.
    path: ["workload", 0, id],
    labelKey,
    def,
    read: (scenario: ScenarioInput) => settingsOf(scenario)[id],
    apply: (scenario, value) => withSettings(scenario, { [id]: value } as Partial<Settings>),
    ...extra,
  };
}

const modelDef = choiceRow({
  name: "model",
  scope: "consumer",
  default: "per-thread",
  values: MODELS,
  doc: "How the application uses threads: one KafkaConsumer per thread in one group, or one consumer polling for a pool of workers.",
});

const threadsDef = intRow({
  name: "threads",
  scope: "consumer",
  default: 4,
  min: 1,
  max: MAX_THREADS,
  step: 1,
  unit: "count",
  doc: "Consumers (one per thread) or workers of the pool.",
});

const partitionsDef = intRow({
  name: "partitions",
  scope: "topic",
  default: 3,
  min: 1,
  max: MAX_PARTITIONS,
  step: 1,
  unit: "count",
  doc: "Partitions of the topic: in one group, at most one consumer reads each.",
});

const processingDef = intRow({
  name: "processingMsPerRecord",
  scope: "consumer",
  default: 150,
  min: 50,
  max: 500,
  step: 50,
  unit: "ms",
  doc: "Simulated time the application spends on one record.",
});

const jitterDef = intRow({
  name: "processingJitterMs",
  scope: "consumer",
  default: 0,
  min: 0,
  max: 200,
  step: 25,
  unit: "ms",
  doc: "Each record's processing time varies by up to this much either way (drawn from the seed), so parallel workers finish in a different order than they started.",
});

export const modelKnob = settingKnob("model", "multithreaded.knob.model", modelDef, {
  path: ["workload", 0, "client"],
  choices: MODELS,
  choiceLabels: { "per-thread": "one consumer per thread", "worker-pool": "one poller + worker pool" },
});
export const threadsKnob = settingKnob("threads", "multithreaded.knob.threads", threadsDef, { path: ["workload", 0, "workers"] });
export const partitionsKnob = settingKnob("partitions", "multithreaded.knob.partitions", partitionsDef, { path: ["topics", 0, "partitions"] });
export const processingKnob = settingKnob("processingMs", "multithreaded.knob.processing", processingDef, { path: ["workload", 0, "processingMsPerRecord"] });
export const jitterKnob = settingKnob("jitterMs", "multithreaded.knob.jitter", jitterDef, { path: ["workload", 0, "processingJitterMs"] });

export const multithreadedKnobs: KnobSpec[] = [modelKnob, threadsKnob, partitionsKnob, processingKnob, jitterKnob];

/**
 * "Crash consumer-0" (per-thread model): its partitions go back to the group once the
 * coordinator expires it (session.timeout.ms), and a consumer that was idle takes them over:
 * the spare threads of this model are standbys, not waste.
 */
export const multithreadedActions: ActionSpec<MultithreadedView>[] = [
  {
    id: "crash-consumer",
    labelKey: "multithreaded.action.crash",
    labelParams: { client: consumerOf(0) },
    // An edit rather than a bare fault: the scene also runs longer, past the session timeout.
    edit: (scenario, atMs) => withCrash(scenario, consumerOf(0), atMs),
    visible: (view) => view.model === "per-thread",
    enabled: (view) => view.lanes.some((l) => l.client === consumerOf(0) && l.state !== "crashed" && l.state !== "not-started"),
  },
];
