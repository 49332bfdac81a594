import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../i18n';
import { freshDb } from '../common/villager-testing';
import { RequestFlow } from './RequestFlow';

type View = { kind: 'form'; from: string };

/**
 * The flow's own navigation, which the four services' tests walk only forwards: 返回 from the list
 * is back to an empty phone pad, and a service's view goes back where it says. Uses the 订票 words.
 */
function renderFlow(asked: string[]) {
  render(
    <I18nextProvider i18n={createI18n('zh-CN')}>
      <RequestFlow<string, View>
        service="tickets"
        db={freshDb('flow')}
        onHome={() => undefined}
        load={(_db, phone) => {
          asked.push(phone);
          return Promise.resolve([`row of ${phone}`]);
        }}
        sayList={(rows) => `${rows?.length ?? 0} rows`}
        list={(rows) => (
          <ul>
            {rows?.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
        start={{ kind: 'form', from: 'list' }}
        view={(view, { phone, toList }) => ({
          say: 'form',
          onBack: toList,
          body: <p>{`form for ${phone} from ${view.from}`}</p>,
        })}
      />
    </I18nextProvider>,
  );
}

describe('RequestFlow', () => {
  it('goes phone → that phone’s list → the service’s view, and 返回 retraces it to an empty pad', async () => {
    const asked: string[] = [];
    const user = userEvent.setup();
    renderFlow(asked);
    expect(screen.queryByRole('button', { name: '◀ 返回' })).not.toBeInTheDocument();
    for (const k of '13800138000') await user.click(screen.getByRole('button', { name: k }));
    await user.click(screen.getByRole('button', { name: '下一步' }));

    expect(screen.getByRole('heading', { name: '我的车票 · 手机号 138 0013 8000' })).toBeInTheDocument();
    expect(await screen.findByText('row of 13800138000')).toBeInTheDocument();
    expect(asked).toContain('13800138000');

    await user.click(screen.getByRole('button', { name: '新订票' }));
    expect(screen.getByText('form for 13800138000 from list')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '◀ 返回' }));
    expect(await screen.findByText('row of 13800138000')).toBeInTheDocument();

    // Back to the pad, which starts empty: the next villager does not see the last one's number.
    await user.click(screen.getByRole('button', { name: '◀ 返回' }));
    expect(screen.getByRole('status', { name: '您的手机号' })).toHaveAttribute('data-phone', '');
    expect(screen.queryByRole('button', { name: '◀ 返回' })).not.toBeInTheDocument();
  });
});
