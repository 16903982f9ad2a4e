import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { issueCert } from "../helpers/ca.js";
import { FIXTURES, runCli } from "../helpers/cli.js";

// A CA's delivery can be a catalogue: the chain among hundreds of other CAs. @peculiar/x509 refused any
// PKCS#7 of more than 10,000 ASN.1 nodes (~250 certificates), and check called it not PEM.
const AT = ["--at", "2030-01-01"];
const CHAIN = readFileSync(`${FIXTURES}good/chain.pem`, "utf8");
const blocks = (pem: string) => pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----\n/g) ?? [];

let dir: string;

/** PKCS#7 of `pem`'s certificates as OpenSSL writes it, DER (.p7b) and PEM-armoured (.p7b.pem). */
async function pkcs7(name: string, pem: string): Promise<void> {
  writeFileSync(`${dir}/${name}.pem`, pem);
  const args = ["crl2pkcs7", "-nocrl", "-certfile", `${dir}/${name}.pem`];
  await execa("openssl", [...args, "-outform", "DER", "-out", `${dir}/${name}.p7b`]);
  await execa("openssl", [...args, "-out", `${dir}/${name}.p7b.pem`]);
}

beforeAll(async () => {
  dir = mkdtempSync(`${tmpdir()}/cpc-p7-size-`);
  const others = await Promise.all(
    Array.from({ length: 297 }, (_, i) => issueCert({ subject: `CN=Catalogue CA ${i + 1}`, ca: true })),
  );
  const catalogue = CHAIN + others.map((c) => c.pem).join("");
  await pkcs7("catalogue", catalogue);
  // 501: one past the limit (docs/limits.md).
  await pkcs7("too-many", catalogue + blocks(catalogue).slice(0, 201).join(""));
  for (const name of ["catalogue", "too-many"])
    for (const ext of ["p7b", "p7b.pem"]) {
      mkdirSync(`${dir}/scan-${name}-${ext}`);
      writeFileSync(`${dir}/scan-${name}-${ext}/bundle.${ext}`, readFileSync(`${dir}/${name}.${ext}`));
    }
}, 60_000);

describe.each([
  ["p7b", "PKCS#7 (DER)"],
  ["p7b.pem", "PKCS#7 (PEM)"],
])("a PKCS#7 of 300 certificates (.%s)", (ext, format) => {
  it("is judged by a folder scan like the PEM inside it, not called 'not PEM'", async () => {
    const res = await runCli(["check", `${dir}/scan-catalogue-${ext}`, "--json", ...AT]);
    const [result] = JSON.parse(res.stdout).results;
    expect(result.certificates).toHaveLength(300);
    const found = result.findings.map((f: { id: string }) => f.id);
    expect(found).not.toContain("format.not-pem");
    expect(found).not.toContain("format.limit-exceeded");
  });

  it("is repaired by fix into the chain it holds", async () => {
    const out = `${dir}/fixed-${ext}.pem`;
    const res = await runCli(["fix", `${dir}/catalogue.${ext}`, "-o", out, "--json", ...AT]);
    expect(res.stderr).not.toMatch(/no certificate could be read/);
    expect(JSON.parse(res.stdout)).toMatchObject({ format, ok: true });
    expect(res.code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(CHAIN);
  });

  it("is shown whole by inspect", async () => {
    const res = await runCli(["inspect", `${dir}/catalogue.${ext}`, "--json", ...AT]);
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout);
    expect(doc.format).toBe(format);
    expect(doc.certificates).toHaveLength(300);
  });
});

describe.each(["p7b", "p7b.pem"])("a PKCS#7 of 501 certificates (.%s), past the limit", (ext) => {
  const limit = /PKCS#7 bundle (holds more than|of more than) 500 certificates, the limit per file/;

  it("gets format.limit-exceeded in a scan, with the openssl command that takes the chain out", async () => {
    const res = await runCli(["check", `${dir}/scan-too-many-${ext}`, "--json", ...AT]);
    expect(res.code).toBe(1);
    const [f] = JSON.parse(res.stdout).results[0].findings;
    expect(f).toMatchObject({ id: "format.limit-exceeded", message: expect.stringMatching(limit) });
    const inform = ext === "p7b" ? "-inform der " : "";
    expect(f.hint).toContain(`openssl pkcs7 ${inform}-in ${dir}/scan-too-many-${ext}/bundle.${ext} -print_certs`);
  });

  it("is refused by fix (exit 2) and inspect (exit 1), naming the limit", async () => {
    const fix = await runCli(["fix", `${dir}/too-many.${ext}`, "-o", `${dir}/never.pem`, ...AT]);
    expect(fix.code).toBe(2);
    expect(fix.stderr).toMatch(limit);
    expect(fix.stderr).toContain("-print_certs");
    const inspect = await runCli(["inspect", `${dir}/too-many.${ext}`, ...AT]);
    expect(inspect.code).toBe(1);
    expect(inspect.stderr).toMatch(limit);
  });
});

/** A BER length-header of indefinite form around `parts`, closed by end-of-contents. */
const indefinite = (tag: number, ...parts: Buffer[]) =>
  Buffer.concat([Buffer.from([tag, 0x80]), ...parts, Buffer.from([0, 0])]);

describe("a PKCS#7 in BER (indefinite lengths, as some Windows and Java tools write it)", () => {
  it("is read as OpenSSL reads it", async () => {
    const ders = blocks(CHAIN).map((b) => Buffer.from(b.replace(/-----[^-]+-----|\s/g, ""), "base64"));
    const oid = (hex: string) => Buffer.from(`0609${hex}`, "hex");
    const signedData = indefinite(
      0x30,
      Buffer.from("020101", "hex"),
      Buffer.from("3100", "hex"),
      indefinite(0x30, oid("2a864886f70d010701")),
      indefinite(0xa0, ...ders),
      Buffer.from("3100", "hex"),
    );
    const file = `${mkdtempSync(`${tmpdir()}/cpc-p7-ber-`)}/chain.p7b`;
    writeFileSync(file, indefinite(0x30, oid("2a864886f70d010702"), indefinite(0xa0, signedData)));
    const openssl = await execa("openssl", ["pkcs7", "-inform", "der", "-in", file, "-print_certs"]);
    expect(blocks(openssl.stdout.replaceAll("\n\n", "\n"))).toHaveLength(3);
    const res = await runCli(["inspect", file, "--json", ...AT]);
    expect(JSON.parse(res.stdout).certificates).toHaveLength(3);
  });
});
