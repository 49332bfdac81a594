import { act, fireEvent, screen, within } from '@testing-library/react';
import type { EntityData } from '../../../sync/protocol';
import { freshDb, openTile, pull, recordSpeech } from '../common/villager-testing';
import type { KioskDb } from '../../store/db';
import { normalizeTraceCode } from '../../store/trace';

const RICE: EntityData<'trace_record'> = {
  code: '4290052602200002',
  product: '虾稻米 10kg/袋',
  origin: '湖北省潜江市积玉口镇',
  producer: '潜江市积玉口虾稻米加工厂',
  batch: 'XDM2026-0220',
  inspection: '2026-02-18 检验合格',
};
const HONEY: EntityData<'trace_record'> = {
  code: 'FM260506',
  product: '土蜂蜜 500g/瓶',
  origin: '湖北省潜江市老新镇',
  producer: '张家蜂场',
  batch: 'FM260506',
  inspection: null,
};

async function openTrace(): Promise<{ db: KioskDb; user: Awaited<ReturnType<typeof openTile>>['user'] }> {
  const db = freshDb('trace');
  await pull(db, 'trace_record', [
    { id: RICE.code, data: RICE },
    { id: HONEY.code, data: HONEY },
  ]);
  const { user } = await openTile(db, /溯源/);
  await screen.findByRole('heading', { name: '溯源' });
  return { db, user };
}

const scan = (code: string) => {
  for (const key of [...code, 'Enter']) fireEvent.keyDown(window, { key });
};
const codeShown = () => screen.getByLabelText('溯源码', { selector: 'output' });

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.reject(new TypeError('offline'))),
  );
});
afterEach(() => vi.unstubAllGlobals());

// Many taps per test: a loaded machine (shared cores) needs more than the default 5 s.
describe('trace (溯源)', { timeout: 20_000 }, () => {
  it('looks up a code typed on the number keys: origin, producer, batch and inspection', async () => {
    const spoken = recordSpeech();
    const { user } = await openTrace();
    for (const k of RICE.code) await user.click(screen.getByRole('button', { name: k }));
    expect(codeShown()).toHaveTextContent(RICE.code);
    await user.click(screen.getByRole('button', { name: '查询' }));

    const result = await screen.findByRole('region', { name: RICE.product });
    const facts = Object.fromEntries(
      within(result)
        .getAllByRole('term')
        .map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
    );
    expect(facts).toEqual({
      溯源码: RICE.code,
      产地: RICE.origin,
      生产者: RICE.producer,
      批次: RICE.batch,
      检验: RICE.inspection,
    });
    await user.click(screen.getByRole('button', { name: '朗读' }));
    expect(spoken.at(-1)).toBe(
      '虾稻米 10kg/袋。产地，湖北省潜江市积玉口镇。生产者，潜江市积玉口虾稻米加工厂。批次，XDM2026-0220。检验，2026-02-18 检验合格。',
    );
  });

  it('says 未找到 clearly for an unknown code, and asks for a code when none is typed', async () => {
    const spoken = recordSpeech();
    const { user } = await openTrace();
    await user.click(screen.getByRole('button', { name: '查询' }));
    expect(screen.getByRole('alert')).toHaveTextContent('请先输入溯源码');

    for (const k of '123456') await user.click(screen.getByRole('button', { name: k }));
    // Typing again clears the old answer: a stale answer never sits beside a new code.
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: '查询' }));
    expect(await screen.findByRole('heading', { name: '未找到' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('没有找到溯源码 123456 的记录');
    await user.click(screen.getByRole('button', { name: '朗读' }));
    expect(spoken.at(-1)).toBe('未找到溯源码 123456 的记录。');

    await user.click(screen.getByRole('button', { name: '再查一个' }));
    expect(screen.queryByRole('heading', { name: '未找到' })).toBeNull();
    expect(codeShown()).toHaveTextContent('点下面的数字输入');
  });

  it('types letters on the letter keys and shows a record without inspection as such', async () => {
    const { user } = await openTrace();
    await user.click(screen.getByRole('radio', { name: '字母' }));
    for (const k of 'FM') await user.click(screen.getByRole('button', { name: k }));
    await user.click(screen.getByRole('radio', { name: '数字' }));
    for (const k of '260506') await user.click(screen.getByRole('button', { name: k }));
    await user.click(screen.getByRole('button', { name: '查询' }));
    const result = await screen.findByRole('region', { name: HONEY.product });
    expect(result).toHaveTextContent('检验暂无检验记录');
  });

  it('looks up a scanned code at once, including a QR that carries a URL', async () => {
    const { user } = await openTrace();
    for (const k of '999') await user.click(screen.getByRole('button', { name: k }));
    act(() => scan(`https://trace.example.cn/q?code=${RICE.code}`));
    expect(await screen.findByRole('region', { name: RICE.product })).toBeInTheDocument();
    expect(codeShown()).toHaveTextContent(RICE.code);
    act(() => scan('6900000000000'));
    expect(await screen.findByRole('heading', { name: '未找到' })).toBeInTheDocument();
    act(() => scan(`VPK1:T:${RICE.code}`));
    expect(await screen.findByRole('region', { name: RICE.product })).toBeInTheDocument();
  });
});

describe('normalizeTraceCode', () => {
  it('keeps the label code: spaces and dashes dropped, letters in capitals, URLs reduced to their code', () => {
    expect(normalizeTraceCode(' 4290-0526 0220 ')).toBe('429005260220');
    expect(normalizeTraceCode('fm260506')).toBe('FM260506');
    expect(normalizeTraceCode('https://x.cn/t/4290052602200002')).toBe('4290052602200002');
    expect(normalizeTraceCode('https://x.cn/t?c=ab-12')).toBe('AB12');
    expect(normalizeTraceCode('   ')).toBe('');
  });
});
