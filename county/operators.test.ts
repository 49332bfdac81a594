import { silentLogger } from '../common/logger';
import { seedCounties } from '../assets/seed';
import { verifyPin } from '../sync/pin-kdf';
import { parseChange, type ChangeEnvelope } from '../sync/protocol';
import { runAdminCommand } from './commands-admin';
import { parseCommand } from './commands';
import type { Db } from './db';
import type { CountyServer } from './server';
import { openTestDb } from './testing';
import { adminInject, enrolKiosk, pullAsKiosk, testCountyServer, type TestKiosk } from './testing-server';

const county = seedCounties[0]!;
const otherCounty = seedCounties[1]!;
const [villageA, villageB] = county.townships[0]!.villages;
const base = `/api/v1/admin/counties/${county.id}`;

describe('operator accounts at the county', () => {
  let db: Db;
  let app: CountyServer;
  const kiosks: Record<'a' | 'b', TestKiosk> = {} as never;

  /** What a kiosk of that village pulls that is new since its last pull. */
  const pullNew = async (who: 'a' | 'b'): Promise<ChangeEnvelope[]> =>
    (await pullAsKiosk(app, kiosks[who])).filter((c) => c.entity === 'operator_account');
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    adminInject(app, method, url, payload);

  beforeAll(async () => {
    db = await openTestDb({ seed: true });
    app = testCountyServer(db, { now: () => new Date('2026-03-01T08:00:00.000Z') });
    kiosks.a = await enrolKiosk(app, db, villageA!.id, 'a');
    kiosks.b = await enrolKiosk(app, db, villageB!.id, 'b');
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('creates an account and publishes it to its own village only, with a hash the kiosk can verify', async () => {
    const res = await call('POST', `${base}/operators`, {
      villageId: villageA!.id,
      name: '王芳',
      pin: '246810',
    });
    expect(res.statusCode).toBe(201);
    const account = res.json<{ id: string }>();
    const { id, createdAt, updatedAt, ...rest } = res.json<Record<string, unknown>>();
    expect(id).toMatch(/^op-/);
    expect([typeof createdAt, typeof updatedAt]).toEqual(['string', 'string']);
    expect(rest).toEqual({ villageId: villageA!.id, name: '王芳', role: 'operator', active: true });
    expect(res.body).not.toContain('246810');

    const [change] = await pullNew('a');
    const parsed = parseChange(change!);
    if (!parsed.ok || parsed.change.entity !== 'operator_account' || parsed.change.op !== 'upsert')
      throw new Error(`not an operator_account upsert: ${JSON.stringify(change)}`);
    expect(parsed.change.id).toBe(account.id);
    expect(parsed.change.data).toMatchObject({ villageId: villageA!.id, name: '王芳', active: true });
    expect(parsed.change.data.iterations).toBeGreaterThanOrEqual(100_000);
    expect(await verifyPin('246810', parsed.change.data)).toBe(true);
    expect(await verifyPin('246811', parsed.change.data)).toBe(false);

    expect(await pullNew('b')).toEqual([]); // another village never sees the hash
  });

  it('publishes a new PIN and a deactivation to the village again', async () => {
    const [account] = (await call('GET', `${base}/operators?villageId=${villageA!.id}`)).json<
      { id: string }[]
    >();
    const changed = await call('PATCH', `${base}/operators/${account!.id}`, { pin: '135790' });
    expect(changed.statusCode).toBe(200);
    const [newPin] = await pullNew('a');
    const data = newPin!.data as { pinHash: string; salt: string; iterations: number };
    expect(await verifyPin('135790', data)).toBe(true);
    expect(await verifyPin('246810', data)).toBe(false);

    await call('PATCH', `${base}/operators/${account!.id}`, { active: false });
    const [off] = await pullNew('a');
    expect(off).toMatchObject({ id: account!.id, op: 'upsert', data: { active: false } });
    expect(await pullNew('b')).toEqual([]);
  });

  it('refuses bad input with a reason and changes nothing', async () => {
    const before = (await call('GET', `${base}/operators`)).json<unknown[]>().length;
    for (const body of [
      { villageId: villageA!.id, name: '李四', pin: '12345' }, // 5 digits
      { villageId: villageA!.id, name: '李四', pin: '123456', role: 'admin' },
      { villageId: villageA!.id, name: '', pin: '123456' },
      { villageId: villageA!.id, name: '李四', pin: '123456', pinHash: 'x' }, // unknown field
    ]) {
      const res = await call('POST', `${base}/operators`, body);
      expect(res.statusCode).toBe(400);
    }
    const elsewhere = await call('POST', `${base}/operators`, {
      villageId: otherCounty.townships[0]!.villages[0]!.id,
      name: '李四',
      pin: '123456',
    });
    expect(elsewhere.statusCode).toBe(404); // a village of another county is not this county's
    const twice = await call('POST', `${base}/operators`, {
      villageId: villageA!.id,
      name: '王芳',
      pin: '123456',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json<{ error: { message: string } }>().error.message).toMatch(/已有操作员/);
    expect((await call('GET', `${base}/operators`)).json<unknown[]>()).toHaveLength(before);
    expect((await call('PATCH', `${base}/operators/op-nobody`, { active: true })).statusCode).toBe(404);
    expect((await call('PATCH', `${base}/operators/op-nobody`, {})).statusCode).toBe(400);
  });

  it('is also run from the county CLI: operator-add, operators, operator-set', async () => {
    const added = (await runAdminCommand(
      db,
      parseCommand([
        'operator-add',
        '--village',
        villageB!.id,
        '--name',
        '赵工',
        '--pin',
        '999999',
        '--role',
        'technician',
      ]) as never,
      silentLogger,
    )) as { id: string; role: string };
    expect(added.role).toBe('technician');
    const listed = (await runAdminCommand(
      db,
      parseCommand(['operators', '--village', villageB!.id]) as never,
      silentLogger,
    )) as object[];
    expect(listed).toEqual([expect.objectContaining({ id: added.id, name: '赵工' })]);
    expect(JSON.stringify(listed)).not.toMatch(/pin|salt|hash/i);
    const [published] = await pullNew('b');
    expect(await verifyPin('999999', published!.data as never)).toBe(true);

    await runAdminCommand(
      db,
      parseCommand(['operator-set', '--id', added.id, '--active', 'no']) as never,
      silentLogger,
    );
    const off = await pullNew('b');
    expect(off).toHaveLength(1);
    expect(off[0]).toMatchObject({ id: added.id, data: { active: false } });
    await expect(
      runAdminCommand(
        db,
        parseCommand(['operator-add', '--village', villageB!.id, '--name', 'x', '--pin', '12']) as never,
        silentLogger,
      ),
    ).rejects.toThrow(/6/);
  });
});
