import { execFile } from "node:child_process";
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import * as D from "../helpers/der-builder.js";

// Each certificate carries one defect inside an otherwise clean root → leaf chain, judged by `check` and by
// `openssl verify -purpose sslclient`: an error exactly where OpenSSL refuses, a warning naming the defect
// (and the extension) where it accepts.
const run = promisify(execFile);
const AT = "2030-01-01";
const AT_EPOCH = String(Date.parse(`${AT}T00:00:00Z`) / 1000);
const dir = mkdtempSync(join(tmpdir(), "cpc-review-der-"));
const ec = () => generateKeyPairSync("ec", { namedCurve: "P-256" });
const rootKey = ec();
const leafKey = ec();
const spki = (k: KeyObject) => k.export({ type: "spki", format: "der" }) as Buffer;
const ROOT_NAME = D.name([D.C, D.printable("LT")], [D.CN, D.utf8("Lint Root")]);
const NOT_BEFORE = new Date("2025-01-01T00:00:00Z");
const NOT_AFTER = new Date("2035-01-01T00:00:00Z");
const SKI = Buffer.alloc(20, 7);
const ROOT = D.certificate(
  {
    issuer: ROOT_NAME,
    subject: ROOT_NAME,
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    spki: spki(rootKey.publicKey),
    sigAlg: D.SIG.ecdsaSha256,
    extensions: [
      D.extension("2.5.29.19", D.seq(D.bool(true)), true),
      D.extension("2.5.29.15", D.namedBits([5, 6]), true),
      D.extension("2.5.29.14", D.octet(SKI)),
    ],
  },
  rootKey.privateKey,
);
writeFileSync(join(dir, "root.pem"), D.pem(ROOT));

const BC = D.extension("2.5.29.19", D.seq(), true);
const KU = D.extension("2.5.29.15", D.namedBits([0]), true);
const EKU = D.extension("2.5.29.37", D.seq(D.oid("1.3.6.1.5.5.7.3.2")));
const AKI = D.extension("2.5.29.35", D.seq(D.ctxPrim(0, SKI)));
const plus = (...exts: Buffer[]) => [BC, KU, EKU, AKI, ...exts];

interface Leaf {
  exts?: Buffer[];
  /** the raw [3] element instead of `exts` */
  field?: Buffer;
  subject?: Buffer;
  key?: Buffer;
  version?: number;
}

let count = 0;
function chain(leaf: Leaf): string {
  const der = D.certificate(
    {
      issuer: ROOT_NAME,
      subject: leaf.subject ?? D.name([D.CN, D.utf8("lint leaf")]),
      notBefore: NOT_BEFORE,
      notAfter: NOT_AFTER,
      spki: leaf.key ?? spki(leafKey.publicKey),
      sigAlg: D.SIG.ecdsaSha256,
      extensions: leaf.exts,
      extensionsField: leaf.field,
      version: leaf.version,
    },
    rootKey.privateKey,
  );
  const base = join(dir, `case-${++count}`);
  writeFileSync(`${base}-leaf.pem`, D.pem(der));
  writeFileSync(`${base}-chain.pem`, D.pem(der) + D.pem(ROOT));
  return base;
}

async function opensslAccepts(base: string): Promise<boolean> {
  const args = ["verify", "-purpose", "sslclient", "-attime", AT_EPOCH, "-CAfile", join(dir, "root.pem")];
  return run("openssl", [...args, `${base}-leaf.pem`]).then(
    () => true,
    () => false,
  );
}

interface Out {
  code: number;
  findings: { id: string; severity: string; message: string }[];
}

async function check(base: string, ...extra: string[]): Promise<Out> {
  const argv = ["check", "--json", `${base}-chain.pem`, "--trust", join(dir, "root.pem"), "--at", AT, ...extra];
  const res = await runCli(argv);
  return { code: res.code, findings: JSON.parse(res.stdout).results[0].findings };
}
// Review: leaves `openssl verify -purpose sslclient` refuses (it cannot load them, or marks them invalid or
// unsuitable) that `check` accepts, exit 0. The harness above is cert-lint.test.ts's.
const withFlag = (ext: string, value: Buffer, flag: Buffer) => D.seq(D.oid(ext), D.tlv(0x01, flag), D.octet(value));
const NS_CERT_TYPE = "2.16.840.1.113730.1.1";

describe("check refuses what OpenSSL cannot load or use", () => {
  it.each<[string, Leaf]>([
    // a BOOLEAN must be one octet; OpenSSL's decoder fails and the certificate does not load
    [
      "key usage's critical BOOLEAN of two octets",
      { exts: [BC, withFlag("2.5.29.15", D.namedBits([0]), Buffer.from([0xff, 0xff])), EKU, AKI] },
    ],
    [
      "key usage's critical BOOLEAN of no octets",
      { exts: [BC, withFlag("2.5.29.15", D.namedBits([0]), Buffer.alloc(0)), EKU, AKI] },
    ],
    // OpenSSL decodes nsCertType when it caches extensions: undecodable marks the certificate invalid
    ["an nsCertType that is not a BIT STRING", { exts: plus(D.extension(NS_CERT_TYPE, D.int(1))) }],
    // v3_purp.c check_purpose_ssl_client: ns_reject(x, NS_SSL_CLIENT)
    ["an nsCertType allowing only an SSL server", { exts: plus(D.extension(NS_CERT_TYPE, D.namedBits([1]))) }],
  ])("%s", async (_label, leaf) => {
    const base = chain(leaf);
    expect(await opensslAccepts(base)).toBe(false);
    const out = await check(base);
    expect(out.code).toBe(1);
  });
});
