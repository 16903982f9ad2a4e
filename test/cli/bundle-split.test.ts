import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

// The built CLI is two files (scripts/build-split.mjs): dist/cli.cjs runs `check`, and dist/full.cjs, loaded
// only for the rest, takes dist/cli.cjs's modules from it. bundle-source.test.ts holds both to the source.
function packageCopy(): { bin: string; full: string } {
  const dir = mkdtempSync(join(tmpdir(), "cpc-split-"));
  for (const part of ["bin", "dist", "package.json"]) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  return { bin: join(dir, "bin/connectpay-cert.js"), full: join(dir, "dist/full.cjs") };
}

const run = (bin: string, args: string[]) =>
  execa(process.execPath, [bin, ...args], {
    cwd: ROOT,
    reject: false,
    env: { CONNECTPAY_CERT_CACHE: "off", NO_COLOR: "1" },
    extendEnv: false,
  });

const CHECK = ["check", "fixtures/chain/reversed.pem", "--at", "2030-01-01"];
const INSPECT = ["inspect", "fixtures/good/chain.pem"];

describe("the CLI's two bundles", () => {
  it("check never reads dist/full.cjs: it answers the same without it", async () => {
    const pkg = packageCopy();
    const whole = await run(pkg.bin, CHECK);
    rmSync(pkg.full);
    const alone = await run(pkg.bin, CHECK);
    expect(whole.exitCode).toBe(1);
    expect(alone.exitCode).toBe(whole.exitCode);
    expect(alone.stdout).toBe(whole.stdout);
    expect(alone.stdout).toContain("chain.reversed");
    // The full CLI needs it, and says so without a stack trace.
    const inspect = await run(pkg.bin, INSPECT);
    expect(inspect.exitCode).toBe(3);
    expect(inspect.stderr).toMatch(
      /^connectpay-cert: cannot load the full CLI \(ENOENT: .*full\.cjs'\): reinstall connectpay-cert$/,
    );
    // With --json, stdout is still one JSON document (docs/json.md), as for any failure before a report.
    const json = await run(pkg.bin, ["check", "--json", "--", "fixtures/good/chain.pem"]);
    expect(json.exitCode).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { exitCode: 3 } });
  });

  it("refuses a dist/full.cjs of another build: exit 3, one line, no stack", async () => {
    const pkg = packageCopy();
    const ok = await run(pkg.bin, INSPECT);
    expect(ok.exitCode).toBe(0);
    const text = readFileSync(pkg.full, "latin1");
    writeFileSync(pkg.full, text.replace(/build [0-9a-f]{16}/, "build 0123456789abcdef"), "latin1");
    const res = await run(pkg.bin, INSPECT);
    expect(res.exitCode).toBe(3);
    expect(res.stdout).toBe("");
    expect(res.stderr).toMatch(
      /^connectpay-cert: cannot load the full CLI \(\S+full\.cjs is from another build than the CLI that loads it\): reinstall connectpay-cert$/,
    );
  });

  // That no module is in both files is the build's own check (scripts/build.mjs fails); this is the outcome.
  it("answers a check through the full CLI as the lean path does", async () => {
    const pkg = packageCopy();
    // The lean path leaves a line with `--` to commander, so this one goes through dist/full.cjs.
    const lean = await run(pkg.bin, ["check", "--json", "--at", "2030-01-01", "fixtures/chain/reversed.pem"]);
    const full = await run(pkg.bin, ["check", "--json", "--at", "2030-01-01", "--", "fixtures/chain/reversed.pem"]);
    expect(full.exitCode).toBe(lean.exitCode);
    expect(full.stdout).toBe(lean.stdout);
    expect(JSON.parse(full.stdout).results[0].findings[0].id).toBe("chain.reversed");
  });
});
