/** Registers <kl-multithreaded>; loaded by Multithreaded.astro when the figure comes into view. */
import { defineWidget } from "../kit/define-widget";
import { multithreadedSpec } from "./widget";

defineWidget(multithreadedSpec);
