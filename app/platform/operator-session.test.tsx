import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { App } from '../App';
import { createI18n } from '../i18n';
import { KioskDb } from '../store/db';
import { MAX_FAILURES } from '../store/operators';
import { seedOperator } from '../store/operators.testing';
import type { KioskPlatform } from './kiosk';
import type { KioskMethod, KioskTransport, MethodInput, MethodOutput, Result } from '../../kiosk-shell/api';

/** A shell that answers system.info (enrolled or not) and nothing else of note. */
function platform(enrolled: boolean): KioskPlatform {
  const api: KioskTransport = {
    invoke: <M extends KioskMethod>(method: M, _input: MethodInput<M>) =>
      Promise.resolve(
        (method === 'system.info'
          ? {
              ok: true,
              value: {
                version: 't',
                shell: 'browser',
                simulate: true,
                locale: 'zh-CN',
                idleTimeoutSeconds: 90,
                enrolled,
              },
            }
          : { ok: false, error: { code: 'NOT_AVAILABLE', message: 'n/a' } }) as Result<MethodOutput<M>>,
      ),
  };
  return { api, shell: 'browser', link: { state: () => 'open', subscribe: () => () => undefined } };
}

let n = 0;
async function setup(opts: { enrolled?: boolean; idleTimeoutMs?: number } = {}) {
  const db = new KioskDb(`session-test-${n++}`);
  await seedOperator(db, { id: 'op-1', name: '王芳', pin: '123456' });
  await seedOperator(db, { id: 'tech-1', name: '李工', pin: '999999', role: 'technician' });
  render(
    <I18nextProvider i18n={createI18n('zh-CN')}>
      <App platform={platform(opts.enrolled ?? true)} db={db} idleTimeoutMs={opts.idleTimeoutMs ?? 60_000} />
    </I18nextProvider>,
  );
  return { db, user: userEvent.setup() };
}

type User = ReturnType<typeof userEvent.setup>;
async function typePin(user: User, pin: string) {
  for (const d of pin) await user.click(screen.getByRole('button', { name: d }));
}
async function signInAs(user: User, name: string, pin: string) {
  await user.click(screen.getByRole('button', { name: /操作员/ }));
  await user.click(await screen.findByRole('button', { name: new RegExp(name) }));
  await typePin(user, pin);
}

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.reject(new TypeError('offline'))),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('operator sign-in and the gate', () => {
  it('asks who is signing in before showing any operator function', async () => {
    const { user } = await setup();
    await user.click(screen.getByRole('button', { name: /操作员/ }));
    expect(await screen.findByRole('heading', { name: '操作员登录' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '同步状态' })).toBeNull();
    expect(screen.getByRole('button', { name: /王芳/ })).toBeInTheDocument();
  });

  it('opens the menu for the right PIN and audits the sign-in under the operator id', async () => {
    const { user, db } = await setup();
    await signInAs(user, '王芳', '123456');
    expect(await screen.findByText('王芳（操作员）')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '同步状态' })).toBeInTheDocument();
    expect(await db.auditLog.where('kind').equals('operator.signin').first()).toMatchObject({
      operatorId: 'op-1',
    });
  });

  it('says how many tries are left after a wrong PIN and clears the keypad', async () => {
    const { user } = await setup();
    await signInAs(user, '王芳', '111111');
    expect(await screen.findByRole('alert')).toHaveTextContent('密码不对，还可以再试 4 次');
    expect(screen.getByLabelText('已输入的密码位数')).toHaveAttribute('data-filled', '0');
    expect(screen.queryByRole('button', { name: '同步状态' })).toBeNull();
  });

  it('locks the keypad after five wrong PINs, also when the operator comes back to it', async () => {
    const { user } = await setup();
    await signInAs(user, '王芳', '111111');
    for (let i = 1; i < MAX_FAILURES; i++) {
      await screen.findByText(`密码不对，还可以再试 ${MAX_FAILURES - i} 次`);
      await typePin(user, '111111');
    }
    expect(await screen.findByRole('alert')).toHaveTextContent(/已锁定/);
    expect(screen.getByRole('button', { name: '1' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: '换一位操作员' }));
    await user.click(screen.getByRole('button', { name: /王芳/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/已锁定/);
    expect(screen.getByRole('button', { name: '1' })).toBeDisabled();
  }, 20_000);

  it('signs the operator out after the idle time, and asks for the PIN again', async () => {
    const { user, db } = await setup({ idleTimeoutMs: 1500 });
    await signInAs(user, '王芳', '123456');
    await screen.findByText('王芳（操作员）');
    await waitFor(
      async () => expect(await db.auditLog.where('kind').equals('operator.signout').first()).toBeDefined(),
      { timeout: 4000 },
    );
    expect((await db.auditLog.where('kind').equals('operator.signout').first())?.detail).toEqual({
      reason: 'idle',
    });
    await user.click(await screen.findByRole('button', { name: /操作员/ }));
    expect(await screen.findByRole('heading', { name: '操作员登录' })).toBeInTheDocument();
  });

  it('signs out when the operator goes back to the home screen', async () => {
    const { user } = await setup();
    await signInAs(user, '王芳', '123456');
    await user.click(await screen.findByRole('button', { name: '返回首页' }));
    await user.click(screen.getByRole('button', { name: /操作员/ }));
    expect(await screen.findByRole('heading', { name: '操作员登录' })).toBeInTheDocument();
  });

  it('shows technician tasks to a technician only', async () => {
    const { user } = await setup();
    await signInAs(user, '王芳', '123456');
    await screen.findByText('王芳（操作员）');
    expect(screen.queryByRole('button', { name: '终端设置' })).toBeNull();
    expect(screen.queryByRole('button', { name: '终端注册' })).toBeNull();
    await user.click(screen.getByRole('button', { name: '退出登录' }));

    await signInAs(user, '李工', '999999');
    await screen.findByText('李工（技术员）');
    expect(screen.getByRole('button', { name: '终端设置' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '终端注册' })).toBeInTheDocument();
  });

  it('lets anyone enroll a terminal that is not enrolled yet, and offers nothing else', async () => {
    const { user } = await setup({ enrolled: false });
    await user.click(screen.getByRole('button', { name: /操作员/ }));
    expect(await screen.findByRole('button', { name: '终端注册' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '同步状态' })).toBeNull();
    await user.click(screen.getByRole('button', { name: '终端注册' }));
    expect(await screen.findByRole('heading', { name: '终端注册' })).toBeInTheDocument();
  });
});
