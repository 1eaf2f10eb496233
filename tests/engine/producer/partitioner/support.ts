import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { NextInt } from "../../../../engine/producer/partitioner/index.js";

export function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Kafka's tests' `mockRandom = () -> mockRandom.getAndAdd(1)`: 0, 1, 2, ... */
export function sequentialNextInt(start = 0): NextInt {
  let next = start;
  return () => next++;
}

/** A seeded source of signed 32-bit integers, as the engine's prng gives them. */
export function seededNextInt(seed: number): NextInt {
  const prng = xoroshiro128plus(seed);
  return () => prng.next();
}

/** Kafka's test clusters name brokers by id; only the leader's id matters to partitioners. */
export const NODES = [0, 1, 2, 11] as const;
