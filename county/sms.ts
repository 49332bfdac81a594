/**
 * SMS for villagers (取件通知): the county relays the text a kiosk composed (`parcel.stored.smsText`,
 * queued in `sms_outbox` by apply-parcels.ts) through an SMS provider.
 *
 * Plugging in a real provider (阿里云短信, 腾讯云短信, a carrier's gateway): implement `SmsProvider` in
 * its own file and pass it to `startSmsSender` where the county starts (county/main.ts,
 * `StartCountyOptions.smsProvider`). The default is `loggingSmsProvider`, which sends nothing and logs
 * that it would have (with the code masked), so a demonstration county never texts anyone.
 *
 * Invariants:
 * - One sender works on a row at a time: a row is claimed with `FOR UPDATE SKIP LOCKED` and leased for
 *   two minutes, so any number of county instances can run the loop on one PostgreSQL (§10).
 * - The text carries the pickup code in clear, so it is blanked as soon as the row is settled (sent,
 *   or given up after `maxAttempts`); a pending row keeps it only until then. The log never has it.
 * - A temporary failure is retried later with backoff; a permanent one (the provider says the number
 *   is invalid) is given up at once. Delivery is at least once: a county that dies between the
 *   provider's "accepted" and marking the row sent sends it again when the lease runs out — a second
 *   pickup notice is harmless, a lost one is not.
 */
import type { Logger } from '../common/logger';
import type { Db } from './db';

export interface SmsMessage {
  phone: string;
  text: string;
}

export type SmsSendResult =
  | { ok: true; providerId?: string }
  | {
      ok: false;
      error: string;
      /** Retrying cannot help (bad number, blocked content). */ permanent?: boolean;
    };

export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage): Promise<SmsSendResult>;
}

/** Digits that could be a pickup code are masked in anything logged. */
export const maskCodes = (text: string): string => text.replace(/\d{6}/g, '******');
export const maskPhone = (phone: string): string => phone.replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2');

/** The default provider: logs what it would send, sends nothing. */
export function loggingSmsProvider(logger: Logger): SmsProvider {
  return {
    name: 'log',
    send(m) {
      logger.info({ phone: maskPhone(m.phone), text: maskCodes(m.text) }, 'SMS (logging provider: not sent)');
      return Promise.resolve({ ok: true });
    },
  };
}

export interface SendOptions {
  batch?: number;
  maxAttempts?: number;
  /** Seconds before retry n (1-based): min(base × 2^(n-1), 1 h). */
  backoffBaseSeconds?: number;
  logger?: Logger;
}

export interface SendTotals {
  sent: number;
  retried: number;
  failed: number;
}

interface Claimed {
  id: string;
  phone: string;
  text: string;
  attempts: number;
}

/** How long a claimed row is left alone by other senders while its provider call is in flight. */
const LEASE_SECONDS = 120;

/** One pass: sends the rows that are due, oldest first. Returns what happened to them. */
export async function sendPendingSms(
  db: Db,
  provider: SmsProvider,
  opts: SendOptions = {},
): Promise<SendTotals> {
  const batch = opts.batch ?? 20;
  const maxAttempts = opts.maxAttempts ?? 5;
  const base = opts.backoffBaseSeconds ?? 30;
  const totals: SendTotals = { sent: 0, retried: 0, failed: 0 };
  for (let i = 0; i < batch; i++) {
    // Claim: a short transaction that counts the attempt and leases the row. The provider call runs
    // outside any transaction (PGlite serialises them; a slow gateway must not stall every kiosk).
    const [row] = await db.query<Claimed>(
      `UPDATE sms_outbox SET attempts = attempts + 1, next_try_at = now() + make_interval(secs => $1)
       WHERE id = (SELECT id FROM sms_outbox WHERE status = 'pending' AND next_try_at <= now()
                   ORDER BY next_try_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id::text AS id, phone, text, attempts`,
      [LEASE_SECONDS],
    );
    if (!row) break;
    let result: SmsSendResult;
    try {
      result = await provider.send({ phone: row.phone, text: row.text });
    } catch (e) {
      result = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    if (result.ok) {
      await db.query(
        `UPDATE sms_outbox SET status = 'sent', sent_at = now(), text = '', provider = $2, provider_id = $3,
                last_error = NULL
         WHERE id = $1::bigint`,
        [row.id, provider.name, result.providerId ?? null],
      );
      totals.sent++;
    } else if (result.permanent === true || row.attempts >= maxAttempts) {
      await db.query(
        `UPDATE sms_outbox SET status = 'failed', text = '', provider = $2, last_error = $3 WHERE id = $1::bigint`,
        [row.id, provider.name, result.error.slice(0, 500)],
      );
      totals.failed++;
      opts.logger?.warn({ smsId: row.id, phone: maskPhone(row.phone), error: result.error }, 'SMS given up');
    } else {
      const delay = Math.min(base * 2 ** (row.attempts - 1), 3600);
      await db.query(
        `UPDATE sms_outbox SET provider = $2, last_error = $3, next_try_at = now() + make_interval(secs => $4)
         WHERE id = $1::bigint`,
        [row.id, provider.name, result.error.slice(0, 500), delay],
      );
      totals.retried++;
    }
  }
  return totals;
}

/**
 * Runs `sendPendingSms` every `intervalMs` until stopped; one pass at a time. `stop()` waits for the
 * pass in flight, so the database can be closed after it.
 */
export function startSmsSender(
  db: Db,
  provider: SmsProvider,
  opts: SendOptions & { intervalMs?: number } = {},
): { stop(): Promise<void>; runNow(): Promise<SendTotals> } {
  const intervalMs = opts.intervalMs ?? 5_000;
  let stopped = false;
  let running: Promise<SendTotals> | undefined;
  const pass = (): Promise<SendTotals> =>
    (running ??= sendPendingSms(db, provider, opts)
      .catch((e: unknown) => {
        opts.logger?.error({ err: e }, 'SMS sender pass failed');
        return { sent: 0, retried: 0, failed: 0 };
      })
      .finally(() => {
        running = undefined;
      }));
  const timer = setInterval(() => {
    if (!stopped) void pass();
  }, intervalMs);
  timer.unref?.();
  return {
    runNow: pass,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
