import { interpretStatus, isStatusByte, statusBytes } from './escpos-status';

describe('DLE EOT status', () => {
  it('reads the bytes of an idle printer as ready', () => {
    expect(interpretStatus(0x12, 0x12, 0x12)).toMatchObject({ state: 'ready', online: true });
  });

  it('reads paper end from the roll sensor and the offline cause', () => {
    expect(interpretStatus(0x1a, 0x32, 0x7e)).toMatchObject({
      state: 'paper_out',
      online: false,
      paperOut: true,
    });
  });

  it('reads an open cover before anything else', () => {
    expect(interpretStatus(0x1a, 0x16, 0x12)).toMatchObject({ state: 'cover_open', coverOpen: true });
  });

  it('reads paper near its end as paper_low while still online', () => {
    expect(interpretStatus(0x12, 0x12, 0x1e)).toMatchObject({
      state: 'paper_low',
      online: true,
      paperLow: true,
    });
  });

  it('reads an error bit as offline', () => {
    expect(interpretStatus(0x1a, 0x52, 0x12).state).toBe('offline');
  });

  it('tells a status byte from noise by its fixed bits', () => {
    expect([0x12, 0x1a, 0x7e, 0x16].every(isStatusByte)).toBe(true);
    expect([0x00, 0xff, 0x13, 0x92, 0x0a].some(isStatusByte)).toBe(false);
  });

  it('encodes for the emulator what it decodes', () => {
    const c = { coverOpen: false, paperOut: true, paperLow: false, error: false };
    const b = statusBytes(c);
    expect(Object.values(b).every(isStatusByte)).toBe(true);
    expect(interpretStatus(b[1], b[2], b[4]).state).toBe('paper_out');
  });
});
