import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from "node:fs";
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

// A check of many files now writes no cache at all (cacheable() in src/cli/main.ts); this holds that what it
// does to the flags spoils neither the cache a check of one file writes nor that check's next start. That a
// heap flag the user gave Node is left alone is heap-growth.test.ts's (a cache could not show it any more).
describe("the code cache around a check of many files", () => {
  it("is written by the next check of one file, and neither run spoils it", { timeout: 120_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), "cpc-review-heap-"));
    const folder = join(root, "many");
    mkdirSync(folder);
    for (let i = 0; i < MANY_FILES; i++) copyFileSync(`${FIXTURES}good/leaf.pem`, join(folder, `c${i}.pem`));
    const cache = join(root, "cache");

    const first = await run(cache, ["check", folder, "--format", "prometheus"]);
    expect(first.stderr).toBe("");
    expect(existsSync(cache) ? readdirSync(cache) : []).toEqual([]);

    const small = await run(cache, ["check", "fixtures/good/chain.pem"]);
    expect(small.exitCode).toBe(0);
    const written = cacheStamp(cache);

    // A cache read by a run that then set the heap flag must still be the one the next start accepts.
    await run(cache, ["check", folder, "--format", "prometheus"]);
    expect(cacheStamp(cache), "the check of many files rewrote the cache").toBe(written);
    await run(cache, ["check", "fixtures/good/chain.pem"]);
    expect(cacheStamp(cache), "a one-file check after it rewrote the cache").toBe(written);
  });
});
