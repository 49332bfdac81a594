/**
 * Where the printer is, as the technician writes it: `tcp://192.168.1.87:9100`, `serial:/dev/ttyUSB1`
 * (optionally `@19200`, default 9600), or a path (`/dev/usb/lp0`, or a file to keep the bytes).
 */
import type { Logger } from '../../common/logger';
import type { Clock } from '../clock';
import { fail, ok, type DriverResult } from '../result';
import type { ByteTransport } from '../transports/byte-transport';
import { FileTransport } from '../transports/file-transport';
import { SerialTransport, type SerialPortFactory } from '../transports/serial-transport';
import { TcpTransport } from '../transports/tcp-transport';

export type PrinterTarget =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'serial'; path: string; baudRate: number }
  | { kind: 'file'; path: string };

export function parsePrinterTarget(spec: string): DriverResult<PrinterTarget> {
  if (spec.startsWith('tcp://')) {
    let url: URL;
    try {
      url = new URL(spec);
    } catch {
      return fail('BAD_REQUEST', `打印机地址无效 / bad printer address: ${spec}`);
    }
    if (url.pathname !== '' && url.pathname !== '/') {
      return fail('BAD_REQUEST', `打印机地址无效 / bad printer address: ${spec}`);
    }
    return ok({
      kind: 'tcp',
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : 9100,
    });
  }
  if (spec.startsWith('serial:')) {
    const m = /^serial:([^@]+)(?:@(\d+))?$/.exec(spec);
    if (!m) return fail('BAD_REQUEST', `串口地址无效 / bad serial printer: ${spec}`);
    return ok({ kind: 'serial', path: m[1]!, baudRate: m[2] ? Number(m[2]) : 9600 });
  }
  if (spec.trim() === '') return fail('BAD_REQUEST', '未指定打印机 / no printer given');
  return ok({ kind: 'file', path: spec });
}

export function openPrinterTransport(
  target: PrinterTarget,
  deps: { clock?: Clock; logger?: Logger; reconnect?: boolean; portFactory?: SerialPortFactory } = {},
): ByteTransport {
  switch (target.kind) {
    case 'tcp':
      return new TcpTransport({ host: target.host, port: target.port, ...pick(deps) });
    case 'serial':
      return new SerialTransport({
        path: target.path,
        baudRate: target.baudRate,
        reconnect: deps.reconnect ?? true,
        ...pick(deps),
        ...(deps.portFactory ? { portFactory: deps.portFactory } : {}),
      });
    case 'file':
      return new FileTransport(target.path);
  }
}

function pick(deps: { clock?: Clock; logger?: Logger }): { clock?: Clock; logger?: Logger } {
  return { ...(deps.clock ? { clock: deps.clock } : {}), ...(deps.logger ? { logger: deps.logger } : {}) };
}
