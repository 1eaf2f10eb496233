import { checkConsumption, runScenario } from "../../engine/index";
import { foldCommitTiming } from "./fold";
import { presets, type PresetName } from "./presets";

/** One preset's outcome at the end of its run: the static first frame's table row, and what tests compare. */
export interface PresetOutcome {
  preset: PresetName;
  strategy: string;
  crash: { step: string; t: number } | null;
  resumedAt: number | null;
  resumedFrom: "committed" | "reset" | null;
  twice: number;
  lost: number;
}

export function presetOutcome(name: PresetName): PresetOutcome {
  const result = runScenario(presets[name].scenario);
  const view = foldCommitTiming(result.trace, result.scenario.durationMs, result.scenario);
  const verdict = checkConsumption(result.trace);
  return {
    preset: name,
    strategy: view.strategy,
    crash: view.crash ? { step: view.crash.step, t: view.crash.t } : null,
    resumedAt: view.restart?.resumedAt ?? null,
    resumedFrom: view.restart?.from ?? null,
    twice: verdict.duplicated.length,
    lost: verdict.lost.length,
  };
}
