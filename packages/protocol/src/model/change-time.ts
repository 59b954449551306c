import { z } from 'zod';

// RFC 3339 date-time: the Rust server writes chrono's form, with up to nine fraction digits.
const RFC_3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Parses an RFC 3339 date-time into epoch milliseconds (fractions below a millisecond are cut),
 * or returns undefined when the text is not one. Every field must be in its range (a month 13 or
 * an April 31st is refused, not rolled over); second 60 is a leap second and is accepted.
 */
export function parseRfc3339(text: string): number | undefined {
  const match = RFC_3339.exec(text);
  if (!match) return undefined;

  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
  const fields = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
  };
  const offsetMinutes = zoneOffsetMinutes(zone);
  if (!fieldsInRange(fields) || offsetMinutes === undefined) return undefined;

  // Date.UTC reads years 0 to 99 as 1900 to 1999; setUTCFullYear takes them as written.
  const date = new Date(0);
  date.setUTCFullYear(fields.year, fields.month - 1, fields.day);
  date.setUTCHours(
    fields.hour,
    fields.minute,
    fields.second,
    Number(fraction.padEnd(3, '0').slice(0, 3)),
  );

  const result = date.getTime() - offsetMinutes * 60_000;
  return Number.isFinite(result) ? result : undefined;
}

interface DateTimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function fieldsInRange({ year, month, day, hour, minute, second }: DateTimeFields): boolean {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return hour <= 23 && minute <= 59 && second <= 60;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The zone's offset east of UTC in minutes, or undefined when it is out of range. */
function zoneOffsetMinutes(zone: string): number | undefined {
  if (zone.toUpperCase() === 'Z') return 0;

  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
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
