import { seedTraceRecords, seedTraceRecordSchema } from './index';

describe('seed trace records', () => {
  it('has a few records that validate, with unique codes a villager can type on number keys', () => {
    expect(seedTraceRecords.length).toBeGreaterThanOrEqual(3);
    for (const record of seedTraceRecords) expect(seedTraceRecordSchema.parse(record)).toEqual(record);
    expect(new Set(seedTraceRecords.map((r) => r.code)).size).toBe(seedTraceRecords.length);
    expect(seedTraceRecords.every((r) => /^\d+$/.test(r.code))).toBe(true);
  });

  it('refuses a code with letters and shows a record without inspection as null, not empty text', () => {
    const [first] = seedTraceRecords;
    expect(seedTraceRecordSchema.safeParse({ ...first, code: '42900526ABC' }).success).toBe(false);
    expect(seedTraceRecordSchema.safeParse({ ...first, inspection: '' }).success).toBe(false);
    expect(seedTraceRecords.some((r) => r.inspection === null)).toBe(true);
  });
});
