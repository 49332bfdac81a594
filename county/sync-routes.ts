/**
 * The kiosk-facing sync API (ARCHITECTURE.md §5): enrollment, push, pull, and the device's own reads.
 * Shapes come from sync/protocol.ts, the one contract with the kiosk.
 *
 * Invariants:
 * - Every request names its protocol version (`x-vpk-protocol`); another major version is refused
 *   with 426 before anything else happens, so an old kiosk learns it must be updated.
 * - A device sees only its county's county-wide rows and its own village's rows. A request for
 *   another village's data is 403 and a security event; so is a push in another device's name.
 * - Stateless (§10): nothing is kept between requests; rate-limit counters live in PostgreSQL.
 * - Rate limits: enrollment codes are 40 bits, so FAILED enrollments are counted per address and
 *   the address is refused (429) before the code is looked up. Device tokens are 256 bits and
 *   kiosks share carrier NAT addresses, so failed device auth is counted per address and answered
 *   429 past the limit, while a valid token is never refused because of a neighbour's failures.
 * - Admission control (admission.ts): past a number of device requests in progress, 503 BUSY with a
 *   Retry-After, before authentication.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  enrollRequestSchema,
  majorOf,
  PROTOCOL_HEADER,
  PROTOCOL_MAJOR,
  PROTOCOL_VERSION,
  pullQuerySchema,
  pushRequestSchema,
  type EnrollResponse,
  type EntityData,
  type PullResponse,
  type PushResponse,
} from '../sync/protocol';
import type { AdmissionGate } from './admission';
import type { Db } from './db';
import { authenticateDevice, hashToken } from './devices';
import { redeemEnrollmentCode } from './enrollment';
import { readChanges } from './feed';
import { bearerHeader, CountyError } from './http-contract';
import { pushMutations } from './push';
import { readDeviceReport, recordDeviceActivity } from './stats-activity';
import { hitRateLimit, peekRateLimit, recordSecurityEvent, type RateLimit } from './security';

export interface SyncLimits {
  /** Failed enrollments per client address. */
  enrollFailures: RateLimit;
  /** Failed device authentications per client address. */
  authFailures: RateLimit;
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = {
  enrollFailures: { limit: 10, windowSeconds: 15 * 60 },
  authFailures: { limit: 30, windowSeconds: 10 * 60 },
};

export interface SyncRoutesOptions {
  db: Db;
  now: () => Date;
  limits: SyncLimits;
  /** Admission control of the device routes: 503 BUSY past a number of requests in progress. */
  admission: AdmissionGate;
}

function checkProtocol(request: FastifyRequest): void {
  const raw = request.headers[PROTOCOL_HEADER];
  const version = Array.isArray(raw) ? raw[0] : raw;
  if (majorOf(version) === PROTOCOL_MAJOR) return;
  throw new CountyError(
    'UNSUPPORTED_PROTOCOL',
    version === undefined
      ? `缺少协议版本 / missing ${PROTOCOL_HEADER} header; this county speaks ${PROTOCOL_VERSION}`
      : `终端软件版本与县服务中心不兼容，请升级终端 / protocol ${version} is not supported; this county speaks ${PROTOCOL_VERSION}`,
  );
}

function rateLimited(retryAfter: number): CountyError {
  return new CountyError(
    'RATE_LIMITED',
    `尝试过于频繁，请 ${retryAfter} 秒后再试 / too many attempts, retry later`,
    {
      headers: { 'retry-after': String(retryAfter) },
    },
  );
}

const where = (request: FastifyRequest) => ({ ip: request.ip, method: request.method, url: request.url });

export function syncRoutes(app: FastifyInstance, opts: SyncRoutesOptions, done: (err?: Error) => void): void {
  const { db, now, limits, admission } = opts;
  app.addHook('onRequest', (request, _reply, next) => {
    try {
      checkProtocol(request);
      next();
    } catch (err) {
      next(err as Error);
    }
  });

  app.post('/api/v1/enroll', async (request, reply): Promise<EnrollResponse> => {
    const bucket = `enroll:${request.ip}`;
    const state = await peekRateLimit(db, bucket, limits.enrollFailures, now());
    if (state.limited) throw rateLimited(state.retryAfter);
    const body = enrollRequestSchema.parse(request.body);
    try {
      const enrolled = await redeemEnrollmentCode(db, body, now());
      request.log.info({ deviceId: enrolled.deviceId, villageId: enrolled.villageId }, 'device enrolled');
      reply.code(201);
      return enrolled;
    } catch (err) {
      if (err instanceof CountyError && err.code === 'ENROLLMENT_CODE_INVALID') {
        await hitRateLimit(db, bucket, limits.enrollFailures, now());
        await recordSecurityEvent(db, { kind: 'enroll_failed', ...where(request) });
      }
      throw err;
    }
  });

  // Device routes: the bearer token is checked before the body is read.
  void app.register((scope, _opts, next) => {
    scope.addHook('onRequest', admission.hook); // first: a refusal must cost no database work
    scope.addHook('onRequest', async (request) => {
      const parsed = bearerHeader.safeParse(request.headers.authorization);
      const token = parsed.success ? parsed.data : null;
      request.device = token === null ? null : await authenticateDevice(db, token);
      if (request.device !== null) {
        await recordDeviceActivity(db, request.device, readDeviceReport(request.headers), now());
        return;
      }
      const state = await hitRateLimit(db, `auth:${request.ip}`, limits.authFailures, now());
      if (state.hits <= limits.authFailures.limit) {
        // A revoked device is worth naming: it is a terminal that was taken out of service.
        const [revoked] =
          token === null
            ? []
            : await db.query<{ id: string; county_id: string; village_id: string }>(
                'SELECT id, county_id, village_id FROM devices WHERE token_hash = $1 AND revoked_at IS NOT NULL',
                [hashToken(token)],
              );
        await recordSecurityEvent(db, {
          kind: revoked ? 'revoked_token' : 'auth_failed',
          countyId: revoked?.county_id ?? null,
          villageId: revoked?.village_id ?? null,
          deviceId: revoked?.id ?? null,
          ...where(request),
        });
      }
      if (state.limited) throw rateLimited(state.retryAfter);
      throw new CountyError('UNAUTHORIZED', '设备未授权或已停用 / device not authorised or revoked');
    });

    scope.post('/api/v1/sync/push', async (request): Promise<PushResponse> => {
      const device = request.device!;
      const body = pushRequestSchema.parse(request.body);
      if (body.deviceId !== device.id) {
        await forbid(request, `push in the name of device ${body.deviceId}`);
      }
      const acks = await pushMutations(db, device, body.mutations, 'push', request.log);
      return { acks, serverTime: now().toISOString() };
    });

    scope.get('/api/v1/sync/pull', async (request): Promise<PullResponse> => {
      const device = request.device!;
      const query = pullQuerySchema.parse(request.query);
      const page = await readChanges(db, {
        countyId: device.countyId,
        villageId: device.villageId,
        cursor: query.cursor,
        limit: query.limit,
      });
      return { ...page, serverTime: now().toISOString() };
    });

    scope.get<{ Params: { orderId: string } }>(
      '/api/v1/device/orders/:orderId',
      async (request): Promise<EntityData<'order_status'>> => {
        const device = request.device!;
        const [order] = await db.query<EntityData<'order_status'> & { villageId: string }>(
          `SELECT id AS "orderId", village_id AS "villageId", status, status_note AS note,
                  settled_total_fen AS "settledTotalFen"
           FROM orders WHERE county_id = $1 AND id = $2`,
          [device.countyId, request.params.orderId],
        );
        if (!order) throw new CountyError('NOT_FOUND', `订单不存在 / no order ${request.params.orderId}`);
        if (order.villageId !== device.villageId) {
          await forbid(request, `read order ${order.orderId} of village ${order.villageId}`);
        }
        const { villageId: _village, ...status } = order;
        return status;
      },
    );
    next();
  });

  async function forbid(request: FastifyRequest, what: string): Promise<never> {
    const device = request.device!;
    request.log.warn({ deviceId: device.id, what }, 'device reached outside its village');
    await recordSecurityEvent(db, {
      kind: 'forbidden',
      countyId: device.countyId,
      villageId: device.villageId,
      deviceId: device.id,
      detail: { what },
      ...where(request),
    });
    throw new CountyError('FORBIDDEN', '无权访问其他村的数据 / this device may only see its own village');
  }

  done();
}
