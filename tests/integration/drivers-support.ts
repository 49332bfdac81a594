/**
 * Test equipment for the driver integration suites (drivers-*.test.ts).
 *
 * SocatPair: a pair of linked pseudo-terminals from socat, standing in for a USB-RS485 adapter and the boards on
 * its bus. `stop()` kills socat (both ends vanish, as when the adapter is pulled); `start()` again
 * brings them back under the same link names, which is what a replugged adapter looks like by path.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export class SocatPair {
  private child: ChildProcess | undefined;

  constructor(
    readonly host: string,
    readonly device: string,
  ) {}

  async start(): Promise<void> {
    const child = spawn(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${this.host}`, `pty,raw,echo=0,link=${this.device}`],
      {
        stdio: 'ignore',
      },
    );
    this.child = child;
    for (let i = 0; i < 100; i++) {
      if (existsSync(this.host) && existsSync(this.device)) return;
      if (child.exitCode !== null) throw new Error(`socat exited with ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('socat did not create its PTY links within 5 s');
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    // socat removes its links on a clean exit; wait until it has, so a restart is seen as new.
    for (let i = 0; i < 40 && (existsSync(this.host) || existsSync(this.device)); i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** Runs one of the repository's TypeScript CLIs as a child process, as a technician would. */
const root = join(import.meta.dirname, '..', '..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(script: string, args: string[], timeoutMs = 20_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, script), ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
