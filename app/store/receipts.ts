/**
 * What a receipt says, built from the rows the flows committed (the layouts themselves live on the
 * printer side: drivers/printer/layouts.ts, validated there by drivers/printer/layout-inputs.ts).
 * Text on paper is Chinese whatever the screen language: the villager keeps it.
 */
import type { BillIntentRow } from './bills';
import type { KioskDb, OrderRow } from './db';
import type { ParcelRow } from './parcels/types';
import { formatOrderNo } from './orders';

const POINT_KEY = 'receipts.pointName';
export const GENERIC_POINT_NAME = '村级电子商务服务点';

/** The point's name as the county knows it, remembered for receipts printed while offline. */
export async function rememberPointName(db: KioskDb, villageName: string): Promise<void> {
  const name = `${villageName}电商服务点`.slice(0, 40);
  if ((await db.meta.get(POINT_KEY))?.value !== name) await db.meta.put({ key: POINT_KEY, value: name });
}

export async function servicePoint(db: KioskDb): Promise<{ name: string }> {
  const v = (await db.meta.get(POINT_KEY))?.value;
  return { name: typeof v === 'string' && v ? v : GENERIC_POINT_NAME };
}

/** The 代购 receipt of a placed order (layout 'order-receipt'). */
export function orderReceiptInput(
  order: OrderRow,
  point: { name: string },
  operatorName?: string,
): Record<string, unknown> {
  return {
    point,
    orderNo: formatOrderNo(order.no),
    service: '代购',
    placedAt: order.placedAt,
    ...(operatorName && { operator: operatorName.slice(0, 20) }),
    items: order.lines.map((l) => ({
      name: `${l.name} ${l.spec}`.trim().slice(0, 80),
      qty: l.qty,
      unitFen: l.unitPriceFen,
    })),
    totalFen: order.totalFen,
    // The villager pays at the counter (cash) or by scanning the point's code (confirmed by the operator).
    payment: { method: order.payment === 'cash' ? 'cash' : 'other', paidFen: order.totalFen, changeFen: 0 },
    note: order.paymentState === 'due_at_counter' ? '请凭此单到柜台付现金' : '扫码付款待操作员确认',
  };
}

const BILL_NAMES: Record<BillIntentRow['kind'], string> = {
  electricity: '电费',
  water: '水费',
  phone: '话费充值',
};

/**
 * The 缴费 receipt (layout 'order-receipt', heading 缴费): what was paid for which account, the cash
 * taken and the change. The county completes or fails it later; a failure is refunded at the counter.
 */
export function billReceiptInput(bill: BillIntentRow, point: { name: string }): Record<string, unknown> {
  return {
    point,
    orderNo: bill.id.slice(-8),
    service: '缴费',
    placedAt: bill.createdAt,
    items: [
      { name: `${BILL_NAMES[bill.kind]} ${bill.account}`.slice(0, 80), qty: 1, unitFen: bill.amountFen },
    ],
    totalFen: bill.amountFen,
    payment: {
      method: 'cash',
      paidFen: bill.paidCashFen,
      changeFen: Math.max(0, bill.paidCashFen - bill.amountFen),
    },
    note: '县中心办理后生效；如失败，凭此单到柜台退款',
  };
}

/** The receipt for an overdue parcel's storage fee (保管费), taken in cash at the counter. */
export function parcelFeeReceiptInput(
  parcel: Pick<ParcelRow, 'id' | 'waybill' | 'carrier'>,
  feeFen: number,
  point: { name: string },
  at: Date,
): Record<string, unknown> {
  return {
    point,
    orderNo: parcel.waybill.slice(-12),
    service: '快递保管费',
    placedAt: at.toISOString(),
    items: [{ name: `${parcel.carrier} ${parcel.waybill}`.slice(0, 80), qty: 1, unitFen: feeFen }],
    totalFen: feeFen,
    payment: { method: 'cash', paidFen: feeFen, changeFen: 0 },
  };
}
