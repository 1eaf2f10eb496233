import type { TraceEvent } from "../../engine/index";

/**
 * When each record was being processed, and by which thread: the lanes of the multithreaded
 * widget. The trace says when a record FINISHED (consumer.process, with its worker) and which
 * poll() returned it (consumer.poll ids); a thread works on one record at a time, so a record's
 * processing started when its thread was free again: at the later of the poll that returned it
 * and the thread's previous finish. Computed once per run (the player folds every frame).
 */

export interface ProcessingSpan {
  client: string;
  worker: number;
  id: string;
  partition: number;
  offset: number;
  startMs: number;
  finishMs: number;
}

const cache = new WeakMap<readonly TraceEvent[], ProcessingSpan[]>();

export function processingSpans(trace: readonly TraceEvent[]): ProcessingSpan[] {
  const cached = cache.get(trace);
  if (cached) return cached;
  const spans: ProcessingSpan[] = [];
  /** The latest poll of each client that returned each record id. */
  const polledAt = new Map<string, number>(); // "client|id"
  const freeAt = new Map<string, number>(); // "client|worker"
  for (const e of trace) {
    if (e.type === "consumer.poll") {
      for (const id of e.ids) polledAt.set(`${e.client}|${id}`, e.t);
    } else if (e.type === "consumer.crash" || e.type === "consumer.started") {
      // A new life of the process: its threads start free.
      for (const key of [...freeAt.keys()]) if (key.startsWith(`${e.client}|`)) freeAt.delete(key);
    } else if (e.type === "consumer.process") {
      const thread = `${e.client}|${e.worker}`;
      const startMs = Math.min(e.t, Math.max(polledAt.get(`${e.client}|${e.id}`) ?? e.t, freeAt.get(thread) ?? 0));
      spans.push({ client: e.client, worker: e.worker, id: e.id, partition: e.partition, offset: e.offset, startMs, finishMs: e.t });
      freeAt.set(thread, e.t);
    }
  }
  cache.set(trace, spans);
  return spans;
}
