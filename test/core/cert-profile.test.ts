import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";

// One x509-limbo case (committed under test/conformance/limbo/) per profile id: the fixtures' random-key
// generator cannot make most of these defects, limbo's hand-built cases have exactly one each.
const LIMBO = `${ROOT}test/conformance/limbo/`;

interface LimboCase {
  id: string;
  dir: string;
  validation_time: string | null;
  required_eku: string[] | null;
}
const index: LimboCase[] = JSON.parse(readFileSync(`${LIMBO}index.json`, "utf8"));

describe("cert profile: one id per RFC 5280 / CA/B defect, each a warning", () => {
  it.each<[id: string, limboCase: string, message: RegExp]>([
    ["cert.old-version", "webpki::v1-cert", /is an X\.509 v1 certificate; v3 is required/],
    ["cert.serial-negative", "rfc5280::serial::negative", /has a negative serial number \(§4\.1\.2\.2\)\.$/],
    ["cert.serial-zero", "rfc5280::serial::zero", /has serial number zero \(§4\.1\.2\.2\)\.$/],
    ["cert.serial-too-long", "rfc5280::serial::too-long", /-octet serial number; at most 20 are allowed/],
    ["cert.aki-missing", "rfc5280::aki::leaf-missing-aki", /has no authority key identifier/],
    ["cert.ski-missing", "rfc5280::ski::intermediate-missing-ski", /is a CA without a subject key identifier/],
    ["cert.key-id-critical", "rfc5280::aki::critical-aki", /marks a key identifier extension critical/],
    ["cert.aia-critical", "rfc5280::ee-critical-aia-invalid", /marks authority information access critical/],
    [
      "cert.basic-constraints-not-critical",
      "rfc5280::root-non-critical-basic-constraints",
      /is a CA whose basicConstraints is not critical/,
    ],
    ["cert.key-cert-sign-not-ca", "rfc5280::leaf-ku-keycertsign", /asserts keyCertSign without being a CA/],
    ["cert.ca-subject-empty", "rfc5280::ca-empty-subject", /is a CA with an empty subject/],
    [
      "cert.san-not-critical",
      "rfc5280::san::noncritical-with-empty-subject",
      /has an empty subject and a non-critical subjectAltName/,
    ],
    [
      "cert.name-constraints-not-critical",
      "rfc5280::nc::permitted-dns-match-noncritical",
      /has a non-critical nameConstraints extension, which must be critical/,
    ],
    [
      "cert.name-constraints-not-ca",
      "rfc5280::nc::not-allowed-in-ee-noncritical",
      /has nameConstraints but is not a CA/,
    ],
    ["cert.san-dns-invalid", "rfc5280::san::underscore-dns", /dNSName that is an IP address or contains '_'/],
    ["cert.ec-explicit-parameters", "webpki::explicit-curve", /explicit curve parameters instead of a named curve/],
    ["cert.dsa-key", "webpki::forbidden-dsa-leaf", /has a DSA key, which the Web PKI no longer allows/],
    [
      "cert.rsa-modulus-size",
      "webpki::forbidden-rsa-key-not-divisible-by-8-in-leaf",
      /RSA modulus that is not a whole number of bytes/,
    ],
  ])("%s (%s)", async (id, limboCase, message) => {
    const c = index.find((x) => x.id === limboCase);
    if (!c) throw new Error(`no limbo case ${limboCase}`);
    const dir = `${LIMBO}${c.dir}/`;
    const purpose = c.required_eku?.includes("clientAuth") ? "client" : "server";
    const at = c.validation_time ?? "2030-01-01T00:00:00Z";
    const argv = ["check", "--json", `${dir}bundle.pem`, "--trust", `${dir}trusted.pem`, "--at", at];
    const { stdout } = await runCli([...argv, "--purpose", purpose]);
    const findings: { id: string; severity: string; message: string }[] = JSON.parse(stdout).results[0].findings;
    const mine = findings.filter((f) => f.id === id);
    expect(mine.length, JSON.stringify(findings.map((f) => f.id))).toBeGreaterThan(0);
    for (const f of mine) expect(f).toMatchObject({ severity: "warning", message: expect.stringMatching(message) });
  });
});
