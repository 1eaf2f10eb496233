import type { TraceEvent } from "../../engine/index";
import type { MessageKey, MessageParams } from "../../content/i18n/t";
import type { StepId } from "./outline";

/**
 * Maps a run's trace onto the steps of the code outline: each trace event of the producer
 * (producer.record stages, producer.batch states, producer.request phases, produce.acked) and
 * of the leader (replica.append, replica.hw) becomes the steps of Kafka's code that produced it,
 * in the order the code runs them, each with a sentence saying what the simulation does there.
 *
 * Several steps often happen at the same simulated millisecond (all of send() does), so a
 * step is a position in this list, not a time; the element walks the list and seeks the
 * player to each step's time.
 */
export interface WalkStep {
  t: number;
  /** Index in the trace of the event this step comes from: the stage shows the run up to it. */
  at: number;
  step: StepId;
  /** The sentence: an i18n key and its parameters (sentenceOf translates). */
  say: MessageKey;
  params: StepParams;
  /** The record or batch the step is about, for the order checks. */
  record?: string;
  batch?: string;
}

/** A parameter is a value, or a phrase of its own ("it is full") translated first. */
export type StepParams = Readonly<Record<string, string | number | Phrase>>;
export interface Phrase {
  key: MessageKey;
  params: MessageParams;
}

interface BatchInfo {
  id: string;
  topic: string;
  partition: number;
  count: number;
  records: string[];
  /** The request it is in, while in flight. */
  request: number | null;
  node: number | null;
}

const tp = (topic: string, partition: number): string => `${topic}-${partition}`;

/** "producer-0/orders-0/2" -> "orders-0#2", the short name the sentences use. */
export function shortBatch(id: string): string {
  const parts = id.split("/");
  return parts.length >= 3 ? `${parts[parts.length - 2]}#${parts[parts.length - 1]}` : id;
}

/** "producer-0#3" stays as it is; the sentences show record ids as the engine names them. */
const shortRecord = (id: string): string => id;

export function walkSteps(trace: readonly TraceEvent[], client: string): WalkStep[] {
  const steps: WalkStep[] = [];
  const push = (t: number, step: StepId, say: MessageKey, params: StepParams = {}, ids: { record?: string; batch?: string } = {}): void => {
    steps.push({ t, at: current, step, say, params, ...ids });
  };
  const sawMetadataWait = new Set<string>();
  const blocked = new Set<string>();
  const keyOf = new Map<string, string | null>();
  const batches = new Map<string, BatchInfo>();
  /** The batches of each request, and where its leader appended them. */
  const requests = new Map<number, { node: number; batches: string[] }>();
  /** topic-partition -> the in-flight batch waiting for the leader's append. */
  const awaitingAppend = new Map<string, BatchInfo[]>();
  /** topic-partition -> appended batches waiting for the HW (acks=all). */
  const awaitingHw = new Map<string, { batch: BatchInfo; lastOffset: number; node: number }[]>();
  let lastCycleT = -1;
  let lastCycleNodes = new Set<number>();
  let acks = "all";
  let linger = 5;
  const sendTimes = new Map<string, number>();

  let current = 0;
  for (let i = 0; i < trace.length; i++) {
    current = i;
    const e = trace[i];
    switch (e.type) {
      case "producer.created":
        if (e.client === client) {
          acks = String(e.config["acks"] ?? "all");
          linger = Number(e.config["linger.ms"] ?? 5);
        }
        break;
      case "producer.record": {
        if (e.client !== client) break;
        const rec = { record: e.id };
        const r = shortRecord(e.id);
        const place = tp(e.topic, e.partition);
        switch (e.stage) {
          case "send":
            keyOf.set(e.id, e.key);
            sendTimes.set(e.id, e.t);
            push(e.t, "producer.send", "sourceWalkthrough.say.producer.send", { record: r, key: e.key ?? "null" }, rec);
            push(e.t, "interceptors.onSend", "sourceWalkthrough.say.interceptors.onSend", { record: r }, rec);
            break;
          case "wait-metadata":
            sawMetadataWait.add(e.id);
            push(e.t, "doSend.waitOnMetadata", "sourceWalkthrough.say.doSend.waitOnMetadata", { record: r, topic: e.topic }, rec);
            break;
          case "serialize":
            // waitOnMetadata runs for every record; it only leaves a trace event when it waits.
            if (!sawMetadataWait.has(e.id)) push(e.t, "doSend.waitOnMetadata", "sourceWalkthrough.say.doSend.waitOnMetadata", { record: r, topic: e.topic }, rec);
            push(e.t, "doSend.serialize", "sourceWalkthrough.say.doSend.serialize", { record: r, bytes: e.bytes ?? 0 }, rec);
            break;
          case "partition":
            push(e.t, "doSend.partition", "sourceWalkthrough.say.doSend.partition", { tp: e.partition >= 0 ? place : e.topic, key: e.key ?? "null" }, rec);
            break;
          case "blocked":
            blocked.add(e.id);
            push(e.t, "doSend.append", "sourceWalkthrough.say.doSend.append", { record: r, tp: place }, rec);
            push(e.t, "accumulator.append", "sourceWalkthrough.say.accumulator.append", { tp: place }, rec);
            push(e.t, "accumulator.tryAppend", "sourceWalkthrough.say.accumulator.tryAppend.noRoom", { record: r, tp: place }, rec);
            push(e.t, "accumulator.allocate", "sourceWalkthrough.say.accumulator.allocate", {}, rec);
            push(e.t, "bufferPool.wait", "sourceWalkthrough.say.bufferPool.wait", { record: r }, rec);
            break;
          case "append": {
            const match = /batch (\S+?)( \(new batch\))?$/.exec(e.detail);
            const batchId = match?.[1] ?? "";
            const isNew = match?.[2] !== undefined;
            const info = batches.get(batchId);
            if (info && !info.records.includes(e.id)) info.records.push(e.id);
            const b = shortBatch(batchId);
            const ids = { record: e.id, batch: batchId };
            const wasBlocked = blocked.delete(e.id);
            if (!wasBlocked) {
              push(e.t, "doSend.append", "sourceWalkthrough.say.doSend.append", { record: r, tp: place }, ids);
              push(e.t, "accumulator.append", "sourceWalkthrough.say.accumulator.append", { tp: place }, ids);
            }
            if (isNew) {
              if (!wasBlocked) {
                push(e.t, "accumulator.tryAppend", "sourceWalkthrough.say.accumulator.tryAppend.noRoom", { record: r, tp: place }, ids);
                push(e.t, "accumulator.allocate", "sourceWalkthrough.say.accumulator.allocate", {}, ids);
              }
              // After a wait, the same allocate() call returns: the code path goes on at new ProducerBatch.
              if (!wasBlocked) push(e.t, "bufferPool.allocate", "sourceWalkthrough.say.bufferPool.allocate", { available: bufferAvailableAt(trace, i, client) }, ids);
              push(e.t, "accumulator.newBatch", "sourceWalkthrough.say.accumulator.newBatch", { batch: b, tp: place, record: r }, ids);
            } else {
              push(e.t, "accumulator.tryAppend", "sourceWalkthrough.say.accumulator.tryAppend.joined", { record: r, batch: b, count: info?.records.length ?? 1 }, ids);
            }
            const full = isNew ? false : closedAt(trace, i, batchId);
            const say: MessageKey = isNew ? "sourceWalkthrough.say.doSend.wakeup.new" : full ? "sourceWalkthrough.say.doSend.wakeup.full" : "sourceWalkthrough.say.doSend.wakeup.none";
            push(e.t, "doSend.wakeup", say, { batch: b }, ids);
            break;
          }
        }
        break;
      }
      case "producer.batch": {
        if (e.client !== client) break;
        let info = batches.get(e.batch);
        if (!info) {
          info = { id: e.batch, topic: e.topic, partition: e.partition, count: e.count, records: [], request: null, node: null };
          batches.set(e.batch, info);
        }
        info.count = e.count;
        const b = shortBatch(e.batch);
        const ids = { batch: e.batch };
        if (e.state === "in-flight") {
          if (lastCycleT !== e.t) {
            lastCycleT = e.t;
            lastCycleNodes = new Set();
            push(e.t, "sender.runOnce", "sourceWalkthrough.say.sender.runOnce", {}, ids);
            push(e.t, "sender.sendProducerData", "sourceWalkthrough.say.sender.sendProducerData", {}, ids);
          }
          const node = requestNodeFor(trace, i, client, e.batch);
          const waited = e.t - (batchCreatedAt(trace, i, e.batch) ?? e.t);
          const why: Phrase =
            /^retry/.test(e.reason)
              ? { key: "sourceWalkthrough.say.ready.retry", params: {} }
              : /full/.test(e.reason) || wasClosed(trace, i, e.batch)
                ? { key: "sourceWalkthrough.say.ready.full", params: {} }
                : { key: "sourceWalkthrough.say.ready.lingered", params: { ms: waited, linger } };
          push(e.t, "accumulator.ready", "sourceWalkthrough.say.accumulator.ready", { batch: b, node: node ?? "?", why }, ids);
          if (node !== null && !lastCycleNodes.has(node)) {
            lastCycleNodes.add(node);
            push(e.t, "inFlightRequests.canSendMore", "sourceWalkthrough.say.inFlightRequests.canSendMore", { node }, ids);
          }
          const sequence: Phrase | string = e.baseSequence >= 0 ? { key: "sourceWalkthrough.say.sequence", params: { sequence: e.baseSequence } } : "";
          push(e.t, "accumulator.drain", "sourceWalkthrough.say.accumulator.drain", { batch: b, count: e.count, sequence }, ids);
        } else if (e.state === "retry-backoff") {
          push(e.t, "sender.reenqueueBatch", "sourceWalkthrough.say.sender.reenqueueBatch", { error: e.reason.split(":")[0] || e.reason, batch: b, tp: tp(e.topic, e.partition) }, ids);
        } else if (e.state === "failed" || e.state === "expired") {
          push(e.t, "sender.reenqueueBatch", "sourceWalkthrough.say.sender.failBatch", { error: e.reason.split(":")[0] || e.state, batch: b }, ids);
        }
        break;
      }
      case "producer.request": {
        if (e.client !== client) break;
        const first = e.batches[0];
        const ids = first ? { batch: first } : {};
        if (e.phase === "sent") {
          requests.set(e.request, { node: e.to, batches: e.batches });
          push(e.t, "sender.sendProduceRequest", "sourceWalkthrough.say.sender.sendProduceRequest", { request: e.request, node: e.to, batches: e.batches.length, acks }, ids);
          push(e.t, "networkClient.doSend", "sourceWalkthrough.say.networkClient.doSend", { request: e.request, node: e.to }, ids);
          push(e.t, "inFlightRequests.add", "sourceWalkthrough.say.inFlightRequests.add", { node: e.to, inFlight: e.inFlight }, ids);
          for (const id of e.batches) {
            const info = batches.get(id);
            if (!info) continue;
            info.request = e.request;
            info.node = e.to;
            const key = tp(info.topic, info.partition);
            awaitingAppend.set(key, [...(awaitingAppend.get(key) ?? []), info]);
          }
        } else if (e.phase === "completed") {
          push(e.t, "sender.handleProduceResponse", "sourceWalkthrough.say.sender.handleProduceResponse", { request: e.request }, ids);
        } else {
          push(e.t, "sender.handleProduceResponse", "sourceWalkthrough.say.sender.handleProduceResponse.timeout", { request: e.request, error: e.error ?? e.phase }, ids);
        }
        break;
      }
      case "replica.append": {
        const key = tp(e.topic, e.partition);
        const waiting = awaitingAppend.get(key);
        if (!waiting || waiting.length === 0) break;
        const at = waiting.findIndex((b) => b.node === e.broker && (e.ids.length === 0 || b.records.some((id) => e.ids.includes(id))));
        if (at < 0) break;
        const [info] = waiting.splice(at, 1);
        push(e.t, "broker.appendRecords", "sourceWalkthrough.say.broker.appendRecords", { node: e.broker, tp: key, from: e.baseOffset, to: e.lastOffset > e.baseOffset ? `–${e.lastOffset}` : "" }, { batch: info.id });
        if (acks === "all") awaitingHw.set(key, [...(awaitingHw.get(key) ?? []), { batch: info, lastOffset: e.lastOffset, node: e.broker }]);
        break;
      }
      case "produce.duplicate": {
        // The leader already had this batch (a retry after a lost answer): nothing is appended,
        // and the answer goes out at once with the original offset.
        const key = tp(e.topic, e.partition);
        const waiting = awaitingAppend.get(key);
        const at = waiting?.findIndex((b) => b.node === e.broker) ?? -1;
        if (waiting && at >= 0) waiting.splice(at, 1);
        break;
      }
      case "replica.hw": {
        const key = tp(e.topic, e.partition);
        const waiting = awaitingHw.get(key);
        if (!waiting) break;
        const still = waiting.filter((w) => {
          if (w.node !== e.broker || e.hw <= w.lastOffset) return true;
          push(e.t, "broker.delayedProduce", "sourceWalkthrough.say.broker.delayedProduce", { tp: key, hw: e.hw }, { batch: w.batch.id });
          return false;
        });
        awaitingHw.set(key, still);
        break;
      }
      case "produce.acked": {
        if (e.client !== client) break;
        const info = findBatch(batches, e.topic, e.partition, e.ids);
        const b = info ? shortBatch(info.id) : tp(e.topic, e.partition);
        const ids = info ? { batch: info.id } : {};
        push(e.t, "sender.completeBatch", "sourceWalkthrough.say.sender.completeBatch", { batch: b, offset: e.baseOffset }, ids);
        push(e.t, "batch.done", "sourceWalkthrough.say.batch.done", { batch: b, count: e.count }, ids);
        e.ids.forEach((id, n) => {
          const outcome: Phrase = { key: "sourceWalkthrough.say.outcome.offset", params: { tp: tp(e.topic, e.partition), offset: e.baseOffset < 0 ? -1 : e.baseOffset + n } };
          push(e.t, "callbacks.onCompletion", "sourceWalkthrough.say.callbacks.onCompletion", { record: shortRecord(id), outcome }, { record: id, batch: info?.id });
        });
        break;
      }
      case "produce.failed": {
        if (e.client !== client) break;
        const info = findBatch(batches, e.topic, e.partition, e.ids);
        const ids = info ? { batch: info.id } : {};
        push(e.t, "batch.done", "sourceWalkthrough.say.batch.done", { batch: info ? shortBatch(info.id) : tp(e.topic, e.partition), count: e.count }, ids);
        e.ids.forEach((id) => {
          const outcome: Phrase = { key: "sourceWalkthrough.say.outcome.failed", params: { error: e.error } };
          push(e.t, "callbacks.onCompletion", "sourceWalkthrough.say.callbacks.onCompletion", { record: shortRecord(id), outcome }, { record: id, batch: info?.id });
        });
        break;
      }
    }
  }
  return steps;
}

function findBatch(batches: Map<string, BatchInfo>, topic: string, partition: number, ids: readonly string[]): BatchInfo | undefined {
  for (const info of batches.values()) {
    if (info.topic !== topic || info.partition !== partition) continue;
    if (ids.length > 0 && info.records.some((id) => ids.includes(id))) return info;
  }
  return undefined;
}

/** The broker the batch's request goes to: the next producer.request "sent" that carries it. */
function requestNodeFor(trace: readonly TraceEvent[], from: number, client: string, batch: string): number | null {
  for (let j = from + 1; j < trace.length; j++) {
    const e = trace[j];
    if (e.t > trace[from].t) break;
    if (e.type === "producer.request" && e.client === client && e.phase === "sent" && e.batches.includes(batch)) return e.to;
  }
  return null;
}

function batchCreatedAt(trace: readonly TraceEvent[], before: number, batch: string): number | null {
  for (let j = before; j >= 0; j--) {
    const e = trace[j];
    if (e.type === "producer.batch" && e.batch === batch && e.state === "open") return e.t;
  }
  return null;
}

/** True if the batch was closed for appends (it went "ready") before it was drained. */
function wasClosed(trace: readonly TraceEvent[], before: number, batch: string): boolean {
  for (let j = before - 1; j >= 0; j--) {
    const e = trace[j];
    if (e.type === "producer.batch" && e.batch === batch) {
      if (e.state === "ready") return true;
      if (e.state === "open") return false;
    }
  }
  return false;
}

/** True if the batch goes "ready" (closed because full) at the same moment as this append. */
function closedAt(trace: readonly TraceEvent[], from: number, batch: string): boolean {
  for (let j = from + 1; j < trace.length && trace[j].t === trace[from].t; j++) {
    const e = trace[j];
    if (e.type === "producer.batch" && e.batch === batch && e.state === "ready") return true;
  }
  return false;
}

/** The producer's free buffer memory just before this point. */
function bufferAvailableAt(trace: readonly TraceEvent[], from: number, client: string): number {
  for (let j = from; j >= 0; j--) {
    const e = trace[j];
    if (e.type === "producer.buffer" && e.client === client) return e.availableBytes;
  }
  return 0;
}
