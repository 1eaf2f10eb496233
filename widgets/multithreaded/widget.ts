import { checkConsumption } from "../../engine/index";
import type { WidgetSpec } from "../kit/spec";
import { multithreadedActions, multithreadedKnobs } from "./controls";
import { describeMultithreaded } from "./describe";
import { foldMultithreaded, type MultithreadedView } from "./fold";
import { presets } from "./presets";
import { renderMultithreaded } from "./render";

/** <kl-multithreaded>: one consumer per thread, or one poller feeding a worker pool, on the same backlog. */
export const multithreadedSpec: WidgetSpec<MultithreadedView> = {
  id: "multithreaded",
  titleKey: "multithreaded.title",
  defaultScenario: presets["worker-pool"].scenario,
  // Half speed: a record takes 150 ms, so at 1x a reader sees each one start and finish.
  msPerSecond: 500,
  fold: foldMultithreaded,
  renderStage: renderMultithreaded,
  describe: describeMultithreaded,
  knobs: multithreadedKnobs,
  actions: multithreadedActions,
  // The consumption checker's verdict: out-of-order finishes per partition, and records processed twice after a crash.
  verdict: {
    of: (result) => checkConsumption(result.trace),
    labelKeys: { label: "multithreaded.verdict.label", lost: "multithreaded.verdict.lost", duplicated: "multithreaded.verdict.duplicated", reordered: "multithreaded.verdict.reordered", none: "multithreaded.verdict.none" },
  },
};
