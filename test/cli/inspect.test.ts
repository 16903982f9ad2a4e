import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers/cli.js";

const AT = ["--at", "2030-01-01"];
const FIELDS = [
  "Subject",
  "Issuer",
  "Serial",
  "Not before",
  "Not after",
  "SHA-256",
  "SHA-1",
  "Key",
  "Signature",
  "SANs",
  "Key usage",
  "Ext. key usage",
  "Basic constr.",
  "Subject key id",
  "Auth. key id",
  "OCSP",
  "CA issuers",
  "CRL",
  "Self-signed",
];

describe("inspect", () => {
  it("shows every field for every certificate, not only the first", async () => {
    const res = await runCli(["inspect", "fixtures/good/chain.pem", ...AT]);
    expect(res.code).toBe(0);
    const sections = res.stdout.split(/\nCertificate \d+\n/).slice(1);
    expect(sections).toHaveLength(3);
    for (const section of sections)
      for (const field of FIELDS) expect(section).toMatch(new RegExp(`^  ${field} `, "m"));
    expect(sections[0]).toMatch(/SANs +DNS:payments\.acme\.example/);
    expect(sections[0]).toMatch(/Ext\. key usage +clientAuth/);
    expect(sections[0]).toMatch(/CA issuers +http:\/\/ca\.demo\.example\/issuing-ca-1\.cer/);
    expect(sections[0]).toMatch(/Key +EC P-256/);
    expect(sections[0]).toMatch(/SHA-1 +([0-9A-F]{2}:){19}[0-9A-F]{2}/);
    expect(sections[1]).toMatch(/Basic constr\. +CA:TRUE, pathlen:0/);
    expect(sections[2]).toMatch(/Self-signed +yes/);
  });

  it.each([
    ["format/chain.p7b", "PKCS#7 (DER)", 2],
    ["format/chain-p7b.pem", "PKCS#7 (PEM)", 2],
    ["format/leaf.der", "DER certificate", 1],
  ])("reads %s", async (file, format, count) => {
    const res = await runCli(["inspect", `fixtures/${file}`, "--json", ...AT]);
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout);
    expect(doc.format).toBe(format);
    expect(doc.certificates).toHaveLength(count);
    expect(doc.certificates[0]).toMatchObject({
      subject: "CN=payments.acme.example, O=Acme Payments UAB, C=LT",
      subjectAltNames: ["DNS:payments.acme.example"],
      extendedKeyUsage: ["clientAuth"],
      keyUsage: ["digitalSignature"],
      basicConstraints: { ca: false },
      selfSigned: false,
      key: { algorithm: "EC", curve: "P-256", description: "EC P-256" },
      daysRemaining: 25201, // whole days, rounded down
    });
  });

  it("exits 1, not with an internal error, for a DER certificate followed by stray bytes", async () => {
    const bytes = Buffer.concat([readFileSync(`${FIXTURES}format/leaf.der`), Buffer.from([0, 0])]);
    const res = await runCli(["inspect", "-"], { stdin: bytes });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      "<stdin>: the input looks like a DER certificate, but it is not an X.509 certificate (not a single DER SEQUENCE); nothing to inspect.\n",
    );
  });

  it("exits 1 for a file without certificates", async () => {
    const res = await runCli(["inspect", "fixtures/format/empty.pem"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/nothing to inspect|no certificate found/);
  });
});
