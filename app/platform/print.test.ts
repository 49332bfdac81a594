import { KioskDb } from '../store/db';
import { printEffectId, printReceipt } from './print';
import { FakePrinter } from './print.testing';

let n = 0;
const freshDb = () => new KioskDb(`print-test-${n++}`);
const receipt = { kind: 'order-receipt' as const, input: { orderNo: '0007' } };

describe('printReceipt', () => {
  it('prints and records the job it printed', async () => {
    const db = freshDb();
    const printer = new FakePrinter();
    const outcome = await printReceipt(printer.api, receipt, { db, ref: 'order-1' });
    expect(outcome).toMatchObject({ status: 'printed', job: { id: 'job-1' } });
    expect(await db.sideEffects.get(printEffectId('order-1'))).toMatchObject({
      kind: 'print',
      status: 'done',
      ref: 'order-1',
      detail: { outcome: 'printed', jobId: 'job-1' },
    });
  });

  it('leaves a job the printer failed in the queue and says so, without failing the flow', async () => {
    const db = freshDb();
    const printer = new FakePrinter();
    printer.state = 'paper_out';
    const outcome = await printReceipt(printer.api, receipt, { db, ref: 'order-2' });
    expect(outcome).toMatchObject({ status: 'queued', jobId: 'job-1', error: { code: 'PAPER_OUT' } });
    expect(printer.jobs).toEqual([expect.objectContaining({ id: 'job-1', status: 'failed' })]);
    expect((await db.sideEffects.get(printEffectId('order-2')))?.detail).toMatchObject({
      outcome: 'queued',
      jobId: 'job-1',
      error: 'PAPER_OUT',
    });
  });

  it('says not-printed on a terminal without a printer', async () => {
    const printer = new FakePrinter();
    printer.state = 'absent';
    expect(await printReceipt(printer.api, receipt)).toMatchObject({
      status: 'not-printed',
      error: { code: 'NOT_AVAILABLE' },
    });
  });

  it('prints a receipt once however often it is asked for at the same time (StrictMode, reloads)', async () => {
    const db = freshDb();
    const printer = new FakePrinter();
    const outcomes = await Promise.all([
      printReceipt(printer.api, receipt, { db, ref: 'order-3' }),
      printReceipt(printer.api, receipt, { db, ref: 'order-3' }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['already-sent', 'printed']);
    expect(await printReceipt(printer.api, receipt, { db, ref: 'order-3' })).toEqual({
      status: 'already-sent',
    });
    expect(printer.requests).toHaveLength(1);
  });
});
