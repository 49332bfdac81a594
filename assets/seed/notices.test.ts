import { seedNotices, seedNoticeSchema } from './index';

describe('seed notices', () => {
  it('has 5–8 notices that validate, with unique ids', () => {
    expect(seedNotices.length).toBeGreaterThanOrEqual(5);
    expect(seedNotices.length).toBeLessThanOrEqual(8);
    for (const notice of seedNotices) expect(seedNoticeSchema.parse(notice)).toEqual(notice);
    expect(new Set(seedNotices.map((n) => n.id)).size).toBe(seedNotices.length);
  });

  it('has at least one urgent and one pinned notice', () => {
    expect(seedNotices.some((n) => n.urgent)).toBe(true);
    expect(seedNotices.some((n) => n.pinned)).toBe(true);
  });

  it('dates every notice in 2026 and rejects a date outside it', () => {
    for (const notice of seedNotices) expect(notice.publishedAt.slice(0, 4)).toBe('2026');
    const [first] = seedNotices;
    expect(first).toBeDefined();
    const wrongYear = { ...first, publishedAt: '2025-12-31T08:00:00+08:00' };
    expect(seedNoticeSchema.safeParse(wrongYear).success).toBe(false);
  });
});
