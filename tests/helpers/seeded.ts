import { Random } from '../../bench/random.js';

/**
 * A seeded pseudo-random source for tests (the generator's mulberry32): the same seed, the same run.
 * Each draw comes from the high bits (a fraction of `below`), not as a remainder: the remainders of
 * the linear congruential generator this replaced repeated their low bits in short cycles, so a
 * test's draws were tied to one another (one property test never drew two of its fourteen cases).
 */
export function seededRandom(seed: number): (below: number) => number {
  const random = new Random(seed);
  return (below) => Math.floor(random.next() * below);
}
