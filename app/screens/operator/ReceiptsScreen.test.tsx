import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../i18n';
import { FixedOperatorSession } from '../../platform/operator-session';
import { FakePrinter } from '../../platform/print.testing';
import { KioskDb } from '../../store/db';
import { ReceiptsScreen } from './ReceiptsScreen';

let n = 0;
function setup(printer: FakePrinter) {
  const db = new KioskDb(`receipts-screen-${n++}`);
  render(
    <I18nextProvider i18n={createI18n('zh-CN')}>
      <FixedOperatorSession operator={{ id: 'op-1', name: '王芳', role: 'operator' }}>
        <ReceiptsScreen api={printer.api} db={db} onBack={() => undefined} />
      </FixedOperatorSession>
    </I18nextProvider>,
  );
  return { db, user: userEvent.setup() };
}

async function printTwo(printer: FakePrinter) {
  for (const orderNo of ['0001', '0002'])
    await printer.api.invoke('printer.print', { kind: 'order-receipt', input: { orderNo } });
}

const row = (title: string) => screen.getByText(title).closest('li')!;

describe('receipt history (小票记录)', () => {
  it('lists the receipts newest first, without the diagnostics test pages', async () => {
    const printer = new FakePrinter();
    await printTwo(printer);
    await printer.api.invoke('printer.print', { kind: 'test-page' });
    setup(printer);
    const items = await screen.findAllByRole('listitem');
    expect(items.map((li) => li.querySelector('strong')?.textContent)).toEqual([
      '代购小票 0002',
      '代购小票 0001',
    ]);
    expect(screen.getByText('打印机：正常')).toBeInTheDocument();
  });

  it('reprints a printed receipt as 重印, and audits it under the signed-in operator', async () => {
    const printer = new FakePrinter();
    await printTwo(printer);
    const { db, user } = setup(printer);
    await user.click(await screen.findByRole('button', { name: '重印 代购小票 0001' }));
    expect(printer.reprints).toEqual(['job-1']);
    expect(await screen.findByRole('status')).toHaveTextContent('已打印：代购小票 0001');
    expect(await within(row('代购小票 0001')).findByText(/共打印 2 次/)).toBeInTheDocument();
    const [audit] = await db.auditLog.toArray();
    expect(audit).toMatchObject({
      kind: 'receipt.reprint',
      operatorId: 'op-1',
      detail: { jobId: 'job-1', result: 'printed' },
    });
  });

  it('keeps a receipt the printer failed visible with the reason, and prints it on 重试 once fixed', async () => {
    const printer = new FakePrinter();
    printer.state = 'paper_out';
    await printTwo(printer);
    const { user } = setup(printer);
    expect(await screen.findByText('打印机：缺纸')).toBeInTheDocument();
    const failed = row('代购小票 0002');
    expect(within(failed).getByText(/打印失败/)).toBeInTheDocument();
    expect(within(failed).getByText(/打印机缺纸/)).toBeInTheDocument();

    // Still out of paper: the job stays, and the operator is told why.
    await user.click(within(failed).getByRole('button', { name: '重试 代购小票 0002' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '没有打印出来：代购小票 0002（打印机缺纸），小票仍在队列里',
    );

    printer.state = 'ready'; // paper loaded
    await user.click(within(row('代购小票 0002')).getByRole('button', { name: '重试 代购小票 0002' }));
    expect(await screen.findByRole('status')).toHaveTextContent('已打印：代购小票 0002');
    expect(await within(row('代购小票 0002')).findByText(/已打印/)).toBeInTheDocument();
    expect(
      within(row('代购小票 0002')).getByRole('button', { name: '重印 代购小票 0002' }),
    ).toBeInTheDocument();
  });

  it('says so when the terminal has no printer', async () => {
    const printer = new FakePrinter();
    printer.state = 'absent';
    setup(printer);
    expect(await screen.findByText('本终端未配置打印机，小票只在屏幕上显示')).toBeInTheDocument();
    expect(screen.getByText('还没有打印过小票')).toBeInTheDocument();
  });
});
