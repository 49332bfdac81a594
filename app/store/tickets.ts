/**
 * 订票: a bus ticket to the county town, as a request the county confirms with seat, departure
 * time and price (request_status kind 'ticket', detail {seat, departsAt, priceFen}) or refuses.
 * Nothing is paid at request time: the fare is paid when the villager collects the ticket.
 *
 * Invariant: the request row and its `ticket.requested` mutation are ONE transaction, and the
 * payload is checked with the protocol's schema first.
 */
import { ulid } from 'ulid';
import { localDay } from './cash';
import type { KioskDb } from './db';
import { recordAction } from './outbox';
import { checkPhone, type PhoneProblem } from './orders';
import { checkPayload, storageError, type RequestResult } from './villager-requests';

/**
 * The demonstration village's bus lines (熊口镇, 潜江市 — assets/seed/regions.ts). A county with its
 * own timetable replaces this list; the route travels as its name, which is what the county books.
 */
export const ROUTES = [
  {
    id: 'xk-qj',
    name: '熊口镇 → 潜江城区（园林客运站）',
    nameEn: 'Xiongkou → Qianjiang town (Yuanlin bus station)',
  },
  { id: 'qj-xk', name: '潜江城区 → 熊口镇', nameEn: 'Qianjiang town → Xiongkou' },
  { id: 'xk-hsr', name: '熊口镇 → 潜江高铁站', nameEn: 'Xiongkou → Qianjiang high-speed rail station' },
  { id: 'xk-wh', name: '熊口镇 → 武汉（宏基客运站）', nameEn: 'Xiongkou → Wuhan (Hongji bus station)' },
] as const;

export const MAX_PASSENGERS = 9;
/** The county books up to four weeks ahead. */
export const BOOKING_DAYS_AHEAD = 28;

export interface TicketRequestRow {
  id: string; // the requestId the county knows
  mutationId: string;
  phone: string;
  route: string;
  travelDate: string; // YYYY-MM-DD
  passengers: number;
  createdAt: string; // device time, display only
}

export interface TicketInput {
  phone: string;
  route: string;
  travelDate: string;
  passengers: number;
}

export type TicketProblem =
  | { field: 'phone'; problem: PhoneProblem }
  | { field: 'route'; problem: 'empty' }
  | { field: 'travelDate'; problem: 'empty' | 'past' | 'far' }
  | { field: 'passengers'; problem: 'min' | 'max' };

const DAY_MS = 86_400_000;

export function ticketProblem(input: TicketInput, today: Date = new Date()): TicketProblem | undefined {
  const phone = checkPhone(input.phone);
  if (phone) return { field: 'phone', problem: phone };
  if (!input.route) return { field: 'route', problem: 'empty' };
  if (!input.travelDate) return { field: 'travelDate', problem: 'empty' };
  if (input.travelDate < localDay(today)) return { field: 'travelDate', problem: 'past' };
  if (input.travelDate > localDay(new Date(today.getTime() + BOOKING_DAYS_AHEAD * DAY_MS)))
    return { field: 'travelDate', problem: 'far' };
  if (!Number.isInteger(input.passengers) || input.passengers < 1)
    return { field: 'passengers', problem: 'min' };
  if (input.passengers > MAX_PASSENGERS) return { field: 'passengers', problem: 'max' };
  return undefined;
}

export async function requestTicket(
  db: KioskDb,
  input: TicketInput,
  deps: { now?: () => Date; newId?: () => string } = {},
): Promise<RequestResult<TicketRequestRow>> {
  const at = (deps.now ?? (() => new Date()))();
  const problem = ticketProblem(input, at);
  if (problem) {
    return { ok: false, error: { code: 'INVALID', message: `${problem.field}: ${problem.problem}` } };
  }
  const newId = deps.newId ?? ulid;
  const requestId = newId();
  const checked = checkPayload('ticket.requested', { requestId, ...input });
  if (!checked.ok) return checked;
  const { requestId: _id, ...fields } = checked.payload;
  const row: TicketRequestRow = {
    id: requestId,
    mutationId: newId(),
    ...fields,
    createdAt: at.toISOString(),
  };
  try {
    await recordAction(db, {
      table: db.ticketRequests.name,
      row,
      type: 'ticket.requested',
      payload: checked.payload,
      now: () => at,
      newId: () => row.mutationId,
    });
    return { ok: true, value: row };
  } catch (e) {
    return storageError(e);
  }
}

export const ticketsByPhone = async (db: KioskDb, phone: string): Promise<TicketRequestRow[]> =>
  (await db.ticketRequests.where('phone').equals(phone).sortBy('createdAt')).reverse();

/** The county's confirmation detail, read defensively: the feed's detail is an open record. */
export function ticketConfirmation(detail: Record<string, unknown> | null | undefined): {
  seat?: string;
  departsAt?: string;
  priceFen?: number;
} {
  if (!detail) return {};
  return {
    ...(typeof detail.seat === 'string' && { seat: detail.seat }),
    ...(typeof detail.departsAt === 'string' && { departsAt: detail.departsAt }),
    ...(Number.isSafeInteger(detail.priceFen) && { priceFen: detail.priceFen as number }),
  };
}
