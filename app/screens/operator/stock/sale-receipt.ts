/**
 * A counter sale's receipt: the `order-receipt` layout (drivers/printer/layout-inputs.ts) with the
 * service heading 卖货 and the sale's own number (S0007), printed only after the sale committed.
 */
import { formatSaleNo, type SaleRow } from '../../../store/sales';

export function saleReceiptInput(sale: SaleRow, opts: { pointName: string; operatorName?: string }) {
  return {
    point: { name: opts.pointName.slice(0, 40) },
    orderNo: formatSaleNo(sale.no),
    service: '卖货',
    placedAt: sale.at,
    ...(opts.operatorName ? { operator: opts.operatorName.slice(0, 20) } : {}),
    items: sale.lines.map((l) => ({ name: l.name.slice(0, 80), qty: l.qty, unitFen: l.unitPriceFen })),
    totalFen: sale.totalFen,
    payment: { method: 'cash' as const, paidFen: sale.paidFen, changeFen: sale.changeFen },
  };
}
