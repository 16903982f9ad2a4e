import {
  chmodSync,
  chownSync,
  copyFileSync,
  cpSync,
  linkSync,
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
import { createRequire } from "node:module";
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
    expect(file).toMatch(/^[0-9a-f]{16}-[0-9a-f]{16}-cli-check\.v8$/);
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

  it("is not written by a check of several inputs, whose hot code V8 compiled past a start's; one input writes it", async () => {
    const dir = fresh();
    const folder = fresh();
    for (const name of ["a.pem", "b.pem", "c.pem"])
      copyFileSync(join(ROOT, "fixtures/good/chain.pem"), join(folder, name));
    for (const inputs of [[folder], ["fixtures/good/chain.pem", "fixtures/good/chain.pem"], [join(folder, "*.pem")]]) {
      const res = await run({ CONNECTPAY_CERT_CACHE: dir }, ["check", ...inputs, "--at", "2030-01-01"]);
      expect(res.exitCode).toBe(0);
      expect(caches(dir)).toEqual([]);
    }
    await run({ CONNECTPAY_CERT_CACHE: dir }, ["check", join(folder, "a.pem"), "--at", "2030-01-01"]);
    expect(caches(dir)).toHaveLength(1);
  });

  it("is accepted when it is larger than the bundle too (both are read into one buffer)", async () => {
    // SARIF carries every finding's texts, so its check compiles more code than the bundle holds bytes.
    const sarif = ["check", "--format", "sarif", "fixtures/good/chain.pem", "--at", "2030-01-01"];
    const dir = fresh();
    const plain = await run({ CONNECTPAY_CERT_CACHE: "off" }, sarif);
    await run({ CONNECTPAY_CERT_CACHE: dir }, sarif);
    const [file] = caches(dir);
    const before = statSync(join(dir, file));
    expect(before.size).toBeGreaterThan(statSync(join(ROOT, "dist/cli.cjs")).size);
    const second = await run({ CONNECTPAY_CERT_CACHE: dir }, sarif);
    expect(statSync(join(dir, file)).mtimeMs).toBe(before.mtimeMs);
    expect(second.exitCode).toBe(plain.exitCode);
    expect(second.stdout).toBe(plain.stdout);
  });

  it("keeps one file per command and script, so each holds the code its command ran", async () => {
    const dir = fresh();
    await run({ CONNECTPAY_CERT_CACHE: dir });
    await run({ CONNECTPAY_CERT_CACHE: dir }, ["explain", "key.weak"]);
    await run({ CONNECTPAY_CERT_CACHE: dir }, ["nonsense-word"]);
    // check runs dist/cli.cjs alone; the other commands load dist/full.cjs too.
    expect(
      caches(dir)
        .map((f) => f.replace(/^[0-9a-f]{16}-[0-9a-f]{16}-/, ""))
        .sort(),
    ).toEqual(["cli-check.v8", "cli-explain.v8", "cli-other.v8", "full-explain.v8", "full-other.v8"]);
  });

  it("caches dist/full.cjs too: written by a command's first run, read unchanged by the next", async () => {
    const dir = fresh();
    const inspect = ["inspect", "fixtures/good/chain.pem"];
    const plain = await run({ CONNECTPAY_CERT_CACHE: "off" }, inspect);
    await run({ CONNECTPAY_CERT_CACHE: dir }, inspect);
    const file = caches(dir).find((f) => f.endsWith("-full-inspect.v8"));
    expect(file, "inspect's first run wrote no cache of dist/full.cjs").toBeDefined();
    if (!file) return;
    const before = statSync(join(dir, file));
    const second = await run({ CONNECTPAY_CERT_CACHE: dir }, inspect);
    expect(statSync(join(dir, file)).mtimeMs).toBe(before.mtimeMs);
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toBe(plain.stdout);
    expect(second.stdout).toContain("CN=");
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

  it("that cannot be written (its folder's path runs through a file) changes neither the answer nor the exit", async () => {
    const home = fresh();
    writeFileSync(join(home, ".cache"), "a file where the cache folder would be\n");
    const envs: Record<string, string>[] = [{ HOME: home }, { CONNECTPAY_CERT_CACHE: join(home, ".cache", "sub") }];
    for (const env of envs) {
      const res = await run(env);
      expect(res.stderr).toBe("");
      expect(res.exitCode).toBe(0);
      expect(res.stdout).toMatch(/rules: accepted$/);
    }
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

/** A copy of the built package (bin/, dist/, package.json), so a test can edit its bundles. */
function packageCopy(): { bin: string; bundle: string; full: string } {
  const dir = fresh();
  for (const part of ["bin", "dist", "package.json"]) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  return {
    bin: join(dir, "bin/connectpay-cert.js"),
    bundle: join(dir, "dist/cli.cjs"),
    full: join(dir, "dist/full.cjs"),
  };
}

/** The same bundle printing `to` for `from`: same length, so V8 alone would not notice. */
function shout(bundle: string, from = "rules: accepted", to = "rules: ACCEPTED"): void {
  const code = readFileSync(bundle, "latin1");
  expect(code).toContain(from);
  writeFileSync(bundle, code.replace(from, to), "latin1");
}

const runBin = (bin: string, dir: string, args = CHECK) =>
  execa(process.execPath, [bin, ...args], {
    cwd: ROOT,
    reject: false,
    env: { CONNECTPAY_CERT_CACHE: dir },
    extendEnv: false,
  });

describe("the code cache never runs code other than the bundle's", () => {
  it("an edited bundle of the same length gets its own cache, not the old code", async () => {
    const pkg = packageCopy();
    const dir = fresh();
    expect((await runBin(pkg.bin, dir)).stdout).toMatch(/rules: accepted$/);
    shout(pkg.bundle);
    expect((await runBin(pkg.bin, dir)).stdout).toMatch(/rules: ACCEPTED$/);
  });

  it("an edited dist/full.cjs of the same length gets its own cache, not the old code", async () => {
    const pkg = packageCopy();
    const dir = fresh();
    const help = ["--help"];
    expect((await runBin(pkg.bin, dir, help)).stdout).toContain("print the version");
    // The old code must be in the cache for the test to mean anything.
    expect(caches(dir).some((f) => f.endsWith("-full-other.v8"))).toBe(true);
    shout(pkg.full, "print the version", "PRINT THE VERSION");
    expect((await runBin(pkg.bin, dir, help)).stdout).toContain("PRINT THE VERSION");
  });

  it("a cache made from other code is not read from an open folder or through a second name", async () => {
    const [real, other] = [packageCopy(), packageCopy()];
    shout(other.bundle);
    const made = fresh();
    await runBin(other.bin, made);
    const [foreign] = caches(made);
    const { cacheFile } = createRequire(import.meta.url)(join(real.bin, "../code-cache.js"));
    const nameFor = (dir: string) => {
      const source = readFileSync(real.bundle, "latin1");
      return cacheFile(dir, real.bundle, statSync(real.bundle), source, CHECK, {}, []).file as string;
    };
    // Planted in a private folder, it is run: the test can see a planted cache being used.
    const own = fresh();
    copyFileSync(join(made, foreign), nameFor(own));
    expect((await runBin(real.bin, own)).stdout).toMatch(/rules: ACCEPTED$/);
    // In a folder others can write to, or as a hard link to a file with another name, it is not.
    const open = fresh();
    chmodSync(open, 0o777);
    copyFileSync(join(made, foreign), nameFor(open));
    expect((await runBin(real.bin, open)).stdout).toMatch(/rules: accepted$/);
    const linked = fresh();
    linkSync(join(made, foreign), nameFor(linked));
    expect((await runBin(real.bin, linked)).stdout).toMatch(/rules: accepted$/);
  });

  it("starts cleanly or says why, never exits 0 in silence: a deleted working folder is exit 2", async () => {
    const gone = fresh();
    rmSync(gone, { recursive: true });
    for (const dir of [fresh(), "off"]) {
      const res = await execa(
        "sh",
        [
          "-c",
          `mkdir ${gone} && cd ${gone} && rmdir ${gone} && exec "$0" "$@"`,
          process.execPath,
          BIN,
          "check",
          "x.pem",
        ],
        {
          reject: false,
          env: { CONNECTPAY_CERT_CACHE: dir },
        },
      );
      expect(res.exitCode).toBe(2);
      expect(res.stderr).toMatch(/^connectpay-cert: cannot start here: .*Change to an existing folder\.$/);
    }
  });

  it.skipIf(process.getuid?.() !== 0)("creates no folder in a home that is not the user's", async () => {
    const home = fresh();
    chownSync(home, 65534, 65534);
    expect((await run({ HOME: home })).exitCode).toBe(0);
    expect(readdirSync(home)).toEqual([]);
  });
});
