import type { ScenarioInput } from "../../engine/index";
import type { KnobSpec } from "../kit/knobs";
import { knobValueAt } from "../kit/knobs";
import { choiceRow, intRow, ownKnob } from "../kit/own-knobs";
import type { ActionSpec } from "../kit/spec";
import type { CommitTimingView } from "./fold";
import { COMMIT_STRATEGIES, CONSUMER, CONSUMER_INDEX, CRASH_STEPS, type CrashStep } from "./presets";
import { seekActions } from "./seek";

/**
 * The lab's knobs and actions. Consumer settings are written into the scenario's consumer
 * workload (a change re-runs the whole lab from t = 0, so the same crash replays under the new
 * setting). The crash step is where the lab's crashes happen: the knob moves every crash of
 * the run to that step, and "Crash consumer" adds one at the chosen step.
 */

type Workload = Record<string, unknown> & { type: string; config?: Record<string, unknown> };

/** Applies `edit` to every "consumer" workload (the lab has one). */
function eachConsumer(scenario: ScenarioInput, edit: (w: Workload) => Workload): ScenarioInput {
  const workload = ((scenario.workload ?? []) as unknown as Workload[]).map((w) => (w.type === "consumer" ? edit(w) : w));
  return { ...scenario, workload } as ScenarioInput;
}

const configKnob = (key: string, labelKey: KnobSpec["labelKey"], extra: Partial<KnobSpec> = {}): KnobSpec => ({
  id: key,
  scope: "consumer",
  key,
  path: ["workload", CONSUMER_INDEX, "config", key],
  labelKey,
  apply: (scenario, value) => eachConsumer(scenario, (w) => ({ ...w, config: { ...(w.config ?? {}), [key]: value } })),
  ...extra,
});

/** Not a Kafka config: how the lab's application commits (engine/scenario/consumer-schema.ts). */
const commitDef = choiceRow({
  name: "commit strategy",
  scope: "consumer",
  default: "sync-after-processing",
  values: COMMIT_STRATEGIES,
  doc: "When the application commits: auto (enable.auto.commit, inside poll()), commitSync after or before processing each batch, or commitAsync after processing.",
});

export const commitKnob: KnobSpec = ownKnob(commitDef, {
  id: "commit",
  path: ["workload", CONSUMER_INDEX, "commit"],
  labelKey: "commitTiming.knob.commit",
  choiceLabels: { auto: "auto", "sync-after-processing": "sync after", "sync-before-processing": "sync before", "async-after-processing": "async after" },
  apply: (scenario, value) => eachConsumer(scenario, (w) => ({ ...w, commit: value })),
});

export const autoCommitIntervalKnob = configKnob("auto.commit.interval.ms", "commitTiming.knob.autoCommitInterval", { range: { min: 500, max: 10_000, step: 500 } });
export const maxPollRecordsKnob = configKnob("max.poll.records", "commitTiming.knob.maxPollRecords", { range: { min: 1, max: 10, step: 1 } });
export const autoOffsetResetKnob = configKnob("auto.offset.reset", "commitTiming.knob.autoOffsetReset", { choices: ["earliest", "latest", "none"] });

/** Not a Kafka config: the simulated time the application spends on one record. */
const processingDef = intRow({
  name: "processing time per record",
  scope: "consumer",
  default: 250,
  min: 10,
  max: 1000,
  step: 10,
  unit: "ms",
  doc: "How long the application works on one record before taking the next.",
});

export const processingKnob: KnobSpec = ownKnob(processingDef, {
  id: "processing",
  path: ["workload", CONSUMER_INDEX, "processingMsPerRecord"],
  labelKey: "commitTiming.knob.processing",
  apply: (scenario, value) => eachConsumer(scenario, (w) => ({ ...w, processingMsPerRecord: value })),
});

/** Not a Kafka config: the step of the poll loop at which the lab's crashes kill the process. */
const crashStepDef = choiceRow({
  name: "crash at",
  scope: "consumer",
  default: "mid-batch",
  values: CRASH_STEPS,
  doc: "The step of the poll loop at which the consumer dies: right after poll() returns, halfway through the batch, after processing it, just before or just after the commit.",
});

type FaultLike = { type: string; at?: string };

/** The first crash fault of the scenario holds the step the knob shows (the presets put it first). */
function firstCrashIndex(scenario: ScenarioInput): number {
  return ((scenario.faults ?? []) as FaultLike[]).findIndex((f) => f.type === "consumer-crash");
}

export const crashStepKnob: KnobSpec = ownKnob(crashStepDef, {
  id: "crash-step",
  path: ["faults", 0, "at"],
  labelKey: "commitTiming.knob.crashStep",
  choiceLabels: { "after-poll": "after poll", "mid-batch": "mid-batch", "after-processing": "after processing", "before-commit": "before commit", "after-commit": "after commit" },
  apply: (scenario, value) => ({ ...scenario, faults: ((scenario.faults ?? []) as FaultLike[]).map((f) => (f.type === "consumer-crash" ? { ...f, at: value } : f)) as ScenarioInput["faults"] }),
});

/** The step a new crash uses: the knob's value (the first crash fault's step), or the default. */
export function chosenCrashStep(scenario: ScenarioInput): CrashStep {
  if (firstCrashIndex(scenario) !== 0) return crashStepDef.default as CrashStep;
  return knobValueAt(crashStepKnob, scenario, 0) as CrashStep;
}

export const commitTimingKnobs: KnobSpec[] = [commitKnob, crashStepKnob, maxPollRecordsKnob, processingKnob, autoCommitIntervalKnob, autoOffsetResetKnob];

/** A crash at the chosen step, taken at t (it fires the next time the loop reaches that step). */
export function addCrash(scenario: ScenarioInput, tMs: number): ScenarioInput {
  const step = chosenCrashStep(scenario);
  const crash = { type: "consumer-crash" as const, atMs: Math.max(0, Math.floor(tMs)), client: CONSUMER, at: step };
  const faults = [...(scenario.faults ?? [])];
  // Keep a crash first, so the crash-step knob keeps showing the lab's step.
  if (firstCrashIndex(scenario) === 0) faults.push(crash);
  else faults.unshift(crash);
  return { ...scenario, faults };
}

export const commitTimingActions: ActionSpec<CommitTimingView>[] = [
  {
    id: "crash",
    labelKey: "commitTiming.action.crash",
    edit: (scenario, tMs) => addCrash(scenario, tMs),
    enabled: (v) => v.alive,
  },
  {
    id: "restart",
    labelKey: "commitTiming.action.restart",
    fault: (atMs) => ({ type: "consumer-restart", atMs, client: CONSUMER }),
    enabled: (v) => !v.alive && v.crash !== null,
  },
  ...seekActions,
];

