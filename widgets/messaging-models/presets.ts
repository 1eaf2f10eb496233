import type { ScenarioInput } from "../../engine/index";
import { scene } from "./scene";

/**
 * The starting scenes, one per model: three consumers on a topic of three partitions, fixed
 * seeds, ten records per partition. The share-group scene crashes consumer-1 while it holds two
 * locked records, so the reader sees them come back after their locks run out.
 */
export interface Preset {
  scenario: ScenarioInput;
  /** Where the player starts, and the moment the static first frame shows. */
  startMs: number;
}

/** consumer-1 holds the locks on B2 and C2 at this moment (found by running the scene). */
const SHARE_CRASH_MS = 5_500;

export const presets = {
  "one-group": { scenario: scene({ model: "one-group", consumers: 3, partitions: 3 }), startMs: 9_000 },
  "group-each": { scenario: scene({ model: "group-each", consumers: 3, partitions: 3 }), startMs: 9_000 },
  "share-group": {
    scenario: scene({ model: "share-group", consumers: 3, partitions: 3, faults: [{ type: "share-consumer-crash", atMs: SHARE_CRASH_MS, client: "consumer-1" }] }),
    // B2 has come back and been read again (delivery 2); C2's lock has just run out.
    startMs: 10_000,
  },
} satisfies Record<string, Preset>;

export type PresetName = keyof typeof presets;

/** The preset named by an Astro prop or attribute, or an error naming the allowed names. */
export function presetNamed(name: string | undefined): Preset {
  const key = (name ?? "one-group") as PresetName;
  const preset = presets[key];
  if (!preset) throw new Error(`messaging-models: unknown preset "${name}"; allowed: ${Object.keys(presets).join(", ")}`);
  return preset;
}
