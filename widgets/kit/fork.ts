import type { Fault, RunResult, Scenario, ScenarioInput, TraceEvent } from "../../engine/index";

/**
 * "What if": every user action at simulated time t becomes part of the scenario (a fault at t,
 * a workload starting at t, a knob value), and the scenario is run again from the start.
 * The engine is deterministic, so everything before t replays exactly; only the future
 * changes. The run that was abandoned is kept as the ghost, which the stage and the timeline
 * draw faintly after t. (raftscope's history module: fork, apply the command, render.)
 */

/** One user action, as it changes the scenario. */
export type ForkAction =
  /** A fault at the time of the action (crash, cut, slow, a producer's acks...). */
  | { kind: "fault"; fault: Fault }
  /** Any other change that takes effect at the time of the action (e.g. a new produce workload). */
  | { kind: "edit"; label: string; edit: (scenario: ScenarioInput) => ScenarioInput }
  /** A knob turned: a value written at `path` in the scenario, plus any faults that apply it at t. */
  | { kind: "knob"; path: readonly (string | number)[]; value: unknown; faults: readonly Fault[] };

/** The run that was abandoned by the last action, from `fromMs` on. */
export interface Ghost {
  fromMs: number;
  trace: readonly TraceEvent[];
  scenario: Scenario;
}

/** One entry of the action history, for the timeline marks and the narration. */
export interface ForkRecord {
  tMs: number;
  action: ForkAction;
}

export class Fork {
  private currentScenario: ScenarioInput;
  private readonly history: ForkRecord[] = [];
  private lastGhost: Ghost | null = null;

  constructor(readonly base: ScenarioInput) {
    this.currentScenario = cloneScenario(base);
  }

  /** The scenario with every action so far. */
  get scenario(): ScenarioInput {
    return this.currentScenario;
  }

  get actions(): readonly ForkRecord[] {
    return this.history;
  }

  get ghost(): Ghost | null {
    return this.lastGhost;
  }

  /**
   * The scenario after `action` taken at `tMs`. Pure: nothing changes until `commit`, so a
   * scenario that fails validation can be refused without losing the current one.
   */
  apply(action: ForkAction, tMs: number): ScenarioInput {
    return applyAction(this.currentScenario, action, tMs);
  }

  /**
   * Makes `next` (from `apply`) current. `previous`, the run being replaced, becomes the ghost
   * from `tMs` on; a ghost is only worth keeping while its past matches, so a knob that
   * rewrites the scenario from t = 0 passes tMs = 0.
   */
  commit(next: ScenarioInput, action: ForkAction, tMs: number, previous: RunResult | null): void {
    this.currentScenario = next;
    this.history.push({ tMs, action });
    this.lastGhost = previous ? { fromMs: tMs, trace: previous.trace, scenario: previous.scenario } : null;
  }

  /** Back to the base scenario: no actions, no ghost. */
  reset(): void {
    this.currentScenario = cloneScenario(this.base);
    this.history.length = 0;
    this.lastGhost = null;
  }

  /** Replaces everything with a scenario restored from elsewhere (a URL). */
  replace(scenario: ScenarioInput): void {
    this.currentScenario = cloneScenario(scenario);
    this.history.length = 0;
    this.lastGhost = null;
  }
}

/** The scenario after one action at tMs (pure). */
export function applyAction(scenario: ScenarioInput, action: ForkAction, tMs: number): ScenarioInput {
  switch (action.kind) {
    case "fault":
      return addFault(scenario, { ...action.fault, atMs: faultTime(tMs) } as Fault);
    case "edit":
      return action.edit(cloneScenario(scenario));
    case "knob": {
      let next = action.faults.length === 0 ? setAtPath(scenario, action.path, action.value) : cloneScenario(scenario);
      for (const fault of action.faults) next = addFault(next, { ...fault, atMs: faultTime(tMs) } as Fault);
      return next;
    }
  }
}

/** Fault times are whole milliseconds in the scenario format. */
export function faultTime(tMs: number): number {
  return Math.max(0, Math.floor(tMs));
}

/** A copy of the scenario with `fault` appended (faults at the same time keep the order they were taken in). */
export function addFault(scenario: ScenarioInput, fault: Fault): ScenarioInput {
  const next = cloneScenario(scenario);
  next.faults = [...(next.faults ?? []), fault];
  return next;
}

/** A copy of the scenario with `value` written at `path`, creating objects on the way. */
export function setAtPath(scenario: ScenarioInput, path: readonly (string | number)[], value: unknown): ScenarioInput {
  if (path.length === 0) throw new Error("setAtPath: the path is empty; name the field to set, e.g. [\"cluster\", \"config\", \"min.insync.replicas\"]");
  const next = cloneScenario(scenario) as unknown as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = next;
  for (const [i, part] of path.slice(0, -1).entries()) {
    const child = node[part];
    if (child === undefined || child === null || typeof child !== "object") {
      node[part] = typeof path[i + 1] === "number" ? [] : {};
    }
    node = node[part] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]] = value;
  return next as unknown as ScenarioInput;
}

/** The value at `path` in the scenario, or undefined. */
export function getAtPath(scenario: unknown, path: readonly (string | number)[]): unknown {
  let node: unknown = scenario;
  for (const part of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/** Scenarios are plain JSON, so a JSON round trip is a faithful deep copy. */
export function cloneScenario(scenario: ScenarioInput): ScenarioInput {
  return JSON.parse(JSON.stringify(scenario)) as ScenarioInput;
}
