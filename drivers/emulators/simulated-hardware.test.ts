import { lockerProtocols } from '../locker/protocols';
import { testPage } from '../printer/layouts';
import { createMemoryPair } from '../transports/memory-transport';
import { PrinterEmulator } from './printer-emulator';
import { SimulatedLockerBank } from './simulated-lockers';
import { SimulatedPrinter } from './simulated-printer';

describe('SimulatedLockerBank', () => {
  it('summarises the default bank as all free and in service', () => {
    expect(new SimulatedLockerBank().summary()).toEqual({ compartments: 24, free: 24, outOfService: 0 });
  });

  it('opens a door through the real driver and the protocol emulator, and shows it open', async () => {
    for (const protocol of Object.keys(lockerProtocols) as (keyof typeof lockerProtocols)[]) {
      const sim = new SimulatedLockerBank({ protocol });
      const r = await sim.bank.open('A02');
      expect(r.ok).toBe(true);
      expect(sim.compartments.find((c) => c.id === 'A02')?.door).toBe('open');
    }
  });

  it('counts jammed locks, silent boards and occupied compartments in the summary', () => {
    const sim = new SimulatedLockerBank({ protocol: 'kerong' });
    sim.emulator.setJammed(0, 1);
    sim.emulator.setOccupied(0, 2);
    sim.emulator.setSilent(1);
    expect(sim.summary()).toEqual({ compartments: 24, free: 10, outOfService: 13 });
  });
});

describe('SimulatedPrinter', () => {
  it('keeps the status knob the shell uses and prints through the real driver', async () => {
    const sim = new SimulatedPrinter({ paperWidthMm: 80 });
    expect(sim.status()).toEqual({ state: 'ready', model: '模拟打印机 80mm', paperWidthMm: 80 });
    const page = testPage({ printer: 'sim', paperWidthMm: 80, at: '2025-03-01T00:00:00Z' });
    expect((await sim.printer.print(page)).ok).toBe(true);
    expect(sim.lastReceiptText()).toContain('打印测试页');

    sim.state = 'paper_out';
    expect(sim.status().state).toBe('paper_out');
    const s = await sim.printer.status();
    expect(s.ok && s.value.state).toBe('paper_out');
    const r = await sim.printer.print(page);
    expect(r.ok || r.error.code).toBe('PAPER_OUT');
    expect(sim.receipts()).toHaveLength(1);

    sim.state = 'cover_open';
    expect(sim.state).toBe('cover_open');
    sim.state = 'ready';
    expect(sim.state).toBe('ready');
  });
});

describe('PrinterEmulator', () => {
  it('answers each DLE EOT with one status byte, even in the middle of a job', async () => {
    const [host, device] = createMemoryPair();
    const emulator = new PrinterEmulator();
    emulator.attach(device);
    const answers: number[] = [];
    host.onData((b) => answers.push(...b));
    emulator.conditions.paperLow = true;
    await host.write(
      Uint8Array.of(0x1b, 0x40, 0x1c, 0x26, 0x41, 0x10, 0x04, 0x04, 0x42, 0x0a, 0x1d, 0x56, 0x00),
    );
    await Promise.resolve();
    expect(answers).toEqual([0x1e]);
    expect(emulator.lastReceiptText()).toBe('AB');
  });
});
