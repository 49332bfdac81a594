import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Four projects, one command (`npm test`): the renderer in jsdom and everything Node-side in node,
// two files at a time (vitest's default on two cores is one); then the end-to-end suites (real
// Chromium, real servers) one file at a time; then the bounded fault campaign. The groups run one
// after another (`sequence.groupOrder`) so a browser suite never shares the cores with jsdom.
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        plugins: [react()],
        test: {
          name: 'app',
          environment: 'jsdom',
          include: ['app/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/setup/app.ts'],
          globals: true,
        },
      },
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'kiosk-shell/**/*.test.ts',
            'drivers/**/*.test.ts',
            'sync/**/*.test.ts',
            'county/**/*.test.ts',
            'common/**/*.test.ts',
            'scripts/**/*.test.ts',
            'assets/**/*.test.ts',
            'tests/integration/**/*.test.ts',
          ],
          globals: true,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globals: true,
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The fault campaign (issue 9): bounded in `npm test`, full with FAULT_CAMPAIGN_RUNS.
        test: {
          name: 'fault-campaign',
          environment: 'node',
          include: ['tests/fault-campaign/**/*.test.ts'],
          globals: true,
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 2 },
          testTimeout: 600_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
