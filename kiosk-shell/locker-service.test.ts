import { ManualClock } from '../drivers/clock';
import type { BankStatus, LockerBank } from '../drivers/locker/locker-bank';
import { ok, type DriverResult } from '../drivers/result';
import { LockerService } from './locker-service';

function bankWith(door: () => 'open' | 'closed') {
  const status = vi.fn((): Promise<DriverResult<BankStatus>> =>
    Promise.resolve(
      ok({
        state: 'ready',
        compartments: 1,
        outOfService: 0,
        doorsOpen: 0,
        boards: [{ board: 1, online: true }],
        detail: [{ id: 'A01', board: 1, lock: 1, size: 'S', disabled: false, door: door() }],
      }),
    ),
  );
  const open = vi.fn(() =>
    Promise.resolve(ok({ id: 'A01', board: 1, lock: 1, confirmedBy: 'board' as const, alreadyOpen: false })),
  );
  return { bank: { status, open } as unknown as LockerBank, status, open };
}

describe('LockerService', () => {
  it('shares one reading of the bus between pollers, for at most statusMaxAgeMs', async () => {
    const clock = new ManualClock();
    const { bank, status } = bankWith(() => 'closed');
    const service = new LockerService({ bank, simulated: false, clock, close: () => Promise.resolve() });
    await Promise.all([service.status(), service.compartments(), service.status()]);
    expect(status).toHaveBeenCalledTimes(1);
    await clock.advance(999);
    await service.compartments();
    expect(status).toHaveBeenCalledTimes(1);
    await clock.advance(1);
    await service.compartments();
    expect(status).toHaveBeenCalledTimes(2);
  });

  it('reads the bank again after an open, so the screen shows the door that moved', async () => {
    let door: 'open' | 'closed' = 'closed';
    const { bank, status, open } = bankWith(() => door);
    const service = new LockerService({
      bank,
      simulated: true,
      clock: new ManualClock(),
      close: () => Promise.resolve(),
    });
    expect((await service.compartments()).ok && (await service.compartments())).toMatchObject({
      value: { compartments: [{ door: 'closed' }] },
    });
    door = 'open';
    expect(await service.open('A01')).toEqual({
      ok: true,
      value: { compartmentId: 'A01', confirmedBy: 'board', alreadyOpen: false },
    });
    expect(open).toHaveBeenCalledTimes(1);
    expect(await service.compartments()).toMatchObject({ value: { compartments: [{ door: 'open' }] } });
    expect(status).toHaveBeenCalledTimes(2);
  });
});
