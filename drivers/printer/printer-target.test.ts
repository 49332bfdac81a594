import { parsePrinterTarget } from './printer-target';

describe('printer targets', () => {
  it('reads the three ways a technician names a printer', () => {
    expect(parsePrinterTarget('tcp://192.168.1.87:9100')).toEqual({
      ok: true,
      value: { kind: 'tcp', host: '192.168.1.87', port: 9100 },
    });
    expect(parsePrinterTarget('tcp://printer.local')).toMatchObject({ value: { port: 9100 } });
    expect(parsePrinterTarget('serial:/dev/ttyUSB1@19200')).toEqual({
      ok: true,
      value: { kind: 'serial', path: '/dev/ttyUSB1', baudRate: 19200 },
    });
    expect(parsePrinterTarget('serial:/dev/ttyS0')).toMatchObject({ value: { baudRate: 9600 } });
    expect(parsePrinterTarget('/dev/usb/lp0')).toEqual({
      ok: true,
      value: { kind: 'file', path: '/dev/usb/lp0' },
    });
  });

  it('rejects an address it cannot use', () => {
    expect(parsePrinterTarget('tcp://host:9100/path').ok).toBe(false);
    expect(parsePrinterTarget('serial:').ok).toBe(false);
    expect(parsePrinterTarget('').ok).toBe(false);
  });
});
