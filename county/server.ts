/**
 * The county centre's HTTP service (Fastify). Stateless between requests (§10): everything it knows
 * is in the database, so any number of instances can run behind a load balancer.
 *
 * Boundaries: inputs are parsed with zod (http-contract.ts); every failure leaves as
 * `{ error: { code, message } }` with a stable code; tokens are compared by hash.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyRequest, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import type { Logger } from '../common/logger';
import type { Db } from './db';
import { authenticateDevice, provisionDevice, type DeviceRow } from './devices';
import {
  BODY_LIMIT_BYTES,
  bearerHeader,
  CountyError,
  errorBody,
  errorStatus,
  type ErrorCode,
  provisionDeviceBody,
  type AdminSummaryResponse,
  type DeviceMeResponse,
  type HealthResponse,
  type ProvisionDeviceResponse,
} from './http-contract';
import { adminRoutes } from './admin-routes';
import { acceptGzipBodies } from './gzip-body';
import { schemaVersion } from './migrate';
import { summaryCounts } from './summary';
import { admissionGate, type AdmissionOptions } from './admission';
import { DEFAULT_SYNC_LIMITS, syncRoutes, type SyncLimits } from './sync-routes';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the device routes' onRequest hook; null elsewhere. */
    device: DeviceRow | null;
  }
}

export interface CountyServerOptions {
  db: Db;
  logger: Logger;
  /** Bearer token of the county console; at least 16 characters. */
  adminToken: string;
  /** The built console (vite). Default: `<repo>/dist/county-admin`. */
  adminUiDir?: string;
  /** Injected so tests can fix the time the server reports. */
  now?: () => Date;
  /** Rate limits of enrollment and device auth (tests lower them). */
  limits?: SyncLimits;
  /** Admission control of the kiosks' sync requests (admission.ts); unset fields take the schema's defaults. */
  admission?: Partial<AdmissionOptions>;
  /**
   * Which proxies' X-Forwarded-For to believe (Fastify `trustProxy`). Default 'loopback': the service
   * binds 127.0.0.1 behind a reverse proxy on the same machine, and per-address rate limits must see
   * the kiosk's address, not the proxy's.
   */
  trustProxy?: string | boolean;
}

/** Fastify typed with our pino logger (what `loggerInstance` makes it). */
export type CountyServer = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger>;

export const DEFAULT_ADMIN_UI_DIR = fileURLToPath(new URL('../dist/county-admin', import.meta.url));

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

function bearerToken(request: FastifyRequest): string | null {
  const parsed = bearerHeader.safeParse(request.headers.authorization);
  return parsed.success ? parsed.data : null;
}

/** Fastify's own errors that are the client's fault, by their code. */
const fastifyClientErrors: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
};

// What `/` answers when the console has not been built: a technician opening the county centre in a
// browser should learn what to run, not see a bare 404.
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function notBuiltPage(uiDir: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>县级服务中心</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.6">
<h1>县级服务中心管理台尚未构建</h1>
<p>The county console has not been built. Run <code>npm run build</code> in the project folder,
then reload this page.</p>
<p>请在项目目录运行 <code>npm run build</code>，然后刷新本页。</p>
<p>服务本身正常运行：<a href="/healthz">/healthz</a>。API 不受影响。</p>
<p><small>Looked for: <code>${escapeHtml(uiDir)}/index.html</code></small></p>
</body>
</html>
`;
}

export function buildCountyServer(opts: CountyServerOptions): CountyServer {
  const { db, adminToken } = opts;
  const now = opts.now ?? (() => new Date());
  if (adminToken.length < 16) throw new Error('adminToken must be at least 16 characters');
  const adminTokenHash = sha256(adminToken);

  const app = Fastify({
    loggerInstance: opts.logger,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: opts.trustProxy ?? 'loopback',
    // On shutdown, cut every connection rather than wait: a kiosk's keep-alive connection with a
    // request in flight held `close()` forever (Ctrl-C hung). Cutting is safe: every push is one
    // transaction per mutation and kiosks resend, so an interrupted request is applied once or not at all.
    forceCloseConnections: true,
  });
  app.decorateRequest('device', null);
  // Responses: gzip when the client accepts it and the body is worth it (pull pages over 3G).
  // Requests: our own decompression (gzip-body.ts), which enforces the limit on the inflated size.
  void app.register(fastifyCompress, { encodings: ['gzip'], threshold: 1024, globalDecompression: false });
  acceptGzipBodies(app);

  app.setErrorHandler((err, request, reply) => {
    if (err instanceof CountyError) {
      if (err.extra.headers) void reply.headers(err.extra.headers);
      return reply.code(err.status).send(errorBody(err.code, err.message, err.extra.rows));
    }
    if (err instanceof z.ZodError) {
      const message = err.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
      return reply.code(400).send(errorBody('BAD_REQUEST', message));
    }
    const fastifyCode = (err as { code?: unknown }).code;
    const code = typeof fastifyCode === 'string' ? fastifyClientErrors[fastifyCode] : undefined;
    if (code !== undefined)
      return reply.code(errorStatus[code]).send(errorBody(code, (err as Error).message));
    // Anything else is our fault: log it whole, tell the client nothing about the internals.
    request.log.error({ err }, 'request failed');
    return reply.code(500).send(errorBody('INTERNAL', '服务器内部错误 / internal error'));
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(errorBody('NOT_FOUND', `no route for ${request.method} ${request.url.split('?')[0]}`)),
  );

  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    done(null, payload);
  });

  app.get('/healthz', async (request, reply): Promise<HealthResponse> => {
    const serverTime = now().toISOString();
    try {
      return { ok: true, db: db.kind, schemaVersion: await schemaVersion(db), serverTime };
    } catch (err) {
      request.log.warn({ err }, 'health check: database unavailable');
      reply.code(503);
      return { ok: false, db: db.kind, serverTime, ...errorBody('DB_UNAVAILABLE', 'database unavailable') };
    }
  });

  void app.register(syncRoutes, {
    db,
    now,
    limits: opts.limits ?? DEFAULT_SYNC_LIMITS,
    admission: admissionGate(opts.admission),
  });

  // Device routes: the kiosk's bearer token, checked before the body is even read.
  void app.register((scope, _opts, done) => {
    scope.addHook('onRequest', async (request) => {
      const token = bearerToken(request);
      request.device = token === null ? null : await authenticateDevice(db, token);
      if (request.device === null)
        throw new CountyError('UNAUTHORIZED', '设备未授权 / device not authorised');
    });

    scope.get('/api/v1/device/me', async (request): Promise<DeviceMeResponse> => {
      const device = request.device!;
      const [row] = await db.query<{ village: string; township: string; county: string }>(
        `SELECT v.name AS village, t.name AS township, c.name AS county
         FROM villages v JOIN townships t ON t.id = v.township_id JOIN counties c ON c.id = v.county_id
         WHERE v.id = $1`,
        [device.villageId],
      );
      if (!row) throw new Error(`device ${device.id} points at missing village ${device.villageId}`);
      return {
        deviceId: device.id,
        name: device.name,
        village: { id: device.villageId, name: row.village },
        township: { id: device.townshipId, name: row.township },
        county: { id: device.countyId, name: row.county },
        serverTime: now().toISOString(),
      };
    });
    done();
  });

  // Admin routes: the county console's token. Compared as SHA-256 digests with timingSafeEqual, so
  // neither the length nor the content of the real token leaks through response times.
  void app.register((scope, _opts, done) => {
    scope.addHook('onRequest', (request, _reply, next) => {
      const token = bearerToken(request);
      const ok = token !== null && timingSafeEqual(sha256(token), adminTokenHash);
      next(ok ? undefined : new CountyError('UNAUTHORIZED', '管理令牌无效 / admin token required'));
    });

    scope.get('/api/v1/admin/summary', async (): Promise<AdminSummaryResponse> => ({
      counts: await summaryCounts(db),
      serverTime: now().toISOString(),
    }));

    void scope.register(adminRoutes, { db, now, logger: opts.logger });

    scope.post('/api/v1/admin/devices', async (request, reply): Promise<ProvisionDeviceResponse> => {
      const body = provisionDeviceBody.parse(request.body);
      const device = await provisionDevice(db, body.villageId, body.name);
      request.log.info({ deviceId: device.deviceId, villageId: device.villageId }, 'device provisioned');
      reply.code(201);
      return device;
    });
    done();
  });

  const uiDir = resolve(opts.adminUiDir ?? DEFAULT_ADMIN_UI_DIR);
  if (existsSync(resolve(uiDir, 'index.html'))) {
    void app.register(fastifyStatic, { root: uiDir, prefix: '/' });
  } else {
    opts.logger.warn({ uiDir }, 'county console not built; / explains how to build it');
    app.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').send(notBuiltPage(uiDir)));
  }

  return app;
}
