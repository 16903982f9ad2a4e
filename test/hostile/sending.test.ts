import { chmodSync, chownSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readClientSecret } from "../../src/cli/secret.js";
import { FIXTURES } from "../helpers/cli.js";
import { runBin } from "./measure.js";

// Issue 13, "Sending": a planted config file and a hostile ClientSecret file. The bundle fails the offline
// check (reversed), so probe stops before any connection: these tests never touch the network.
const dir = mkdtempSync(join(tmpdir(), "cpc-hostile-send-"));
chmodSync(dir, 0o755);
const isRoot = process.getuid?.() === 0;
const PROBE = ["probe", "--cert", `${FIXTURES}chain/reversed.pem`, "--key", `${FIXTURES}good/leaf.key`];
const SECRET = { CONNECTPAY_CLIENT_SECRET: "s3cret-value", CONNECTPAY_CLIENT_KEY: "k" };
const PLANTED = JSON.stringify({ mtlsHost: "127.0.0.1:9", ca: `${FIXTURES}good/chain.pem` });

function folderWithConfig(name: string, mode: number): string {
  const cwd = join(dir, name);
  mkdirSync(cwd);
  writeFileSync(join(cwd, "connectpay-cert.config.json"), PLANTED);
  chmodSync(join(cwd, "connectpay-cert.config.json"), mode);
  return cwd;
}

describe("a config file in the current folder", () => {
  it("writable by others: refused with the reason, exit 2", async () => {
    const res = await runBin([...PROBE, "--json"], { cwd: folderWithConfig("world-writable", 0o666), env: SECRET });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(
      /config file: connectpay-cert\.config\.json in the current folder is refused: it is writable by its group \(mode 666\)/,
    );
  });

  it.runIf(isRoot)("owned by another user: refused with the reason, exit 2", async () => {
    const cwd = folderWithConfig("foreign", 0o644);
    chownSync(join(cwd, "connectpay-cert.config.json"), 65534, 65534);
    const res = await runBin([...PROBE, "--json"], { cwd, env: SECRET });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/is refused: it belongs to user id 65534, not to you \(0\)/);
  });

  it("the user's own: an explicit --env still wins over its hosts, and the host and its origin are said first", async () => {
    const cwd = folderWithConfig("own", 0o600);
    const res = await runBin([...PROBE, "--env", "production", "--json"], { cwd, env: SECRET });
    expect(res.stderr).toMatch(/^probe: mTLS host api\.connectpay\.com:443 \(from --env production\)$/m);
    expect(JSON.parse(res.stdout).target).toMatchObject({
      env: "production",
      mtlsHost: "api.connectpay.com:443",
      mtlsHostFrom: "--env production",
    });
    const withoutEnv = await runBin([...PROBE, "--json"], { cwd, env: SECRET });
    expect(withoutEnv.stderr).toMatch(
      /^probe: mTLS host 127\.0\.0\.1:9 \(from config file connectpay-cert\.config\.json\)$/m,
    );
    expect(JSON.parse(withoutEnv.stdout).target.mtlsHostFrom).toBe("config file connectpay-cert.config.json");
  });
});

describe("the ClientSecret file", () => {
  const io = { cwd: dir, env: {}, stdinIsTTY: false, stderrIsTTY: false } as unknown as Parameters<
    typeof readClientSecret
  >[1];

  it("only its first line, without the line ending, is the secret", async () => {
    writeFileSync(join(dir, "two-lines.txt"), "first-line-secret\r\nsecond line is not sent\n", { mode: 0o600 });
    expect(await readClientSecret("two-lines.txt", io)).toBe("first-line-secret");
  });

  it("a symlink to a system file is refused", async () => {
    symlinkSync("/etc/passwd", join(dir, "linked-secret.txt"));
    const res = await runBin([...PROBE, "--client-secret-file", "linked-secret.txt"], {
      cwd: dir,
      env: { CONNECTPAY_CLIENT_KEY: "k" },
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(
      /--client-secret-file: cannot read linked-secret\.txt: it is a symbolic link, not a regular file/,
    );
    expect(res.stdout + res.stderr).not.toMatch(/root:/);
  });

  it("a FIFO is refused, not waited on", async () => {
    const { execFileSync } = await import("node:child_process");
    execFileSync("mkfifo", [join(dir, "secret-pipe")]);
    const res = await runBin([...PROBE, "--client-secret-file", "secret-pipe"], {
      cwd: dir,
      env: { CONNECTPAY_CLIENT_KEY: "k" },
    });
    expect(res.timedOut).toBe(false);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--client-secret-file: cannot read secret-pipe: it is a named pipe \(FIFO\)/);
  });

  it("readable by group or others: secret.permissions, as --key gets key.permissions", async () => {
    writeFileSync(join(dir, "loose-secret.txt"), "loose-secret-value\n");
    chmodSync(join(dir, "loose-secret.txt"), 0o644);
    const res = await runBin([...PROBE, "--client-secret-file", "loose-secret.txt", "--json"], {
      cwd: dir,
      env: { CONNECTPAY_CLIENT_KEY: "k" },
    });
    const found = JSON.parse(res.stdout).findings.find((f: { id: string }) => f.id === "secret.permissions");
    expect(found).toMatchObject({ id: "secret.permissions", severity: "warning" });
    expect(found.message).toMatch(
      /The ClientSecret file loose-secret\.txt is readable by its group and everyone \(mode 644\)/,
    );
    expect(res.stdout + res.stderr).not.toContain("loose-secret-value");
  });
});
