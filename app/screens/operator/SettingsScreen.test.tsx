import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import type {
  KioskMethod,
  KioskSettings,
  KioskTransport,
  MethodOutput,
  Result,
  SettingsView,
} from '../../../kiosk-shell/api';
import { createI18n } from '../../i18n';
import { SettingsScreen } from './SettingsScreen';

const ok = <T,>(value: T): Result<T> => ({ ok: true, value });

const current: KioskSettings = {
  countyUrl: 'http://10.1.1.5:8600',
  idleTimeoutSeconds: 90,
  locale: 'zh-CN',
  printer: { target: 'tcp://192.168.1.50:9100', paperWidthMm: 58 },
  locker: {
    port: '/dev/ttyUSB0',
    protocol: 'generic',
    compartments: [{ id: 'A01', board: 1, lock: 1, size: 'S', disabled: false }],
  },
  scanner: { port: null, baudRate: 9600 },
};

/** settings.* as the shell answers them; `saveAnswer` stands in for the shell's own validation. */
class FakeShell {
  view: SettingsView = {
    settings: current,
    file: '/srv/vpk/vpk.config.json',
    fromEnvironment: [],
    restartPending: false,
  };
  saved: KioskSettings[] = [];
  saveAnswer: Result<unknown> | undefined;
  testAnswer: Result<unknown> = ok({ latencyMs: 42, serverTime: null });
  tested: string[] = [];
  readonly api: KioskTransport = {
    invoke: <M extends KioskMethod>(method: M, input: unknown) =>
      Promise.resolve(this.answer(method, input) as Result<MethodOutput<M>>),
  };

  private answer(method: string, input: unknown): Result<unknown> {
    switch (method) {
      case 'settings.get':
        return ok(this.view);
      case 'settings.save': {
        if (this.saveAnswer) return this.saveAnswer;
        const { settings } = input as { settings: KioskSettings };
        this.saved.push(settings);
        return ok({
          file: this.view.file,
          restartRequired: ['kiosk.idleTimeoutSeconds', 'kiosk.hardware.locker'],
        });
      }
      case 'settings.testCounty':
        this.tested.push((input as { url: string }).url);
        return this.testAnswer;
      default:
        return { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } };
    }
  }
}

function renderScreen(shell: FakeShell) {
  const onBack = vi.fn();
  render(
    <I18nextProvider i18n={createI18n('zh-CN')}>
      <SettingsScreen api={shell.api} onBack={onBack} />
    </I18nextProvider>,
  );
  return { onBack, user: userEvent.setup() };
}

describe('technician settings', () => {
  it('shows the settings, saves what the technician changed and says what needs a restart', async () => {
    const shell = new FakeShell();
    const { user } = renderScreen(shell);
    const idle = await screen.findByLabelText('无操作返回首页（秒）');
    expect(screen.getByLabelText(/县级中心地址/)).toHaveValue('http://10.1.1.5:8600');
    expect(screen.getByLabelText('格口号 1')).toHaveValue('A01');
    expect(screen.getByText('所有设置在重启终端后生效')).toBeInTheDocument();

    await user.clear(idle);
    await user.type(idle, '120');
    await user.click(
      within(screen.getByRole('group', { name: '纸宽' })).getByRole('button', { name: '80 毫米' }),
    );
    await user.click(screen.getByRole('button', { name: '添加一格' }));
    expect(screen.getByLabelText('格口号 2')).toHaveValue('A02');
    expect(screen.getByLabelText('锁号 2')).toHaveValue('2');
    await user.selectOptions(screen.getByLabelText('尺寸 2'), 'L');
    await user.clear(screen.getByLabelText(/打印机地址/));
    await user.click(screen.getByRole('button', { name: '保存设置' }));

    expect(await screen.findByRole('status')).toHaveTextContent(
      '已保存。需要重启终端才生效的设置：无操作返回首页、快递柜',
    );
    expect(shell.saved).toEqual([
      {
        ...current,
        idleTimeoutSeconds: 120,
        printer: { target: null, paperWidthMm: 80 },
        locker: {
          ...current.locker,
          compartments: [
            ...current.locker.compartments,
            { id: 'A02', board: 1, lock: 2, size: 'L', disabled: false },
          ],
        },
      },
    ]);
  });

  it('types into the tapped field with the on-screen keypad (the terminal has no keyboard)', async () => {
    const shell = new FakeShell();
    const { user } = renderScreen(shell);
    await user.click(await screen.findByRole('textbox', { name: /^扫码枪串口/ }));
    const keypad = screen.getByRole('group', { name: '扫码枪串口的按键' });
    await user.click(within(keypad).getByRole('button', { name: '大写' }));
    for (const key of ['C', 'O', 'M', '3'])
      await user.click(within(keypad).getByRole('button', { name: key }));
    expect(screen.getByRole('textbox', { name: /^扫码枪串口/ })).toHaveValue('COM3');

    await user.click(screen.getByRole('textbox', { name: '锁号 1' }));
    const cellKeys = screen.getByRole('group', { name: '锁号 1的按键' });
    await user.click(within(cellKeys).getByRole('button', { name: '删除一个字' }));
    await user.click(within(cellKeys).getByRole('button', { name: '7' }));
    await user.click(within(cellKeys).getByRole('button', { name: '完成' }));
    expect(screen.queryByRole('group', { name: /的按键/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '保存设置' }));
    await screen.findByRole('status');
    expect(shell.saved[0]?.scanner.port).toBe('COM3');
    expect(shell.saved[0]?.locker.compartments[0]?.lock).toBe(7);
  });

  it('says which field is not a number without sending anything', async () => {
    const shell = new FakeShell();
    const { user } = renderScreen(shell);
    const board = await screen.findByLabelText('板号 1');
    await user.clear(board);
    await user.type(board, 'x');
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('板号 1 必须是数字');
    expect(shell.saved).toEqual([]);
  });

  it('shows the shell’s reason, naming the wrong setting, when it refuses to save', async () => {
    const shell = new FakeShell();
    shell.saveAnswer = {
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message:
          '设置有误，未保存 / not saved: 格口表第 1 行的锁号（kiosk.hardware.locker.compartments.0.lock）：数值过大',
      },
    };
    const { user } = renderScreen(shell);
    await user.click(await screen.findByRole('button', { name: '保存设置' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '没有保存：设置有误，未保存 / not saved: 格口表第 1 行的锁号',
    );
  });

  it('tests the county address as typed, and says why it failed', async () => {
    const shell = new FakeShell();
    const { user } = renderScreen(shell);
    const url = await screen.findByLabelText(/县级中心地址/);
    await user.clear(url);
    await user.type(url, 'https://county.example.gov.cn');
    await user.click(screen.getByRole('button', { name: '测试连接' }));
    expect(await screen.findByRole('status')).toHaveTextContent('连接正常，用时 42 毫秒');
    expect(shell.tested).toEqual(['https://county.example.gov.cn']);

    shell.testAnswer = { ok: false, error: { code: 'TIMEOUT', message: '连接超时（5 秒）' } };
    await user.click(screen.getByRole('button', { name: '测试连接' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('连接失败：连接超时（5 秒）');
    await user.clear(url);
    expect(screen.getByRole('button', { name: '测试连接' })).toBeDisabled();
  });

  it('says when a restart is pending and which settings the environment overrides', async () => {
    const shell = new FakeShell();
    shell.view = {
      ...shell.view,
      restartPending: true,
      fromEnvironment: [{ setting: 'kiosk.countyUrl', variable: 'VPK_COUNTY_URL' }],
    };
    renderScreen(shell);
    expect(await screen.findByText('配置文件已修改，重启终端后生效')).toBeInTheDocument();
    expect(screen.getByText(/kiosk\.countyUrl 由环境变量 VPK_COUNTY_URL 设定/)).toBeInTheDocument();
  });
});
