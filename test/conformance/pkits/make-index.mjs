// Copies NIST PKITS 1.0.1 (certs/, crls/, the test list) into this folder and writes index.json: for each
// test, the certificates of the end entity's signature path (end entity first, as `check` takes a bundle)
// and the certificates that only sign CRLs (handed to `check` with the CRLs, through --crl-file).
// Usage: node test/conformance/pkits/make-index.mjs <PKITS folder with certs/ crls/ tests.json>
// The path is found with node:crypto's X509Certificate (checkIssued + verify), not with the tool under test.
import { X509Certificate } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const from = process.argv[2];
if (!from) throw new Error("usage: make-index.mjs <PKITS folder>");
const here = dirname(fileURLToPath(import.meta.url));
const { tests } = JSON.parse(readFileSync(join(from, "tests.json"), "utf8"));
mkdirSync(join(here, "certs"), { recursive: true });
mkdirSync(join(here, "crls"), { recursive: true });

const load = (name) => new X509Certificate(readFileSync(join(from, "certs", `${name}.crt`)));

/** From the end entity up: each next certificate is one of the listed ones that issued and signed it. */
function signaturePath(names) {
  const certs = names.map((n) => ({ name: n, cert: load(n) }));
  const path = [certs.at(-1)];
  for (;;) {
    const child = path.at(-1).cert;
    if (child.checkIssued(child) && child.verify(child.publicKey)) break;
    const parent = certs.find((c) => !path.includes(c) && child.checkIssued(c.cert) && child.verify(c.cert.publicKey));
    if (!parent) break;
    path.push(parent);
  }
  return path.map((c) => c.name);
}

/**
 * PKITS' README names the tests whose path lists a certificate that only signs CRLs; every other test keeps
 * its path as listed, so that a path broken on purpose (a bad signature, a name that does not chain) stays whole.
 */
const CRL_SIGNER_TESTS = /^4\.4\.(19|20|21)$|^4\.5\.[4-7]$|^4\.14\.(2[4-9]|3[0-3])$/;

const index = tests.map((t) => {
  const bundle = CRL_SIGNER_TESTS.test(t.number) ? signaturePath(t.certificates) : [...t.certificates].reverse();
  const crlSigners = t.certificates.filter((n) => !bundle.includes(n));
  for (const n of t.certificates) copyFileSync(join(from, "certs", `${n}.crt`), join(here, "certs", `${n}.crt`));
  for (const n of t.crls) copyFileSync(join(from, "crls", `${n}.crl`), join(here, "crls", `${n}.crl`));
  return { number: t.number, title: t.title, valid: t.valid, settings: t.settings, bundle, crlSigners, crls: t.crls };
});
writeFileSync(join(here, "index.json"), `${JSON.stringify(index, null, 2)}\n`);
// The repository formats its JSON with biome: run `npx biome format --write` on index.json after this.
console.log(`${index.length} tests; ${index.filter((t) => t.crlSigners.length).length} with CRL-only certificates`);
