/**
 * Printing a receipt through KioskApi `printer.print`, for every flow that hands a villager paper:
 * orders, bill payments, parcel fees, counter sales. Call it only AFTER the row the receipt is about
 * has been committed (ARCHITECTURE.md §4): a receipt must never describe something a power cut undid.
 *
 *   const outcome = await printReceipt(api, { kind: 'order-receipt', input }, { db, ref: order.id });
 *
 * With `db` and `ref`, the print is recorded in `sideEffects` under `print:<ref>` before it is sent
 * and settled after, so the same receipt is printed once however often a screen mounts (React
 * StrictMode, a re-render, a reload) — further copies are the operator's 重印 from the history.
 * A printer fault is not an error for the flow: the job stays in the shell's print queue, visible
 * with its reason in 小票记录, and prints from there.
 */
import type { KioskError, KioskTransport, PrintJob, PrintRequest } from '../../kiosk-shell/api';
import type { KioskDb, SideEffect } from '../store/db';

export type ReceiptRequest = Exclude<PrintRequest, { kind: 'test-page' }>;

export type PrintOutcome =
  /** On paper. */
  | { status: 'printed'; job: PrintJob }
  /** The printer failed (paper, cover, offline): the job is kept in the queue for 重印. */
  | { status: 'queued'; jobId: string; error: KioskError }
  /** Nothing was queued: no printer on this terminal, bad input, or the shell is down. */
  | { status: 'not-printed'; error: KioskError }
  /** This receipt was already sent once (same `ref`); reprints go through the history. */
  | { status: 'already-sent' };

export const printEffectId = (ref: string) => `print:${ref}`;

async function claim(db: KioskDb, ref: string, kind: string, now: Date): Promise<boolean> {
  const row: SideEffect = {
    id: printEffectId(ref),
    kind: 'print',
    status: 'pending',
    createdAt: now.toISOString(),
    ref,
    detail: { document: kind },
  };
  // One transaction: two mounts racing for the same receipt see each other's claim.
  return db.transaction('rw', db.sideEffects, async () => {
    if (await db.sideEffects.get(row.id)) return false;
    await db.sideEffects.add(row);
    return true;
  });
}

export async function printReceipt(
  api: KioskTransport,
  doc: ReceiptRequest,
  opts: { db?: KioskDb; ref?: string; now?: () => Date } = {},
): Promise<PrintOutcome> {
  const { db, ref } = opts;
  const now = opts.now ?? (() => new Date());
  if (db && ref && !(await claim(db, ref, doc.kind, now()))) return { status: 'already-sent' };

  const result = await api.invoke('printer.print', doc);
  const outcome: PrintOutcome = result.ok
    ? { status: 'printed', job: result.value }
    : result.error.jobId
      ? { status: 'queued', jobId: result.error.jobId, error: result.error }
      : { status: 'not-printed', error: result.error };

  if (db && ref)
    await db.sideEffects.update(printEffectId(ref), {
      status: outcome.status === 'printed' ? 'done' : 'failed',
      detail: {
        document: doc.kind,
        outcome: outcome.status,
        ...(outcome.status === 'printed' && { jobId: outcome.job.id }),
        ...(outcome.status === 'queued' && { jobId: outcome.jobId }),
        ...('error' in outcome && { error: outcome.error.code }),
      },
    });
  return outcome;
}
