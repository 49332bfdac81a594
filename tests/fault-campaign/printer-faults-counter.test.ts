/**
 * Fault campaign, part 3b (issue 9 §2): printer faults during the counter flows of 代收代发 and the
 * cash day — 寄件 (the label), 快递交接 (the dispatch manifest the courier signs) and 日结 (the day
 * report) — in real Chromium against the kiosk runtime with the emulated printer
 * (tests/support/fault-product.ts). The faults are turned on the emulator in the middle of the day,
 * as the operator would meet them: paper out, the cover left open, the printer gone (switched off:
 * no status answer at all).
 *
 * Contract, as in hardware-faults.test.ts: the flow's data is saved whatever the paper does (and
 * reaches the county); the refused print stays in the queue as 'failed', nothing is printed and
 * nothing lost; the operator is told on screen what went wrong; the copy printed later — from the
 * flow's own 重印 button, or from 设备诊断 where the day report's message sends them — says 重印.
 */
import { findVillage } from '../../assets/seed';
import type { PrintJob } from '../../kiosk-shell/api';
import type { SimulatedPrinterState } from '../../drivers/emulators/simulated-printer';
import { hasChromium, suiteCanRun } from '../support/suites';
import { startFaultKiosk, type FaultProduct, type KioskChromium } from '../support/fault-product';
import { announce } from './campaign';
import { closeCashDay, dispatchToCourier, sendParcel } from './flows';
import { readKioskTable, waitSynced } from './kiosk-page';

const canRun = suiteCanRun('Chromium', hasChromium(), 'apt-get install chromium');

describe.skipIf(!canRun)('fault campaign: printer faults during 寄件, 快递交接 and 日结', () => {
  let product: FaultProduct;
  let k: KioskChromium;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    announce('printer faults at the counter');
    ({ product, k, close } = await startFaultKiosk('vpk-fault-counter-'));
  });

  afterAll(() => close?.());

  const jobs = () => product.printJobs();
  const receipts = () => product.hardware.printer.receipts();
  const setPrinter = (state: SimulatedPrinterState) => (product.hardware.printer.state = state);
  /** The one job of `kind` queued since `known` (ids seen before the flow). */
  const newJob = async (kind: PrintJob['kind'], known: Set<string>) =>
    (await jobs()).find((j) => j.kind === kind && !known.has(j.id));
  const countyId = () => findVillage(product.villageId)!.county.id;
  const jobIds = async () => new Set((await jobs()).map((j) => j.id));

  /** The refused job stays queued as failed, and no paper came out. */
  async function refusedAndKept(kind: PrintJob['kind'], known: Set<string>, printed: number) {
    await expect.poll(async () => (await newJob(kind, known))?.status, { timeout: 15_000 }).toBe('failed');
    expect(receipts()).toHaveLength(printed);
    return (await newJob(kind, known))!;
  }

  /** The copy that comes out after the fault is cleared: one receipt, marked 重印. */
  async function reprintedCopy(printed: number, heading: string): Promise<string> {
    await expect.poll(() => receipts().length, { timeout: 15_000 }).toBe(printed + 1);
    const text = receipts().at(-1)!.lines.join('\n');
    expect(text).toContain(heading);
    expect(text).toContain('重印');
    return text;
  }

  let shipmentId = '';

  it('寄件 with the paper out: the shipment is stored, the label waits in the queue, 重印面单 prints it', async () => {
    await k.page.goto(product.kioskUrl);
    const known = await jobIds();
    const printed = receipts().length;
    setPrinter('paper_out');
    shipmentId = await sendParcel(k.page, '13812340001');

    const note = k.page.locator('.send-done__print');
    await expect.poll(() => note.getAttribute('data-print'), { timeout: 15_000 }).toBe('failed');
    expect(await note.innerText()).toMatch(/^面单没有打印出来：打印机缺纸/);
    const job = await refusedAndKept('parcel-label', known, printed);
    expect(job.lastError).toBeTruthy();
    const shipments = await readKioskTable<{ id: string }>(k.page, 'shipments');
    expect(shipments.map((s) => s.id)).toContain(shipmentId);

    setPrinter('ready');
    await k.page.getByRole('button', { name: '重印面单', exact: true }).click();
    await expect.poll(() => note.getAttribute('data-print'), { timeout: 15_000 }).toBe('printed');
    const label = await reprintedCopy(printed, '寄件单');
    expect(label).toContain('收件人：李si 13987654321');
    // The reprint was that job, not a second one: the queue holds one label for this shipment.
    expect((await jobs()).filter((j) => j.kind === 'parcel-label' && !known.has(j.id))).toHaveLength(1);
  });

  it('快递交接 with the cover open: the handover is stored and synced, the manifest waits, 重印交接单 prints it', async () => {
    expect(shipmentId).not.toBe('');
    await k.page.goto(product.kioskUrl);
    const known = await jobIds();
    const printed = receipts().length;
    setPrinter('cover_open');
    await dispatchToCourier(k.page);

    await k.page.getByText(/^交接单没有打印出来：打印机盖未关/).waitFor({ timeout: 15_000 });
    await refusedAndKept('dispatch-manifest', known, printed);
    const manifests = await readKioskTable<{ id: string; shipmentIds: string[] }>(
      k.page,
      'dispatchManifests',
    );
    expect(manifests.some((m) => m.shipmentIds.includes(shipmentId))).toBe(true);

    setPrinter('ready');
    await k.page.getByRole('button', { name: '重印交接单', exact: true }).click();
    await k.page.getByText('交接单已打印，请快递员签字').waitFor({ timeout: 15_000 });
    const paper = await reprintedCopy(printed, '揽收交接单');
    expect(paper).toContain('快递员签字：');

    // The paper's fault held nothing back: the county has the shipment handed over on the manifest.
    await waitSynced(k.page);
    const shipment = await product.admin<{ manifestId: string | null }>(
      `/counties/${countyId()}/shipments/${shipmentId}`,
    );
    expect(shipment.manifestId).toEqual(manifests.find((m) => m.shipmentIds.includes(shipmentId))!.id);
  });

  it('日结 with the printer gone: the close is stored and synced, the report waits, 设备诊断 reprints it', async () => {
    await k.page.goto(product.kioskUrl);
    const known = await jobIds();
    const printed = receipts().length;
    setPrinter('offline');
    const { expectedFen, countedFen } = await closeCashDay(k.page);

    await k.page
      .getByRole('alert')
      .getByText(/^报表没有打印出来：.*（可在设备诊断里重印）$/)
      .waitFor({
        timeout: 15_000,
      });
    const job = await refusedAndKept('cash-report', known, printed);
    const days = await readKioskTable<{ expectedFen: number; countedFen: number }>(k.page, 'cashDays');
    expect(days.map((d) => [d.expectedFen, d.countedFen])).toEqual([[expectedFen, countedFen]]);

    // Where the message sends the operator: 设备诊断's queue, 重印 on the report.
    setPrinter('ready');
    await k.page.getByRole('button', { name: '返回操作员菜单', exact: true }).click();
    await k.page.getByRole('button', { name: '设备诊断', exact: true }).click();
    await k.page.getByRole('button', { name: `重印 ${job.title}`, exact: true }).click();
    await reprintedCopy(printed, '日结报表');

    await waitSynced(k.page);
    const closes = await product.admin<{ expectedFen: number }[]>(
      `/counties/${countyId()}/cash-days?villageId=${product.villageId}`,
    );
    expect(closes.map((c) => c.expectedFen)).toEqual([expectedFen]);
  });
});
