/** Registers <kl-controller-election>; loaded by ControllerElection.astro when the figure comes into view. */
import { defineWidget } from "../kit/define-widget";
import { controllerElectionSpec } from "./widget";

defineWidget(controllerElectionSpec);
