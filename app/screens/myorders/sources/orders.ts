/**
 * 代购 orders for 我的订单: the order as placed here, and where it stands. The county's answer
 * (order status, pulled) wins once it exists; before that the outbox says whether the order is still
 * waiting for the link or was sent, and a refused one is said plainly so the villager asks the staff.
 */
import { formatFen } from '../../../components/money';
import { formatOrderNo, orderSyncState, ordersByPhone, type OrderRow } from '../../../store/orders';
import { orderStatusOf } from '../../../store/pull-store';
import type { KioskDb, Pulled } from '../../../store/db';
import type { MyRecord, RecordSource, Tone } from './types';

type CountyStatus = Pulled<'order_status'>['status'];

const TONE: Record<CountyStatus | 'queued' | 'sent' | 'refused', Tone> = {
  queued: 'wait',
  sent: 'wait',
  refused: 'bad',
  received: 'wait',
  confirmed: 'wait',
  shipped: 'wait',
  arrived: 'good',
  completed: 'good',
  cancelled: 'bad',
  rejected: 'bad',
};

async function recordOf(db: KioskDb, order: OrderRow): Promise<MyRecord> {
  const county = await orderStatusOf(db, order.id);
  const status = county?.status ?? (await orderSyncState(db, order));
  const [first] = order.lines;
  const details: MyRecord['details'] = [];
  if (county?.settledTotalFen != null && county.settledTotalFen !== order.totalFen)
    details.push({ key: 'myOrders.order.settled', values: { amount: formatFen(county.settledTotalFen) } });
  if (county?.note) details.push({ text: county.note });
  return {
    key: `order:${order.id}`,
    kind: 'order',
    at: order.placedAt,
    title: {
      key: 'myOrders.order.title',
      values: { no: formatOrderNo(order.no) },
    },
    status: { key: `myOrders.status.${status}`, tone: TONE[status] },
    amountFen: order.totalFen,
    details: [
      order.lines.length > 1
        ? { key: 'myOrders.order.items', values: { first: first?.name ?? '', count: order.lines.length } }
        : { key: 'myOrders.order.single', values: { first: first?.name ?? '' } },
      ...details,
    ],
  };
}

export const orderSource: RecordSource = {
  kind: 'order',
  load: async (db, phone) => Promise.all((await ordersByPhone(db, phone)).map((o) => recordOf(db, o))),
};
