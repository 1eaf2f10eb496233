import { describe, expect, test } from "vitest";
import { runScenario } from "../../../engine/index";
import { checkKnobValue, knobDef, knobKind, knobRange, knobValueAt } from "../../../widgets/kit/knobs";
import { stackMarks } from "../../../widgets/kit/timeline";
import { acksKnob, addProduceBurst, followerToSlow, lagTimeKnob, minInsyncKnob, replicationActions, uncleanKnob } from "../../../widgets/replica-log/controls";
import { foldReplicaLog, type ReplicaView } from "../../../widgets/replica-log/fold";
import { presets } from "../../../widgets/replica-log/presets";

const base = presets.steady.scenario;

describe("knobs are generated from the config table", () => {
  test("each knob's control follows its config's type: a segmented choice, a slider, a switch", () => {
    expect(knobKind(knobDef(acksKnob), acksKnob)).toBe("segmented");
    expect(knobKind(knobDef(minInsyncKnob), minInsyncKnob)).toBe("slider");
    expect(knobKind(knobDef(uncleanKnob), uncleanKnob)).toBe("switch");
    expect(knobRange(lagTimeKnob, knobDef(lagTimeKnob))).toEqual({ min: 1000, max: 30000, step: 1000 });
  });

  test("a bad value gets Kafka's ConfigException message naming the key, the value and the rule", () => {
    expect(checkKnobValue(minInsyncKnob, 0)).toEqual({ ok: false, message: "Invalid value 0 for configuration min.insync.replicas: Value must be at least 1" });
    expect(checkKnobValue(acksKnob, "2")).toMatchObject({ ok: false, message: expect.stringMatching(/Invalid value 2 for configuration acks/) });
    expect(checkKnobValue(acksKnob, -1)).toEqual({ ok: true, value: "all" });
  });

  test("a knob shows the value in force at time t: the scenario's, then its mid-run faults'", () => {
    const faults = acksKnob.midRun!("1", base)!.map((f) => ({ ...f, atMs: 5_000 }));
    const scenario = { ...base, faults };
    expect(knobValueAt(acksKnob, scenario, 4_999)).toBe("all");
    expect(knobValueAt(acksKnob, scenario, 5_000)).toBe("1");
    expect(knobValueAt(lagTimeKnob, base, 0)).toBe(4000);
  });

  test("mid-run, topic configs change through a topic-config fault and acks through producer-acks for every producer", () => {
    expect(minInsyncKnob.midRun!(2, base)).toEqual([{ type: "topic-config", atMs: 0, topic: "orders", config: { "min.insync.replicas": 2 } }]);
    const two = addProduceBurst(base, 3_000);
    expect(acksKnob.midRun!("0", two)!.map((f) => f.type === "producer-acks" && f.client)).toEqual(["producer-0", "producer-1"]);
    expect(lagTimeKnob.midRun).toBeUndefined();
  });
});

describe("replication actions", () => {
  test("Produce 5 records adds a new producer that sends 5 records from t, with the acks in force at t", () => {
    const scenario = addProduceBurst({ ...base, faults: [{ type: "producer-acks", atMs: 1_000, client: "producer-0", acks: "1" }] }, 6_000.4);
    expect(scenario.workload?.at(-1)).toEqual({ type: "produce", client: "producer-1", topic: "orders", partition: 0, startMs: 6_000, count: 5, intervalMs: 40, acks: "1" });
    const result = runScenario(scenario);
    const acked = result.trace.filter((e) => e.type === "produce.acked" && e.client === "producer-1").flatMap((e) => (e.type === "produce.acked" ? e.ids : []));
    expect(acked).toHaveLength(5);
    expect(addProduceBurst(scenario, 7_000).workload?.at(-1)).toMatchObject({ client: "producer-2" });
  });

  test("Slow follower picks a live follower, never the leader; Restart broker N shows only while N is down", () => {
    const result = runScenario({ ...base, faults: [{ type: "crash", atMs: 2_000, broker: 3 }] });
    const view = foldReplicaLog(result.trace, 3_000, result.scenario);
    expect(followerToSlow(view)).toBe(2);
    const actions = replicationActions<ReplicaView>((v) => v);
    const visible = actions.filter((a) => a.visible?.(view) ?? true).map((a) => a.id);
    expect(visible).toContain("restart-3");
    expect(visible).not.toContain("restart-1");
    expect(visible).not.toContain("heal");
    expect(actions.find((a) => a.id === "crash-leader")!.fault!(3_000, view)).toEqual({ type: "crash", atMs: 3_000, broker: 1 });
  });

  test("timeline labels of marks close in time go to separate rows", () => {
    const marks = [
      { atMs: 9_000, label: "acks=1", kind: "producer-acks", ghost: false },
      { atMs: 9_000, label: "unclean.leader.election.enable=true", kind: "topic-config", ghost: false },
      { atMs: 25_000, label: "heal", kind: "heal", ghost: false },
    ];
    expect(stackMarks(marks, 30_000, 900)).toEqual([0, 1, 0]);
  });
});
