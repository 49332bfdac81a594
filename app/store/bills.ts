/**
 * 缴费充值: electricity, water and phone top-up paid in cash at the point. The kiosk records an
 * intent; the county pays the utility and answers `completed` or `failed` (request_status kind 'bill').
 *
 * Invariants:
 * - The intent row, its `bill.intent` outbox mutation and the cash movement (kind 'bill', + the cash
 *   taken) are ONE transaction: the drawer never holds money the county does not hear of, and no
 *   intent is sent for money that was not taken.
 * - A failed bill is never a silent loss: its refund is due (refunds.ts) until the operator pays it
 *   back, and the screen says 待退款 / 已退款 with the amount.
 */
import { ulid } from 'ulid';
import type { MutationPayload } from '../../sync/protocol';
import { addCashMovement, cashTables } from './cash';
import type { KioskDb } from './db';
import { recordAction } from './outbox';
import { checkPhone, type PhoneProblem } from './orders';
import { checkPayload, storageError, type RequestResult } from './villager-requests';

export type BillKind = MutationPayload<'bill.intent'>['kind'];
export const BILL_KINDS: readonly BillKind[] = ['electricity', 'water', 'phone'];

/** Quick amounts on the screen, in fen (¥20, ¥50, ¥100). */
export const QUICK_AMOUNTS_FEN = [2000, 5000, 10000] as const;
/** A cash payment at a village counter: more than ¥2,000 at once is a mistake or belongs at the bank. */
export const MAX_BILL_FEN = 200_000;

export interface BillIntentRow {
  id: string; // the intentId the county knows (ULID, generated here)
  mutationId: string;
  phone: string; // the villager who paid
  kind: BillKind;
  account: string; // meter number, or the phone number topped up
  amountFen: number;
  paidCashFen: number;
  operatorId?: string;
  createdAt: string; // device time, display only
}

export type AccountProblem = 'empty' | 'meter' | PhoneProblem;
export type AmountProblem = 'min' | 'max';

/** Meter numbers on the bills villagers bring are 6–20 digits; a top-up goes to a mobile number. */
export function checkAccount(kind: BillKind, account: string): AccountProblem | undefined {
  if (account.length === 0) return 'empty';
  if (kind === 'phone') return checkPhone(account);
  return /^\d{6,20}$/.test(account) ? undefined : 'meter';
}

export function checkAmount(fen: number): AmountProblem | undefined {
  if (!Number.isSafeInteger(fen) || fen < 100) return 'min'; // at least ¥1, whole fen
  if (fen > MAX_BILL_FEN) return 'max';
  return undefined;
}

export interface BillInput {
  phone: string;
  kind: BillKind;
  account: string;
  amountFen: number;
  operatorId?: string;
}

export type BillProblem =
  | { field: 'phone'; problem: PhoneProblem }
  | { field: 'account'; problem: AccountProblem }
  | { field: 'amount'; problem: AmountProblem };

/** The first thing wrong with the input, in the order the screen asks for it. */
export function billProblem(input: BillInput): BillProblem | undefined {
  const phone = checkPhone(input.phone);
  if (phone) return { field: 'phone', problem: phone };
  const account = checkAccount(input.kind, input.account);
  if (account) return { field: 'account', problem: account };
  const amount = checkAmount(input.amountFen);
  if (amount) return { field: 'amount', problem: amount };
  return undefined;
}

/** Records the intent, its outbox mutation and the cash taken, together or not at all. */
export async function recordBill(
  db: KioskDb,
  input: BillInput,
  deps: { now?: () => Date; newId?: () => string } = {},
): Promise<RequestResult<BillIntentRow>> {
  const problem = billProblem(input);
  if (problem) {
    return { ok: false, error: { code: 'INVALID', message: `${problem.field}: ${problem.problem}` } };
  }
  const newId = deps.newId ?? ulid;
  const at = (deps.now ?? (() => new Date()))();
  const intentId = newId();
  const checked = checkPayload('bill.intent', {
    intentId,
    phone: input.phone,
    kind: input.kind,
    account: input.account,
    amountFen: input.amountFen,
    // The villager hands over the amount in cash; change is given at the counter, never recorded.
    paidCashFen: input.amountFen,
  });
  if (!checked.ok) return checked;
  const p = checked.payload;
  const row: BillIntentRow = {
    id: intentId,
    mutationId: newId(),
    phone: p.phone,
    kind: p.kind,
    account: p.account,
    amountFen: p.amountFen,
    paidCashFen: p.paidCashFen,
    ...(input.operatorId && { operatorId: input.operatorId }),
    createdAt: at.toISOString(),
  };
  try {
    await recordAction(db, {
      table: db.billIntents.name,
      row,
      type: 'bill.intent',
      payload: p,
      now: () => at,
      newId: () => row.mutationId,
      also: {
        tables: [...cashTables],
        write: async () => {
          await addCashMovement(db, {
            kind: 'bill',
            refId: intentId,
            amountFen: p.paidCashFen,
            ...(input.operatorId && { operatorId: input.operatorId }),
            at,
          });
        },
      },
    });
    return { ok: true, value: row };
  } catch (e) {
    return storageError(e);
  }
}

/** A villager's bill payments at this point, newest first. */
export const billsByPhone = async (db: KioskDb, phone: string): Promise<BillIntentRow[]> =>
  (await db.billIntents.where('phone').equals(phone).sortBy('createdAt')).reverse();
