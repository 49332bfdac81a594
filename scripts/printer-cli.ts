/**
 * `npm run printer -- --printer tcp://HOST:PORT|serial:PATH[@BAUD]|FILE [--width 58|80] test|status`
 *
 * For the technician installing a receipt printer: `test` prints the test page (Chinese text, a column
 * ruler as wide as the paper, a QR code to scan); `status` reads paper, cover and online state through
 * DLE EOT. Exits 0 when the printer is usable, 1 with the reason when it is not, 2 on a bad command line.
 */
import { parseArgs } from 'node:util';
import { stateMessage } from '../drivers/printer/escpos-status';
import { testPage } from '../drivers/printer/layouts';
import { openPrinterTransport, parsePrinterTarget } from '../drivers/printer/printer-target';
import { ReceiptPrinter } from '../drivers/printer/receipt-printer';
import type { DriverError } from '../drivers/result';

const USAGE =
  '用法 / usage: npm run printer -- --printer tcp://HOST:PORT|serial:PATH[@BAUD]|FILE [--width 58|80] test|status';

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);
const reason = (e: DriverError) => `失败 / FAILED: ${e.code} — ${e.message}`;

function usage(message: string): never {
  err(message);
  err(USAGE);
  process.exit(2);
}

let values: { printer?: string | undefined; width?: string | undefined };
let positionals: string[];
try {
  ({ values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { printer: { type: 'string' }, width: { type: 'string' } },
  }));
} catch (e) {
  usage(e instanceof Error ? e.message : String(e));
}
if (!values.printer) usage('缺少 --printer / --printer is required');
const width = values.width === undefined ? 58 : Number(values.width);
if (width !== 58 && width !== 80) usage('--width 须为 58 或 80 / --width must be 58 or 80');
const command = positionals[0];
if (positionals.length !== 1 || (command !== 'test' && command !== 'status')) {
  usage('命令须为 test 或 status / command must be test or status');
}
const target = parsePrinterTarget(values.printer);
if (!target.ok) usage(target.error.message);
const where = target.value;

async function run(): Promise<number> {
  const spec = values.printer!;
  const printer = new ReceiptPrinter({
    transport: openPrinterTransport(where, { reconnect: false }),
    paperWidthMm: width as 58 | 80,
  });
  try {
    if (command === 'status') {
      const s = await printer.status();
      if (!s.ok) return (err(reason(s.error)), 1);
      const v = s.value;
      out(`打印机 / printer ${spec}: ${stateMessage[v.state]}`);
      out(`  联机 online: ${v.online ? '是 yes' : '否 no'}`);
      out(`  纸 paper: ${v.paperOut ? '缺纸 OUT' : v.paperLow ? '将尽 low' : '正常 ok'}`);
      out(`  盖 cover: ${v.coverOpen ? '打开 OPEN' : '关闭 closed'}`);
      out(`  状态字节 status bytes: ${v.raw.map((b) => b.toString(16).padStart(2, '0')).join(' ')}`);
      if (v.state === 'ready' || v.state === 'paper_low') return 0;
      err(`失败 / FAILED: ${stateMessage[v.state]}`);
      return 1;
    }
    const page = testPage({ printer: spec, paperWidthMm: width as 58 | 80, at: new Date().toISOString() });
    const r = await printer.print(page);
    if (!r.ok) return (err(reason(r.error)), 1);
    out(`已打印测试页 / test page printed (${r.value.bytes} bytes, ${width}mm) → ${spec}`);
    return 0;
  } finally {
    await printer.close();
  }
}

run().then(
  (code) => process.exit(code),
  (e: unknown) => {
    err(`失败 / FAILED: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
