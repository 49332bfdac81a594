import { fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type {
  KioskMethod,
  KioskTransport,
  MethodOutput,
  PrintRequest,
  Result,
} from '../../../../kiosk-shell/api';
import { mutationSchemas } from '../../../../sync/protocol';
import { createI18n } from '../../../i18n';
import { FixedOperatorSession } from '../../../platform/operator-session';
import { KioskDb } from '../../../store/db';
import type { ParcelRow } from '../../../store/parcels';
import { recordShipment } from '../../../store/shipments';
import { DispatchScreen } from './DispatchScreen';

const NOW = new Date('2026-11-28T09:30:00+08:00');
const OPERATOR = { id: 'op-7', name: '王芳', role: 'operator' as const };

let n = 0;
async function openDispatch() {
  const db = new KioskDb(`dispatch-screen-${n++}`);
  const ids: string[] = [];
  for (const [carrier, name] of [
    ['中通快递', '李四'],
    ['中通快递', '赵六'],
    ['顺丰速运', '钱七'],
  ] as const) {
    const r = await recordShipment(db, {
      sender: { name: '张三', phone: '13812345678' },
      recipient: {
        name,
        phone: '13987654321',
        province: '湖北省',
        city: '武汉市',
        county: '洪山区',
        address: '1号',
      },
      carrier,
      weightGrams: 1500,
      feeFen: 1200,
      operatorId: 'op-7',
    });
    if (!r.ok) throw new Error(r.error.message);
    ids.push(r.shipment.id);
  }
  const overdue: ParcelRow = {
    id: 'p-old',
    waybill: 'ZT7801234567890',
    carrier: '中通',
    phone: '13600000000',
    location: { kind: 'shelf', code: '3-1-3001' },
    codeHash: 'h',
    status: 'stored',
    storedAt: new Date(NOW.getTime() - 10 * 24 * 3600_000).toISOString(),
    mutationId: 'm-p-old',
  };
  await db.parcels.add(overdue);
  const prints: PrintRequest[] = [];
  const api: KioskTransport = {
    invoke: <M extends KioskMethod>(method: M, input: unknown) => {
      if (method === 'printer.print') prints.push(input as PrintRequest);
      return Promise.resolve(
        (method === 'printer.print'
          ? {
              ok: true,
              value: {
                id: 'j',
                kind: 'dispatch-manifest',
                title: '',
                status: 'printed',
                attempts: 1,
                createdAt: 0,
              },
            }
          : { ok: false, error: { code: 'NOT_AVAILABLE', message: method } }) as Result<MethodOutput<M>>,
      );
    },
  };
  const onBack = vi.fn();
  render(
    <I18nextProvider i18n={createI18n('zh-CN')}>
      <FixedOperatorSession operator={OPERATOR}>
        <DispatchScreen db={db} api={api} onBack={onBack} now={() => NOW} />
      </FixedOperatorSession>
    </I18nextProvider>,
  );
  return { db, ids, prints };
}

describe('dispatch manifest (快递交接)', () => {
  it('lists the chosen carrier’s shipments and overdue parcels, all ticked', async () => {
    const { ids } = await openDispatch();
    fireEvent.click(screen.getByText('中通快递'));
    expect(await screen.findByRole('heading', { name: '寄出的包裹（2 件）' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '退回的超期件（1 件）' })).toBeInTheDocument();
    const boxes = screen.getAllByRole('checkbox');
    expect(boxes.map((b) => b.getAttribute('aria-checked'))).toEqual(['true', 'true', 'true']);
    expect(boxes[0]!.getAttribute('data-shipment')).toBe(ids[0]);
    expect(boxes[2]!.textContent).toContain('ZT7801234567890 · 超期 3 天');
    expect(screen.getByRole('button', { name: '确认交接 3 件' })).toBeEnabled();
  });

  it('hands over what stays ticked, then prints the manifest made from what was stored', async () => {
    const { db, ids, prints } = await openDispatch();
    fireEvent.click(screen.getByText('中通快递'));
    const second = await screen.findByText(/0002 赵六/);
    fireEvent.click(second);
    expect(second.getAttribute('aria-checked')).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: '确认交接 2 件' }));

    const status = await screen.findByText('交接完成：寄出 1 件，退回 1 件');
    const manifestId = status.getAttribute('data-manifest')!;
    const manifest = await db.dispatchManifests.get(manifestId);
    expect(manifest).toMatchObject({
      carrier: '中通快递',
      shipmentIds: [ids[0]],
      returnedParcelIds: ['p-old'],
      operatorId: 'op-7',
    });
    const entry = await db.outbox.get(manifest!.mutationId);
    expect(mutationSchemas['dispatch.handed_over'].safeParse(entry?.payload).success).toBe(true);
    expect((await db.parcels.get('p-old'))?.status).toBe('returned');
    expect((await db.shipments.get(ids[1]!))?.manifestId).toBeUndefined();

    expect(prints).toEqual([
      {
        kind: 'dispatch-manifest',
        input: expect.objectContaining({
          carrier: '中通快递',
          operator: '王芳',
          shipments: [
            { no: '0001', recipientName: '李四', destination: '湖北省武汉市洪山区', weightGrams: 1500 },
          ],
          returned: [{ waybill: 'ZT7801234567890', daysOverdue: 3 }],
        }) as unknown,
      },
    ]);
    expect(await screen.findByText('交接单已打印，请快递员签字')).toBeInTheDocument();

    // Another handover for the same carrier lists only what is still waiting.
    fireEvent.click(screen.getByRole('button', { name: '继续交接' }));
    fireEvent.click(screen.getByText('中通快递'));
    const left = await screen.findByRole('heading', { name: '寄出的包裹（1 件）' });
    expect(left).toBeInTheDocument();
    expect(screen.queryByText(/0001 李四/)).toBeNull();
    expect(screen.getByText('没有要退回的超期件')).toBeInTheDocument();
  });
});
