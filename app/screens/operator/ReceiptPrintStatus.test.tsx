/** The shop's confirmation prints its receipt once, after the order is committed (platform/print.ts). */
import { render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../i18n';
import { FakePrinter } from '../../platform/print.testing';
import { KioskDb } from '../../store/db';
import { placeOrder } from '../../store/orders';
import { rememberPointName } from '../../store/receipts';
import { DoneView } from '../shop/DoneView';

let n = 0;
async function placed() {
  const db = new KioskDb(`done-print-${n++}`);
  await rememberPointName(db, '赵脑村');
  const result = await placeOrder(db, {
    phone: '13912345678',
    payment: 'cash',
    lines: [
      { itemId: 'sku-1', name: '尿素', spec: '50kg', unit: '袋', qty: 2, unitPriceFen: 13500 },
      { itemId: 'sku-2', name: '酱油', spec: '500ml', unit: '瓶', qty: 1, unitPriceFen: 1250 },
    ],
  });
  if (!result.ok) throw new Error(result.error.message);
  return { db, order: result.order };
}

function show(db: KioskDb, order: Awaited<ReturnType<typeof placed>>['order'], printer?: FakePrinter) {
  render(
    <StrictMode>
      <I18nextProvider i18n={createI18n('zh-CN')}>
        <DoneView db={db} order={order} onFinish={() => undefined} {...(printer && { api: printer.api })} />
      </I18nextProvider>
    </StrictMode>,
  );
}

describe('the order confirmation prints its receipt', () => {
  it('prints the 代购 receipt once (even under StrictMode) with what the villager agreed to', async () => {
    const { db, order } = await placed();
    const printer = new FakePrinter();
    show(db, order, printer);
    expect(await screen.findByText('小票已打印，请收好')).toBeInTheDocument();
    expect(printer.requests).toEqual([
      {
        kind: 'order-receipt',
        input: expect.objectContaining({
          point: { name: '赵脑村电商服务点' },
          orderNo: '0001',
          service: '代购',
          totalFen: 28250,
          items: [
            { name: '尿素 50kg', qty: 2, unitFen: 13500 },
            { name: '酱油 500ml', qty: 1, unitFen: 1250 },
          ],
          payment: { method: 'cash', paidFen: 28250, changeFen: 0 },
        }) as unknown,
      },
    ]);
  });

  it('tells the villager the receipt waits in the queue when the printer is out of paper', async () => {
    const { db, order } = await placed();
    const printer = new FakePrinter();
    printer.state = 'paper_out';
    show(db, order, printer);
    expect(await screen.findByRole('alert')).toHaveTextContent('打印机出了问题，小票已留在打印队列');
    expect(printer.jobs).toEqual([expect.objectContaining({ status: 'failed' }) as unknown]);
  });

  it('prints nothing and says nothing about paper on a terminal without a printer', async () => {
    const { db, order } = await placed();
    const printer = new FakePrinter();
    printer.state = 'absent';
    show(db, order, printer);
    await waitFor(async () => expect((await db.sideEffects.toArray())[0]?.status).toBe('failed'));
    expect(screen.queryByText(/小票已打印|打印队列/)).toBeNull();
  });
});
