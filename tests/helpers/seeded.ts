/** A seeded pseudo-random source for tests (a linear congruential generator): the same seed, the same run. */
export function seededRandom(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % below;
  };
}
