/** The county centre as its own process (`npm run county -- serve --seed`), stoppable and restartable. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../../scripts/build';

export interface CountyProcess {
  url: string;
  adminToken: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startCountyProcess(opts: { dataDir: string; port: number }): Promise<CountyProcess> {
  const adminToken = 'e2e-admin-token-0123456789abcdef';
  const url = `http://127.0.0.1:${opts.port}`;
  let child: ChildProcess | undefined;
  let out = '';

  const start = async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      VPK_DATA_DIR: opts.dataDir,
      VPK_COUNTY_PORT: String(opts.port),
      VPK_ADMIN_TOKEN: adminToken,
      VPK_COUNTY_LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    child = spawn(join(root, 'node_modules/.bin/tsx'), ['county/cli.ts', 'serve', '--seed'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`county exited (${child.exitCode}):\n${out}`);
      try {
        if ((await fetch(`${url}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`county did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };

  await start();
  return { url, adminToken, stop, start };
}
