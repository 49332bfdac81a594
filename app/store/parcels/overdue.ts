/**
 * Overdue parcels (超期件) and what the operator does with them: take the storage fee in cash, or hand
 * the parcel back to the courier (helper H5's dispatch manifest calls `markReturnedToCourier`).
 *
 * Rules (village_settings, pulled from the county; defaults when none has arrived yet):
 * - A parcel is overdue once it has waited MORE than `overdueDays` whole days since it was stored.
 * - Every started day past that costs `storageFeeFenPerDay` (integer fen): 1 minute past the limit is
 *   day 1. A fee of 0 fen per day means overdue parcels are listed but cost nothing.
 * - A fee is taken once: what was paid (`feePaidFen`) is subtracted from what is due.
 * Device clocks are wrong in villages; a parcel "stored in the future" is simply not overdue.
 */
import { mutationSchemas } from '../../../sync/protocol';
import { recordAudit } from '../audit';
import { addCashMovement } from '../cash';
import type { KioskDb } from '../db';
import { ParcelStateError, moveParcel, parcelTables, recordParcelEvent, waitingParcels } from './records';
import type { ParcelRow } from './types';

export const DEFAULT_OVERDUE_DAYS = 7;
const DAY_MS = 24 * 60 * 60_000;

export interface ParcelSettings {
  overdueDays: number;
  storageFeeFenPerDay: number;
}

/** This village's settings (the county publishes only the device's own village), or the defaults. */
export async function parcelSettings(db: KioskDb): Promise<ParcelSettings> {
  const row = await db.villageSettings.toCollection().first();
  return row
    ? { overdueDays: row.overdueDays, storageFeeFenPerDay: row.storageFeeFenPerDay }
    : { overdueDays: DEFAULT_OVERDUE_DAYS, storageFeeFenPerDay: 0 };
}

/** Started days past the limit (0 when not overdue) and the fee still due for them. Pure. */
export function overdueFee(
  parcel: Pick<ParcelRow, 'storedAt' | 'feePaidFen'>,
  now: Date,
  settings: ParcelSettings,
): { daysOverdue: number; feeFen: number; feeDueFen: number } {
  const past = now.getTime() - Date.parse(parcel.storedAt) - settings.overdueDays * DAY_MS;
  const daysOverdue = past > 0 ? Math.ceil(past / DAY_MS) : 0;
  const feeFen = daysOverdue * settings.storageFeeFenPerDay;
  return { daysOverdue, feeFen, feeDueFen: Math.max(0, feeFen - (parcel.feePaidFen ?? 0)) };
}

export interface OverdueParcel {
  parcel: ParcelRow;
  daysOverdue: number;
  /** The whole storage fee so far, integer fen. */
  feeFen: number;
  /** What is still to be taken (fee minus what was paid), integer fen. */
  feeDueFen: number;
}

/**
 * Parcels still waiting at the point (stored; not mid-open) that are overdue at `now`, longest
 * waiting first. What the operator's 超期件 list shows and what a dispatch manifest may return.
 */
export async function overdueParcels(db: KioskDb, now: Date): Promise<OverdueParcel[]> {
  const settings = await parcelSettings(db);
  const waiting = await waitingParcels(db);
  return waiting
    .filter((p) => p.status === 'stored')
    .map((parcel) => ({ parcel, ...overdueFee(parcel, now, settings) }))
    .filter((o) => o.daysOverdue > 0);
}

export type ParcelActionResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      error: {
        code: 'NOT_FOUND' | 'WRONG_STATE' | 'NOTHING_DUE' | 'STORAGE';
        message: string;
        parcelId?: string;
      };
    };

function failure(e: unknown): ParcelActionResult<never> {
  if (e instanceof ParcelStateError) {
    return {
      ok: false,
      error: {
        code: e.status === 'missing' ? 'NOT_FOUND' : 'WRONG_STATE',
        message: e.message,
        parcelId: e.parcelId,
      },
    };
  }
  return { ok: false, error: { code: 'STORAGE', message: e instanceof Error ? e.message : String(e) } };
}

/**
 * Takes the storage fee still due for a parcel in cash: the parcel's `feePaidFen`, a `parcel_fee`
 * cash movement and an audit line, in ONE transaction. The county learns of it through the audit line
 * (`audit.recorded`, kind 'parcel.fee'); the drawer's 日结 counts the movement.
 */
export async function takeStorageFee(
  db: KioskDb,
  parcelId: string,
  operatorId: string,
  now: () => Date = () => new Date(),
): Promise<ParcelActionResult<{ feeFen: number }>> {
  try {
    return await db.transaction('rw', [...parcelTables, 'cashMovements', 'villageSettings'], async () => {
      const parcel = await db.parcels.get(parcelId);
      if (!parcel) throw new ParcelStateError(parcelId, 'missing', `no parcel ${parcelId}`);
      if (parcel.status !== 'stored') {
        throw new ParcelStateError(parcelId, parcel.status, `parcel ${parcel.status}: no fee to take`);
      }
      const { feeDueFen } = overdueFee(parcel, now(), await parcelSettings(db));
      if (feeDueFen <= 0)
        return { ok: false, error: { code: 'NOTHING_DUE', message: 'no fee due', parcelId } };
      await db.parcels.update(parcelId, { feePaidFen: (parcel.feePaidFen ?? 0) + feeDueFen });
      await recordParcelEvent(
        db,
        { parcelId, type: 'fee', operatorId, feeFen: feeDueFen },
        undefined,
        async () => {
          await addCashMovement(db, {
            kind: 'parcel_fee',
            refId: parcelId,
            amountFen: feeDueFen,
            operatorId,
            at: now(),
          });
          await recordAudit(
            db,
            {
              kind: 'parcel.fee',
              operatorId,
              detail: { parcelId, waybill: parcel.waybill, feeFen: feeDueFen },
            },
            now,
          );
        },
        now,
      );
      return { ok: true as const, value: { feeFen: feeDueFen } };
    });
  } catch (e) {
    return failure(e);
  }
}

/**
 * Marks waiting parcels as handed back to the courier (退回快递员). For each parcel: status
 * stored → returned, a `returned` event row and an audit line (kind 'parcel.return', synced), all in
 * ONE transaction for the whole list — if any parcel cannot be returned (collected meanwhile, mid-open,
 * unknown), nothing is marked and the error names it.
 *
 * The county learns of the return from the dispatch manifest's own mutation
 * (`dispatch.handed_over.returnedParcelIds`, helper H5), which the caller records; call this inside
 * that transaction (include `parcelTables`) so the manifest and the parcels change together. No
 * `parcel.*` mutation is written here, so a return is never reported twice.
 *
 * The compartment is freed by the status change (heldCompartments reads waiting parcels only).
 */
export async function markReturnedToCourier(
  db: KioskDb,
  parcelIds: readonly string[],
  operatorId: string,
  opts: { manifestId?: string; now?: () => Date } = {},
): Promise<ParcelActionResult<{ returned: ParcelRow[] }>> {
  const now = opts.now ?? (() => new Date());
  // The operator id goes to the county inside the audit line: checked as the protocol checks ids.
  const checked = mutationSchemas['audit.recorded'].shape.operatorId.safeParse(operatorId);
  if (!checked.success || !operatorId) {
    return { ok: false, error: { code: 'WRONG_STATE', message: `invalid operator id: ${operatorId}` } };
  }
  try {
    const returned = await db.transaction('rw', [...parcelTables], async () => {
      const out: ParcelRow[] = [];
      for (const parcelId of new Set(parcelIds)) {
        const at = now().toISOString();
        const row = await moveParcel(
          db,
          parcelId,
          { type: 'returned' },
          { returnedAt: at, returnedBy: operatorId },
        );
        await recordParcelEvent(
          db,
          {
            parcelId,
            type: 'returned',
            operatorId,
            ...(opts.manifestId ? { manifestId: opts.manifestId } : {}),
          },
          undefined,
          async () => {
            await recordAudit(
              db,
              {
                kind: 'parcel.return',
                operatorId,
                detail: {
                  parcelId,
                  waybill: row.waybill,
                  carrier: row.carrier,
                  manifestId: opts.manifestId ?? null,
                },
              },
              now,
            );
          },
          now,
        );
        out.push(row);
      }
      return out;
    });
    return { ok: true, value: { returned } };
  } catch (e) {
    return failure(e);
  }
}
