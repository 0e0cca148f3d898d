/**
 * A seeded pseudo-random source for tests (mulberry32): the same seed, the same run. Each draw is
 * taken from the high bits (`below` times a fraction of 2^32), not as a remainder: the remainder of
 * the linear congruential generator this replaced repeated its low bits with a short period, so a
 * test's draws were tied to one another (one property test never drew two of its fourteen cases).
 */
export function seededRandom(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * below);
  };
}
