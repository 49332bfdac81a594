/**
 * The kiosk origin: one loopback HTTP server on a fixed port that serves the built app, proxies the
 * county centre under /county (adding the device token, so the page never holds it) and, in browser
 * mode, carries the KioskApi bridge. Electron's main process runs the same server without the bridge.
 *
 * The port is fixed on purpose: IndexedDB and the service worker belong to the origin, so a new
 * port would be a new, empty kiosk.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import httpProxy from '@fastify/http-proxy';
import { COUNTY_PROXY_PREFIX } from './api';
import { allowedHosts, contentSecurityPolicy } from './security';
import { registerBridge, type BridgeOptions } from './bridge';
import type { Logger } from '../common/logger';

export interface KioskServerOptions {
  port: number;
  /** The built app (dist/app). */
  appDir: string;
  county?: { url: string; getToken: () => string | undefined };
  bridge?: BridgeOptions;
  logger: Logger;
}

export interface KioskServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

const NOT_BUILT_PAGE = `<!doctype html><meta charset="utf-8"><title>未构建</title>
<p style="font:24px sans-serif">终端界面尚未构建。请先运行 <code>npm run build</code>。<br>The kiosk app is not built: run <code>npm run build</code>.</p>`;

export async function createKioskServer(opts: KioskServerOptions): Promise<KioskServer> {
  const app = Fastify({
    // The cast keeps FastifyInstance's default logger type, so this app fits plugins typed for it.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: opts.logger as FastifyBaseLogger,
    bodyLimit: 256 * 1024,
    // Every asset fetch at info level would drown the log a village sends back with a fault report.
    logController: new LogController({ disableRequestLogging: true }),
    // Loopback only, and the page retries: on shutdown close every connection, not just idle ones.
    forceCloseConnections: true,
  });
  const hosts = allowedHosts(opts.port);
  const csp = contentSecurityPolicy(opts.port);

  app.addHook('onRequest', async (request, reply) => {
    // A DNS-rebinding page reaches us with its own host name: refuse it before anything else runs.
    if (!hosts.has(request.headers.host ?? '')) {
      await reply.code(421).send({ error: { code: 'MISDIRECTED', message: 'wrong host' } });
    }
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Content-Security-Policy', csp);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'geolocation=(), microphone=(), usb=(), serial=(), hid=()');
  });

  if (opts.bridge) await registerBridge(app, opts.bridge);

  if (opts.county) {
    const county = opts.county;
    await app.register(httpProxy, {
      upstream: county.url,
      prefix: COUNTY_PROXY_PREFIX,
      rewritePrefix: '',
      preHandler: (_request, reply, done) => {
        if (county.getToken()) return done();
        void reply
          .code(503)
          .send({ error: { code: 'NOT_ENROLLED', message: '本终端尚未注册 / terminal not enrolled' } });
      },
      replyOptions: {
        rewriteRequestHeaders: (_request, headers) => {
          const { cookie: _cookie, authorization: _authorization, ...rest } = headers;
          return { ...rest, authorization: `Bearer ${county.getToken() ?? ''}` };
        },
      },
    });
  }

  if (existsSync(join(opts.appDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: opts.appDir,
      prefix: '/',
      cacheControl: false,
      setHeaders: (reply, path) => {
        // Hashed assets never change; the shell and the service worker must always be revalidated,
        // or an update would never reach the terminal.
        const immutable = path.includes(`${join('/', 'assets', '/')}`) && !path.endsWith('.html');
        void reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  } else {
    opts.logger.warn({ appDir: opts.appDir }, 'app is not built');
    app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE));
  }

  const url = await app.listen({ host: '127.0.0.1', port: opts.port });
  return { app, url, close: () => app.close() };
}
