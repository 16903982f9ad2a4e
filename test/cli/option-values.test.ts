import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/errors.js";
import {
  parseDays,
  parseExpiryThreshold,
  parseInstant,
  parseMilliseconds,
  parsePort,
} from "../../src/cli/option-values.js";
import { DEFAULTS } from "../../src/core/defaults.js";
import { runCli } from "../helpers/cli.js";

// Issue 11, point 6: each kind of flag value is parsed by one parser, with one range, in every command.
const GOOD = "fixtures/good/chain.pem";
const AT = ["--at", "2030-01-01"];
const SECRET = { CONNECTPAY_CLIENT_SECRET: "opt-secret-value" };
// Port 1 on loopback refuses at once, so no probe here leaves this machine.
const PROBE = ["probe", "--json", "--cert", GOOD, "--key", "fixtures/good/leaf.key", "--client-key", "k"];
const LOOPBACK = ["--host", "127.0.0.1:1"];

async function usage(argv: string[], message: RegExp, env = SECRET) {
  const res = await runCli(argv, { env });
  expect(res.stderr).toMatch(message);
  expect(res.code).toBe(2);
  if (argv.includes("--json")) expect(JSON.parse(res.stdout).error.exitCode).toBe(2);
  else expect(res.stdout).toBe("");
}

describe("--timeout is milliseconds in every command", () => {
  it("check --online accepts 120000 ms (it used to be read as a number of days)", async () => {
    const res = await runCli(["check", GOOD, "--online", "--timeout", "120000", "--json", ...AT]);
    expect(res.stderr).not.toMatch(/--timeout/);
    expect(res.code).toBe(0);
  });

  it.each([
    ["check", ["check", GOOD, "--online", ...AT]],
    ["probe", [...PROBE, ...LOOPBACK, ...AT]],
  ])("%s refuses 0 ms", async (_command, argv) => {
    await usage(
      [...argv, "--timeout", "0"],
      /^connectpay-cert: --timeout: "0" is not a whole number of milliseconds from 1 to 600000 \(10 minutes\)\.\n$/,
    );
  });

  it.each([
    ["above the 10-minute bound", "600001"],
    ["a fraction", "1.5"],
    ["an exponent", "1e3"],
    ["hexadecimal", "0x10"],
    ["a word", "soon"],
  ])("check and probe both refuse %s", async (_what, value) => {
    const message = new RegExp(`--timeout: "${value.replace(".", "\\.")}" is not a whole number of milliseconds`);
    await usage(["check", GOOD, "--online", "--timeout", value, ...AT], message);
    await usage([...PROBE, ...LOOPBACK, "--timeout", value, ...AT], message);
  });

  it("a config file's timeout has the same bounds", async () => {
    const dir = mkdtempSync(`${tmpdir()}/cpc-options-`);
    writeFileSync(`${dir}/c.json`, JSON.stringify({ timeout: 600_001 }));
    await usage(
      [...PROBE, ...LOOPBACK, "--config", `${dir}/c.json`, ...AT],
      /c\.json: timeout 600001 is not a whole number of milliseconds from 1 to 600000 \(10 minutes\)\./,
    );
  });
});

describe("--at refuses an impossible date instead of rolling it over", () => {
  it.each([
    ["2026-02-30", /--at: "2026-02-30" is not a calendar date: 2026-02 has 28 days\./],
    ["2026-02-29T12:00:00Z", /--at: "2026-02-29T12:00:00Z" is not a calendar date: 2026-02 has 28 days\./],
    ["2026-04-31", /--at: "2026-04-31" is not a calendar date: 2026-04 has 30 days\./],
    ["2026-01-01T24:00:00Z", /--at: "2026-01-01T24:00:00Z" is not a time of day/],
  ])("check --at %s", async (value, message) => {
    await usage(["check", GOOD, "--at", value], message);
  });

  it("accepts 29 February in a leap year", async () => {
    const res = await runCli(["check", GOOD, "--json", "--at", "2028-02-29"]);
    expect(res.code).toBe(0);
  });

  it.each([
    ["fix", ["fix", GOOD]],
    ["inspect", ["inspect", GOOD]],
    ["probe", [...PROBE, ...LOOPBACK]],
  ])("%s uses the same parser", async (_command, argv) => {
    await usage([...argv, "--at", "2026-02-30"], /--at: "2026-02-30" is not a calendar date/);
  });
});

describe("days are whole numbers from 0 to 99999, or a share of the lifetime", () => {
  it.each([
    ["--warn-days", "1.5", ", nor a share of the lifetime such as 20%"],
    ["--fail-days", "-1", ", nor a share of the lifetime such as 20%"],
    ["--warn-days", "100000", ""],
  ])("%s %s", async (flag, value, share) => {
    const message = new RegExp(
      `${flag}: "${value.replace(".", "\\.")}" is not a whole number of days from 0 to 99999${share}\\.`,
    );
    await usage(["check", GOOD, flag, value, ...AT], message);
  });

  it.each(["0%", "101%", "20 %", "1.234%", "%", "-5%"])("--warn-days %s is refused", async (value) => {
    await usage(["check", GOOD, "--warn-days", value, ...AT], /is not a share of the lifetime from 0\.01% to 100%/);
  });

  it("reads a share with up to two decimals", () => {
    expect(parseExpiryThreshold("--warn-days", "20%")).toEqual({ percent: 20 });
    expect(parseExpiryThreshold("--warn-days", "66.67%")).toEqual({ percent: 66.67 });
    expect(parseExpiryThreshold("--warn-days", "100%")).toEqual({ percent: 100 });
    expect(parseExpiryThreshold("--warn-days", "14")).toBe(14);
  });
});

describe("the parsers", () => {
  it("leave an absent flag to the caller's default", () => {
    expect(parseMilliseconds("--timeout", undefined)).toBeUndefined();
    expect(parseDays("--warn-days", undefined)).toBeUndefined();
    expect(parsePort("--port", undefined)).toBeUndefined();
    expect(parseInstant("--at", undefined)).toBeUndefined();
  });

  it("read the bounds themselves", () => {
    expect(parseMilliseconds("--timeout", "1")).toBe(1);
    expect(parseMilliseconds("--timeout", "600000")).toBe(600_000);
    expect(parseDays("--warn-days", "0")).toBe(0);
    expect(parseDays("--warn-days", "99999")).toBe(99_999);
    expect(parsePort("--port", "0")).toBe(0);
    expect(parsePort("--port", "65535")).toBe(65_535);
    expect(() => parsePort("--public-port", "65536")).toThrow(
      new UsageError('--public-port: "65536" is not a port number from 0 to 65535.'),
    );
  });

  it("follow the Gregorian leap years and read a time without zone as UTC", () => {
    expect(parseInstant("--at", "2000-02-29")?.toISOString()).toBe("2000-02-29T00:00:00.000Z");
    expect(() => parseInstant("--at", "1900-02-29")).toThrow(/1900-02 has 28 days/);
    expect(() => parseInstant("--at", "2030-13-01")).toThrow(/there is no month 13/);
    expect(() => parseInstant("--at", "2030-01-00")).toThrow(/2030-01 has 31 days/);
    expect(parseInstant("--at", "2030-01-01T12:30")?.toISOString()).toBe("2030-01-01T12:30:00.000Z");
    expect(parseInstant("--at", "2030-01-01T12:30:00+02:00")?.toISOString()).toBe("2030-01-01T10:30:00.000Z");
    expect(() => parseInstant("--at", "2030-01-01T12:30+25:00")).toThrow(/is not an ISO 8601 date/);
  });

  it("the documented defaults are the ones help shows", async () => {
    const check = await runCli(["check", "--help"]);
    expect(check.stdout).toContain(`(default: "${DEFAULTS.warnDays}")`);
    expect(check.stdout).toMatch(new RegExp(`\\(default\\s+${DEFAULTS.timeoutMs}\\)`));
    const probe = await runCli(["probe", "--help"]);
    expect(probe.stdout).toMatch(new RegExp(`\\(default\\s+${DEFAULTS.timeoutMs}\\)`));
  });
});

describe("gateway ports", () => {
  it("refuses a port out of range before reading anything", async () => {
    await usage(
      ["gateway", "--registered", "nope.pem", "--client-key", "k", "--port", "70000"],
      /--port: "70000" is not a port number from 0 to 65535\./,
    );
  });
});
