import { act, render, screen } from '@testing-library/react';
import { FakeCounty } from '../../sync/fake-county';
import { createTestKiosk, recordOrder } from '../../sync/testing';
import { KioskDb } from '../store/db';
import { SyncProvider, createPageSyncEngine, exportFileName, useSync } from './sync';

function Health() {
  const { status } = useSync();
  return (
    <p>
      {status.state} {status.pending}
    </p>
  );
}

describe('sync in the page', () => {
  it('gives screens the live status through the provider', async () => {
    const { db, engine } = createTestKiosk({ county: new FakeCounty() });
    await recordOrder(db, 1);
    await act(() => engine.runOnce({ pull: false }).then(() => undefined));
    render(
      <SyncProvider engine={engine}>
        <Health />
      </SyncProvider>,
    );
    expect(screen.getByText('idle 0')).toBeInTheDocument();
  });

  it('calls the county through the same-origin /county proxy, without a token', async () => {
    const urls: string[] = [];
    const fetchImpl = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
      urls.push(typeof input === 'string' ? input : 'not a relative URL string');
      expect(new Headers(init?.headers).get('authorization')).toBeNull();
      const body = '{"error":{"code":"NOT_ENROLLED","message":"本终端尚未注册"}}';
      return Promise.resolve(new Response(body, { status: 503 }));
    });
    const win = Object.assign(Object.create(window) as Window, { fetch: fetchImpl });
    const engine = createPageSyncEngine(new KioskDb('page-sync'), { win });
    expect(await engine.runOnce()).toMatchObject({ kind: 'failed', error: { code: 'NOT_ENROLLED' } });
    expect(urls).toEqual(['/county/api/v1/device/me']);
  });

  it('names the export file after the device and the time', () => {
    expect(
      exportFileName({
        format: 'vpk-unsynced-export',
        protocol: '1.0',
        deviceId: 'dev-1',
        villageId: 'v-1',
        exportedAt: '2026-11-28T08:00:00.000Z',
        mutations: [],
      }),
    ).toBe('vpk-unsynced-dev-1-2026-11-28T08-00-00-000Z.json');
  });
});
