/**
 * The point's audit log: who opened which door and why, what an operator did. Each line is kept
 * locally (auditLog) and sent to the county (`audit.recorded`) in one transaction. Called inside a
 * flow's own transaction (including auditLog, outbox and meta), it joins it.
 */
import { ulid } from 'ulid';
import { mutationSchemas } from '../../sync/protocol';
import type { AuditRow, KioskDb } from './db';
import { recordAction } from './outbox';

export const auditTables = ['auditLog', 'outbox', 'meta'] as const;

export async function recordAudit(
  db: KioskDb,
  entry: { kind: string; operatorId?: string; detail: Record<string, unknown> },
  now: () => Date = () => new Date(),
): Promise<AuditRow> {
  const row: AuditRow = { id: ulid(), at: now().toISOString(), ...entry };
  // Checked before writing: an entry the county would refuse is a bug in the caller, not a log line.
  const payload = mutationSchemas['audit.recorded'].parse({
    auditId: row.id,
    kind: row.kind,
    operatorId: row.operatorId,
    detail: row.detail,
  });
  await recordAction(db, { table: 'auditLog', row, type: 'audit.recorded', payload, now });
  return row;
}

/** Newest first, for the operator's log view. */
export const recentAudit = async (db: KioskDb, limit = 200): Promise<AuditRow[]> =>
  db.auditLog.orderBy('at').reverse().limit(limit).toArray();
