import type { WidgetSpec } from "../kit/spec";
import { pipelineActions, pipelineKnobs } from "./controls";
import { describePipeline } from "./describe";
import { foldPipeline, type PipelineView } from "./fold";
import { presets } from "./presets";
import { renderPipeline } from "./render";

/** <kl-producer-pipeline>: one producer's records from send() through the accumulator and the sender to the brokers. */
export const producerPipelineSpec: WidgetSpec<PipelineView> = {
  id: "producer-pipeline",
  titleKey: "producerPipeline.title",
  defaultScenario: presets.default.scenario,
  // Slow motion: a record every 40 ms and a 300 ms linger read well at a quarter of real time.
  msPerSecond: 250,
  fold: foldPipeline,
  renderStage: renderPipeline,
  describe: describePipeline,
  knobs: pipelineKnobs,
  actions: pipelineActions,
};
