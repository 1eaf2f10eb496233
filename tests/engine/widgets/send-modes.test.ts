import { describe, expect, it } from "vitest";
import { runScenario, type ScenarioInput, type TraceEvent } from "../../../engine/index";
import { acksKnob, latencyKnob, lingerKnob, recordsKnob } from "../../../widgets/send-modes/controls";
import { describeSendModes } from "../../../widgets/send-modes/describe";
import { foldSendModes, type SendModesView, type SideView } from "../../../widgets/send-modes/fold";
import { ASYNC_CLIENT, DEFAULT_SETUP, SYNC_CLIENT, sendModesScenario } from "../../../widgets/send-modes/presets";
import { checkKnobValue } from "../../../widgets/kit/knobs";

function endView(scenario: ScenarioInput): { view: SendModesView; trace: readonly TraceEvent[] } {
  const result = runScenario(scenario);
  return { view: foldSendModes(result.trace, result.scenario.durationMs, result.scenario), trace: result.trace };
}

const side = (view: SendModesView, client: string): SideView => {
  const found = view.sides.find((s) => s.client === client);
  if (!found) throw new Error(`no side for ${client}`);
  return found;
};

describe("send modes: the same 12 records with send().get() and with callbacks", () => {
  const { view, trace } = endView(sendModesScenario());
  const sync = side(view, SYNC_CLIENT);
  const async = side(view, ASYNC_CLIENT);

  it("completes every record on both sides", () => {
    expect(sync.done).toBe(12);
    expect(async.done).toBe(12);
  });

  it("sync sends one record per request, one round trip after another (the staircase)", () => {
    expect(sync.recordsPerRequest).toBe(1);
    expect(sync.requests.length).toBe(12);
    for (let i = 1; i < sync.records.length; i++) {
      // Each send() starts only once the previous record's callback ran.
      expect(sync.records[i].sendMs).toBeGreaterThanOrEqual(sync.records[i - 1].ackMs!);
    }
  });

  it("async batches: several records per request, all requests overlapping", () => {
    expect(async.recordsPerRequest).toBeGreaterThan(1);
    expect(async.requests.length).toBeLessThan(sync.requests.length);
    const firstDone = Math.min(...async.requests.map((r) => r.doneMs!));
    expect(async.requests.every((r) => r.sentMs < firstDone)).toBe(true);
  });

  it("sync takes longer end to end than async", () => {
    expect(sync.elapsedMs).toBeGreaterThan(async.elapsedMs * 2);
  });

  it("calls back in send order within each partition (read from the trace itself)", () => {
    for (const client of [SYNC_CLIENT, ASYNC_CLIENT]) {
      const sent = new Map<number, string[]>();
      const acked = new Map<number, string[]>();
      for (const e of trace) {
        if (e.type === "producer.record" && e.client === client && e.stage === "append") sent.set(e.partition, [...(sent.get(e.partition) ?? []), e.id]);
        if (e.type === "produce.acked" && e.client === client) acked.set(e.partition, [...(acked.get(e.partition) ?? []), ...e.ids]);
      }
      expect(sent.size).toBe(3);
      for (const [partition, ids] of sent) expect(acked.get(partition), `${client} p${partition}`).toEqual(ids);
    }
    expect(sync.callbacksInSendOrder && async.callbacksInSendOrder).toBe(true);
    expect(async.records.map((r) => r.callbackSeq)).toEqual(async.records.map((r) => r.sendSeq));
  });

  it("shows nothing done before the first send, and counts as time passes", () => {
    const result = runScenario(sendModesScenario());
    const first = foldSendModes(result.trace, 0, result.scenario);
    expect(first.sides.every((s) => s.done === 0 && s.records.length === 0)).toBe(true);
    const mid = foldSendModes(result.trace, sync.records[5].ackMs!, result.scenario);
    expect(side(mid, SYNC_CLIENT).done).toBe(6);
    expect(side(mid, ASYNC_CLIENT).done).toBe(12);
    expect(describeSendModes(mid)).toMatch(/6 of 12 records done/);
  });
});

describe("send modes: the knobs change both producers", () => {
  it("a longer linger.ms slows every sync record by about linger.ms", () => {
    const base = side(endView(sendModesScenario()).view, SYNC_CLIENT);
    const longer = lingerKnob.apply!(sendModesScenario(), 20);
    const slow = side(endView(longer).view, SYNC_CLIENT);
    expect(slow.elapsedMs - base.elapsedMs).toBeGreaterThanOrEqual(12 * 14);
    const workloads = (longer.workload ?? []) as { config?: Record<string, unknown> }[];
    expect(workloads.map((w) => w.config?.["linger.ms"])).toEqual([20, 20]);
  });

  it("acks=1 answers sooner than acks=all, on both sides", () => {
    const all = endView(sendModesScenario()).view;
    const one = endView(acksKnob.apply!(sendModesScenario(), "1")).view;
    expect(side(one, SYNC_CLIENT).elapsedMs).toBeLessThan(side(all, SYNC_CLIENT).elapsedMs);
  });

  it("the record count and the network latency reach the scenario", () => {
    const more = endView(recordsKnob.apply!(sendModesScenario(), 20)).view;
    expect(more.sides.map((s) => s.done)).toEqual([20, 20]);
    const far = latencyKnob.apply!(sendModesScenario(), 20);
    expect(far.cluster?.network).toMatchObject({ latencyMsMin: 20, latencyMsMax: 20 });
    const farView = endView(far).view;
    expect(side(farView, SYNC_CLIENT).meanLatencyMs!).toBeGreaterThan(side(endView(sendModesScenario()).view, SYNC_CLIENT).meanLatencyMs! + 40);
  });

  it("fits the run's length to the settings, so even the slowest sync run finishes", () => {
    const slowest = latencyKnob.apply!(lingerKnob.apply!(recordsKnob.apply!(sendModesScenario(), 40), 100), 100);
    expect(endView(slowest).view.sides.map((s) => s.done)).toEqual([40, 40]);
    expect(sendModesScenario().durationMs).toBeLessThanOrEqual(1000);
  });

  it("refuses a record count or latency out of range, naming the value and the range", () => {
    const bad = checkKnobValue(recordsKnob, 0);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/Invalid value 0 for configuration records: Value must be at least 1/);
    const far = checkKnobValue(latencyKnob, 500);
    expect(far.ok).toBe(false);
    expect(checkKnobValue(latencyKnob, 20)).toEqual({ ok: true, value: 20 });
  });

});
