import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers/cli.js";

// `check d ./d` said the second name "matched no file" (exit 2): the walk had already searched that folder
// under the first name, so it found nothing new. Its files were judged once, as a file named twice is.
const AT = ["--at", "2030-01-01"];

function certs(): string {
  const cwd = mkdtempSync(join(tmpdir(), "cpc-twice-"));
  mkdirSync(join(cwd, "certs/old"), { recursive: true });
  mkdirSync(join(cwd, "empty"));
  copyFileSync(`${FIXTURES}good/chain.pem`, join(cwd, "certs/chain.pem"));
  copyFileSync(`${FIXTURES}good/chain.pem`, join(cwd, "certs/old/chain.pem"));
  return cwd;
}

describe("a folder named again, under the same or another name", () => {
  it.each([
    ["./certs", /^connectpay-cert: \.\/certs: a folder already searched as certs; its files were checked once\.$/m],
    ["certs", /^connectpay-cert: certs: a folder already searched; its files were checked once\.$/m],
    ["certs/old", /^connectpay-cert: certs\/old: a folder already searched; its files were checked once\.$/m],
  ])("check certs %s: each file judged once, a note, and the certificates' exit code", async (again, note) => {
    const cwd = certs();
    for (const format of ["human", "json", "prometheus"]) {
      const once = await runCli(["check", "certs", "--format", format, ...AT], { cwd });
      const twice = await runCli(["check", "certs", again, "--format", format, ...AT], { cwd });
      expect(twice.code, format).toBe(0);
      expect(twice.stdout, format).toBe(once.stdout);
      expect(twice.stderr, format).toMatch(note);
      expect(twice.stderr, format).not.toMatch(/matched no file/);
    }
  });

  it("the absolute name of a folder named relatively is the same folder", async () => {
    const cwd = certs();
    const res = await runCli(["check", "certs", join(cwd, "certs"), "--json", ...AT], { cwd });
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).summary).toMatchObject({ files: 2, unreadable: 0 });
    expect(res.stderr).toContain(`${join(cwd, "certs")}: a folder already searched as certs;`);
  });

  it("an empty folder named twice matched no file either time (exit 2)", async () => {
    const cwd = certs();
    const res = await runCli(["check", "certs", "empty", "./empty", ...AT], { cwd });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^connectpay-cert: empty matched no file\.$/m);
    expect(res.stderr).toMatch(/^connectpay-cert: \.\/empty matched no file\.$/m);
  });
});
