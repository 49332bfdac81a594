import { render, screen, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { mutationSchemas } from '../../../sync/protocol';
import { dayKey } from '../../components/DatePicker';
import { createI18n } from '../../i18n';
import { FixedOperatorSession } from '../../platform/operator-session';
import type { KioskDb } from '../../store/db';
import { countyAnswers } from '../../store/request-status-fixture';
import { freshDb, openTile } from '../common/villager-testing';
import { SellScreen } from './SellScreen';

async function typeOn(user: UserEvent, keys: string, within_: HTMLElement) {
  for (const k of keys) await user.click(within(within_).getByRole('button', { name: k }));
}

async function toList(user: UserEvent) {
  await typeOn(user, '13800138000', document.body);
  await user.click(screen.getByRole('button', { name: '下一步' }));
  await screen.findByText(/我登记的农产品/);
}

/** Sets what `navigator.mediaDevices` is for one test (jsdom has none). */
function setMedia(media: unknown) {
  Object.defineProperty(navigator, 'mediaDevices', { value: media, configurable: true, writable: true });
}

/**
 * A camera the terminal has: one video input and a stream that can be stopped. jsdom cannot draw
 * video to a canvas, so the canvas hands back a fixed JPEG; everything after it is the real path.
 */
function fakeCamera() {
  const stop = vi.fn();
  const media = {
    enumerateDevices: vi.fn(() => Promise.resolve([{ kind: 'videoinput' }])),
    getUserMedia: vi.fn(() => Promise.resolve({ getTracks: () => [{ stop }] })),
  };
  setMedia(media);
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({
    drawImage: vi.fn(),
  } as unknown as CanvasRenderingContext2D);
  vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation((done) =>
    done(new Blob([jpeg], { type: 'image/jpeg' })),
  );
  return { stop, media, jpeg };
}

async function fillListing(user: UserEvent) {
  await user.click(screen.getByRole('button', { name: '登记新农产品' }));
  await user.click(screen.getByRole('radio', { name: '柑橘' }));
  expect(screen.getByRole('radio', { name: '斤' })).toHaveAttribute('aria-checked', 'true');
  await user.click(screen.getByRole('button', { name: /数量/ }));
  await typeOn(user, '200', screen.getByRole('dialog'));
  await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '确定' }));
  await user.click(screen.getByRole('button', { name: /每斤要价/ }));
  await typeOn(user, '3.5', screen.getByRole('dialog'));
  await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '确定' }));
  expect(screen.getByText('按要价共计')).toHaveTextContent('¥700.00');
}

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.reject(new TypeError('offline'))),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  setMedia(undefined);
});

describe('sell produce (代销)', { timeout: 30_000 }, () => {
  it('refuses a listing with no quantity or a price of 0, changing nothing', async () => {
    const db = freshDb('sell');
    const { user } = await openTile(db, /代销/);
    await toList(user);
    await user.click(screen.getByRole('button', { name: '登记新农产品' }));
    await user.click(screen.getByRole('button', { name: '确认登记' }));
    expect(screen.getByRole('alert')).toHaveTextContent('请选择品种');
    await user.click(screen.getByRole('radio', { name: '鸡蛋' }));
    await user.click(screen.getByRole('button', { name: '确认登记' }));
    expect(screen.getByRole('alert')).toHaveTextContent('数量至少是 1');

    await user.click(screen.getByRole('button', { name: /数量/ }));
    const pad = screen.getByRole('dialog');
    await typeOn(user, '100000', pad);
    await user.click(within(pad).getByRole('button', { name: '确定' }));
    expect(within(pad).getByRole('alert')).toHaveTextContent('数量最多 99999');
    await user.click(within(pad).getByRole('button', { name: '取消' }));
    expect(screen.getByRole('button', { name: /数量/ })).toHaveTextContent('未填');

    await user.click(screen.getByRole('button', { name: /每个要价/ }));
    await typeOn(user, '0', screen.getByRole('dialog'));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '确定' }));
    expect(within(screen.getByRole('dialog')).getByRole('alert')).toHaveTextContent('请填写要价');
    expect(await db.produceListings.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('lists produce with harvest day and a camera photo: listing, photo and mutation together; the county’s offer shows', async () => {
    const camera = fakeCamera();
    const db = freshDb('sell');
    const { user } = await openTile(db, /代销/);
    await toList(user);
    await fillListing(user);
    await user.click(screen.getByRole('radio', { name: /^昨天/ }));

    await user.click(await screen.findByRole('button', { name: /拍照/ }));
    expect(camera.media.getUserMedia).toHaveBeenCalled();
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '拍下' }));
    expect(await screen.findByText(/已拍照/)).toBeInTheDocument();
    expect(camera.stop).toHaveBeenCalled(); // the camera light goes off with the dialog

    await user.click(screen.getByRole('button', { name: '确认登记' }));
    await screen.findByRole('heading', { name: '登记成功' });
    const [listing] = await db.produceListings.toArray();
    const yesterday = new Date();
    yesterday.setDate(yesterday.getDate() - 1);
    expect(listing).toMatchObject({
      kind: '柑橘',
      quantity: 200,
      unit: '斤',
      askingPriceFen: 350,
      harvestDate: dayKey(yesterday),
      photoId: expect.any(String) as string,
    });
    const [entry] = await db.outbox.toArray();
    expect(mutationSchemas['produce.listed'].parse(entry?.payload)).toMatchObject({
      listingId: listing!.id,
      phone: '13800138000',
      harvestDate: dayKey(yesterday),
      photoId: listing!.photoId,
    });
    const photo = await db.photos.get(listing!.photoId!);
    expect(photo?.mime).toBe('image/jpeg');
    expect(new Uint8Array(photo!.bytes)).toEqual(camera.jpeg);

    await user.click(screen.getByRole('button', { name: '完成' }));
    await countyAnswers(db, {
      kind: 'produce',
      requestId: listing!.id,
      status: 'offered',
      amountFen: 64000,
      note: '下周二上门收',
      detail: { offerFen: 320, buyer: '县供销社', unit: '斤' },
    });
    const row = () => document.querySelector(`[data-listing="${listing!.id}"]`) as HTMLElement;
    await vi.waitFor(() => expect(row()).toHaveTextContent('县中心已出价（下周二上门收）'));
    expect(row()).toHaveTextContent('收购价 ¥3.20/斤，买家：县供销社');
    expect(row()).toHaveTextContent('共计 ¥640.00');
  });

  it('has no photo button where the terminal has no camera', async () => {
    setMedia(undefined);
    const db = freshDb('sell');
    const { user } = await openTile(db, /代销/);
    await toList(user);
    await user.click(screen.getByRole('button', { name: '登记新农产品' }));
    expect(screen.getByText('照片（可以不拍）')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /拍照/ })).toBeNull();
  });

  it('lets the signed-in operator confirm a listing once, with their id in the mutation and the audit log', async () => {
    const db: KioskDb = freshDb('sell');
    const user = userEvent.setup();
    render(
      <I18nextProvider i18n={createI18n('zh-CN')}>
        <FixedOperatorSession operator={{ id: 'op-7', name: '王芳', role: 'operator' }}>
          <SellScreen db={db} onHome={() => undefined} />
        </FixedOperatorSession>
      </I18nextProvider>,
    );
    await toList(user);
    await fillListing(user);
    await user.click(screen.getByRole('button', { name: '确认登记' }));
    await user.click(await screen.findByRole('button', { name: '完成' }));

    await user.click(await screen.findByRole('button', { name: '工作人员确认' }));
    await user.click(screen.getByRole('button', { name: '工作人员确认 · 王芳' }));
    await vi.waitFor(() => expect(screen.getByText(/工作人员已确认/)).toBeInTheDocument());
    expect(screen.queryByRole('button', { name: '工作人员确认' })).toBeNull();

    const [listing] = await db.produceListings.toArray();
    const confirmed = (await db.outbox.toArray()).find((e) => e.type === 'produce.confirmed');
    expect(confirmed?.payload).toEqual({ listingId: listing!.id, operatorId: 'op-7' });
    expect(await db.auditLog.toArray()).toEqual([
      expect.objectContaining({
        kind: 'produce.confirm',
        operatorId: 'op-7',
        detail: { listingId: listing!.id },
      }),
    ]);
  });
});
