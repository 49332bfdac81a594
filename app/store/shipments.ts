/**
 * Parcels villagers send from the point (寄件, issue 6 item 6), ARCHITECTURE.md §4, §5 and §7.
 *
 * Invariants:
 * - The shipment row, its `parcel.sent` outbox mutation, the cash movement of the fee taken and the
 *   operator's audit line are ONE transaction: after a power cut there are all or none, so the drawer
 *   and the records never disagree and every shipment the villager paid for reaches the county.
 * - Everything is checked BEFORE anything is written, with the protocol's own schema last: a
 *   shipment the county would refuse changes nothing here and comes back as a problem the screen
 *   explains (phone, weight, address…).
 * - The label is printed by the screen only after `recordShipment` resolved: a printed label always
 *   has its shipment stored.
 * - The county owns tracking status (§5): it arrives as `request_status` kind 'shipment', keyed by the
 *   shipment id; the kiosk never makes one up.
 */
import { ulid } from 'ulid';
import { mutationSchemas, type MutationPayload } from '../../sync/protocol';
import { MAX_FEE_FEN, MAX_WEIGHT_GRAMS, carrierByName } from './carriers';
import { auditTables, recordAudit } from './audit';
import { addCashMovement } from './cash';
import type { KioskDb, Pulled } from './db';
import { checkPhone, type PhoneProblem } from './orders';
import { recordAction } from './outbox';

export interface Party {
  name: string;
  phone: string;
}

export interface Recipient extends Party {
  province: string;
  city: string;
  county: string;
  /** The street, village and house as the villager gave it (below the county). */
  address: string;
}

/** A shipment recorded at this point; written with its `parcel.sent` mutation (recordShipment). */
export interface ShipmentRow {
  id: string; // the shipmentId the county knows (ULID, generated here)
  /** Short, per device (1, 2, 3…; shown as 0001), for the villager and the courier to say aloud. */
  no: number;
  mutationId: string;
  sender: Party;
  /** Indexed: "my shipments" is looked up by the sender's phone. */
  senderPhone: string;
  recipient: Recipient;
  carrier: string;
  weightGrams: number;
  feeFen: number;
  operatorId: string;
  createdAt: string; // device time, display only
  /** Set when the courier took it (dispatch.ts): the manifest it left with. */
  manifestId?: string;
  handedOverAt?: string;
}

/** Names on a label: the label's column holds 20 characters (drivers/printer/layout-inputs.ts). */
export const MAX_NAME_LENGTH = 20;
/** Province + city + county + street must fit the label's address (120 characters). */
export const MAX_FULL_ADDRESS_LENGTH = 120;

export type ShipmentProblem =
  | { field: 'senderName' | 'recipientName'; problem: 'empty' | 'long' }
  | { field: 'senderPhone' | 'recipientPhone'; problem: PhoneProblem }
  | { field: 'region'; problem: 'empty' }
  | { field: 'address'; problem: 'empty' | 'long' }
  | { field: 'weight'; problem: 'zero' | 'max' | 'whole' }
  | { field: 'carrier'; problem: 'unknown' }
  | { field: 'fee'; problem: 'whole' | 'max' };

export interface ShipmentInput {
  sender: Party;
  recipient: Recipient;
  carrier: string;
  weightGrams: number;
  feeFen: number;
  operatorId: string;
}

/** The address as it goes on the label: 湖北省武汉市洪山区珞喻路1037号. */
export const fullAddress = (r: Pick<Recipient, 'province' | 'city' | 'county' | 'address'>): string =>
  // A city that stands for its own county (no county level) is not repeated.
  `${r.province}${r.city}${r.county === r.city ? '' : r.county}${r.address}`;

const checkName = (name: string): 'empty' | 'long' | undefined =>
  name.trim() === '' ? 'empty' : name.trim().length > MAX_NAME_LENGTH ? 'long' : undefined;

/** Every problem with a shipment, in the order the screens ask for the fields; [] when it can be stored. */
export function checkShipment(input: ShipmentInput): ShipmentProblem[] {
  const problems: ShipmentProblem[] = [];
  const senderName = checkName(input.sender.name);
  if (senderName) problems.push({ field: 'senderName', problem: senderName });
  const senderPhone = checkPhone(input.sender.phone);
  if (senderPhone) problems.push({ field: 'senderPhone', problem: senderPhone });
  const recipientName = checkName(input.recipient.name);
  if (recipientName) problems.push({ field: 'recipientName', problem: recipientName });
  const recipientPhone = checkPhone(input.recipient.phone);
  if (recipientPhone) problems.push({ field: 'recipientPhone', problem: recipientPhone });
  const r = input.recipient;
  if (!r.province.trim() || !r.city.trim() || !r.county.trim())
    problems.push({ field: 'region', problem: 'empty' });
  if (!r.address.trim()) problems.push({ field: 'address', problem: 'empty' });
  else if (fullAddress(r).length > MAX_FULL_ADDRESS_LENGTH || r.address.trim().length > 200)
    problems.push({ field: 'address', problem: 'long' });
  if (!Number.isInteger(input.weightGrams)) problems.push({ field: 'weight', problem: 'whole' });
  else if (input.weightGrams <= 0) problems.push({ field: 'weight', problem: 'zero' });
  else if (input.weightGrams > MAX_WEIGHT_GRAMS) problems.push({ field: 'weight', problem: 'max' });
  if (!carrierByName(input.carrier)) problems.push({ field: 'carrier', problem: 'unknown' });
  if (!Number.isSafeInteger(input.feeFen) || input.feeFen < 0)
    problems.push({ field: 'fee', problem: 'whole' });
  else if (input.feeFen > MAX_FEE_FEN) problems.push({ field: 'fee', problem: 'max' });
  return problems;
}

export type RecordShipmentResult =
  | { ok: true; shipment: ShipmentRow }
  | { ok: false; error: { code: 'INVALID'; problems: ShipmentProblem[]; message: string } }
  | { ok: false; error: { code: 'STORAGE'; message: string } };

const trimParty = <P extends Party>(p: P): P => ({ ...p, name: p.name.trim() });

/**
 * Stores the shipment, its `parcel.sent` mutation and the fee taken in cash (kind 'shipping_fee'),
 * in one transaction. Nothing is written when anything is wrong.
 */
export async function recordShipment(
  db: KioskDb,
  input: ShipmentInput,
  deps: { now?: () => Date; newId?: () => string } = {},
): Promise<RecordShipmentResult> {
  const problems = checkShipment(input);
  if (problems.length > 0) {
    const message = problems.map((p) => `${p.field}: ${p.problem}`).join(', ');
    return { ok: false, error: { code: 'INVALID', problems, message } };
  }
  const newId = deps.newId ?? ulid;
  const shipmentId = newId();
  const recipient = { ...trimParty(input.recipient), address: input.recipient.address.trim() };
  const candidate: MutationPayload<'parcel.sent'> = {
    shipmentId,
    sender: trimParty(input.sender),
    recipient,
    carrier: input.carrier,
    weightGrams: input.weightGrams,
    feeFen: input.feeFen,
  };
  // The local checks mirror the protocol; this catches any drift between the two before writing.
  const parsed = mutationSchemas['parcel.sent'].safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = `${issue?.path.join('.') || 'shipment'}: ${issue?.message ?? 'invalid'}`;
    return { ok: false, error: { code: 'INVALID', problems: [], message } };
  }
  const payload = parsed.data;
  const at = (deps.now ?? (() => new Date()))();
  const mutationId = newId();
  try {
    const shipment = await db.transaction(
      'rw',
      [db.shipments, db.outbox, db.meta, db.cashMovements, db.auditLog],
      async () => {
        const last = await db.shipments.orderBy('no').lastKey();
        const row: ShipmentRow = {
          id: shipmentId,
          no: (typeof last === 'number' ? last : 0) + 1,
          mutationId,
          sender: payload.sender,
          senderPhone: payload.sender.phone,
          recipient: payload.recipient,
          carrier: payload.carrier,
          weightGrams: payload.weightGrams,
          feeFen: payload.feeFen,
          operatorId: input.operatorId,
          createdAt: at.toISOString(),
        };
        await recordAction(db, {
          table: db.shipments.name,
          row,
          type: 'parcel.sent',
          payload,
          now: () => at,
          newId: () => mutationId,
          also: {
            tables: [db.cashMovements.name, ...auditTables],
            write: async () => {
              // Taking a fee is an operator action: who took how much for which shipment.
              await recordAudit(
                db,
                {
                  kind: 'shipment.accepted',
                  operatorId: input.operatorId,
                  detail: {
                    shipmentId,
                    carrier: payload.carrier,
                    weightGrams: payload.weightGrams,
                    feeFen: payload.feeFen,
                  },
                },
                () => at,
              );
              // A free shipment (fee waived by the operator) moves no cash, so it has no movement.
              if (payload.feeFen > 0) {
                await addCashMovement(db, {
                  kind: 'shipping_fee',
                  refId: shipmentId,
                  amountFen: payload.feeFen,
                  operatorId: input.operatorId,
                  at,
                });
              }
            },
          },
        });
        return row;
      },
    );
    return { ok: true, shipment };
  } catch (e) {
    // Quota exceeded, a closed database: the transaction aborted as a whole, nothing was written.
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { ok: false, error: { code: 'STORAGE', message } };
  }
}

/** One tracking event as the county publishes it in `detail.events`. */
export interface TrackingEvent {
  status: string;
  place: string | null;
  note: string | null;
  at: string;
}

export interface ShipmentView extends ShipmentRow {
  /** The county's latest status ('collected', 'in_transit', 'delivered'…); undefined until it sends one. */
  tracking?: { status: string; note: string | null; events: TrackingEvent[] };
}

function trackingOf(status: Pulled<'request_status'> | undefined): ShipmentView['tracking'] {
  if (!status) return undefined;
  const raw = status.detail?.events;
  const events = Array.isArray(raw)
    ? raw.filter(
        (e): e is TrackingEvent =>
          typeof e === 'object' && e !== null && typeof (e as TrackingEvent).status === 'string',
      )
    : [];
  return { status: status.status, note: status.note, events };
}

/**
 * A villager's shipments from this point, newest first, each with the county's tracking status
 * (for the send screen's 我的寄件 and the 我的订单 screen).
 */
export async function shipmentsByPhone(db: KioskDb, phone: string): Promise<ShipmentView[]> {
  return db.transaction('r', [db.shipments, db.requestStatus], async () => {
    const rows = (await db.shipments.where('senderPhone').equals(phone).sortBy('no')).reverse();
    const statuses = await Promise.all(
      rows.map((r) => db.requestStatus.where('[kind+requestId]').equals(['shipment', r.id]).first()),
    );
    return rows.map((r, i) => {
      const tracking = trackingOf(statuses[i]);
      return tracking ? { ...r, tracking } : r;
    });
  });
}

/** 42 → '0042': said aloud at the counter. */
export const formatShipmentNo = (no: number): string => String(no).padStart(4, '0');

/** The QR on the label: ASCII only (the printer's rule), enough for the county to find the shipment. */
export const labelQrPayload = (shipmentId: string): string => `VPK1:S:${shipmentId}`;
