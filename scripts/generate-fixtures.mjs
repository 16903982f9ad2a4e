// Generates every certificate fixture under fixtures/ and fixtures/README.md, from the table below.
// Run: npm run fixtures. Keys are random on each run, so the bytes change; the findings do not.
// Valid certificates run to 2098/2099 and tests pass --at anyway (see STYLE.md "Tests").
import "reflect-metadata";
import { execFileSync } from "node:child_process";
import { KeyObject, sign, webcrypto } from "node:crypto";
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

// DER defects: a generated certificate's TBS as a tree of TLVs, mutated, re-encoded and
// re-signed with the issuer's key, so only the defect differs from a valid certificate.
function derTree(buf, at = 0) {
  const tag = buf[at];
  let len = buf[at + 1];
  let pos = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos++];
  }
  const body = buf.subarray(pos, pos + len);
  const node = { tag, size: pos + len - at };
  if (!(tag & 0x20)) return { ...node, content: Buffer.from(body) };
  const kids = [];
  for (let off = 0; off < body.length; off += kids[kids.length - 1].size) kids.push(derTree(body, off));
  return { ...node, children: kids };
}

function derBytes(node) {
  const body = node.children ? Buffer.concat(node.children.map(derBytes)) : node.content;
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([node.tag, ...len]), body]);
}

const leafNode = (tag, content) => ({ tag, content: Buffer.from(content) });
function oidContent(oid) {
  const [a, b, ...rest] = oid.split(".").map(Number);
  const out = [a * 40 + b];
  for (const n of rest) {
    const groups = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) groups.unshift((v & 0x7f) | 0x80);
    out.push(...groups);
  }
  return Buffer.from(out);
}

/** The extension with `oid` in a TBS tree; its children are [extnID, critical?, extnValue]. */
function extensionOf(tbs, oid) {
  const list = tbs.children.find((c) => c.tag === 0xa3).children[0].children;
  return list.find((e) => e.children[0].content.equals(oidContent(oid)));
}

/** The extnValue of an extension, parsed, for mutating inside it; write it back with setValue. */
const extensionValue = (ext) => derTree(ext.children[ext.children.length - 1].content);
const setValue = (ext, node, trailing = Buffer.alloc(0)) => {
  ext.children[ext.children.length - 1].content = Buffer.concat([derBytes(node), trailing]);
};

function resign(made, issuer, mutate) {
  const cert = derTree(Buffer.from(made.cert.rawData));
  const [tbs, alg] = cert.children;
  mutate(tbs);
  const tbsDer = derBytes(tbs);
  const signature = sign("sha256", tbsDer, KeyObject.from(issuer.keys.privateKey));
  const der = derBytes({
    tag: 0x30,
    children: [tbs, alg, leafNode(0x03, Buffer.concat([Buffer.from([0]), signature]))],
  });
  return { ...made, cert: { rawData: der, toString: () => x509.PemConverter.encode(der, "CERTIFICATE") } };
}

// OpenSSL 3.0 refuses to load a non-DER serial, refuses an impossible or non-RFC 5280 time and marks a
// negative pathLen invalid: errors. It loads and verifies the rest: warnings (docs/verdict.md, Parsing).
// With the leaf unreadable, the rules take the intermediate for the leaf (until chain.no-leaf lands).
// The leaf cannot be read, so the file holds only CAs: chain.no-leaf, not a CA judged as if it were the leaf.
const LEAF_UNREADABLE = ["format.malformed", "chain.no-leaf"];
const DER_EXPECT = {
  "serial-padded": LEAF_UNREADABLE,
  "serial-empty": LEAF_UNREADABLE,
  "critical-false": ["cert.non-der"],
  "extension-trailing": ["cert.non-der"],
  "printable-string": ["cert.non-der"],
  "ia5-non-ascii": ["cert.non-der"],
  "san-ip": ["cert.non-der"],
  "date-feb-30": LEAF_UNREADABLE,
  "utctime-no-seconds": LEAF_UNREADABLE,
  "generalizedtime-fraction": LEAF_UNREADABLE,
  "pathlen-negative": ["cert.malformed-extension", "chain.incomplete", "chain.unrelated"],
};
const ascii = (text) => Buffer.from(text, "latin1");
const DER_DEFECTS = [
  [
    "serial-padded",
    "Leaf serial INTEGER with a needless leading 00 octet (X.690 §8.3.2).",
    (t) => {
      t.children[1].content = Buffer.concat([Buffer.from([0]), t.children[1].content]);
    },
  ],
  [
    "serial-empty",
    "Leaf serial INTEGER with no content octets (X.690 §8.3.1).",
    (t) => {
      t.children[1].content = Buffer.alloc(0);
    },
  ],
  [
    "critical-false",
    "Leaf extendedKeyUsage with `critical FALSE` spelled out: DER omits DEFAULT values (X.690 §11.5).",
    (t) => {
      extensionOf(t, "2.5.29.37").children.splice(1, 0, leafNode(0x01, [0]));
    },
  ],
  [
    "extension-trailing",
    "Leaf keyUsage value followed by two more bytes inside the extension.",
    (t) => {
      const ku = extensionOf(t, "2.5.29.15");
      setValue(ku, extensionValue(ku), Buffer.from([5, 0]));
    },
  ],
  [
    "printable-string",
    "Leaf subject O as a PrintableString holding `@` and `_` (X.680 §41.4).",
    (t) => {
      const o = t.children[5].children
        .map((rdn) => rdn.children[0])
        .find((a) => a.children[0].content.equals(oidContent("2.5.4.10")));
      o.children[1] = leafNode(0x13, ascii("Acme_Payments@UAB"));
    },
  ],
  [
    "ia5-non-ascii",
    "Leaf subject with an emailAddress IA5String holding UTF-8 bytes (é).",
    (t) => {
      const attr = {
        tag: 0x30,
        children: [leafNode(0x06, oidContent("1.2.840.113549.1.9.1")), leafNode(0x16, Buffer.from("pé@acme.example"))],
      };
      t.children[5].children.push({ tag: 0x31, children: [attr] });
    },
  ],
  [
    "san-ip",
    "Leaf subjectAltName with a 5-octet iPAddress (RFC 5280 §4.2.1.6: 4 or 16).",
    (t) => {
      const san = extensionOf(t, "2.5.29.17");
      const names = extensionValue(san);
      names.children.push(leafNode(0x87, [10, 0, 0, 1, 7]));
      setValue(san, names);
    },
  ],
  [
    "date-feb-30",
    "Leaf notBefore 30 February 2024 (UTCTime 240230000000Z).",
    (t) => {
      t.children[4].children[0] = leafNode(0x17, ascii("240230000000Z"));
    },
  ],
  [
    "utctime-no-seconds",
    "Leaf notBefore UTCTime without seconds (RFC 5280 §4.1.2.5.1).",
    (t) => {
      t.children[4].children[0] = leafNode(0x17, ascii("2406010000Z"));
    },
  ],
  [
    "generalizedtime-fraction",
    "Leaf notAfter GeneralizedTime with fractional seconds (RFC 5280 §4.1.2.5.2).",
    (t) => {
      t.children[4].children[1] = leafNode(0x18, ascii("20981231235959.5Z"));
    },
  ],
];

async function derFixtures() {
  const root = await caCert("CN=DER Root CA, O=Demo Trust Services, C=LT", undefined, { keys: await keys() });
  const int = await caCert("CN=DER Issuing CA, O=Demo Trust Services, C=LT", root, {
    keys: await keys(),
    pathLength: 0,
  });
  const leaf = await leafCert(int, { keys: await keys() });
  for (const [name, description, mutate] of DER_DEFECTS)
    add(`der/${name}.pem`, pem(resign(leaf, int, mutate), int, root), description, [...DER_EXPECT[name]]);
  const negative = resign(int, root, (t) => {
    const bc = extensionOf(t, "2.5.29.19");
    const value = extensionValue(bc);
    value.children[1].content = Buffer.from([0xff]);
    setValue(bc, value);
  });
  add(
    "der/pathlen-negative.pem",
    pem(leaf, negative, root),
    "Intermediate basicConstraints with pathLenConstraint -1.",
    DER_EXPECT["pathlen-negative"],
  );
}

async function main() {
  for (const dir of [
    "good",
    "chain",
    "leaf",
    "ca",
    "cert",
    "signature",
    "key",
    "validity",
    "format",
    "policy",
    "names",
    "der",
  ])
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
  await nameFixtures();
  await policyExtensionFixtures();
  await derFixtures();
  await fidelityFixtures();
  await noCommonNameFixture();
  await crossSignedFixtures();
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
  withArgs(
    "good/chain.pem --registered leaf/server-auth-only.pem",
    "good/chain.pem",
    "A renewal: the registered leaf has the same CN and another serial.",
    ["registration.changed"],
    ["--registered", "fixtures/leaf/server-auth-only.pem"],
  );
  withArgs(
    "good/chain.pem --registered good/leaf.pem",
    "good/chain.pem",
    "The registered leaf is this chain's leaf.",
    [],
    ["--registered", "fixtures/good/leaf.pem"],
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
    "Leaf (EC) whose key usage is keyAgreement only: `openssl verify -purpose sslclient` accepts it, a TLS client cannot sign with it.",
    "leaf/no-digital-signature.pem",
    ["leaf.key-usage-openssl-only"],
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
  add(
    "format/glued.pem",
    good.replace(/-----END CERTIFICATE-----\s*-----BEGIN/g, "-----END CERTIFICATE----------BEGIN"),
    "The good chain as cat joins files without a final newline: each END glued to the next BEGIN.",
    ["format.glued-blocks"],
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
  "names/utf8-vs-printable-no-root.pem",
  "names/rdn-order.pem",
  "der/pathlen-negative.pem",
  "chain/leaf-and-root.pem",
  "chain/leaf-and-intermediate.pem",
  "chain/fidelity-leaf.pem --trust chain/fidelity-intermediate.pem",
  "chain/fidelity-leaf.pem --trust chain/fidelity-leaf.pem",
  "chain/leaf-and-intermediate.pem --trust chain/fidelity-intermediate.pem",
]);

// Verdict fidelity: chain, purpose, trust, each judged as OpenSSL judges it. Self-contained: its own root and intermediates, so
// these files stay valid when the other fixtures are regenerated. test/core/fidelity-chain.test.ts holds
// them to `openssl verify -purpose sslclient|sslserver`.
async function fidelityFixtures() {
  const root = await caCert("CN=Fidelity Root CA, O=Demo Trust Services, C=LT", undefined, { keys: await keys() });
  const fid = "CN=Fidelity Issuing CA, O=Demo Trust Services, C=LT";
  const int = await caCert(fid, root, { keys: await keys(), eku: [x509.ExtendedKeyUsage.clientAuth] });
  const leaf = await leafCert(int, { keys: await keys() });
  add(
    "chain/fidelity-root.pem",
    pem(root),
    "The root of the issue-12 fixtures (trust anchor for openssl verify).",
    null,
  );
  add("chain/fidelity-intermediate.pem", pem(int), "The issue-12 intermediate alone (EKU clientAuth).", null);
  add("chain/fidelity-leaf.pem", pem(leaf), "The issue-12 leaf alone.", null);
  add("chain/fidelity-chain.pem", pem(leaf, int, root), "Leaf → intermediate with EKU clientAuth → root.", []);
  add("chain/leaf-and-root.pem", pem(leaf, root), "The issue-12 leaf and root; the intermediate is missing.", [
    "chain.incomplete",
    "chain.unrelated",
  ]);
  add("chain/no-leaf.pem", pem(int, root), "Intermediate and root only: the client certificate is missing.", [
    "chain.no-leaf",
  ]);
  const server = await leafCert(int, { keys: await keys(), eku: [x509.ExtendedKeyUsage.serverAuth] });
  add(
    "chain/two-leaves.pem",
    pem(leaf, server, int, root),
    "Two end-entity certificates from one CA: a clientAuth leaf and a serverAuth one.",
    ["chain.multiple-leaves"],
  );
  const garbage = x509.PemConverter.encode(Buffer.from("a leaf that cannot be read"), "CERTIFICATE");
  add(
    "chain/unreadable-leaf.pem",
    `${garbage}\n${pem(int, root)}`,
    "A CERTIFICATE block that cannot be read where the leaf should be, then intermediate and root.",
    ["format.malformed", "chain.no-leaf"],
  );
  const renewed = await leafCert(int, { keys: await keys() });
  add("chain/two-client-leaves.pem", pem(leaf, renewed, int, root), "Two clientAuth leaves from one CA.", [
    "chain.multiple-leaves",
  ]);
  await trustFixtures(int, leaf);
  await ekuFixtures(root);
  await anchorFixtures();
}

async function trustFixtures(int, leaf) {
  const withArgs = (name, file, description, expect, args) => fixtures.push({ name, file, description, expect, args });
  withArgs(
    "chain/fidelity-leaf.pem --trust chain/fidelity-intermediate.pem",
    "chain/fidelity-leaf.pem",
    "A lone leaf checked against its intermediate as the only --trust anchor: the root is still missing.",
    ["chain.incomplete"],
    ["--trust", "fixtures/chain/fidelity-intermediate.pem"],
  );
  withArgs(
    "chain/fidelity-leaf.pem --trust chain/fidelity-leaf.pem",
    "chain/fidelity-leaf.pem",
    "A lone leaf listed as its own --trust anchor.",
    ["chain.incomplete"],
    ["--trust", "fixtures/chain/fidelity-leaf.pem"],
  );
  add("chain/leaf-and-intermediate.pem", pem(leaf, int), "The issue-12 leaf and intermediate; no root.", [
    "chain.incomplete",
  ]);
  withArgs(
    "chain/leaf-and-intermediate.pem --trust chain/fidelity-intermediate.pem",
    "chain/leaf-and-intermediate.pem",
    "Leaf and intermediate, with that intermediate as the --trust anchor: the root is still missing.",
    ["chain.incomplete"],
    ["--trust", "fixtures/chain/fidelity-intermediate.pem"],
  );
  withArgs(
    "chain/fidelity-chain.pem --trust chain/fidelity-root.pem",
    "chain/fidelity-chain.pem",
    "The issue-12 chain against its own root.",
    [],
    ["--trust", "fixtures/chain/fidelity-root.pem"],
  );
}

async function ekuFixtures(root) {
  const under = async (eku, file, text, expect) => {
    const ca = await caCert("CN=Fidelity EKU CA, O=Demo Trust Services, C=LT", root, { keys: await keys(), eku });
    add(file, pem(await leafCert(ca, { keys: await keys() }), ca, root), text, expect);
  };
  await under(
    [x509.ExtendedKeyUsage.serverAuth],
    "ca/eku-server-only.pem",
    "A clientAuth leaf under an intermediate whose EKU is serverAuth only (the 2026 public-CA case).",
    ["ca.eku"],
  );
  await under(
    ["2.5.29.37.0"],
    "ca/eku-any.pem",
    "A clientAuth leaf under an intermediate whose EKU is anyExtendedKeyUsage only (OpenSSL refuses it).",
    ["ca.eku"],
  );
  const rsaKeys = await keys(RSA(2048));
  const rsa = await issue({
    subject: LEAF,
    issuer: root,
    keys: rsaKeys,
    ku: KU.keyEncipherment,
    eku: [x509.ExtendedKeyUsage.serverAuth],
  });
  add(
    "leaf/key-encipherment-only.pem",
    pem(rsa, root),
    "RSA leaf whose key usage is keyEncipherment only (RSA key exchange), EKU serverAuth, issued by the root.",
    ["chain.no-intermediate", "leaf.client-auth", "leaf.key-usage"],
  );
  fixtures.push({
    name: "leaf/key-encipherment-only.pem --purpose server",
    file: "leaf/key-encipherment-only.pem",
    description: "The same, checked as a TLS server certificate: keyEncipherment is enough for an RSA server.",
    expect: ["chain.no-intermediate"],
    args: ["--purpose", "server"],
  });
}

// RFC 5280 §6.1: a trust anchor is a name and a key. OpenSSL (without -x509_strict) takes a self-signed root
// without basicConstraints as a CA when its key usage allows keyCertSign.
async function anchorFixtures() {
  const rootKeys = await keys();
  const root = await issue({
    subject: "CN=Fidelity Legacy Root, O=Demo Trust Services, C=LT",
    keys: rootKeys,
    noBc: true,
    ku: KU.keyCertSign | KU.cRLSign,
  });
  const int = await caCert("CN=Fidelity Legacy Issuing CA, O=Demo Trust Services, C=LT", root, { keys: await keys() });
  add(
    "ca/root-without-basic-constraints.pem",
    pem(await leafCert(int, { keys: await keys() }), int, root),
    "A root without basicConstraints whose key usage allows keyCertSign: OpenSSL accepts it as a trust anchor.",
    ["cert.key-cert-sign-not-ca"],
  );
}

// Cross-signing: New Root R1 both self-signed and cross-signed by Old Root (the same key, really signed by Old Root's
// key), as Sectigo's USERTrust root and AAA Certificate Services. Self-contained: its own roots and CA.
async function crossSignedFixtures() {
  const subject = (cn) => `CN=${cn}, O=Demo Cross Trust, C=LT`;
  const oldRoot = await caCert(subject("Old Root"), undefined, { keys: await keys(), to: new Date("2095-12-31") });
  const newKeys = await keys();
  const newRoot = await caCert(subject("New Root R1"), undefined, { keys: newKeys });
  const crossed = await caCert(subject("New Root R1"), oldRoot, { keys: newKeys, to: new Date("2095-12-31") });
  const int = await caCert(subject("Cross Issuing CA"), newRoot, { keys: await keys(), pathLength: 0 });
  const leaf = await leafCert(int, { keys: await keys() });
  // A fresh array each: the manifest writer appends to it.
  const two = () => ["chain.alternate-path"];
  add(
    "chain/cross-signed.pem",
    pem(leaf, int, newRoot, crossed, oldRoot),
    "Sectigo-like: leaf, intermediate, New Root R1 self-signed, New Root R1 cross-signed by Old Root, Old Root.",
    two(),
  );
  add(
    "chain/cross-signed-copy-first.pem",
    pem(leaf, int, crossed, oldRoot, newRoot),
    "The cross-signed copy of New Root R1 (and Old Root) before its self-signed certificate.",
    two(),
  );
  add(
    "chain/cross-signed-no-old-root.pem",
    pem(leaf, int, newRoot, crossed),
    "New Root R1 self-signed and cross-signed by Old Root; Old Root itself is not in the file.",
    two(),
  );
  add(
    "chain/cross-signed-reversed.pem",
    pem(oldRoot, crossed, newRoot, int, leaf),
    "The Sectigo-like bundle exactly reversed: Old Root first, leaf last.",
    ["chain.reversed", ...two()],
  );
}

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

// Names that match under RFC 5280 §7.1 but differ in bytes. Self-contained: own root, intermediate, leaf.
// `as(name, made)` is `made` under another encoding of its name, so the child's issuer field carries it.
const utf8Name = (dn) => new x509.Name(dn.map(([type, value]) => ({ [type]: [{ utf8String: value }] })));
const printableName = (dn) => new x509.Name(dn.map(([type, value]) => ({ [type]: [{ printableString: value }] })));
const as = (name, made) => ({ ...made, name });

async function nameFixtures() {
  const rootDn = [
    ["C", "LT"],
    ["O", "Names Trust Services"],
    ["CN", "Names Root CA"],
  ];
  const intDn = [
    ["C", "LT"],
    ["O", "Names Trust Services"],
    ["CN", "Names Issuing CA"],
  ];
  const root = await caCert(printableName(rootDn), undefined, { keys: await keys() });
  // The intermediate's subject is UTF8String; its issuer field names the root in UTF8String too.
  const int = await caCert(utf8Name(intDn), as(utf8Name(rootDn), root), { keys: await keys() });
  const leaf = await leafCert(as(printableName(intDn), int), { keys: await keys() });
  add(
    "names/utf8-vs-printable.pem",
    pem(leaf, int, root),
    "Intermediate subject in UTF8String, leaf issuer in PrintableString, same text: they match (its UTF8String countryName is a profile warning).",
    ["cert.name-string-type"],
  );
  add("names/utf8-vs-printable-no-root.pem", pem(leaf, int), "The same leaf and intermediate without the root.", [
    "chain.incomplete",
    "cert.name-string-type",
  ]);
  add("names/root.pem", pem(root), "The root of names/ (PrintableString subject), for --trust and --ca-file.", null);
  const folded = [
    ["C", "lt"],
    ["O", "  names   TRUST services "],
    ["CN", "NAMES ISSUING CA"],
  ];
  const caseLeaf = await leafCert(as(printableName(folded), int), { keys: await keys() });
  add(
    "names/case-and-space.pem",
    pem(caseLeaf, int, root),
    "Leaf issuer differs from the intermediate subject in case and spaces only: they match.",
    ["cert.name-string-type"],
  );
  const reordered = [
    ["O", "Names Trust Services"],
    ["C", "LT"],
    ["CN", "Names Issuing CA"],
  ];
  const orderLeaf = await leafCert(as(printableName(reordered), int), { keys: await keys() });
  add(
    "names/rdn-order.pem",
    pem(orderLeaf, int, root),
    "Leaf issuer has the intermediate's RDNs in another order: another name, no issuer.",
    ["chain.incomplete", "chain.unrelated"],
  );
}

// Hand-encoded DER for the policy extensions (@peculiar/x509 has classes for none but certificatePolicies).
const tlv = (tag, ...parts) => {
  const body = Buffer.concat(parts);
  const len = body.length < 128 ? Buffer.from([body.length]) : Buffer.from([0x81, body.length]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
};
const oid = (dotted) => {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const base128 = (n) => {
    const out = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) out.unshift((v & 0x7f) | 0x80);
    return out;
  };
  return tlv(0x06, Buffer.from([40 * a + b, ...rest.flatMap(base128)]));
};
const ext = (id, value) => new x509.Extension(id, true, value);
const policiesExt = (...ids) => ext("2.5.29.32", tlv(0x30, ...ids.map((p) => tlv(0x30, oid(p)))));
const mappingsExt = (...pairs) => ext("2.5.29.33", tlv(0x30, ...pairs.map(([a, b]) => tlv(0x30, oid(a), oid(b)))));
const constraintsExt = ({ requireExplicit, inhibitMapping }) =>
  ext(
    "2.5.29.36",
    tlv(
      0x30,
      ...(requireExplicit === undefined ? [] : [tlv(0x80, Buffer.from([requireExplicit]))]),
      ...(inhibitMapping === undefined ? [] : [tlv(0x81, Buffer.from([inhibitMapping]))]),
    ),
  );
const inhibitAnyExt = (skip) => ext("2.5.29.54", tlv(0x02, Buffer.from([skip])));
const P1 = "1.3.6.1.4.1.55555.7.1";
const P2 = "1.3.6.1.4.1.55555.7.2";
const ANY = "2.5.29.32.0";

// RFC 5280 §6.1 policy processing. Self-contained chains: own root, intermediate(s), leaf. Every policy
// extension is critical, so none of them may be an "unknown critical extension" any more.
async function policyExtensionFixtures() {
  const chainWith = async (file, description, expect, cas, leafExtra) => {
    const root = await caCert("CN=Policy Root CA, O=Policy Trust, C=LT", undefined, { keys: await keys() });
    const made = [root];
    for (const [i, extra] of cas.entries()) {
      const subject = `CN=Policy Issuing CA ${i + 1}, O=Policy Trust, C=LT`;
      made.unshift(await caCert(subject, made[0], { keys: await keys(), extra }));
    }
    const leaf = await leafCert(made[0], { keys: await keys(), extra: leafExtra });
    add(file, pem(leaf, ...made), description, expect);
  };
  const explicitNow = constraintsExt({ requireExplicit: 0 });
  await chainWith(
    "policies/explicit-ok.pem",
    "The CA requires an explicit policy and asserts P1; the leaf asserts P1.",
    [],
    [[policiesExt(P1), explicitNow, inhibitAnyExt(0)]],
    [policiesExt(P1)],
  );
  await chainWith(
    "policies/explicit-missing.pem",
    "The CA requires an explicit policy; the leaf asserts none.",
    ["chain.policy"],
    [[policiesExt(P1), explicitNow]],
    [],
  );
  await chainWith(
    "policies/mapped.pem",
    "The CA requires an explicit policy and maps P1 to P2; the leaf asserts P2.",
    [],
    [[policiesExt(P1), mappingsExt([P1, P2]), explicitNow]],
    [policiesExt(P2)],
  );
  await chainWith(
    "policies/mapping-inhibited.pem",
    "CA 1 inhibits mapping and requires a policy; CA 2 maps P1 to P2; the leaf asserts P2.",
    ["chain.policy"],
    [
      [policiesExt(P1), constraintsExt({ requireExplicit: 0, inhibitMapping: 0 })],
      [policiesExt(P1), mappingsExt([P1, P2])],
    ],
    [policiesExt(P2)],
  );
  await chainWith(
    "policies/any-inhibited.pem",
    "The CA asserts anyPolicy, inhibits it below and requires a policy; the leaf asserts anyPolicy.",
    ["chain.policy"],
    [[policiesExt(ANY), explicitNow, inhibitAnyExt(0)]],
    [policiesExt(ANY)],
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

// Inputs where check judges no leaf (not PEM, or nothing in it); every other checked fixture's leaf names no
// OCSP responder and no CRL distribution point, so it also gets the info finding revocation.no-responder.
const NO_LEAF_JUDGED = new Set([
  "format/leaf.der",
  "format/chain.p7b",
  "format/chain-p7b.pem",
  "format/empty.pem",
  "format/whitespace.pem",
]);

function writeManifest() {
  for (const f of fixtures) if (f.expect && !NO_ROOT.has(f.name)) f.expect.push("root.not-publicly-trusted");
  for (const f of fixtures) if (f.expect && !NO_LEAF_JUDGED.has(f.name)) f.expect.push("revocation.no-responder");
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
