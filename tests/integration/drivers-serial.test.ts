/**
 * The real serialport driver against the board emulators on socat PTY pairs: the bytes cross a real
 * tty, as they would through a USB-RS485 adapter. Needs socat (CI installs it; a developer machine
 * without it skips and says so).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LockerEmulator } from '../../drivers/emulators/locker-emulator';
import { BoardDriver } from '../../drivers/locker/board-driver';
import { CompartmentMap, exampleLockerConfig } from '../../drivers/locker/compartments';
import { LockerBank } from '../../drivers/locker/locker-bank';
import type { ProtocolName } from '../../drivers/locker/protocol';
import { lockerProtocols } from '../../drivers/locker/protocols';
import { SerialTransport } from '../../drivers/transports/serial-transport';
import { hasCommand, suiteCanRun } from '../support/suites';
import { runCli, SocatPair } from './drivers-support';

const canRun = suiteCanRun('socat', hasCommand('socat'), 'apt-get install socat');
const fast = {
  backoff: { initialMs: 50, maxMs: 250 },
  presence: { intervalMs: 100 },
};

let dir: string;
const pairs: SocatPair[] = [];
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vpk-serial-'));
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  for (const pair of pairs) await pair.stop(); // every socat child ends with the suite
  await rm(dir, { recursive: true, force: true });
});

async function startPair(name: string): Promise<SocatPair> {
  const pair = new SocatPair(join(dir, `${name}-host`), join(dir, `${name}-board`));
  pairs.push(pair);
  await pair.start();
  return pair;
}

async function wire(protocol: ProtocolName) {
  const pair = await startPair(protocol);
  const p = lockerProtocols[protocol];
  const first = p.minBoard;
  const boardSide = new SerialTransport({ path: pair.device, baudRate: p.baudRate, ...fast });
  const hostSide = new SerialTransport({ path: pair.host, baudRate: p.baudRate, ...fast });
  expect(await boardSide.whenOpen(5_000)).toBe(true);
  expect(await hostSide.whenOpen(5_000)).toBe(true);
  const emulator = new LockerEmulator({
    protocol,
    transport: boardSide,
    boards: [first, first + 1],
    replyDelayMs: 5,
  });
  const driver = new BoardDriver({ transport: hostSide, protocol: p, timing: { timeoutMs: 300 } });
  const bank = new LockerBank(driver, new CompartmentMap(exampleLockerConfig(protocol)));
  closers.push(async () => {
    await driver.close();
    await boardSide.close();
  });
  return { pair, emulator, driver, bank, hostSide, boardSide, first };
}

describe.skipIf(!canRun).each(['generic', 'kerong'] as const)(
  'locker boards on a socat PTY (%s)',
  (protocol) => {
    let rig: Awaited<ReturnType<typeof wire>>;
    beforeAll(async () => {
      rig = await wire(protocol);
    });

    it('opens a compartment, sees its door open in the bank status, and sees it closed again', async () => {
      const { bank, emulator, first } = rig;
      const opened = await bank.open('A03');
      expect(opened).toMatchObject({
        ok: true,
        value: { id: 'A03', confirmedBy: 'board', alreadyOpen: false },
      });
      const status = await bank.status();
      expect(status.ok && status.value.detail.find((d) => d.id === 'A03')?.door).toBe('open');
      const waiting = bank.waitClosed('A03', 5_000, 100);
      setTimeout(() => emulator.closeDoor(first, 3), 300); // the villager shuts it a moment later
      expect(await waiting).toEqual({ ok: true, value: { sawOpen: true } });
    });

    it('reads through garbage on the line', async () => {
      const { driver, emulator, first } = rig;
      const pending = driver.queryBoard(first);
      await emulator.injectGarbage(Uint8Array.of(0xff, 0x02, 0x8a, 0x80, 0x00, 0x13));
      const r = await pending;
      expect(r.ok).toBe(true);
    });

    it('reports a silent board as BOARD_SILENT and never fires a lock it could not reach', async () => {
      const { bank, emulator, first } = rig;
      emulator.setSilent(first + 1);
      const r = await bank.open('B01');
      expect(r.ok || r.error.code).toBe('BOARD_SILENT');
      expect(emulator.lock(first + 1, 1).fired).toBe(0);
      emulator.setSilent(first + 1, false);
    });

    it('confirms an open whose reply was lost by querying the door, firing the lock once', async () => {
      const { driver, emulator, first } = rig;
      emulator.loseNextReplies(1);
      const r = await driver.open(first, 7);
      expect(r).toMatchObject({ ok: true, value: { confirmedBy: 'query' } });
      expect(emulator.lock(first, 7).fired).toBe(1);
    });

    it('reports BUS_UNPLUGGED while the adapter is out and works again once it is back', async () => {
      const { pair, driver, hostSide, boardSide, first } = rig;
      await pair.stop();
      for (let i = 0; i < 100 && hostSide.state === 'open'; i++) await new Promise((r) => setTimeout(r, 20));
      expect(hostSide.state).toBe('unplugged');
      const r = await driver.open(first, 5);
      expect(r.ok || r.error.code).toBe('BUS_UNPLUGGED');

      await pair.start(); // same link names: the adapter is back
      expect(await hostSide.whenOpen(5_000)).toBe(true);
      expect(await boardSide.whenOpen(5_000)).toBe(true);
      const after = await driver.queryDoor(first, 5);
      expect(after).toMatchObject({ ok: true, value: { lock: 5, closed: true } });
    });
  },
);

describe.skipIf(!canRun)('locker CLI against the emulator on a PTY', () => {
  let pair: SocatPair;
  let emulator: LockerEmulator;
  beforeAll(async () => {
    pair = await startPair('cli');
    const boardSide = new SerialTransport({ path: pair.device, baudRate: 9600, ...fast });
    expect(await boardSide.whenOpen(5_000)).toBe(true);
    emulator = new LockerEmulator({ protocol: 'generic', transport: boardSide, boards: [1, 2] });
    closers.push(() => boardSide.close());
  });

  const cli = (...args: string[]) =>
    runCli('scripts/locker-cli.ts', ['--port', pair.host, '--protocol', 'generic', ...args]);

  it('prints the state of every lock of a board', async () => {
    emulator.lock(1, 2).closed = false;
    const r = await cli('--board', '1', 'status');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('锁 lock  1: 关 closed');
    expect(r.stdout).toContain('锁 lock  2: 开 OPEN');
    expect(r.stdout).toContain('24 locks, 1 open');
  });

  it('opens one lock and says the board confirmed it', async () => {
    const r = await cli('--board', '2', 'open', '4');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已开锁 / OPENED: lock 4');
    expect(emulator.lock(2, 4).fired).toBe(1);
  });

  it('opens all locks of a board and names any that stayed closed, exiting 1', async () => {
    emulator.setJammed(1, 9);
    const r = await cli('--board', '1', 'open-all');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('未开 / still closed: 9');
  });

  it('exits 1 with the reason when the board does not answer', async () => {
    const r = await cli('--board', '7', '--timeout', '200', 'status');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('BOARD_SILENT');
  });

  it('exits 1 when the port does not exist and 2 on a bad command line', async () => {
    const missing = await runCli('scripts/locker-cli.ts', [
      '--port',
      join(dir, 'nope'),
      '--protocol',
      'kerong',
      'status',
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('BUS_UNPLUGGED');
    const bad = await cli('open', '99');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('LOCK must be 1–24');
  });
});
