import { chmodSync, copyFileSync, linkSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { BIN, FIXTURES, runCli } from "../helpers/cli.js";

// Review of issue 28 (9f8c4b0): the walk no longer stats files; a file's identity comes from the read's
// fstat. A file that cannot be opened (EACCES) has no fstat, so each of its names is reported unreadable:
// cdaf42f (stat at walk time, which needs no read permission) reported the real file once, as
// inputs.ts still documents ("a real file reached there by several names is judged once").
// Root reads everything, so as root the bin runs without the two capabilities that let it (setpriv,
// util-linux): still root, so it can reach a checkout in a folder closed to others (mktemp -d), which
// running as nobody could not, but a file of mode 000 is refused to it as to anyone.
const asUser = process.getuid?.() === 0 ? ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] : [];

describe("a folder holding two hard links to one unreadable file", () => {
  it("reports the file unreadable once", async () => {
    const root = mkdtempSync(join(tmpdir(), "cpc-review-perm-"));
    chmodSync(root, 0o755);
    const dir = join(root, "d");
    mkdirSync(dir, { mode: 0o755 });
    copyFileSync(`${FIXTURES}good/chain.pem`, join(dir, "a.pem"));
    linkSync(join(dir, "a.pem"), join(dir, "b.pem"));
    chmodSync(join(dir, "a.pem"), 0o000);
    const [cmd, ...pre] = [...asUser, process.execPath];
    const res = await execa(cmd, [...pre, BIN, "check", dir, "--json", "--at", "2030-01-01"], {
      reject: false,
      env: { NO_COLOR: "1", CONNECTPAY_CERT_CACHE: "off", HOME: root },
      extendEnv: false,
    });
    expect(res.exitCode).toBe(2);
    const inputs = JSON.parse(res.stdout).results.map((r: { input: string }) => r.input);
    // cdaf42f: [".../d/a.pem"]; once: [".../d/a.pem", ".../d/b.pem"], two errors for one file.
    expect(inputs).toEqual([join(dir, "a.pem")]);
  });
});

describe("a folder holding a symbolic link loop with a certificate's name", () => {
  it("reports the open's error (the identity stat taken after a failed open is never what is reported)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cpc-loop-"));
    symlinkSync("b.pem", join(dir, "a.pem"));
    symlinkSync("a.pem", join(dir, "b.pem"));
    const res = await runCli(["check", dir, "--json", "--at", "2030-01-01"]);
    expect(res.code).toBe(2);
    const errors = JSON.parse(res.stdout).results.map((r: { error?: string }) => r.error);
    expect(errors).toHaveLength(2);
    for (const error of errors) expect(error).toMatch(/ELOOP: .*, open '/);
  });
});
