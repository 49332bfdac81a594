import { fromHex, hex } from './frame-scanner';
import { createRig } from './test-rig';

describe.each(['generic', 'kerong'] as const)('BoardDriver (%s)', (protocol) => {
  const b = protocol === 'generic' ? 1 : 0;

  it('opens a lock once and reports it confirmed by the board', async () => {
    const { driver, emulator, settle } = createRig(protocol);
    const r = await settle(driver.open(b, 3));
    expect(r).toEqual({ ok: true, value: { board: b, lock: 3, confirmedBy: 'board' } });
    expect(emulator.lock(b, 3)).toMatchObject({ closed: false, fired: 1 });
  });

  it('never re-sends an open whose reply was lost: it queries the door and reports it open', async () => {
    const { driver, emulator, settle } = createRig(protocol);
    emulator.loseNextReplies(1);
    const r = await settle(driver.open(b, 2));
    expect(r).toEqual({ ok: true, value: { board: b, lock: 2, confirmedBy: 'query' } });
    expect(emulator.lock(b, 2).fired).toBe(1);
    expect(emulator.received).toHaveLength(2); // the open, then one query
  });

  it('reports LOCK_JAMMED when the board answers that the lock did not release', async () => {
    const { driver, emulator, settle } = createRig(protocol);
    emulator.setJammed(b, 5);
    const r = await settle(driver.open(b, 5));
    expect(r.ok || r.error.code).toBe('LOCK_JAMMED');
    expect(emulator.received).toHaveLength(1);
  });

  it('reports DOOR_DID_NOT_OPEN when the open went unanswered and the door reads closed', async () => {
    const { driver, emulator, settle } = createRig(protocol);
    emulator.setJammed(b, 4);
    emulator.loseNextReplies(1);
    const r = await settle(driver.open(b, 4));
    expect(r.ok || r.error.code).toBe('DOOR_DID_NOT_OPEN');
    expect(emulator.received).toHaveLength(2);
  });

  it('retries a query to a silent board, then reports BOARD_SILENT', async () => {
    const { driver, emulator, settle } = createRig(protocol);
    emulator.setSilent(b);
    const r = await settle(driver.queryBoard(b));
    expect(r.ok || r.error.code).toBe('BOARD_SILENT');
    expect(emulator.received).toHaveLength(3); // one try and two retries
  });

  it('sends an open to a silent board once and says the door state is unknown', async () => {
    const { driver, emulator, settle } = createRig(protocol);
    emulator.setSilent(b);
    const r = await settle(driver.open(b, 1));
    expect(r.ok || r.error.code).toBe('BOARD_SILENT');
    expect(r.ok || r.error.message).toMatch(/unknown/);
    const opens = emulator.received.filter((f) => hex(f) === hex(driver.protocol.open(b, 1).request));
    expect(opens).toHaveLength(1);
    expect(emulator.lock(b, 1).fired).toBe(0);
  });

  it('finds the reply behind garbage on the line', async () => {
    const { driver, emulator, settle } = createRig(protocol);
    const query = driver.queryDoor(b, 1);
    await emulator.injectGarbage(fromHex('FF 00 02 8A 80 13 37'));
    expect(await settle(query)).toMatchObject({ ok: true, value: { lock: 1, closed: true } });
  });

  it('retries a query whose reply arrived corrupted, reporting BAD_FRAME only if every try fails', async () => {
    const { driver, emulator, settle } = createRig(protocol);
    emulator.corruptNextReplies(1);
    expect((await settle(driver.queryDoor(b, 1))).ok).toBe(true);
    emulator.corruptNextReplies(3);
    const r = await settle(driver.queryDoor(b, 1));
    expect(r.ok || r.error.code).toBe('BAD_FRAME');
  });

  it('fails at once with BUS_UNPLUGGED and sends nothing while the adapter is out', async () => {
    const { driver, emulator, host, settle } = createRig(protocol);
    host.unplug();
    const r = await settle(driver.open(b, 1));
    expect(r.ok || r.error.code).toBe('BUS_UNPLUGGED');
    host.replug();
    expect(emulator.received).toHaveLength(0);
    expect((await settle(driver.queryDoor(b, 1))).ok).toBe(true);
  });

  it('puts one request on the bus at a time with a gap of at least 30 ms between frames', async () => {
    const { driver, emulator, clock, settle } = createRig(protocol);
    const seen: number[] = [];
    const { host } = { host: driver.transport };
    host.onData(() => seen.push(clock.now())); // replies
    const sent: number[] = [];
    const origWrite = host.write.bind(host);
    host.write = (bytes) => {
      sent.push(clock.now());
      return origWrite(bytes);
    };
    const all = Promise.all([driver.queryDoor(b, 1), driver.queryDoor(b + 1, 2), driver.queryBoard(b)]);
    const results = await settle(all);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(emulator.received).toHaveLength(3);
    for (let i = 1; i < sent.length; i++) expect(sent[i]! - seen[i - 1]!).toBeGreaterThanOrEqual(30);
  });

  it('drops an open that cannot reach the bus in time instead of sending it late', async () => {
    const { driver, emulator, settle } = createRig(protocol, { openDeadlineMs: 500 });
    emulator.setSilent(b + 1);
    const slow = driver.queryBoard(b + 1); // 800 ms of silence holds the bus
    const open = driver.open(b, 1);
    const [, r] = await settle(Promise.all([slow, open]));
    expect(r.ok || r.error.code).toBe('BUS_BUSY');
    expect(emulator.lock(b, 1).fired).toBe(0);
  });

  it('opens every lock of a board and reports which ones read open', async () => {
    const { driver, emulator, settle } = createRig(protocol);
    emulator.setJammed(b, 2);
    const r = await settle(driver.openAll(b));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.closed).toEqual([2]);
    expect(r.value.open).toHaveLength(driver.protocol.locksPerBoard - 1);
  });

  it('rejects an address the protocol cannot reach as a BAD_REQUEST result', async () => {
    const { driver } = createRig(protocol);
    const r = await driver.open(b, 99);
    expect(r.ok || r.error.code).toBe('BAD_REQUEST');
  });
});
