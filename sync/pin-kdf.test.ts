import { pbkdf2Sync } from 'node:crypto';
import { DEFAULT_PIN_ITERATIONS, MIN_PIN_ITERATIONS, hashPin, verifyPin } from './pin-kdf';

describe('operator PIN hashing', () => {
  it('verifies the PIN it hashed and refuses any other', async () => {
    const stored = await hashPin('123456');
    expect(stored.iterations).toBe(DEFAULT_PIN_ITERATIONS);
    expect(await verifyPin('123456', stored)).toBe(true);
    expect(await verifyPin('123457', stored)).toBe(false);
    expect(await verifyPin('12345', stored)).toBe(false);
  });

  it('salts every account, so the same PIN never gives the same hash', async () => {
    const a = await hashPin('000000', { iterations: MIN_PIN_ITERATIONS });
    const b = await hashPin('000000', { iterations: MIN_PIN_ITERATIONS });
    expect(a.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(a.salt).not.toBe(b.salt);
    expect(a.pinHash).not.toBe(b.pinHash);
  });

  it('is plain PBKDF2-SHA256 over the stored parameters (any PBKDF2 implementation agrees)', async () => {
    const salt = new Uint8Array(16).map((_, i) => i);
    const stored = await hashPin('246810', { salt, iterations: 100_001 });
    const node = pbkdf2Sync('246810', Buffer.from(salt), 100_001, 32, 'sha256').toString('hex');
    expect(stored).toEqual({ pinHash: node, salt: Buffer.from(salt).toString('hex'), iterations: 100_001 });
  });

  it('refuses weak parameters and malformed PINs when hashing', async () => {
    await expect(hashPin('123456', { iterations: 1000 })).rejects.toThrow(/100000/);
    await expect(hashPin('12ab56')).rejects.toThrow(/6 digits/);
  });

  it('verifies nothing against a record with weak or malformed parameters', async () => {
    const weak = {
      pinHash: pbkdf2Sync('123456', 'salt-salt-salt-1', 1000, 32, 'sha256').toString('hex'),
      salt: Buffer.from('salt-salt-salt-1').toString('hex'),
      iterations: 1000,
    };
    expect(await verifyPin('123456', weak)).toBe(false);
    const good = await hashPin('123456', { iterations: MIN_PIN_ITERATIONS });
    expect(await verifyPin('123456', { ...good, salt: 'zz' })).toBe(false);
    expect(await verifyPin('123456', { ...good, pinHash: good.pinHash.slice(2) })).toBe(false);
  });
});
