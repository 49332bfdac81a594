import { screen, within } from '@testing-library/react';
import type { EntityData } from '../../../sync/protocol';
import { freshDb, openTile, pull, recordSpeech } from '../common/villager-testing';

type Notice = EntityData<'notice'>;
const notice = (id: string, over: Partial<Notice>): Notice => ({
  id,
  title: `通知 ${id}`,
  body: '第一句话。第二句话。',
  category: 'service',
  pinned: false,
  urgent: false,
  publishedAt: '2026-03-01T12:00:00+08:00',
  ...over,
});

const NOTICES: Notice[] = [
  notice('n-old', { title: '旧的普通通知', publishedAt: '2026-01-05T12:00:00+08:00' }),
  notice('n-new', { title: '新的普通通知', publishedAt: '2026-05-01T12:00:00+08:00', category: 'policy' }),
  notice('n-pinned', { title: '置顶的优惠', pinned: true, publishedAt: '2026-02-01T12:00:00+08:00' }),
  notice('n-urgent', {
    title: '暴雨预警',
    urgent: true,
    category: 'safety',
    body: '今晚有暴雨。请不要下河。有事打村委会电话。',
    publishedAt: '2026-01-20T12:00:00+08:00',
  }),
  notice('n-both', {
    title: '假化肥提醒',
    urgent: true,
    pinned: true,
    publishedAt: '2026-01-01T12:00:00+08:00',
  }),
];

const rowTitles = () =>
  screen.getAllByRole('listitem').map((li) => li.querySelector('.notice-row__title')!.textContent);

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.reject(new TypeError('offline'))),
  );
});
afterEach(() => vi.unstubAllGlobals());

// Many taps per test: a loaded machine (shared cores) needs more than the default 5 s.
describe('notices (信息发布)', { timeout: 20_000 }, () => {
  it('says plainly when the county has published nothing yet', async () => {
    await openTile(freshDb('notices'), /公告/);
    expect(await screen.findByText(/^暂时没有公告/)).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('listitem')).toBeNull();
  });

  it('lists urgent first, then pinned, then newest; urgent and pinned are marked in words', async () => {
    const db = freshDb('notices');
    await pull(
      db,
      'notice',
      NOTICES.map((n) => ({ id: n.id, data: n })),
    );
    await openTile(db, /公告/);
    await screen.findByText('共 5 条公告');
    expect(rowTitles()).toEqual([
      '紧急置顶假化肥提醒',
      '紧急暴雨预警',
      '置顶置顶的优惠',
      '新的普通通知',
      '旧的普通通知',
    ]);
    const urgentRow = screen.getByRole('button', { name: /暴雨预警/ });
    expect(urgentRow).toHaveClass('notice-row--urgent');
    expect(within(urgentRow).getByText('紧急')).toHaveClass('badge--urgent');
    expect(urgentRow).toHaveTextContent('2026年1月20日');
    expect(screen.getByRole('button', { name: /新的普通通知/ })).not.toHaveClass('notice-row--urgent');
  });

  it('opens a notice in full, reads it aloud on request, and goes back to the list', async () => {
    const spoken = recordSpeech();
    const db = freshDb('notices');
    await pull(
      db,
      'notice',
      NOTICES.map((n) => ({ id: n.id, data: n })),
    );
    const { user } = await openTile(db, /公告/);
    await user.click(await screen.findByRole('button', { name: '朗读' }));
    expect(spoken.at(-1)).toBe(
      '共 5 条公告。紧急：假化肥提醒。紧急：暴雨预警。置顶的优惠。新的普通通知。旧的普通通知',
    );

    await user.click(screen.getByRole('button', { name: /暴雨预警/ }));
    const article = await screen.findByRole('article');
    expect(within(article).getByRole('heading')).toHaveTextContent('紧急暴雨预警');
    expect(article).toHaveTextContent('安全 · 2026年1月20日 发布');
    // The body in short paragraphs, one sentence each.
    expect(
      within(article)
        .getAllByText(/。$/)
        .map((p) => p.textContent),
    ).toEqual(['今晚有暴雨。', '请不要下河。', '有事打村委会电话。']);
    await user.click(screen.getByRole('button', { name: '朗读' }));
    expect(spoken.at(-1)).toBe('暴雨预警。今晚有暴雨。请不要下河。有事打村委会电话。');

    await user.click(screen.getByRole('button', { name: /返回$/ }));
    expect(await screen.findByText('共 5 条公告')).toBeInTheDocument();
  });

  it('pages five at a time, and shows a notice withdrawn while it is open as withdrawn', async () => {
    const db = freshDb('notices');
    const many = Array.from({ length: 7 }, (_, i) =>
      notice(`n-${i}`, { title: `第${i + 1}条`, publishedAt: `2026-0${i + 1}-10T12:00:00+08:00` }),
    );
    await pull(
      db,
      'notice',
      many.map((n) => ({ id: n.id, data: n })),
    );
    const { user } = await openTile(db, /公告/);
    await screen.findByText('共 7 条公告');
    expect(rowTitles()).toEqual(['第7条', '第6条', '第5条', '第4条', '第3条']);
    expect(screen.getByText('第 1/2 页')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /下一页/ }));
    expect(rowTitles()).toEqual(['第2条', '第1条']);

    await user.click(screen.getByRole('button', { name: /第1条/ }));
    await screen.findByRole('article');
    await pull(db, 'notice', [{ id: 'n-0', data: null }]);
    expect(await screen.findByText('这条公告已经撤下了')).toBeInTheDocument();
  });

  it('shows a category it does not know as 通知, and switches to English', async () => {
    const db = freshDb('notices');
    await pull(db, 'notice', [{ id: 'n-x', data: notice('n-x', { category: 'weather', title: '天气' }) }]);
    const { user } = await openTile(db, /公告/);
    await user.click(await screen.findByRole('button', { name: /天气/ }));
    expect(await screen.findByRole('article')).toHaveTextContent('通知 · 2026年3月1日 发布');
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('article')).toHaveTextContent('Notice · Published March 1, 2026');
  });
});
