import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { mutationSchemas } from '../../../sync/protocol';
import type { KioskDb } from '../../store/db';
import { placeOrder } from '../../store/orders';
import { countyAnswers } from '../../store/request-status-fixture';
import { freshDb, openTile } from '../common/villager-testing';

const PHONE = '13800138000';

async function withOrder(): Promise<{ db: KioskDb; orderId: string }> {
  const db = freshDb('returns');
  const placed = await placeOrder(db, {
    phone: PHONE,
    payment: 'cash',
    lines: [
      {
        itemId: 'sku-010001',
        name: '心连心 尿素 50kg',
        spec: '50kg/袋',
        unit: '袋',
        qty: 2,
        unitPriceFen: 12_890,
      },
      {
        itemId: 'sku-070001',
        name: '鲁花 花生油 5L',
        spec: '5L/桶',
        unit: '桶',
        qty: 1,
        unitPriceFen: 15_990,
      },
    ],
  });
  if (!placed.ok) throw new Error(placed.error.message);
  await db.outbox.clear(); // the order went to the county long ago
  return { db, orderId: placed.order.id };
}

async function toList(user: UserEvent, phone = PHONE) {
  for (const k of phone) await user.click(screen.getByRole('button', { name: k }));
  await user.click(screen.getByRole('button', { name: '下一步' }));
  await screen.findByText(/我的退换货/);
}

const lineButton = (name: RegExp) => screen.findByRole('button', { name });

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.reject(new TypeError('offline'))),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('returns and exchanges (代换代退)', { timeout: 30_000 }, () => {
  it('says so when the phone has no orders here', async () => {
    const db = freshDb('returns');
    const { user } = await openTile(db, /退换货/);
    await toList(user, '13912345678');
    await user.click(screen.getByRole('button', { name: '申请退换货' }));
    expect(await screen.findByText('这个手机号在本服务点还没有订单')).toBeInTheDocument();
  });

  it('asks back an order line: choices required, at most what was bought; request and mutation together', async () => {
    const { db, orderId } = await withOrder();
    const { user } = await openTile(db, /退换货/);
    await toList(user);
    await user.click(screen.getByRole('button', { name: '申请退换货' }));
    await user.click(await lineButton(/尿素/));

    await user.click(screen.getByRole('button', { name: '提交申请' }));
    expect(screen.getByRole('alert')).toHaveTextContent('请选择退货还是换货');
    await user.click(screen.getByRole('radio', { name: '退货' }));
    await user.click(screen.getByRole('button', { name: '提交申请' }));
    expect(screen.getByRole('alert')).toHaveTextContent('请选择原因');
    await user.click(screen.getByRole('radio', { name: '包装破损' }));
    await user.click(screen.getByRole('button', { name: /多一个/ }));
    await user.click(screen.getByRole('button', { name: /多一个/ }));
    expect(screen.getByRole('alert')).toHaveTextContent('最多可退换 2');
    expect(screen.getByRole('status', { name: '数量' })).toHaveTextContent('2');
    expect(await db.returnRequests.count()).toBe(0);

    await user.click(screen.getByRole('button', { name: '提交申请' }));
    await screen.findByRole('heading', { name: '申请已提交' });
    expect(screen.getByText('退货 心连心 尿素 50kg × 2，原因：包装破损')).toBeInTheDocument();
    const [request] = await db.returnRequests.toArray();
    const [entry] = await db.outbox.toArray();
    expect(mutationSchemas['return.requested'].parse(entry?.payload)).toEqual({
      returnId: request!.id,
      orderId,
      itemId: 'sku-010001',
      qty: 2,
      kind: 'return',
      reason: '包装破损',
    });

    // The whole line is asked back: it is no longer offered; the oil still is.
    await user.click(screen.getByRole('button', { name: '完成' }));
    await user.click(screen.getByRole('button', { name: '申请退换货' }));
    expect(await lineButton(/尿素/)).toBeDisabled();
    expect(within(await lineButton(/尿素/)).getByText('已全部申请')).toBeInTheDocument();
    expect(await lineButton(/花生油/)).toBeEnabled();
  });

  it('follows the county’s answers; a refused request makes the line returnable again', async () => {
    const { db } = await withOrder();
    const { user } = await openTile(db, /退换货/);
    await toList(user);
    await user.click(screen.getByRole('button', { name: '申请退换货' }));
    await user.click(await lineButton(/花生油/));
    await user.click(screen.getByRole('radio', { name: '换货' }));
    await user.click(screen.getByRole('radio', { name: '质量问题' }));
    await user.click(screen.getByRole('button', { name: '提交申请' }));
    await user.click(await screen.findByRole('button', { name: '完成' }));

    const [request] = await db.returnRequests.toArray();
    const row = () => document.querySelector(`[data-return="${request!.id}"]`) as HTMLElement;
    await vi.waitFor(() => expect(row()).toHaveTextContent('已保存，联网后自动发送到县中心'));
    await countyAnswers(db, {
      kind: 'return',
      requestId: request!.id,
      status: 'accepted',
      note: '请带原包装',
    });
    await vi.waitFor(() => expect(row()).toHaveTextContent('已同意（请带原包装）'));
    await countyAnswers(db, {
      kind: 'return',
      requestId: request!.id,
      status: 'refused',
      note: '已过退换期',
    });
    await vi.waitFor(() => expect(row()).toHaveTextContent('未同意（已过退换期）'));

    await user.click(screen.getByRole('button', { name: '申请退换货' }));
    expect(within(await lineButton(/花生油/)).getByText('可退换 1')).toBeInTheDocument();
  });
});
