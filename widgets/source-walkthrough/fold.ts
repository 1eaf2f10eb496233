import type { Scenario, TraceEvent } from "../../engine/index";
import type { StepId } from "./outline";
import { shortBatch, walkSteps, type WalkStep } from "./steps";

/**
 * The walkthrough's view at time tMs: every code step of the run (the same list at every
 * time), the last step reached by tMs, and where the records are: still in send(), in a batch
 * of the accumulator, in a request in flight, in the leader's log, or called back.
 */
export type LaneId = "app" | "accumulator" | "sender" | "broker" | "callbacks";

export const LANES: readonly LaneId[] = ["app", "accumulator", "sender", "broker", "callbacks"];

export interface LaneItem {
  key: string;
  label: string;
  kind: "record" | "batch" | "request" | "done" | "retry";
}

export interface WalkView {
  tMs: number;
  client: string;
  steps: readonly WalkStep[];
  /** Index of the last step at or before tMs; -1 before the first. */
  lastIndex: number;
  lanes: Record<LaneId, LaneItem[]>;
}

/** The lane whose code a step runs in. */
export function laneOf(step: StepId): LaneId {
  if (step.startsWith("broker.")) return "broker";
  if (step === "batch.done" || step === "callbacks.onCompletion") return "callbacks";
  if (step.startsWith("accumulator.") || step.startsWith("bufferPool.")) return "accumulator";
  if (step.startsWith("sender.") || step.startsWith("networkClient.") || step.startsWith("inFlightRequests.")) return "sender";
  return "app";
}

const cache = new WeakMap<readonly TraceEvent[], Map<string, WalkStep[]>>();

/** The steps of a run, computed once per trace (the player folds many times per second). */
export function stepsOf(trace: readonly TraceEvent[], client: string): WalkStep[] {
  let byClient = cache.get(trace);
  if (!byClient) cache.set(trace, (byClient = new Map()));
  let steps = byClient.get(client);
  if (!steps) byClient.set(client, (steps = walkSteps(trace, client)));
  return steps;
}

function producerClient(scenario: Scenario): string {
  const w = (scenario.workload as readonly { type: string; client?: string }[]).find((x) => x.type === "producer");
  return w?.client ?? "producer-0";
}

export function foldWalkthrough(trace: readonly TraceEvent[], tMs: number, scenario: Scenario): WalkView {
  const client = producerClient(scenario);
  const steps = stepsOf(trace, client);
  let lastIndex = -1;
  while (lastIndex + 1 < steps.length && steps[lastIndex + 1].t <= tMs) lastIndex++;
  let lastEvent = -1;
  while (lastEvent + 1 < trace.length && trace[lastEvent + 1].t <= tMs) lastEvent++;
  return { tMs, client, steps, lastIndex, lanes: lanesUpTo(trace, lastEvent, client) };
}

/**
 * Where the records are once the trace has run up to event `last` (inclusive). The stage uses
 * the event of the current step, so a step shows the moment it describes even when more
 * happens later in the same millisecond.
 */
export function lanesUpTo(trace: readonly TraceEvent[], last: number, client: string): Record<LaneId, LaneItem[]> {
  const inSend = new Map<string, LaneItem>();
  const batches = new Map<string, LaneItem>();
  const requests = new Map<number, LaneItem>();
  const done: LaneItem[] = [];
  const requestNodes = new Set<number>();
  const leaderLog = { first: -1, last: -1 };
  let topic: string | null = null;
  for (let i = 0; i <= last && i < trace.length; i++) {
    const e = trace[i];
    switch (e.type) {
      case "producer.record":
        if (e.client !== client) break;
        topic = e.topic;
        if (e.stage === "append" || e.stage === "error") inSend.delete(e.id);
        else inSend.set(e.id, { key: e.id, label: e.stage === "blocked" ? `${e.id} waits` : e.id, kind: "record" });
        break;
      case "producer.batch":
        if (e.client !== client) break;
        if (e.state === "open" || e.state === "ready" || e.state === "retry-backoff") {
          batches.set(e.batch, { key: e.batch, label: `${shortBatch(e.batch)} (${e.count})${e.state === "retry-backoff" ? " ↻" : ""}`, kind: e.state === "retry-backoff" ? "retry" : "batch" });
        } else batches.delete(e.batch);
        break;
      case "producer.request":
        if (e.client !== client) break;
        if (e.phase === "sent") {
          requestNodes.add(e.to);
          requests.set(e.request, { key: `r${e.request}`, label: `request ${e.request} → ${e.to}`, kind: "request" });
        } else requests.delete(e.request);
        break;
      case "replica.append":
        if (topic !== null && e.topic === topic && requestNodes.has(e.broker)) {
          if (leaderLog.first < 0) leaderLog.first = e.baseOffset;
          leaderLog.last = e.lastOffset;
        }
        break;
      case "produce.acked":
      case "produce.failed":
        if (e.client !== client) break;
        for (const id of e.ids) done.push({ key: id, label: e.type === "produce.acked" ? `${id} ✓` : `${id} ✗`, kind: "done" });
        break;
    }
  }
  const log = leaderLog.first >= 0 ? leaderLog : null;
  return {
    app: [...inSend.values()],
    accumulator: [...batches.values()],
    sender: [...requests.values()],
    broker: log ? [{ key: "log", label: log.first === log.last ? `offset ${log.first}` : `offsets ${log.first}–${log.last}`, kind: "batch" }] : [],
    callbacks: done,
  };
}
