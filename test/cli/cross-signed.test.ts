import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { sameCa } from "../../src/core/chain/trust.js";
import { checkBundle } from "../../src/core/check-bundle.js";
import { issue } from "../../src/lab/make-certs.js";
import { FIXTURES, ids, runCli } from "../helpers/cli.js";

// Issue 18: New Root R1 self-signed and cross-signed by Old Root (really signed by Old Root's key).
const AT = ["--at", "2030-01-01"];
const SHAPES = {
  "cross-signed": [],
  "cross-signed-copy-first": [],
  "cross-signed-no-old-root": [],
  "cross-signed-reversed": ["chain.reversed"],
} as const;
const tmp = () => mkdtempSync(`${tmpdir()}/cpc-cross-`);
const blocksOf = (pem: string): string[] =>
  pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g) ?? [];

/** `openssl verify -purpose sslclient` with the last certificate as the only trust anchor. */
async function opensslVerifies(pem: string): Promise<string> {
  const blocks = blocksOf(pem);
  const dir = tmp();
  writeFileSync(`${dir}/leaf.pem`, blocks[0]);
  writeFileSync(`${dir}/mid.pem`, blocks.slice(1, -1).join(""));
  writeFileSync(`${dir}/root.pem`, blocks.at(-1) ?? "");
  const attime = String(Date.UTC(2030, 0, 1) / 1000);
  const args = ["verify", "-purpose", "sslclient", "-attime", attime, "-CAfile", `${dir}/root.pem`];
  const res = await execa("openssl", [...args, "-untrusted", `${dir}/mid.pem`, `${dir}/leaf.pem`], { reject: false });
  return `${res.exitCode} ${res.stdout}${res.stderr}`;
}

const subjectOfLast = async (pem: string) =>
  (await execa("openssl", ["x509", "-noout", "-subject"], { input: blocksOf(pem).at(-1) })).stdout;

describe("a root both self-signed and cross-signed (issue 18)", () => {
  it.each(Object.entries(SHAPES))("check %s: chain.alternate-path, exit 1, never unrelated", async (name, extra) => {
    const res = await runCli(["check", `fixtures/chain/${name}.pem`, "--json", ...AT]);
    expect(res.code).toBe(1);
    expect(ids(res.stdout)).toEqual([...extra, "chain.alternate-path"].sort());
    expect(res.stdout).not.toContain("chain.unrelated");
  });

  it("lists each path on one line and says which one fix keeps", async () => {
    const res = await runCli(["check", "fixtures/chain/cross-signed.pem", ...AT]);
    expect(res.stdout).toContain(
      "path 1: payments.acme.example → Cross Issuing CA → New Root R1 (self-signed); path 2: payments.acme.example → Cross Issuing CA → New Root R1 (cross-signed by Old Root) → Old Root (self-signed).",
    );
    expect(res.stdout).toContain("`connectpay-cert fix` keeps path 1: it is the shortest.");
    const noOld = await runCli(["check", "fixtures/chain/cross-signed-no-old-root.pem", ...AT]);
    expect(noOld.stdout).toContain("New Root R1 (cross-signed by Old Root, not in the file)");
  });

  it.each(Object.keys(SHAPES))(
    "fix %s keeps the shortest path, names the copy, and openssl verifies it",
    async (name) => {
      const out = `${tmp()}/fixed.pem`;
      const res = await runCli(["fix", `fixtures/chain/${name}.pem`, "-o", out, ...AT]);
      expect(res.code).toBe(0);
      expect(res.stderr).toContain("kept      payments.acme.example → Cross Issuing CA → New Root R1 (self-signed)");
      expect(res.stderr).toContain("removed   the cross-signed copy of CN=New Root R1 (issued by CN=Old Root)");
      expect(res.stderr).not.toContain("unrelated");
      const pem = readFileSync(out, "utf8");
      expect(blocksOf(pem)).toHaveLength(3);
      expect(await subjectOfLast(pem)).toContain("New Root R1");
      expect(await opensslVerifies(pem)).toMatch(/^0 .*OK/);
    },
  );

  it("fix prefers the path to a root in --ca-file, even when longer", async () => {
    const dir = tmp();
    const oldRoot = blocksOf(readFileSync(`${FIXTURES}chain/cross-signed.pem`, "utf8"))[4];
    writeFileSync(`${dir}/old-root.pem`, oldRoot);
    const out = `${dir}/fixed.pem`;
    const argv = ["fix", "fixtures/chain/cross-signed.pem", "--ca-file", `${dir}/old-root.pem`, "-o", out, ...AT];
    const res = await runCli(argv);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(`(self-signed): it ends at a root in --ca-file ${dir}/old-root.pem`);
    expect(res.stderr).toContain("removed   the self-signed copy of CN=New Root R1");
    const pem = readFileSync(out, "utf8");
    expect(blocksOf(pem)).toHaveLength(4);
    expect(await subjectOfLast(pem)).toContain("Old Root");
    expect(await opensslVerifies(pem)).toMatch(/^0 .*OK/);
  });

  // Found in review: fix took the first issuer a source offered and chased the cross-signer (exit 1 for the
  // long-chain shape that openssl verify accepts; a 4-certificate chain or a 3-certificate one by file order).
  it("fix trusts a --ca-file root over the cross-signed copy of it at the top, as openssl verify does", async () => {
    const [leaf, issuing, selfSigned, crossSigned, oldRoot] = blocksOf(
      readFileSync(`${FIXTURES}chain/cross-signed.pem`, "utf8"),
    );
    const dir = tmp();
    writeFileSync(`${dir}/long.pem`, leaf + issuing + crossSigned);
    writeFileSync(`${dir}/new-root.pem`, selfSigned);
    const out = `${dir}/fixed.pem`;
    const argv = ["fix", `${dir}/long.pem`, "--ca-file", `${dir}/new-root.pem`, "--no-system-roots", "-o", out, ...AT];
    const res = await runCli(argv);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toContain("removed   the cross-signed copy of CN=New Root R1 (issued by CN=Old Root)");
    expect(res.stderr).toContain(`added     root CN=New Root R1 from --ca-file ${dir}/new-root.pem`);
    const pem = readFileSync(out, "utf8");
    expect(blocksOf(pem)).toEqual([leaf, issuing, selfSigned]);
    expect(await opensslVerifies(pem)).toMatch(/^0 .*OK/);
    writeFileSync(`${dir}/short.pem`, leaf + issuing);
    const written = [];
    for (const cas of [crossSigned + selfSigned + oldRoot, selfSigned + crossSigned + oldRoot]) {
      writeFileSync(`${dir}/cas.pem`, cas);
      const order = [
        "fix",
        `${dir}/short.pem`,
        "--ca-file",
        `${dir}/cas.pem`,
        "--no-system-roots",
        "-o",
        `${dir}/o.pem`,
      ];
      expect((await runCli([...order, ...AT])).code).toBe(0);
      written.push(readFileSync(`${dir}/o.pem`, "utf8"));
    }
    expect(written[0]).toBe(leaf + issuing + selfSigned);
    expect(written[1]).toBe(written[0]);
  });

  // Found in the review of that change: a self-signed copy out of date, or the leaf's own pre-CSR copy, must
  // not replace a chain that completes (each had made fix exit 1 or drop the intermediate).
  it("fix keeps a chain that completes: no expired self-signed copy, no copy of the leaf or of an intermediate", async () => {
    const when = (year: number) => new Date(`${year}-01-01`);
    const old = await issue({ subject: "CN=Old Root", ca: true, notBefore: when(2024), notAfter: when(2099) });
    const root = await issue({ subject: "CN=New Root", ca: true, notBefore: when(2024), notAfter: when(2099) });
    const same = { subject: "CN=New Root", ca: true, keys: root.keys, notBefore: when(2024) };
    const expired = await issue({ ...same, notAfter: when(2029) });
    const cross = await issue({ ...same, issuer: old, notAfter: when(2099) });
    const int = await issue({
      subject: "CN=Issuing CA",
      ca: true,
      issuer: root,
      notBefore: when(2024),
      notAfter: when(2099),
    });
    const intCopy = await issue({
      subject: "CN=Issuing CA",
      ca: true,
      keys: int.keys,
      notBefore: when(2024),
      notAfter: when(2099),
    });
    const leafName = "CN=client.acme.example";
    const leaf = await issue({
      subject: leafName,
      issuer: int,
      clientAuth: true,
      notBefore: when(2024),
      notAfter: when(2098),
    });
    const leafCopy = await issue({
      subject: leafName,
      keys: leaf.keys,
      clientAuth: true,
      notBefore: when(2024),
      notAfter: when(2098),
    });
    const dir = tmp();
    const run = async (input: string, cas: string) => {
      writeFileSync(`${dir}/in.pem`, input);
      writeFileSync(`${dir}/cas.pem`, cas);
      const argv = ["fix", `${dir}/in.pem`, "--ca-file", `${dir}/cas.pem`, "--no-system-roots", "-o", `${dir}/o.pem`];
      const res = await runCli([...argv, ...AT]);
      return { code: res.code, chain: res.code === 0 ? readFileSync(`${dir}/o.pem`, "utf8") : res.stderr };
    };
    const viaOld = leaf.pem + int.pem + cross.pem + old.pem;
    expect(await run(leaf.pem + int.pem + cross.pem, expired.pem + old.pem)).toEqual({ code: 0, chain: viaOld });
    expect(await run(leaf.pem + int.pem, cross.pem + expired.pem + old.pem)).toEqual({ code: 0, chain: viaOld });
    const short = leaf.pem + int.pem + root.pem;
    expect(await run(leaf.pem + int.pem + cross.pem, root.pem)).toEqual({ code: 0, chain: short });
    expect(await run(leaf.pem, leafCopy.pem + int.pem + root.pem)).toEqual({ code: 0, chain: short });
    expect(await run(leaf.pem + int.pem, intCopy.pem + root.pem)).toEqual({ code: 0, chain: short });
  });

  it("inspect marks the cross-signed copy", async () => {
    const res = await runCli(["inspect", "fixtures/chain/cross-signed.pem"]);
    expect(res.stdout.match(/Cross-signed/g)).toHaveLength(1);
    expect(res.stdout).toContain("Cross-signed    yes: issued by CN=Old Root, O=Demo Cross Trust, C=LT");
    const json = JSON.parse((await runCli(["inspect", "fixtures/chain/cross-signed.pem", "--json"])).stdout);
    expect(json.certificates[3].crossSigned).toEqual({ issuer: "CN=Old Root, O=Demo Cross Trust, C=LT", sameAs: 2 });
  });
});

/** Every ordered selection of the Sectigo-like bundle's certificates: 325 bundles. */
function* arrangements(items: string[], taken: string[] = []): Generator<string[]> {
  if (taken.length > 0) yield taken;
  for (const item of items.filter((i) => !taken.includes(i))) yield* arrangements(items, [...taken, item]);
}

describe("chain.unrelated is kept for certificates with no link", () => {
  it("never names a certificate with the subject and key of one on the path, in any order or selection", () => {
    const blocks = blocksOf(readFileSync(`${FIXTURES}chain/cross-signed.pem`, "utf8"));
    const options = { at: new Date("2030-01-01"), warnDays: 30, scope: "chain" as const, strict: false };
    let bundles = 0;
    for (const pick of arrangements(blocks)) {
      const { result, entries, chain } = checkBundle(Buffer.from(pick.join("")), "x.pem", options);
      const unrelated = result.findings.filter((f) => f.id === "chain.unrelated").map((f) => f.certificate);
      for (const i of unrelated) {
        const cert = entries[i as number].cert;
        expect(chain.path.some((p) => sameCa(entries[p].cert, cert))).toBe(false);
      }
      bundles++;
    }
    expect(bundles).toBe(325);
  });

  it("still names a certificate that truly has no link", async () => {
    const dir = tmp();
    const cross = readFileSync(`${FIXTURES}chain/cross-signed-no-old-root.pem`, "utf8");
    writeFileSync(`${dir}/b.pem`, cross + readFileSync(`${FIXTURES}good/root.pem`, "utf8"));
    const res = await runCli(["check", `${dir}/b.pem`, "--json", ...AT]);
    expect(ids(res.stdout)).toEqual(["chain.alternate-path", "chain.unrelated"]);
    expect(
      JSON.parse(res.stdout).results[0].findings.find((f: { id: string }) => f.id === "chain.unrelated").certificate,
    ).toBe(4);
  });
});
