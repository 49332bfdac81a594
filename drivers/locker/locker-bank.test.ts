import { parseLockerConfig, exampleLockerConfig } from './compartments';
import { createRig } from './test-rig';

describe('LockerBank', () => {
  it('opens a compartment by id on the board and lock of the map', async () => {
    const { bank, emulator, settle } = createRig('generic');
    const r = await settle(bank.open('B03'));
    expect(r).toEqual({
      ok: true,
      value: { id: 'B03', board: 2, lock: 3, confirmedBy: 'board', alreadyOpen: false },
    });
    expect(emulator.lock(2, 3).fired).toBe(1);
    expect((await settle(bank.doorState('B03'))).state).toBe('open');
  });

  it('fires the lock once for a double tap', async () => {
    const { bank, emulator, settle } = createRig('kerong');
    const [a, b] = await settle(Promise.all([bank.open('A01'), bank.open('A01')]));
    expect(a).toEqual(b);
    expect(emulator.lock(0, 1).fired).toBe(1);
  });

  it('does not pulse a lock whose door already reads open', async () => {
    const { bank, emulator, settle } = createRig('generic');
    await settle(bank.open('A02'));
    const again = await settle(bank.open('A02'));
    expect(again.ok && again.value.alreadyOpen).toBe(true);
    expect(emulator.lock(1, 2).fired).toBe(1);
  });

  it('sends no open to a board that does not answer the door query first', async () => {
    const { bank, emulator, settle } = createRig('generic');
    emulator.setSilent(1);
    const r = await settle(bank.open('A01'));
    expect(r.ok || r.error.code).toBe('BOARD_SILENT');
    expect(emulator.received.every((f) => f[0] === 0x80)).toBe(true);
  });

  it('waits for the door to close and says whether it was seen open', async () => {
    const { bank, emulator, clock, settle } = createRig('kerong');
    await settle(bank.open('A04'));
    const waiting = bank.waitClosed('A04', 60_000);
    await clock.advance(3_000);
    emulator.closeDoor(0, 4);
    expect(await settle(waiting)).toEqual({ ok: true, value: { sawOpen: true } });
  });

  it('gives up with DOOR_STILL_OPEN after the timeout', async () => {
    const { bank, settle } = createRig('generic');
    await settle(bank.open('A05'));
    const r = await settle(bank.waitClosed('A05', 2_000));
    expect(r.ok || r.error.code).toBe('DOOR_STILL_OPEN');
  });

  it('summarises the bank, counting compartments on a silent board as out of service', async () => {
    const { bank, emulator, settle } = createRig('kerong');
    emulator.setSilent(1);
    emulator.setOccupied(0, 2);
    await settle(bank.open('A03'));
    const s = await settle(bank.status());
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.value).toMatchObject({ state: 'degraded', compartments: 24, outOfService: 12, doorsOpen: 1 });
    expect(s.value.boards).toMatchObject([
      { board: 0, online: true },
      { board: 1, online: false, error: { code: 'BOARD_SILENT' } },
    ]);
    expect(s.value.detail.find((d) => d.id === 'A02')?.occupied).toBe(true);
  });

  it('answers UNKNOWN_COMPARTMENT for an id that is not in the map', async () => {
    const { bank } = createRig('generic');
    const r = await bank.open('Z99');
    expect(r.ok || r.error.code).toBe('UNKNOWN_COMPARTMENT');
    expect((await bank.doorState('Z99')).state).toBe('unknown');
  });
});

describe('locker configuration', () => {
  it('accepts the example bank for both protocols', () => {
    expect(parseLockerConfig(exampleLockerConfig('generic')).ok).toBe(true);
    expect(parseLockerConfig(exampleLockerConfig('kerong', 3, 16)).ok).toBe(true);
  });

  it('rejects duplicate ids, a lock used twice and locks the protocol cannot address', () => {
    const r = parseLockerConfig({
      protocol: 'kerong',
      compartments: [
        { id: 'A01', board: 0, lock: 1, size: 'S' },
        { id: 'A01', board: 0, lock: 2, size: 'S' },
        { id: 'A03', board: 0, lock: 2, size: 'M' },
        { id: 'A04', board: 16, lock: 20, size: 'L' },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('BAD_REQUEST');
    expect(r.error.message).toMatch(/duplicate id A01/);
    expect(r.error.message).toMatch(/board 0\/2 used twice/);
    expect(r.error.message).toMatch(/lock must be 1–16/);
    expect(r.error.message).toMatch(/board must be 0–15/);
  });
});
