/**
 * 我的订单 across every kind a villager can leave at the point, each written by its own service's
 * store function (the same one its screen uses), then the county's answers pulled in.
 */
import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { recordBill } from '../../store/bills';
import type { KioskDb } from '../../store/db';
import { placeOrder } from '../../store/orders';
import { listProduce } from '../../store/produce';
import { requestReturn } from '../../store/returns';
import { recordShipment } from '../../store/shipments';
import { ROUTES, requestTicket } from '../../store/tickets';
import { freshDb, openTile, pull } from '../common/villager-testing';

const PHONE = '13800138000';
const OTHER = '13900139000';
const at = (hh: string) => ({ now: () => new Date(`2026-11-20T${hh}:00:00Z`) });
const must = <T,>(r: { ok: true; value: T } | { ok: false }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.value;
};

async function everyKind(db: KioskDb) {
  const placed = await placeOrder(
    db,
    {
      phone: PHONE,
      lines: [
        { itemId: 'sku-1', name: '尿素 50kg', spec: '50kg/袋', unit: '袋', qty: 2, unitPriceFen: 12_890 },
      ],
      payment: 'cash',
    },
    at('01'),
  );
  if (!placed.ok) throw new Error(placed.error.message);
  const listing = must(
    await listProduce(
      db,
      { phone: PHONE, kind: '柑橘', quantity: 200, unit: '斤', askingPriceFen: 250 },
      at('02'),
    ),
  );
  const bill = must(
    await recordBill(
      db,
      { phone: PHONE, kind: 'electricity', account: '12345678', amountFen: 5_000 },
      at('03'),
    ),
  );
  const ticket = must(
    await requestTicket(
      db,
      { phone: PHONE, route: ROUTES[0].name, travelDate: '2026-11-25', passengers: 2 },
      at('04'),
    ),
  );
  const ret = await requestReturn(
    db,
    { phone: PHONE, orderId: placed.order.id, itemId: 'sku-1', qty: 1, kind: 'return', reason: '包装破损' },
    at('05'),
  );
  if (!ret.ok) throw new Error(JSON.stringify(ret));
  const shipment = await recordShipment(
    db,
    {
      sender: { name: '王大妈', phone: PHONE },
      recipient: {
        name: '王小明',
        phone: OTHER,
        province: '湖北省',
        city: '武汉市',
        county: '洪山区',
        address: '珞喻路1037号',
      },
      carrier: '中国邮政',
      weightGrams: 1_500,
      feeFen: 1_200,
      operatorId: 'op-1',
    },
    at('06'),
  );
  if (!shipment.ok) throw new Error(JSON.stringify(shipment));
  // A parcel stored for the villager (intake needs the locker bank; its row is what 取件 reads).
  await db.parcels.bulkAdd([
    {
      id: 'parcel-1',
      waybill: 'YT1234567890',
      carrier: '圆通',
      phone: PHONE,
      location: { kind: 'shelf', code: '3-1-3001' },
      codeHash: 'h1',
      status: 'stored',
      storedAt: '2026-11-20T07:00:00Z',
      mutationId: 'm-parcel-1',
    },
    {
      id: 'parcel-2',
      waybill: 'ZT0000000001',
      carrier: '中通',
      phone: OTHER,
      location: { kind: 'shelf', code: '3-1-3002' },
      codeHash: 'h2',
      status: 'stored',
      storedAt: '2026-11-20T07:30:00Z',
      mutationId: 'm-parcel-2',
    },
  ]);
  await pull(db, 'parcel_manifest', [
    {
      id: 'SF9999000011',
      data: {
        waybill: 'SF9999000011',
        carrier: '顺丰',
        phone: PHONE,
        recipientName: '王大妈',
        expectedAt: '2026-11-29T02:00:00Z',
      },
    },
  ]);
  return { order: placed.order, listing, bill, ticket, shipmentId: shipment.shipment.id };
}

const kindsShown = () =>
  screen.getAllByRole('listitem').map((li) => li.querySelector('.record-row__kind')?.textContent);
const row = (text: RegExp) => screen.getAllByRole('listitem').find((li) => text.test(li.textContent ?? ''))!;

async function lookUp(user: UserEvent) {
  for (const k of PHONE) await user.click(screen.getByRole('button', { name: k }));
  await user.click(screen.getByRole('button', { name: '查询' }));
}

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.reject(new TypeError('offline'))),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('my orders: every kind of record', { timeout: 30_000 }, () => {
  it('lists orders, listings, bills, tickets, returns, parcels and shipments newest first, then follows the county', async () => {
    const db = freshDb('myorders-all');
    const ids = await everyKind(db);
    const { user } = await openTile(db, /我的订单/);
    await lookUp(user);

    expect(await screen.findByText(/共 8 条记录/)).toBeInTheDocument();
    expect(kindsShown()).toEqual(['快递', '快递', '寄件', '退换货']);
    expect(row(/顺丰/)).toHaveTextContent('快递在路上');
    expect(row(/圆通 尾号 7890/)).toHaveTextContent('已到服务点，请凭取件码取件');
    expect(screen.queryByText(/中通/)).toBeNull(); // another villager's parcel
    expect(row(/寄件 0001/)).toHaveTextContent('寄给 王小明');
    expect(row(/寄件 0001/)).toHaveTextContent('¥12.00');
    expect(row(/寄件 0001/)).toHaveTextContent('等待快递员揽收');
    expect(row(/退货 尿素/)).toHaveTextContent('已保存，联网后自动发送到县中心');
    expect(row(/退货 尿素/)).toHaveTextContent('订单 0001');

    await user.click(screen.getByRole('button', { name: /下一页/ }));
    expect(kindsShown()).toEqual(['订票', '缴费', '代销', '代购']);
    expect(row(/电费/)).toHaveTextContent('¥50.00');
    expect(row(/电费/)).toHaveTextContent('12345678');
    expect(row(/柑橘 200斤/)).toHaveTextContent('¥500.00'); // 200 × ¥2.50

    // The county answers: the bill failed (its refund is due), the ticket is issued, the listing has an
    // offer, the shipment is on its way.
    await pull(db, 'request_status', [
      {
        id: `bill:${ids.bill.id}`,
        data: {
          kind: 'bill',
          requestId: ids.bill.id,
          status: 'failed',
          note: '户号不存在',
          amountFen: 5_000,
          detail: null,
        },
      },
      {
        id: `ticket:${ids.ticket.id}`,
        data: {
          kind: 'ticket',
          requestId: ids.ticket.id,
          status: 'confirmed',
          note: null,
          amountFen: null,
          detail: { seat: '12', departsAt: '2026-11-25T00:30:00Z', priceFen: 1_800 },
        },
      },
      {
        id: `produce:${ids.listing.id}`,
        data: {
          kind: 'produce',
          requestId: ids.listing.id,
          status: 'offered',
          note: null,
          amountFen: null,
          detail: { offerFen: 230, buyer: '县果品公司' },
        },
      },
    ]);
    await screen.findByText('缴费失败');
    expect(row(/电费/)).toHaveTextContent('户号不存在');
    expect(row(/电费/)).toHaveTextContent('待退款 ¥50.00，请找工作人员领取'); // never a silent loss
    expect(within(row(/电费/)).getByText('缴费失败')).toHaveAttribute('data-tone', 'bad');
    expect(row(/熊口镇/)).toHaveTextContent('已出票');
    expect(row(/熊口镇/)).toHaveTextContent('座位 12');
    expect(row(/熊口镇/)).toHaveTextContent('¥18.00');
    expect(row(/柑橘/)).toHaveTextContent('收购价 ¥2.30/斤，买家：县果品公司');

    await pull(db, 'request_status', [
      {
        id: `shipment:${ids.shipmentId}`,
        data: {
          kind: 'shipment',
          requestId: ids.shipmentId,
          status: 'in_transit',
          note: null,
          amountFen: null,
          detail: {
            events: [{ status: 'in_transit', place: '武汉转运中心', note: null, at: '2026-11-21T04:00:00Z' }],
          },
        },
      },
    ]);
    await user.click(screen.getByRole('button', { name: /上一页/ }));
    expect(await within(row(/寄件 0001/)).findByText('运输中')).toBeInTheDocument();
    expect(row(/寄件 0001/)).toHaveTextContent('武汉转运中心');
  });
});
