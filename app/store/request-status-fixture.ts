/**
 * Test-only: the county's answer to a villager request, delivered the way the kiosk receives it —
 * a pulled `request_status` change validated by the protocol schema and applied by applyPullPage.
 */
import { entitySchemas, type EntityData } from '../../sync/protocol';
import type { KioskDb } from './db';
import { applyPullPage } from './pull-store';
import { readCursor } from './sync-state';

export async function countyAnswers(
  db: KioskDb,
  answer: Omit<EntityData<'request_status'>, 'note' | 'amountFen' | 'detail'> &
    Partial<Pick<EntityData<'request_status'>, 'note' | 'amountFen' | 'detail'>>,
): Promise<void> {
  const data = entitySchemas.request_status.parse({ note: null, amountFen: null, detail: null, ...answer });
  const from = await readCursor(db);
  const to = String(BigInt(from) + 1n);
  const applied = await applyPullPage(db, {
    from,
    to,
    changes: [
      { entity: 'request_status', id: `${data.kind}:${data.requestId}`, op: 'upsert', data, version: to },
    ],
  });
  if (!applied.ok) throw new Error(`answer not applied: ${applied.reason}`);
}
