/**
 * Operator accounts (issue 7): created and changed at the county, published to the kiosks of the
 * account's own village (entity operator_account) in the same transaction as the write, so a kiosk
 * learns of a new PIN or a deactivation at its next pull — and no other village ever sees the hash.
 *
 * The PIN is hashed here with the KDF the kiosk verifies with (sync/pin-kdf.ts) and then forgotten;
 * nothing returned or logged contains the hash.
 */
import { ulid } from 'ulid';
import { hashPin } from '../sync/pin-kdf';
import type { OperatorAccountBody, OperatorAccountPatch } from './admin-contract';
import type { Db, Queryable } from './db';
import { publishRows } from './feed';
import { CountyError } from './http-contract';

export interface OperatorAccountView {
  id: string;
  villageId: string;
  name: string;
  role: 'operator' | 'technician';
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

const VIEW = `id, village_id AS "villageId", name, role, active,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"`;

const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === '23505';

export async function listOperators(
  db: Queryable,
  countyId: string,
  villageId?: string,
): Promise<OperatorAccountView[]> {
  return db.query<OperatorAccountView>(
    `SELECT ${VIEW} FROM operator_accounts
     WHERE county_id = $1 AND ($2::text IS NULL OR village_id = $2) ORDER BY village_id, name`,
    [countyId, villageId ?? null],
  );
}

export async function createOperator(
  db: Db,
  countyId: string,
  body: OperatorAccountBody,
  now: Date,
): Promise<OperatorAccountView> {
  const id = `op-${ulid(now.getTime()).toLowerCase()}`;
  const hash = await hashPin(body.pin); // slow on purpose; outside the transaction
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.query<OperatorAccountView>(
        `INSERT INTO operator_accounts (county_id, id, village_id, name, role, pin_hash, pin_salt, pin_iterations)
         SELECT $1, $2, v.id, $4, $5, $6, $7, $8 FROM villages v WHERE v.county_id = $1 AND v.id = $3
         RETURNING ${VIEW}`,
        [countyId, id, body.villageId, body.name, body.role, hash.pinHash, hash.salt, hash.iterations],
      );
      if (!row) throw new CountyError('VILLAGE_NOT_FOUND', `村 ${body.villageId} 不在本县 / no such village`);
      await publishRows(tx, 'operator_account', 'a.county_id = $1 AND a.id = $2', [countyId, id]);
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new CountyError(
        'CONFLICT',
        `本村已有操作员“${body.name}” / the village already has ${body.name}`,
      );
    throw err;
  }
}

/** A new PIN, or (de)activation. Either way the village's kiosks get the account again. */
export async function updateOperator(
  db: Db,
  countyId: string,
  id: string,
  patch: OperatorAccountPatch,
): Promise<OperatorAccountView> {
  const hash = patch.pin !== undefined ? await hashPin(patch.pin) : null;
  return db.transaction(async (tx) => {
    const [row] = await tx.query<OperatorAccountView>(
      `UPDATE operator_accounts SET
         pin_hash = coalesce($3, pin_hash), pin_salt = coalesce($4, pin_salt),
         pin_iterations = coalesce($5, pin_iterations), active = coalesce($6, active),
         role = coalesce($7, role), updated_at = now()
       WHERE county_id = $1 AND id = $2 RETURNING ${VIEW}`,
      [
        countyId,
        id,
        hash?.pinHash ?? null,
        hash?.salt ?? null,
        hash?.iterations ?? null,
        patch.active ?? null,
        patch.role ?? null,
      ],
    );
    if (!row) throw new CountyError('NOT_FOUND', `操作员 ${id} 不存在 / no operator ${id}`);
    await publishRows(tx, 'operator_account', 'a.county_id = $1 AND a.id = $2', [countyId, id]);
    return row;
  });
}
