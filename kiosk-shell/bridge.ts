/**
 * Browser mode: the KioskApi over a loopback WebSocket, for development, end-to-end tests and
 * terminals that run Chromium in kiosk mode instead of Electron.
 *
 * Guards, because any web page the machine ever opens can try ws://127.0.0.1:
 * - the Host header must be the kiosk origin (server.ts), which defeats DNS rebinding;
 * - the token endpoint answers only same-origin fetches (Sec-Fetch-Site), so a foreign page can't read it;
 * - the socket needs the Origin of the kiosk and the per-start random token, sent as a subprotocol
 *   (never in the URL, which ends up in logs). A wrong token is refused before the upgrade.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fastifyWebsocket from '@fastify/websocket';
import type { RawData } from 'ws';
import { BRIDGE_SOCKET_PATH, BRIDGE_TOKEN_PATH, bridgeRequestSchema, fail, type BridgeResponse } from './api';
import { dispatch, type Handlers } from './handlers';
import { isAllowedOrigin } from './security';
import type { Logger } from '../common/logger';

export const BRIDGE_PROTOCOL = 'vpk-bridge.v1';
export const TOKEN_PROTOCOL_PREFIX = 'vpk-token.';

export interface BridgeOptions {
  handlers: Handlers;
  /** Per-start token; generate with newBridgeToken(). */
  token: string;
  port: number;
  logger: Logger;
}

export const newBridgeToken = (): string => randomBytes(24).toString('base64url');

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Reads the token from `Sec-WebSocket-Protocol: vpk-bridge.v1, vpk-token.<token>`. */
export function tokenFromProtocols(header: string | undefined): string | undefined {
  const offered = (header ?? '').split(',').map((p) => p.trim());
  if (!offered.includes(BRIDGE_PROTOCOL)) return undefined;
  return offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length);
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

export async function registerBridge(app: FastifyInstance, opts: BridgeOptions): Promise<void> {
  const log = opts.logger.child({ module: 'bridge' });
  await app.register(fastifyWebsocket, {
    options: { maxPayload: 64 * 1024, handleProtocols: () => BRIDGE_PROTOCOL },
    // On shutdown, drop the page's socket at once. The default graceful close waits (up to ws's 30 s)
    // for a close handshake that a page in the middle of a reload never sends, and the server's close
    // waits for it — Ctrl-C hung. The page reconnects by itself when the shell is back.
    preClose(done) {
      for (const client of app.websocketServer.clients) client.terminate();
      app.websocketServer.close(() => done());
    },
  });

  app.get(BRIDGE_TOKEN_PATH, async (request, reply) => {
    if (request.headers['sec-fetch-site'] !== 'same-origin') {
      log.warn({ site: request.headers['sec-fetch-site'] }, 'bridge token refused: not same-origin');
      return reply.code(403).send({ error: { code: 'FORBIDDEN', message: 'same-origin only' } });
    }
    return reply.header('Cache-Control', 'no-store').send({ token: opts.token });
  });

  app.get(
    BRIDGE_SOCKET_PATH,
    {
      websocket: true,
      preValidation: async (request, reply) => {
        const origin = request.headers.origin;
        const token = tokenFromProtocols(request.headers['sec-websocket-protocol']);
        if (
          origin === undefined ||
          !isAllowedOrigin(origin, opts.port) ||
          !token ||
          !sameToken(token, opts.token)
        ) {
          log.warn({ origin }, 'bridge connection refused');
          await reply
            .code(401)
            .send({ error: { code: 'UNAUTHORIZED', message: 'bad bridge token or origin' } });
        }
      },
    },
    (socket) => {
      socket.on('message', (data) => {
        let request;
        try {
          request = bridgeRequestSchema.parse(JSON.parse(rawText(data)));
        } catch {
          log.warn('malformed bridge frame');
          socket.send(JSON.stringify({ id: -1, result: fail('BAD_REQUEST', 'malformed frame') }));
          return;
        }
        const { id, method, input } = request;
        void dispatch(opts.handlers, method, input, log).then((result) => {
          const response: BridgeResponse = { id, result };
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(response));
        });
      });
    },
  );
}
