import { inRange, RANGES, type Range } from "../core/defaults.js";
import { KEY_TYPES, type KeyType } from "../core/x509/key-types.js";
import type { ExpiryThreshold } from "../core/x509/validity.js";
import { UsageError } from "./errors.js";

// One parser per kind of flag value, shared by every command, so `--timeout` means the same thing in
// `check` and `probe`. Each returns undefined for an absent flag (the caller applies DEFAULTS) and
// throws a UsageError (exit 2) that names the flag and the accepted range.

const DIGITS = /^\d+$/;

function parseWhole(flag: string, value: string, range: Range & { text: string }): number {
  const n = Number(value);
  if (!DIGITS.test(value) || !inRange(n, range)) throw new UsageError(`${flag}: "${value}" is not ${range.text}.`);
  return n;
}

/** `--timeout`: plain digits, 1 ms to 10 minutes. */
export function parseMilliseconds(flag: string, value: string | undefined): number | undefined {
  return value === undefined ? undefined : parseWhole(flag, value, RANGES.timeoutMs);
}

/** `--warn-days`, `--fail-days`: whole days, 0 meaning "only once expired". */
export function parseDays(flag: string, value: string | undefined): number | undefined {
  return value === undefined ? undefined : parseWhole(flag, value, RANGES.days);
}

const PERCENT = /^(\d{1,3})(?:\.(\d{1,2}))?%$/;

/**
 * `--warn-days`, `--fail-days` of check and fix: whole days, or a share of each certificate's lifetime
 * (`20%`: warn once less than a fifth of it is left), for fleets of short-lived certificates.
 */
export function parseExpiryThreshold(flag: string, value: string | undefined): ExpiryThreshold | undefined {
  if (value === undefined) return undefined;
  if (!value.endsWith("%")) {
    if (!DIGITS.test(value))
      throw new UsageError(`${flag}: "${value}" is not ${RANGES.days.text}, nor a share of the lifetime such as 20%.`);
    return parseDays(flag, value);
  }
  const m = PERCENT.exec(value);
  const percent = m ? Number(`${m[1]}.${m[2] ?? 0}`) : Number.NaN;
  if (!(percent > 0 && percent <= 100))
    throw new UsageError(`${flag}: "${value}" is not a share of the lifetime from 0.01% to 100%, such as 20%.`);
  return { percent };
}

/** `--port`, `--public-port`: 0 to 65535, 0 for any free port. */
export function parsePort(flag: string, value: string | undefined): number | undefined {
  return value === undefined ? undefined : parseWhole(flag, value, RANGES.port);
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `--at`: an ISO 8601 date or date-time; a time without zone is read as UTC, like a date alone.
 * `Date` rolls 2026-02-30 over to 2 March and accepts 24:00, so the calendar is checked here first.
 */
export function parseInstant(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const m = ISO.exec(value);
  const invalid = (why: string) => new UsageError(`${flag}: "${value}" is ${why}.`);
  if (!m) throw invalid("not an ISO 8601 date; use e.g. 2030-01-01 or 2030-01-01T12:00:00Z");
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0));
  if (month < 1 || month > 12) throw invalid(`not a calendar date: there is no month ${m[2]}`);
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) throw invalid(`not a calendar date: ${m[1]}-${m[2]} has ${days} days`);
  if (hour > 23 || minute > 59 || second > 59)
    throw invalid("not a time of day: hours go from 00 to 23, minutes and seconds from 00 to 59");
  const date = new Date(m[4] && !m[7] ? `${value}Z` : value);
  if (Number.isNaN(date.getTime())) throw invalid("not an ISO 8601 date; use e.g. 2030-01-01 or 2030-01-01T12:00:00Z");
  return date;
}

/** `--at` with its default: now, read from the clock only when the flag is absent. */
export function parseAt(value: string | undefined): Date {
  return parseInstant("--at", value) ?? new Date();
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
}

/** `csr --key-type`: one of the key types ConnectPay's TLS stack and public CAs take. */
export function parseKeyType(value: string | undefined): KeyType | undefined {
  if (value === undefined) return undefined;
  if (!(KEY_TYPES as readonly string[]).includes(value))
    throw new UsageError(`--key-type: "${value}" is not one of ${KEY_TYPES.join(", ")}.`);
  return value as KeyType;
}

/** `--purpose` of check and fix: what the leaf must be for; client is what ConnectPay needs. */
export function parsePurpose(value: string | undefined): "client" | "server" | "any" {
  if (value === undefined) return "client";
  if (value === "client" || value === "server" || value === "any") return value;
  throw new UsageError(`--purpose: "${value}" is not one of client, server, any.`);
}
