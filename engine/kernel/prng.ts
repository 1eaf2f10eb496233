import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

export type Prng = RandomGenerator;

/** FNV-1a over the component name: a stable 32-bit salt that does not depend on call order. */
function nameSalt(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * A component's own generator, derived from the root seed and the component's name
 * (TigerBeetle's VOPR gives each subsystem its own seed). Deriving by name rather than
 * by drawing in sequence means adding a component never reshuffles the others.
 */
export function prngFor(rootSeed: number, component: string): Prng {
  return xoroshiro128plus((rootSeed ^ nameSalt(component)) | 0);
}

/** Uniform integer in [min, max], both included. */
export function randomInt(prng: Prng, min: number, max: number): number {
  return uniformInt(prng, min, max);
}

/** Uniform float in [0, 1) with 32 bits of resolution; enough for drop ratios. */
export function randomUnit(prng: Prng): number {
  return (prng.next() >>> 0) / 0x1_0000_0000;
}

/** True with probability `ratio` (0 never draws, so a zero ratio does not consume randomness). */
export function chance(prng: Prng, ratio: number): boolean {
  if (ratio <= 0) return false;
  if (ratio >= 1) return true;
  return randomUnit(prng) < ratio;
}
