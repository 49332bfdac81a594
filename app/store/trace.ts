/**
 * Trace look-up (质量追溯): a code typed or scanned → the record the county published for it.
 *
 * A scanner may deliver the code inside a URL (labels often carry a QR that opens a web page) or with
 * spaces and dashes as printed; the label's code is what matters, so the input is reduced to it
 * first. Codes compare without regard to case, because a villager types letters in capitals.
 */
import type { KioskDb, Pulled } from './db';

export type TraceRecordRow = Pulled<'trace_record'>;

/** The longest code the county's admin API accepts for a trace record's path; anything longer is noise. */
export const MAX_TRACE_CODE = 64;

/** A QR's URL → its `code`/`c`/`id` query value or last path segment; spaces and dashes dropped. */
export function normalizeTraceCode(input: string): string {
  let text = input.trim();
  if (/^https?:\/\//i.test(text)) {
    try {
      const url = new URL(text);
      const fromQuery = ['code', 'c', 'id'].map((k) => url.searchParams.get(k)).find((v) => v);
      text = fromQuery ?? url.pathname.split('/').filter(Boolean).at(-1) ?? '';
    } catch {
      // Not a URL after all: keep the text as typed.
    }
  }
  return text.replace(/[\s-]+/g, '').toUpperCase();
}

/** The record for a code, or undefined: an unknown code is an answer (未找到), not an error. */
export async function findTraceRecord(db: KioskDb, input: string): Promise<TraceRecordRow | undefined> {
  const code = normalizeTraceCode(input);
  if (!code || code.length > MAX_TRACE_CODE) return undefined;
  return db.traceRecords.where('code').equalsIgnoreCase(code).first();
}
