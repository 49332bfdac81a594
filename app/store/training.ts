/**
 * Training sessions held at the point (电商培训) and who attended, for the county's trainee count.
 * One transaction: the session row, its `training.attended` mutation and the operator's audit line.
 * Attendees may be picked from the villager registry; the head count can be higher (not everyone
 * who comes is registered), never lower.
 */
import { ulid } from 'ulid';
import { mutationSchemas } from '../../sync/protocol';
import { auditTables, recordAudit } from './audit';
import type { KioskDb, TrainingRow } from './db';
import { recordAction } from './outbox';

export type { TrainingRow };

export type RecordTrainingResult =
  { ok: true; training: TrainingRow } | { ok: false; code: 'INVALID'; field: string };

export async function recordTraining(
  db: KioskDb,
  input: { topic: string; date: string; attendees: number; attendeePhones: string[]; operatorId: string },
  now: () => Date = () => new Date(),
): Promise<RecordTrainingResult> {
  const training: TrainingRow = {
    id: ulid(),
    topic: input.topic.trim(),
    date: input.date,
    attendees: input.attendees,
    attendeePhones: [...new Set(input.attendeePhones)],
    operatorId: input.operatorId,
    recordedAt: now().toISOString(),
  };
  const parsed = mutationSchemas['training.attended'].safeParse({
    trainingId: training.id,
    topic: training.topic,
    attendees: training.attendees,
    date: training.date,
    ...(training.attendeePhones.length > 0 && { attendeePhones: training.attendeePhones }),
    operatorId: training.operatorId,
  });
  if (!parsed.success)
    return { ok: false, code: 'INVALID', field: String(parsed.error.issues[0]?.path[0] ?? 'training') };
  await recordAction(db, {
    table: 'trainings',
    row: training,
    type: 'training.attended',
    payload: parsed.data,
    now,
    also: {
      tables: [...auditTables],
      write: async () => {
        await recordAudit(
          db,
          { kind: 'training.record', operatorId: input.operatorId, detail: { trainingId: training.id } },
          now,
        );
      },
    },
  });
  return { ok: true, training };
}

export const recentTrainings = (db: KioskDb, limit = 50): Promise<TrainingRow[]> =>
  db.trainings.orderBy('date').reverse().limit(limit).toArray();
