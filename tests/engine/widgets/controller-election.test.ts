import { describe, expect, it } from "vitest";
import { parseScenario, runScenario, type Fault, type Scenario, type ScenarioInput, type TraceEvent } from "../../../engine/index";
import { actingController, controllerElectionActions, sessionTimeoutKnob } from "../../../widgets/controller-election/controls";
import { describeControllerElection } from "../../../widgets/controller-election/describe";
import { foldControllerElection, parseControllerId, type ControllerElectionView } from "../../../widgets/controller-election/fold";
import { layoutControllerElection } from "../../../widgets/controller-election/layout";
import { CONTROLLER_ELECTION_PRESETS, controllerElectionPreset } from "../../../widgets/controller-election/presets";
import { applyAction, setAtPath } from "../../../widgets/kit/fork";

const preset = CONTROLLER_ELECTION_PRESETS["three-brokers"];
const quiet: ScenarioInput = preset.scenario;
/** The reader's usual first story: crash the controller at 8 s, bring it back at 20 s. */
const story: ScenarioInput = { ...quiet, faults: [{ type: "crash", atMs: 8_000, broker: "controller" }, { type: "restart", atMs: 20_000, broker: 2 }] };

function withFaults(faults: Fault[], base: ScenarioInput = preset.scenario): ScenarioInput {
  return { ...base, faults: [...(base.faults ?? []), ...faults] };
}

function run(input: ScenarioInput) {
  const result = runScenario(input);
  return { result, at: (tMs: number) => foldControllerElection(result.trace, tMs, result.scenario) };
}

function first<T extends TraceEvent["type"]>(trace: readonly TraceEvent[], type: T, where: (e: Extract<TraceEvent, { type: T }>) => boolean = () => true): Extract<TraceEvent, { type: T }> {
  const found = trace.find((e) => e.type === type && where(e as Extract<TraceEvent, { type: T }>));
  if (!found) throw new Error(`no ${type} event in the trace`);
  return found as Extract<TraceEvent, { type: T }>;
}

function broker(view: ControllerElectionView, id: number) {
  const b = view.brokers.find((x) => x.id === id);
  if (!b) throw new Error(`broker ${id} is not in the view`);
  return b;
}

describe("controller-election presets", () => {
  it("every preset is a valid scenario and an unknown name is refused with the allowed ones", () => {
    for (const { scenario } of Object.values(CONTROLLER_ELECTION_PRESETS)) expect(() => parseScenario(scenario)).not.toThrow();
    expect(() => controllerElectionPreset("four-brokers")).toThrow(/unknown preset "four-brokers"; allowed: three-brokers/);
  });

  it("B-CONTROLLER: at the start time broker 2 holds /controller at controller epoch 1 and every broker is registered", () => {
    const view = run(preset.scenario).at(preset.startMs);
    expect(view.controller).toBe(2);
    expect(view.controllerEpoch).toBe(1);
    expect(view.znodes.map((z) => z.path)).toEqual(["/controller", "/controller_epoch", "/brokers/ids/1", "/brokers/ids/2", "/brokers/ids/3"]);
    expect(view.brokers.map((b) => b.state)).toEqual(["follower", "controller", "follower"]);
    expect(view.controllerWatchers).toEqual([1, 3]);
    // Every ephemeral znode hangs from its broker's own session.
    for (const b of view.brokers) {
      expect(view.znodes.find((z) => z.path === `/brokers/ids/${b.id}`)?.ownerSession).toBe(b.session?.id);
      expect(b.knownController).toBe(2);
      expect(b.knownEpoch).toBe(1);
    }
  });
});

describe("controller-election fold", () => {
  it("B-CONTROLLER: the crashed controller's session counts down its timeout, then /controller vanishes, the watches fire and the winner takes epoch 2", () => {
    const { result, at } = run(story);
    const crash = first(result.trace, "broker.crashed");
    expect(crash.broker).toBe(2);
    const halfway = at(crash.t + 3_000);
    const dead = broker(halfway, 2);
    expect(dead.alive).toBe(false);
    expect(dead.state).toBe("offline");
    // A dead process sends no heartbeats, but ZooKeeper keeps the session until the timeout.
    expect(dead.session?.status).toBe("alive");
    expect(dead.session?.silenceRatio).toBeCloseTo(0.5, 2);
    expect(halfway.controller).toBe(2);

    const expired = first(result.trace, "zk.session.expired");
    expect(expired.t - crash.t).toBeLessThanOrEqual(6_000);
    const atExpiry = at(expired.t);
    expect(broker(atExpiry, 2).session?.status).toBe("expired");
    expect(atExpiry.vanished.map((v) => v.path)).toEqual(expect.arrayContaining(["/controller", "/brokers/ids/2"]));
    expect(atExpiry.recent.filter((e) => e.kind === "watch-fired").map((e) => e.broker)).toEqual([1, 3]);

    const elected = first(result.trace, "controller.elected", (e) => e.epoch === 2);
    const after = at(elected.t + 100);
    expect(after.controller).toBe(elected.broker);
    expect(after.controllerEpoch).toBe(2);
    expect(after.recent.some((e) => e.kind === "lost-race")).toBe(true);
    expect(broker(after, elected.broker).race).toBe("won");
    // Every running broker learns the new controller and its epoch through UpdateMetadata.
    for (const b of after.brokers.filter((x) => x.alive)) expect([b.knownController, b.knownEpoch]).toEqual([elected.broker, 2]);
  });

  it("B-CONTROLLER: the old controller restarts, finds /controller taken, loses the race and watches it", () => {
    const { at } = run(story);
    const view = at(21_000);
    const returned = broker(view, 2);
    expect(returned.alive).toBe(true);
    expect(returned.state).toBe("follower");
    expect(returned.session?.id).not.toBe(1);
    expect(view.controllerEpoch).toBe(2);
    expect(view.controllerWatchers).toContain(2);
  });

  it("B-CONTROLLER: cutting the controller off from ZooKeeper leaves it acting as a zombie until it reconnects and learns its session expired", () => {
    const { result, at } = run(withFaults([{ type: "cut", atMs: 3_000, a: [2], b: ["zk"] }, { type: "heal", atMs: 15_000 }], quiet));
    const cutView = at(4_000);
    expect(broker(cutView, 2).cutFromZk).toBe(true);
    expect(broker(cutView, 2).session?.silentSinceMs).toBe(3_000);
    const elected = first(result.trace, "controller.elected", (e) => e.epoch === 2);
    const resigned = first(result.trace, "controller.resigned", (e) => e.broker === 2);
    expect(resigned.t).toBeGreaterThan(elected.t);
    expect(resigned.t).toBeGreaterThanOrEqual(15_000);
    const between = at(elected.t + 1);
    expect(between.controller).toBe(elected.broker);
    expect(broker(between, 2).zombie).toBe(true);
    expect(broker(between, 2).state).toBe("controller");
    expect(broker(at(resigned.t), 2).zombie).toBe(false);
  });

  it("B-CONTROLLER: two controller crashes reach controller epoch 3, and every running broker agrees on the controller", () => {
    const scenario = withFaults([{ type: "crash", atMs: 22_000, broker: "controller" }], story);
    const { result, at } = run(scenario);
    const end = at(result.scenario.durationMs);
    expect(end.controllerEpoch).toBe(3);
    const live = end.brokers.filter((b) => b.alive);
    expect(live.length).toBeGreaterThan(0);
    expect(new Set(live.map((b) => `${b.knownController}@${b.knownEpoch}`))).toEqual(new Set([`${end.controller}@3`]));
  });

  it("a stale-epoch rejection shows on the broker that turned the request away and in the text alternative", () => {
    const { result } = run(story);
    const rejection: TraceEvent = { t: 15_000, type: "request.rejected", broker: 3, request: "UpdateMetadata", error: "STALE_CONTROLLER_EPOCH", detail: "controller epoch 1 is older than 2" };
    const trace = [...result.trace.filter((e) => e.t <= 15_000), rejection, ...result.trace.filter((e) => e.t > 15_000)];
    const view = foldControllerElection(trace, 15_500, result.scenario);
    expect(broker(view, 3).rejectedCount).toBe(1);
    expect(view.recent.some((e) => e.kind === "rejected" && e.broker === 3)).toBe(true);
    expect(describeControllerElection(view)).toContain("UpdateMetadata (controller epoch 1 is older than 2)");
  });

  it("reads the broker id from /controller's JSON and refuses anything else", () => {
    expect(parseControllerId('{"version":2,"brokerid":3}')).toBe(3);
    expect(parseControllerId("not json")).toBeNull();
    expect(parseControllerId('{"version":2}')).toBeNull();
  });

  it("folding is pure: the same trace and time give the same view", () => {
    const { result } = run(story);
    const a = foldControllerElection(result.trace, 14_000, result.scenario as Scenario);
    const b = foldControllerElection(result.trace, 14_000, result.scenario as Scenario);
    expect(a).toEqual(b);
  });
});

describe("controller-election text alternative and layout", () => {
  it("describe() names who holds /controller, the epoch, the watchers and every broker's state", () => {
    const text = describeControllerElection(run(preset.scenario).at(preset.startMs));
    expect(text).toContain("/controller names broker 2; /controller_epoch is 1.");
    expect(text).toContain("Registered in /brokers/ids: 1, 2, 3.");
    expect(text).toContain("Brokers watching /controller: 1, 3.");
    expect(text).toMatch(/Broker 1: follower, session \d+ alive, watching \/controller, its metadata names controller 2 at epoch 1/);
    expect(text).toMatch(/Broker 2: controller, session \d+ alive/);
  });

  it("describe() says when no broker holds /controller", () => {
    const { result, at } = run(story);
    const expired = first(result.trace, "zk.session.expired");
    expect(describeControllerElection(at(expired.t))).toContain("/controller does not exist, so no broker is controller; /controller_epoch is 1.");
  });

  it("the layout puts each broker's card under its own /brokers/ids znode, inside the stage, at phone and desktop widths", () => {
    for (const width of [343, 900]) {
      const layout = layoutControllerElection(width, [1, 2, 3]);
      expect(layout.compact).toBe(width < 450);
      for (const id of [1, 2, 3]) {
        const node = layout.idsNodes.get(id)!;
        const card = layout.cards.get(id)!;
        expect(Math.abs(node.x + node.w / 2 - (card.x + card.w / 2))).toBeLessThan(1);
        expect(card.x + card.w).toBeLessThanOrEqual(layout.width);
        expect(card.y + card.h).toBeLessThanOrEqual(layout.height);
      }
    }
  });
});

describe("controller-election actions and knob", () => {
  const actions = controllerElectionActions();
  const byId = (id: string) => {
    const action = actions.find((a) => a.id === id);
    if (!action) throw new Error(`no action ${id}`);
    return action;
  };

  it("Crash controller and Cut controller off target the acting controller at the moment of the click", () => {
    const view = run(preset.scenario).at(preset.startMs);
    expect(actingController(view)?.id).toBe(2);
    expect(byId("crash-controller").fault!(1_000, view)).toEqual({ type: "crash", atMs: 1_000, broker: "controller" });
    expect(byId("cut-controller-from-zk").fault!(1_000, view)).toEqual({ type: "cut", atMs: 1_000, a: [2], b: ["zk"] });
    expect(byId("heal-network").enabled!(view)).toBe(false);
  });

  it("shows Crash broker N for running brokers and Restart broker N for crashed ones, only for this cluster", () => {
    const { at } = run(story);
    const running = at(preset.startMs);
    const down = at(10_000);
    expect(byId("crash-broker-2").visible!(running)).toBe(true);
    expect(byId("restart-broker-2").visible!(running)).toBe(false);
    expect(byId("crash-broker-2").visible!(down)).toBe(false);
    expect(byId("restart-broker-2").visible!(down)).toBe(true);
    expect(byId("crash-broker-4").visible!(running)).toBe(false);
    expect(byId("restart-broker-2").fault!(10_000, down)).toEqual({ type: "restart", atMs: 10_000, broker: 2 });
  });

  it("B-CONTROLLER: a cut then a heal, applied as the reader would, fork into a valid scenario where the old controller comes back as a follower", () => {
    const view = run(preset.scenario).at(3_000);
    const cut = byId("cut-controller-from-zk").fault!(3_000, view)!;
    const afterCut = applyAction(quiet, { kind: "fault", fault: cut }, 3_000);
    const heal = byId("heal-network").fault!(12_000, run(afterCut).at(12_000))!;
    const healed = applyAction(afterCut, { kind: "fault", fault: heal }, 12_000);
    const end = run(healed).at(19_000);
    expect(end.controllerEpoch).toBe(2);
    expect(broker(end, 2).state).toBe("follower");
    expect(broker(end, 2).cutFromZk).toBe(false);
  });

  it("B-CONTROLLER: a longer zookeeper.session.timeout.ms keeps the dead controller's seat longer", () => {
    const expiryAfter = (timeoutMs: number) => {
      const { result } = run(setAtPath(story, sessionTimeoutKnob.path, timeoutMs));
      const crash = first(result.trace, "broker.crashed");
      return first(result.trace, "zk.session.expired").t - crash.t;
    };
    const short = expiryAfter(3_000);
    const long = expiryAfter(12_000);
    expect(short).toBeLessThanOrEqual(3_000);
    expect(long).toBeGreaterThan(8_000);
    expect(long).toBeLessThanOrEqual(12_000);
  });
});

describe("controller-election budget", () => {
  it("the preset, the preset with a crash, and it after a knob change, simulate and fold within one frame (16 ms) on average after warm-up", () => {
    const changed = setAtPath(story, sessionTimeoutKnob.path, 12_000);
    for (const scenario of [preset.scenario, story, changed]) {
      for (let i = 0; i < 5; i++) runScenario(scenario);
      const runs = 20;
      const start = performance.now();
      for (let i = 0; i < runs; i++) {
        const result = runScenario(scenario);
        foldControllerElection(result.trace, 15_000, result.scenario);
      }
      const averageMs = (performance.now() - start) / runs;
      expect(averageMs, `average ${averageMs.toFixed(2)} ms`).toBeLessThan(16);
    }
  });
});
