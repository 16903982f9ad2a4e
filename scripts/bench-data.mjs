// Data for npm run bench: one root, one issuing CA per 100 bundles, and distinct 3-certificate bundles (each
// with its own leaf key, serial and name; not 1,000 files copied ten times). Distinct intermediates matter:
// a folder with ten CAs lets every per-CA cache hit at once, which real fleets of issuers do not.
// Built once into bench/.data/pool/; a folder of N bundles (b1000, b10000, b50000) holds hard links to the
// pool's first N files, so the sizes share their data and a bigger size only adds to the pool. SKI/AKI and a
// SAN make the files valid for pyca/cryptography's verifier as well.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";

export const PER_ISSUER = 100;
const VERSION = "3"; // bump when the data's shape changes, so an old bench/.data/ is rebuilt
const alg = { name: "ECDSA", namedCurve: "P-256" };
const sign = { name: "ECDSA", hash: "SHA-256" };
const KU = x509.KeyUsageFlags;
x509.cryptoProvider.set(webcrypto);

const keys = () => webcrypto.subtle.generateKey(alg, true, ["sign", "verify"]);
const name = (i) => `bundle-${String(i).padStart(5, "0")}.pem`;

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

/** A CA's certificate and key pair, kept in the data folder so a later, bigger size can sign with it. */
async function ca(dir, id, serial, subject, parent) {
  const pemFile = join(dir, `${id}.pem`);
  const keyFile = join(dir, `${id}.jwk.json`);
  if (existsSync(pemFile) && existsSync(keyFile)) {
    const jwk = JSON.parse(readFileSync(keyFile, "utf8"));
    const privateKey = await webcrypto.subtle.importKey("jwk", jwk.private, alg, true, ["sign"]);
    const publicKey = await webcrypto.subtle.importKey("jwk", jwk.public, alg, true, ["verify"]);
    return { name: subject, keys: { privateKey, publicKey }, pem: readFileSync(pemFile, "utf8").trim() };
  }
  const own = await keys();
  const pem = await make(serial, subject, own, parent, true);
  const jwk = {
    private: await webcrypto.subtle.exportKey("jwk", own.privateKey),
    public: await webcrypto.subtle.exportKey("jwk", own.publicKey),
  };
  writeFileSync(keyFile, JSON.stringify(jwk));
  writeFileSync(pemFile, `${pem}\n`);
  return { name: subject, keys: own, pem };
}

/** Adds bundles to the pool until it holds `count` (written under a temporary name, then renamed). */
async function fillPool(dir, pool, count) {
  mkdirSync(pool, { recursive: true });
  const root = await ca(dir, "root", 1, "CN=Bench Root");
  const have = new Set(readdirSync(pool));
  let issuer;
  for (let i = 0; i < count; i++) {
    if (have.has(name(i))) continue;
    const n = Math.floor(i / PER_ISSUER);
    if (issuer?.n !== n)
      issuer = { n, ...(await ca(dir, `ca-${n}`, 2 + n, `CN=Bench Issuing CA ${n}`, { ...root, pem: undefined })) };
    const leaf = await make(1_000_000 + i, `CN=bench client ${i}`, await keys(), issuer, false);
    writeFileSync(join(pool, `${name(i)}.tmp`), `${leaf}\n${issuer.pem}\n${root.pem}\n`);
    renameSync(join(pool, `${name(i)}.tmp`), join(pool, name(i)));
  }
}

/**
 * Builds bench/.data/ for the given folder sizes unless they are there; returns the root, one bundle and a
 * folder per size ({ 1000: path, ... }).
 */
export async function benchData(root, sizes) {
  const dir = join(root, "bench/.data", `v${VERSION}`);
  const pool = join(dir, "pool");
  const paths = { dir, root: join(dir, "root.pem"), one: join(pool, name(0)), folders: {} };
  mkdirSync(dir, { recursive: true });
  for (const size of [...sizes].sort((a, b) => a - b)) {
    const folder = join(dir, `b${size}`);
    paths.folders[size] = folder;
    const ready = join(dir, `ready-b${size}`);
    if (existsSync(ready)) continue;
    if (size >= 20_000) console.log(`building ${size.toLocaleString("en")} bundles in ${dir} (once; minutes)`);
    await fillPool(dir, pool, size);
    mkdirSync(folder, { recursive: true });
    const have = new Set(readdirSync(folder));
    for (let i = 0; i < size; i++) if (!have.has(name(i))) linkSync(join(pool, name(i)), join(folder, name(i)));
    writeFileSync(ready, "");
  }
  return paths;
}
