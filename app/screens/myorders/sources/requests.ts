/**
 * The four villager requests (代销, 缴费充值, 订票, 代换代退) for 我的订单, read through the loaders
 * and store functions their own screens use, so both screens always tell the same story. Until the
 * county answers, the outbox says where a request is (queued / sent / refused), as on those screens.
 */
import { formatFen } from '../../../components/money';
import { listingTotalFen, listingsByPhone } from '../../../store/produce';
import { returnsByPhone } from '../../../store/returns';
import { ticketConfirmation } from '../../../store/tickets';
import { statusesOf, type RequestKind, type RequestStatusRow } from '../../../store/villager-requests';
import { loadBills } from '../../bills/load';
import { statusTone } from '../../requests/StatusLine';
import { syncStates, type SyncState } from '../../requests/sync-state';
import { loadTickets } from '../../tickets/load';
import type { MyRecord, RecordSource, Said } from './types';

/** The same words and colour as the request's own screen (requests/StatusLine.tsx). */
export function requestStatus(
  kind: RequestKind,
  status: RequestStatusRow | undefined,
  sync: SyncState,
): MyRecord['status'] {
  const tone = statusTone(status, sync);
  const asTone = tone === 'waiting' ? 'wait' : tone;
  if (status)
    return {
      key: `requests.status.${kind}.${status.status}`,
      values: { defaultValue: status.status },
      tone: asTone,
    };
  if (sync === 'refused' || sync === 'queued') return { key: `requests.sync.${sync}`, tone: asTone };
  return { key: `requests.status.${kind}.waiting`, tone: asTone };
}

const noteOf = (status: RequestStatusRow | undefined): Said[] =>
  status?.note ? [{ text: status.note }] : [];

export const billSource: RecordSource = {
  kind: 'bill',
  load: async (db, phone) =>
    (await loadBills(db, phone)).map(({ bill, status, sync, refund }) => ({
      key: `bill:${bill.id}`,
      kind: 'bill',
      at: bill.createdAt,
      title: { key: `requests.bills.kinds.${bill.kind}` },
      status: requestStatus('bill', status, sync),
      amountFen: bill.amountFen,
      details: [
        { text: bill.account },
        ...(refund.state === 'due'
          ? [{ key: 'requests.bills.refundDue', values: { amount: formatFen(refund.amountFen) } }]
          : refund.state === 'paid'
            ? [{ key: 'requests.bills.refunded', values: { amount: formatFen(refund.amountFen) } }]
            : []),
        ...noteOf(status),
      ],
    })),
};

export const ticketSource: RecordSource = {
  kind: 'ticket',
  load: async (db, phone) =>
    (await loadTickets(db, phone)).map(({ ticket, status, sync }) => {
      const confirmed = ticketConfirmation(status?.detail);
      const details: Said[] = [];
      if (confirmed.seat) details.push({ key: 'requests.tickets.seat', values: { seat: confirmed.seat } });
      if (confirmed.departsAt)
        details.push({ key: 'requests.tickets.departs', values: { time: { time: confirmed.departsAt } } });
      return {
        key: `ticket:${ticket.id}`,
        kind: 'ticket',
        at: ticket.createdAt,
        title: {
          key: 'requests.tickets.line',
          values: { route: ticket.route, date: { day: ticket.travelDate }, count: ticket.passengers },
        },
        status: requestStatus('ticket', status, sync),
        ...(confirmed.priceFen !== undefined && { amountFen: confirmed.priceFen }),
        details: [...details, ...noteOf(status)],
      } satisfies MyRecord;
    }),
};

export const produceSource: RecordSource = {
  kind: 'produce',
  load: async (db, phone) => {
    const listings = await listingsByPhone(db, phone);
    const [statuses, sync] = await Promise.all([
      statusesOf(db, 'produce'),
      syncStates(
        db,
        listings.map((l) => l.mutationId),
      ),
    ]);
    return listings.map((l) => {
      const status = statuses.get(l.id);
      const offerFen = status?.detail?.offerFen;
      const buyer = status?.detail?.buyer;
      const details: Said[] = [];
      if (l.confirmation) details.push({ key: 'requests.sell.operatorConfirmed' });
      if (Number.isSafeInteger(offerFen))
        details.push({
          key: 'requests.sell.offer',
          values: {
            price: formatFen(offerFen as number),
            unit: l.unit,
            buyer: typeof buyer === 'string' ? buyer : '',
          },
        });
      return {
        key: `produce:${l.id}`,
        kind: 'produce',
        at: l.listedAt,
        title: {
          key: 'requests.sell.line',
          values: { kind: l.kind, quantity: l.quantity, unit: l.unit, price: formatFen(l.askingPriceFen) },
        },
        status: requestStatus('produce', status, sync.get(l.mutationId) ?? 'sent'),
        amountFen: listingTotalFen(l),
        details: [...details, ...noteOf(status)],
      } satisfies MyRecord;
    });
  },
};

export const returnSource: RecordSource = {
  kind: 'return',
  load: async (db, phone) => {
    const requests = await returnsByPhone(db, phone);
    const [statuses, sync] = await Promise.all([
      statusesOf(db, 'return'),
      syncStates(
        db,
        requests.map((r) => r.mutationId),
      ),
    ]);
    return requests.map((r) => {
      const status = statuses.get(r.id);
      return {
        key: `return:${r.id}`,
        kind: 'return',
        at: r.createdAt,
        title: {
          key: 'requests.returns.line',
          values: {
            kind: { key: `requests.returns.kinds.${r.kind}` },
            name: r.itemName,
            qty: r.qty,
            reason: r.reason,
          },
        },
        status: requestStatus('return', status, sync.get(r.mutationId) ?? 'sent'),
        details: [
          { key: 'requests.returns.order', values: { no: String(r.orderNo).padStart(4, '0') } },
          ...noteOf(status),
        ],
      } satisfies MyRecord;
    });
  },
};
