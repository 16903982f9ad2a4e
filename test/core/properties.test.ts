import { readFileSync } from "node:fs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { checkBundle } from "../../src/core/check-bundle.js";
import { LIMITS } from "../../src/core/limits.js";
import { CertCache } from "../../src/core/x509/cert-cache.js";
import { issue, type Made } from "../../src/lab/make-certs.js";
import { FIXTURES, runCli } from "../helpers/cli.js";

// Properties over hostile input: never an exception, always a judgement, and a bounded one. Bounded is judged
// by the work done, not the time taken: signature checks (the costly step of building a chain) stay within
// LIMITS.maxIssuerCandidates per certificate, plus one self-signature check each. Each property also runs
// under a hang guard for all its runs together (they take a second or two): it catches a loop, not slowness,
// which npm run bench measures. A stopwatch around each judgement (3 s) measured the machine's load too.
const OPTIONS = { at: new Date("2030-01-01"), warnDays: 30, scope: "chain" as const, strict: false };
const BOUND = { timeout: 60_000 };
const GOOD = readFileSync(`${FIXTURES}good/chain.pem`, "utf8");
const RUNS = { random: 300, mutated: 300, graphs: 150 };

/** A CertCache that counts the signature checks asked of it. */
class CountingCache extends CertCache {
  checks = 0;
  override signedBy(...args: Parameters<CertCache["signedBy"]>): boolean {
    this.checks++;
    return super.signedBy(...args);
  }
}

function judgeSafely(bytes: Buffer) {
  const cache = new CountingCache();
  const result = checkBundle(bytes, "input.pem", OPTIONS, cache).result;
  expect(cache.checks).toBeLessThanOrEqual(result.certificates.length * (LIMITS.maxIssuerCandidates + 1));
  expect(result.ok || result.findings.some((f) => f.severity === "error" || f.severity === "warning")).toBe(true);
  if (!result.ok) expect(result.findings.length).toBeGreaterThan(0);
  expect(new Set(result.path).size).toBe(result.path.length);
  expect(result.path.length).toBeLessThanOrEqual(LIMITS.maxChainDepth);
  for (const c of result.certificates) expect(["leaf", "intermediate", "root", "unrelated"]).toContain(c.role);
  expect(() => JSON.stringify(result)).not.toThrow();
  return result;
}

describe("the reader never breaks", () => {
  it(`random bytes (${RUNS.random} runs)`, BOUND, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        judgeSafely(Buffer.from(bytes));
      }),
      { numRuns: RUNS.random },
    );
  });

  it("random text with PEM armour, NUL bytes, BOMs and UTF-16", BOUND, () => {
    const piece = fc.oneof(
      fc.constant("-----BEGIN CERTIFICATE-----\n"),
      fc.constant("-----END CERTIFICATE-----\n"),
      fc.constant("-----BEGIN PRIVATE KEY-----\n"),
      fc.constant("\u0000"),
      fc.constant("\ufeff"),
      fc.constant("\r\n"),
      fc.base64String({ maxLength: 200 }),
      fc.string({ maxLength: 50 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.boolean(), (parts, utf16) => {
        const text = parts.join("");
        judgeSafely(
          utf16 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]) : Buffer.from(text),
        );
      }),
      { numRuns: RUNS.random },
    );
  });
});

describe(`mutated valid bundles (${RUNS.mutated} runs each)`, () => {
  const lines = GOOD.split("\n");
  it("flipped bytes and truncations", BOUND, () => {
    fc.assert(
      fc.property(fc.array(fc.nat(GOOD.length - 1), { maxLength: 8 }), fc.nat(GOOD.length), (flips, cut) => {
        const bytes = Buffer.from(GOOD);
        for (const at of flips) bytes[at] ^= 0x5a;
        judgeSafely(bytes.subarray(0, cut));
      }),
      { numRuns: RUNS.mutated },
    );
  });

  it("shuffled lines and spliced blocks", BOUND, () => {
    const blocks = GOOD.match(/-----BEGIN[\s\S]+?END CERTIFICATE-----\n/g) ?? [];
    fc.assert(
      fc.property(
        fc.shuffledSubarray(lines),
        fc.array(fc.constantFrom(...blocks), { maxLength: 12 }),
        (shuffled, spliced) => {
          judgeSafely(Buffer.from(shuffled.join("\n")));
          judgeSafely(Buffer.from(spliced.join("")));
        },
      ),
      { numRuns: RUNS.mutated },
    );
  });
});

describe(`random certificate graphs (${RUNS.graphs} runs)`, () => {
  // A pool of CAs A–E, each issued by each other one (cycles and cross-signing), plus same-name CAs
  // with different keys (many candidate issuers) and leaves under each CA.
  const NAMES = ["A", "B", "C", "D", "E"];
  const pool: string[] = [];
  beforeAll(async () => {
    const roots: Made[] = [];
    for (const n of NAMES) roots.push(await issue({ subject: `CN=${n}`, ca: true }));
    for (const r of roots) pool.push(r.pem);
    for (const issuer of roots)
      for (const subject of roots) {
        if (issuer === subject) continue;
        const cross = await issue({ subject: subject.name, issuer, ca: true });
        pool.push(cross.pem);
      }
    for (let k = 0; k < 6; k++) pool.push((await issue({ subject: "CN=A", ca: true })).pem);
    for (const r of roots)
      pool.push((await issue({ subject: `CN=leaf of ${r.name}`, issuer: r, clientAuth: true })).pem);
  }, 60_000);

  it("any selection, order and repetition ends in a bounded judgement", BOUND, () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 40 }), (picks) => {
        judgeSafely(Buffer.from(picks.map((p) => pool[p % pool.length]).join("")));
      }),
      { numRuns: RUNS.graphs },
    );
  });

  it("a cycle (A signs B, B signs A) terminates with a clear finding", BOUND, () => {
    const aByB = pool[NAMES.length + 4]; // A issued by B
    const bByA = pool[NAMES.length]; // B issued by A
    const result = judgeSafely(Buffer.from(aByB + bByA));
    expect(result.ok).toBe(false);
    expect(result.findings.map((f) => f.id)).toContain("chain.incomplete");
  });

  it("many certificates with one subject and different keys stay within the bound", BOUND, async () => {
    const many: string[] = [];
    for (let k = 0; k < 200; k++) many.push((await issue({ subject: "CN=Same Name", ca: true })).pem);
    const child = await issue({
      subject: "CN=child",
      issuer: await issue({ subject: "CN=Same Name", ca: true }),
      clientAuth: true,
    });
    judgeSafely(Buffer.from(child.pem + many.join("")));
  });
});

describe("every command ends with exit 0, 1 or 2 on hostile input (never 3, never a stack trace)", () => {
  const inputs = fc.oneof(
    fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
    fc.nat(GOOD.length).map((cut) => Buffer.from(GOOD.slice(0, cut))),
    fc.constantFrom(
      readFileSync(`${FIXTURES}format/chain.p7b`).subarray(0, 300),
      readFileSync(`${FIXTURES}format/leaf-and-key.p12`).subarray(0, 500),
      Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x02, 0x01]),
    ),
  );
  for (const command of [
    ["check", "-", "--json"],
    ["fix", "-", "--json", "--no-system-roots"],
    ["inspect", "-", "--json"],
  ]) {
    it(command.join(" "), async () => {
      await fc.assert(
        fc.asyncProperty(inputs, async (stdin) => {
          const res = await runCli([...command, "--at", "2030-01-01"], { stdin, env: { P12_PW: "x" } });
          expect([0, 1, 2]).toContain(res.code);
          expect(res.stderr).not.toMatch(/\n\s+at /);
          if (command[0] === "check") expect(() => JSON.parse(res.stdout)).not.toThrow();
        }),
        { numRuns: 100 },
      );
    });
  }
});
