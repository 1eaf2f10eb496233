import { randomUnit, type Prng } from "../kernel/prng.js";

/**
 * Kafka's ExponentialBackoff (KIP-580, clients since 3.7): initial * multiplier^attempts,
 * capped at max, times a random factor in [1 - jitter, 1 + jitter). The producer uses
 * retry.backoff.ms, multiplier 2, retry.backoff.max.ms and jitter 0.2.
 * The jitter comes from the run's seeded prng, not ThreadLocalRandom.
 */
export class ExponentialBackoff {
  private readonly expMax: number;

  constructor(
    readonly initialIntervalMs: number,
    readonly multiplier: number,
    readonly maxIntervalMs: number,
    readonly jitter: number,
    private readonly prng: Prng | null,
  ) {
    this.expMax = maxIntervalMs > initialIntervalMs ? Math.log(maxIntervalMs / Math.max(initialIntervalMs, 1)) / Math.log(multiplier) : 0;
  }

  /** The wait after `attempts` failed attempts (0 for the first retry). */
  backoff(attempts: number): number {
    if (this.expMax === 0) return this.initialIntervalMs;
    const exp = Math.min(attempts, this.expMax);
    const term = this.initialIntervalMs * Math.pow(this.multiplier, exp);
    const randomFactor = this.jitter <= 0 || this.prng === null ? 1 : 1 - this.jitter + 2 * this.jitter * randomUnit(this.prng);
    const value = Math.floor(randomFactor * term);
    return value > this.maxIntervalMs ? this.maxIntervalMs : value;
  }
}
