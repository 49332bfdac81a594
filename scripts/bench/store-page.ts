/**
 * Runs inside the kiosk page in Chromium (bundled by scripts/bench-store.ts): the real store code on
 * the browser's real IndexedDB with strict durability — catalogue search per keystroke over 20,000
 * items and order placement (order row + outbox in one transaction). A separate database, so the
 * kiosk's own data is untouched.
 */
import { KioskDb } from '../../app/store/db';
import { itemsInCategory, searchCatalogue } from '../../app/store/catalogue';
import { applyPullPage } from '../../app/store/pull-store';
import { placeOrder } from '../../app/store/orders';
import type { EntityData } from '../../sync/protocol';

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

(window as unknown as Record<string, unknown>).__bench = async (
  items: EntityData<'catalogue_item'>[],
  limit = 48,
) => {
  const db = new KioskDb(`bench-shop-${Date.now()}`);
  let cursor = 0;
  const t0 = performance.now();
  for (let i = 0; i < items.length; i += 2000) {
    const changes = items.slice(i, i + 2000).map((item, j) => ({
      entity: 'catalogue_item' as const,
      id: item.id,
      op: 'upsert' as const,
      data: item,
      version: String(cursor + j + 1),
    }));
    await applyPullPage(db, { from: String(cursor), to: String(cursor + changes.length), changes });
    cursor += changes.length;
  }
  const load = performance.now() - t0;
  const keystrokes = [
    'h',
    'hf',
    'hu',
    'hua',
    'huaf',
    'huafe',
    'huafei',
    'd',
    'dd',
    'ddy',
    'n',
    'ns',
    '化',
    '化肥',
    '金',
    '金龙',
    '金龙鱼',
    'l',
    'lv',
    'lvdou',
  ];
  for (const q of keystrokes) await searchCatalogue(db, q, { limit }); // warm
  const times: number[] = [];
  const per: Record<string, number> = {};
  for (let r = 0; r < 10; r++)
    for (const q of keystrokes) {
      const s = performance.now();
      await searchCatalogue(db, q, { limit });
      const d = performance.now() - s;
      times.push(d);
      per[q] = Math.max(per[q] ?? 0, d);
    }
  const cat: number[] = [];
  for (let r = 0; r < 10; r++) {
    const s = performance.now();
    const rows = await itemsInCategory(db, 'cat-3');
    cat.push(performance.now() - s);
    if (rows.length < 100) throw new Error('category too small');
  }
  const orders: number[] = [];
  for (let r = 0; r < 30; r++) {
    const s = performance.now();
    const res = await placeOrder(db, {
      phone: '13800138000',
      lines: [{ itemId: 'sku-00001', name: 'x', spec: '1', unit: '袋', qty: 2, unitPriceFen: 100 }],
      payment: 'cash',
    });
    orders.push(performance.now() - s);
    if (!res.ok) throw new Error(res.error.message);
  }
  const catSize = (await itemsInCategory(db, 'cat-3')).length;
  db.close();
  return {
    load,
    search: {
      n: times.length,
      median: pct(times, 0.5),
      p95: pct(times, 0.95),
      max: Math.max(...times),
      worst: per,
    },
    category: { size: catSize, median: pct(cat, 0.5), p95: pct(cat, 0.95) },
    order: { median: pct(orders, 0.5), p95: pct(orders, 0.95) },
  };
};
