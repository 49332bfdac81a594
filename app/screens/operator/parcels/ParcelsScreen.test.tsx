import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import type { Compartment, KioskTransport, Result } from '../../../../kiosk-shell/api';
import { createI18n } from '../../../i18n';
import { KioskDb } from '../../../store/db';
import { ParcelsScreen } from './ParcelsScreen';

let n = 0;
const bank: Compartment[] = [
  { id: 'A01', board: 1, lock: 1, size: 'S', door: 'closed', occupied: null, outOfService: false },
  { id: 'A05', board: 1, lock: 5, size: 'M', door: 'closed', occupied: null, outOfService: false },
];

/** KioskApi in memory: a two-door bank whose doors close when the test says, and a printer. */
function fakeKiosk(db: KioskDb) {
  let closeDoor: () => void = () => undefined;
  const printedWhileStored: boolean[] = [];
  const invoke = vi.fn(async (method: string, input: Record<string, unknown>): Promise<Result<unknown>> => {
    switch (method) {
      case 'locker.compartments':
        return { ok: true, value: { compartments: bank } };
      case 'locker.open':
        return {
          ok: true,
          value: { compartmentId: input.compartmentId, confirmedBy: 'board', alreadyOpen: false },
        };
      case 'locker.waitClosed':
        return new Promise((resolve) => {
          closeDoor = () =>
            resolve({ ok: true, value: { compartmentId: input.compartmentId, sawOpen: true } });
        });
      case 'printer.print': {
        const slip = input.input as { waybill?: string };
        if (input.kind === 'pickup-slip' && slip.waybill)
          printedWhileStored.push((await db.parcels.where('waybill').equals(slip.waybill).count()) === 1);
        return {
          ok: true,
          value: { id: 'job-1', kind: 'pickup-slip', title: '', status: 'queued', attempts: 0, createdAt: 0 },
        };
      }
      case 'scanner.next':
        return new Promise(() => undefined);
      default:
        return { ok: false, error: { code: 'NOT_AVAILABLE', message: '' } };
    }
  });
  return {
    api: { invoke } as unknown as KioskTransport,
    invoke,
    close: () => closeDoor(),
    printedWhileStored,
  };
}

function setup(db: KioskDb, api: KioskTransport) {
  render(
    <I18nextProvider i18n={createI18n('zh-CN')}>
      <ParcelsScreen db={db} api={api} onBack={() => undefined} operatorId="op-7" />
    </I18nextProvider>,
  );
  return userEvent.setup();
}

async function fillForm(user: ReturnType<typeof userEvent.setup>, waybill: string, withPhone = true) {
  const input = screen.getByLabelText('运单号');
  await user.clear(input);
  await user.type(input, waybill);
  fireEvent.blur(input);
  await user.click(screen.getByRole('button', { name: '中通快递' }));
  if (withPhone) for (const d of '13912345678') await user.click(screen.getByRole('button', { name: d }));
}

// Many taps per test on jsdom: the default 5 s is too tight on a shared two-core machine.
describe('快递代收 (operator)', { timeout: 30_000 }, () => {
  it('stores a parcel only once its door is closed, then prints the slip with the code', async () => {
    const db = new KioskDb(`parcels-op-${n++}`);
    const kiosk = fakeKiosk(db);
    const user = setup(db, kiosk.api);
    await fillForm(user, 'ZT1234567890');
    await user.click(await screen.findByRole('button', { name: '小格（空 1）' }));
    expect(await screen.findByText('请把包裹放入 A01 号格口并关门')).toBeInTheDocument();
    expect(await db.parcels.count()).toBe(0);
    kiosk.close();
    expect(await screen.findByText('取件单已打印')).toBeInTheDocument();
    const code = document.querySelector('[data-pickup-code]')?.getAttribute('data-pickup-code');
    expect(code).toMatch(/^\d{6}$/);
    expect(kiosk.invoke).toHaveBeenCalledWith(
      'printer.print',
      expect.objectContaining({ kind: 'pickup-slip', input: expect.objectContaining({ code }) as unknown }),
    );
    expect(kiosk.printedWhileStored).toEqual([true]);
    expect(await db.parcels.get((await db.parcels.toCollection().first())!.id)).toMatchObject({
      storedBy: 'op-7',
      location: { compartmentId: 'A01' },
    });
  });

  it('says so when a waybill is already stored, and stores nothing twice', async () => {
    const db = new KioskDb(`parcels-op-${n++}`);
    const kiosk = fakeKiosk(db);
    const user = setup(db, kiosk.api);
    await fillForm(user, 'YT5550001');
    await user.click(await screen.findByRole('button', { name: '小格（空 1）' }));
    await screen.findByText('请把包裹放入 A01 号格口并关门');
    kiosk.close();
    await user.click(await screen.findByRole('button', { name: '继续入库' }));
    await fillForm(user, 'YT5550001');
    await user.click(await screen.findByRole('button', { name: '中格（空 1）' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('这个运单号已经入库过了，不能重复入库');
    expect(await db.parcels.count()).toBe(1);
    expect(kiosk.invoke.mock.calls.filter(([m]) => m === 'locker.open')).toHaveLength(1);
  });

  it('fills carrier and phone from the county manifest for a known waybill', async () => {
    const db = new KioskDb(`parcels-op-${n++}`);
    await db.parcelManifests.add({
      id: 'm1',
      version: '1',
      waybill: 'JT0001112223',
      carrier: '极兔速递',
      phone: '13800001234',
      recipientName: '王大妈',
      expectedAt: null,
    });
    const kiosk = fakeKiosk(db);
    const user = setup(db, kiosk.api);
    const input = screen.getByLabelText('运单号');
    await user.type(input, 'JT0001112223');
    fireEvent.blur(input);
    expect(await screen.findByText('已从县中心到件清单带出')).toBeInTheDocument();
    expect(screen.getByLabelText('收件人手机号')).toHaveTextContent('13800001234');
    expect(screen.getByRole('button', { name: '极兔速递' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('puts a parcel too big for the lockers on a shelf with a shelf code, without opening a door', async () => {
    const db = new KioskDb(`parcels-op-${n++}`);
    const kiosk = fakeKiosk(db);
    const user = setup(db, kiosk.api);
    await fillForm(user, 'SF9000000001');
    await user.click(screen.getByRole('button', { name: '放货架（太大）' }));
    await user.click(screen.getByRole('button', { name: '货架号 +' }));
    await user.click(screen.getByRole('button', { name: '货架号 +' }));
    await user.click(screen.getByRole('button', { name: '放上货架' }));
    expect(await screen.findByText(/已入库 · 货架 3-1-3001 · 取件码/)).toBeInTheDocument();
    expect(kiosk.invoke).not.toHaveBeenCalledWith('locker.open', expect.anything());
  });

  it('lists overdue parcels with the storage fee and takes it in cash once', async () => {
    const db = new KioskDb(`parcels-op-${n++}`);
    const now = new Date('2026-11-20T10:00:00.000Z');
    await db.villageSettings.put({
      id: 'v1',
      version: '1',
      villageId: 'v1',
      overdueDays: 3,
      storageFeeFenPerDay: 50,
    });
    await db.parcels.add({
      id: 'p-old',
      waybill: 'YD3330001',
      carrier: '韵达快递',
      phone: '13912345678',
      location: { kind: 'locker', compartmentId: 'A01', board: 1, lock: 1, size: 'S' },
      codeHash: 'h',
      status: 'stored',
      storedAt: '2026-11-15T09:00:00.000Z',
      mutationId: 'm',
    });
    const kiosk = fakeKiosk(db);
    render(
      <I18nextProvider i18n={createI18n('zh-CN')}>
        <ParcelsScreen db={db} api={kiosk.api} onBack={() => undefined} operatorId="op-7" now={() => now} />
      </I18nextProvider>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '超期件' }));
    expect(await screen.findByText('超期件 1 件（超过 3 天未取）')).toBeInTheDocument();
    expect(screen.getByText('超期 3 天')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '收现金 ¥1.50' }));
    expect(await screen.findByText('已收保管费 ¥1.50')).toBeInTheDocument();
    expect(await db.cashMovements.toArray()).toMatchObject([
      { kind: 'parcel_fee', amountFen: 150, operatorId: 'op-7' },
    ]);
    await waitFor(() => expect(screen.queryByRole('button', { name: /收现金/ })).toBeNull());
    // The fee's receipt, printed after the fee was stored.
    await waitFor(() =>
      expect(kiosk.invoke).toHaveBeenCalledWith('printer.print', {
        kind: 'order-receipt',
        input: expect.objectContaining({
          service: '快递保管费',
          totalFen: 150,
          items: [{ name: '韵达快递 YD3330001', qty: 1, unitFen: 150 }],
        }) as unknown,
      }),
    );
  });

  it('releases a parcel for a lost code only after the ID check, by the phone’s last four digits', async () => {
    const db = new KioskDb(`parcels-op-${n++}`);
    const kiosk = fakeKiosk(db);
    const user = setup(db, kiosk.api);
    await fillForm(user, 'ZT7770001');
    await user.click(await screen.findByRole('button', { name: '小格（空 1）' }));
    await screen.findByText('请把包裹放入 A01 号格口并关门');
    kiosk.close();
    await screen.findByText('取件单已打印');
    await user.click(screen.getByRole('button', { name: '待取件' }));
    for (const d of '5678') await user.click(screen.getByRole('button', { name: d }));
    const release = await screen.findByRole('button', { name: '放行' });
    expect(release).toBeDisabled();
    await user.click(screen.getByLabelText('已核对身份证'));
    await user.click(release);
    await waitFor(() =>
      expect(kiosk.invoke.mock.calls.filter(([m]) => m === 'locker.waitClosed')).toHaveLength(2),
    );
    expect(kiosk.invoke.mock.calls.filter(([m]) => m === 'locker.open')).toHaveLength(2);
    kiosk.close();
    expect(await screen.findByText(/已放行 · ZT7770001/)).toBeInTheDocument();
    const parcel = await db.parcels.where('waybill').equals('ZT7770001').first();
    expect(parcel).toMatchObject({ status: 'collected', collectMethod: 'operator', collectedBy: 'op-7' });
    expect((await db.auditLog.toArray()).map((a) => [a.kind, a.operatorId])).toContainEqual([
      'parcel.release',
      'op-7',
    ]);
  });
});
