import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../i18n';
import { FixedOperatorSession } from '../../platform/operator-session';
import { KioskDb } from '../../store/db';
import { DiagnosticsScreen } from './DiagnosticsScreen';
import type {
  Compartment,
  KioskError,
  KioskMethod,
  KioskTransport,
  MethodOutput,
  PrintJob,
  PrinterStatus,
  Result,
} from '../../../kiosk-shell/api';

const ok = <T,>(value: T): Result<T> => ({ ok: true, value });
const fail = (error: KioskError): Result<never> => ({ ok: false, error });

/** Answers like the shell's handlers over simulated hardware, and remembers every call. */
class FakeKiosk {
  printer: PrinterStatus['state'] = 'ready';
  simulated = true;
  lockersInstalled = true;
  jobs: PrintJob[] = [];
  receipt: string | null = null;
  jammed = new Set<string>();
  compartments: Compartment[] = ['A01', 'A02', 'B01'].map((id, i) => ({
    id,
    board: i < 2 ? 1 : 2,
    lock: (i % 2) + 1,
    size: (['S', 'M', 'L'] as const)[i]!,
    door: i === 2 ? ('unknown' as const) : ('closed' as const),
    occupied: null,
    outOfService: i === 2,
  }));
  calls: [string, unknown][] = [];

  readonly api: KioskTransport = {
    invoke: <M extends KioskMethod>(method: M, input: unknown) => {
      this.calls.push([method, input]);
      return Promise.resolve(this.answer(method, input) as Result<MethodOutput<M>>);
    },
  };

  callsOf(method: KioskMethod): unknown[] {
    return this.calls.filter(([m]) => m === method).map(([, input]) => input);
  }

  private job(status: PrintJob['status'], attempts = 1): PrintJob {
    return {
      id: `job-${this.jobs.length + 1}`,
      kind: 'test-page',
      title: '打印测试页',
      status,
      attempts,
      createdAt: 0,
    };
  }

  private answer(method: string, input: unknown): Result<unknown> {
    const notInstalled = fail({ code: 'NOT_AVAILABLE', message: '本终端未配置快递柜' });
    switch (method) {
      case 'printer.status':
        return ok({
          state: this.printer,
          model: '模拟打印机 58mm',
          paperWidthMm: 58,
          simulated: this.simulated,
        });
      case 'printer.jobs':
        return ok({ jobs: this.jobs });
      case 'printer.lastReceiptText':
        return this.simulated ? ok({ text: this.receipt }) : fail({ code: 'NOT_AVAILABLE', message: 'real' });
      case 'printer.print': {
        if (this.printer === 'paper_out') {
          const job = { ...this.job('failed'), lastError: { code: 'PAPER_OUT' as const, message: '缺纸' } };
          this.jobs = [job, ...this.jobs];
          return fail({ code: 'PAPER_OUT', message: '打印机缺纸 / printer out of paper', jobId: job.id });
        }
        this.receipt = '打印测试页\nPRINTER TEST PAGE';
        const job = this.job('printed');
        this.jobs = [job, ...this.jobs];
        return ok(job);
      }
      case 'printer.reprint': {
        const { jobId } = input as { jobId: string };
        this.receipt = '重印\n打印测试页';
        this.jobs = this.jobs.map((j) => (j.id === jobId ? { ...j, status: 'printed', attempts: 2 } : j));
        return ok(this.jobs.find((j) => j.id === jobId));
      }
      case 'locker.status':
        return this.lockersInstalled
          ? ok({ state: 'degraded', compartments: 3, free: 2, outOfService: 1, simulated: this.simulated })
          : notInstalled;
      case 'locker.compartments':
        return this.lockersInstalled ? ok({ compartments: this.compartments }) : notInstalled;
      case 'locker.open': {
        const { compartmentId } = input as { compartmentId: string };
        if (this.jammed.has(compartmentId)) {
          return fail({ code: 'LOCK_JAMMED', message: `锁未弹开 / lock ${compartmentId} did not release` });
        }
        this.compartments = this.compartments.map((c) =>
          c.id === compartmentId ? { ...c, door: 'open' } : c,
        );
        return ok({ compartmentId, confirmedBy: 'board', alreadyOpen: false });
      }
      default:
        return fail({ code: 'UNKNOWN_METHOD', message: method });
    }
  }
}

function renderScreen(kiosk: FakeKiosk) {
  const onBack = vi.fn();
  render(
    <I18nextProvider i18n={createI18n('zh-CN')}>
      <DiagnosticsScreen api={kiosk.api} onBack={onBack} />
    </I18nextProvider>,
  );
  return { onBack, user: userEvent.setup() };
}

const cell = (id: string) => document.querySelector<HTMLElement>(`[data-compartment="${id}"]`)!;

describe('operator diagnostics', () => {
  it('shows the printer, the locker bank as a grid, and the emulated receipt under simulation', async () => {
    const kiosk = new FakeKiosk();
    renderScreen(kiosk);
    expect(await screen.findByText('模拟打印机 58mm')).toBeInTheDocument();
    expect(screen.getByText('正常', { selector: '[data-fact=printer-state]' })).toBeInTheDocument();
    expect(screen.getByText(/当前为模拟设备/)).toBeInTheDocument();
    await screen.findByText('共 3 格，空闲 2 格，停用或故障 1 格');
    expect(within(cell('A02')).getByText('中格')).toBeInTheDocument();
    expect(within(cell('A02')).getByText('门关')).toBeInTheDocument();
    expect(within(cell('B01')).getByText('门状态未知')).toBeInTheDocument();
    expect(within(cell('B01')).getByText('停用/故障')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '开门 A01' })).toBeInTheDocument();
    expect(screen.getByLabelText('模拟打印机：最后一张小票')).toHaveTextContent('还没有打印过小票');
    expect(screen.getByText('没有打印任务')).toBeInTheDocument();
  });

  it('prints a test page and shows the emulated receipt', async () => {
    const kiosk = new FakeKiosk();
    const { user } = renderScreen(kiosk);
    await user.click(await screen.findByRole('button', { name: '打印测试页' }));
    expect(kiosk.callsOf('printer.print')).toEqual([{ kind: 'test-page' }]);
    expect(await screen.findByText('测试页已打印')).toBeInTheDocument();
    expect(await screen.findByLabelText('模拟打印机：最后一张小票')).toHaveTextContent('PRINTER TEST PAGE');
    expect(screen.getByText('已打印')).toBeInTheDocument();
  });

  it('says 打印机缺纸 when the paper is out, keeps the job in the queue and reprints it', async () => {
    const kiosk = new FakeKiosk();
    kiosk.printer = 'paper_out';
    const { user } = renderScreen(kiosk);
    expect(await screen.findByText('缺纸', { selector: '[data-fact=printer-state]' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '打印测试页' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '打印失败：打印机缺纸，可在下方打印队列中重印',
    );
    const failed = await screen.findByText('失败');
    expect(failed.closest('li')).toHaveTextContent('打印机缺纸');

    kiosk.printer = 'ready';
    await user.click(screen.getByRole('button', { name: '重印 打印测试页' }));
    expect(kiosk.callsOf('printer.reprint')).toEqual([{ jobId: 'job-1' }]);
    expect(await screen.findByText('已重印：打印测试页')).toBeInTheDocument();
    expect(await screen.findByText('已打 2 次')).toBeInTheDocument();
  });

  it('opens a compartment once and shows the door as the boards then report it', async () => {
    const kiosk = new FakeKiosk();
    const { user } = renderScreen(kiosk);
    await user.click(await screen.findByRole('button', { name: '开门 A01' }));
    expect(kiosk.callsOf('locker.open')).toEqual([{ compartmentId: 'A01' }]);
    expect(await screen.findByText('A01 已开门')).toBeInTheDocument();
    await vi.waitFor(() => expect(cell('A01')).toHaveAttribute('data-door', 'open'));
    expect(within(cell('A01')).getByText('门开')).toBeInTheDocument();
  });

  it('audits each door it opens with the signed-in operator, the reason and the result', async () => {
    const kiosk = new FakeKiosk();
    kiosk.jammed.add('A02');
    const db = new KioskDb(`diagnostics-audit-${Date.now()}`);
    render(
      <I18nextProvider i18n={createI18n('zh-CN')}>
        <FixedOperatorSession operator={{ id: 'op-tech', name: '技术员', role: 'technician' }}>
          <DiagnosticsScreen api={kiosk.api} db={db} onBack={vi.fn()} />
        </FixedOperatorSession>
      </I18nextProvider>,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '开门 A01' }));
    await screen.findByText('A01 已开门');
    await user.click(await screen.findByRole('button', { name: '开门 A02' }));
    await screen.findByRole('alert');
    await vi.waitFor(async () => expect(await db.auditLog.count()).toBe(2));
    const lines = await db.auditLog.orderBy('at').toArray();
    expect(lines.map((l) => [l.kind, l.operatorId, l.detail['compartmentId'], l.detail['result']])).toEqual([
      ['door.open', 'op-tech', 'A01', 'opened'],
      ['door.open', 'op-tech', 'A02', 'LOCK_JAMMED'],
    ]);
    expect(await db.outbox.where('type').equals('audit.recorded').count()).toBe(2);
  });

  it('says why a compartment did not open, in Chinese, with the board’s own message', async () => {
    const kiosk = new FakeKiosk();
    kiosk.jammed.add('A02');
    const { user } = renderScreen(kiosk);
    await user.click(await screen.findByRole('button', { name: '开门 A02' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('A02 开门失败：锁卡住了，没有弹开');
    expect(alert).toHaveTextContent('lock A02 did not release');
    expect(cell('A02')).toHaveAttribute('data-door', 'closed');
  });

  it('on real hardware shows no emulated receipt, and says when the lockers are not installed', async () => {
    const kiosk = new FakeKiosk();
    kiosk.simulated = false;
    kiosk.lockersInstalled = false;
    const { user, onBack } = renderScreen(kiosk);
    expect(await screen.findByRole('alert')).toHaveTextContent('未接入：设备未接入');
    expect(screen.queryByLabelText('模拟打印机：最后一张小票')).toBeNull();
    expect(screen.queryByText(/当前为模拟设备/)).toBeNull();
    await user.click(screen.getByRole('button', { name: '返回' }));
    expect(onBack).toHaveBeenCalled();
  });
});
