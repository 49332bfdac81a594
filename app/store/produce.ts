/**
 * 代销: a villager lists produce for the county to sell (kind, quantity and unit, asking price per
 * unit, harvest date, optional photo); the operator confirms the listing; the county answers with
 * offers and status (request_status kind 'produce', detail {offerFen, buyer}).
 *
 * Invariants:
 * - The listing row, its photo (if any) and the `produce.listed` mutation are ONE transaction.
 * - The operator's confirmation is a row of its own (`produceConfirmations`, one per listing: the
 *   unique key refuses a second), written with `produce.confirmed` and an audit line in ONE transaction.
 * - Payloads are checked with the protocol's schema before anything is written.
 */
import { ulid } from 'ulid';
import { auditTables, recordAudit } from './audit';
import { localDay } from './cash';
import type { KioskDb } from './db';
import { recordAction } from './outbox';
import { checkPhone, type PhoneProblem } from './orders';
import { photoTables, putPhoto, checkPhoto, type CapturedPhoto } from './photos';
import { checkPayload, storageError, type RequestResult } from './villager-requests';

/** What villages around here sell, each with the unit it is usually sold in. */
export const PRODUCE_KINDS = [
  { kind: '柑橘', unit: '斤' },
  { kind: '大米', unit: '斤' },
  { kind: '鸡蛋', unit: '个' },
  { kind: '土鸡', unit: '只' },
  { kind: '茶叶', unit: '斤' },
  { kind: '蜂蜜', unit: '斤' },
  { kind: '小龙虾', unit: '斤' },
  { kind: '莲藕', unit: '斤' },
  { kind: '香菇', unit: '斤' },
  { kind: '花生', unit: '斤' },
  { kind: '土豆', unit: '斤' },
  { kind: '红薯', unit: '斤' },
] as const;
export const PRODUCE_UNITS = ['斤', '公斤', '个', '只', '箱', '袋'] as const;

export const MAX_QUANTITY = 99_999; // the protocol allows 100,000
export const MAX_UNIT_PRICE_FEN = 1_000_000; // ¥10,000 per unit
/** A harvest more than a year ago is a typing slip; one in the future cannot be sold yet. */
export const HARVEST_WINDOW_DAYS = 365;

export interface ProduceListingRow {
  id: string; // the listingId the county knows
  mutationId: string;
  phone: string;
  kind: string;
  quantity: number;
  unit: string;
  askingPriceFen: number; // per unit
  harvestDate?: string; // YYYY-MM-DD
  photoId?: string;
  listedAt: string; // device time, display only
}

export interface ProduceConfirmationRow {
  listingId: string;
  mutationId: string;
  operatorId: string;
  confirmedAt: string;
}

export interface ListingInput {
  phone: string;
  kind: string;
  quantity: number;
  unit: string;
  askingPriceFen: number;
  harvestDate?: string;
  photo?: CapturedPhoto;
}

export type ListingProblem =
  | { field: 'phone'; problem: PhoneProblem }
  | { field: 'kind' | 'unit'; problem: 'empty' }
  | { field: 'quantity' | 'price'; problem: 'min' | 'max' }
  | { field: 'harvestDate'; problem: 'future' | 'old' }
  | { field: 'photo'; problem: 'type' | 'size' };

const DAY_MS = 86_400_000;

export function listingProblem(input: ListingInput, today: Date = new Date()): ListingProblem | undefined {
  const phone = checkPhone(input.phone);
  if (phone) return { field: 'phone', problem: phone };
  if (!input.kind.trim()) return { field: 'kind', problem: 'empty' };
  if (!input.unit.trim()) return { field: 'unit', problem: 'empty' };
  if (!Number.isInteger(input.quantity) || input.quantity < 1) return { field: 'quantity', problem: 'min' };
  if (input.quantity > MAX_QUANTITY) return { field: 'quantity', problem: 'max' };
  if (!Number.isSafeInteger(input.askingPriceFen) || input.askingPriceFen < 1)
    return { field: 'price', problem: 'min' };
  if (input.askingPriceFen > MAX_UNIT_PRICE_FEN) return { field: 'price', problem: 'max' };
  if (input.harvestDate) {
    if (input.harvestDate > localDay(today)) return { field: 'harvestDate', problem: 'future' };
    if (input.harvestDate < localDay(new Date(today.getTime() - HARVEST_WINDOW_DAYS * DAY_MS)))
      return { field: 'harvestDate', problem: 'old' };
  }
  const photo = input.photo && checkPhoto(input.photo);
  if (photo) return { field: 'photo', problem: photo };
  return undefined;
}

/** The asking total the screen shows: quantity × price per unit, integer fen. */
export const listingTotalFen = (l: { quantity: number; askingPriceFen: number }): number =>
  l.quantity * l.askingPriceFen;

export async function listProduce(
  db: KioskDb,
  input: ListingInput,
  deps: { now?: () => Date; newId?: () => string } = {},
): Promise<RequestResult<ProduceListingRow>> {
  const at = (deps.now ?? (() => new Date()))();
  const problem = listingProblem(input, at);
  if (problem) {
    return { ok: false, error: { code: 'INVALID', message: `${problem.field}: ${problem.problem}` } };
  }
  const newId = deps.newId ?? ulid;
  const listingId = newId();
  const photoId = input.photo ? newId() : undefined;
  const checked = checkPayload('produce.listed', {
    listingId,
    phone: input.phone,
    kind: input.kind.trim(),
    quantity: input.quantity,
    unit: input.unit.trim(),
    askingPriceFen: input.askingPriceFen,
    ...(input.harvestDate && { harvestDate: input.harvestDate }),
    ...(photoId && { photoId }),
  });
  if (!checked.ok) return checked;
  const { listingId: _id, ...fields } = checked.payload;
  const row: ProduceListingRow = {
    id: listingId,
    mutationId: newId(),
    ...fields,
    listedAt: at.toISOString(),
  };
  try {
    await recordAction(db, {
      table: db.produceListings.name,
      row,
      type: 'produce.listed',
      payload: checked.payload,
      now: () => at,
      newId: () => row.mutationId,
      also: {
        tables: [...photoTables],
        write: async () => {
          if (photoId && input.photo) await putPhoto(db, photoId, input.photo, at);
        },
      },
    });
    return { ok: true, value: row };
  } catch (e) {
    return storageError(e);
  }
}

/**
 * The operator confirms a listing (weighed, looked at). `operatorId` comes from the operator's
 * sign-in; CONFLICT if it was confirmed already, NOT_FOUND if there is no such listing here.
 */
export async function confirmListing(
  db: KioskDb,
  listingId: string,
  operatorId: string,
  deps: { now?: () => Date; newId?: () => string } = {},
): Promise<RequestResult<ProduceConfirmationRow>> {
  const at = (deps.now ?? (() => new Date()))();
  const checked = checkPayload('produce.confirmed', { listingId, operatorId });
  if (!checked.ok) return checked;
  const row: ProduceConfirmationRow = {
    listingId,
    mutationId: (deps.newId ?? ulid)(),
    operatorId,
    confirmedAt: at.toISOString(),
  };
  try {
    return await db.transaction(
      'rw',
      [db.produceListings, db.produceConfirmations, ...auditTables.map((t) => db.table(t))],
      async (): Promise<RequestResult<ProduceConfirmationRow>> => {
        if (!(await db.produceListings.get(listingId)))
          return { ok: false, error: { code: 'NOT_FOUND', message: `no listing ${listingId}` } };
        if (await db.produceConfirmations.get(listingId))
          return {
            ok: false,
            error: { code: 'CONFLICT', message: `listing ${listingId} already confirmed` },
          };
        await recordAction(db, {
          table: db.produceConfirmations.name,
          row,
          type: 'produce.confirmed',
          payload: checked.payload,
          now: () => at,
          newId: () => row.mutationId,
        });
        await recordAudit(db, { kind: 'produce.confirm', operatorId, detail: { listingId } }, () => at);
        return { ok: true, value: row };
      },
    );
  } catch (e) {
    return storageError(e);
  }
}

/** A villager's listings, newest first, each with its confirmation if the operator gave one. */
export async function listingsByPhone(
  db: KioskDb,
  phone: string,
): Promise<(ProduceListingRow & { confirmation?: ProduceConfirmationRow })[]> {
  return db.transaction('r', [db.produceListings, db.produceConfirmations], async () => {
    const rows = (await db.produceListings.where('phone').equals(phone).sortBy('listedAt')).reverse();
    const confirmations = await db.produceConfirmations.bulkGet(rows.map((r) => r.id));
    return rows.map((r, i) => (confirmations[i] ? { ...r, confirmation: confirmations[i] } : r));
  });
}
