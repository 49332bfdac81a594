import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import type {
  KioskMethod,
  KioskTransport,
  MethodOutput,
  PrintJob,
  PrintRequest,
  Result,
} from '../../../kiosk-shell/api';
import { mutationSchemas } from '../../../sync/protocol';
import { createI18n } from '../../i18n';
import { FixedOperatorSession } from '../../platform/operator-session';
import { localDay } from '../../store/cash';
import { KioskDb } from '../../store/db';
import { SendScreen } from './SendScreen';

const OPERATOR = { id: 'op-7', name: '王芳', role: 'operator' as const };

/** The shell's printer: remembers every print, and can be out of paper (the job stays queued). */
class FakePrinter {
  paperOut = false;
  prints: PrintRequest[] = [];
  reprints: string[] = [];
  readonly api: KioskTransport = {
    invoke: <M extends KioskMethod>(method: M, input: unknown) =>
      Promise.resolve(this.answer(method, input) as Result<MethodOutput<M>>),
  };
  private job(): PrintJob {
    return {
      id: 'job-1',
      kind: 'parcel-label',
      title: '寄件单',
      status: 'printed',
      attempts: 1,
      createdAt: 0,
    };
  }
  private answer(method: string, input: unknown): Result<unknown> {
    if (method === 'printer.print') {
      this.prints.push(input as PrintRequest);
      if (this.paperOut)
        return { ok: false, error: { code: 'PAPER_OUT', message: '打印机缺纸', jobId: 'job-1' } };
      return { ok: true, value: this.job() };
    }
    if (method === 'printer.reprint') {
      this.reprints.push((input as { jobId: string }).jobId);
      return { ok: true, value: { ...this.job(), attempts: 2 } };
    }
    return { ok: false, error: { code: 'NOT_AVAILABLE', message: method } };
  }
}

let n = 0;
function openSend(opts: { operator?: typeof OPERATOR | null } = {}) {
  const db = new KioskDb(`send-screen-${n++}`);
  const printer = new FakePrinter();
  const onHome = vi.fn();
  const user = userEvent.setup({ delay: null });
  render(
    <I18nextProvider i18n={createI18n('zh-CN')}>
      <FixedOperatorSession operator={opts.operator === undefined ? OPERATOR : opts.operator}>
        <SendScreen db={db} api={printer.api} onHome={onHome} />
      </FixedOperatorSession>
    </I18nextProvider>,
  );
  return { db, printer, user, onHome };
}

/** A key or button by its text (fast: the keyboards have dozens of buttons). */
const tap = (_user: UserEvent, name: string) => {
  fireEvent.click(screen.getByText(name, { selector: 'button' }));
  return Promise.resolve();
};
async function type(user: UserEvent, keys: string) {
  for (const k of keys) await tap(user, k);
}
const next = (user: UserEvent) => tap(user, '下一步');
const alertText = async () => (await screen.findByRole('alert')).textContent;

/** The villager's half, by taps: names by surname chip + letters, phones on the keypad, region pickers. */
async function fillForm(user: UserEvent) {
  await user.click(screen.getByRole('button', { name: /^我要寄件/ }));
  await screen.findByRole('heading', { name: '寄件人姓名' });
  await tap(user, '张');
  await type(user, 'san');
  await next(user);
  await type(user, '13812345678');
  await next(user);
  await tap(user, '李');
  await type(user, 'si');
  await next(user);
  await type(user, '13987654321');
  await next(user);
  fireEvent.click(await screen.findByText('湖北省', { selector: 'button' }));
  fireEvent.click(screen.getByText('武汉市', { selector: 'button' }));
  fireEvent.click(screen.getByText('洪山区', { selector: 'button' }));
  await next(user);
  await tap(user, '1');
  await tap(user, '0');
  await tap(user, '号');
  await next(user);
}

describe('sending a parcel (寄件)', { timeout: 30_000 }, () => {
  it('takes the villager through sender, recipient, region and address to a review', async () => {
    const { user } = openSend();
    await fillForm(user);
    expect(screen.getByRole('heading', { name: '请核对寄件信息' })).toBeInTheDocument();
    expect(screen.getByText(/张san · 138 1234 5678/)).toBeInTheDocument();
    expect(screen.getByText(/湖北省武汉市洪山区10号/)).toBeInTheDocument();
  });

  it('does not move on with a short phone number or no address, and says why', async () => {
    const { user } = openSend();
    await user.click(screen.getByRole('button', { name: /^我要寄件/ }));
    await next(user);
    expect(await alertText()).toBe('请输入寄件人姓名');
    await tap(user, '王');
    await next(user);
    await type(user, '1381234');
    await next(user);
    expect(await alertText()).toBe('手机号应为11位数字，现在是7位');
    expect(screen.getByRole('heading', { name: '寄件人手机号' })).toBeInTheDocument();
  });

  it('asks for all three region levels before the address', async () => {
    const { user } = openSend();
    await user.click(screen.getByRole('button', { name: /^我要寄件/ }));
    await tap(user, '张');
    await next(user);
    await type(user, '13812345678');
    await next(user);
    await tap(user, '李');
    await next(user);
    await type(user, '13987654321');
    await next(user);
    fireEvent.click(await screen.findByText('湖北省', { selector: 'button' }));
    fireEvent.click(screen.getByText('武汉市', { selector: 'button' }));
    await next(user);
    expect(await alertText()).toBe('请选择收件地区（省、市、区县）');
    fireEvent.click(screen.getByText('江夏区', { selector: 'button' }));
    await next(user);
    await next(user);
    expect(await alertText()).toBe('请输入详细地址');
  });

  it('weighs, quotes the carrier’s fee, takes the cash and prints the label after the shipment is stored', async () => {
    const { user, db, printer } = openSend();
    await fillForm(user);
    await tap(user, '交给操作员称重收费');
    await screen.findByRole('heading', { name: '操作员：称重收费' });
    await type(user, '2.5');
    fireEvent.click(screen.getByText('中通快递'));
    expect(screen.getByLabelText('运费').textContent).toBe('¥16.00');
    // Nothing is stored, and nothing printed, until the cash is taken.
    expect(await db.shipments.count()).toBe(0);
    expect(printer.prints).toEqual([]);
    await tap(user, '收现金 ¥16.00 并打印面单');

    await screen.findByRole('heading', { name: '寄件成功' });
    const [shipment] = await db.shipments.toArray();
    expect(shipment).toMatchObject({ no: 1, weightGrams: 2500, feeFen: 1600, operatorId: 'op-7' });
    expect(screen.getByText('0001')).toBeInTheDocument();
    const entry = await db.outbox.get(shipment!.mutationId);
    expect(mutationSchemas['parcel.sent'].parse(entry!.payload)).toMatchObject({
      sender: { name: '张san', phone: '13812345678' },
      recipient: { province: '湖北省', city: '武汉市', county: '洪山区', address: '10号' },
      feeFen: 1600,
    });
    const cash = await db.cashMovements.where('day').equals(localDay(new Date())).toArray();
    expect(cash).toEqual([
      expect.objectContaining({ kind: 'shipping_fee', amountFen: 1600, operatorId: 'op-7' }),
    ]);

    expect(printer.prints).toEqual([
      {
        kind: 'parcel-label',
        input: expect.objectContaining({
          carrier: '中通快递',
          sender: { name: '张san', phone: '13812345678' },
          recipient: { name: '李si', phone: '13987654321', address: '湖北省武汉市洪山区10号' },
          weightGrams: 2500,
          feeFen: 1600,
          qrPayload: `VPK1:S:${shipment!.id}`,
        }) as unknown,
      },
    ]);
    expect((await screen.findByRole('status')).textContent).toBe('面单已打印，请贴在包裹上');
  });

  it('lets the operator change the fee, and refuses a weight of 0 or over 100 kg, storing nothing', async () => {
    const { user, db } = openSend();
    await fillForm(user);
    await tap(user, '交给操作员称重收费');
    fireEvent.click(await screen.findByText('顺丰速运'));
    await tap(user, '收现金 — 并打印面单');
    expect(await alertText()).toBe('请输入包裹重量');
    await type(user, '120');
    await tap(user, '收现金 — 并打印面单');
    expect(await alertText()).toBe('包裹超过100公斤，本点不能收寄');
    expect(await db.shipments.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);

    fireEvent.click(screen.getByText('克'));
    await type(user, '800');
    expect(screen.getByLabelText('运费').textContent).toBe('¥18.00');
    await user.click(screen.getByRole('button', { name: /运费 · 按价目表/ }));
    // The keypad starts from the quoted fee: the operator deletes it and types the new one.
    for (let i = 0; i < '18.00'.length; i++) await tap(user, '⌫');
    await type(user, '15');
    await tap(user, '收现金 ¥15.00 并打印面单');
    await screen.findByRole('heading', { name: '寄件成功' });
    expect(await db.shipments.toArray()).toEqual([
      expect.objectContaining({ weightGrams: 800, feeFen: 1500 }),
    ]);
  });

  it('offers 重印 when the printer is out of paper; the shipment stays stored', async () => {
    const { user, db, printer } = openSend();
    printer.paperOut = true;
    await fillForm(user);
    await tap(user, '交给操作员称重收费');
    await type(user, '1');
    fireEvent.click(screen.getByText('中国邮政'));
    await tap(user, '收现金 ¥10.00 并打印面单');
    expect((await screen.findByRole('status')).textContent).toBe('面单没有打印出来：打印机缺纸');
    expect(await db.shipments.count()).toBe(1);
    printer.paperOut = false;
    await tap(user, '重印面单');
    expect(printer.reprints).toEqual(['job-1']);
    expect((await screen.findByRole('status')).textContent).toBe('面单已打印，请贴在包裹上');
  });

  it('asks the operator to sign in before weighing when nobody is signed in', async () => {
    const { user } = openSend({ operator: null });
    await fillForm(user);
    await tap(user, '交给操作员称重收费');
    expect(await screen.findByRole('heading', { name: /操作员登录/ })).toBeInTheDocument();
    expect(screen.queryByRole('radio', { name: '中通快递' })).toBeNull();
  });

  it('shows my shipments with the county’s tracking status', async () => {
    const { user, db } = openSend();
    await fillForm(user);
    await tap(user, '交给操作员称重收费');
    await type(user, '1');
    fireEvent.click(screen.getByText('韵达快递'));
    await tap(user, '收现金 ¥7.00 并打印面单');
    await screen.findByRole('heading', { name: '寄件成功' });
    const [shipment] = await db.shipments.toArray();

    const again = openSend();
    // A second screen over the same database is what the next villager sees.
    again.db.close();
    document.body.innerHTML = '';
    render(
      <I18nextProvider i18n={createI18n('zh-CN')}>
        <SendScreen db={db} api={again.printer.api} onHome={vi.fn()} />
      </I18nextProvider>,
    );
    await user.click(screen.getByRole('button', { name: /^我的寄件/ }));
    await type(user, '13812345678');
    await tap(user, '查询');
    const card = await screen.findByRole('article');
    expect(card.getAttribute('data-status')).toBe('waiting');
    expect(within(card).getByText('等待快递员揽收')).toBeInTheDocument();

    await db.requestStatus.put({
      id: `shipment:${shipment!.id}`,
      version: '9',
      kind: 'shipment',
      requestId: shipment!.id,
      status: 'in_transit',
      note: null,
      amountFen: null,
      detail: {
        events: [{ status: 'in_transit', place: '武汉转运中心', note: null, at: '2026-11-28T12:00:00Z' }],
      },
    });
    expect(await within(card).findByText('运输中')).toBeInTheDocument();
    expect(within(card).getByText(/武汉转运中心/)).toBeInTheDocument();
  });
});
