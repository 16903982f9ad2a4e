import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

// The documented cron line writes a textfile every hour: a glob that matches nothing must not empty it,
// or the staleness alert (and every expiry alert) goes silent. CI formats name the input that matched nothing.
const GLOB = "fixtures/no-such-dir/*.pem";
const check = (format: string) => runCli(["check", GLOB, "--format", format]);

describe("check with only an input that matched nothing, in CI formats", () => {
  it("prometheus: the run timestamp and an error gauge naming the input; exit 2", async () => {
    const res = await check("prometheus");
    expect(res.code).toBe(2);
    expect(res.stdout).toMatch(/^connectpay_cert_last_run_timestamp_seconds \d+$/m);
    expect(res.stdout).toContain(`connectpay_cert_input_error{file="${GLOB}"} 1`);
    expect(res.stdout).toContain(`connectpay_cert_check_ok{file="${GLOB}"} 0`);
    const lint = spawnSync("promtool", ["check", "metrics"], { input: res.stdout });
    if (lint.status !== null && !lint.error) expect(lint.stderr.toString() + lint.stdout.toString()).toBe("");
  });

  it("junit and github name the unmatched input; exit 2", async () => {
    const junit = await check("junit");
    expect(junit.code).toBe(2);
    expect(junit.stdout).toContain(`<testcase classname="connectpay-cert.check" name="${GLOB}"`);
    expect(junit.stdout).toMatch(/<error message="matched no file/);
    const github = await check("github");
    expect(github.code).toBe(2);
    expect(github.stdout).toMatch(
      /^::error file=fixtures\/no-such-dir\/\*\.pem,title=connectpay-cert input\.unreadable::matched no file/m,
    );
  });

  it("a person still gets the one-line error", async () => {
    const res = await runCli(["check", GLOB]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/nothing to check: fixtures\/no-such-dir\/\*\.pem matched no file/);
  });
});
