/** Registers <kl-producer-pipeline>; loaded by ProducerPipeline.astro when the figure comes into view. */
import { defineWidget } from "../kit/define-widget";
import { producerPipelineSpec } from "./widget";

defineWidget(producerPipelineSpec);
