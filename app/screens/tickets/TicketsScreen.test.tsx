import { screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { mutationSchemas } from '../../../sync/protocol';
import { addDays, dayKey } from '../../components/DatePicker';
import { countyAnswers } from '../../store/request-status-fixture';
import { ROUTES } from '../../store/tickets';
import { freshDb, openTile, recordSpeech } from '../common/villager-testing';

async function openTickets() {
  const db = freshDb('tickets');
  const { user } = await openTile(db, /订票/);
  for (const k of '13800138000') await user.click(screen.getByRole('button', { name: k }));
  await user.click(screen.getByRole('button', { name: '下一步' }));
  await screen.findByText('还没有订过车票');
  return { db, user };
}

const submit = (user: UserEvent) => user.click(screen.getByRole('button', { name: '提交订票' }));

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.reject(new TypeError('offline'))),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('tickets (订票)', { timeout: 20_000 }, () => {
  it('asks for route, day and passengers by taps; missing or out-of-range choices are refused', async () => {
    const { db, user } = await openTickets();
    await user.click(screen.getByRole('button', { name: '新订票' }));
    await submit(user);
    expect(screen.getByRole('alert')).toHaveTextContent('请选择线路');
    await user.click(screen.getByRole('radio', { name: ROUTES[0].name }));
    await submit(user);
    expect(screen.getByRole('alert')).toHaveTextContent('请选择乘车日期');

    // The picker offers today and the next 28 days only, by name near today.
    expect(screen.getByRole('radio', { name: /^今天/ })).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: /^明天/ }));

    await user.click(screen.getByRole('button', { name: /少一人/ }));
    expect(screen.getByRole('alert')).toHaveTextContent('至少 1 人');
    for (let i = 0; i < 8; i++) await user.click(screen.getByRole('button', { name: /多一人/ }));
    await user.click(screen.getByRole('button', { name: /多一人/ }));
    expect(screen.getByRole('alert')).toHaveTextContent('一次最多订 9 人');
    expect(screen.getByRole('status', { name: '乘车人数' })).toHaveTextContent('9 人');
    expect(await db.ticketRequests.count()).toBe(0);
  });

  it('records the request with its outbox mutation, then shows the county’s seat, departure and fare', async () => {
    const spoken = recordSpeech();
    const { db, user } = await openTickets();
    await user.click(screen.getByRole('button', { name: '新订票' }));
    await user.click(screen.getByRole('radio', { name: ROUTES[0].name }));
    await user.click(screen.getByRole('radio', { name: /^明天/ }));
    await user.click(screen.getByRole('button', { name: /多一人/ }));
    await submit(user);
    await screen.findByRole('heading', { name: '订票已提交' });

    const [ticket] = await db.ticketRequests.toArray();
    const tomorrow = dayKey(addDays(new Date(), 1));
    expect(ticket).toMatchObject({ route: ROUTES[0].name, travelDate: tomorrow, passengers: 2 });
    const [entry] = await db.outbox.toArray();
    expect(mutationSchemas['ticket.requested'].parse(entry?.payload)).toEqual({
      requestId: ticket!.id,
      phone: '13800138000',
      route: ROUTES[0].name,
      travelDate: tomorrow,
      passengers: 2,
    });
    expect(await screen.findByText('已保存，联网后自动发送到县中心')).toBeInTheDocument();

    await countyAnswers(db, {
      kind: 'ticket',
      requestId: ticket!.id,
      status: 'confirmed',
      amountFen: 3000,
      detail: { seat: '12、13号', departsAt: `${tomorrow}T07:30:00+08:00`, priceFen: 3000 },
    });
    const row = () => document.querySelector(`[data-ticket="${ticket!.id}"]`) as HTMLElement;
    await vi.waitFor(() => expect(row()).toHaveTextContent('已出票'));
    expect(row()).toHaveTextContent('座位 12、13号');
    expect(row()).toHaveTextContent('票价 ¥30.00');

    await user.click(screen.getByRole('button', { name: '完成' }));
    await user.click(screen.getByRole('button', { name: /朗读/ }));
    expect(spoken.at(-1)).toMatch(/^您有 1 张订票记录。.*熊口镇.*已出票。座位 12、13号，发车/);
    await countyAnswers(db, { kind: 'ticket', requestId: ticket!.id, status: 'refused', note: '班车停运' });
    await vi.waitFor(() => expect(row()).toHaveTextContent('没有订到（班车停运）'));
    expect(row()).not.toHaveTextContent('座位');
  });
});
