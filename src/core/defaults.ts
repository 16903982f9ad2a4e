// The one home of every default and accepted range a flag has (so help, docs and checks cannot disagree): commands, commander's
// help text, the probe config file and docs/commands.md's option tables all read them from here.

export const DEFAULTS = {
  /** `check --warn-days`; also the threshold `fix` and `probe` judge with */
  warnDays: 30,
  /** `check --scope`: which certificates' expiry counts */
  scope: "chain",
  /** `fix --zip --fail-days`: a chain expiring within two weeks is not worth emailing */
  zipFailDays: 14,
  /** `check --timeout` (each OCSP/CRL request) and `probe --timeout` (each step) */
  timeoutMs: 10_000,
  /** `gateway --host`, `--port`, `--public-port`, `--ca-out` */
  gatewayHost: "127.0.0.1",
  gatewayPort: 8443,
  gatewayPublicPort: 8444,
  gatewayCaOut: "connectpay-gateway-ca.pem",
} as const;

export const RANGES = {
  /** A timeout of 0 would fail every step at once; past 10 minutes a hung host looks like a hung tool. */
  timeoutMs: { min: 1, max: 600_000, text: "a whole number of milliseconds from 1 to 600000 (10 minutes)" },
  /** Five digits (about 270 years) is more than any certificate lives. */
  days: { min: 0, max: 99_999, text: "a whole number of days from 0 to 99999" },
  /** 0 asks the system for any free port */
  port: { min: 0, max: 65_535, text: "a port number from 0 to 65535" },
} as const;

export interface Range {
  min: number;
  max: number;
}

/** Whole numbers within the range; the caller has already refused anything but plain digits. */
export function inRange(value: number, range: Range): boolean {
  return Number.isSafeInteger(value) && value >= range.min && value <= range.max;
}
