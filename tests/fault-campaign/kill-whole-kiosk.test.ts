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
import { findVillage } from '../../assets/seed';
import type { KioskChromium } from '../support/fault-product';
import { hasChromium, hasCommand, suiteCanRun } from '../support/suites';
import { killWholeKiosk, startWholeKiosk, type ShellProcess, type WholeKiosk } from '../support/whole-kiosk';
import { SEED, announce, flowRandom, runsFor, stratified } from './campaign';
import { checkout, intake, pickup } from './flows';
import { readKioskTable, waitSynced } from './kiosk-page';

const canRun =
  suiteCanRun('Chromium', hasChromium(), 'apt-get install chromium') &&
  suiteCanRun('socat', hasCommand('socat'), 'apt-get install socat');

type Running = { shell: ShellProcess; chromium: KioskChromium };
type KioskParcel = { id: string; waybill: string; status: string; location: { compartmentId?: string } };

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

  /**
   * One flow on the running kiosk with SIGKILL to shell and window `killAfterMs` after it began; the
   * kiosk is started again before this resolves. `null`: no cut, and the kiosk keeps running.
   */
  /** SIGKILL to both; the shell really died of it (not of something else, not still running). */
  async function kill(running: Running): Promise<void> {
    await killWholeKiosk(running);
    expect(running.shell.child.signalCode).toBe('SIGKILL');
    expect(running.chromium.child.signalCode).toBe('SIGKILL');
  }

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
    // ms a whole checkout takes: ~1.4 s once warm, longer for the first after a cold start (measured);
    // the runs keep it current. Over-estimating early puts the late kills after 下单成功.
    let typical = 4000;
    let cut = 0;
    const started = Date.now();
    for (let i = 0; i < runs; i++) {
      const killAfter = 300 + Math.floor(rand() * 1.3 * typical);
      const phone = `135${String(10_000_000 + i).slice(-8)}`;
      const run = await killedRun(killAfter, (page) => checkout(page, phone, () => taps++));
      if (run.result) acknowledged.push(run.result);
      if (run.flowMs > 0) typical = Math.round((typical + run.flowMs) / 2);
      if (run.killedDuringFlow) cut++;
    }
    process.stdout.write(
      `[fault-campaign] whole kiosk, checkout: ${runs} runs, ${cut} cut mid-flow, ` +
        `${acknowledged.length} acknowledged, flow ~${typical} ms, ${Math.round((Date.now() - started) / 1000)} s\n`,
    );

    // The last run's restart is running: it sends what is queued.
    const page = k!.chromium.page;
    await waitSynced(page);
    const kioskOrders = await readKioskTable<{ id: string }>(page, 'orders');
    const countyId = findVillage(whole.villageId)!.county.id;
    const county = await whole.county.db.query<{ id: string }>(
      'SELECT id FROM orders WHERE county_id = $1 AND village_id = $2',
      [countyId, whole.villageId],
    );
    const countyIds = county.map((o) => o.id);
    for (const id of acknowledged)
      expect(
        countyIds.filter((c) => c === id),
        `order ${id}`,
      ).toHaveLength(1);
    expect(new Set(countyIds).size).toBe(countyIds.length);
    expect([...countyIds].sort()).toEqual(kioskOrders.map((o) => o.id).sort());
    expect(countyIds.length).toBeLessThanOrEqual(taps);
    expectNothingPrintedTwice();
  }, 3_600_000);

  it('intake and pickup: no door opened twice, a collected door opened once, parcels settled', async () => {
    const runs = runsFor(1, 0.3);
    const intakeAt = stratified(flowRandom('whole-intake'), runs);
    const pickupAt = stratified(flowRandom('whole-pickup'), runs);
    announce(`whole kiosk: intake × ${runs}, pickup × ${runs}`);
    const opensNow = () => new Map(whole.opensByCompartment());
    const delta = (before: Map<string, number>, after: Map<string, number>) =>
      [...after].map(([id, n]) => [id, n - (before.get(id) ?? 0)] as const).filter(([, d]) => d > 0);
    const codesFromPaper = () => {
      const codes = new Map<string, string>();
      for (const r of whole.printer.printed) {
        const code = r.qr.map((q) => /^VPK1:P:[^:]+:(\d{6})$/.exec(q)?.[1]).find(Boolean);
        const waybill = /(WK\d+-P?\d+)/.exec(r.lines.join('\n'))?.[1];
        if (code && waybill) codes.set(waybill, code);
      }
      return codes;
    };
    const waybills: string[] = [];
    // Measured ~4.8 s and ~3.1 s here; the runs keep these current.
    let typicalIntake = 6000;
    let typicalPickup = 4000;
    let cut = 0;
    const started = Date.now();

    for (let i = 0; i < runs; i++) {
      const waybill = `WK${SEED}-${i}`;
      waybills.push(waybill);
      await settled(k!.chromium);
      const before = opensNow();
      const run = await killedRun(300 + Math.floor(intakeAt() * 1.3 * typicalIntake), (page) =>
        intake(page, waybill, `134${String(10_000_000 + i).slice(-8)}`),
      );
      if (run.flowMs > 0) typicalIntake = Math.round((typicalIntake + run.flowMs) / 2);
      if (run.killedDuringFlow) cut++;
      // The restart has reconciled the cut intake: together they sent one open at most.
      await settled(k!.chromium);
      const opened = delta(before, opensNow());
      expect(
        opened.reduce((n, [, d]) => n + d, 0),
        `intake ${waybill}, restart included: ${JSON.stringify(opened)}`,
      ).toBeLessThanOrEqual(1);
    }

    let collected = 0;
    for (let i = 0; i < runs; i++) {
      let parcels = await settled(k!.chromium);
      let target = parcels.find((p) => p.status === 'stored' && codesFromPaper().has(p.waybill));
      if (!target) {
        // The cut intakes left none with a slip on paper (a slip cut mid-print is never printed
        // again by itself): an uncut intake stores one, and the cut is on the pickup.
        const waybill = `WK${SEED}-P${i}`;
        waybills.push(waybill);
        await killedRun(null, (page) => intake(page, waybill, `133${String(10_000_000 + i).slice(-8)}`));
        await expect.poll(() => codesFromPaper().has(waybill), { timeout: 15_000 }).toBe(true);
        await k!.chromium.page.goto(whole.kioskUrl);
        parcels = await settled(k!.chromium);
        target = parcels.find((p) => p.waybill === waybill && p.status === 'stored');
      }
      const code = codesFromPaper().get(target!.waybill)!;
      const before = opensNow();
      const run = await killedRun(300 + Math.floor(pickupAt() * 1.3 * typicalPickup), (page) =>
        pickup(page, code),
      );
      if (run.flowMs > 0) typicalPickup = Math.round((typicalPickup + run.flowMs) / 2);
      if (run.killedDuringFlow) cut++;
      // After the restart's reconcile: never a second open for this pickup, by the query of the door.
      const after = await settled(k!.chromium);
      const opened = delta(before, opensNow());
      for (const [id, n] of opened) expect(n, `pickup ${target!.waybill}: ${id}`).toBeLessThanOrEqual(1);
      if (after.find((p) => p.id === target!.id)?.status === 'collected') {
        collected++;
        const at = target!.location.compartmentId;
        expect(opened.find(([id]) => id === at)?.[1], `pickup ${target!.waybill}: open of ${at}`).toBe(1);
      }
    }
    process.stdout.write(
      `[fault-campaign] whole kiosk, parcels: ${runs} intakes, ${runs} pickups (${collected} collected), ` +
        `${cut} cut mid-flow, ${openAtRestart} restarts with a door open, ` +
        `intake ~${typicalIntake} ms, pickup ~${typicalPickup} ms, ${Math.round((Date.now() - started) / 1000)} s\n`,
    );

    const parcels = await settled(k!.chromium);
    await waitSynced(k!.chromium.page);
    const countyId = findVillage(whole.villageId)!.county.id;
    const county = await whole.county.db.query<{ id: string; waybill: string; status: string }>(
      'SELECT id, waybill, status FROM parcels WHERE county_id = $1 AND village_id = $2',
      [countyId, whole.villageId],
    );
    const ours = parcels.filter((p) => waybills.includes(p.waybill));
    const theirs = county.filter((c) => waybills.includes(c.waybill));
    expect(theirs.map((c) => [c.id, c.status]).sort()).toEqual(ours.map((p) => [p.id, p.status]).sort());
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

  /** After the boot's reconcile: no pending door side effect, no parcel half-way; the parcels. */
  async function settled(c: KioskChromium): Promise<KioskParcel[]> {
    await expect
      .poll(
        async () => {
          const effects = await readKioskTable<{ kind: string; status: string }>(c.page, 'sideEffects');
          const parcels = await readKioskTable<{ status: string }>(c.page, 'parcels');
          return {
            pendingDoors: effects.filter((e) => e.kind === 'door' && e.status === 'pending').length,
            opening: parcels.filter((p) => p.status === 'opening').length,
          };
        },
        { timeout: 30_000 },
      )
      .toEqual({ pendingDoors: 0, opening: 0 });
    return readKioskTable<KioskParcel>(c.page, 'parcels');
  }
});
