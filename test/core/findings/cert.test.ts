import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "vitest";
import type { Finding } from "../../../src/core/findings/finding.js";
import { children, content, readTlv } from "../../../src/core/x509/der.js";
import { runCli } from "../../helpers/cli.js";
import * as D from "../../helpers/der-builder.js";
import { expectExample } from "./expect-example.js";

// cert.* ids no committed file produces: a root → leaf chain built with the one defect, checked as a user would.
const dir = mkdtempSync(join(tmpdir(), "cert-findings-"));
const rootKey = generateKeyPairSync("ec", { namedCurve: "P-256" });
const spki = (k: KeyObject) => k.export({ type: "spki", format: "der" }) as Buffer;
const ROOT_NAME = D.name([D.CN, D.utf8("Findings Root")]);
const VALIDITY = { notBefore: new Date("2025-01-01T00:00:00Z"), notAfter: new Date("2035-01-01T00:00:00Z") };
const root = D.certificate(
  {
    ...VALIDITY,
    issuer: ROOT_NAME,
    subject: ROOT_NAME,
    spki: spki(rootKey.publicKey),
    sigAlg: D.SIG.ecdsaSha256,
    extensions: [
      D.extension("2.5.29.19", D.seq(D.bool(true)), true),
      D.extension("2.5.29.15", D.namedBits([5, 6]), true),
    ],
  },
  rootKey.privateKey,
);
const KU = D.extension("2.5.29.15", D.namedBits([0]), true);
const EKU = D.extension("2.5.29.37", D.seq(D.oid("1.3.6.1.5.5.7.3.2")));
const BC = D.extension("2.5.29.19", D.seq(), true);
let n = 0;

async function findingOf(
  id: string,
  leaf: { exts: Buffer[]; cn?: string; key?: Buffer },
): Promise<Finding | undefined> {
  const der = D.certificate(
    {
      ...VALIDITY,
      issuer: ROOT_NAME,
      subject: D.name([D.CN, D.utf8(leaf.cn ?? "client.lint.example")]),
      spki: leaf.key ?? spki(generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey),
      sigAlg: D.SIG.ecdsaSha256,
      extensions: leaf.exts,
    },
    rootKey.privateKey,
  );
  const file = join(dir, `chain-${++n}.pem`);
  writeFileSync(file, D.pem(der) + D.pem(root));
  const res = await runCli(["check", "--json", file, "--at", "2030-01-01"]);
  return JSON.parse(res.stdout).results[0].findings.find((f: Finding) => f.id === id);
}

describe("cert.* findings built from their facts", () => {
  it("cert.path-length-not-ca: a pathLenConstraint on a leaf", async () => {
    const bc = D.extension("2.5.29.19", D.seq(D.int(0)), true);
    expectExample("cert.path-length-not-ca", await findingOf("cert.path-length-not-ca", { exts: [bc, KU, EKU] }));
  });

  it("cert.eku-any-critical: a critical EKU with anyExtendedKeyUsage", async () => {
    const eku = D.extension("2.5.29.37", D.seq(D.oid("2.5.29.37.0"), D.oid("1.3.6.1.5.5.7.3.2")), true);
    expectExample("cert.eku-any-critical", await findingOf("cert.eku-any-critical", { exts: [BC, KU, eku] }));
  });

  it("cert.common-name-too-long: a 71-character CN", async () => {
    const cn = "client-certificate-for-the-payments-api-of-acme-industries.lint.example";
    const f = await findingOf("cert.common-name-too-long", { exts: [BC, KU, EKU], cn });
    expectExample("cert.common-name-too-long", f);
  });

  it("cert.dsa-inherited-parameters: a DSA key without its p, q, g", async () => {
    const dsa = spki(generateKeyPairSync("dsa", { modulusLength: 1024, divisorLength: 160 }).publicKey);
    const [, bitString] = children(dsa, readTlv(dsa, 0));
    const key = D.seq(D.seq(D.oid("1.2.840.10040.4.1")), D.tlv(0x03, content(dsa, bitString)));
    const f = await findingOf("cert.dsa-inherited-parameters", { exts: [BC, KU, EKU], key });
    expectExample("cert.dsa-inherited-parameters", f);
  });
});
