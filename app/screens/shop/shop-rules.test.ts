import type { CatalogueRow } from '../../store/db';
import { addToCart, cartPieces, cartTotalFen, removeLine, setQty, type Cart } from './cart';
import { productImageSrc } from './image';
import { groupPhone, spokenFen } from './spoken';

const item = (id: string, priceFen: number): CatalogueRow =>
  ({ id, name: `商品${id}`, spec: '1kg/袋', unit: '袋', priceFen, active: true }) as CatalogueRow;

describe('cart', () => {
  it('adds a line at the price shown, merges the same item, and totals in integer fen', () => {
    let cart: Cart = [];
    for (const [it, qty] of [
      [item('a', 1990), 2],
      [item('b', 10), 3],
      [item('a', 1990), 1],
    ] as const) {
      const r = addToCart(cart, it, qty);
      if (!r.ok) throw new Error(r.problem);
      cart = r.cart;
    }
    expect(cart.map((l) => [l.itemId, l.qty, l.unitPriceFen])).toEqual([
      ['a', 3, 1990],
      ['b', 3, 10],
    ]);
    expect(cartTotalFen(cart)).toBe(6000);
    expect(cartPieces(cart)).toBe(6);
  });

  it('refuses quantity 0 and a total over 9999 of one item, and changes nothing', () => {
    const start = addToCart([], item('a', 100), 9990);
    if (!start.ok) throw new Error(start.problem);
    expect(addToCart(start.cart, item('a', 100), 10)).toEqual({ ok: false, problem: 'max' });
    expect(addToCart(start.cart, item('b', 100), 0)).toEqual({ ok: false, problem: 'min' });
    expect(setQty(start.cart, 'a', 0)).toEqual({ ok: false, problem: 'min' });
    expect(setQty(start.cart, 'a', 10_000)).toEqual({ ok: false, problem: 'max' });
    expect(removeLine(start.cart, 'a')).toEqual([]);
  });

  it('holds at most 100 different products, as an order may', () => {
    let cart: Cart = [];
    for (let i = 0; i < 100; i++) {
      const r = addToCart(cart, item(`i${i}`, 100), 1);
      if (!r.ok) throw new Error(r.problem);
      cart = r.cart;
    }
    expect(addToCart(cart, item('one-more', 100), 1)).toEqual({ ok: false, problem: 'lines' });
    expect(addToCart(cart, item('i5', 100), 1).ok).toBe(true); // more of one already there is fine
  });
});

describe('spoken and shown text', () => {
  it.each([
    [19250, '192元5角'],
    [12890, '128元9角'],
    [1205, '12元零5分'],
    [30, '3角'],
    [5, '5分'],
    [10000, '100元'],
    [0, '0元'],
  ])('reads %i fen as %s', (fen, text) => {
    expect(spokenFen(fen, 'zh-CN')).toBe(text);
  });

  it('reads amounts in English as yuan', () => {
    expect(spokenFen(19250, 'en')).toBe('192.50 yuan');
  });

  it('groups a phone number 3-4-4', () => {
    expect(groupPhone('13800138000')).toBe('138 0013 8000');
    expect(groupPhone('1380')).toBe('138 0');
  });
});

describe('product photo address', () => {
  const origin = 'http://127.0.0.1:4310';
  it('loads a county path through the kiosk origin’s /county proxy, which the service worker caches', () => {
    expect(productImageSrc('/media/urea.jpg', origin)).toBe('/county/media/urea.jpg');
    expect(productImageSrc(`${origin}/county/media/a.png?v=2`, origin)).toBe('/county/media/a.png?v=2');
  });

  it('refuses other origins, escapes from the proxy and nonsense', () => {
    expect(productImageSrc(null, origin)).toBeUndefined();
    expect(productImageSrc('https://img.example.com/a.jpg', origin)).toBeUndefined();
    expect(productImageSrc('//img.example.com/a.jpg', origin)).toBeUndefined();
    expect(productImageSrc('/../kiosk-bridge/x', origin)).toBeUndefined();
    expect(productImageSrc(`${origin}/index.html`, origin)).toBeUndefined();
    expect(productImageSrc('javascript:alert(1)', origin)).toBeUndefined();
  });
});
