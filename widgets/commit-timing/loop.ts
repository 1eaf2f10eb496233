import { t } from "../../content/i18n/t";
import type { CommitStrategy } from "./presets";

/**
 * The application's poll loop as the lab runs it (engine/workload/consumer-workload.ts), one
 * box per step in the order the commit strategy puts them:
 *   commit after processing:  poll() -> process -> commitSync()/commitAsync() -> poll() ...
 *   commit before processing: poll() -> commitSync() -> process -> poll() ...
 *   auto commit:              poll() (auto-commits inside, when the interval has passed) -> process -> poll() ...
 */

export type LoopStepId = "poll" | "process" | "commit";

export interface LoopNode {
  id: LoopStepId;
  /** The second line: the call or what it does. */
  sub: string;
}

export function loopFor(strategy: CommitStrategy, autoCommitIntervalMs: number): LoopNode[] {
  const poll: LoopNode = { id: "poll", sub: "poll()" };
  const process: LoopNode = { id: "process", sub: t("commitTiming.loop.processSub") };
  switch (strategy) {
    case "auto":
      return [{ id: "poll", sub: t("commitTiming.loop.pollAuto", { seconds: autoCommitIntervalMs / 1000 }) }, process];
    case "sync-before-processing":
      return [poll, { id: "commit", sub: "commitSync()" }, process];
    case "sync-after-processing":
      return [poll, process, { id: "commit", sub: "commitSync()" }];
    case "async-after-processing":
      return [poll, process, { id: "commit", sub: "commitAsync()" }];
  }
}

/** Where a crash at `step` sits on the loop: on a box, or on the arrow leaving box `after` (the last box's arrow is the one back to the start). */
export type CrashSpot = { node: number } | { after: number };

export function crashSpot(nodes: readonly LoopNode[], step: string): CrashSpot | null {
  const index = (id: LoopStepId) => nodes.findIndex((n) => n.id === id);
  const poll = index("poll");
  const process = index("process");
  const commit = index("commit");
  switch (step) {
    case "after-poll":
      return { after: poll };
    case "mid-batch":
    case "now":
      return { node: process };
    case "after-processing":
      return { after: process };
    case "before-commit":
      // Auto commit: the commit is made at the start of poll() (when it is due).
      return commit < 0 ? { node: poll } : { after: (commit - 1 + nodes.length) % nodes.length };
    case "after-commit":
      return commit < 0 ? { node: poll } : { after: commit };
    default:
      return null;
  }
}
