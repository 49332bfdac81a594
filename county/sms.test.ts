import { silentLogger } from '../common/logger';
import { seedCounties } from '../assets/seed';
import type { Db } from './db';
import { provisionDevice } from './devices';
import type { MutationDevice } from './mutation-context';
import { pushMutations } from './push';
import { loggingSmsProvider, maskCodes, sendPendingSms, type SmsMessage, type SmsProvider } from './sms';
import { envelope, openTestDb } from './testing';

const county = seedCounties[0]!;
const village = county.townships[0]!.villages[0]!;

function recordingProvider(
  answers: ('ok' | 'fail' | 'bad-number')[] = [],
): SmsProvider & { sent: SmsMessage[] } {
  const sent: SmsMessage[] = [];
  return {
    name: 'test',
    sent,
    send(m) {
      const a = answers.shift() ?? 'ok';
      if (a === 'ok') sent.push(m);
      return Promise.resolve(
        a === 'ok'
          ? { ok: true, providerId: `sms-${sent.length}` }
          : { ok: false, error: a, permanent: a === 'bad-number' },
      );
    },
  };
}

describe('county SMS sender', () => {
  let db: Db;
  let device: MutationDevice;
  let seq = 0;

  const store = (parcelId: string, smsText?: string) =>
    pushMutations(
      db,
      device,
      [
        envelope(
          'parcel.stored',
          {
            parcelId,
            waybill: `ZT${parcelId}00`,
            carrier: '中通',
            phone: '13912345678',
            location: { kind: 'locker', board: 1, lock: 2 },
            ...(smsText ? { smsText } : {}),
          },
          ++seq,
        ),
      ],
      'push',
      silentLogger,
    );
  const rows = () =>
    db.query<{
      parcel_id: string;
      status: string;
      text: string;
      attempts: number;
      provider_id: string | null;
    }>(`SELECT parcel_id, status, text, attempts, provider_id FROM sms_outbox ORDER BY id`);

  beforeAll(async () => {
    db = await openTestDb({ seed: true });
    const d = await provisionDevice(db, village.id, 'sms');
    device = { id: d.deviceId, countyId: county.id, villageId: village.id };
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await db.query('DELETE FROM sms_outbox');
  });

  it('sends the text a kiosk composed once, marks the row sent and blanks the code at rest', async () => {
    await store('p-sms-1', '【服务点】取件码 483920，请于7天内取件');
    await store('p-sms-2'); // no text: nothing to send
    const provider = recordingProvider();
    expect(await sendPendingSms(db, provider)).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(provider.sent).toEqual([{ phone: '13912345678', text: '【服务点】取件码 483920，请于7天内取件' }]);
    expect(await rows()).toEqual([
      { parcel_id: 'p-sms-1', status: 'sent', text: '', attempts: 1, provider_id: 'sms-1' },
    ]);
    // A second pass finds nothing: never sent twice.
    expect(await sendPendingSms(db, provider)).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('retries a temporary failure later and gives up on a bad number at once', async () => {
    await store('p-sms-3', '取件码 111111');
    await store('p-sms-4', '取件码 222222');
    const provider = recordingProvider(['fail', 'bad-number']);
    // Backoff 0 s: the failed message is due again at once and goes out within the same pass.
    expect(await sendPendingSms(db, provider, { backoffBaseSeconds: 0 })).toEqual({
      sent: 1,
      retried: 1,
      failed: 1,
    });
    expect(await rows()).toEqual([
      { parcel_id: 'p-sms-3', status: 'sent', text: '', attempts: 2, provider_id: 'sms-1' },
      { parcel_id: 'p-sms-4', status: 'failed', text: '', attempts: 1, provider_id: null },
    ]);
    expect(provider.sent.map((m) => m.text)).toEqual(['取件码 111111']);
  });

  it('waits out the backoff before trying a failed message again', async () => {
    await store('p-sms-5', '取件码 333333');
    const provider = recordingProvider(['fail']);
    await sendPendingSms(db, provider, { backoffBaseSeconds: 60 });
    expect(await sendPendingSms(db, provider)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(provider.sent).toEqual([]);
  });

  it('logs with the pickup code masked, never in clear', async () => {
    const lines: unknown[] = [];
    const logger = {
      ...silentLogger,
      info: (o: unknown) => void lines.push(o),
    } as unknown as typeof silentLogger;
    await loggingSmsProvider(logger).send({ phone: '13912345678', text: '取件码 483920' });
    expect(JSON.stringify(lines)).not.toContain('483920');
    expect(JSON.stringify(lines)).toContain('139****5678');
    expect(maskCodes('码 483920 与 12345')).toBe('码 ****** 与 12345');
  });
});
