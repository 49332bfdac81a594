/**
 * Test helper: operator accounts as the county would publish them (real PBKDF2 hashes at the
 * protocol's minimum iterations, so tests stay quick). For tests of any screen behind the gate.
 */
import { MIN_PIN_ITERATIONS, hashPin } from '../../sync/pin-kdf';
import type { KioskDb } from './db';
import type { OperatorAccount, OperatorRole } from './operators';

export async function seedOperator(
  db: KioskDb,
  opts: { id: string; name: string; pin: string; role?: OperatorRole; active?: boolean; villageId?: string },
): Promise<OperatorAccount> {
  const hash = await hashPin(opts.pin, { iterations: MIN_PIN_ITERATIONS });
  const row: OperatorAccount = {
    id: opts.id,
    version: '1',
    villageId: opts.villageId ?? 'v-test',
    name: opts.name,
    role: opts.role ?? 'operator',
    active: opts.active ?? true,
    ...hash,
  };
  await db.operatorAccounts.put(row);
  return row;
}
