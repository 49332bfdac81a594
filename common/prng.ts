/**
 * mulberry32: a tiny seeded generator in [0, 1), the same sequence on every JS engine. Used wherever
 * a run must be repeatable from its seed: catalogue prices, property tests, the fault campaign.
 * Not for anything secret (tokens and codes use node:crypto).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
