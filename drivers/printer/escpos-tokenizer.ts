/**
 * Splits an ESC/POS byte stream into commands and text, knowing how many argument bytes each command
 * takes. Streaming: a command cut off at the end of a chunk is returned as `rest`, to be prefixed to
 * the next chunk. Used by the printer emulator (to answer DLE EOT and capture receipts) and by tests
 * (to read receipts back as text).
 *
 * Text never contains bytes below 0x20: GB18030 lead bytes are 0x81–0xFE and trail bytes 0x30–0xFE,
 * so splitting at control bytes never cuts a Chinese character.
 */
export type EscPosToken =
  | { t: 'text'; bytes: Uint8Array }
  | { t: 'lf' }
  | { t: 'init' } // ESC @
  | { t: 'chinese'; on: boolean } // FS & / FS .
  | { t: 'align'; n: number } // ESC a n
  | { t: 'bold'; on: boolean } // ESC E n
  | { t: 'size'; width: number; height: number } // GS ! n
  | { t: 'feed'; lines: number } // ESC d n
  | { t: 'cut' } // GS V …
  | { t: 'status'; n: number } // DLE EOT n — a real-time request the printer answers at once
  | { t: 'qr-store'; payload: Uint8Array } // GS ( k … 31 50 30 d…
  | { t: 'qr-print' } // GS ( k 03 00 31 51 30
  | { t: 'cmd'; bytes: Uint8Array } // understood, nothing to show (font, spacing, QR settings, …)
  | { t: 'unknown'; bytes: Uint8Array };

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;

/** Fixed argument counts after `ESC c`, `GS c`, `FS c` for the commands without variable data. */
const ESC_ARGS: Record<number, number> = {
  0x40: 0,
  0x61: 1,
  0x45: 1,
  0x21: 1,
  0x2d: 1,
  0x4d: 1,
  0x64: 1,
  0x4a: 1,
  0x32: 0,
  0x33: 1,
  0x74: 1,
  0x52: 1,
  0x42: 2,
  0x70: 3,
  0x47: 1,
  0x7b: 1,
  0x56: 1,
  0x20: 1,
  0x24: 2,
  0x5c: 2,
};
const GS_ARGS: Record<number, number> = {
  0x21: 1,
  0x42: 1,
  0x48: 1,
  0x68: 1,
  0x77: 1,
  0x66: 1,
  0x4c: 2,
  0x57: 2,
  0x72: 1,
  0x61: 1,
};
const FS_ARGS: Record<number, number> = {
  0x26: 0,
  0x2e: 0,
  0x21: 1,
  0x2d: 1,
  0x43: 1,
  0x53: 2,
  0x57: 1,
  0x70: 2,
};

export function tokenize(bytes: Uint8Array): { tokens: EscPosToken[]; rest: Uint8Array } {
  const tokens: EscPosToken[] = [];
  let i = 0;
  const need = (n: number) => i + n <= bytes.length;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b >= 0x20) {
      let j = i;
      while (j < bytes.length && bytes[j]! >= 0x20) j++;
      tokens.push({ t: 'text', bytes: bytes.slice(i, j) });
      i = j;
      continue;
    }
    if (b === 0x0a) {
      tokens.push({ t: 'lf' });
      i++;
      continue;
    }
    if (b === ESC || b === GS || b === FS || b === DLE) {
      if (!need(2)) break;
      const len = commandLength(bytes, i);
      if (len === undefined) break; // incomplete: wait for more bytes
      const cmd = bytes.slice(i, i + len);
      tokens.push(len === 0 ? { t: 'unknown', bytes: cmd.slice(0, 2) } : classify(cmd));
      i += len === 0 ? 2 : len;
      continue;
    }
    tokens.push({ t: 'cmd', bytes: bytes.slice(i, i + 1) }); // CR, HT, FF…: nothing to show
    i++;
  }
  return { tokens, rest: bytes.slice(i) };
}

/** Total length of the command at `i`; undefined if incomplete, 0 if unknown. */
function commandLength(b: Uint8Array, i: number): number | undefined {
  const lead = b[i]!;
  const c = b[i + 1]!;
  const have = b.length - i;
  const fixed = (n: number) => (have >= 2 + n ? 2 + n : undefined);
  if (lead === DLE) return c === 0x04 ? fixed(1) : c === 0x14 ? fixed(3) : 0;
  if (lead === ESC) return c in ESC_ARGS ? fixed(ESC_ARGS[c]!) : 0;
  if (lead === FS) return c in FS_ARGS ? fixed(FS_ARGS[c]!) : 0;
  // GS
  if (c in GS_ARGS) return fixed(GS_ARGS[c]!);
  if (c === 0x56) {
    if (have < 3) return undefined;
    return b[i + 2]! >= 65 ? fixed(2) : fixed(1);
  }
  if (c === 0x28) {
    if (have < 5) return undefined;
    return fixed(3 + b[i + 3]! + b[i + 4]! * 256);
  }
  if (c === 0x6b) {
    if (have < 3) return undefined;
    const m = b[i + 2]!;
    if (m <= 6) {
      const nul = b.indexOf(0, i + 3);
      return nul < 0 ? undefined : nul - i + 1;
    }
    return have < 4 ? undefined : fixed(2 + b[i + 3]!);
  }
  if (c === 0x76) {
    if (have < 8) return undefined;
    return fixed(6 + (b[i + 4]! + b[i + 5]! * 256) * (b[i + 6]! + b[i + 7]! * 256));
  }
  return 0;
}

function classify(cmd: Uint8Array): EscPosToken {
  const [lead, c, n] = [cmd[0]!, cmd[1]!, cmd[2] ?? 0];
  if (lead === DLE && c === 0x04) return { t: 'status', n };
  if (lead === ESC) {
    if (c === 0x40) return { t: 'init' };
    if (c === 0x61) return { t: 'align', n: n % 48 };
    if (c === 0x45) return { t: 'bold', on: (n & 1) === 1 };
    if (c === 0x64) return { t: 'feed', lines: n };
  }
  if (lead === FS && (c === 0x26 || c === 0x2e)) return { t: 'chinese', on: c === 0x26 };
  if (lead === GS) {
    if (c === 0x21) return { t: 'size', width: (n >> 4) + 1, height: (n & 0x0f) + 1 };
    if (c === 0x56) return { t: 'cut' };
    if (c === 0x28 && cmd[2 + 3] === 0x31 && cmd[2 + 4] === 0x50)
      return { t: 'qr-store', payload: cmd.slice(8) };
    if (c === 0x28 && cmd[2 + 3] === 0x31 && cmd[2 + 4] === 0x51) return { t: 'qr-print' };
  }
  return { t: 'cmd', bytes: cmd };
}
