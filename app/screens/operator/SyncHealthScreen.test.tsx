import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { FakeCounty } from '../../../sync/fake-county';
import { createTestKiosk, recordOrder } from '../../../sync/testing';
import { createI18n } from '../../i18n';
import { SyncProvider } from '../../platform/sync';
import { SyncHealthScreen } from './SyncHealthScreen';

function renderScreen(kiosk: ReturnType<typeof createTestKiosk>) {
  render(
    <I18nextProvider i18n={createI18n('zh-CN')}>
      <SyncProvider engine={kiosk.engine}>
        <SyncHealthScreen db={kiosk.db} onBack={() => undefined} />
      </SyncProvider>
    </I18nextProvider>,
  );
}

describe('operator sync health', () => {
  it('shows what waits, and 立即同步 sends it to the county', async () => {
    const county = new FakeCounty();
    const kiosk = createTestKiosk({ county });
    await recordOrder(kiosk.db, 1);
    await recordOrder(kiosk.db, 2);
    renderScreen(kiosk);
    expect(await screen.findByText('2', { selector: '[data-fact=pending]' })).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '立即同步' }));
    await act(() => kiosk.engine.whenIdle());
    expect(await screen.findByText('正常')).toBeInTheDocument();
    expect(screen.getByText('0', { selector: '[data-fact=pending]' })).toBeInTheDocument();
    expect(county.applied).toHaveLength(2);
  });

  it('lists what the county refused, with the reason, and keeps it', async () => {
    const county = new FakeCounty();
    const kiosk = createTestKiosk({ county });
    await recordOrder(kiosk.db, 1, false); // a total that does not match its lines
    await act(() => kiosk.engine.runOnce().then(() => undefined));
    renderScreen(kiosk);
    expect(await screen.findByText(/县中心退回的记录（1 条/)).toBeInTheDocument();
    expect(screen.getByText('代购订单')).toBeInTheDocument();
    expect(screen.getByText(/totalFen/)).toBeInTheDocument();
  });
});
