import { presets as replicaPresets, type Preset } from "../replica-log/presets";

/**
 * The chart's starting scenarios. "slow-follower" is the replica-log's: broker 3 slowed by
 * 1.5 s each way from t = 4 s. It starts at 12 s, after the HW has stalled behind broker 3
 * and jumped when the ISR shrank.
 */
export const presets = {
  "slow-follower": { scenario: replicaPresets["slow-follower"].scenario, startMs: 12_000 },
  steady: { scenario: replicaPresets.steady.scenario, startMs: 8_000 },
} satisfies Record<string, Preset>;

export type PresetName = keyof typeof presets;

export function presetNamed(name: string | undefined): Preset {
  const key = (name ?? "slow-follower") as PresetName;
  const preset = presets[key];
  if (!preset) throw new Error(`hw-chart: unknown preset "${name}"; allowed: ${Object.keys(presets).join(", ")}`);
  return preset;
}
