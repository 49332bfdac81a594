/**
 * The couriers a point sends with, and what each charges by weight (寄件 fee table). All fen.
 *
 * A point's contracts differ from county to county, so this is the default table the kiosk ships
 * with; the operator may change the quoted fee for one shipment (it is a quote, not a rule), and the
 * fee actually taken is what the shipment and the cash movement record.
 *
 * Rule of every carrier: the first kilogram costs `firstKgFen`, every further started kilogram
 * `extraKgFen` — what village points post on the wall. Weights are whole grams.
 */
export interface Carrier {
  /** The carrier's name as couriers and labels spell it (≤ 20 characters, the label's limit). */
  name: string;
  firstKgFen: number;
  extraKgFen: number;
  /** How waybills and parcel manifests also spell it (中通, ZTO): matches returned parcels to it. */
  aliases: readonly string[];
}

export const carriers: readonly Carrier[] = [
  { name: '中国邮政', firstKgFen: 1000, extraKgFen: 500, aliases: ['邮政', 'EMS', 'CHINAPOST'] },
  { name: '中通快递', firstKgFen: 800, extraKgFen: 400, aliases: ['中通', 'ZTO'] },
  { name: '圆通速递', firstKgFen: 800, extraKgFen: 400, aliases: ['圆通', 'YTO'] },
  { name: '韵达快递', firstKgFen: 700, extraKgFen: 400, aliases: ['韵达', 'YUNDA'] },
  { name: '顺丰速运', firstKgFen: 1800, extraKgFen: 800, aliases: ['顺丰', 'SF'] },
];

export const carrierNames = carriers.map((c) => c.name);

/** The heaviest parcel a point accepts, and the protocol's limit (sync/protocol.ts parcel.sent). */
export const MAX_WEIGHT_GRAMS = 100_000;
/** The highest fee the operator may type for one parcel: anything above is a typing slip. */
export const MAX_FEE_FEN = 100_000;

export const carrierByName = (name: string): Carrier | undefined => carriers.find((c) => c.name === name);

/**
 * Whether a carrier as typed at intake (圆通, 中通快递, ZTO…) is this carrier: the courier who
 * collects for 中通快递 takes back the parcels 中通 delivered.
 */
export function isCarrier(carrier: Carrier, spelled: string): boolean {
  const s = spelled.trim().toUpperCase();
  if (s === '') return false;
  return [carrier.name, ...carrier.aliases].some((a) => s === a.toUpperCase() || s.includes(a.toUpperCase()));
}

/**
 * The quoted fee: first kilogram, then each started kilogram. Undefined for an unknown carrier or a
 * weight outside 1 g … 100 kg (the screen says why; it never quotes a guess).
 */
export function quoteFeeFen(carrierName: string, weightGrams: number): number | undefined {
  const carrier = carrierByName(carrierName);
  if (!carrier || !Number.isInteger(weightGrams) || weightGrams <= 0 || weightGrams > MAX_WEIGHT_GRAMS) {
    return undefined;
  }
  const extraKg = Math.max(0, Math.ceil(weightGrams / 1000) - 1);
  return carrier.firstKgFen + extraKg * carrier.extraKgFen;
}

/**
 * A weight typed on the keypad → whole grams, or undefined. Grams are whole numbers; kilograms take
 * up to three decimals (1.25 kg = 1250 g), parsed digit by digit so no floating point rounds it.
 */
export function parseWeight(text: string, unit: 'g' | 'kg'): number | undefined {
  const t = text.trim();
  if (unit === 'g') return /^\d{1,6}$/.test(t) ? Number(t) : undefined;
  const m = /^(\d{1,3})(?:\.(\d{1,3}))?$/.exec(t);
  if (!m) return undefined;
  return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
}
