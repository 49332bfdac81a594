import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import type { KioskMethod, KioskTransport, MethodOutput, Result } from '../../../kiosk-shell/api';
import { createI18n } from '../../i18n';
import { DiagnosticsLogs } from './DiagnosticsLogs';
import { DiagnosticsScan } from './DiagnosticsScan';
import { DiagnosticsSystem, type StorageLike } from './DiagnosticsSystem';

const ok = <T,>(value: T): Result<T> => ({ ok: true, value });

/** Answers as the shell's handlers do: scanner.next waits for scanner.simulate, as on the emulator. */
class FakeShell {
  simulate = true;
  logLines = [
    JSON.stringify({ level: 30, time: Date.UTC(2026, 10, 28, 8, 0, 0), module: 'printer', msg: 'printed' }),
    JSON.stringify({
      level: 50,
      time: Date.UTC(2026, 10, 28, 8, 1, 0),
      module: 'locker',
      msg: 'board silent',
    }),
  ];
  exportFails = false;
  private waiting: ((r: Result<unknown>) => void)[] = [];
  readonly calls: string[] = [];

  readonly api: KioskTransport = {
    invoke: <M extends KioskMethod>(method: M, input: unknown) => {
      this.calls.push(method);
      return this.answer(method, input) as Promise<Result<MethodOutput<M>>>;
    },
  };

  private answer(method: string, input: unknown): Promise<Result<unknown>> {
    switch (method) {
      case 'system.info':
        return Promise.resolve(
          ok({
            version: '0.1.0',
            shell: 'browser',
            simulate: this.simulate,
            locale: 'zh-CN',
            idleTimeoutSeconds: 90,
            enrolled: true,
          }),
        );
      case 'scanner.status':
        return Promise.resolve(
          this.simulate
            ? ok({ port: 'serial:/dev/ttyACM0@9600', state: 'unplugged', simulated: false })
            : { ok: false, error: { code: 'NOT_AVAILABLE', message: 'none' } },
        );
      case 'scanner.next':
        return new Promise((resolve) => this.waiting.push(resolve));
      case 'scanner.simulate': {
        const { code } = input as { code: string };
        for (const w of this.waiting.splice(0)) w(ok({ code, at: Date.now() }));
        return Promise.resolve(ok({}));
      }
      case 'logs.recent':
        return Promise.resolve(ok({ lines: this.logLines, total: this.logLines.length }));
      case 'logs.export':
        return Promise.resolve(
          this.exportFails
            ? { ok: false, error: { code: 'IO_ERROR', message: '磁盘已满 / ENOSPC' } }
            : ok({ file: '/srv/vpk/data/kiosk/log-exports/kiosk-log-1.txt', lines: 2, bytes: 200 }),
        );
      default:
        return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: method } });
    }
  }
}

const inI18n = (node: React.ReactNode) => (
  <I18nextProvider i18n={createI18n('zh-CN')}>{node}</I18nextProvider>
);

function wedgeScan(code: string) {
  // As fast as a scanner types: all keys within the same few milliseconds.
  act(() => {
    for (const key of [...code, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key }));
  });
}

describe('diagnostics: scanner test', () => {
  it('shows what a keyboard-wedge scanner read, and what it was read as', async () => {
    const shell = new FakeShell();
    render(inI18n(<DiagnosticsScan api={shell.api} />));
    expect(screen.getByText('等待扫码…')).toBeInTheDocument();
    wedgeScan('SF1234567890');
    expect(await screen.findByText('SF1234567890')).toBeInTheDocument();
    expect(screen.getByText('快递单号', { selector: '[data-fact=scan-kind]' })).toBeInTheDocument();
    expect(screen.getByText('扫码枪（键盘式）')).toBeInTheDocument();
    expect(screen.getByText(/未连接：请检查扫码枪的USB线/)).toHaveAttribute('data-fact', 'serial-scanner');
  });

  it('feeds the simulated serial scanner and shows the code arriving from it', async () => {
    const shell = new FakeShell();
    const user = userEvent.setup();
    render(inI18n(<DiagnosticsScan api={shell.api} />));
    const field = await screen.findByLabelText('模拟扫码内容');
    await user.type(field, 'VPK1:P:V001:48219');
    // The last digit from the on-screen keypad: the terminal has no keyboard.
    await user.click(
      within(screen.getByRole('group', { name: '模拟扫码内容的按键' })).getByRole('button', { name: '3' }),
    );
    await user.click(screen.getByRole('button', { name: '模拟扫码' }));
    expect(await screen.findByText('VPK1:P:V001:482193')).toBeInTheDocument();
    expect(screen.getByText('取件码', { selector: '[data-fact=scan-kind]' })).toBeInTheDocument();
    expect(screen.getByText('串口扫码枪', { selector: '[data-fact=scan-source]' })).toBeInTheDocument();
    expect(field).toHaveValue('');
  });

  it('offers no simulated scan on real hardware', async () => {
    const shell = new FakeShell();
    shell.simulate = false;
    render(inI18n(<DiagnosticsScan api={shell.api} />));
    await act(async () => Promise.resolve());
    expect(shell.calls).toContain('system.info');
    expect(screen.queryByLabelText('模拟扫码内容')).not.toBeInTheDocument();
    expect(await screen.findByText('没有配置（键盘式扫码枪无需设置）')).toBeInTheDocument();
  });
});

describe('diagnostics: terminal and storage', () => {
  function storage(grant: boolean): StorageLike & { state: boolean } {
    const s = {
      state: false,
      estimate: () => Promise.resolve({ usage: 50 * 1024 * 1024, quota: 1000 * 1024 * 1024 }),
      persisted: () => Promise.resolve(s.state),
      persist: () => {
        s.state = grant;
        return Promise.resolve(grant);
      },
    };
    return s;
  }

  it('shows the version, storage use, and asks for persistent storage when it is off', async () => {
    const shell = new FakeShell();
    const store = storage(true);
    const user = userEvent.setup();
    render(inI18n(<DiagnosticsSystem api={shell.api} storage={store} />));
    // the shell's version, then the page's own (app/version.ts: 'dev' outside a build)
    expect(await screen.findByText('0.1.0 / dev')).toBeInTheDocument();
    expect(screen.getByText('浏览器模式')).toBeInTheDocument();
    expect(await screen.findByText('已用 50.0 MB，共 1000.0 MB（5%）')).toBeInTheDocument();
    expect(screen.getByText(/未开启：存储紧张时/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '申请持久存储' }));
    expect(await screen.findByText(/已开启/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '申请持久存储' })).not.toBeInTheDocument();
  });

  it('says so when the browser refuses persistence, and when storage cannot be read', async () => {
    const shell = new FakeShell();
    const user = userEvent.setup();
    const { unmount } = render(inI18n(<DiagnosticsSystem api={shell.api} storage={storage(false)} />));
    await user.click(await screen.findByRole('button', { name: '申请持久存储' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('浏览器拒绝了持久存储申请');
    unmount();
    render(inI18n(<DiagnosticsSystem api={shell.api} storage={undefined} />));
    expect(await screen.findByText('无法读取存储用量')).toBeInTheDocument();
  });
});

describe('diagnostics: logs', () => {
  it('shows the recent log readably and exports it to a file the technician can copy', async () => {
    const shell = new FakeShell();
    const user = userEvent.setup();
    render(inI18n(<DiagnosticsLogs api={shell.api} />));
    await user.click(screen.getByRole('button', { name: '显示最近日志' }));
    const log = await screen.findByLabelText('运行日志');
    expect(log).toHaveTextContent(/信息 \[printer\] printed/);
    expect(log).toHaveTextContent(/错误 \[locker\] board silent/);
    await user.click(screen.getByRole('button', { name: '导出日志' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      '已导出 2 行到 /srv/vpk/data/kiosk/log-exports/kiosk-log-1.txt',
    );
  });

  it('says why an export failed', async () => {
    const shell = new FakeShell();
    shell.exportFails = true;
    const user = userEvent.setup();
    render(inI18n(<DiagnosticsLogs api={shell.api} />));
    await user.click(screen.getByRole('button', { name: '导出日志' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('导出失败：磁盘已满');
  });
});
