/**
 * Admission control for the kiosks' sync routes (ARCHITECTURE.md §9, BENCHMARKS.md).
 *
 * Why: when every kiosk of a county arrives at once (the county back after an outage, a link coming
 * up at 8:00), the requests at the back of the database pool's queue wait for all the work in front
 * of them — measured 3.6–4.2 s p95 for 500 kiosks at one instant, and it grows with the crowd until
 * kiosks time out and retry into the same queue. Past `maxInFlight` requests in progress the county
 * answers at once `503 BUSY` with a `Retry-After` drawn at random from 1…`retryAfterMaxS` seconds, so
 * the crowd comes back spread out (answers p95 about 0.5 s instead of 4 s; the last kiosks are synced
 * later, p95 10.7 s instead of 5 s — BENCHMARKS.md has the trade in figures). The kiosk's engine
 * already waits at least Retry-After (sync/engine.ts); nothing it sent is lost, it is simply not taken
 * yet — a push is one transaction, so a request refused here changed nothing.
 *
 * Invariants: the gate runs before authentication (which itself reads and writes the database), so a
 * refusal costs no database work; a slot is released exactly once, when the response finishes or the
 * connection closes, whichever comes first. In-process state only: each county instance behind a
 * load balancer guards its own pool (§10).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CountyError } from './http-contract';

export const admissionOptionsSchema = z
  .object({
    /** Sync requests in progress at once; beyond this, 503 BUSY. About four times the pool's connections. */
    maxInFlight: z.coerce.number().int().min(1).max(10_000).default(40),
    /** Retry-After is drawn from 1…this many seconds, spreading a crowd over that window. */
    retryAfterMaxS: z.coerce.number().int().min(1).max(600).default(10),
  })
  .strict();
export type AdmissionOptions = z.infer<typeof admissionOptionsSchema>;

export interface AdmissionGate {
  /** Fastify onRequest hook: admits the request or rejects with 503 BUSY. */
  readonly hook: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  /** Requests in progress now, and refused since start. */
  readonly inFlight: number;
  readonly refused: number;
}

export function admissionGate(
  options: Partial<AdmissionOptions> = {},
  random: () => number = Math.random,
): AdmissionGate {
  const o = admissionOptionsSchema.parse(options);
  let inFlight = 0;
  let refused = 0;
  return {
    get inFlight() {
      return inFlight;
    },
    get refused() {
      return refused;
    },
    hook: (request, reply) => {
      if (inFlight >= o.maxInFlight) {
        refused++;
        const retryAfter = 1 + Math.floor(random() * o.retryAfterMaxS);
        request.log.debug({ inFlight, retryAfter }, 'sync request refused: county busy');
        return Promise.reject(
          new CountyError('BUSY', `县中心正忙，请 ${retryAfter} 秒后再试 / county busy, retry later`, {
            headers: { 'retry-after': String(retryAfter) },
          }),
        );
      }
      inFlight++;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        inFlight--;
      };
      reply.raw.once('finish', release);
      reply.raw.once('close', release);
      return Promise.resolve();
    },
  };
}
