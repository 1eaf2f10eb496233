import type { ScenarioInput } from "../../engine/index";

/**
 * Starting scenarios of <kl-controller-election>, by the `preset` name the chapters use.
 *
 * "three-brokers": three brokers connect to ZooKeeper, register under /brokers/ids and race for
 * /controller; broker 2 wins with this seed and takes controller epoch 1. Nothing else is
 * scripted: the reader crashes the controller, or cuts it off from ZooKeeper instead, and the
 * run is simulated again from that moment. zookeeper.session.timeout.ms is 6 s (Kafka's default
 * before 2.5) rather than 18 s, so an expiry takes seconds of play. The cluster hosts no topic:
 * the widget draws the election, not partitions, and without replica fetches a run costs a few
 * milliseconds.
 */
export interface Preset {
  scenario: ScenarioInput;
  /** Where the player starts, and the moment the static first frame shows. */
  startMs: number;
}

export const CONTROLLER_ELECTION_PRESETS = {
  "three-brokers": {
    // After the first election has settled (broker 2 holds /controller at epoch 1) and its
    // highlights have faded; Home replays that first race from t = 0.
    startMs: 4_000,
    scenario: {
      version: 1,
      name: "three-brokers",
      description: "Three brokers elect a controller through the ephemeral /controller znode.",
      seed: 7,
      durationMs: 40_000,
      // A short controller.socket.timeout.ms makes the controller resend an unanswered request
      // about twice a second, so a queued request shows up soon after a network heals.
      cluster: { brokers: 3, config: { "zookeeper.session.timeout.ms": 6_000, "controller.socket.timeout.ms": 500 } },
    },
  },
} satisfies Record<string, Preset>;

export type ControllerElectionPreset = keyof typeof CONTROLLER_ELECTION_PRESETS;

export const DEFAULT_CONTROLLER_ELECTION_PRESET: ControllerElectionPreset = "three-brokers";

/** The named preset, or an error naming the allowed ones. */
export function controllerElectionPreset(name: string): Preset {
  const preset = (CONTROLLER_ELECTION_PRESETS as Record<string, Preset>)[name];
  if (preset === undefined) {
    throw new Error(`controller-election: unknown preset "${name}"; allowed: ${Object.keys(CONTROLLER_ELECTION_PRESETS).join(", ")}`);
  }
  return preset;
}
