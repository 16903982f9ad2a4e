// Data for npm run bench: one root, ten issuing CAs, and 10,000 distinct 3-certificate bundles (each with
// its own leaf key, serial and name; not 1,000 files copied ten times). Built once into
// bench/.data/. SKI/AKI and a SAN make the files valid for pyca/cryptography's verifier as well.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";

export const BUNDLES = 10_000;
const ISSUERS = 10;
const VERSION = "2"; // bump when the data's shape changes, so an old bench/.data/ is rebuilt
const alg = { name: "ECDSA", namedCurve: "P-256" };
const sign = { name: "ECDSA", hash: "SHA-256" };
const KU = x509.KeyUsageFlags;
x509.cryptoProvider.set(webcrypto);

const keys = () => webcrypto.subtle.generateKey(alg, true, ["sign", "verify"]);

async function make(serial, subject, own, issuer, ca) {
  const extensions = [
    new x509.BasicConstraintsExtension(ca, undefined, true),
    new x509.KeyUsagesExtension(ca ? KU.keyCertSign | KU.cRLSign : KU.digitalSignature, true),
    await x509.SubjectKeyIdentifierExtension.create(own.publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(issuer?.keys.publicKey ?? own.publicKey),
  ];
  if (!ca)
    extensions.push(
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: "dns", value: `client-${serial}.bench.example` }]),
    );
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial
      .toString(16)
      .padStart(8, "0")
      .replace(/^[89a-f]/, "1"),
    subject,
    issuer: issuer?.name ?? subject,
    notBefore: new Date("2024-01-01"),
    notAfter: new Date("2099-01-01"),
    publicKey: own.publicKey,
    signingKey: (issuer?.keys ?? own).privateKey,
    signingAlgorithm: sign,
    extensions,
  });
  return cert.toString("pem");
}

/** Builds bench/.data/ unless a complete set of the current shape is there; returns its paths. */
export async function benchData(root) {
  const dir = join(root, "bench/.data");
  const paths = { dir, root: join(dir, "root.pem"), bundles: join(dir, "b10000"), one: join(dir, "one.pem") };
  const ready = join(dir, `ready-${VERSION}`);
  if (existsSync(ready)) return paths;
  mkdirSync(paths.bundles, { recursive: true });
  const rootKeys = await keys();
  const rootName = "CN=Bench Root";
  writeFileSync(paths.root, `${await make(1, rootName, rootKeys, undefined, true)}\n`);
  const issuers = [];
  for (let i = 0; i < ISSUERS; i++) {
    const name = `CN=Bench Issuing CA ${i}`;
    const own = await keys();
    const pem = await make(2 + i, name, own, { name: rootName, keys: rootKeys }, true);
    issuers.push({ name, keys: own, pem });
  }
  const rootPem = `${(await import("node:fs")).readFileSync(paths.root, "utf8")}`;
  for (let i = 0; i < BUNDLES; i++) {
    const issuer = issuers[i % ISSUERS];
    const leaf = await make(1000 + i, `CN=bench client ${i}`, await keys(), issuer, false);
    const pem = `${leaf}\n${issuer.pem}\n${rootPem}`;
    writeFileSync(join(paths.bundles, `bundle-${String(i).padStart(5, "0")}.pem`), pem);
    if (i === 0) writeFileSync(paths.one, pem);
  }
  writeFileSync(ready, "");
  return paths;
}
