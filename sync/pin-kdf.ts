/**
 * Operator PINs, hashed with PBKDF2-SHA256 through WebCrypto, which is the same API in the kiosk's
 * renderer and in Node (the county), so the county hashes and the kiosk verifies with one piece of code.
 * It imports nothing: sync/ is the layer both sides share.
 *
 * Why a slow KDF even for a 6-digit PIN: the hash is synced to the village's kiosks (they must verify
 * offline), so a stolen kiosk disk yields it. 10^6 PINs × ≥100,000 iterations makes every guess cost
 * what a sign-in costs; the lockout protects the keypad, the iterations protect the disk. The
 * parameters are stored with each hash, so the county can raise them later without breaking kiosks.
 */

export const PIN_KDF_ALGORITHM = 'PBKDF2-SHA256';
/** The floor the protocol accepts; new hashes use DEFAULT_PIN_ITERATIONS. */
export const MIN_PIN_ITERATIONS = 100_000;
export const DEFAULT_PIN_ITERATIONS = 150_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

/** A PIN is exactly six digits: one keypad layout, and the same strength for every account. */
export const PIN_PATTERN = /^\d{6}$/;

export interface PinHash {
  pinHash: string; // hex, 32 bytes
  salt: string; // hex, per account
  iterations: number;
}

const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  if (!/^(?:[0-9a-f]{2})+$/.test(hex)) throw new TypeError('not lower-case hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

export async function hashPin(
  pin: string,
  opts: { iterations?: number; salt?: Uint8Array<ArrayBuffer> } = {},
): Promise<PinHash> {
  if (!PIN_PATTERN.test(pin)) throw new RangeError('PIN must be 6 digits');
  const iterations = opts.iterations ?? DEFAULT_PIN_ITERATIONS;
  if (!Number.isSafeInteger(iterations) || iterations < MIN_PIN_ITERATIONS)
    throw new RangeError(`PIN hash needs at least ${MIN_PIN_ITERATIONS} iterations`);
  const salt = opts.salt ?? globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return { pinHash: toHex(await derive(pin, salt, iterations)), salt: toHex(salt), iterations };
}

/**
 * True iff `pin` hashes to `stored`. Malformed stored parameters verify nothing (never throw at the
 * keypad); the comparison looks at every byte, so timing says nothing about how much matched.
 */
export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  if (!PIN_PATTERN.test(pin)) return false;
  if (!Number.isSafeInteger(stored.iterations) || stored.iterations < MIN_PIN_ITERATIONS) return false;
  let salt: Uint8Array<ArrayBuffer>;
  let expected: Uint8Array;
  try {
    salt = fromHex(stored.salt);
    expected = fromHex(stored.pinHash);
  } catch {
    return false;
  }
  const actual = await derive(pin, salt, stored.iterations);
  if (actual.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= actual[i]! ^ expected[i]!;
  return diff === 0;
}
