import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { ComingSoon } from './screens/common/ComingSoon';
import { createI18n } from './i18n';
import { KioskDb } from './store/db';
import { recordAction } from './store/outbox';
import type { KioskPlatform } from './platform/kiosk';
import type { KioskMethod, KioskTransport, MethodInput, MethodOutput, Result } from '../kiosk-shell/api';

/** An in-memory transport answering like the shell's handlers would. */
function fakePlatform(printerState: 'ready' | 'paper_out' = 'ready'): KioskPlatform {
  const answers: Record<string, Result<unknown>> = {
    'printer.status': {
      ok: true,
      value: { state: printerState, model: 'sim', paperWidthMm: 58, simulated: true },
    },
    'locker.status': {
      ok: true,
      value: { state: 'ready', compartments: 24, free: 20, outOfService: 0, simulated: true },
    },
  };
  const api: KioskTransport = {
    invoke: <M extends KioskMethod>(method: M, _input: MethodInput<M>) =>
      Promise.resolve(answers[method] as Result<MethodOutput<M>>),
  };
  return { api, shell: 'browser', link: { state: () => 'open', subscribe: () => () => undefined } };
}

let dbCounter = 0;
function renderApp(opts: { idleTimeoutMs?: number; platform?: KioskPlatform; db?: KioskDb } = {}) {
  const db = opts.db ?? new KioskDb(`test-${dbCounter++}`);
  const onIdleHome = vi.fn();
  render(
    <I18nextProvider i18n={createI18n('zh-CN')}>
      <App
        platform={opts.platform ?? fakePlatform()}
        db={db}
        idleTimeoutMs={opts.idleTimeoutMs ?? 60_000}
        onIdleHome={onIdleHome}
      />
    </I18nextProvider>,
  );
  return { db, onIdleHome };
}

beforeEach(() => {
  // The county proxy is not there in jsdom: the link shows offline, as on a village with no signal.
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.reject(new TypeError('offline'))),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('home screen', () => {
  it('offers a large tile for every villager service and an operator entry', () => {
    renderApp();
    for (const name of [
      '代购',
      '代销',
      '缴费充值',
      '订票',
      '取件',
      '寄件',
      '退换货',
      '公告',
      '溯源',
      '我的订单',
    ]) {
      expect(screen.getByRole('button', { name: new RegExp(name) })).toBeInTheDocument();
    }
    expect(screen.getByRole('button', { name: /操作员/ })).toBeInTheDocument();
  });

  it('says 即将开通 clearly for a service not built yet, with one tap back home', async () => {
    // Every villager tile is built now; the panel stays for services (and operator tasks) to come.
    const user = userEvent.setup();
    const onHome = vi.fn();
    render(
      <I18nextProvider i18n={createI18n('zh-CN')}>
        <ComingSoon serviceName="订票" onHome={onHome} />
      </I18nextProvider>,
    );
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText('即将开通')).toBeInTheDocument();
    expect(within(dialog).getByText(/“订票”功能即将开通/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '返回首页' }));
    expect(onHome).toHaveBeenCalledTimes(1);
  });

  it('shows printer and locker state from the KioskApi in the status bar', async () => {
    renderApp({ platform: fakePlatform('paper_out') });
    expect(await screen.findByText(/缺纸/)).toBeInTheDocument();
    expect(await screen.findByText(/空闲 20\/24/)).toBeInTheDocument();
    expect(await screen.findByText('离线')).toBeInTheDocument();
  });

  it('counts what is waiting in the outbox', async () => {
    const db = new KioskDb(`test-${dbCounter++}`);
    await recordAction(db, {
      table: 'sideEffects',
      row: { id: 'p1', kind: 'print', status: 'done', createdAt: '', ref: 'x' },
      type: 'test',
      payload: {},
    });
    renderApp({ db });
    expect(await screen.findByText('待同步 1 条')).toBeInTheDocument();
  });

  it('returns to home after the idle timeout, warning first', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    const { onIdleHome } = renderApp({ idleTimeoutMs: 30_000 });
    await user.click(screen.getByRole('button', { name: /公告/ }));
    expect(screen.getByRole('main', { name: '公告' })).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(21_000));
    expect(screen.getByRole('alert')).toHaveTextContent('即将返回首页');
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(screen.queryByRole('main', { name: '公告' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: /溯源/ })).toBeInTheDocument();
    expect(onIdleHome).toHaveBeenCalledTimes(1);
  });

  it('switches to English and back', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('button', { name: /Collect parcel/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '中文' }));
    expect(screen.getByRole('button', { name: /取件/ })).toBeInTheDocument();
  });
});
