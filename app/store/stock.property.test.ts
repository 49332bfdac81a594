/**
 * "Stock and cash always balance", over random days of shop work (seeded: a failure names its seed
 * and replays exactly). After every step, whatever was refused:
 * - each item's shelf qty is ≥ 0 and equals the sum of its movements;
 * - what the county would compute from the outbox (stock.moved deltas + sale.recorded lines) equals it;
 * - the drawer's sale cash equals the recorded sales, its order cash the cash orders, and the
 *   expected cash equals Σ of every movement; closing with exactly that count leaves no difference.
 */
import { mulberry32 } from '../../common/prng';
import { addCashMovement, summarizeCash } from './cash';
import { closeCashDay, openCashDay, readCashDay } from './cash-day';
import { KioskDb, type OutboxEntry } from './db';
import { placeOrder } from './orders';
import { recordSale } from './sales';
import { adjustStock, stockCatalogueItem, stockIn } from './stock';

const ITEMS = [
  { id: 'i-soy', name: '酱油', unit: '瓶', priceFen: 1250 },
  { id: 'i-salt', name: '食盐', unit: '袋', priceFen: 300 },
  { id: 'i-soap', name: '肥皂', unit: '块', priceFen: 450 },
];

/** What the county's stock_movements would hold per item after applying this outbox. */
function countyStock(outbox: OutboxEntry[]): Map<string, number> {
  const qty = new Map<string, number>();
  const add = (id: string, d: number) => qty.set(id, (qty.get(id) ?? 0) + d);
  for (const e of outbox) {
    const p = e.payload as { itemId: string; qtyDelta: number; lines: { itemId: string; qty: number }[] };
    if (e.type === 'stock.moved') add(p.itemId, p.qtyDelta);
    if (e.type === 'sale.recorded') for (const l of p.lines) add(l.itemId, -l.qty);
  }
  return qty;
}

async function checkBalances(db: KioskDb, seed: number, step: number): Promise<void> {
  const where = `seed ${seed}, step ${step}`;
  const outbox = await db.outbox.toArray();
  const county = countyStock(outbox);
  for (const item of await db.stockItems.toArray()) {
    const moves = await db.stockMovements.where('itemId').equals(item.id).toArray();
    expect(item.qty, where).toBeGreaterThanOrEqual(0);
    expect(
      moves.reduce((s, m) => s + m.qtyDelta, 0),
      where,
    ).toBe(item.qty);
    expect(county.get(item.id) ?? 0, where).toBe(item.qty);
  }
  const cash = await db.cashMovements.toArray();
  const sumOf = (kind: string) => cash.filter((c) => c.kind === kind).reduce((s, c) => s + c.amountFen, 0);
  const sales = await db.sales.toArray();
  expect(sumOf('sale'), where).toBe(sales.reduce((s, x) => s + x.totalFen, 0));
  const cashOrders = (await db.orders.toArray()).filter((o) => o.payment === 'cash');
  expect(sumOf('order'), where).toBe(cashOrders.reduce((s, o) => s + o.totalFen, 0));
  expect(summarizeCash(cash).expectedFen, where).toBe(cash.reduce((s, c) => s + c.amountFen, 0));
}

async function randomDay(seed: number, steps: number): Promise<void> {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  const now = new Date('2026-11-28T08:00:00');
  const tick = () => new Date(now.setMinutes(now.getMinutes() + 1));
  const db = new KioskDb(`stock-property-${seed}`);
  for (const item of ITEMS) await stockCatalogueItem(db, { ...item, spec: '', barcode: null });
  await openCashDay(db, { floatFen: int(0, 50_000), operatorId: 'op-1' }, { now: tick });

  for (let step = 0; step < steps; step++) {
    const item = pick(ITEMS);
    const deps = { now: tick };
    switch (int(0, 5)) {
      case 0:
        await stockIn(db, { itemId: item.id, qty: int(1, 20), unitCostFen: int(0, 2000) }, deps);
        break;
      case 1:
      case 2: {
        const lines = Array.from({ length: int(1, 3) }, () => {
          const it = pick(ITEMS);
          return { itemId: it.id, name: it.name, qty: int(1, 6), unitPriceFen: it.priceFen };
        });
        const total = lines.reduce((s, l) => s + l.qty * l.unitPriceFen, 0);
        const confirm = rnd() < 0.5 ? ITEMS.map((i) => i.id) : [];
        await recordSale(db, { lines, paidFen: total + int(0, 1000), confirmShort: confirm }, deps);
        break;
      }
      case 3:
        await adjustStock(
          db,
          rnd() < 0.5
            ? { kind: 'loss', itemId: item.id, qty: int(1, 5), note: '损耗' }
            : { kind: 'count', itemId: item.id, counted: int(0, 15), note: '盘点' },
          deps,
        );
        break;
      case 4:
        await placeOrder(
          db,
          {
            phone: '13800138000',
            payment: rnd() < 0.7 ? 'cash' : 'epay',
            lines: [
              {
                itemId: item.id,
                name: item.name,
                spec: '',
                unit: item.unit,
                qty: int(1, 3),
                unitPriceFen: item.priceFen,
              },
            ],
          },
          deps,
        );
        break;
      default:
        await addCashMovement(db, {
          kind: 'refund',
          refId: `r${step}`,
          amountFen: -int(1, 3000),
          at: tick(),
        });
    }
    await checkBalances(db, seed, step);
  }

  const day = await readCashDay(db, '2026-11-28');
  const closed = await closeCashDay(
    db,
    {
      day: day.day,
      countedFen: Math.max(0, day.summary.expectedFen),
      reason: day.summary.expectedFen < 0 ? '负数' : undefined,
      operatorId: 'op-1',
    },
    { now: tick },
  );
  if (day.summary.expectedFen >= 0) expect(closed.ok && closed.value.differenceFen, `seed ${seed}`).toBe(0);
  db.close();
}

describe('stock and cash always balance', () => {
  for (const seed of [1, 7, 42, 2026, 9001, 123_457]) {
    it(`over a random day of 60 steps (seed ${seed})`, async () => {
      await randomDay(seed, 60);
    });
  }
});
