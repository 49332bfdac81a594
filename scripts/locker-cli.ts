/**
 * `npm run locker -- --port PATH --protocol generic|kerong [--board N] status|open LOCK|open-all`
 *
 * For the technician wiring a locker bank: talks straight to the boards on the RS-485 adapter, with no
 * kiosk, configuration or database. Prints plain results in Chinese and English; exits 0 on success,
 * 1 when the hardware did not do it (with the reason), 2 when the command line is wrong.
 * Extra: `--baud N` (default per protocol), `--timeout MS` (reply timeout, default 800).
 */
import { parseArgs } from 'node:util';
import { BoardDriver } from '../drivers/locker/board-driver';
import type { ProtocolName } from '../drivers/locker/protocol';
import { lockerProtocols } from '../drivers/locker/protocols';
import type { DriverError } from '../drivers/result';
import { SerialTransport } from '../drivers/transports/serial-transport';

const USAGE =
  '用法 / usage: npm run locker -- --port PATH --protocol generic|kerong [--board N] [--baud N] status|open LOCK|open-all';

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

type Command = { kind: 'status' } | { kind: 'open'; lock: number } | { kind: 'open-all' };

interface Cli {
  port: string;
  protocol: ProtocolName;
  board: number;
  baud: number;
  timeoutMs: number;
  command: Command;
}

function parse(argv: string[]): Cli | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        protocol: { type: 'string' },
        board: { type: 'string' },
        baud: { type: 'string' },
        timeout: { type: 'string' },
      },
    });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  const { values, positionals } = parsed;
  if (!values.port) return '缺少 --port / --port is required';
  if (values.protocol !== 'generic' && values.protocol !== 'kerong') {
    return '--protocol 必须是 generic 或 kerong / --protocol must be generic or kerong';
  }
  const p = lockerProtocols[values.protocol];
  const board = values.board === undefined ? p.minBoard : Number(values.board);
  if (!Number.isInteger(board) || board < p.minBoard || board > p.maxBoard) {
    return `板号须为 ${p.minBoard}–${p.maxBoard} / --board must be ${p.minBoard}–${p.maxBoard} for ${p.name}`;
  }
  const [verb, arg] = positionals;
  let command: Command;
  if (verb === 'status' && positionals.length === 1) command = { kind: 'status' };
  else if (verb === 'open-all' && positionals.length === 1) command = { kind: 'open-all' };
  else if (verb === 'open' && positionals.length === 2) {
    const lock = Number(arg);
    if (!Number.isInteger(lock) || lock < 1 || lock > p.locksPerBoard) {
      return `锁号须为 1–${p.locksPerBoard} / LOCK must be 1–${p.locksPerBoard} for ${p.name}`;
    }
    command = { kind: 'open', lock };
  } else return '命令须为 status、open LOCK 或 open-all / command must be status, open LOCK or open-all';
  return {
    port: values.port,
    protocol: values.protocol,
    board,
    baud: values.baud ? Number(values.baud) : p.baudRate,
    timeoutMs: values.timeout ? Number(values.timeout) : 800,
    command,
  };
}

const reason = (e: DriverError) => `失败 / FAILED: ${e.code} — ${e.message}`;

async function run(cli: Cli): Promise<number> {
  const transport = new SerialTransport({ path: cli.port, baudRate: cli.baud, reconnect: false });
  if (!(await transport.whenOpen(3_000))) {
    err(`失败 / FAILED: BUS_UNPLUGGED — 无法打开串口 ${cli.port} / cannot open serial port ${cli.port}`);
    await transport.close();
    return 1;
  }
  const driver = new BoardDriver({
    transport,
    protocol: lockerProtocols[cli.protocol],
    timing: { timeoutMs: cli.timeoutMs },
  });
  out(`快递柜板 ${cli.board}（${cli.protocol}，${cli.port} @${cli.baud}）/ locker board ${cli.board}`);
  try {
    switch (cli.command.kind) {
      case 'status': {
        const r = await driver.queryBoard(cli.board);
        if (!r.ok) return (err(reason(r.error)), 1);
        for (const l of r.value.locks) {
          const door = l.closed ? '关 closed' : '开 OPEN';
          const inside = l.occupied === undefined ? '' : l.occupied ? '  有物 occupied' : '  空 empty';
          out(`锁 lock ${String(l.lock).padStart(2)}: ${door}${inside}`);
        }
        const open = r.value.locks.filter((l) => !l.closed).length;
        out(`共 ${r.value.locks.length} 锁，${open} 个开着 / ${r.value.locks.length} locks, ${open} open`);
        return 0;
      }
      case 'open': {
        const r = await driver.open(cli.board, cli.command.lock);
        if (!r.ok) return (err(reason(r.error)), 1);
        const how =
          r.value.confirmedBy === 'board'
            ? '锁控板确认 / confirmed by the board'
            : '查询确认 / confirmed by query';
        out(`已开锁 / OPENED: lock ${cli.command.lock}（${how}）`);
        return 0;
      }
      case 'open-all': {
        const r = await driver.openAll(cli.board);
        if (!r.ok) return (err(reason(r.error)), 1);
        out(`已开 / open: ${r.value.open.join(', ') || '-'}`);
        if (r.value.closed.length > 0) {
          err(`未开 / still closed: ${r.value.closed.join(', ')}`);
          return 1;
        }
        return 0;
      }
    }
  } finally {
    await driver.close();
  }
}

const cli = parse(process.argv.slice(2));
if (typeof cli === 'string') {
  err(cli);
  err(USAGE);
  process.exit(2);
}
run(cli).then(
  (code) => process.exit(code),
  (e: unknown) => {
    err(`失败 / FAILED: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
