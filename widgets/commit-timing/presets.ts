import type { ScenarioInput } from "../../engine/index";

/**
 * The commit-timing lab's starting scenarios: one partition ("orders-0") on one broker, a
 * producer writing 30 records in 3.6 s, and one consumer (group "billing") that processes a
 * record in 200 ms, so a backlog builds and every poll() returns a full batch of
 * max.poll.records (5). Each preset crashes the consumer at a fixed step and restarts it
 * later; the restarted consumer is a new member, so it waits until the coordinator
 * expires the dead one (session.timeout.ms, 3 s here) before it gets the partition back.
 * Fixed seed, small counts: the outcome reads at a glance.
 */
export interface Preset {
  scenario: ScenarioInput;
  /** Where the player starts, and the moment the static first frame shows. */
  startMs: number;
}

export const TOPIC = "orders";
export const GROUP = "billing";
export const CONSUMER = "consumer-0";
/** The consumer workload's index in every preset's workload list (the knobs' paths use it). */
export const CONSUMER_INDEX = 1;

export type CommitStrategy = "auto" | "sync-after-processing" | "sync-before-processing" | "async-after-processing";
export type CrashStep = "after-poll" | "mid-batch" | "after-processing" | "before-commit" | "after-commit";

export const COMMIT_STRATEGIES: readonly CommitStrategy[] = ["auto", "sync-after-processing", "sync-before-processing", "async-after-processing"];
export const CRASH_STEPS: readonly CrashStep[] = ["after-poll", "mid-batch", "after-processing", "before-commit", "after-commit"];

export interface LabSettings {
  name: string;
  description: string;
  commit: CommitStrategy;
  durationMs: number;
  /** The crash (at the next `step` after atMs) and the restart; null: no crash. */
  crash: { atMs: number; step: CrashStep; restartMs: number } | null;
  autoCommitIntervalMs?: number;
  autoOffsetReset?: "earliest" | "latest" | "none";
  /** When the consumer starts (later than 0 leaves records written before it joined). */
  consumerStartMs?: number;
}

/** A lab scenario; the knobs and the exercises' solutions change it through the same fields. */
export function labScenario(s: LabSettings): ScenarioInput {
  const faults: ScenarioInput["faults"] = s.crash
    ? [
        { type: "consumer-crash", atMs: s.crash.atMs, client: CONSUMER, at: s.crash.step },
        { type: "consumer-restart", atMs: s.crash.restartMs, client: CONSUMER },
      ]
    : [];
  return {
    version: 1,
    name: s.name,
    description: s.description,
    seed: 7,
    durationMs: s.durationMs,
    cluster: {
      brokers: 1,
      // One broker holds __consumer_offsets too; a new group rebalances at once; short sessions.
      config: { "offsets.topic.num.partitions": 1, "offsets.topic.replication.factor": 1, "group.initial.rebalance.delay.ms": 0, "group.min.session.timeout.ms": 1000 },
      network: { latencyMsMin: 5, latencyMsMax: 10, dropRatio: 0 },
    },
    topics: [{ name: TOPIC, partitions: 1, replicationFactor: 1 }],
    workload: [
      { type: "produce", client: "producer-0", topic: TOPIC, partition: 0, startMs: 0, count: 30, intervalMs: 150, acks: "all" },
      {
        type: "consumer",
        client: CONSUMER,
        groupId: GROUP,
        topics: [TOPIC],
        startMs: s.consumerStartMs ?? 0,
        processingMsPerRecord: 250,
        commit: s.commit,
        config: {
          "max.poll.records": 5,
          "auto.commit.interval.ms": s.autoCommitIntervalMs ?? 5000,
          "auto.offset.reset": s.autoOffsetReset ?? "earliest",
          "session.timeout.ms": 3000,
          "heartbeat.interval.ms": 1000,
        },
      },
    ],
    faults,
  };
}

export const presets = {
  "commit-after": {
    scenario: labScenario({
      name: "commit-after",
      description: "At least once: commitSync after each batch; the consumer crashes in the middle of a batch after 2.5 s and restarts at 4 s.",
      commit: "sync-after-processing",
      durationMs: 12_000,
      crash: { atMs: 2_500, step: "mid-batch", restartMs: 4_000 },
    }),
    startMs: 3_500,
  },
  "commit-before": {
    scenario: labScenario({
      name: "commit-before",
      description: "At most once: commitSync right after poll(), then processing; the same crash in the middle of a batch.",
      commit: "sync-before-processing",
      durationMs: 12_000,
      crash: { atMs: 2_500, step: "mid-batch", restartMs: 4_000 },
    }),
    startMs: 3_500,
  },
  "auto-commit": {
    scenario: labScenario({
      name: "auto-commit",
      description: "enable.auto.commit every 5 s: the commit happens inside a later poll(); the consumer crashes after 7.3 s.",
      commit: "auto",
      durationMs: 13_000,
      crash: { atMs: 7_300, step: "mid-batch", restartMs: 8_000 },
    }),
    startMs: 7_700,
  },
  "new-group": {
    // A group that starts at 2 s, when 14 records are already in the log, with no committed
    // offset: auto.offset.reset decides (here "none": it refuses to guess and poll() throws).
    scenario: labScenario({
      name: "new-group",
      description: "A new group joins at 2 s, when 14 records are already in the log; auto.offset.reset decides where it starts.",
      commit: "sync-after-processing",
      durationMs: 12_000,
      crash: null,
      autoOffsetReset: "none",
      consumerStartMs: 2_000,
    }),
    startMs: 3_000,
  },
} satisfies Record<string, Preset>;

export type PresetName = keyof typeof presets;

/** The preset named by an Astro prop or attribute, or an error naming the allowed names. */
export function presetNamed(name: string | undefined): Preset {
  const key = (name ?? "commit-after") as PresetName;
  const preset = (presets as Record<string, Preset>)[key];
  if (!preset) throw new Error(`commit-timing: unknown preset "${name}"; allowed: ${Object.keys(presets).join(", ")}`);
  return preset;
}
