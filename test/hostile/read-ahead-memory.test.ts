import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "../helpers/cli.js";
import { PEAK_LIMIT_MIB, runBin } from "./measure.js";

// A folder read with a second thread (thousands of files, or CONNECTPAY_CERT_THREADS=2, as here) is read a
// batch ahead (cli/commands/check/file-reader.ts), each file parsed
// then: what is held is the parsed certificates, not only the bytes. Files of 500 small leaves (the block
// limit) each parse into far more memory than they take on disk; one thread holds one such file at a time,
// and the read-ahead must stay within the same bound (issue 13's peak, PEAK_LIMIT_MIB), on the built bin.
let cwd: string;

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), "cpc-hostile-ahead-"));
  chmodSync(cwd, 0o755);
  const chain = readFileSync(`${FIXTURES}good/chain.pem`, "latin1");
  const leaf = chain.slice(0, chain.indexOf("-----END CERTIFICATE-----") + 26);
  mkdirSync(join(cwd, "certs"));
  for (let i = 0; i < 64; i++) writeFileSync(join(cwd, "certs", `a-${i}.pem`), leaf.repeat(500));
  for (let i = 0; i < 200; i++) writeFileSync(join(cwd, "certs", `b-${i}.pem`), chain);
});

describe("check of a folder read ahead", () => {
  it("holds no more than its peak bound when every file is 500 certificates", async () => {
    const res = await runBin(["check", "certs", "--json", "--at", "2030-01-01"], {
      cwd,
      timeoutMs: 60_000,
      env: { CONNECTPAY_CERT_THREADS: "2" },
    });
    expect(res.timedOut).toBe(false);
    expect(JSON.parse(res.stdout).results).toHaveLength(264);
    if (res.peakMiB !== undefined) expect(res.peakMiB).toBeLessThan(PEAK_LIMIT_MIB);
  }, 90_000);
});
