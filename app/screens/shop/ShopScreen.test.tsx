import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { App } from '../../App';
import { createI18n } from '../../i18n';
import { KioskDb } from '../../store/db';
import { orderTotalFen } from '../../store/orders';
import type { KioskPlatform } from '../../platform/kiosk';
import type { KioskMethod, KioskTransport, MethodOutput, Result } from '../../../kiosk-shell/api';
import { mutationSchemas } from '../../../sync/protocol';
import { INACTIVE_ID, UREA, loadFixture } from './shop-fixture';

/** The shell answers nothing the shop needs: the shop works from the local database alone. */
function fakePlatform(): KioskPlatform {
  const api: KioskTransport = {
    invoke: <M extends KioskMethod>() =>
      Promise.resolve({ ok: false, error: { code: 'NOT_AVAILABLE', message: 'test' } } as Result<
        MethodOutput<M>
      >),
  };
  return { api, shell: 'browser', link: { state: () => 'open', subscribe: () => () => undefined } };
}

let dbCounter = 0;
async function openShop(opts: { idleTimeoutMs?: number; user?: UserEvent } = {}) {
  const db = new KioskDb(`shop-test-${dbCounter++}`);
  await loadFixture(db);
  const user = opts.user ?? userEvent.setup();
  render(
    <I18nextProvider i18n={createI18n('zh-CN')}>
      <App platform={fakePlatform()} db={db} idleTimeoutMs={opts.idleTimeoutMs ?? 600_000} />
    </I18nextProvider>,
  );
  await user.click(screen.getByRole('button', { name: /代购/ }));
  await screen.findByRole('button', { name: '化肥' });
  return { db, user };
}

const cartButton = () => screen.getByRole('button', { name: /^购物车/ });
const productRow = (name: string) => screen.findByRole('button', { name: new RegExp(name) });

beforeEach(() => {
  // No county in jsdom: the link is down, as in a village with no signal. The shop must not care.
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
describe('shop (代购)', { timeout: 30_000 }, () => {
  it('browses a category: big rows with name, size and price per unit, eight to a page, withdrawn items hidden', async () => {
    const { user } = await openShop();
    expect(screen.getByRole('button', { name: /拼音搜索/ })).toBeInTheDocument();
    for (const name of ['化肥', '种子', '粮油调味'])
      expect(screen.getByRole('button', { name })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '化肥' }));
    const urea = await productRow(UREA.name);
    expect(urea).toHaveTextContent('50kg/袋');
    expect(urea).toHaveTextContent('¥128.90/袋');
    expect(screen.getAllByRole('listitem')).toHaveLength(8);
    expect(screen.getAllByText('第 1/2 页').length).toBeGreaterThan(0);

    await user.click(screen.getByRole('button', { name: /下一页/ }));
    expect(await productRow('鄂中 复合化肥 40kg')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem')).toHaveLength(2); // 10 active fertilisers; the withdrawn one is not shown
    expect(document.querySelector(`[data-item="${INACTIVE_ID}"]`)).toBeNull();

    // 返回 goes back to the category tiles.
    await user.click(screen.getByRole('button', { name: /返回$/ }));
    expect(await screen.findByRole('button', { name: /粮油调味/ })).toBeInTheDocument();
  });

  it('searches by pinyin initials on the on-screen keyboard: hf finds the 化肥 items', async () => {
    const { user } = await openShop();
    await user.click(screen.getByRole('button', { name: /拼音搜索/ }));
    await user.click(screen.getByRole('button', { name: 'h' }));
    await user.click(screen.getByRole('button', { name: 'f' }));
    expect(await screen.findByText('找到 2 件商品')).toBeInTheDocument();
    const rows = screen.getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.includes('化肥'))).toBe(true);

    // Full pinyin works as well, and a query with no match says so plainly.
    await user.click(screen.getByRole('button', { name: '清空' }));
    for (const k of 'huasheng') await user.click(screen.getByRole('button', { name: k }));
    expect(await productRow('鲁花 花生油 5L')).toBeInTheDocument();
    for (const k of 'zzz') await user.click(screen.getByRole('button', { name: k }));
    expect(await screen.findByText(/没有找到/)).toBeInTheDocument();
  });

  it('adds to the cart with the stepper, changes the quantity in the cart, and refuses 0 and 10,000', async () => {
    const { user } = await openShop();
    await user.click(screen.getByRole('button', { name: '化肥' }));
    await user.click(await productRow(UREA.name));
    await screen.findByRole('heading', { name: UREA.name });
    expect(screen.getByText('¥128.90')).toBeInTheDocument();
    expect(screen.getByText('每袋')).toBeInTheDocument();
    expect(screen.getByText('心连心')).toBeInTheDocument(); // brand

    await user.click(screen.getByRole('button', { name: '少一袋' }));
    expect(screen.getByRole('alert')).toHaveTextContent('数量至少是 1');
    await user.click(screen.getByRole('button', { name: '多一袋' }));
    await user.click(screen.getByRole('button', { name: '多一袋' }));
    await user.click(screen.getByRole('button', { name: '加入购物车' }));

    await screen.findByRole('heading', { name: '购物车' });
    const line = screen.getByRole('listitem');
    expect(within(line).getByRole('status')).toHaveTextContent('3');
    expect(within(line).getByLabelText('小计')).toHaveTextContent('¥386.70');
    await user.click(within(line).getByRole('button', { name: '多一袋' }));
    expect(within(line).getByLabelText('小计')).toHaveTextContent('¥515.60');

    // Typing a quantity on the keypad: 10000 is refused and nothing changes; 20 is taken.
    await user.click(within(line).getByRole('button', { name: /输入数量/ }));
    const pad = screen.getByRole('dialog', { name: '输入数量' });
    for (const k of '10000') await user.click(within(pad).getByRole('button', { name: k }));
    await user.click(within(pad).getByRole('button', { name: '确定' }));
    expect(within(pad).getByRole('alert')).toHaveTextContent('每种商品最多买 9999');
    await user.click(within(pad).getByRole('button', { name: '清空' }));
    for (const k of '20') await user.click(within(pad).getByRole('button', { name: k }));
    await user.click(within(pad).getByRole('button', { name: '确定' }));
    expect(within(line).getByLabelText('小计')).toHaveTextContent('¥2,578.00');

    await user.click(within(line).getByRole('button', { name: /删除/ }));
    expect(screen.getByText(/购物车是空的/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '去结算' })).toBeDisabled();
  });

  it('checks out: a bad phone gets a clear message and changes nothing; a good one places one order with its outbox row', async () => {
    const { db, user } = await openShop();
    await user.click(screen.getByRole('button', { name: '化肥' }));
    await user.click(await productRow(UREA.name));
    await user.click(await screen.findByRole('button', { name: '多一袋' }));
    await user.click(screen.getByRole('button', { name: '加入购物车' }));
    await user.click(await screen.findByRole('button', { name: '继续购物' })); // back to the product
    await user.click(screen.getByRole('button', { name: /返回$/ })); // the category
    await user.click(screen.getByRole('button', { name: /返回$/ })); // the tiles
    await user.click(screen.getByRole('button', { name: /粮油调味/ }));
    await user.click(await productRow('鲁花 花生油 5L'));
    await user.click(await screen.findByRole('button', { name: '加入购物车' }));
    await user.click(await screen.findByRole('button', { name: '去结算' }));

    const place = await screen.findByRole('button', { name: '确认下单' });
    for (const k of '138001380') await user.click(screen.getByRole('button', { name: k }));
    await user.click(screen.getByRole('radio', { name: /现金/ }));
    await user.click(place);
    expect(screen.getByRole('alert')).toHaveTextContent('手机号应为 11 位数字，现在是 9 位');
    await user.click(screen.getByRole('button', { name: '清空' }));
    for (const k of '12800138000') await user.click(screen.getByRole('button', { name: k }));
    await user.click(place);
    expect(screen.getByRole('alert')).toHaveTextContent('手机号应以 13 到 19 开头');
    expect(await db.orders.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);

    await user.click(screen.getByRole('button', { name: '清空' }));
    for (const k of '13800138000') await user.click(screen.getByRole('button', { name: k }));
    expect(screen.getByLabelText('买家手机号', { selector: 'output' })).toHaveTextContent('138 0013 8000');
    await user.click(place);

    expect(await screen.findByRole('heading', { name: '下单成功' })).toBeInTheDocument();
    expect(screen.getByText('0001', { selector: '[data-order-no]' })).toBeInTheDocument();
    expect(screen.getAllByText('现金：请到柜台付款').length).toBeGreaterThan(0);
    const receipt = screen.getByRole('region', { name: '小票' });
    expect(receipt).toHaveTextContent(UREA.name);
    expect(receipt).toHaveTextContent('¥128.90 × 2袋');
    expect(receipt).toHaveTextContent('¥417.70'); // 2 × 128.90 + 159.90
    expect(await screen.findByText('订单已保存，联网后自动发送到县中心')).toBeInTheDocument();

    const [order, ...moreOrders] = await db.orders.toArray();
    const [entry, ...moreEntries] = await db.outbox.toArray();
    expect(moreOrders).toHaveLength(0);
    expect(moreEntries).toHaveLength(0);
    expect(entry!.id).toBe(order!.mutationId);
    const payload = mutationSchemas['order.placed'].parse(entry!.payload);
    expect(payload).toMatchObject({
      orderId: order!.id,
      phone: '13800138000',
      payment: 'cash',
      delivery: 'point',
    });
    expect(payload.totalFen).toBe(orderTotalFen(payload.lines));
    expect(payload.totalFen).toBe(41_770);
    expect(order).toMatchObject({
      no: 1,
      status: 'placed',
      paymentState: 'due_at_counter',
      totalFen: 41_770,
    });

    // 完成 goes home; the cart is empty when the next villager opens the shop.
    await user.click(screen.getByRole('button', { name: '完成，返回首页' }));
    await user.click(await screen.findByRole('button', { name: /代购/ }));
    expect(await screen.findByRole('button', { name: /^购物车/ })).toHaveAttribute('data-pieces', '0');
  });

  it('asks for a payment choice, records scan-to-pay as awaiting confirmation, and reads the key facts aloud', async () => {
    const spoken: string[] = [];
    vi.stubGlobal('speechSynthesis', {
      cancel: vi.fn(),
      speak: vi.fn((u: { text: string }) => spoken.push(u.text)),
      getVoices: () => [],
    });
    vi.stubGlobal(
      'SpeechSynthesisUtterance',
      class {
        lang = '';
        rate = 1;
        constructor(public text: string) {}
      },
    );
    const { db, user } = await openShop();
    await user.click(screen.getByRole('button', { name: '化肥' }));
    await user.click(await productRow(UREA.name));
    await user.click(await screen.findByRole('button', { name: '朗读' }));
    expect(spoken.at(-1)).toBe(`${UREA.name}，128元9角一袋。`);
    await user.click(screen.getByRole('button', { name: '加入购物车' }));
    await user.click(await screen.findByRole('button', { name: '去结算' }));
    for (const k of '15912345678') await user.click(await screen.findByRole('button', { name: k }));
    await user.click(screen.getByRole('button', { name: '确认下单' }));
    expect(screen.getByRole('alert')).toHaveTextContent('请选择付款方式');
    await user.click(screen.getByRole('radio', { name: /扫码支付/ }));
    expect(screen.getByRole('radio', { name: /送到服务点/ })).toHaveAttribute('aria-checked', 'true');
    await user.click(screen.getByRole('button', { name: '确认下单' }));

    await screen.findByRole('heading', { name: '下单成功' });
    expect(screen.getAllByText('扫码支付：等待确认').length).toBeGreaterThan(0);
    await user.click(screen.getByRole('button', { name: '朗读' }));
    expect(spoken.at(-1)).toBe('下单成功。订单号 0001。合计 128元9角。扫码支付：等待确认。');
    expect((await db.orders.toArray())[0]).toMatchObject({
      payment: 'epay',
      paymentState: 'awaiting_confirmation',
    });
  });

  it('opens the product of a barcode scanned anywhere in the shop, and says so when a code is unknown', async () => {
    const { user } = await openShop();
    await user.click(screen.getByRole('button', { name: /拼音搜索/ }));
    const scan = (code: string) => {
      for (const key of [...code, 'Enter']) fireEvent.keyDown(window, { key });
    };
    act(() => scan('6900000000000'));
    expect(await screen.findByText('没有找到条码 6900000000000 对应的商品')).toBeInTheDocument();
    act(() => scan(UREA.barcode));
    expect(await screen.findByRole('heading', { name: UREA.name })).toBeInTheDocument();
    // 返回 goes back to the search the villager was in.
    await user.click(screen.getByRole('button', { name: /返回$/ }));
    expect(await screen.findByRole('heading', { name: '拼音搜索' })).toBeInTheDocument();
  });

  it('asks before 返回首页 empties a cart with goods in it', async () => {
    const { user } = await openShop();
    await user.click(screen.getByRole('button', { name: '化肥' }));
    await user.click(await productRow(UREA.name));
    await user.click(await screen.findByRole('button', { name: '加入购物车' }));
    await screen.findByRole('heading', { name: '购物车' });
    await user.click(screen.getByRole('button', { name: '返回首页' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog).toHaveTextContent('返回首页会清空购物车');
    await user.click(within(dialog).getByRole('button', { name: '继续购物' }));
    expect(screen.getByRole('listitem')).toHaveTextContent(UREA.name);
    await user.click(screen.getByRole('button', { name: '返回首页' }));
    await user.click(screen.getByRole('button', { name: '清空并返回首页' }));
    expect(await screen.findByRole('button', { name: /缴费充值/ })).toBeInTheDocument();
  });

  it('drops an unfinished cart when the idle timeout returns home, after the warning', async () => {
    // Only the timers the idle timeout uses: fake-indexeddb schedules its own work with setImmediate.
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout'] });
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    await openShop({ idleTimeoutMs: 30_000, user });
    await user.click(screen.getByRole('button', { name: '化肥' }));
    await user.click(await productRow(UREA.name));
    await user.click(await screen.findByRole('button', { name: '加入购物车' }));
    await screen.findByRole('heading', { name: '购物车' });
    expect(screen.queryByRole('button', { name: /^购物车/ })).toBeNull(); // not on the cart view itself
    await user.click(screen.getByRole('button', { name: '继续购物' }));
    expect(cartButton()).toHaveAttribute('data-pieces', '1');

    await act(() => vi.advanceTimersByTimeAsync(21_000));
    expect(screen.getByRole('alert')).toHaveTextContent('即将返回首页');
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(screen.queryByRole('main', { name: '代购' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /代购/ }));
    expect(await screen.findByRole('button', { name: /^购物车/ })).toHaveAttribute('data-pieces', '0');
  });
});
