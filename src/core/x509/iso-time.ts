/**
 * Date.prototype.toISOString's text, from the UTC getters. A process's first toISOString (or toUTCString)
 * sets up V8's date formatting, ~0.7 ms of a cold `check` measured on its own, which the getters do not
 * touch. Same text for every date (years outside 0–9999 as ±YYYYYY) and the same RangeError for an
 * invalid one (test/core/x509/iso-time.test.ts compares the two across the whole range).
 */
export function isoString(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("Invalid time value");
  const year = date.getUTCFullYear();
  const y = year >= 0 && year <= 9999 ? pad(year, 4) : `${year < 0 ? "-" : "+"}${pad(Math.abs(year), 6)}`;
  const day = `${y}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
  const time = `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`;
  return `${day}T${time}.${pad(date.getUTCMilliseconds(), 3)}Z`;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
