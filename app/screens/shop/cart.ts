/**
 * The villager's cart: plain data held by the shop screen, so it lives exactly as long as the shop is
 * open. The idle return to the home screen unmounts the shop and the cart goes with it: the next
 * villager never finds the previous one's goods.
 *
 * A line keeps the price shown when it was added: that is the price the villager agrees to, and the
 * order is placed at it (ARCHITECTURE.md §5; the county settles any later change).
 */
import type { CatalogueRow } from '../../store/db';
import {
  MAX_ORDER_LINES,
  checkQty,
  orderTotalFen,
  type OrderLineRow,
  type QtyProblem,
} from '../../store/orders';

export type CartLine = OrderLineRow;
export type Cart = readonly CartLine[];

export type CartResult = { ok: true; cart: Cart } | { ok: false; problem: QtyProblem | 'lines' };

export function addToCart(cart: Cart, item: CatalogueRow, qty: number): CartResult {
  const existing = cart.find((l) => l.itemId === item.id);
  const total = (existing?.qty ?? 0) + qty;
  const problem = checkQty(qty) ?? checkQty(total);
  if (problem) return { ok: false, problem };
  if (existing) return setQty(cart, item.id, total);
  if (cart.length >= MAX_ORDER_LINES) return { ok: false, problem: 'lines' };
  const line: CartLine = {
    itemId: item.id,
    name: item.name,
    spec: item.spec,
    unit: item.unit,
    qty,
    unitPriceFen: item.priceFen,
  };
  return { ok: true, cart: [...cart, line] };
}

export function setQty(cart: Cart, itemId: string, qty: number): CartResult {
  const problem = checkQty(qty);
  if (problem) return { ok: false, problem };
  return { ok: true, cart: cart.map((l) => (l.itemId === itemId ? { ...l, qty } : l)) };
}

export const removeLine = (cart: Cart, itemId: string): Cart => cart.filter((l) => l.itemId !== itemId);

export const cartTotalFen = (cart: Cart): number => orderTotalFen(cart);

/** How many pieces in all (3 bags + 2 bottles = 5), as the villager counts them. */
export const cartPieces = (cart: Cart): number => cart.reduce((n, l) => n + l.qty, 0);
