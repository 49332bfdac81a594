/**
 * The villager registry (issue 7): villagers who agreed to be recorded, by phone, so the county can
 * count how many villagers use the point. There is no record without consent, and consent has a time.
 *
 * Registering is one transaction: the registry row, its `villager.registered` outbox mutation and the
 * operator's audit line. The phone is unique here (`&phone`), checked inside that transaction.
 */
import { ulid } from 'ulid';
import { mutationSchemas } from '../../sync/protocol';
import { auditTables, recordAudit } from './audit';
import type { KioskDb, VillagerRow } from './db';
import { recordAction } from './outbox';

export type { VillagerRow };

export type RegisterResult =
  | { ok: true; villager: VillagerRow }
  | { ok: false; code: 'NO_CONSENT' | 'INVALID' }
  | { ok: false; code: 'ALREADY_REGISTERED'; villager: VillagerRow };

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

export async function registerVillager(
  db: KioskDb,
  input: { phone: string; name?: string; consent: boolean; operatorId: string },
  now: () => Date = () => new Date(),
): Promise<RegisterResult> {
  if (input.consent !== true) return { ok: false, code: 'NO_CONSENT' };
  const at = now().toISOString();
  const name = input.name?.trim() || undefined;
  const villager: VillagerRow = {
    id: ulid(),
    phone: input.phone,
    ...(name && { name }),
    consentAt: at,
    registeredAt: at,
    operatorId: input.operatorId,
  };
  const payload = mutationSchemas['villager.registered'].safeParse({
    villagerId: villager.id,
    phone: villager.phone,
    name: villager.name,
    consent: true,
    consentAt: villager.consentAt,
    operatorId: villager.operatorId,
  });
  if (!payload.success) return { ok: false, code: 'INVALID' };

  return db.transaction('rw', [db.villagers, ...auditTables.map((t) => db.table(t))], async () => {
    const existing = await db.villagers.where('phone').equals(villager.phone).first();
    if (existing) return { ok: false, code: 'ALREADY_REGISTERED', villager: existing } as const;
    await recordAction(db, {
      table: 'villagers',
      row: villager,
      type: 'villager.registered',
      payload: payload.data,
      now,
      also: {
        tables: [...auditTables],
        write: async () => {
          await recordAudit(
            db,
            { kind: 'villager.register', operatorId: input.operatorId, detail: { villagerId: villager.id } },
            now,
          );
        },
      },
    });
    return { ok: true, villager } as const;
  });
}

/** Newest first, for the operator's list. */
export const listVillagers = (db: KioskDb): Promise<VillagerRow[]> =>
  db.villagers.orderBy('registeredAt').reverse().toArray();

export const villagerCount = (db: KioskDb): Promise<number> => db.villagers.count();

/** 139 **** 5678: enough for the operator to recognise, not enough to read off the screen. */
export const maskPhone = (phone: string): string => `${phone.slice(0, 3)} **** ${phone.slice(-4)}`;
