import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../i18n';
import { FixedOperatorSession } from '../../platform/operator-session';
import { KioskDb } from '../../store/db';
import { registerVillager } from '../../store/villagers';
import { TrainingScreen } from './TrainingScreen';
import { VillagersScreen } from './VillagersScreen';

let n = 0;
// Screens driven tap by tap: generous time on a shared, loaded machine.
vi.setConfig({ testTimeout: 20_000 });
const operator = { id: 'op-1', name: '王芳', role: 'operator' as const };

function renderWith(db: KioskDb, which: 'villagers' | 'training') {
  render(
    <I18nextProvider i18n={createI18n('zh-CN')}>
      <FixedOperatorSession operator={operator}>
        {which === 'villagers' ? (
          <VillagersScreen db={db} onBack={() => undefined} />
        ) : (
          <TrainingScreen db={db} onBack={() => undefined} today={new Date(2026, 2, 10)} />
        )}
      </FixedOperatorSession>
    </I18nextProvider>,
  );
  return userEvent.setup();
}

type User = ReturnType<typeof userEvent.setup>;
const typeDigits = async (user: User, digits: string) => {
  for (const d of digits) await user.click(screen.getByRole('button', { name: d }));
};

describe('村民登记', () => {
  it('registers a villager only once their consent is ticked, and lists them with a masked phone', async () => {
    const db = new KioskDb(`villagers-screen-${n++}`);
    const user = renderWith(db, 'villagers');
    expect(await screen.findByText('已登记 0 位村民')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '登记新村民' }));
    await typeDigits(user, '13912345678');
    await user.type(screen.getByLabelText('姓名（可不填）'), '王大妈');
    const save = screen.getByRole('button', { name: '登记' });
    expect(save).toBeDisabled(); // no consent yet
    expect(screen.getByText('请先问村民是否同意，同意后才能登记')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: /村民已同意登记/ }));
    await user.click(save);

    expect(await screen.findByText('已登记 139 **** 5678')).toBeInTheDocument();
    expect(await screen.findByText('已登记 1 位村民')).toBeInTheDocument();
    expect(screen.getByText('王大妈')).toBeInTheDocument();
    expect(await db.villagers.toArray()).toEqual([
      expect.objectContaining({ phone: '13912345678', name: '王大妈', operatorId: 'op-1' }),
    ]);
    expect((await db.outbox.toArray()).map((o) => o.type)).toContain('villager.registered');
  });

  it('says a phone is already registered instead of adding it twice', async () => {
    const db = new KioskDb(`villagers-screen-${n++}`);
    await registerVillager(db, { phone: '13912345678', consent: true, operatorId: 'op-1' });
    const user = renderWith(db, 'villagers');
    await user.click(await screen.findByRole('button', { name: '登记新村民' }));
    await typeDigits(user, '13912345678');
    await user.click(screen.getByRole('checkbox', { name: /村民已同意登记/ }));
    await user.click(screen.getByRole('button', { name: '登记' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/139 \*\*\*\* 5678 已在 .* 登记过/);
    expect(await db.villagers.count()).toBe(1);
  });

  it('tells a mistyped phone before anything is saved', async () => {
    const db = new KioskDb(`villagers-screen-${n++}`);
    const user = renderWith(db, 'villagers');
    await user.click(await screen.findByRole('button', { name: '登记新村民' }));
    await typeDigits(user, '12345678901');
    expect(screen.getByRole('alert')).toHaveTextContent('手机号应为11位，以1开头');
    await user.click(screen.getByRole('checkbox', { name: /村民已同意登记/ }));
    expect(screen.getByRole('button', { name: '登记' })).toBeDisabled();
  });
});

describe('培训记录', () => {
  it('records a session by taps: topic, day, head count and the registered villagers who came', async () => {
    const db = new KioskDb(`training-screen-${n++}`);
    await registerVillager(db, { phone: '13912345678', name: '王大妈', consent: true, operatorId: 'op-1' });
    await registerVillager(db, { phone: '13812345678', consent: true, operatorId: 'op-1' });
    const user = renderWith(db, 'training');
    expect(await screen.findByText('还没有培训记录')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '记录一次培训' }));
    await user.click(screen.getByRole('radio', { name: '直播带货' }));
    await user.click(screen.getByRole('radio', { name: /昨天/ }));
    // Ticking two villagers raises the head count to two; the operator then types the real count.
    await user.click(await screen.findByRole('checkbox', { name: /5678 王大妈/ }));
    await user.click(screen.getByRole('checkbox', { name: /138 \*\*\*\* 5678/ }));
    expect(screen.getByLabelText('到场人数')).toHaveTextContent('2 人');
    await user.click(screen.getByRole('button', { name: '清空' }));
    await typeDigits(user, '15');
    await user.click(screen.getByRole('button', { name: '保存' }));

    expect(await screen.findByText('已记录：直播带货，15 人')).toBeInTheDocument();
    const [session] = await db.trainings.toArray();
    expect(session).toMatchObject({
      topic: '直播带货',
      date: '2026-03-09',
      attendees: 15,
      operatorId: 'op-1',
    });
    expect([...session!.attendeePhones].sort()).toEqual(['13812345678', '13912345678']);
    expect(screen.getByText('2026-03-09')).toBeInTheDocument();
  });

  it('refuses a head count below the villagers ticked, and saves nothing', async () => {
    const db = new KioskDb(`training-screen-${n++}`);
    await registerVillager(db, { phone: '13912345678', consent: true, operatorId: 'op-1' });
    await registerVillager(db, { phone: '13812345678', consent: true, operatorId: 'op-1' });
    const user = renderWith(db, 'training');
    await user.click(await screen.findByRole('button', { name: '记录一次培训' }));
    await user.click(screen.getByRole('radio', { name: '防范电信诈骗' }));
    for (const box of await screen.findAllByRole('checkbox')) await user.click(box);
    await user.click(screen.getByRole('button', { name: '清空' }));
    await typeDigits(user, '1');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('到场人数不能少于勾选的村民');
    expect(await db.trainings.count()).toBe(0);
  });
});
