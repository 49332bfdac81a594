/**
 * The whole kiosk as a power cut sees it, for the fault campaign (tests/fault-campaign): the Node
 * shell (kiosk-shell/runtime.ts, as `npm start` composes it in browser mode) runs in a CHILD PROCESS
 * (tests/support/kiosk-shell-child.ts) configured for REAL hardware, and the kiosk app in Chromium
 * (fault-product.ts launchKioskChromium); `kill()` SIGKILLs both at the same instant, as a crash or a
 * power cut kills Electron's main process and renderer together. Both start again on the same data
 * directory, kiosk port (the origin owns IndexedDB) and Chromium profile.
 *
 * What stays up here, outside the kill, is what a power cut does not erase:
 * - the locker boards: LockerEmulator on one end of a socat PTY pair, the child's serialport driver
 *   on the other, so every lock-open command is counted on the bus as the boards received it and a
 *   door the kiosk opened stays open (or swings shut) while the kiosk is dead;
 * - the printer: PrinterEmulator on TCP 127.0.0.1 (a network printer on port 9100), so the paper it
 *   printed survives the kill and the campaign reads pickup codes from it;
 * - the county on PGlite, behind a link with added round-trip time (sync pushes are in flight when
 *   the kill lands).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningCounty } from '../../county/main';
import { LockerEmulator, type EmulatedLock } from '../../drivers/emulators/locker-emulator';
import { PrinterEmulator } from '../../drivers/emulators/printer-emulator';
import { CompartmentMap, exampleLockerConfig, type LockerConfig } from '../../drivers/locker/compartments';
import { lockerProtocols } from '../../drivers/locker/protocols';
import { SerialTransport } from '../../drivers/transports/serial-transport';
import { freePort } from '../e2e/product';
import { SocatPair } from '../integration/drivers-support';
import { decodeOpen, launchKioskChromium, startCampaignCounty, type KioskChromium } from './fault-product';
import type { FaultyLink } from './faulty-link';

const root = join(import.meta.dirname, '..', '..');
const childEntry = join(import.meta.dirname, 'kiosk-shell-child.ts');

/** The shell child: `kill()` is SIGKILL to its process group (no close, no flush). */
export interface ShellProcess {
  child: ChildProcess;
  kill(): Promise<void>;
  /** SIGTERM: the shell closes its server, port and printer connection, as Ctrl-C does. */
  stop(): Promise<void>;
}

export interface WholeKiosk {
  dataDir: string;
  county: RunningCounty;
  link: FaultyLink;
  villageId: string;
  kioskUrl: string;
  printer: PrinterEmulator;
  lockers: LockerEmulator;
  lockerConfig: LockerConfig;
  /** Lock-open commands the boards received, per compartment id, since the start. */
  opensByCompartment(): Map<string, number>;
  /** Shell child started (and ready), then Chromium on the profile, on the kiosk page. */
  start(): Promise<{ shell: ShellProcess; chromium: KioskChromium }>;
  close(): Promise<void>;
}

export interface WholeKioskOptions {
  /** Added round-trip time on the county link. */
  rttMs?: number;
  /**
   * How long a door the kiosk opened stays open before the villager (or the operator) pushes it
   * shut, drawn per opening — seeded by the caller, so a restart sometimes meets an open door.
   */
  doorCloseMs?: () => number;
}

export async function startWholeKiosk(opts: WholeKioskOptions = {}) {
  const { dataDir, county, device, link } = await startCampaignCounty('vpk-whole-', opts.rttMs);
  const profile = mkdtempSync(join(tmpdir(), 'vpk-whole-profile-'));

  // The RS-485 adapter: the shell opens `bus-host` by path, the boards sit on `bus-board`.
  const bus = new SocatPair(join(dataDir, 'bus-host'), join(dataDir, 'bus-board'));
  await bus.start();
  const lockerConfig = exampleLockerConfig('generic');
  const protocol = lockerProtocols[lockerConfig.protocol];
  const boardSide = new SerialTransport({ path: bus.device, baudRate: protocol.baudRate });
  if (!(await boardSide.whenOpen(5_000))) throw new Error('the board side of the PTY did not open');
  const lockers = new LockerEmulator({
    protocol: lockerConfig.protocol,
    transport: boardSide,
    boards: new CompartmentMap(lockerConfig).boards(),
    autoCloseMs: null,
  });
  const hand = villagersHand(lockers, opts.doorCloseMs ?? (() => 1500));
  const printer = new PrinterEmulator({ paperWidthMm: 58 });
  const printerAddress = await printer.listen();

  const configFile = join(dataDir, 'vpk.config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      kiosk: {
        simulate: false,
        hardware: {
          printer: { target: printerAddress.url, paperWidthMm: 58 },
          locker: {
            port: bus.host,
            protocol: lockerConfig.protocol,
            compartments: lockerConfig.compartments,
          },
        },
      },
    }),
  );
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    VPK_CONFIG: configFile,
    VPK_DATA_DIR: dataDir,
    VPK_KIOSK_PORT: String(port),
    VPK_COUNTY_URL: link.url,
    VPK_SIMULATE: '0',
    VPK_KIOSK_LOG_LEVEL: 'info',
  };
  delete env.DATABASE_URL;

  const idOf = new Map(lockerConfig.compartments.map((c) => [`${c.board}/${c.lock}`, c.id]));
  const running = new Set<{ kill(): Promise<void> }>();
  const whole: WholeKiosk = {
    dataDir,
    county,
    link,
    villageId: device.villageId,
    kioskUrl: `http://127.0.0.1:${port}/`,
    printer,
    lockers,
    lockerConfig,
    opensByCompartment: () => {
      const counts = new Map<string, number>();
      for (const frame of lockers.received) {
        const open = decodeOpen(lockerConfig.protocol, frame);
        if (!open) continue;
        const id = idOf.get(`${open.board}/${open.lock}`) ?? `${open.board}/${open.lock}`;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return counts;
    },
    start: async () => {
      const shell = await startShell(env);
      running.add(shell);
      const chromium = await launchKioskChromium(profile);
      running.add(chromium);
      const forget = <T extends { kill(): Promise<void> }>(p: T): T => ({
        ...p,
        kill: async () => {
          running.delete(p);
          await p.kill();
        },
      });
      await chromium.page.goto(whole.kioskUrl);
      return { shell: forget(shell), chromium: forget(chromium) };
    },
    close: async () => {
      await Promise.all([...running].map((p) => p.kill()));
      clearInterval(hand);
      lockers.dispose();
      await boardSide.close();
      await bus.stop();
      await printer.close();
      await link.close();
      await county.close();
      // ~100 MB a campaign (the county's database); FAULT_SEED replays a run that needs looking at.
      for (const dir of [dataDir, profile]) rmSync(dir, { recursive: true, force: true });
    },
  };
  return whole;
}

/**
 * Closes each door the boards opened after `closeMs()` — whether or not the kiosk that opened it is
 * still alive, as a villager does. Watches the emulated locks rather than the commands, so it
 * follows every open however it was sent.
 */
function villagersHand(lockers: LockerEmulator, closeMs: () => number): NodeJS.Timeout {
  const closing = new Set<EmulatedLock>();
  return setInterval(() => {
    for (const board of lockers.boards.values())
      for (const lock of board.locks) {
        if (lock.closed || closing.has(lock)) continue;
        closing.add(lock);
        setTimeout(() => {
          lock.closed = true;
          closing.delete(lock);
        }, closeMs());
      }
  }, 50);
}

/** SIGKILL to the shell child and Chromium in the same tick: neither outlives the other. */
export async function killWholeKiosk(k: { shell: ShellProcess; chromium: KioskChromium }): Promise<void> {
  await Promise.all([k.shell.kill(), k.chromium.kill()]);
}

async function startShell(env: NodeJS.ProcessEnv): Promise<ShellProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', childEntry], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the kiosk shell did not start:\n${err}`)), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (/^ready /m.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the kiosk shell exited (${child.exitCode}):\n${err}`));
    });
  });
  const signal = async (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      /* already gone */
    }
    await exited;
  };
  return { child, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}
