/**
 * The courier's collection (揽收交接, issue 6 items 5 and 6): what a carrier's courier takes away from
 * the point in one visit — shipments villagers sent with that carrier, and overdue parcels returned to
 * it — signed off by the operator as a dispatch manifest.
 *
 * Invariants:
 * - The manifest row, its `dispatch.handed_over` outbox mutation, the shipments' `manifestId` and the
 *   returned parcels' status (parcels/overdue.ts `markReturnedToCourier`, which joins this
 *   transaction) are ONE transaction: if any shipment or parcel cannot go (handed over meanwhile,
 *   collected by its villager, another carrier's), nothing changes and the error names it.
 * - A shipment leaves with at most one manifest; the county checks the same and refuses a second.
 * - The manifest prints only after it is stored (the screen does it).
 */
import { ulid } from 'ulid';
import { mutationSchemas, type MutationPayload } from '../../sync/protocol';
import { recordAudit } from './audit';
import { carrierByName, isCarrier } from './carriers';
import type { KioskDb } from './db';
import { recordAction } from './outbox';
import { markReturnedToCourier, overdueParcels, parcelTables, type OverdueParcel } from './parcels';
import type { ShipmentRow } from './shipments';

export interface DispatchManifestRow {
  id: string; // the manifestId the county knows (ULID, generated here)
  mutationId: string;
  carrier: string;
  shipmentIds: string[];
  returnedParcelIds: string[];
  operatorId: string;
  handedOverAt: string; // device time, display only
}

/** Shipments of this carrier still waiting at the point for its courier, oldest first. */
export async function awaitingCollection(db: KioskDb, carrier: string): Promise<ShipmentRow[]> {
  const rows = await db.shipments.where('carrier').equals(carrier).sortBy('no');
  return rows.filter((s) => s.manifestId === undefined);
}

/** Overdue parcels this carrier delivered, which its courier may take back (longest waiting first). */
export async function returnsFor(db: KioskDb, carrier: string, now: Date): Promise<OverdueParcel[]> {
  const known = carrierByName(carrier);
  if (!known) return [];
  return (await overdueParcels(db, now)).filter((o) => isCarrier(known, o.parcel.carrier));
}

export interface DispatchInput {
  carrier: string;
  shipmentIds: readonly string[];
  returnedParcelIds: readonly string[];
  operatorId: string;
}

export type DispatchError =
  | { code: 'EMPTY' | 'UNKNOWN_CARRIER' | 'INVALID' | 'STORAGE'; message: string }
  | { code: 'SHIPMENT_GONE' | 'PARCEL_GONE'; message: string; id: string };

export type DispatchResult =
  { ok: true; manifest: DispatchManifestRow; shipments: ShipmentRow[] } | { ok: false; error: DispatchError };

/** Thrown inside the transaction to abort it with a reason the screen can show. */
class DispatchAbort extends Error {
  constructor(readonly error: DispatchError) {
    super(error.message);
  }
}

export async function recordDispatch(
  db: KioskDb,
  input: DispatchInput,
  deps: { now?: () => Date; newId?: () => string } = {},
): Promise<DispatchResult> {
  if (!carrierByName(input.carrier)) {
    return { ok: false, error: { code: 'UNKNOWN_CARRIER', message: `unknown carrier ${input.carrier}` } };
  }
  const shipmentIds = [...new Set(input.shipmentIds)];
  const returnedParcelIds = [...new Set(input.returnedParcelIds)];
  if (shipmentIds.length + returnedParcelIds.length === 0) {
    return { ok: false, error: { code: 'EMPTY', message: 'nothing to hand over' } };
  }
  const newId = deps.newId ?? ulid;
  const now = deps.now ?? (() => new Date());
  const manifestId = newId();
  const candidate: MutationPayload<'dispatch.handed_over'> = {
    manifestId,
    carrier: input.carrier,
    shipmentIds,
    returnedParcelIds,
    operatorId: input.operatorId,
  };
  const parsed = mutationSchemas['dispatch.handed_over'].safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: { code: 'INVALID', message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` },
    };
  }
  const at = now();
  const mutationId = newId();
  const manifest: DispatchManifestRow = {
    id: manifestId,
    mutationId,
    carrier: input.carrier,
    shipmentIds,
    returnedParcelIds,
    operatorId: input.operatorId,
    handedOverAt: at.toISOString(),
  };
  const tables = [
    ...new Set<string>([db.dispatchManifests.name, db.shipments.name, 'outbox', 'meta', ...parcelTables]),
  ];
  try {
    const shipments = await db.transaction('rw', tables, async () => {
      const rows = await db.shipments.bulkGet(shipmentIds);
      rows.forEach((row, i) => {
        const id = shipmentIds[i]!;
        if (!row || row.manifestId !== undefined || row.carrier !== input.carrier) {
          throw new DispatchAbort({ code: 'SHIPMENT_GONE', id, message: `shipment ${id} cannot go` });
        }
      });
      await recordAction(db, {
        table: db.dispatchManifests.name,
        row: manifest,
        type: 'dispatch.handed_over',
        payload: parsed.data,
        now: () => at,
        newId: () => mutationId,
        also: {
          tables: [db.shipments.name, ...parcelTables],
          write: async () => {
            for (const id of shipmentIds) {
              await db.shipments.update(id, { manifestId, handedOverAt: manifest.handedOverAt });
            }
            await recordAudit(
              db,
              {
                kind: 'dispatch.handover',
                operatorId: input.operatorId,
                detail: {
                  manifestId,
                  carrier: input.carrier,
                  shipments: shipmentIds.length,
                  returned: returnedParcelIds.length,
                },
              },
              () => at,
            );
            if (returnedParcelIds.length > 0) {
              const returned = await markReturnedToCourier(db, returnedParcelIds, input.operatorId, {
                manifestId,
                now: () => at,
              });
              if (!returned.ok) {
                const id = returned.error.parcelId ?? '';
                throw new DispatchAbort({ code: 'PARCEL_GONE', id, message: returned.error.message });
              }
            }
          },
        },
      });
      return (await db.shipments.bulkGet(shipmentIds)).filter((s): s is ShipmentRow => s !== undefined);
    });
    return { ok: true, manifest, shipments };
  } catch (e) {
    if (e instanceof DispatchAbort) return { ok: false, error: e.error };
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { ok: false, error: { code: 'STORAGE', message } };
  }
}

/** Manifests of the point, newest first (the operator's history). */
export const recentManifests = (db: KioskDb, limit = 50): Promise<DispatchManifestRow[]> =>
  db.dispatchManifests.orderBy('handedOverAt').reverse().limit(limit).toArray();
