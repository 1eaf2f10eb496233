import { describe, expect, test } from "vitest";
import { partitionForKey, runScenario, utf8, type ScenarioInput } from "../../../engine/index";
import { knobValueAt } from "../../../widgets/kit/knobs";
import { addConsumer, consumersKnob, consumerToCrash, crashFault, modelKnob, partitionsKnob } from "../../../widgets/messaging-models/controls";
import { describeMessagingModels } from "../../../widgets/messaging-models/describe";
import { foldMessagingModels, type MessagingView } from "../../../widgets/messaging-models/fold";
import { presets } from "../../../widgets/messaging-models/presets";
import { keysFor, scene, type Model } from "../../../widgets/messaging-models/scene";

/**
 * The messaging-models widget folds REAL runs of the engine (KafkaConsumer in classic groups,
 * KafkaShareConsumer in a share group): what the reader is shown must be what the consumers
 * actually received.
 */

function runAndFold(scenario: ScenarioInput, tMs?: number): MessagingView {
  const result = runScenario(scenario);
  return foldMessagingModels(result.trace, tMs ?? result.scenario.durationMs, result.scenario);
}

function sceneView(model: Model, consumers: number, partitions: number, faults: ScenarioInput["faults"] = []): MessagingView {
  return runAndFold(scene({ model, consumers, partitions, faults }));
}

/** How often each record id was delivered, over all consumers. */
function copies(view: MessagingView): Map<string, number> {
  const map = new Map<string, number>();
  for (const box of view.consumers) for (const d of box.received) map.set(d.id, (map.get(d.id) ?? 0) + 1);
  return map;
}

describe("messaging-models: one topic read three ways (real runs)", () => {
  test("one group (3 consumers, 3 partitions): every record produced is delivered exactly once in total, partitions split", () => {
    const view = sceneView("one-group", 3, 3);
    expect(view.produced).toBe(30);
    const perRecord = copies(view);
    expect(perRecord.size).toBe(30);
    expect([...perRecord.values()].every((n) => n === 1)).toBe(true);
    expect(view.copiesPerRecord).toBe(1);
    // Each consumer reads its own partition and nobody else's.
    const owners = view.consumers.map((box) => new Set(box.received.map((d) => d.partition)));
    expect(owners.map((s) => s.size)).toEqual([1, 1, 1]);
    expect(new Set(owners.flatMap((s) => [...s])).size).toBe(3);
  });

  test.each([2, 3])("%i consumers in a group each: every consumer receives every record, so each record goes out N times", (n) => {
    const view = sceneView("group-each", n, 3);
    expect(view.produced).toBe(30);
    for (const box of view.consumers) expect(new Set(box.received.map((d) => d.id)).size).toBe(30);
    expect([...copies(view).values()].every((c) => c === n)).toBe(true);
    expect(view.copiesPerRecord).toBe(n);
    expect(new Set(view.consumers.map((box) => box.group)).size).toBe(n);
  });

  test("share group: several consumers read the same partition, and each record is acknowledged exactly once", () => {
    const view = sceneView("share-group", 3, 3);
    expect(view.produced).toBe(30);
    const readersByPartition = new Map<number, Set<string>>();
    for (const box of view.consumers) for (const d of box.received) readersByPartition.set(d.partition, (readersByPartition.get(d.partition) ?? new Set()).add(box.client));
    expect(Math.max(...[...readersByPartition.values()].map((s) => s.size))).toBeGreaterThanOrEqual(2);
    expect(view.acknowledged).toBe(30);
    expect(view.acknowledgedTwice).toBe(0);
    expect(view.partitions.flatMap((row) => row.records).every((r) => r.share?.state === "acknowledged")).toBe(true);
    expect([...copies(view).values()].every((c) => c === 1)).toBe(true);
  });

  test("one group with 4 consumers on 3 partitions: exactly one consumer is idle and receives nothing", () => {
    const view = sceneView("one-group", 4, 3);
    const idle = view.consumers.filter((box) => box.status === "idle");
    expect(idle).toHaveLength(1);
    expect(idle[0].received).toHaveLength(0);
    expect(idle[0].partitions).toEqual([]);
    expect(view.consumers.filter((box) => box.received.length > 0)).toHaveLength(3);
    expect(describeMessagingModels(view)).toMatch(/idle/);
  });

  test("a share group with 4 consumers on 3 partitions has no idle member: each is assigned a partition", () => {
    const view = sceneView("share-group", 4, 3);
    expect(view.consumers.every((box) => box.status === "reading" && box.partitions.length > 0)).toBe(true);
    expect(view.acknowledged).toBe(30);
  });

  test("share group preset: the records a crashed consumer held come back with delivery count 2 and are still acknowledged once", () => {
    const result = runScenario(presets["share-group"].scenario);
    const atCrash = foldMessagingModels(result.trace, 5_500, result.scenario);
    const held = atCrash.partitions.flatMap((row) => row.records).filter((r) => r.share?.state === "acquired" && r.share.holder === "consumer-1");
    expect(held.length).toBeGreaterThan(0);
    const end = foldMessagingModels(result.trace, result.scenario.durationMs, result.scenario);
    expect(end.consumers.find((box) => box.client === "consumer-1")?.status).toBe("crashed");
    for (const record of held) {
      const now = end.partitions.flatMap((row) => row.records).find((r) => r.id === record.id);
      expect(now?.share).toMatchObject({ state: "acknowledged", deliveryCount: 2 });
      // Acquired twice: first by the consumer that crashed (its client may not have handed the
      // record to the application yet: a share fetch acquires ahead), then by exactly one other.
      const others = end.consumers.filter((box) => box.client !== "consumer-1" && box.received.some((d) => d.id === record.id));
      expect(others).toHaveLength(1);
      expect(others[0].received.find((d) => d.id === record.id)?.deliveryCount).toBe(2);
    }
    expect(end.redelivered).toBe(held.length);
    expect(end.acknowledged).toBe(30);
    expect(end.acknowledgedTwice).toBe(0);
  });

  test("one group: a crashed consumer's partition moves to a survivor after session.timeout.ms", () => {
    const view = sceneView("one-group", 3, 3, [{ type: "consumer-crash", atMs: 9_000, client: "consumer-2" }]);
    const crashed = view.consumers.find((box) => box.client === "consumer-2")!;
    expect(crashed.status).toBe("crashed");
    expect(view.consumers.filter((box) => box.status === "reading").flatMap((box) => box.partitions).sort()).toEqual([0, 1, 2]);
    // Nothing is lost: every record produced reached some consumer.
    expect(copies(view).size).toBe(view.produced);
  });

  test("the picture moves with time: nothing is delivered before the first record, everything by the end", () => {
    const result = runScenario(presets["one-group"].scenario);
    const early = foldMessagingModels(result.trace, 900, result.scenario);
    expect(early.produced).toBe(0);
    expect(early.deliveries).toBe(0);
    const mid = foldMessagingModels(result.trace, 9_000, result.scenario);
    expect(mid.deliveries).toBeGreaterThan(0);
    expect(mid.deliveries).toBeLessThan(30);
  });
});

describe("messaging-models: scene, knobs and actions", () => {
  test.each([1, 2, 3, 4, 5, 6])("with %i partition(s) each key hashes (murmur2) to its own partition, so every partition gets records", (partitions) => {
    const keys = keysFor(partitions);
    expect(keys.map((key) => partitionForKey(utf8(key), partitions))).toEqual(Array.from({ length: partitions }, (_, p) => p));
    expect(new Set(keys.map((key) => key[0])).size).toBe(partitions);
  });

  test("a bad number of consumers is refused with the field, the value and the range", () => {
    expect(() => scene({ model: "one-group", consumers: 7, partitions: 3 })).toThrow(/consumers is 7; allowed: a whole number from 1 to 6/);
    expect(() => scene({ model: "one-group", consumers: 3, partitions: 0 })).toThrow(/partitions is 0; allowed: a whole number from 1 to 6/);
  });

  test("the model knob rebuilds the scene for the chosen model and reads it back; consumers and partitions are kept", () => {
    const base = scene({ model: "one-group", consumers: 4, partitions: 2 });
    const share = modelKnob.apply!(base, "share-group");
    expect(knobValueAt(modelKnob, share, 0)).toBe("share-group");
    expect(knobValueAt(consumersKnob, share, 0)).toBe(4);
    expect(knobValueAt(partitionsKnob, share, 0)).toBe(2);
    expect(share.workload!.filter((w) => w.type === "share-consumer")).toHaveLength(4);
    const more = consumersKnob.apply!(share, 6);
    expect(knobValueAt(consumersKnob, more, 0)).toBe(6);
    const fewer = partitionsKnob.apply!(more, 1);
    expect(fewer.topics![0].partitions).toBe(1);
    expect(fewer.workload!.filter((w) => w.type === "produce")).toHaveLength(1);
  });

  test("Crash a consumer aims at a share consumer holding a lock, with the share fault; in a group, a reading consumer with consumer-crash", () => {
    const result = runScenario(presets["share-group"].scenario);
    const view = foldMessagingModels(result.trace, 5_000, result.scenario);
    const target = consumerToCrash(view)!;
    expect(view.partitions.flatMap((row) => row.records).some((r) => r.share?.state === "acquired" && r.share.holder === target)).toBe(true);
    expect(crashFault(view, 5_000)).toEqual({ type: "share-consumer-crash", atMs: 5_000, client: target });
    const group = runAndFold(presets["one-group"].scenario, 9_000);
    expect(crashFault(group, 9_000)).toMatchObject({ type: "consumer-crash", atMs: 9_000 });
  });

  test("Add a consumer in 'a group each' starts a new consumer at t in a group of its own, and it reads the topic from the start", () => {
    const next = addConsumer(presets["group-each"].scenario, 8_000)!;
    const added = next.workload!.at(-1)!;
    expect(added).toMatchObject({ type: "consumer", client: "consumer-3", groupId: "app-d", startMs: 8_000 });
    const view = runAndFold(next);
    expect(new Set(view.consumers.find((box) => box.client === "consumer-3")!.received.map((d) => d.id)).size).toBe(30);
  });

  test("Add a consumer stops at six consumers", () => {
    expect(addConsumer(scene({ model: "one-group", consumers: 6, partitions: 3 }), 1_000)).toBeNull();
  });
});
