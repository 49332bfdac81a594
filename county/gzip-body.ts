/**
 * gzip-compressed request bodies (`Content-Encoding: gzip`), as kiosks send them over 3G (§5).
 *
 * The size limit applies to the DECOMPRESSED body: a few kilobytes of gzip can inflate to gigabytes
 * (a zip bomb). The inflater is stopped as soon as its output passes the route's body limit, so a
 * bomb costs at most `limit` bytes of work, and answers 413 like any oversized body.
 * `receivedEncodedLength` tells Fastify how many bytes arrived on the wire, which it compares with
 * Content-Length.
 */
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { BODY_LIMIT_BYTES, CountyError } from './http-contract';
import type { CountyServer } from './server';

type Counted = Transform & { receivedEncodedLength: number };

function gunzipWithin(raw: Readable, limit: number): Counted {
  let inflated = 0;
  const gunzip = createGunzip();
  const out = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      inflated += chunk.length;
      if (inflated > limit) {
        gunzip.destroy();
        raw.unpipe(gunzip);
        done(
          new CountyError(
            'PAYLOAD_TOO_LARGE',
            `请求解压后超过 ${limit} 字节 / body exceeds ${limit} bytes once decompressed`,
          ),
        );
        return;
      }
      done(null, chunk);
    },
  }) as Counted;
  out.receivedEncodedLength = 0;
  raw.on('data', (chunk: Buffer) => {
    out.receivedEncodedLength += chunk.length;
  });
  gunzip.on('error', (err) => {
    out.destroy(new CountyError('BAD_REQUEST', `gzip 数据损坏 / corrupt gzip body: ${err.message}`));
  });
  raw.on('error', (err) => out.destroy(err));
  raw.pipe(gunzip).pipe(out);
  return out;
}

/** Registers the decompression on every route of `app` (encapsulation: call it on the root). */
export function acceptGzipBodies(app: CountyServer): void {
  app.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = request.headers['content-encoding']?.trim().toLowerCase();
    if (encoding === undefined || encoding === '' || encoding === 'identity') return payload;
    if (encoding !== 'gzip') {
      throw new CountyError(
        'UNSUPPORTED_MEDIA_TYPE',
        `不支持的压缩方式 / unsupported Content-Encoding ${encoding}`,
      );
    }
    return gunzipWithin(payload, request.routeOptions.bodyLimit ?? BODY_LIMIT_BYTES);
  });
}
