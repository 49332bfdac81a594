import { act, render, screen, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../i18n';
import type { KioskDb } from '../../store/db';
import { placeOrder, type OrderLineRow } from '../../store/orders';
import { freshDb, openTile, pull, recordSpeech } from '../common/villager-testing';
import { MyOrdersScreen } from './MyOrdersScreen';
import { orderSource } from './sources/orders';
import type { RecordSource } from './sources';

const UREA: OrderLineRow = {
  itemId: 'sku-010001',
  name: '心连心 尿素 50kg',
  spec: '50kg/袋',
  unit: '袋',
  qty: 2,
  unitPriceFen: 12_890,
};
const OIL: OrderLineRow = {
  itemId: 'sku-070001',
  name: '鲁花 花生油 5L',
  spec: '5L/桶',
  unit: '桶',
  qty: 1,
  unitPriceFen: 15_990,
};
const PHONE = '13800138000';

async function order(db: KioskDb, phone: string, lines: OrderLineRow[], at: string) {
  const placed = await placeOrder(db, { phone, lines, payment: 'cash' }, { now: () => new Date(at) });
  if (!placed.ok) throw new Error(placed.error.message);
  return placed.order;
}

async function typePhone(user: UserEvent, digits: string) {
  await user.click(screen.getByRole('button', { name: '清空' }));
  for (const k of digits) await user.click(screen.getByRole('button', { name: k }));
  await user.click(screen.getByRole('button', { name: '查询' }));
}

const rows = () => screen.getAllByRole('listitem');

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.reject(new TypeError('offline'))),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

// Many taps per test: a loaded machine (shared cores) needs more than the default 5 s.
describe('my orders (我的订单)', { timeout: 20_000 }, () => {
  it('refuses a bad phone number with a clear message and looks nothing up', async () => {
    const db = freshDb('myorders');
    const { user } = await openTile(db, /我的订单/);
    await user.click(screen.getByRole('button', { name: '查询' }));
    expect(screen.getByRole('alert')).toHaveTextContent('请输入手机号');
    await typePhone(user, '1380013800');
    expect(screen.getByRole('alert')).toHaveTextContent('手机号应为 11 位数字，现在是 10 位');
    await typePhone(user, '12800138000');
    expect(screen.getByRole('alert')).toHaveTextContent('手机号应以 13 到 19 开头');
    expect(screen.getByLabelText('手机号', { selector: 'output' })).toHaveTextContent('128 0013 8000');
    // Still on the keypad: no list was opened.
    expect(screen.queryByText(/手机号 128/)).toBeNull();
    // A twelfth digit is not taken.
    await user.click(screen.getByRole('button', { name: '5' }));
    expect(screen.getByLabelText('手机号', { selector: 'output' })).toHaveTextContent('128 0013 8000');
  });

  it('says so when the number has nothing at this point, and 返回 lets the villager type another', async () => {
    const db = freshDb('myorders');
    await order(db, '13900139000', [UREA], '2026-03-01T02:00:00Z');
    const { user } = await openTile(db, /我的订单/);
    await typePhone(user, PHONE);
    expect(await screen.findByText('这个手机号在本服务点还没有记录')).toHaveAttribute('role', 'status');
    await user.click(screen.getByRole('button', { name: /返回$/ }));
    await typePhone(user, '13900139000');
    expect(await screen.findByText('订单 0001')).toBeInTheDocument();
  });

  it("lists the villager's orders newest first with amount and status, and follows the county's answer live", async () => {
    const spoken = recordSpeech();
    const db = freshDb('myorders');
    const first = await order(db, PHONE, [UREA, OIL], '2026-03-01T02:00:00Z');
    await order(db, '13900139000', [OIL], '2026-03-02T02:00:00Z');
    const third = await order(db, PHONE, [OIL], '2026-03-03T02:00:00Z');
    const { user } = await openTile(db, /我的订单/);
    await typePhone(user, PHONE);

    await screen.findByText(/共 2 条记录/);
    expect(screen.getByText('手机号 138 0013 8000')).toBeInTheDocument();
    const [newest, oldest] = rows();
    expect(newest).toHaveTextContent('代购订单 0003¥159.90已保存，联网后发送');
    expect(newest).toHaveTextContent(OIL.name);
    expect(oldest).toHaveTextContent('订单 0001');
    expect(oldest).toHaveTextContent('¥417.70');
    expect(oldest).toHaveTextContent(`${UREA.name} 等 2 种`);
    expect(screen.queryByText('订单 0002')).toBeNull(); // another villager's

    // The link comes back: the outbox empties (acked), then the county confirms the older one.
    await db.outbox.clear();
    expect(await within(oldest!).findByText('已发送，等待县中心处理')).toBeInTheDocument();
    await pull(db, 'order_status', [
      {
        id: first.id,
        data: { orderId: first.id, status: 'arrived', note: '货已到，请带手机来取', settledTotalFen: 40_000 },
      },
      { id: third.id, data: { orderId: third.id, status: 'rejected', note: null, settledTotalFen: null } },
    ]);
    const arrived = await screen.findByText('已到服务点，请来取货');
    expect(arrived).toHaveAttribute('data-tone', 'good');
    expect(oldest).toHaveTextContent('县中心结算 ¥400.00');
    expect(oldest).toHaveTextContent('货已到，请带手机来取');
    expect(within(newest!).getByText('县中心未接受')).toHaveAttribute('data-tone', 'bad');

    await user.click(screen.getByRole('button', { name: '朗读' }));
    expect(spoken.at(-1)).toBe(
      '共 2 条记录。代购，订单 0003，县中心未接受。代购，订单 0001，已到服务点，请来取货',
    );
  });

  it('shows what the other sources found when one of them cannot be read', async () => {
    const db = freshDb('myorders');
    await order(db, PHONE, [UREA], '2026-03-01T02:00:00Z');
    const broken: RecordSource = { kind: 'bill', load: () => Promise.reject(new Error('disk')) };
    const user = userEvent.setup();
    render(
      <I18nextProvider i18n={createI18n('zh-CN')}>
        <MyOrdersScreen db={db} onHome={() => undefined} sources={[orderSource, broken]} />
      </I18nextProvider>,
    );
    await typePhone(user, PHONE);
    expect(await screen.findByRole('alert')).toHaveTextContent('缴费记录暂时读不出来，请找工作人员');
    expect(screen.getByText('订单 0001')).toBeInTheDocument();
  });

  it("forgets the villager's number when the idle timeout returns home, after the warning", async () => {
    // Only the timers the idle timeout uses: fake-indexeddb schedules its own work with setImmediate.
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout'] });
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    const db = freshDb('myorders');
    await order(db, PHONE, [UREA], '2026-03-01T02:00:00Z');
    await openTile(db, /我的订单/, { idleTimeoutMs: 30_000, user });
    await typePhone(user, PHONE);
    await screen.findByText('订单 0001');

    await act(() => vi.advanceTimersByTimeAsync(21_000));
    const warning = screen.getByRole('alert');
    expect(warning).toHaveTextContent('即将返回首页');
    expect(warning).toHaveTextContent('点一下屏幕就可以继续');
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(screen.queryByRole('main', { name: '我的订单' })).toBeNull();

    await user.click(screen.getByRole('button', { name: /我的订单/ }));
    expect(screen.getByLabelText('手机号', { selector: 'output' })).toHaveTextContent(
      '请输入下单时留的 11 位手机号',
    );
    expect(screen.queryByText('订单 0001')).toBeNull();
  });
});
