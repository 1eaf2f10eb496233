import type { ActorOptions, AnyActorLogic } from "xstate";

type Clock = NonNullable<ActorOptions<AnyActorLogic>["clock"]>;
import type { Simulation, Timer } from "./simulation.js";

/**
 * XState's Clock backed by the simulation's virtual clock, so delayed transitions
 * (`after`) fire in simulated time, in the same (time, sequence) order as everything else.
 */
export function simulationClock(sim: Simulation): Clock {
  return {
    setTimeout(fn: (...args: unknown[]) => void, timeout: number): Timer {
      return sim.schedule(timeout, () => fn());
    },
    clearTimeout(id: unknown): void {
      (id as Timer | undefined)?.cancel();
    },
  };
}
