/**
 * Fault campaign, part 1b (issue 9 §2): the WHOLE kiosk killed at random points during checkout,
 * parcel intake and pickup — the Node shell and Chromium together, as a crash or a power cut kills
 * Electron's main process and renderer together — then both started again.
 *
 * Mechanism (tests/support/whole-kiosk.ts): the shell (origin server, KioskApi bridge, print queue on
 * disk, locker driver) runs in a child process configured for real hardware — the locker boards are
 * emulated in this process behind a socat PTY pair it opens by path, the printer is a TCP capture —
 * and the app runs in Chromium on a persistent profile. At a seeded delay after a flow began, both get
 * SIGKILL in the same tick; then the shell starts again on the same data directory and port, Chromium
 * on the same profile, and the app boots (reconcileParcels, the sync engine). Every restart is the
 * next run's boot, so what the restart did is checked before the next flow begins.
 *
 * What the window-only kills (kill-kiosk.test.ts) cannot reach and these do: a bridge call in flight
 * when the shell dies (the page never gets the answer to an open or a print), the print queue cut
 * mid-job (it comes back 'failed', offered for reprint, never printed again by itself), the serial
 * port closed under a half-sent frame, and a shell that starts while a door it opened is still open.
 *
 * After the runs, as in kill-kiosk.test.ts: every order the screen showed as 下单成功 is at the county
 * exactly once, the county has exactly the kiosk's orders and never more than 确认下单 taps; no
 * compartment saw two lock-open commands on the bus for one intake or one pickup (restart included);
 * a collected parcel's door was opened exactly once; every parcel is settled and the county's
 * parcels match the kiosk's; and on the printer's paper no receipt or slip came out twice unmarked.
 *
 * Seeded: FAULT_SEED replays; FAULT_CAMPAIGN_RUNS=N gives 0.4·N checkouts, 0.3·N intakes and 0.3·N
 * pickups here (as many again as kill-kiosk.test.ts runs); bounded default in CI: 2, 1 and 1.
 *   FAULT_CAMPAIGN_RUNS=100 npx vitest run --project fault-campaign tests/fault-campaign/kill-whole-kiosk.test.ts
 */
import type { KioskChromium } from '../support/fault-product';
import { hasChromium, hasCommand, suiteCanRun } from '../support/suites';
import { killWholeKiosk, startWholeKiosk, type ShellProcess, type WholeKiosk } from '../support/whole-kiosk';
import { FLOW_MS, SEED, announce, flowRandom, killDelay, measured, runsFor, stratified } from './campaign';
import { checkout, intake, pickup } from './flows';
import {
  expectIntakeOpens,
  expectOrdersOnce,
  expectParcelsMatchCounty,
  expectPickupOpens,
  opensSince,
  pickupCodes,
  settledParcels as settled,
} from './invariants';

const canRun =
  suiteCanRun('Chromium', hasChromium(), 'apt-get install chromium') &&
  suiteCanRun('socat', hasCommand('socat'), 'apt-get install socat');

type Running = { shell: ShellProcess; chromium: KioskChromium };

describe.skipIf(!canRun)('fault campaign: the whole kiosk (shell and window) killed mid-flow', () => {
  let whole: WholeKiosk;
  /** The kiosk as it runs now; undefined between a kill and the restart. */
  let k: Running | undefined;

  beforeAll(async () => {
    // Doors stay open 0.5–5 s: a kill mid-pickup often restarts the kiosk with its door still open.
    const door = flowRandom('whole-doors');
    whole = await startWholeKiosk({ rttMs: 400, doorCloseMs: () => 500 + Math.floor(door() * 4500) });
    k = await whole.start();
  });

  afterAll(async () => {
    if (k) await killWholeKiosk(k);
    await whole?.close();
  });

  /** Restarts that began with a door still open (the reconcile's hard case), for the summary. */
  let openAtRestart = 0;
  const restart = async () => {
    if ([...whole.lockers.boards.values()].some((b) => b.locks.some((l) => !l.closed))) openAtRestart++;
    k = await whole.start();
  };

  /** SIGKILL to both; the shell really died of it (not of something else, not still running). */
  async function kill(running: Running): Promise<void> {
    await killWholeKiosk(running);
    expect(running.shell.child.signalCode).toBe('SIGKILL');
    expect(running.chromium.child.signalCode).toBe('SIGKILL');
  }

  /**
   * One flow on the running kiosk with SIGKILL to shell and window `killAfterMs` after it began; the
   * kiosk is started again before this resolves. `null`: no cut, and the kiosk keeps running.
   */
  async function killedRun<T>(
    killAfterMs: number | null,
    flow: (page: KioskChromium['page']) => Promise<T>,
  ): Promise<{ result?: T; killedDuringFlow: boolean; flowMs: number }> {
    const running = k!;
    const began = Date.now();
    let killed: Promise<void> | undefined =
      killAfterMs === null
        ? undefined
        : new Promise<void>((resolve, reject) =>
            setTimeout(() => void kill(running).then(resolve, reject), killAfterMs),
          );
    killed?.catch(() => undefined); // awaited below; a failed kill fails the run there
    try {
      const result = await flow(running.chromium.page);
      const flowMs = Date.now() - began;
      if (killAfterMs === null) return { result, killedDuringFlow: false, flowMs };
      // Done before the cut: the kill still comes, while sync, print or door effects are settling.
      await killed;
      await restart();
      return { result, killedDuringFlow: false, flowMs };
    } catch (error) {
      if (killAfterMs === null) throw error; // an uncut flow must not fail
      killed ??= kill(running);
      await killed;
      await restart();
      return { killedDuringFlow: true, flowMs: 0 };
    }
  }

  it('checkout and sync: no acknowledged order lost, none doubled', async () => {
    const runs = runsFor(2, 0.4);
    const rand = stratified(flowRandom('whole-checkout'), runs);
    announce(`whole kiosk: checkout × ${runs}`);
    const acknowledged: string[] = [];
    let taps = 0;
    let typical: number = FLOW_MS.checkout;
    let cut = 0;
    const started = Date.now();
    for (let i = 0; i < runs; i++) {
      const phone = `135${String(10_000_000 + i).slice(-8)}`;
      const run = await killedRun(killDelay(rand(), typical), (page) => checkout(page, phone, () => taps++));
      if (run.result) acknowledged.push(run.result);
      typical = measured(typical, run.flowMs);
      if (run.killedDuringFlow) cut++;
    }
    process.stdout.write(
      `[fault-campaign] whole kiosk, checkout: ${runs} runs, ${cut} cut mid-flow, ` +
        `${acknowledged.length} acknowledged, flow ~${typical} ms, ${Math.round((Date.now() - started) / 1000)} s\n`,
    );

    // The last run's restart is running: it sends what is queued.
    await expectOrdersOnce(whole, k!.chromium.page, acknowledged, taps);
    expectNothingPrintedTwice();
  }, 3_600_000);

  it('intake and pickup: no door opened twice, a collected door opened once, parcels settled', async () => {
    const runs = runsFor(1, 0.3);
    const intakeAt = stratified(flowRandom('whole-intake'), runs);
    const pickupAt = stratified(flowRandom('whole-pickup'), runs);
    announce(`whole kiosk: intake × ${runs}, pickup × ${runs}`);
    const opensNow = () => new Map(whole.opensByCompartment());
    const codesFromPaper = () => pickupCodes(whole.printer.printed, /(WK\d+-P?\d+)/);
    const waybills: string[] = [];
    let typicalIntake: number = FLOW_MS.intake;
    let typicalPickup: number = FLOW_MS.pickup;
    let cut = 0;
    const started = Date.now();

    for (let i = 0; i < runs; i++) {
      const waybill = `WK${SEED}-${i}`;
      waybills.push(waybill);
      await settled(k!.chromium.page);
      const before = opensNow();
      const run = await killedRun(killDelay(intakeAt(), typicalIntake), (page) =>
        intake(page, waybill, `134${String(10_000_000 + i).slice(-8)}`),
      );
      typicalIntake = measured(typicalIntake, run.flowMs);
      if (run.killedDuringFlow) cut++;
      // The restart has reconciled the cut intake: together they sent one open at most.
      await settled(k!.chromium.page);
      expectIntakeOpens(opensSince(before, opensNow()), waybill);
    }

    let collected = 0;
    for (let i = 0; i < runs; i++) {
      let parcels = await settled(k!.chromium.page);
      let target = parcels.find((p) => p.status === 'stored' && codesFromPaper().has(p.waybill));
      if (!target) {
        // The cut intakes left none with a slip on paper (a slip cut mid-print is never printed
        // again by itself): an uncut intake stores one, and the cut is on the pickup.
        const waybill = `WK${SEED}-P${i}`;
        waybills.push(waybill);
        await killedRun(null, (page) => intake(page, waybill, `133${String(10_000_000 + i).slice(-8)}`));
        await expect.poll(() => codesFromPaper().has(waybill), { timeout: 15_000 }).toBe(true);
        await k!.chromium.page.goto(whole.kioskUrl);
        parcels = await settled(k!.chromium.page);
        target = parcels.find((p) => p.waybill === waybill && p.status === 'stored');
      }
      const code = codesFromPaper().get(target!.waybill)!;
      const before = opensNow();
      const run = await killedRun(killDelay(pickupAt(), typicalPickup), (page) => pickup(page, code));
      typicalPickup = measured(typicalPickup, run.flowMs);
      if (run.killedDuringFlow) cut++;
      const after = await settled(k!.chromium.page);
      const isCollected = after.find((p) => p.id === target!.id)?.status === 'collected';
      if (isCollected) collected++;
      expectPickupOpens(opensSince(before, opensNow()), target!, isCollected);
    }
    process.stdout.write(
      `[fault-campaign] whole kiosk, parcels: ${runs} intakes, ${runs} pickups (${collected} collected), ` +
        `${cut} cut mid-flow, ${openAtRestart} restarts with a door open, ` +
        `intake ~${typicalIntake} ms, pickup ~${typicalPickup} ms, ${Math.round((Date.now() - started) / 1000)} s\n`,
    );

    await expectParcelsMatchCounty(whole, k!.chromium.page, waybills);
    expectNothingPrintedTwice();
  }, 3_600_000);

  /**
   * The paper: no order receipt or pickup slip came out twice as an original. A job the kill cut
   * mid-print comes back from the shell's queue on disk as 'failed', offered for 重印, never printed
   * again by itself; the app's print claim (platform/print.ts) never sends one receipt twice.
   */
  function expectNothingPrintedTwice(): void {
    const originals = new Map<string, number>();
    for (const r of whole.printer.printed) {
      const text = r.lines.join('\n');
      if (text.includes('重印')) continue;
      const key = /单号：(\S+)/.exec(text)?.[1] ?? /(WK\d+-P?\d+)/.exec(text)?.[1];
      if (key) originals.set(key, (originals.get(key) ?? 0) + 1);
    }
    process.stdout.write(
      `[fault-campaign] whole kiosk, paper: ${whole.printer.printed.length} printed, ` +
        `${originals.size} receipts and slips identified\n`,
    );
    expect([...originals].filter(([, n]) => n > 1)).toEqual([]);
  }
});
