import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import type { KioskTransport } from '../../../../kiosk-shell/api';
import { createI18n } from '../../../i18n';
import { FixedOperatorSession } from '../../../platform/operator-session';
import { addCashMovement } from '../../../store/cash';
import { KioskDb } from '../../../store/db';
import { CashDayScreen } from './CashDayScreen';

let n = 0;
const NOW = new Date('2026-11-28T17:30:00');
const operator = { id: 'op-7', name: '王芳', role: 'operator' as const };

/** The shell side as far as this screen uses it: printing, recorded for the assertions. */
function fakeApi() {
  const printed: unknown[] = [];
  const api = {
    invoke: (method: string, input: unknown) => {
      if (method !== 'printer.print') throw new Error(`unexpected ${method}`);
      printed.push(input);
      return Promise.resolve({
        ok: true,
        value: {
          id: 'job-1',
          kind: 'cash-report',
          title: '日结报表',
          status: 'printed',
          attempts: 1,
          createdAt: 0,
        },
      });
    },
  } as unknown as KioskTransport;
  return { api, printed };
}

function renderScreen(db: KioskDb, api: KioskTransport) {
  render(
    <I18nextProvider i18n={createI18n('zh-CN')}>
      <FixedOperatorSession operator={operator}>
        <CashDayScreen db={db} api={api} pointName="青山村服务点" onBack={() => undefined} now={() => NOW} />
      </FixedOperatorSession>
    </I18nextProvider>,
  );
}

async function failedBill(db: KioskDb) {
  await db.billIntents.add({
    id: 'bill-1',
    mutationId: 'm-bill-1',
    phone: '13800138000',
    kind: 'electricity',
    account: '0123456789',
    amountFen: 5000,
    paidCashFen: 5000,
    createdAt: '2026-11-28T01:00:00.000Z',
  });
  await db.requestStatus.add({
    id: 'rs-1',
    version: '9',
    kind: 'bill',
    requestId: 'bill-1',
    status: 'failed',
    note: '户号不存在',
    amountFen: 5000,
    detail: null,
  });
  await addCashMovement(db, {
    kind: 'bill',
    refId: 'bill-1',
    amountFen: 5000,
    at: new Date('2026-11-28T09:00:00'),
  });
}

describe('cash day (日结)', () => {
  it('opens with a float typed on the keypad, then lists it as the day’s first movement', async () => {
    const db = new KioskDb(`cashday-screen-${n++}`);
    const { api } = fakeApi();
    renderScreen(db, api);
    const user = userEvent.setup();
    await screen.findByRole('heading', { name: '开始营业' });
    for (const key of ['2', '0', '0']) await user.click(screen.getByRole('button', { name: key }));
    await user.click(screen.getByRole('button', { name: '确认备用金，开始营业' }));
    await screen.findByText('今天的现金收支（1 笔）');
    expect(screen.queryByRole('heading', { name: '开始营业' })).not.toBeInTheDocument();
    expect(screen.getByText('¥200.00', { selector: '[data-fact=expected] .money' })).toBeInTheDocument();
    const [float] = await db.cashMovements.toArray();
    expect(float).toMatchObject({ kind: 'float', amountFen: 20_000, operatorId: 'op-7' });
  });

  it('pays out a refund due from the list, and the drawer expects that much less', async () => {
    const db = new KioskDb(`cashday-screen-${n++}`);
    await failedBill(db);
    const { api } = fakeApi();
    renderScreen(db, api);
    const user = userEvent.setup();
    await screen.findByText('待退款（1 笔）');
    expect(screen.getByText(/缴费失败 · 138\*\*\*\*8000 · 户号不存在/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '付款 ¥50.00' }));
    expect(await screen.findByRole('status')).toHaveTextContent('已退款 ¥50.00 给 138****8000');
    await screen.findByText('待退款（0 笔）');
    expect(await screen.findByText('¥0.00', { selector: '[data-fact=expected] .money' })).toBeInTheDocument();
    expect(await db.refunds.count()).toBe(1);
  });

  it('counts the drawer by notes, requires a reason for a difference, closes and prints the report', async () => {
    const db = new KioskDb(`cashday-screen-${n++}`);
    await addCashMovement(db, {
      kind: 'float',
      refId: 'day',
      amountFen: 10_000,
      at: new Date('2026-11-28T08:00:00'),
    });
    await addCashMovement(db, {
      kind: 'sale',
      refId: 's1',
      amountFen: 2_550,
      at: new Date('2026-11-28T10:00:00'),
    });
    const { api, printed } = fakeApi();
    renderScreen(db, api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '点钞日结' }));
    await user.click(screen.getByRole('button', { name: '¥100.00 加一张' }));
    await user.click(screen.getByRole('button', { name: '¥20.00 加一张' }));
    for (let i = 0; i < 4; i++) await user.click(screen.getByRole('button', { name: '¥1.00 加一张' }));
    await user.click(screen.getByRole('button', { name: '¥0.50 加一张' }));
    expect(screen.getByText('¥124.50', { selector: '[data-fact=counted] .money' })).toBeInTheDocument();
    expect(document.querySelector('[data-fact=difference]')).toHaveTextContent('-¥1.00 短款（少了）');
    const confirm = screen.getByRole('button', { name: '确认日结' });
    expect(confirm).toBeDisabled();
    await user.click(screen.getByRole('radio', { name: '找零出错' }));
    await user.click(confirm);

    await screen.findByRole('heading', { name: '今天已日结' });
    expect(screen.getByText('原因：找零出错')).toBeInTheDocument();
    const [day] = await db.cashDays.toArray();
    expect(day).toMatchObject({
      expectedFen: 12_550,
      countedFen: 12_450,
      differenceFen: -100,
      reason: '找零出错',
    });
    expect(day?.denominations).toEqual({ 10000: 1, 2000: 1, 100: 4, 50: 1 });
    expect((await db.outbox.toArray()).map((e) => e.type)).toEqual(['cash.day_closed']);
    await act(() => Promise.resolve());
    expect(printed).toHaveLength(1);
    const request = printed[0] as { kind: string; input: Record<string, unknown> };
    expect(request.kind).toBe('cash-report');
    expect(request.input).toMatchObject({
      point: { name: '青山村服务点' },
      day: '2026-11-28',
      operator: '王芳',
      rows: [
        { label: '备用金', count: 1, amountFen: 10_000 },
        { label: '卖货', count: 1, amountFen: 2_550 },
      ],
      cashInFen: 12_550,
      cashOutFen: 0,
      countedFen: 12_450,
      reason: '找零出错',
    });
    expect(await screen.findByRole('status')).toHaveTextContent('日结报表已打印');
  });
});
