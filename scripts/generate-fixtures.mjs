// Generates every certificate fixture under fixtures/ and fixtures/README.md, from the table below.
// Run: npm run fixtures. Keys are random on each run, so the bytes change; the findings do not.
// Valid certificates run to 2098/2099 and tests pass --at anyway (see STYLE.md "Tests").
import "reflect-metadata";
import { execFileSync } from "node:child_process";
import { webcrypto } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as x509 from "@peculiar/x509";

const crypto = webcrypto;
x509.cryptoProvider.set(crypto);
const OUT = new URL("../fixtures/", import.meta.url).pathname;
const EC = { name: "ECDSA", namedCurve: "P-256" };
const EC_SIGN = { name: "ECDSA", hash: "SHA-256" };
const RSA = (bits) => ({
  name: "RSASSA-PKCS1-v1_5",
  modulusLength: bits,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: "SHA-256",
});
const KU = x509.KeyUsageFlags;
const CA_FROM = new Date("2024-01-01T00:00:00Z");
const CA_TO = new Date("2099-12-31T23:59:59Z");
const LEAF_FROM = new Date("2024-06-01T00:00:00Z");
const LEAF_TO = new Date("2098-12-31T23:59:59Z");

const keys = (alg = EC) => crypto.subtle.generateKey(alg, true, ["sign", "verify"]);
let serial = 0x1000;

async function issue({
  subject,
  issuer,
  keys: subjectKeys,
  ca,
  pathLength,
  ku,
  eku,
  from,
  to,
  signAlg,
  noBc,
  aia,
  extra = [],
}) {
  const signer = issuer ?? { name: subject, keys: subjectKeys };
  const extensions = [];
  if (!noBc) extensions.push(new x509.BasicConstraintsExtension(Boolean(ca), pathLength, true));
  if (ku !== undefined) extensions.push(new x509.KeyUsagesExtension(ku, true));
  if (eku) extensions.push(new x509.ExtendedKeyUsageExtension(eku, false));
  extensions.push(await x509.SubjectKeyIdentifierExtension.create(subjectKeys.publicKey));
  extensions.push(await x509.AuthorityKeyIdentifierExtension.create(signer.keys.publicKey));
  if (aia) extensions.push(new x509.AuthorityInfoAccessExtension({ caIssuers: aia }));
  if (!ca && eku)
    extensions.push(new x509.SubjectAlternativeNameExtension([{ type: "dns", value: "payments.acme.example" }]));
  extensions.push(...extra);
  serial += 1;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: `7a${serial.toString(16)}c0ffee`,
    subject,
    issuer: signer.name,
    notBefore: from ?? (ca ? CA_FROM : LEAF_FROM),
    notAfter: to ?? (ca ? CA_TO : LEAF_TO),
    publicKey: subjectKeys.publicKey,
    signingKey: signer.keys.privateKey,
    signingAlgorithm:
      signAlg ?? (signer.keys.privateKey.algorithm.name === "ECDSA" ? EC_SIGN : signer.keys.privateKey.algorithm),
    extensions,
  });
  return { cert, keys: subjectKeys, name: subject };
}

const CLIENT_EKU = [x509.ExtendedKeyUsage.clientAuth];
const ROOT = "CN=Demo Root CA, O=Demo Trust Services, C=LT";
const INT = "CN=Demo Issuing CA 1, O=Demo Trust Services, C=LT";
const LEAF = "CN=payments.acme.example, O=Acme Payments UAB, C=LT";

const caCert = (subject, issuer, extra = {}) =>
  issue({ subject, issuer, ca: true, ku: KU.keyCertSign | KU.cRLSign, ...extra });
const leafCert = (issuer, extra = {}) =>
  issue({ subject: LEAF, issuer, ku: KU.digitalSignature, eku: CLIENT_EKU, ...extra });

const pem = (...certs) => certs.map((c) => `${c.cert.toString("pem")}\n`).join("");
const keyPem = async (k) =>
  x509.PemConverter.encode(await crypto.subtle.exportKey("pkcs8", k.privateKey), "PRIVATE KEY");

const fixtures = [];
function add(file, content, description, expect) {
  fixtures.push({ name: file, file, description, expect, args: [] });
  const path = join(OUT, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

function corruptSignature(cert) {
  const der = Buffer.from(cert.cert.rawData);
  der[der.length - 1] ^= 0x01;
  return { cert: { toString: () => x509.PemConverter.encode(der, "CERTIFICATE") } };
}

async function main() {
  for (const dir of ["good", "chain", "leaf", "ca", "cert", "signature", "key", "validity", "format", "policy"])
    rmSync(join(OUT, dir), { recursive: true, force: true });
  const root = await caCert(ROOT, undefined, { keys: await keys() });
  const int = await caCert(INT, root, { keys: await keys(), pathLength: 0, aia: "http://ca.demo.example/root.cer" });
  const leafKeys = await keys();
  const leaf = await leafCert(int, { keys: leafKeys, aia: "http://ca.demo.example/issuing-ca-1.cer" });
  const good = pem(leaf, int, root);

  add("good/chain.pem", good, "The example chain: leaf (clientAuth) → intermediate → root, valid 2024–2098.", []);
  add("good/leaf.key", await keyPem(leafKeys), "Private key of the good leaf (for --key; test data only).", null);
  add("good/other.key", await keyPem(await keys()), "A private key that belongs to no certificate here.", null);
  add("good/root.pem", pem(root), "The demo root alone (trust anchor for openssl verify).", null);
  add("good/intermediate.pem", pem(int), "The demo intermediate alone.", null);
  add("good/leaf.pem", pem(leaf), "The demo leaf alone: no issuer in the file.", ["chain.incomplete"]);
  add(
    "good/chain-crlf.pem",
    `\r\n${good.replaceAll("\n", "  \r\n").replaceAll("-----END CERTIFICATE-----  \r\n", "-----END CERTIFICATE-----\r\n\r\n")}`,
    "The good chain with CRLF line ends, blank lines and trailing spaces: accepted silently.",
    [],
  );
  const variant = (name, description, expect, args) =>
    fixtures.push({ name, file: "good/chain.pem", description, expect, args });
  variant(
    "good/chain.pem --key good/other.key",
    "The good chain with a key that is not the leaf's.",
    ["key.mismatch"],
    ["--key", "fixtures/good/other.key"],
  );
  variant(
    "good/chain.pem --key good/leaf.key",
    "The good chain with the leaf's own key.",
    [],
    ["--key", "fixtures/good/leaf.key"],
  );
  variant(
    "good/chain.pem --at 2098-12-15",
    "The leaf expires within 30 days.",
    ["validity.expiring-soon"],
    ["--at", "2098-12-15"],
  );
  variant(
    "good/chain.pem --at 2099-06-01",
    "The leaf has expired; the CAs have not.",
    ["validity.expired"],
    ["--at", "2099-06-01"],
  );
  variant(
    "good/chain.pem --at 2023-06-01",
    "Before every certificate's notBefore.",
    ["validity.not-yet-valid"],
    ["--at", "2023-06-01"],
  );
  variant(
    "good/chain.pem --purpose server",
    "The good chain checked as a server chain: the leaf's EKU is clientAuth only.",
    ["leaf.server-auth"],
    ["--purpose", "server"],
  );

  await chainFixtures({ root, int, leaf, good });
  await profileFixtures({ root, int });
  await formatFixtures({ root, int, leaf, good, leafKeys });
  await policyFixtures();
  await noCommonNameFixture();
  pkcs12Fixture();
  writeManifest();
}

async function chainFixtures({ root, int, leaf, good }) {
  add("chain/reversed.pem", pem(root, int, leaf), "Root → intermediate → leaf: exactly backwards.", ["chain.reversed"]);
  add("chain/misordered.pem", pem(int, leaf, root), "Intermediate, leaf, root.", ["chain.misordered"]);
  add("chain/no-root.pem", pem(leaf, int), "Leaf and intermediate; the root is missing.", ["chain.incomplete"]);
  add(
    "chain/no-intermediate.pem",
    pem(leaf, root),
    "Leaf and root; the intermediate between them is missing, so the root cannot be linked.",
    ["chain.incomplete", "chain.unrelated"],
  );
  const other = await caCert("CN=Other Root CA, O=Elsewhere, C=DE", undefined, { keys: await keys() });
  add("chain/unrelated.pem", `${good}\n${pem(other)}`, "The good chain plus a root that has nothing to do with it.", [
    "chain.unrelated",
  ]);
  add("chain/duplicate.pem", pem(leaf, int, int, root), "The intermediate twice.", ["chain.duplicate"]);
  add("chain/other-root.pem", pem(other), "A root unrelated to the demo chain (for --trust).", null);
  const withArgs = (name, file, description, expect, args) => fixtures.push({ name, file, description, expect, args });
  withArgs(
    "good/chain.pem --trust chain/other-root.pem",
    "good/chain.pem",
    "The good chain against a truststore holding another root.",
    ["chain.untrusted-root"],
    ["--trust", "fixtures/chain/other-root.pem"],
  );
  withArgs(
    "good/chain.pem --trust good/root.pem",
    "good/chain.pem",
    "The good chain against a truststore holding its root.",
    [],
    ["--trust", "fixtures/good/root.pem"],
  );
  withArgs(
    "chain/no-root.pem --trust good/root.pem",
    "chain/no-root.pem",
    "The trusted root signed the top but is not in the file.",
    ["chain.incomplete"],
    ["--trust", "fixtures/good/root.pem"],
  );
  const direct = await leafCert(root, { keys: await keys() });
  add("chain/root-signs-leaf.pem", pem(direct, root), "A leaf issued by the root directly, then the root.", [
    "chain.no-intermediate",
  ]);
}

async function profileFixtures({ root, int }) {
  const selfKeys = await keys();
  const self = await issue({ subject: LEAF, keys: selfKeys, ku: KU.digitalSignature, eku: CLIENT_EKU });
  add("leaf/self-signed.pem", pem(self), "A self-signed client certificate alone.", ["leaf.self-signed"]);
  const chainOf = async (leafOpts, label, file, expect) => {
    const l = await leafCert(int, { keys: await keys(), ...leafOpts });
    add(file, pem(l, int, root), label, expect);
  };
  await chainOf(
    { eku: [x509.ExtendedKeyUsage.serverAuth] },
    "Leaf whose EKU is serverAuth only.",
    "leaf/server-auth-only.pem",
    ["leaf.client-auth"],
  );
  await chainOf(
    { ku: KU.keyAgreement },
    "Leaf whose key usage is keyAgreement only.",
    "leaf/no-digital-signature.pem",
    ["leaf.key-usage"],
  );
  await chainOf({ ca: true, ku: KU.digitalSignature | KU.keyCertSign }, "Leaf with CA:TRUE.", "leaf/is-ca.pem", [
    "leaf.is-ca",
  ]);
  await chainOf(
    { signAlg: { name: "ECDSA", hash: "SHA-1" } },
    "Leaf signed with ecdsa-with-SHA1.",
    "signature/sha1.pem",
    ["signature.weak-algorithm"],
  );
  await chainOf(
    { keys: await keys(RSA(1024)), ku: KU.digitalSignature | KU.keyEncipherment },
    "Leaf with an RSA 1024-bit key.",
    "key/rsa-1024.pem",
    ["key.weak"],
  );
  await chainOf(
    { from: new Date("2020-01-01T00:00:00Z"), to: new Date("2025-01-01T00:00:00Z") },
    "Leaf valid 2020-01-01 to 2025-01-01.",
    "validity/expired-leaf.pem",
    ["validity.expired"],
  );
  await chainOf({ from: new Date("2040-01-01T00:00:00Z") }, "Leaf valid from 2040.", "validity/not-yet-valid.pem", [
    "validity.not-yet-valid",
  ]);
  // nameConstraints permitting one DNS subtree (hand-encoded: @peculiar/x509 has no class for it).
  const permitDns = (name) => {
    const dns = Buffer.concat([Buffer.from([0x82, name.length]), Buffer.from(name)]);
    const subtree = Buffer.concat([Buffer.from([0x30, dns.length]), dns]);
    const permitted = Buffer.concat([Buffer.from([0xa0, subtree.length]), subtree]);
    return new x509.Extension("2.5.29.30", true, Buffer.concat([Buffer.from([0x30, permitted.length]), permitted]));
  };
  for (const [permit, file, expect] of [
    ["other.example", "ca/name-constraints.pem", ["ca.name-constraints"]],
    ["acme.example", "ca/name-constraints-ok.pem", []],
  ]) {
    const constrained = await caCert(INT, root, { keys: await keys(), extra: [permitDns(permit)] });
    const text = `Intermediate whose nameConstraints permit only ${permit}; the leaf is payments.acme.example.`;
    add(file, pem(await leafCert(constrained, { keys: await keys() }), constrained, root), text, expect);
  }
  const unknownExt = new x509.Extension("1.3.6.1.4.1.55555.1", true, new Uint8Array([0x05, 0x00]));
  await chainOf({ extra: [unknownExt] }, "Leaf with a critical extension nobody knows.", "cert/unknown-critical.pem", [
    "cert.unknown-critical-extension",
  ]);
  const san = () => new x509.SubjectAlternativeNameExtension([{ type: "dns", value: "payments.acme.example" }]);
  await chainOf({ extra: [san()] }, "Leaf with subjectAltName twice.", "cert/duplicate-extension.pem", [
    "cert.duplicate-extension",
  ]);
  const bad = await leafCert(int, { keys: await keys() });
  add(
    "signature/bad-signature.pem",
    pem(corruptSignature(bad), int, root),
    "Leaf whose signature has one flipped bit.",
    ["signature.invalid"],
  );

  const plainKeys = await keys();
  const notCa = await issue({ subject: INT, issuer: root, keys: plainKeys, noBc: true, ku: KU.keyCertSign });
  add(
    "ca/not-ca.pem",
    pem(await leafCert(notCa, { keys: await keys() }), notCa, root),
    "Intermediate without basicConstraints (so keyCertSign without CA: a profile warning too).",
    ["ca.not-ca", "cert.key-cert-sign-not-ca"],
  );
  const noSign = await caCert(INT, root, { keys: await keys(), ku: KU.digitalSignature });
  add(
    "ca/no-cert-sign.pem",
    pem(await leafCert(noSign, { keys: await keys() }), noSign, root),
    "Intermediate whose key usage lacks keyCertSign.",
    ["ca.key-usage"],
  );
  const tightRoot = await caCert(ROOT, undefined, { keys: await keys(), pathLength: 0 });
  const under = await caCert(INT, tightRoot, { keys: await keys() });
  add(
    "ca/path-length.pem",
    pem(await leafCert(under, { keys: await keys() }), under, tightRoot),
    "Root with pathLenConstraint 0 above an intermediate.",
    ["ca.path-length"],
  );
}

async function formatFixtures({ root, int, leaf, good, leafKeys }) {
  const bag = (c, name) =>
    `Bag Attributes\n    friendlyName: ${name}\nsubject=${c.cert.subject}\nissuer=${c.cert.issuer}\n`;
  add(
    "format/bag-attributes.pem",
    [leaf, int, root].map((c) => bag(c, "acme") + pem(c)).join(""),
    "openssl pkcs12 output: Bag Attributes text before each block.",
    ["format.extra-text"],
  );
  add(
    "format/with-private-key.pem",
    `${good}\n${await keyPem(leafKeys)}`,
    "The good chain with the leaf's private key appended.",
    ["format.private-key"],
  );
  add("format/leaf.der", Buffer.from(leaf.cert.rawData), "The leaf as binary DER.", ["format.not-pem"]);
  const p7 = new x509.X509Certificates([leaf.cert, int.cert]);
  add("format/chain.p7b", Buffer.from(p7.export("raw")), "Leaf and intermediate as binary PKCS#7.", ["format.not-pem"]);
  add(
    "format/chain-p7b.pem",
    x509.PemConverter.encode(p7.export("raw"), "PKCS7"),
    "Leaf and intermediate as PKCS#7 in PEM.",
    ["format.not-pem"],
  );
  add("format/empty.pem", "", "Zero bytes.", ["format.empty"]);
  add("format/whitespace.pem", "\n  \r\n\t\n", "Only whitespace.", ["format.empty"]);
  const lines = good.split("\n");
  const at = lines.lastIndexOf("-----BEGIN CERTIFICATE-----") + 2;
  lines[at] = `${lines[at].slice(0, 10)}*${lines[at].slice(11)}`;
  add("format/bad-base64.pem", lines.join("\n"), "A '*' inside the root's base64.", [
    "format.malformed",
    "chain.incomplete",
  ]);
  add("format/truncated.pem", good.slice(0, Math.floor(good.length * 0.8)), "The good chain cut off inside the root.", [
    "format.malformed",
    "chain.incomplete",
  ]);
  add(
    "format/not-x509.pem",
    `${good}\n${x509.PemConverter.encode(Buffer.from("not a certificate at all"), "CERTIFICATE")}`,
    "A CERTIFICATE block whose bytes are text.",
    ["format.malformed"],
  );
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: LEAF,
    keys: leafKeys,
    signingAlgorithm: EC_SIGN,
  });
  add("format/with-csr.pem", `${good}\n${csr.toString("pem")}`, "The good chain plus a CERTIFICATE REQUEST.", [
    "format.unexpected-block",
  ]);
  add(
    "format/utf16.pem",
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good, "utf16le")]),
    "The good chain as UTF-16LE with a BOM, as Windows tools write it.",
    ["format.encoding"],
  );
}

// Inputs whose path never reaches the (private) demo root; every other checked fixture does, so it also
// gets the info finding root.not-publicly-trusted.
const NO_ROOT = new Set([
  "good/leaf.pem",
  "chain/no-root.pem",
  "chain/no-intermediate.pem",
  "leaf/self-signed.pem",
  "format/leaf.der",
  "format/chain.p7b",
  "format/chain-p7b.pem",
  "format/empty.pem",
  "format/whitespace.pem",
  "format/bad-base64.pem",
  "format/truncated.pem",
  "chain/no-root.pem --trust good/root.pem",
]);

// PKCS#12 as `openssl pkcs12 -export` writes it (AES-256/PBKDF2, the OpenSSL 3 default); password in the README.
function pkcs12Fixture() {
  const dir = join(OUT, "format");
  execFileSync("openssl", [
    "pkcs12",
    "-export",
    "-in",
    join(OUT, "good/leaf.pem"),
    "-inkey",
    join(OUT, "good/leaf.key"),
    "-certfile",
    join(OUT, "good/intermediate.pem"),
    "-passout",
    "pass:fixture-password",
    "-out",
    join(dir, "leaf-and-key.p12"),
  ]);
  fixtures.push({
    name: "format/leaf-and-key.p12",
    file: "format/leaf-and-key.p12",
    description: "Leaf, key and intermediate as PKCS#12, password `fixture-password` (no root).",
    expect: null,
    args: [],
  });
}

async function policyFixtures() {
  // Look-alikes with the real names (fresh keys, not the real CAs): the rule matches on names.
  const isrg = await caCert("CN=ISRG Root X1, O=Internet Security Research Group, C=US", undefined, {
    keys: await keys(),
  });
  const r11 = await caCert("CN=R11, O=Let's Encrypt, C=US", isrg, { keys: await keys() });
  add(
    "policy/lets-encrypt.pem",
    pem(await leafCert(r11, { keys: await keys() }), r11, isrg),
    "A chain named like Let's Encrypt R11 → ISRG Root X1.",
    ["policy.issuer-not-accepted"],
  );
  const cfRoot = await caCert("CN=Baltimore CyberTrust Root, O=Baltimore, C=IE", undefined, { keys: await keys() });
  const cf = await caCert("CN=Cloudflare Inc ECC CA-3, O=Cloudflare, Inc., C=US", cfRoot, { keys: await keys() });
  add(
    "policy/cloudflare.pem",
    pem(await leafCert(cf, { keys: await keys() }), cf, cfRoot),
    "A chain named like Cloudflare Inc ECC CA-3.",
    ["policy.issuer-not-accepted"],
  );
}

/** Self-contained (its own root and intermediate): a leaf whose subject has no CN. */
async function noCommonNameFixture() {
  const root = await caCert("CN=NoCN Demo Root CA, O=Demo Trust Services, C=LT", undefined, { keys: await keys() });
  const int = await caCert("CN=NoCN Demo Issuing CA, O=Demo Trust Services, C=LT", root, { keys: await keys() });
  const leaf = await issue({
    subject: "O=Acme Payments UAB, C=LT",
    issuer: int,
    keys: await keys(),
    ku: KU.digitalSignature,
    eku: CLIENT_EKU,
  });
  add("leaf/no-common-name.pem", pem(leaf, int, root), "A leaf whose subject has no CN (O and C only).", [
    "leaf.no-common-name",
  ]);
}

function writeManifest() {
  for (const f of fixtures) if (f.expect && !NO_ROOT.has(f.name)) f.expect.push("root.not-publicly-trusted");
  const checked = fixtures.filter((f) => f.expect);
  const manifest = checked.map(({ name, file, expect, args }) => ({ name, file, args, expect }));
  writeFileSync(join(OUT, "expected.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const rows = fixtures.map(
    (f) =>
      `| \`${f.name}\` | ${f.description} | ${f.expect === null ? "(input for other tests)" : f.expect.length ? f.expect.map((e) => `\`${e}\``).join(", ") : "none: accepted"} |`,
  );
  writeFileSync(
    join(OUT, "README.md"),
    `# Fixtures\n\nGenerated by \`npm run fixtures\` (scripts/generate-fixtures.mjs); do not edit by hand. Every\ncertificate is test data made for this project; the keys protect nothing. \`expected.json\` lists, for each\nfile, the exact finding ids \`check --at 2030-01-01\` must report (extra arguments in \`args\`), and\ntest/core/fixtures.test.ts holds the tool to it: each id appears where it should and nowhere else.\n\nRows with arguments after the file name check that file with those arguments.\n\n| file | what it is | expected findings |\n| --- | --- | --- |\n${rows.join("\n")}\n`,
  );
}

await main();
