import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import type { KioskTransport } from '../../../../kiosk-shell/api';
import { createI18n } from '../../../i18n';
import { FixedOperatorSession } from '../../../platform/operator-session';
import { KioskDb } from '../../../store/db';
import { addLocalItem, stockCatalogueItem, stockIn } from '../../../store/stock';
import { StockScreen } from './StockScreen';

let n = 0;
const NOW = new Date('2026-11-28T10:00:00');
const operator = { id: 'op-7', name: '王芳', role: 'operator' as const };
const soy = {
  id: 'sku-070001',
  name: '海天 酱油 500ml',
  spec: '500ml',
  unit: '瓶',
  barcode: '6902265000016',
  priceFen: 1250,
};

function fakeApi() {
  const printed: { kind: string; input: Record<string, unknown> }[] = [];
  const api = {
    invoke: (method: string, input: { kind: string; input: Record<string, unknown> }) => {
      if (method !== 'printer.print') throw new Error(`unexpected ${method}`);
      printed.push(input);
      return Promise.resolve({
        ok: true,
        value: { id: 'job', kind: input.kind, title: 'x', status: 'printed', attempts: 1, createdAt: 0 },
      });
    },
  } as unknown as KioskTransport;
  return { api, printed };
}

function renderScreen(db: KioskDb, api: KioskTransport = fakeApi().api) {
  render(
    <I18nextProvider i18n={createI18n('zh-CN')}>
      <FixedOperatorSession operator={operator}>
        <StockScreen db={db} api={api} pointName="青山村服务点" onBack={() => undefined} now={() => NOW} />
      </FixedOperatorSession>
    </I18nextProvider>,
  );
}

/** As fast as a keyboard-wedge scanner types: every key within the same few milliseconds. */
function wedgeScan(code: string) {
  act(() => {
    for (const key of [...code, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key }));
  });
}

async function shelf() {
  const db = new KioskDb(`stock-screen-${n++}`);
  await stockCatalogueItem(db, soy);
  await stockIn(db, { itemId: soy.id, qty: 3 });
  const egg = await addLocalItem(db, {
    name: '土鸡蛋',
    barcode: '2000001',
    unit: '个',
    priceFen: 100,
    lowAt: 10,
  });
  if (!egg.ok) throw new Error('egg');
  await stockIn(db, { itemId: egg.value.id, qty: 30 });
  return { db, eggId: egg.value.id };
}

describe('stock (进销存)', () => {
  it('lists the shelf, filters low stock, and books a count with its reason', async () => {
    const { db } = await shelf();
    renderScreen(db);
    const user = userEvent.setup();
    await screen.findByText('海天 酱油 500ml');
    expect(screen.getByText('土鸡蛋')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '只看低库存（1）' }));
    expect(screen.queryByText('土鸡蛋')).not.toBeInTheDocument();
    expect(screen.getByText(/库存低/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /海天 酱油 500ml/ }));
    await screen.findByRole('heading', { name: '海天 酱油 500ml' });
    await user.click(screen.getByRole('button', { name: '2' }));
    await user.click(screen.getByRole('radio', { name: '破损' }));
    await user.click(screen.getByRole('button', { name: '确认' }));
    expect(await screen.findByRole('status')).toHaveTextContent('已记录：-1，现有 2');
    const moves = await db.stockMovements.where('itemId').equals(soy.id).toArray();
    expect(moves.find((m) => m.reason === 'count')).toMatchObject({
      reason: 'count',
      qtyDelta: -1,
      note: '破损',
      operatorId: 'op-7',
    });
    // The item view is live: it shows the new quantity without leaving it.
    await waitFor(() => expect(document.querySelector('[data-fact=qty]')).toHaveTextContent('2 瓶'));
  });

  it('sells by scanning, asks before selling beyond stock, records the sale and prints its receipt', async () => {
    const { db } = await shelf();
    const { api, printed } = fakeApi();
    renderScreen(db, api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('tab', { name: '卖货' }));
    for (let i = 0; i < 4; i++) wedgeScan(soy.barcode);
    await screen.findByText('海天 酱油 500ml × 4');
    wedgeScan('2000001');
    await screen.findByText('土鸡蛋 × 1');
    expect(document.querySelector('[data-fact=total]')).toHaveTextContent('¥51.00');
    for (const key of ['6', '0']) await user.click(screen.getByRole('button', { name: key }));
    expect(document.querySelector('[data-fact=change]')).toHaveTextContent('¥9.00');

    await user.click(screen.getByRole('button', { name: '收款完成' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(within(dialog).getByText('海天 酱油 500ml：记录只有 3 件，要卖 4 件')).toBeInTheDocument();
    expect(await db.sales.count()).toBe(0);
    await user.click(within(dialog).getByRole('button', { name: '确认卖出并记录更正' }));

    await screen.findByText('已收款 · 单号 S0001');
    expect(screen.getByText('请找零 ¥9.00')).toBeInTheDocument();
    expect((await db.stockItems.get(soy.id))?.qty).toBe(0);
    expect((await db.cashMovements.toArray()).map((c) => [c.kind, c.amountFen])).toEqual([['sale', 5100]]);
    expect(await screen.findByText('小票已打印')).toBeInTheDocument();
    expect(printed).toHaveLength(1);
    expect(printed[0]!.kind).toBe('order-receipt');
    expect(printed[0]!.input).toMatchObject({
      orderNo: 'S0001',
      service: '卖货',
      operator: '王芳',
      totalFen: 5100,
      payment: { method: 'cash', paidFen: 6000, changeFen: 900 },
    });
  });

  it('says so when a scanned code is not on the shelf, and adds nothing', async () => {
    const { db } = await shelf();
    renderScreen(db);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('tab', { name: '卖货' }));
    wedgeScan('9999999999');
    expect(await screen.findByRole('alert')).toHaveTextContent('条码 9999999999 不是本店货架上的商品');
    expect(screen.getByText('还没有商品')).toBeInTheDocument();
  });

  it('confirms a county delivery note with one line short, and the shelf grows by what arrived', async () => {
    const { db } = await shelf();
    await db.deliveryNotes.add({
      id: 'dn-1',
      version: '3',
      villageId: 'v1',
      deliveredAt: '2026-11-28T01:00:00.000Z',
      lines: [{ itemId: soy.id, name: soy.name, qty: 12, unitCostFen: 900 }],
    });
    renderScreen(db);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('tab', { name: '收货' }));
    await user.click(await screen.findByRole('button', { name: /送货单 .* 1 种商品/ }));
    await user.click(screen.getByRole('button', { name: `${soy.name} −1` }));
    expect(screen.getByLabelText(`实收 ${soy.name}`)).toHaveTextContent('11');
    await user.click(screen.getByRole('button', { name: '确认收货' }));
    expect(await screen.findByRole('status')).toHaveTextContent('已收货，库存已增加');
    expect(await screen.findByText('没有待收货的送货单')).toBeInTheDocument();
    expect((await db.stockItems.get(soy.id))?.qty).toBe(14);
    const payload = (await db.outbox.toArray()).at(-2)?.payload;
    expect(payload).toMatchObject({
      reason: 'purchase',
      qtyDelta: 11,
      refId: 'dn-1',
      note: '送货单 12，实收 11',
    });
  });

  it('counts a delivery note by scanning each item that arrived', async () => {
    const { db } = await shelf();
    await db.deliveryNotes.add({
      id: 'dn-2',
      version: '4',
      villageId: 'v1',
      deliveredAt: '2026-11-28T01:00:00.000Z',
      lines: [{ itemId: soy.id, name: soy.name, qty: 6, unitCostFen: 900 }],
    });
    renderScreen(db);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('tab', { name: '收货' }));
    await user.click(await screen.findByRole('button', { name: /送货单 .* 1 种商品/ }));
    await user.click(screen.getByRole('button', { name: '逐件扫码清点' }));
    expect(screen.getByLabelText(`实收 ${soy.name}`)).toHaveTextContent('0');
    for (let i = 0; i < 3; i++) wedgeScan(soy.barcode);
    await waitFor(() => expect(screen.getByLabelText(`实收 ${soy.name}`)).toHaveTextContent('3'));
    wedgeScan('2000001'); // the eggs are on the shelf, not on this note
    expect(await screen.findByRole('alert')).toHaveTextContent('条码 2000001 不在这张送货单上');
    expect(screen.getByLabelText(`实收 ${soy.name}`)).toHaveTextContent('3');
    await user.click(screen.getByRole('button', { name: '确认收货' }));
    await screen.findByText('已收货，库存已增加');
    expect((await db.stockItems.get(soy.id))?.qty).toBe(6);
    expect(await db.deliveryReceipts.get('dn-2')).toMatchObject({
      lines: [{ itemId: soy.id, qtyExpected: 6, qtyReceived: 3 }],
    });
  });

  it('stocks in a scanned item without a note, and offers to add an unknown code as a local item', async () => {
    const { db } = await shelf();
    renderScreen(db);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('tab', { name: '收货' }));
    wedgeScan(soy.barcode);
    await screen.findByText(/海天 酱油 500ml · 3 瓶/);
    for (const key of ['2', '4']) await user.click(screen.getByRole('button', { name: key }));
    await user.click(screen.getByRole('button', { name: '入库' }));
    expect(await screen.findByRole('status')).toHaveTextContent('海天 酱油 500ml 入库 24，现有 27');

    wedgeScan('6900000000999');
    await screen.findByText('条码 6900000000999 不在目录和货架上');
    await user.click(screen.getByRole('button', { name: '添加为本店商品' }));
    expect(screen.getByRole('tab', { name: '添加商品', selected: true })).toBeInTheDocument();
    expect(screen.getByLabelText('条码（可不填）')).toHaveValue('6900000000999');
    await user.type(screen.getByLabelText('商品名称'), '自制米酒');
    await user.type(screen.getByLabelText('售价（元）'), '15');
    await user.click(screen.getByRole('button', { name: '添加' }));
    expect(await screen.findByRole('status')).toHaveTextContent('自制米酒 已添加');
    expect(await db.stockItems.where('barcode').equals('6900000000999').first()).toMatchObject({
      source: 'local',
      priceFen: 1500,
      qty: 0,
    });
  });
});
