import { render, screen, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../i18n';
import { FixedOperatorSession } from '../../platform/operator-session';
import { BillsScreen } from './BillsScreen';
import { mutationSchemas } from '../../../sync/protocol';
import { cashMovementsOfDay, localDay } from '../../store/cash';
import { payOutRefund } from '../../store/refunds';
import { countyAnswers } from '../../store/request-status-fixture';
import { freshDb, openTile, recordSpeech } from '../common/villager-testing';
import { FakePrinter } from '../../platform/print.testing';

async function typeOn(user: UserEvent, keys: string, within_: HTMLElement = document.body) {
  for (const k of keys) await user.click(within(within_).getByRole('button', { name: k }));
}

async function openBills(phone = '13800138000') {
  const db = freshDb('bills');
  const { user } = await openTile(db, /缴费充值/);
  await typeOn(user, phone);
  await user.click(screen.getByRole('button', { name: '下一步' }));
  await screen.findByText('还没有缴费记录');
  return { db, user };
}

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.reject(new TypeError('offline'))),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('bills and top-up (缴费充值)', { timeout: 20_000 }, () => {
  it('refuses a 10-digit phone with a clear message and goes nowhere', async () => {
    const db = freshDb('bills');
    const { user } = await openTile(db, /缴费充值/);
    await typeOn(user, '1380013800');
    await user.click(screen.getByRole('button', { name: '下一步' }));
    expect(screen.getByRole('alert')).toHaveTextContent('手机号应为 11 位数字，现在是 10 位');
    expect(screen.queryByText('还没有缴费记录')).toBeNull();
  });

  it('pays an electricity bill offline: intent, outbox mutation and cash movement together', async () => {
    const { db, user } = await openBills();
    await user.click(screen.getByRole('button', { name: '新缴费' }));
    await user.click(screen.getByRole('radio', { name: '电费' }));

    // Nothing chosen yet: a clear message, nothing written.
    await user.click(screen.getByRole('button', { name: '已收现金，确认缴费' }));
    expect(screen.getByRole('alert')).toHaveTextContent('请填写户号或手机号');
    expect(await db.billIntents.count()).toBe(0);

    await user.click(screen.getByRole('button', { name: /电表户号/ }));
    const pad = screen.getByRole('dialog', { name: '电表户号' });
    await typeOn(user, '123', pad);
    await user.click(within(pad).getByRole('button', { name: '确定' }));
    expect(within(pad).getByRole('alert')).toHaveTextContent('户号应为 6 到 20 位数字');
    await typeOn(user, '4567890', pad);
    await user.click(within(pad).getByRole('button', { name: '确定' }));
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(screen.getByRole('button', { name: '已收现金，确认缴费' }));
    expect(screen.getByRole('alert')).toHaveTextContent('请选择或输入金额，至少 ¥1.00');
    await user.click(screen.getByRole('radio', { name: '¥50.00' }));
    expect(screen.getByText('请交现金')).toHaveTextContent('¥50.00');
    await user.click(screen.getByRole('button', { name: '已收现金，确认缴费' }));

    await screen.findByRole('heading', { name: '已记录缴费' });
    expect(screen.getByText('电费 1234567890 ¥50.00')).toBeInTheDocument();
    expect(await screen.findByText('已保存，联网后自动发送到县中心')).toBeInTheDocument();

    const [bill] = await db.billIntents.toArray();
    const [entry] = await db.outbox.toArray();
    expect(entry?.type).toBe('bill.intent');
    expect(mutationSchemas['bill.intent'].parse(entry?.payload)).toEqual({
      intentId: bill!.id,
      phone: '13800138000',
      kind: 'electricity',
      account: '1234567890',
      amountFen: 5000,
      paidCashFen: 5000,
    });
    const cash = await cashMovementsOfDay(db, localDay(new Date()));
    expect(cash.map((m) => [m.kind, m.refId, m.amountFen])).toEqual([['bill', bill!.id, 5000]]);
  });

  it('tops up the villager’s own phone with a typed amount; a bad amount changes nothing', async () => {
    const { db, user } = await openBills('13912345678');
    await user.click(screen.getByRole('button', { name: '新缴费' }));
    await user.click(screen.getByRole('radio', { name: '话费充值' }));
    expect(screen.getByRole('button', { name: /充值手机号/ })).toHaveTextContent('139 1234 5678');
    await user.click(screen.getByRole('radio', { name: '其他金额' }));
    const pad = screen.getByRole('dialog', { name: '其他金额' });
    await typeOn(user, '3000', pad);
    await user.click(within(pad).getByRole('button', { name: '确定' }));
    expect(within(pad).getByRole('alert')).toHaveTextContent('一次最多缴 ¥2,000.00');
    await user.click(within(pad).getByRole('button', { name: '清空' }));
    await typeOn(user, '30.5', pad);
    await user.click(within(pad).getByRole('button', { name: '确定' }));
    expect(screen.getByText('请交现金')).toHaveTextContent('¥30.50');
    await user.click(screen.getByRole('button', { name: '已收现金，确认缴费' }));
    await screen.findByRole('heading', { name: '已记录缴费' });
    expect(await db.billIntents.toArray()).toEqual([
      expect.objectContaining({ kind: 'phone', account: '13912345678', amountFen: 3050 }),
    ]);
  });

  it('shows the county’s answers live: completed, and failed with 待退款 then 已退款 and the amount', async () => {
    const spoken = recordSpeech();
    const { db, user } = await openBills();
    for (const [kind, amount] of [
      ['电费', '¥50.00'],
      ['水费', '¥20.00'],
    ] as const) {
      await user.click(screen.getByRole('button', { name: '新缴费' }));
      await user.click(screen.getByRole('radio', { name: kind }));
      await user.click(screen.getByRole('button', { name: /户号/ }));
      await typeOn(user, '88000111', screen.getByRole('dialog'));
      await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '确定' }));
      await user.click(screen.getByRole('radio', { name: amount }));
      await user.click(screen.getByRole('button', { name: '已收现金，确认缴费' }));
      await user.click(await screen.findByRole('button', { name: '完成' }));
    }
    const bills = await db.billIntents.orderBy('createdAt').toArray();
    const [power, water] = bills;
    await vi.waitFor(() => expect(screen.getAllByText('已保存，联网后自动发送到县中心')).toHaveLength(2));

    await countyAnswers(db, { kind: 'bill', requestId: power!.id, status: 'completed', amountFen: 5000 });
    await countyAnswers(db, {
      kind: 'bill',
      requestId: water!.id,
      status: 'failed',
      amountFen: 2000,
      note: '户号不存在',
    });
    const waterRow = () => document.querySelector(`[data-bill="${water!.id}"]`) as HTMLElement;
    expect(await screen.findByText('缴费成功')).toBeInTheDocument();
    await vi.waitFor(() => expect(waterRow()).toHaveTextContent('缴费失败（户号不存在）'));
    expect(within(waterRow()).getByRole('status')).toHaveTextContent('待退款 ¥20.00，请找工作人员领取');

    await user.click(screen.getByRole('button', { name: /朗读/ }));
    expect(spoken.at(-1)).toMatch(/^您有 2 笔缴费记录。/);
    expect(spoken.at(-1)).toContain('水费 20元，缴费失败。待退款 20元，请找工作人员领取。');
    expect(spoken.at(-1)).toContain('电费 50元，缴费成功。');

    expect((await payOutRefund(db, `bill:${water!.id}`, 'op-1')).ok).toBe(true);
    await vi.waitFor(() => expect(waterRow()).toHaveTextContent('已退款 ¥20.00'));
    expect(waterRow().dataset.refund).toBe('paid');
  });
  it('records who took the cash when an operator is signed in at the point', async () => {
    const db = freshDb('bills');
    const user = userEvent.setup();
    render(
      <I18nextProvider i18n={createI18n('zh-CN')}>
        <FixedOperatorSession operator={{ id: 'op-7', name: '王芳', role: 'operator' }}>
          <BillsScreen db={db} onHome={() => undefined} />
        </FixedOperatorSession>
      </I18nextProvider>,
    );
    await typeOn(user, '13800138000');
    await user.click(screen.getByRole('button', { name: '下一步' }));
    await user.click(await screen.findByRole('button', { name: '新缴费' }));
    await user.click(screen.getByRole('radio', { name: '话费充值' }));
    await user.click(screen.getByRole('radio', { name: '¥20.00' }));
    await user.click(screen.getByRole('button', { name: '已收现金，确认缴费' }));
    await screen.findByRole('heading', { name: '已记录缴费' });
    expect(await db.billIntents.toArray()).toEqual([expect.objectContaining({ operatorId: 'op-7' })]);
    expect(await db.cashMovements.toArray()).toEqual([
      expect.objectContaining({ kind: 'bill', amountFen: 2000, operatorId: 'op-7' }),
    ]);
  });

  it('prints the 缴费 receipt once the payment is stored and says a printer fault kept it queued', async () => {
    const db = freshDb('bills');
    const printer = new FakePrinter();
    printer.state = 'paper_out';
    const user = userEvent.setup();
    render(
      <I18nextProvider i18n={createI18n('zh-CN')}>
        <BillsScreen db={db} api={printer.api} onHome={() => undefined} />
      </I18nextProvider>,
    );
    await typeOn(user, '13800138000');
    await user.click(screen.getByRole('button', { name: '下一步' }));
    await user.click(await screen.findByRole('button', { name: '新缴费' }));
    await user.click(screen.getByRole('radio', { name: '话费充值' }));
    await user.click(screen.getByRole('radio', { name: '¥20.00' }));
    await user.click(screen.getByRole('button', { name: '已收现金，确认缴费' }));
    await screen.findByRole('heading', { name: '已记录缴费' });
    await vi.waitFor(() => expect(printer.requests).toHaveLength(1));
    const [bill] = await db.billIntents.toArray();
    expect(printer.requests[0]).toMatchObject({
      kind: 'order-receipt',
      input: { service: '缴费', totalFen: 2000, items: [{ name: '话费充值 13800138000', unitFen: 2000 }] },
    });
    expect(await db.sideEffects.get(`print:${bill!.id}`)).toMatchObject({ status: 'failed' });
    expect(await screen.findByText(/小票已留在打印队列/)).toBeInTheDocument();
  });
});
