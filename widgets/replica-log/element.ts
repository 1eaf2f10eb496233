/** Registers <kl-replica-log>; loaded by ReplicaLog.astro when the figure comes into view. */
import { defineWidget } from "../kit/define-widget";
import { replicaLogSpec } from "./widget";

defineWidget(replicaLogSpec);
