import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import type { KioskTransport, Result } from '../../../kiosk-shell/api';
import { createI18n } from '../../i18n';
import { KioskDb } from '../../store/db';
import { codeSalt, hashCode, verifiedShelfParcels, type ParcelLocation } from '../../store/parcels';
import { recordSpeech } from '../common/villager-testing';
import { PickupScreen } from './PickupScreen';

let n = 0;

/** A locker bank in memory: opens answer as told; the door closes when the test says so. */
function fakeLocker(
  openAnswer: Result<unknown> = {
    ok: true,
    value: { compartmentId: 'A01', confirmedBy: 'board', alreadyOpen: false },
  },
) {
  let closeDoor: () => void = () => undefined;
  const invoke = vi.fn((method: string, _input?: unknown): Promise<Result<unknown>> => {
    switch (method) {
      case 'locker.open':
        return Promise.resolve(openAnswer);
      case 'locker.waitClosed':
        return new Promise((resolve) => {
          closeDoor = () => resolve({ ok: true, value: { compartmentId: 'A01', sawOpen: true } });
        });
      case 'scanner.next':
        return new Promise(() => undefined);
      default:
        return Promise.resolve({ ok: false, error: { code: 'NOT_AVAILABLE', message: '' } });
    }
  });
  return { api: { invoke } as unknown as KioskTransport, invoke, close: () => closeDoor() };
}

async function seed(db: KioskDb, id: string, code: string, location: ParcelLocation) {
  const salt = await db.transaction('rw', db.meta, () => codeSalt(db));
  await db.parcels.add({
    id,
    waybill: `ZT${id}0000`,
    carrier: '中通',
    phone: '13912345678',
    location,
    codeHash: await hashCode(salt, code),
    status: 'stored',
    storedAt: new Date().toISOString(),
    mutationId: `m-${id}`,
  });
}

const A01: ParcelLocation = { kind: 'locker', compartmentId: 'A01', board: 1, lock: 1, size: 'S' };

function setup(db: KioskDb, api: KioskTransport, operatorId?: string) {
  const onHome = vi.fn();
  render(
    <I18nextProvider i18n={createI18n('zh-CN')}>
      <PickupScreen db={db} api={api} onHome={onHome} {...(operatorId ? { operatorId } : {})} />
    </I18nextProvider>,
  );
  return { user: userEvent.setup(), onHome };
}

async function type(user: ReturnType<typeof userEvent.setup>, digits: string) {
  for (const d of digits) await user.click(screen.getByRole('button', { name: d }));
  await user.click(screen.getByRole('button', { name: '取件' }));
}

// Dozens of taps per test on jsdom: the default 5 s is too tight on a shared two-core machine.
describe('取件 screen', { timeout: 30_000 }, () => {
  it('opens the compartment for the right code, asks to take and close, and records the pickup', async () => {
    const db = new KioskDb(`pickup-screen-${n++}`);
    await seed(db, 'p1', '246810', A01);
    const locker = fakeLocker();
    const { user } = setup(db, locker.api);
    await type(user, '246810');
    expect(await screen.findByText('A01 号格口已打开，请取件并关门')).toBeInTheDocument();
    expect(locker.invoke).toHaveBeenCalledWith('locker.open', { compartmentId: 'A01' });
    expect((await db.parcels.get('p1'))?.status).toBe('opening');
    locker.close();
    expect(await screen.findByText('取件完成，谢谢！')).toBeInTheDocument();
    expect((await db.parcels.get('p1'))?.status).toBe('collected');
    expect(await db.outbox.filter((e) => e.type === 'parcel.collected').count()).toBe(1);
  });

  it('reads aloud what the screen says now — the compartment to open — but never the digits typed', async () => {
    const spoken = recordSpeech();
    const db = new KioskDb(`pickup-screen-${n++}`);
    await seed(db, 'p1', '246810', A01);
    const locker = fakeLocker();
    const { user } = setup(db, locker.api);
    await user.click(screen.getByRole('button', { name: '2' }));
    await user.click(screen.getByRole('button', { name: /朗读/ }));
    expect(spoken.at(-1)).toContain('取件码');
    expect(spoken.at(-1)).not.toContain('2·');
    await type(user, '46810');
    await screen.findByText('A01 号格口已打开，请取件并关门');
    await user.click(screen.getByRole('button', { name: /朗读/ }));
    expect(spoken.at(-1)).toContain('A01 号格口已打开，请取件并关门');
    vi.unstubAllGlobals();
  });

  it('opens every parcel of the same phone one after another, each collected when its door closes', async () => {
    const db = new KioskDb(`pickup-screen-${n++}`);
    await seed(db, 'p1', '246810', A01);
    await seed(db, 'p2', '975310', { kind: 'locker', compartmentId: 'A02', board: 1, lock: 2, size: 'S' });
    const locker = fakeLocker();
    const { user } = setup(db, locker.api);
    await type(user, '246810');
    expect(await screen.findByText('A01 号格口已打开，请取件并关门')).toBeInTheDocument();
    expect(screen.getByText('您还有 1 件包裹，正在打开下一个格口')).toBeInTheDocument();
    locker.close();
    expect(await screen.findByText('A02 号格口已打开，请取件并关门')).toBeInTheDocument();
    expect(locker.invoke).toHaveBeenLastCalledWith('locker.waitClosed', expect.anything());
    expect((await db.parcels.get('p1'))?.status).toBe('collected');
    locker.close();
    expect(await screen.findByText('取件完成，谢谢！')).toBeInTheDocument();
    expect((await db.parcels.get('p2'))?.status).toBe('collected');
    expect(locker.invoke.mock.calls.filter(([m]) => m === 'locker.open').map(([, i]) => i)).toEqual([
      { compartmentId: 'A01' },
      { compartmentId: 'A02' },
    ]);
  });

  it('says how many tries are left after a wrong code, then locks the keypad on the fifth', async () => {
    const db = new KioskDb(`pickup-screen-${n++}`);
    await seed(db, 'p1', '246810', A01);
    const locker = fakeLocker();
    const { user } = setup(db, locker.api);
    await type(user, '111111');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '取件码不对，请再看一下取件单或短信。还可以试 4 次',
    );
    for (const left of [3, 2, 1]) {
      await type(user, '111111');
      expect(
        await screen.findByText(`取件码不对，请再看一下取件单或短信。还可以试 ${left} 次`),
      ).toBeInTheDocument();
    }
    await type(user, '111111');
    expect(await screen.findByRole('alert')).toHaveTextContent('键盘已锁定，请 5 分钟后再试');
    expect(screen.queryByRole('button', { name: '取件' })).toBeNull();
    expect(locker.invoke).not.toHaveBeenCalledWith('locker.open', expect.anything());
  });

  it('shows a shelf parcel’s shelf code for the staff instead of opening a door', async () => {
    const db = new KioskDb(`pickup-screen-${n++}`);
    await seed(db, 'p1', '135790', { kind: 'shelf', code: '3-1-3001' });
    const locker = fakeLocker();
    const { user } = setup(db, locker.api, 'op-1');
    await type(user, '135790');
    expect(await screen.findByText('货架 3-1-3001')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '工作人员已交付' }));
    expect(await screen.findByText('取件完成，谢谢！')).toBeInTheDocument();
    expect(await db.parcels.get('p1')).toMatchObject({ status: 'collected', collectedBy: 'op-1' });
    expect(locker.invoke).not.toHaveBeenCalledWith('locker.open', expect.anything());
  });

  it('with no staff signed in, shows the shelf code and puts the parcel on the desk’s hand-over list', async () => {
    const db = new KioskDb(`pickup-screen-${n++}`);
    await seed(db, 'p1', '135790', { kind: 'shelf', code: '3-1-3001' });
    const locker = fakeLocker();
    const { user } = setup(db, locker.api);
    expect(await verifiedShelfParcels(db)).toEqual([]);
    await type(user, '135790');
    expect(await screen.findByText('货架 3-1-3001')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '工作人员已交付' })).toBeNull();
    expect((await verifiedShelfParcels(db)).map((p) => p.id)).toEqual(['p1']);
    expect((await db.parcels.get('p1'))?.status).toBe('stored');
  });

  it('tells the villager when the door does not open, and keeps the parcel stored', async () => {
    const db = new KioskDb(`pickup-screen-${n++}`);
    await seed(db, 'p1', '246810', A01);
    const locker = fakeLocker({ ok: false, error: { code: 'LOCK_JAMMED', message: 'jammed' } });
    const { user } = setup(db, locker.api);
    await type(user, '246810');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'A01 号格口打不开（锁卡住了，没有弹开），已通知工作人员，包裹还在柜中',
    );
    await waitFor(async () => expect((await db.parcels.get('p1'))?.status).toBe('stored'));
  });
});
