import "reflect-metadata";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { violation } from "../../src/core/chain/name-constraints.js";
import { readBlocks } from "../../src/core/input/read-blocks.js";
import { readTlv } from "../../src/core/x509/der.js";
import { decodeRdns, nameKey, namesMatch } from "../../src/core/x509/names.js";
import { FIXTURES, ids, runCli } from "../helpers/cli.js";

// RFC 5280 §7.1: names match after string preparation, not byte for byte. OpenSSL (X509_NAME_cmp, the
// gateway's comparison) is the judge: it accepts what these fixtures vary, and refuses reordered RDNs.
const AT = ["--at", "2030-01-01"];
const tmp = () => mkdtempSync(`${tmpdir()}/cpc-names-`);

async function opensslVerify(bundle: string): Promise<boolean> {
  const blocks = readFileSync(bundle, "utf8").match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g);
  const dir = tmp();
  writeFileSync(`${dir}/leaf.pem`, blocks?.[0] ?? "");
  writeFileSync(`${dir}/mid.pem`, blocks?.slice(1, -1).join("") ?? "");
  writeFileSync(`${dir}/root.pem`, blocks?.at(-1) ?? "");
  const attime = String(Date.UTC(2030, 0, 1) / 1000);
  const args = ["verify", "-purpose", "sslclient", "-attime", attime, "-CAfile", `${dir}/root.pem`];
  const res = await execa("openssl", [...args, "-untrusted", `${dir}/mid.pem`, `${dir}/leaf.pem`], { reject: false });
  return res.exitCode === 0;
}

type Value = [type: "utf8String" | "printableString" | "bmpString", text: string];
const der = (...rdns: Record<string, Value>[]) =>
  Buffer.from(
    new x509.Name(
      rdns.map((rdn) => Object.fromEntries(Object.entries(rdn).map(([oid, [t, v]]) => [oid, [{ [t]: v }]]))),
    ).toArrayBuffer(),
  );
const CN = "2.5.4.3";
const O = "2.5.4.10";

describe("name comparison (RFC 5280 §7.1, as OpenSSL folds)", () => {
  it("matches PrintableString and UTF8String (and BMPString) of the same text", () => {
    const p = der({ [CN]: ["printableString", "Issuing CA"] });
    expect(namesMatch(p, der({ [CN]: ["utf8String", "Issuing CA"] }))).toBe(true);
    expect(namesMatch(p, der({ [CN]: ["bmpString", "Issuing CA"] }))).toBe(true);
  });

  it("folds ASCII case and leading, trailing and inner white space", () => {
    const a = der({ [O]: ["utf8String", "Demo Trust Services"] }, { [CN]: ["utf8String", "Issuing CA"] });
    const b = der({ [O]: ["printableString", "  demo   TRUST services "] }, { [CN]: ["utf8String", "ISSUING CA"] });
    expect(nameKey(a)).toBe(nameKey(b));
  });

  it("keeps RDN order, non-ASCII case, and the text itself significant", () => {
    const a = der({ [O]: ["utf8String", "Demo"] }, { [CN]: ["utf8String", "CA"] });
    expect(namesMatch(a, der({ [CN]: ["utf8String", "CA"] }, { [O]: ["utf8String", "Demo"] }))).toBe(false);
    expect(namesMatch(der({ [CN]: ["utf8String", "Ä"] }), der({ [CN]: ["utf8String", "ä"] }))).toBe(false);
    expect(namesMatch(der({ [CN]: ["utf8String", "CA 1"] }), der({ [CN]: ["utf8String", "CA1"] }))).toBe(false);
  });

  it("compares a multi-valued RDN as a set", () => {
    const a = der({ [O]: ["utf8String", "Demo"], [CN]: ["utf8String", "CA"] });
    const b = der({ [CN]: ["printableString", "ca"], [O]: ["utf8String", "demo"] });
    expect(namesMatch(a, b)).toBe(true);
  });

  it("applies the same comparison to directoryName constraints", () => {
    const subject = der({ [O]: ["printableString", "Demo Trust Services"] }, { [CN]: ["printableString", "leaf"] });
    const permitted = der({ [O]: ["utf8String", "demo  trust services"] });
    const rdns = (d: Buffer) => decodeRdns(d, readTlv(d, 0));
    const nc = { permitted: [{ form: "dn" as const, rdns: rdns(permitted) }], excluded: [] };
    expect(violation([{ form: "dn", rdns: rdns(subject) }], nc)).toBeUndefined();
    const other = der({ [O]: ["utf8String", "Other"] }, { [CN]: ["utf8String", "leaf"] });
    expect(violation([{ form: "dn", rdns: rdns(other) }], nc)).toMatch(/outside the permitted subtrees/);
  });
});

describe("issuer matching across encodings, judged by openssl verify", () => {
  it.each([
    // The intermediate's countryName is a UTF8String: a profile warning, no refusal.
    ["names/utf8-vs-printable.pem", true, ["cert.name-string-type"]],
    ["names/case-and-space.pem", true, ["cert.name-string-type"]],
    ["names/rdn-order.pem", false, ["chain.incomplete", "chain.unrelated", "chain.unrelated"]],
  ])("%s → accepted: %s", async (file, accepted, expected) => {
    const res = await runCli(["check", `fixtures/${file}`, "--json", ...AT]);
    expect(ids(res.stdout)).toEqual(expected);
    expect(res.code).toBe(accepted ? 0 : 1);
    expect(await opensslVerify(`${FIXTURES}${file}`)).toBe(accepted);
  });

  it("--trust finds the anchor whose subject is encoded differently from the issuer field", async () => {
    const args = ["fixtures/names/utf8-vs-printable-no-root.pem", "--trust", "fixtures/names/root.pem"];
    const res = await runCli(["check", ...args, "--json", ...AT]);
    expect(ids(res.stdout)).toEqual(["cert.name-string-type", "chain.incomplete"]);
  });

  it("fix --ca-file adds the root whose subject is encoded differently from the issuer field", async () => {
    const out = `${tmp()}/fixed.pem`;
    const input = "fixtures/names/utf8-vs-printable-no-root.pem";
    const res = await runCli(["fix", input, "--ca-file", "fixtures/names/root.pem", "-o", out, ...AT]);
    expect(res.stderr).toMatch(/added +root CN=Names Root CA/);
    expect(res.code).toBe(0);
    expect(readFileSync(out, "utf8").match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
    expect(await opensslVerify(out)).toBe(true);
  });
});

describe("name keys handed over by the parser", () => {
  // The parser gives nameKey the key of each subject and issuer it decoded (issue 16): it must be the key
  // computed afresh from the same bytes, for every certificate the fixtures hold (mixed encodings and case,
  // multi-valued RDNs, BMPString among them).
  it("equals the key computed from a copy of the Name's bytes", () => {
    const pems = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? pems(join(dir, e.name)) : e.name.endsWith(".pem") ? [join(dir, e.name)] : [],
      );
    let names = 0;
    for (const file of pems(FIXTURES))
      for (const item of readBlocks(readFileSync(file), { mode: "lenient" }).items) {
        if (item.kind !== "certificate") continue;
        for (const der of [item.cert.subjectDer, item.cert.issuerDer]) {
          expect(nameKey(der)).toBe(nameKey(Buffer.from(der)));
          names++;
        }
      }
    expect(names).toBeGreaterThan(100);
  });
});
