/**
 * EAN-13 check digits. Kept apart from the catalogue so the schemas (and the scanner code, later) can
 * validate a code without pulling in the generator and its data tables.
 */

/** Weighted sum mod 10 as GS1 defines it: odd positions (1-based) weigh 1, even positions weigh 3. */
function checkDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12))
    throw new Error(`EAN-13 needs exactly 12 digits before the check digit: ${first12}`);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12.charAt(i)) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

function isValid(code: string): boolean {
  return /^\d{13}$/.test(code) && checkDigit(code.slice(0, 12)) === Number(code.charAt(12));
}

function complete(first12: string): string {
  return `${first12}${checkDigit(first12)}`;
}

export const EAN13 = { checkDigit, isValid, complete } as const;
