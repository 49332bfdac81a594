/**
 * Parcel intake, pickup, faults and the power-cut reconcile against the real locker driver and the
 * board emulators on a socat PTY pair (the bytes cross a real tty), through the real KioskApi handler
 * table. The kiosk's database is Dexie on fake-indexeddb, as the page's would be on IndexedDB.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LockerEmulator } from '../../drivers/emulators/locker-emulator';
import { BoardDriver } from '../../drivers/locker/board-driver';
import { CompartmentMap, exampleLockerConfig } from '../../drivers/locker/compartments';
import { LockerBank } from '../../drivers/locker/locker-bank';
import { lockerProtocols } from '../../drivers/locker/protocols';
import { SerialTransport } from '../../drivers/transports/serial-transport';
import type { KioskTransport } from '../../kiosk-shell/api';
import { createHandlers, dispatch } from '../../kiosk-shell/handlers';
import { createSimulatedHardware, type SimulatedHardware } from '../../kiosk-shell/hardware';
import { LockerService } from '../../kiosk-shell/locker-service';
import { KioskDb } from '../../app/store/db';
import {
  faultyCompartments,
  intakeToLocker,
  keepReconciling,
  openForPickup,
  operatorAlerts,
  printPickupSlip,
  reconcileParcels,
  verifyCode,
} from '../../app/store/parcels';
import { hasCommand, suiteCanRun } from '../support/suites';
import { SocatPair } from './drivers-support';

const canRun = suiteCanRun('socat', hasCommand('socat'), 'apt-get install socat');

let dir: string;
let pair: SocatPair;
let emulator: LockerEmulator;
let sim: SimulatedHardware;
let api: KioskTransport;
const closers: (() => Promise<void>)[] = [];
let n = 0;

beforeAll(async () => {
  if (!canRun) return;
  dir = await mkdtemp(join(tmpdir(), 'vpk-parcels-'));
  pair = new SocatPair(join(dir, 'host'), join(dir, 'board'));
  await pair.start();
  const p = lockerProtocols.generic;
  const fast = { backoff: { initialMs: 50, maxMs: 250 }, presence: { intervalMs: 100 } };
  const boardSide = new SerialTransport({ path: pair.device, baudRate: p.baudRate, ...fast });
  const hostSide = new SerialTransport({ path: pair.host, baudRate: p.baudRate, ...fast });
  expect(await boardSide.whenOpen(5_000)).toBe(true);
  expect(await hostSide.whenOpen(5_000)).toBe(true);
  emulator = new LockerEmulator({
    protocol: 'generic',
    transport: boardSide,
    boards: [1, 2],
    replyDelayMs: 5,
  });
  const driver = new BoardDriver({ transport: hostSide, protocol: p, timing: { timeoutMs: 300 } });
  const bank = new LockerBank(driver, new CompartmentMap(exampleLockerConfig('generic')));
  const lockerService = new LockerService({
    bank,
    simulated: false,
    statusMaxAgeMs: 0,
    close: async () => {
      await driver.close();
      await boardSide.close();
    },
  });
  sim = createSimulatedHardware({ doorAutoCloseMs: null });
  const handlers = createHandlers({
    hardware: { ...sim, lockerService },
    info: () => ({
      version: 'test',
      shell: 'browser',
      simulate: true,
      locale: 'zh-CN',
      idleTimeoutSeconds: 90,
      enrolled: true,
    }),
  });
  api = { invoke: (method, input) => dispatch(handlers, method, input) as never };
  closers.push(
    () => lockerService.close(),
    () => sim.close(),
  );
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await pair?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The villager (or operator) shuts the door a moment after it opened. */
function closeWhenOpened(board: number, lock: number, afterMs = 200): Promise<void> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (!emulator.lock(board, lock).closed) {
        clearInterval(poll);
        setTimeout(() => {
          emulator.closeDoor(board, lock);
          resolve();
        }, afterMs);
      }
    }, 20);
  });
}

const resetBank = () => {
  for (const b of [1, 2]) {
    emulator.setSilent(b, false);
    for (let l = 1; l <= 12; l++) {
      const lock = emulator.lock(b, l);
      Object.assign(lock, { closed: true, jammed: false, occupied: false, fired: 0 });
    }
  }
};

const input = (waybill: string) => ({
  waybill,
  carrier: '中通',
  phone: '13912345678',
  operatorId: 'op-1',
});

describe.skipIf(!canRun)('parcels on emulated locker boards (socat PTY)', () => {
  let db: KioskDb;
  beforeEach(() => {
    resetBank();
    db = new KioskDb(`parcels-pty-${n++}`);
  });

  it('stores a parcel only after its door was closed, prints the slip, and lets the code open it once', async () => {
    const shut = closeWhenOpened(1, 1);
    const stored = await intakeToLocker(db, api, { ...input('ZT10000001'), size: 'S' });
    await shut;
    expect(stored.ok).toBe(true);
    if (!stored.ok) return;
    const { parcel, code } = stored;
    expect(parcel.location).toEqual({ kind: 'locker', compartmentId: 'A01', board: 1, lock: 1, size: 'S' });
    expect(emulator.lock(1, 1).fired).toBe(1);
    // No clear code at rest: not in the row, only inside the SMS text of the outbox payload.
    expect(JSON.stringify(await db.parcels.toArray())).not.toContain(code);
    const outbox = await db.outbox.orderBy('seq').toArray();
    const storedEntry = outbox.find((e) => e.type === 'parcel.stored');
    expect(storedEntry?.payload).toMatchObject({
      waybill: 'ZT10000001',
      location: { kind: 'locker', board: 1, lock: 1 },
    });
    expect((storedEntry?.payload as { smsText: string }).smsText).toContain(code);

    const job = await printPickupSlip(api, parcel, code, { pointName: '青山村服务点', keepDays: 7 });
    expect(job.ok).toBe(true);
    await vi.waitFor(() => expect(sim.printer.lastReceiptText()).toContain(code));
    expect(sim.printer.lastReceiptText()).toContain('格口：A01');

    const verified = await verifyCode(db, code);
    expect(verified).toMatchObject({ ok: true, items: [{ parcel: { id: parcel.id }, feeDueFen: 0 }] });
    const taken = closeWhenOpened(1, 1);
    const picked = await openForPickup(db, api, parcel.id, { method: 'code' });
    await taken;
    expect(picked).toMatchObject({ ok: true, parcel: { status: 'collected', collectMethod: 'code' } });
    expect(emulator.lock(1, 1).fired).toBe(2);
    const types = (await db.outbox.orderBy('seq').toArray()).map((e) => e.type);
    expect(types.filter((t) => t === 'parcel.collected')).toHaveLength(1);
    const doors = (await db.auditLog.toArray()).filter((a) => a.kind === 'door.open');
    expect(doors.map((a) => [a.detail.reason, a.detail.result, a.operatorId])).toEqual([
      ['intake', 'opened', 'op-1'],
      ['pickup', 'opened', undefined],
    ]);
    // The same code does not open anything a second time.
    expect(await verifyCode(db, code)).toMatchObject({ ok: false, reason: 'wrong' });
  });

  it('refuses a waybill already at the point without opening any door', async () => {
    const shut = closeWhenOpened(1, 1);
    expect((await intakeToLocker(db, api, { ...input('ZT20000001'), size: 'S' })).ok).toBe(true);
    await shut;
    const again = await intakeToLocker(db, api, { ...input('ZT20000001'), size: 'S' });
    expect(again).toMatchObject({ ok: false, error: { code: 'DUPLICATE' } });
    expect(emulator.lock(1, 2).fired).toBe(0);
    expect(await db.parcels.count()).toBe(1);
  });

  it('skips the compartments of a board that does not answer', async () => {
    emulator.setSilent(1);
    const shut = closeWhenOpened(2, 1);
    const stored = await intakeToLocker(db, api, { ...input('ZT30000001'), size: 'S' });
    await shut;
    expect(stored).toMatchObject({ ok: true, parcel: { location: { compartmentId: 'B01' } } });
  });

  it('keeps the parcel stored, takes the compartment out of service and alerts when the door will not open', async () => {
    const shut = closeWhenOpened(1, 1);
    const stored = await intakeToLocker(db, api, { ...input('ZT40000001'), size: 'S' });
    await shut;
    if (!stored.ok) throw new Error('intake failed');
    emulator.setJammed(1, 1);
    const r = await openForPickup(db, api, stored.parcel.id, { method: 'code' });
    expect(r).toMatchObject({ ok: false, reason: 'door-fault' });
    expect(await db.parcels.get(stored.parcel.id)).toMatchObject({ status: 'stored' });
    expect((await faultyCompartments(db)).map((f) => f.compartmentId)).toEqual(['A01']);
    expect((await operatorAlerts(db)).map((a) => a.kind)).toEqual(['door-fault']);
    expect(await db.outbox.filter((e) => e.type === 'parcel.collected').count()).toBe(0);
  });

  it('after a power cut between open and collected, queries the door and settles without reopening', async () => {
    const shut = closeWhenOpened(1, 1);
    const stored = await intakeToLocker(db, api, { ...input('ZT50000001'), size: 'S' });
    await shut;
    if (!stored.ok) throw new Error('intake failed');
    // The pickup opens the door; the power goes before the kiosk sees it close (the screen stops).
    const cut = new AbortController();
    const pickup = openForPickup(db, api, stored.parcel.id, {
      method: 'code',
      signal: cut.signal,
      onProgress: (p) => {
        if (p.step === 'take-and-close') cut.abort();
      },
    });
    expect(await pickup).toEqual({ ok: false, reason: 'abandoned' });
    expect(emulator.lock(1, 1).fired).toBe(2);
    db.close();

    // The kiosk starts again on the same database; the door still stands open.
    const again = new KioskDb(db.name);
    expect(await again.parcels.get(stored.parcel.id)).toMatchObject({ status: 'opening' });
    expect((await reconcileParcels(again, api)).map((r) => r.outcome)).toEqual(['door-open']);
    emulator.closeDoor(1, 1);
    expect((await reconcileParcels(again, api)).map((r) => r.outcome)).toEqual(['collected']);
    expect(await again.parcels.get(stored.parcel.id)).toMatchObject({ status: 'collected' });
    expect(emulator.lock(1, 1).fired).toBe(2); // never re-opened
    expect(await again.outbox.filter((e) => e.type === 'parcel.collected').count()).toBe(1);
    expect(await reconcileParcels(again, api)).toEqual([]);
  });

  it('at start-up keeps asking while the board is silent or the door open, then settles once and stops', async () => {
    const shut = closeWhenOpened(1, 1);
    const stored = await intakeToLocker(db, api, { ...input('ZT55000001'), size: 'S' });
    await shut;
    if (!stored.ok) throw new Error('intake failed');
    const cut = new AbortController();
    await openForPickup(db, api, stored.parcel.id, {
      method: 'code',
      signal: cut.signal,
      onProgress: (p) => {
        if (p.step === 'take-and-close') cut.abort();
      },
    });
    db.close();
    // The power comes back before the board does; the villager is still at the open door.
    emulator.setSilent(1);
    const again = new KioskDb(db.name);
    const runs: string[][] = [];
    const loop = keepReconciling(again, api, {
      intervalMs: 50,
      onRun: (r) => {
        const outcomes = r instanceof Error ? ['error'] : r.map((x) => x.outcome);
        runs.push(outcomes);
        if (runs.length === 2) emulator.setSilent(1, false);
        if (outcomes.includes('door-open')) emulator.closeDoor(1, 1);
      },
    });
    await loop.settled;
    expect(runs[0]).toEqual(['no-answer']);
    expect(runs).toContainEqual(['door-open']);
    expect(runs.at(-1)).toEqual(['collected']);
    expect(await again.parcels.get(stored.parcel.id)).toMatchObject({ status: 'collected' });
    expect(emulator.lock(1, 1).fired).toBe(2); // the intake's open and the pickup's, never a third
    const count = runs.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(runs).toHaveLength(count); // settled: it stopped asking
    loop.stop();
    again.close();
  });

  it('puts a parcel back to stored when the cut came before the board confirmed the open', async () => {
    const shut = closeWhenOpened(1, 1);
    const stored = await intakeToLocker(db, api, { ...input('ZT60000001'), size: 'S' });
    await shut;
    if (!stored.ok) throw new Error('intake failed');
    // Simulate the state a cut leaves right after the pending row was committed: opening, unconfirmed.
    await db.transaction('rw', db.parcels, db.sideEffects, async () => {
      await db.parcels.update(stored.parcel.id, { status: 'opening' });
      await db.sideEffects.add({
        id: 'cut-1',
        kind: 'door',
        status: 'pending',
        createdAt: new Date().toISOString(),
        ref: stored.parcel.id,
        detail: { purpose: 'pickup', compartmentId: 'A01', parcelId: stored.parcel.id, method: 'code' },
      });
    });
    expect((await reconcileParcels(db, api)).map((r) => r.outcome)).toEqual(['back-to-stored']);
    expect(await db.parcels.get(stored.parcel.id)).toMatchObject({ status: 'stored' });
    expect(emulator.lock(1, 1).fired).toBe(1);
    expect((await operatorAlerts(db)).map((a) => a.kind)).toContain('check-compartment');
  });
});
