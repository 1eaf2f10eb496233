import type { BrokerId, RunResult, TraceEvent } from "../../engine/index";

/**
 * Facts the exercise goals read from a run: small folds over the trace, each one concept.
 * The goals in goals.ts combine them and word the verdict.
 */

export interface PartitionRef {
  topic: string;
  partition: number;
}

/** The partition an exercise is about: the scenario's first topic, partition 0. */
export function partitionOf(result: RunResult): PartitionRef {
  return { topic: result.scenario.topics[0]?.name ?? "orders", partition: 0 };
}

const on = (p: PartitionRef) => (e: { topic: string; partition: number }) => e.topic === p.topic && e.partition === p.partition;

/** Each broker's log of record ids by offset at the end of the run (full traces carry ids). */
export function finalLogs(trace: readonly TraceEvent[], p: PartitionRef): Map<BrokerId, (string | undefined)[]> {
  const logs = new Map<BrokerId, (string | undefined)[]>();
  const here = on(p);
  for (const e of trace) {
    if (e.type === "replica.append" && here(e)) {
      const log = logs.get(e.broker) ?? [];
      e.ids.forEach((id, i) => (log[e.baseOffset + i] = id));
      logs.set(e.broker, log);
    } else if (e.type === "replica.truncate" && here(e)) {
      const log = logs.get(e.broker);
      if (log) log.length = Math.min(log.length, e.toOffset);
    }
  }
  return logs;
}

/** Each broker's high watermark at the end of the run (capped by truncations, as Partition.truncateTo does). */
export function finalHighWatermarks(trace: readonly TraceEvent[], p: PartitionRef): Map<BrokerId, number> {
  const hw = new Map<BrokerId, number>();
  const here = on(p);
  for (const e of trace) {
    if (e.type === "replica.hw" && here(e)) hw.set(e.broker, e.hw);
    else if (e.type === "replica.truncate" && here(e) && (hw.get(e.broker) ?? 0) > e.toOffset) hw.set(e.broker, e.toOffset);
  }
  return hw;
}

/** The partition's leader as the controller last decided it (null: offline). */
export function finalLeader(trace: readonly TraceEvent[], p: PartitionRef): BrokerId | null {
  let leader: BrokerId | null = null;
  const here = on(p);
  for (const e of trace) if (e.type === "partition.leader" && here(e)) leader = e.leader;
  return leader;
}

/** The partition's leader at time t (the last decision at or before t). */
export function leaderAt(trace: readonly TraceEvent[], p: PartitionRef, tMs: number): BrokerId | null {
  let leader: BrokerId | null = null;
  const here = on(p);
  for (const e of trace) {
    if (e.t > tMs) break;
    if (e.type === "partition.leader" && here(e)) leader = e.leader;
  }
  return leader;
}

/** Which brokers are running at the end of the run. */
export function aliveAtEnd(trace: readonly TraceEvent[]): Set<BrokerId> {
  const alive = new Set<BrokerId>();
  for (const e of trace) {
    if (e.type === "broker.started") alive.add(e.broker);
    else if (e.type === "broker.crashed") alive.delete(e.broker);
  }
  return alive;
}

export interface Acked {
  id: string;
  tMs: number;
  acks: string;
}

/** Every record acknowledged for the partition, in order, with its acks. */
export function ackedRecords(trace: readonly TraceEvent[], p: PartitionRef): Acked[] {
  const acked: Acked[] = [];
  const seen = new Set<string>();
  const here = on(p);
  for (const e of trace) {
    if (e.type !== "produce.acked" || !here(e)) continue;
    for (const id of e.ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      acked.push({ id, tMs: e.t, acks: e.acks });
    }
  }
  return acked;
}

export interface HeldStretch {
  fromMs: number;
  toMs: number;
  /** What ended it: "isr" (a replica left the ISR), "hw" (the HW caught up), "leader" (no or another leader), "end" (the run ended). */
  endedBy: "isr" | "hw" | "leader" | "end";
  /** The ISR at the moment it ended. */
  isr: BrokerId[];
}

/**
 * Stretches of time during which the leader's HW stays at least `gap` offsets below its LEO
 * while every replica is in the ISR. Conditions are read after all events of one instant.
 */
export function heldStretches(result: RunResult, gap: number): HeldStretch[] {
  const p = partitionOf(result);
  const here = on(p);
  const leo = new Map<BrokerId, number>();
  const hw = new Map<BrokerId, number>();
  let leader: BrokerId | null = null;
  let isr: BrokerId[] = [];
  let replicas: BrokerId[] = [];
  const stretches: HeldStretch[] = [];
  let openedAt: number | null = null;
  const trace = result.trace;
  const holds = () => leader !== null && replicas.length > 0 && replicas.every((r) => isr.includes(r)) && (leo.get(leader) ?? 0) - (hw.get(leader) ?? 0) >= gap;
  const why = (): HeldStretch["endedBy"] => {
    if (leader === null) return "leader";
    if (!replicas.every((r) => isr.includes(r))) return "isr";
    return "hw";
  };
  for (let i = 0; i < trace.length; i++) {
    const e = trace[i];
    switch (e.type) {
      case "partition.leader":
        if (!here(e)) break;
        if (openedAt !== null && e.leader !== leader) {
          stretches.push({ fromMs: openedAt, toMs: e.t, endedBy: "leader", isr: [...e.isr] });
          openedAt = null;
        }
        leader = e.leader;
        isr = [...e.isr];
        replicas = [...e.replicas];
        break;
      case "partition.isr":
        if (here(e)) isr = [...e.isr];
        break;
      case "replica.append":
        if (here(e)) leo.set(e.broker, e.leo);
        break;
      case "replica.truncate":
        if (here(e)) leo.set(e.broker, e.toOffset);
        break;
      case "replica.hw":
        if (here(e)) hw.set(e.broker, e.hw);
        break;
      default:
        break;
    }
    const endOfInstant = i === trace.length - 1 || trace[i + 1].t !== e.t;
    if (!endOfInstant) continue;
    const now = holds();
    if (now && openedAt === null) openedAt = e.t;
    else if (!now && openedAt !== null) {
      stretches.push({ fromMs: openedAt, toMs: e.t, endedBy: why(), isr: [...isr] });
      openedAt = null;
    }
  }
  if (openedAt !== null) stretches.push({ fromMs: openedAt, toMs: result.scenario.durationMs, endedBy: "end", isr: [...isr] });
  return stretches;
}

/** The last controller election, if its winner still holds the seat at the end (not resigned, not crashed). */
export function finalController(trace: readonly TraceEvent[]): { broker: BrokerId; epoch: number } | null {
  let current: { broker: BrokerId; epoch: number } | null = null;
  for (const e of trace) {
    if (e.type === "controller.elected") current = { broker: e.broker, epoch: e.epoch };
    else if ((e.type === "controller.resigned" || e.type === "broker.crashed") && current?.broker === e.broker) current = null;
  }
  return current;
}

/** The highest controller epoch any election reached. */
export function maxControllerEpoch(trace: readonly TraceEvent[]): number {
  let epoch = 0;
  for (const e of trace) if (e.type === "controller.elected") epoch = Math.max(epoch, e.epoch);
  return epoch;
}

/** Each broker's latest view of who the controller is (from UpdateMetadata), cleared by a restart. */
export function controllerViews(trace: readonly TraceEvent[]): Map<BrokerId, { controller: BrokerId; epoch: number }> {
  const views = new Map<BrokerId, { controller: BrokerId; epoch: number }>();
  for (const e of trace) {
    if (e.type === "metadata.updated") views.set(e.broker, { controller: e.controller, epoch: e.controllerEpoch });
    else if (e.type === "broker.started") views.delete(e.broker);
  }
  return views;
}

export interface SegmentState {
  /** Base offsets of the leader's segments at the end, oldest first; the last is the active one. */
  baseOffsets: number[];
  logStartOffset: number;
  deletionReasons: string[];
}

/** A broker's segments at the end of the run: the first at 0, each roll adds one, each deletion removes one. */
export function finalSegments(trace: readonly TraceEvent[], p: PartitionRef, broker: BrokerId): SegmentState {
  const here = on(p);
  let bases = [0];
  let logStartOffset = 0;
  const deletionReasons: string[] = [];
  for (const e of trace) {
    if (e.type === "log.rolled" && here(e) && e.broker === broker) {
      if (!bases.includes(e.baseOffset)) bases.push(e.baseOffset);
    } else if (e.type === "log.segment-deleted" && here(e) && e.broker === broker) {
      bases = bases.filter((b) => b !== e.baseOffset);
      logStartOffset = e.logStartOffset;
      // Deleting every segment first rolls an empty active one at the LEO, which no event names.
      if (!bases.some((b) => b >= e.logStartOffset)) bases.push(e.logStartOffset);
      deletionReasons.push(e.reason);
    }
  }
  bases.sort((a, b) => a - b);
  return { baseOffsets: bases, logStartOffset, deletionReasons };
}
