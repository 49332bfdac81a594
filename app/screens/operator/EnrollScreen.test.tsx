import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../i18n';
import { EnrollScreen } from './EnrollScreen';
import type { KioskTransport, Result } from '../../../kiosk-shell/api';

function setup(answer: Result<unknown>) {
  const invoke = vi.fn(() => Promise.resolve(answer));
  const onDone = vi.fn();
  const onEnrolled = vi.fn();
  render(
    <I18nextProvider i18n={createI18n('zh-CN')}>
      <EnrollScreen api={{ invoke } as unknown as KioskTransport} onDone={onDone} onEnrolled={onEnrolled} />
    </I18nextProvider>,
  );
  return { invoke, onDone, onEnrolled, user: userEvent.setup() };
}

async function typeCode(user: ReturnType<typeof userEvent.setup>, code: string) {
  for (const ch of code) await user.click(screen.getByRole('button', { name: ch }));
}

describe('terminal enrollment', () => {
  it('enables 注册 only when all 8 characters are typed, and sends the code through KioskApi', async () => {
    const { invoke, onEnrolled, user } = setup({
      ok: true,
      value: { deviceId: 'd1', village: '赵脑村', township: '熊口镇', county: '潜江市' },
    });
    await typeCode(user, 'ABCD234');
    expect(screen.getByRole('button', { name: '注册' })).toBeDisabled();
    await typeCode(user, 'Z');
    expect(screen.getByLabelText('注册码')).toHaveTextContent('ABCD-234Z');
    await user.click(screen.getByRole('button', { name: '注册' }));
    expect(invoke).toHaveBeenCalledWith('device.enroll', { code: 'ABCD234Z', deviceName: '服务点终端' });
    expect(await screen.findByText('本终端已注册到 潜江市 熊口镇 赵脑村。')).toBeInTheDocument();
    expect(onEnrolled).toHaveBeenCalledTimes(1); // sync starts at once, not at the next retry
  });

  it('shows the county’s refusal in Chinese and keeps the code for a correction', async () => {
    const { user, onEnrolled } = setup({
      ok: false,
      error: { code: 'REJECTED', message: '注册码无效、已用过或已过期' },
    });
    await typeCode(user, 'ABCD234Z');
    await user.click(screen.getByRole('button', { name: '注册' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('注册码无效、已用过或已过期');
    expect(onEnrolled).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: '删除一位' }));
    expect(screen.getByLabelText('注册码')).toHaveTextContent('ABCD-234·');
  });

  it('offers no 0, O, 1 or I keys, which are easy to confuse', () => {
    setup({ ok: false, error: { code: 'INTERNAL', message: '' } });
    for (const ch of ['0', 'O', '1', 'I']) expect(screen.queryByRole('button', { name: ch })).toBeNull();
  });
});
