/**
 * The receipts the kiosk builds (app/store/receipts.ts) against the printer side's own input schemas
 * and layouts (drivers/printer): the contract between the two halves, which may not import each other.
 * Decoded from the ESC/POS bytes, as the villager would read the paper.
 */
import { billReceiptInput, orderReceiptInput } from '../../app/store/receipts';
import type { BillIntentRow } from '../../app/store/bills';
import type { OrderRow } from '../../app/store/db';
import { encodeEscPos } from '../../drivers/printer/escpos-encoder';
import { readReceipts } from '../../drivers/printer/escpos-reader';
import { orderReceiptSchema } from '../../drivers/printer/layout-inputs';
import { orderReceipt } from '../../drivers/printer/layouts';

const point = { name: '张家湾村电商服务点' };
const text = (input: unknown) => {
  const [r] = readReceipts(encodeEscPos(orderReceipt(orderReceiptSchema.parse(input)), { cols: 32 }), 32);
  return r!.lines.join('\n');
};

describe('receipt inputs built by the kiosk', () => {
  it('prints a 缴费 receipt with the account, the amount, the cash and the change', () => {
    const bill: BillIntentRow = {
      id: '01JDBILL0000000000000ABCDE',
      mutationId: 'm1',
      phone: '13800138000',
      kind: 'electricity',
      account: '1234567890',
      amountFen: 5000,
      paidCashFen: 10000,
      createdAt: '2026-11-28T09:30:00.000Z',
    };
    const paper = text(billReceiptInput(bill, point));
    expect(paper).toContain('缴费');
    expect(paper).toContain('电费 1234567890');
    expect(paper).toMatch(/50\.00/);
    expect(paper).toMatch(/100\.00/);
    expect(paper).toContain('退款');
  });

  it('prints a 代购 receipt the printer side accepts', () => {
    const order: OrderRow = {
      id: 'o1',
      no: 42,
      mutationId: 'm2',
      phone: '13800138000',
      lines: [{ itemId: 'sku-1', name: '尿素', spec: '50kg', unit: '袋', qty: 2, unitPriceFen: 13500 }],
      totalFen: 27000,
      payment: 'cash',
      paymentState: 'due_at_counter',
      delivery: 'point',
      status: 'placed',
      placedAt: '2026-11-28T09:30:00.000Z',
    };
    const paper = text(orderReceiptInput(order, point));
    expect(paper).toContain('0042');
    expect(paper).toContain('尿素 50kg');
    expect(paper).toMatch(/270\.00/);
  });
});
