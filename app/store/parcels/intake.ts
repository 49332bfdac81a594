/**
 * Intake (入库): the operator puts a parcel into a locker compartment, or on a shelf when it is too big.
 *
 * Order of events for a locker (ARCHITECTURE.md §4 and §7):
 *   1. checks: input, duplicate waybill, a free compartment of the size;
 *   2. a pending door side effect is committed;
 *   3. the door opens (audited); the operator puts the parcel in and closes it;
 *   4. only when the door reads closed: parcel row + hashed code + `parcel.stored` outbox entry +
 *      the side effect settled, in ONE transaction;
 *   5. the caller prints the slip (`printPickupSlip`) — only after 4 committed.
 * If the operator cancels, or the door never opens, nothing is stored. The clear code exists only in
 * memory, on the slip, and inside the SMS text the county relays.
 */
import { ulid } from 'ulid';
import { z } from 'zod';
import type { Compartment, ErrorCode, KioskTransport, PrintJob, Result } from '../../../kiosk-shell/api';
import { mutationSchemas, type MutationPayload } from '../../../sync/protocol';
import type { KioskDb } from '../db';
import { recordAction } from '../outbox';
import { hashCode, qrPayload, randomCode, shelfCode, type RandomSource } from './codes';
import { chooseCompartment } from './compartments';
import { auditDoorOpen, newDoorEffect, waitDoorClosed, type WaitProgress } from './door';
import { alertOperator, faultySet, markFaulty, takesOutOfService } from './faults';
import { parcelSettings } from './overdue';
import { codeSalt, heldCompartments, parcelTables } from './records';
import type { CompartmentSize, ParcelLocation, ParcelRow } from './types';

/** What the operator typed or scanned, checked with the protocol's own rules. */
export const intakeInputSchema = z.object({
  waybill: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{4,40}$/, 'waybill'),
  carrier: z.string().trim().min(1).max(40),
  phone: z.string().regex(/^1[3-9]\d{9}$/, 'phone'),
  recipientName: z.string().trim().max(40).optional(),
  operatorId: z.string().min(1).max(64).optional(),
});
export type IntakeInput = z.input<typeof intakeInputSchema>;

export type IntakeErrorCode =
  | 'INVALID' // input failed its checks (field in `field`)
  | 'DUPLICATE' // this waybill is already at the point
  | 'NO_COMPARTMENT' // none free of this size or larger: use the shelf
  | 'DOOR_FAULT' // the door did not open; the compartment is out of service
  | 'CANCELLED' // the operator gave up before the door closed
  | 'LOCKER' // the locker bank could not be read
  | 'STORAGE';

export interface IntakeError {
  code: IntakeErrorCode;
  message: string;
  field?: string;
  compartmentId?: string;
  hardware?: ErrorCode;
}

export type IntakeResult = { ok: true; parcel: ParcelRow; code: string } | { ok: false; error: IntakeError };

export type IntakeProgress =
  | { step: 'opening'; compartmentId: string }
  | { step: 'close-door'; compartmentId: string; wait: WaitProgress };

export interface IntakeDeps {
  now?: () => Date;
  signal?: AbortSignal;
  onProgress?: (p: IntakeProgress) => void;
  /** The point's name for the SMS text (【青山村服务点】…). */
  pointName?: string;
  /** The random source for pickup codes (tests); default WebCrypto. */
  random?: RandomSource;
}

function invalid(e: z.ZodError): IntakeResult {
  const field = String(e.issues[0]?.path[0] ?? 'input');
  return { ok: false, error: { code: 'INVALID', field, message: e.issues[0]?.message ?? 'invalid' } };
}

async function duplicate(db: KioskDb, waybill: string): Promise<IntakeResult | undefined> {
  const existing = await db.parcels.where('waybill').equals(waybill).first();
  if (!existing) return undefined;
  return {
    ok: false,
    error: { code: 'DUPLICATE', message: `waybill ${waybill} is already recorded (${existing.status})` },
  };
}

/** The SMS text (the only place besides the slip where the code is in clear). ≤ 300 chars by schema. */
export function pickupSmsText(p: {
  carrier: string;
  waybill: string;
  code: string;
  keepDays: number;
  pointName?: string;
}) {
  const head = p.pointName ? `【${p.pointName.slice(0, 20)}】` : '';
  return `${head}您的${p.carrier.slice(0, 10)}快递（单号尾号${p.waybill.slice(-4)}）已到村服务点，取件码 ${p.code}，请于${p.keepDays}天内凭码取件。`;
}

/**
 * Stores the parcel with a fresh code in ONE transaction, with its outbox entry. The candidates are
 * hashed before the transaction (an await on WebCrypto inside it would let IndexedDB commit early);
 * inside it, the first whose hash no waiting parcel holds is taken.
 */
async function storeParcel(
  db: KioskDb,
  input: z.output<typeof intakeInputSchema>,
  location: ParcelLocation,
  deps: { now: () => Date; pointName?: string; settleEffect?: string; random?: RandomSource },
): Promise<IntakeResult> {
  const salt = await db.transaction('rw', db.meta, () => codeSalt(db));
  const candidates: { code: string; hash: string }[] = [];
  for (let i = 0; i < 8; i++) {
    const code = randomCode(deps.random);
    candidates.push({ code, hash: await hashCode(salt, code) });
  }
  const { overdueDays } = await parcelSettings(db);
  const at = deps.now();
  const id = ulid();
  const mutationId = ulid();
  try {
    return await db.transaction(
      'rw',
      [...parcelTables, 'villageSettings'],
      async (): Promise<IntakeResult> => {
        const dup = await duplicate(db, input.waybill);
        if (dup) return dup;
        let chosen: { code: string; hash: string } | undefined;
        for (const c of candidates) {
          const holders = await db.parcels.where('codeHash').equals(c.hash).toArray();
          if (!holders.some((h) => h.status === 'stored' || h.status === 'opening')) {
            chosen = c;
            break;
          }
        }
        // Eight clashes in a row cannot happen with a working random source; fail loudly, store nothing.
        if (!chosen) throw new Error('no free pickup code');
        const payload: MutationPayload<'parcel.stored'> = mutationSchemas['parcel.stored'].parse({
          parcelId: id,
          waybill: input.waybill,
          carrier: input.carrier,
          phone: input.phone,
          location:
            location.kind === 'locker'
              ? { kind: 'locker', board: location.board, lock: location.lock }
              : { kind: 'shelf', code: location.code },
          smsText: pickupSmsText({
            carrier: input.carrier,
            waybill: input.waybill,
            code: chosen.code,
            keepDays: overdueDays,
            ...(deps.pointName ? { pointName: deps.pointName } : {}),
          }),
        });
        const row: ParcelRow = {
          id,
          waybill: input.waybill,
          carrier: input.carrier,
          phone: input.phone,
          ...(input.recipientName ? { recipientName: input.recipientName } : {}),
          location,
          codeHash: chosen.hash,
          status: 'stored',
          storedAt: at.toISOString(),
          ...(input.operatorId ? { storedBy: input.operatorId } : {}),
          mutationId,
        };
        await recordAction(db, {
          table: 'parcels',
          row,
          type: 'parcel.stored',
          payload,
          now: () => at,
          newId: () => mutationId,
          also: {
            tables: [...parcelTables],
            write: async () => {
              if (deps.settleEffect) {
                await db.sideEffects.update(deps.settleEffect, { status: 'done' });
              }
            },
          },
        });
        return { ok: true, parcel: row, code: chosen.code };
      },
    );
  } catch (e) {
    return { ok: false, error: { code: 'STORAGE', message: e instanceof Error ? e.message : String(e) } };
  }
}

/** Free compartments as the bank reports them now, minus held and faulty ones. */
export async function readBank(api: KioskTransport): Promise<Result<{ compartments: Compartment[] }>> {
  return api.invoke('locker.compartments', {});
}

/**
 * Locker intake. Opens a free compartment of `size` (or larger), waits for the door to close, then
 * stores. The door-open and its result are audited with the operator id.
 */
export async function intakeToLocker(
  db: KioskDb,
  api: KioskTransport,
  raw: IntakeInput & { size: CompartmentSize },
  deps: IntakeDeps = {},
): Promise<IntakeResult> {
  const now = deps.now ?? (() => new Date());
  const parsed = intakeInputSchema.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const input = parsed.data;
  const dup = await duplicate(db, input.waybill);
  if (dup) return dup;

  const bank = await readBank(api);
  if (!bank.ok)
    return { ok: false, error: { code: 'LOCKER', message: bank.error.message, hardware: bank.error.code } };
  const target = chooseCompartment(
    bank.value.compartments,
    raw.size,
    await heldCompartments(db),
    await faultySet(db),
  );
  if (!target)
    return { ok: false, error: { code: 'NO_COMPARTMENT', message: `no free ${raw.size} compartment` } };

  const detail = {
    purpose: 'intake' as const,
    compartmentId: target.id,
    waybill: input.waybill,
    method: 'operator' as const,
    ...(input.operatorId ? { operatorId: input.operatorId } : {}),
  };
  const effect = newDoorEffect(detail, now());
  await db.sideEffects.add(effect);

  deps.onProgress?.({ step: 'opening', compartmentId: target.id });
  const opened = await api.invoke('locker.open', { compartmentId: target.id });
  if (!opened.ok) {
    const code = opened.error.code;
    await db.transaction('rw', [...parcelTables], async () => {
      await db.sideEffects.update(effect.id, { status: 'failed' });
      await auditDoorOpen(db, detail, code, now);
      if (takesOutOfService(code)) await markFaulty(db, target.id, code, now());
    });
    return {
      ok: false,
      error: { code: 'DOOR_FAULT', message: opened.error.message, compartmentId: target.id, hardware: code },
    };
  }
  await db.transaction('rw', [...parcelTables], async () => {
    await db.sideEffects.update(effect.id, { detail: { ...detail, opened: true } });
    await auditDoorOpen(db, detail, 'opened', now);
  });

  const closed = await waitDoorClosed(api, target.id, {
    ...(deps.signal ? { signal: deps.signal } : {}),
    onProgress: (wait) => deps.onProgress?.({ step: 'close-door', compartmentId: target.id, wait }),
  });
  if (!closed.closed) {
    // Nothing stored: the operator takes the parcel out again (the screen says so) and starts over.
    await db.transaction('rw', [...parcelTables], async () => {
      await db.sideEffects.update(effect.id, { status: 'failed' });
      await alertOperator(db, { kind: 'check-compartment', compartmentId: target.id }, now());
    });
    return { ok: false, error: { code: 'CANCELLED', message: 'intake cancelled', compartmentId: target.id } };
  }
  return storeParcel(
    db,
    input,
    { kind: 'locker', compartmentId: target.id, board: target.board, lock: target.lock, size: target.size },
    {
      now,
      settleEffect: effect.id,
      ...(deps.pointName ? { pointName: deps.pointName } : {}),
      ...(deps.random ? { random: deps.random } : {}),
    },
  );
}

const SHELF_SERIAL_KEY = 'parcels.shelfSerial';

/** Shelf intake for a parcel too big for any compartment: rack and layer as the operator placed it. */
export async function intakeToShelf(
  db: KioskDb,
  raw: IntakeInput & { rack: number; layer: number },
  deps: IntakeDeps = {},
): Promise<IntakeResult> {
  const now = deps.now ?? (() => new Date());
  const parsed = intakeInputSchema.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  if (!Number.isInteger(raw.rack) || raw.rack < 1 || raw.rack > 99) {
    return { ok: false, error: { code: 'INVALID', field: 'rack', message: 'rack 1–99' } };
  }
  if (!Number.isInteger(raw.layer) || raw.layer < 1 || raw.layer > 99) {
    return { ok: false, error: { code: 'INVALID', field: 'layer', message: 'layer 1–99' } };
  }
  const dup = await duplicate(db, parsed.data.waybill);
  if (dup) return dup;
  // The serial is taken in its own small transaction: a gap after a failed store is harmless, a reuse is not.
  const serial = await db.transaction('rw', db.meta, async () => {
    const last = (await db.meta.get(SHELF_SERIAL_KEY))?.value;
    const next = (typeof last === 'number' ? last : 0) + 1;
    await db.meta.put({ key: SHELF_SERIAL_KEY, value: next });
    return next;
  });
  return storeParcel(
    db,
    parsed.data,
    { kind: 'shelf', code: shelfCode(raw.rack, raw.layer, serial) },
    {
      now,
      ...(deps.pointName ? { pointName: deps.pointName } : {}),
      ...(deps.random ? { random: deps.random } : {}),
    },
  );
}

const SIZE_KEEP = 30;

/**
 * Prints the pickup slip: only ever called with a parcel that is already saved. A failed print stays
 * in the shell's print queue for 重印; the parcel is stored either way.
 */
export async function printPickupSlip(
  api: KioskTransport,
  parcel: ParcelRow,
  code: string,
  opts: { pointName: string; keepDays: number; villageId?: string },
): Promise<Result<PrintJob>> {
  const place =
    parcel.location.kind === 'locker'
      ? { kind: 'compartment' as const, id: parcel.location.compartmentId, size: parcel.location.size }
      : { kind: 'shelf' as const, code: parcel.location.code };
  return api.invoke('printer.print', {
    kind: 'pickup-slip',
    input: {
      point: { name: opts.pointName },
      code,
      place,
      carrier: parcel.carrier.slice(0, 20),
      waybill: parcel.waybill,
      recipientPhone: parcel.phone,
      storedAt: parcel.storedAt,
      keepDays: Math.min(Math.max(1, opts.keepDays), SIZE_KEEP),
      qrPayload: qrPayload(code, opts.villageId),
    },
  });
}
