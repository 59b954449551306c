import { z } from 'zod';

// RFC 3339 date-time: the Rust server writes chrono's form, with up to nine fraction digits.
const RFC_3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Parses an RFC 3339 date-time into epoch milliseconds (fractions below a millisecond are cut),
 * or returns undefined when the text is not one.
 */
export function parseRfc3339(text: string): number | undefined {
  const match = RFC_3339.exec(text);
  if (!match) return undefined;

  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    millis,
  );
  const offsetMinutes =
    zone.toUpperCase() === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));

  const result = utc - offsetMinutes * 60_000;
  return Number.isFinite(result) ? result : undefined;
}

/**
 * A change time as either server writes it: epoch milliseconds (Java) or an RFC 3339 string
 * (Rust), always read as epoch milliseconds.
 */
export const changeTimeSchema = z.union([
  z.number().refine(Number.isFinite, 'expected a finite number'),
  z.string().transform((text, context) => {
    const millis = parseRfc3339(text);
    if (millis !== undefined) return millis;

    context.addIssue({ code: 'custom', message: 'expected epoch ms or an RFC 3339 date-time' });
    return z.NEVER;
  }),
]);
