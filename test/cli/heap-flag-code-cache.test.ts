import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { MANY_FILES } from "../../src/cli/heap-growth.js";
import { BIN, FIXTURES, ROOT } from "../helpers/cli.js";

// Review of issue 28 (69a4c56 + dc19bcb): check over MANY_FILES files sets --heap-growing-percent=30 with
// v8.setFlagsFromString during the run, and bin/code-cache.js writes the code cache after the run. V8 stamps
// cached data with a hash of its flags, so that cache was made under a flag set no later start has: every
// next start rejects it, compiles the bundle cold and writes it again. A folder check over 1,000 files never
// gets a cache hit, and it spoils the cache for the next small check.
const run = (cache: string, args: string[], nodeFlags: string[] = []) =>
  execa(process.execPath, [...nodeFlags, BIN, ...args, "--at", "2030-01-01"], {
    cwd: ROOT,
    reject: false,
    env: { NO_COLOR: "1", CONNECTPAY_CERT_CACHE: cache },
    extendEnv: false,
  });
const cacheStamp = (dir: string) => {
  const files = readdirSync(dir).filter((f) => f.endsWith("check.v8"));
  expect(files).toHaveLength(1);
  const st = statSync(join(dir, files[0]));
  return `${st.ino}:${st.mtimeMs}`;
};

describe("the code cache after a check of many files", () => {
  it("is accepted by the next start, so it is not written again", { timeout: 120_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), "cpc-review-heap-"));
    const folder = join(root, "many");
    mkdirSync(folder);
    for (let i = 0; i < MANY_FILES; i++) copyFileSync(`${FIXTURES}good/leaf.pem`, join(folder, `c${i}.pem`));
    const cache = join(root, "cache");

    const first = await run(cache, ["check", folder, "--format", "prometheus"]);
    expect(first.stderr).toBe("");
    const written = cacheStamp(cache);

    // The same command again: a cache stamped under the heap flag would be rejected and rewritten every time.
    await run(cache, ["check", folder, "--format", "prometheus"]);
    expect(cacheStamp(cache), "a second check of the same folder rewrote the cache").toBe(written);

    // A small check after the big one must accept the cache the big one wrote.
    const small = await run(cache, ["check", "fixtures/good/chain.pem"]);
    expect(small.exitCode).toBe(0);
    expect(cacheStamp(cache), "a one-file check after it rewrote the cache").toBe(written);
  });

  it("leaves a heap flag the user gave Node alone, so the cache written under it is accepted next time", {
    timeout: 120_000,
  }, async () => {
    const root = mkdtempSync(join(tmpdir(), "cpc-heap-own-"));
    const folder = join(root, "many");
    mkdirSync(folder);
    for (let i = 0; i < MANY_FILES; i++) copyFileSync(`${FIXTURES}good/leaf.pem`, join(folder, `c${i}.pem`));
    const cache = join(root, "cache");
    const own = ["--heap-growing-percent=50"];
    await run(cache, ["check", folder, "--format", "prometheus"], own);
    const written = cacheStamp(cache);
    // Had the run put the flag "back" to V8's default, the flags would no longer be the user's: rejected.
    await run(cache, ["check", folder, "--format", "prometheus"], own);
    expect(cacheStamp(cache), "the same command under the user's flag rewrote the cache").toBe(written);
  });
});
