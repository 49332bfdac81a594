/**
 * The printed day report (日结报表) from a closed cash day: the `cash-report` layout's input
 * (drivers/printer/layout-inputs.ts, validated again on the shell side). Labels are the printed
 * Chinese ones whatever the screen language: the paper goes into the county's files.
 */
import type { CashDayView } from '../../../store/cash-day';

export const PRINTED_KIND: Record<CashDayView['movements'][number]['kind'], string> = {
  float: '备用金',
  order: '代购现金',
  sale: '卖货',
  bill: '缴费充值',
  parcel_fee: '快递保管费',
  shipping_fee: '寄件运费',
  refund: '退款',
  payout: '代销付款',
  adjustment: '调整',
};

export interface CashReportInput {
  point: { name: string };
  day: string;
  operator: string;
  rows: { label: string; count: number; amountFen: number }[];
  cashInFen: number;
  cashOutFen: number;
  countedFen?: number;
  reason?: string;
  printedAt: string;
}

export function cashReportInput(
  view: CashDayView,
  opts: { pointName: string; operatorName: string; printedAt: Date },
): CashReportInput {
  const closed = view.closed;
  return {
    point: { name: opts.pointName.slice(0, 40) },
    day: view.day,
    operator: opts.operatorName.slice(0, 20),
    rows: view.summary.totals.map((t) => ({
      label: PRINTED_KIND[t.kind],
      count: t.count,
      amountFen: t.amountFen,
    })),
    cashInFen: view.summary.inFen,
    cashOutFen: view.summary.outFen,
    ...(closed && { countedFen: closed.countedFen }),
    ...(closed?.reason !== undefined && { reason: closed.reason.slice(0, 100) }),
    printedAt: opts.printedAt.toISOString(),
  };
}
