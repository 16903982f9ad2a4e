import {
  chmodSync,
  chownSync,
  copyFileSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { BIN, ROOT } from "../helpers/cli.js";

// bin/code-cache.js keeps V8's compiled code per user and command (issue 16). These run the built bin as a
// user does, each with a cache folder of its own.
const CHECK = ["check", "fixtures/good/chain.pem", "--at", "2030-01-01"];
const run = (env: Record<string, string>, args = CHECK) =>
  execa(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    reject: false,
    env: { NO_COLOR: "1", ...env },
    extendEnv: false,
  });
const fresh = () => mkdtempSync(join(tmpdir(), "cpc-cache-"));
const caches = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".v8"));

describe("the code cache", () => {
  it("is written on the first run, readable by its user only, and read unchanged by the next", async () => {
    const dir = join(fresh(), "cache");
    const plain = await run({ CONNECTPAY_CERT_CACHE: "off" });
    const first = await run({ CONNECTPAY_CERT_CACHE: dir });
    const [file] = caches(dir);
    expect(file).toMatch(/^[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+-check\.v8$/);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const before = statSync(join(dir, file));
    expect(before.mode & 0o777).toBe(0o600);
    expect(before.size).toBeGreaterThan(10_000);
    const second = await run({ CONNECTPAY_CERT_CACHE: dir });
    // V8 accepted it: a rejected cache is written again.
    expect(statSync(join(dir, file)).mtimeMs).toBe(before.mtimeMs);
    for (const res of [first, second]) {
      expect(res.exitCode).toBe(0);
      expect(res.stdout).toBe(plain.stdout);
      expect(res.stderr).toBe("");
    }
  });

  it("keeps one file per command, so each holds the code its command ran", async () => {
    const dir = fresh();
    await run({ CONNECTPAY_CERT_CACHE: dir });
    await run({ CONNECTPAY_CERT_CACHE: dir }, ["explain", "key.weak"]);
    await run({ CONNECTPAY_CERT_CACHE: dir }, ["nonsense-word"]);
    expect(
      caches(dir)
        .map((f) => f.replace(/^.*-/, ""))
        .sort(),
    ).toEqual(["check.v8", "explain.v8", "other.v8"]);
  });

  it("replaces a corrupt cache and still answers the same", async () => {
    const dir = fresh();
    await run({ CONNECTPAY_CERT_CACHE: dir });
    const [file] = caches(dir);
    writeFileSync(join(dir, file), Buffer.alloc(4096, 0x41), { mode: 0o600 });
    const res = await run({ CONNECTPAY_CERT_CACHE: dir });
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toMatch(/ConnectPay's rules: accepted$/);
    expect(readFileSync(join(dir, file)).subarray(0, 16)).not.toEqual(Buffer.alloc(16, 0x41));
  });

  it("neither reads nor writes a folder others can write to, or a folder that is a link", async () => {
    const open = fresh();
    chmodSync(open, 0o777);
    const target = fresh();
    const link = join(fresh(), "link");
    symlinkSync(target, link);
    for (const dir of [open, link]) {
      const res = await run({ CONNECTPAY_CERT_CACHE: dir });
      expect(res.exitCode).toBe(0);
      expect(res.stdout).toMatch(/ConnectPay's rules: accepted$/);
    }
    expect(caches(open)).toEqual([]);
    expect(caches(target)).toEqual([]);
  });

  it("does not follow a cache file that is a link, even to a valid cache: the link is replaced", async () => {
    const dir = fresh();
    await run({ CONNECTPAY_CERT_CACHE: dir });
    const [file] = caches(dir);
    const path = join(dir, file);
    const elsewhere = join(fresh(), "kept");
    copyFileSync(path, elsewhere);
    const valid = readFileSync(elsewhere);
    rmSync(path);
    symlinkSync(elsewhere, path);
    expect((await run({ CONNECTPAY_CERT_CACHE: dir })).exitCode).toBe(0);
    expect(lstatSync(path).isFile()).toBe(true);
    expect(readFileSync(elsewhere).equals(valid)).toBe(true);
  });

  // Only root can give a file to another user; CI runs as root.
  it.skipIf(process.getuid?.() !== 0)("does not run a cache another user owns: it is replaced", async () => {
    const dir = fresh();
    await run({ CONNECTPAY_CERT_CACHE: dir });
    const [file] = caches(dir);
    chownSync(join(dir, file), 65534, 65534);
    expect((await run({ CONNECTPAY_CERT_CACHE: dir })).exitCode).toBe(0);
    expect(statSync(join(dir, file)).uid).toBe(0);
  });

  it("lives under XDG_CACHE_HOME or ~/.cache; 'off' and relative paths write nothing", async () => {
    const home = fresh();
    expect((await run({ HOME: home })).exitCode).toBe(0);
    expect(caches(join(home, ".cache", "connectpay-cert"))).toHaveLength(1);
    const xdg = fresh();
    await run({ HOME: home, XDG_CACHE_HOME: xdg });
    expect(caches(join(xdg, "connectpay-cert"))).toHaveLength(1);
    const quiet = fresh();
    for (const setting of ["off", "0", "relative/dir"]) {
      const res = await run({ HOME: quiet, CONNECTPAY_CERT_CACHE: setting }, CHECK);
      expect(res.exitCode).toBe(0);
    }
    expect(readdirSync(quiet)).toEqual([]);
  });

  it("removes caches of other builds once they are a week old, and keeps recent ones", async () => {
    const dir = fresh();
    const old = join(dir, "0000000000000000-v20.0.0-x64-check.v8");
    const recent = join(dir, "1111111111111111-v20.0.0-x64-check.v8");
    const notOurs = join(dir, "notes.txt");
    for (const f of [old, recent, notOurs]) writeFileSync(f, "x", { mode: 0o600 });
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    for (const f of [old, notOurs]) utimesSync(f, eightDaysAgo, eightDaysAgo);
    await run({ CONNECTPAY_CERT_CACHE: dir });
    const left = readdirSync(dir);
    expect(left).not.toContain("0000000000000000-v20.0.0-x64-check.v8");
    expect(left).toContain("1111111111111111-v20.0.0-x64-check.v8");
    expect(left).toContain("notes.txt");
    expect(left.filter((f) => f.endsWith("-check.v8"))).toHaveLength(2);
  });
});
