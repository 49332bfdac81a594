/**
 * Fault campaign, part 3 (issue 9 §2): printer and locker faults during the flows, in real Chromium
 * against the kiosk runtime with emulated printer and boards (tests/support/fault-product.ts). The
 * faults are turned on the emulators as a technician would find them: paper out or cover open in the
 * middle of a flow, a jammed lock, a board that stops answering.
 *
 * Contracts: a print the printer refused stays in the queue, nothing is lost, and the copy printed
 * later says 重印; a door that does not open loses nothing (no parcel recorded where it is not, a
 * parcel to collect stays stored), takes the compartment out of service, and the person is told.
 * The printer faults of the counter flows (寄件, 快递交接, 日结) are printer-faults-counter.test.ts.
 */
import { hasChromium, suiteCanRun } from '../support/suites';
import { startFaultKiosk, type FaultProduct, type KioskChromium } from '../support/fault-product';
import { SEED, announce } from './campaign';
import { checkout, intake } from './flows';
import { readKioskTable } from './kiosk-page';

const canRun = suiteCanRun('Chromium', hasChromium(), 'apt-get install chromium');

describe.skipIf(!canRun)('fault campaign: printer and locker faults during the flows', () => {
  let product: FaultProduct;
  let k: KioskChromium;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    announce('hardware faults');
    ({ product, k, close } = await startFaultKiosk('vpk-fault-hw-'));
  });

  afterAll(() => close?.());

  const jobs = () => product.printJobs();
  const receipts = () => product.hardware.printer.receipts();
  const small = () => product.hardware.lockers.config.compartments.filter((c) => c.size === 'S');
  const meta = async (key: string) =>
    (await readKioskTable<{ key: string; value: unknown }>(k.page, 'meta')).find((m) => m.key === key)?.value;
  const parcelsOf = async (waybill: string) =>
    (
      await readKioskTable<{
        id: string;
        waybill: string;
        status: string;
        location: { compartmentId?: string };
      }>(k.page, 'parcels')
    ).filter((p) => p.waybill === waybill);

  it('checkout with the cover opened: the order stands, the receipt waits in the queue, the copy says 重印', async () => {
    await k.page.goto(product.kioskUrl);
    product.hardware.printer.state = 'cover_open';
    const printed = receipts().length;
    const orderId = await checkout(k.page, '13912340001', () => undefined);
    await expect
      .poll(async () => (await jobs()).find((j) => j.kind === 'order-receipt')?.status, { timeout: 15_000 })
      .toBe('failed');
    expect(receipts()).toHaveLength(printed);
    expect((await readKioskTable<{ id: string }>(k.page, 'orders')).map((o) => o.id)).toContain(orderId);

    product.hardware.printer.state = 'ready';
    const job = (await jobs()).find((j) => j.kind === 'order-receipt')!;
    const again = await product.kiosk.handlers['printer.reprint']({ jobId: job.id });
    expect(again.ok).toBe(true);
    await expect.poll(() => receipts().length, { timeout: 15_000 }).toBe(printed + 1);
    expect(receipts().at(-1)!.lines.join('\n')).toContain('重印');
  });

  it('intake with every small lock jammed: nothing stored, the compartment out of service, the operator told', async () => {
    await k.page.goto(product.kioskUrl);
    for (const c of small()) product.hardware.lockers.emulator.setJammed(c.board, c.lock);
    const waybill = `HW${SEED}-JAM`;
    await expect(intake(k.page, waybill, '13912340002', 5_000)).rejects.toThrow();
    const told = k.page.getByText(/^([A-Z]\d\d) 号格口打不开（.*），已停用。请换一个格口再试$/);
    await told.waitFor({ timeout: 15_000 });
    const id = /^([A-Z]\d\d)/.exec(await told.innerText())![1]!;
    for (const c of small()) product.hardware.lockers.emulator.setJammed(c.board, c.lock, false);

    expect(await parcelsOf(waybill)).toEqual([]);
    const faulty = (await meta('parcels.faultyCompartments')) as { compartmentId: string }[];
    expect(faulty.map((f) => f.compartmentId)).toContain(id);
  });

  let code = '';
  let compartment = '';
  it('intake with the paper out mid-job: the parcel is stored, the slip stays queued, 重印取件单 prints it', async () => {
    await k.page.goto(product.kioskUrl);
    product.hardware.printer.state = 'paper_out';
    const printed = receipts().length;
    const waybill = `HW${SEED}-PAPER`;
    code = await intake(k.page, waybill, '13912340003');
    expect(code).toMatch(/^\d{6}$/);
    const [parcel] = await parcelsOf(waybill);
    expect(parcel?.status).toBe('stored');
    compartment = parcel!.location.compartmentId!;
    await expect
      .poll(
        async () => (await jobs()).find((j) => j.kind === 'pickup-slip' && j.title.includes(code))?.status,
        {
          timeout: 15_000,
        },
      )
      .toBe('failed');
    expect(receipts()).toHaveLength(printed);

    product.hardware.printer.state = 'ready';
    await k.page.getByRole('button', { name: '重印取件单' }).click();
    await expect.poll(() => receipts().length, { timeout: 15_000 }).toBe(printed + 1);
    const slip = receipts().at(-1)!;
    expect(slip.lines.join('\n')).toContain('重印');
    expect(slip.qr.some((q) => q.endsWith(`:${code}`))).toBe(true);
  });

  it('pickup with the lock jammed: the parcel stays stored, the compartment out of service, the villager told', async () => {
    expect(code).toMatch(/^\d{6}$/);
    const c = product.hardware.lockers.config.compartments.find((x) => x.id === compartment)!;
    product.hardware.lockers.emulator.setJammed(c.board, c.lock);
    await k.page.goto(product.kioskUrl);
    await k.page.locator('[data-service=pickup]').click({ timeout: 30_000 });
    for (const d of code) await k.page.getByRole('button', { name: d, exact: true }).click();
    await k.page.getByRole('button', { name: '取件', exact: true }).click();
    await k.page
      .getByText(
        new RegExp(`^${compartment} 号格口打不开（.*），已通知工作人员，包裹还在柜中，请找工作人员$`),
      )
      .waitFor({ timeout: 15_000 });
    product.hardware.lockers.emulator.setJammed(c.board, c.lock, false);
    const [parcel] = await parcelsOf(`HW${SEED}-PAPER`);
    expect(parcel?.status).toBe('stored');
    const faulty = (await meta('parcels.faultyCompartments')) as { compartmentId: string }[];
    expect(faulty.map((f) => f.compartmentId)).toContain(compartment);
  });

  it('pickup with the board silent: nothing opens, the parcel stays stored, the villager told', async () => {
    // A second parcel, in a compartment still in service (the jammed one is out of service now).
    await k.page.goto(product.kioskUrl);
    const waybill = `HW${SEED}-SILENT`;
    const silentCode = await intake(k.page, waybill, '13912340004');
    const [stored] = await parcelsOf(waybill);
    const c = product.hardware.lockers.config.compartments.find(
      (x) => x.id === stored!.location.compartmentId,
    )!;
    const opensBefore = product.opensByCompartment().get(c.id) ?? 0;
    product.hardware.lockers.emulator.setSilent(c.board);
    await k.page.goto(product.kioskUrl);
    await k.page.locator('[data-service=pickup]').click({ timeout: 30_000 });
    for (const d of silentCode) await k.page.getByRole('button', { name: d, exact: true }).click();
    await k.page.getByRole('button', { name: '取件', exact: true }).click();
    await k.page
      .getByText(new RegExp(`^${c.id} 号格口打不开（.*），已通知工作人员，包裹还在柜中，请找工作人员$`))
      .waitFor({ timeout: 45_000 });
    product.hardware.lockers.emulator.setSilent(c.board, false);
    const [parcel] = await parcelsOf(waybill);
    expect(parcel?.status).toBe('stored');
    const faulty = (await meta('parcels.faultyCompartments')) as { compartmentId: string }[];
    expect(faulty.map((f) => f.compartmentId)).toContain(c.id);
    // The open was sent once at most and never repeated blindly.
    expect((product.opensByCompartment().get(c.id) ?? 0) - opensBefore).toBeLessThanOrEqual(1);
  });
});
