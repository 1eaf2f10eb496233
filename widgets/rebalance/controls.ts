import type { ConfigValue, ScenarioInput } from "../../engine/index";
import type { KnobSpec } from "../kit/knobs";
import { choiceRow, intRow, ownKnob } from "../kit/own-knobs";
import type { ActionSpec } from "../kit/spec";
import type { RebalanceView } from "./fold";
import { COOPERATIVE_STICKY_ASSIGNOR, consumerWorkload, memberConfig, RANGE_ASSIGNOR, ROUND_ROBIN_ASSIGNOR, STICKY_ASSIGNOR } from "./presets";

/**
 * The rebalance widget's knobs and actions. Every member of the group is an instance of the same
 * application, so a consumer config knob writes the value into every "consumer" workload; it
 * reads the value back from the first one (workload[1], after the producer at workload[0]).
 * Knob changes re-run the scene from t = 0: a consumer reads its configs once, when it starts.
 */

type Workload = NonNullable<ScenarioInput["workload"]>[number];
type ConsumerSpec = Extract<Workload, { type: "consumer" }>;

const isConsumer = (w: Workload): w is ConsumerSpec => w.type === "consumer";

/** The first consumer workload's index: where the knobs read their value. */
const FIRST_CONSUMER = 1;

function mapConsumers(scenario: ScenarioInput, change: (w: ConsumerSpec) => ConsumerSpec): ScenarioInput {
  return { ...scenario, workload: (scenario.workload ?? []).map((w) => (isConsumer(w) ? change(w) : w)) };
}

/** Kafka's list configs are written as one comma-separated string in a scenario. */
function asConfigValue(value: ConfigValue): string | number | boolean | null {
  return Array.isArray(value) ? value.join(",") : (value as string | number | boolean | null);
}

function consumerConfigKnob(key: string, labelKey: KnobSpec["labelKey"], range?: KnobSpec["range"]): KnobSpec {
  return {
    id: key,
    scope: "consumer",
    key,
    path: ["workload", FIRST_CONSUMER, "config", key],
    labelKey,
    range,
    apply: (scenario, value) => mapConsumers(scenario, (w) => ({ ...w, config: { ...(w.config ?? {}), [key]: asConfigValue(value) } })),
  };
}

/** Kafka's four built-in assignors; CooperativeStickyAssignor alone speaks the cooperative protocol. */
export const ASSIGNORS = [RANGE_ASSIGNOR, ROUND_ROBIN_ASSIGNOR, STICKY_ASSIGNOR, COOPERATIVE_STICKY_ASSIGNOR] as const;

export const strategyKnob: KnobSpec = {
  ...consumerConfigKnob("partition.assignment.strategy", "rebalance.knob.strategy"),
  choices: ASSIGNORS,
  // The class names are long; the segmented control shows each assignor's name() instead.
  choiceLabels: { [RANGE_ASSIGNOR]: "range", [ROUND_ROBIN_ASSIGNOR]: "roundrobin", [STICKY_ASSIGNOR]: "sticky", [COOPERATIVE_STICKY_ASSIGNOR]: "cooperative-sticky" },
};

export const sessionTimeoutKnob = consumerConfigKnob("session.timeout.ms", "rebalance.knob.session", { min: 6000, max: 30000, step: 1000 });
export const maxPollIntervalKnob = consumerConfigKnob("max.poll.interval.ms", "rebalance.knob.maxPoll", { min: 2000, max: 30000, step: 1000 });
export const heartbeatKnob = consumerConfigKnob("heartbeat.interval.ms", "rebalance.knob.heartbeat", { min: 500, max: 5000, step: 500 });

const partitionsDef = intRow({
  name: "partitions",
  scope: "topic",
  default: 6,
  min: 1,
  max: 12,
  step: 1,
  unit: "count",
  doc: "How many partitions the topic has: at most one member of the group reads each.",
});

export const partitionsKnob: KnobSpec = ownKnob(partitionsDef, {
  id: "partitions",
  path: ["topics", 0, "partitions"],
  labelKey: "rebalance.knob.partitions",
});

const listenerDef = choiceRow({
  name: "listener",
  scope: "consumer",
  default: "none",
  values: ["none", "commit-on-revoke"],
  doc: "The ConsumerRebalanceListener: none, or one that commits the positions of the partitions being revoked in onPartitionsRevoked.",
});

export const listenerKnob: KnobSpec = ownKnob(listenerDef, {
  id: "listener",
  path: ["workload", FIRST_CONSUMER, "listener"],
  labelKey: "rebalance.knob.listener",
  choices: ["none", "commit-on-revoke"],
  choiceLabels: { none: "off", "commit-on-revoke": "commitSync on revoke" },
  apply: (scenario, value) => mapConsumers(scenario, (w) => ({ ...w, listener: value === "commit-on-revoke" ? "commit-on-revoke" : "none" })),
});

export const rebalanceKnobs: KnobSpec[] = [strategyKnob, sessionTimeoutKnob, maxPollIntervalKnob, heartbeatKnob, partitionsKnob, listenerKnob];

/** Members the actions can aim at: consumer-0 .. consumer-(MAX_MEMBERS - 1). */
export const MAX_MEMBERS = 8;

const running = (view: RebalanceView, client: string): boolean => {
  const m = view.members.find((r) => r.client === client);
  return m !== undefined && m.status !== "left" && m.status !== "crashed";
};

/**
 * "Add consumer": a member that left or crashed starts again (the consumer-join fault); when
 * none did, a new instance of the application starts at t (a new "consumer" workload, with the
 * group's configs and listener).
 */
export function addConsumer(scenario: ScenarioInput, tMs: number, view: RebalanceView): ScenarioInput | null {
  const workloads = scenario.workload ?? [];
  const consumers = workloads.filter(isConsumer);
  const stopped = view.members.find((m) => m.status === "left" || m.status === "crashed");
  if (stopped && consumers.some((w) => w.client === stopped.client)) {
    return { ...scenario, faults: [...(scenario.faults ?? []), { type: "consumer-join", atMs: tMs, client: stopped.client }] };
  }
  const names = new Set(consumers.map((w) => w.client ?? "consumer-0"));
  let n = 0;
  while (names.has(`consumer-${n}`)) n++;
  if (n >= MAX_MEMBERS) return null;
  const template = consumers[0];
  const config = (template?.config as Record<string, string | number | boolean> | undefined) ?? memberConfig(RANGE_ASSIGNOR);
  const added = consumerWorkload(n, tMs, config, template?.listener ?? "none");
  // The new instance runs the same application as the others: same processing, commits and listener.
  const sameApp = template ? { processingMsPerRecord: template.processingMsPerRecord, processingJitterMs: template.processingJitterMs, commit: template.commit } : {};
  return { ...scenario, workload: [...workloads, { ...added, ...sameApp }] };
}

function memberActions(index: number): ActionSpec<RebalanceView>[] {
  const client = `consumer-${index}`;
  const visible = (view: RebalanceView) => running(view, client);
  return [
    { id: `remove-${index}`, labelKey: "rebalance.action.remove", labelParams: { client }, fault: (atMs) => ({ type: "consumer-leave", atMs, client }), visible },
    { id: `crash-${index}`, labelKey: "rebalance.action.crash", labelParams: { client }, fault: (atMs) => ({ type: "consumer-crash", atMs, client }), visible },
    {
      id: `stall-${index}`,
      labelKey: "rebalance.action.stall",
      labelParams: { client },
      // One poll loop iteration that takes longer than max.poll.interval.ms: the member's heartbeat thread gives up its membership.
      fault: (atMs, view) => ({ type: "consumer-stall", atMs, client, durationMs: view.maxPollIntervalMs + 3000 }),
      visible,
      enabled: (view) => view.members.find((m) => m.client === client)?.status !== "stalled",
    },
  ];
}

export const rebalanceActions: ActionSpec<RebalanceView>[] = [
  {
    id: "add-consumer",
    labelKey: "rebalance.action.add",
    edit: addConsumer,
    enabled: (view) => view.members.some((m) => m.status === "left" || m.status === "crashed") || view.members.length < MAX_MEMBERS,
  },
  ...Array.from({ length: MAX_MEMBERS }, (_, i) => memberActions(i)).flat(),
];
