import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));
const countyUrl = `http://127.0.0.1:${process.env.VPK_COUNTY_PORT ?? '8600'}`;

// The county console. Built to <repo>/dist/county-admin, which county/server.ts serves at `/`.
// `npx vite --config county/admin/vite.config.ts` runs it against a county service on :8600.
export default defineConfig({
  root: here,
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../../dist/county-admin', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': countyUrl, '/healthz': countyUrl },
  },
  plugins: [react()],
});
