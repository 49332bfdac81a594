/**
 * The campaign's knobs, shared by its files: one seed for the whole campaign (printed, replayable with
 * FAULT_SEED), and the number of kill runs (FAULT_CAMPAIGN_RUNS; small in CI). Each kill file splits
 * FAULT_CAMPAIGN_RUNS over its flows (0.4 checkout, 0.3 intake, 0.3 pickup): kill-kiosk.test.ts
 * (window only) and kill-whole-kiosk.test.ts (shell and window) each run that many.
 */
import { mulberry32 } from '../../common/prng';

export const SEED = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : Date.now() % 1_000_000;
export const RUNS = Number(process.env.FAULT_CAMPAIGN_RUNS ?? 0);
export const FULL = RUNS > 0;

/** Runs of one flow: FAULT_CAMPAIGN_RUNS split over the flows, or the bounded count. */
export function runsFor(bounded: number, share = 1): number {
  return FULL ? Math.max(1, Math.round(RUNS * share)) : bounded;
}

/** A generator per flow, so adding runs to one flow does not shift the others' draws. */
export function flowRandom(flow: string): () => number {
  let h = SEED;
  for (const ch of flow) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return mulberry32(h >>> 0);
}

/**
 * How long each flow takes from its first tap to its acknowledgement, in ms, as measured on the
 * campaign's machine (checkout ~1.4 s warm, ~1.9 s on average, the first after a cold start longer;
 * intake ~4.8 s; pickup ~3.1 s), rounded up: the first kill window a flow's runs draw from. Runs
 * replace it with what they measure. An over-estimate puts the late kills after the acknowledgement
 * (where sync, print and door effects settle); an under-estimate would leave the flow's end uncut.
 */
export const FLOW_MS = { checkout: 4000, intake: 6000, pickup: 4000 } as const;

/** A seeded kill delay: `at` ∈ [0, 1) over the flow and 30 % past its end, after the first taps. */
export function killDelay(at: number, flowMs: number): number {
  return 300 + Math.floor(at * 1.3 * flowMs);
}

/** The running estimate of a flow's time: the mean of the last estimate and an uncut run's time. */
export function measured(typical: number, flowMs: number): number {
  return flowMs > 0 ? Math.round((typical + flowMs) / 2) : typical;
}

export function announce(what: string): void {
  process.stdout.write(`[fault-campaign] ${what} — seed ${SEED} (replay: FAULT_SEED=${SEED})\n`);
}

/**
 * Seeded kill points spread over a window: run i of n draws inside its own slice of [0, 1) (the
 * slices in a seeded order), so even the two runs of the bounded CI campaign cut one flow early and
 * one late (after the acknowledgement, while sync and print settle) instead of both by chance alike.
 */
export function stratified(rand: () => number, runs: number): () => number {
  const order = Array.from({ length: runs }, (_, i) => i);
  for (let i = runs - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let next = 0;
  return () => ((order[next++ % runs] ?? 0) + rand()) / runs;
}
