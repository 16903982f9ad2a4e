import { LIMITS } from "../limits.js";
import { type Certificate, CertificateParseError, parseCertificate } from "../x509/certificate.js";
import { DerError } from "../x509/der.js";
import { pkcs7Certificates } from "../x509/pkcs7.js";
import { DecodeError, PasswordError } from "./decode-errors.js";
import { assertPkcs12Cost, guardDerivations, Pkcs12CostError } from "./pkcs12-cost.js";

/**
 * A PKCS#7 bundle holds more certificates than the limit: a CA's whole catalogue, not a chain. Its own
 * class, so that each command can say which limit was hit and how to take the chain out of it.
 */
export class Pkcs7LimitError extends DecodeError {
  /** the openssl command that lists the certificates as PEM; FILE is the input (fileInHint) */
  readonly hint: string;

  constructor(armoured: boolean) {
    super(
      `the PKCS#7 bundle holds more than ${LIMITS.maxPkcs7Certificates} certificates, the limit per file, so it was not read`,
    );
    this.hint = `A chain holds two to four: write them all out as PEM with \`openssl pkcs7${armoured ? "" : " -inform der"} -in FILE -print_certs -out all.pem\`, then keep your leaf and its issuers.`;
  }
}

/** A PKCS#7 bundle that breaks DER or holds a broken certificate: its message says where, for fix and inspect alike. */
export class Pkcs7ReadError extends DecodeError {}

/** The certificates of a PKCS#7 signedData bundle (RFC 2315 §9.1), as `.p7b` files carry them. */
export function certsFromPkcs7(der: Buffer, armoured: boolean): Certificate[] {
  try {
    const read = pkcs7Certificates(der, LIMITS.maxPkcs7Certificates);
    if (read.truncated) throw new Pkcs7LimitError(armoured);
    return read.certificates.map((c) => parseCertificate(c));
  } catch (err) {
    if (!(err instanceof DerError || err instanceof CertificateParseError)) throw err;
    throw new Pkcs7ReadError(`the PKCS#7 bundle could not be read (${err.message})`);
  }
}

type Forge = typeof import("node-forge");

async function openPkcs12(der: Buffer, password: string) {
  // The iteration counts are checked before forge derives any key with them (it would run 2^40 of them).
  assertPkcs12Cost(der);
  // node-forge is CommonJS: in Node its API is the default export. In the bundle, the default is the shim's
  // module.exports (scripts/build-plugins.mjs), node-forge's namespace, which carries the same names.
  const { default: forge } = await import("node-forge");
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(der.toString("binary")));
    return { forge, p12: guardDerivations(forge, () => forge.pkcs12.pkcs12FromAsn1(asn1, password)) };
  } catch (err) {
    if (err instanceof Pkcs12CostError) throw err;
    const message = (err as Error).message;
    if (/MAC could not be verified|Invalid password/i.test(message))
      throw new PasswordError("the PKCS#12 password is wrong");
    throw new DecodeError(`the PKCS#12 file could not be read (${message})`);
  }
}

/** The certificates of a PKCS#12 keystore (RFC 7292), and how many shrouded keys it also held. */
export async function certsFromPkcs12(der: Buffer, password: string): Promise<{ certs: Certificate[]; keys: number }> {
  const { forge, p12 } = await openPkcs12(der, password);
  const bags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  const certs = bags
    .map((bag) => (bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1))
    .flatMap((asn1) => (asn1 ? [parseCertificate(Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary"))] : []));
  const keyBags = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag];
  return { certs, keys: keyBags?.length ?? 0 };
}

/**
 * The private keys of a PKCS#12 keystore as PKCS#8 DER (RFC 5208). forge reads only RSA keys; for the
 * others (EC) it hands back the decrypted PrivateKeyInfo, which is already PKCS#8.
 */
export async function keysFromPkcs12(der: Buffer, password: string): Promise<Buffer[]> {
  const { forge, p12 } = await openPkcs12(der, password);
  const oid = forge.pki.oids.pkcs8ShroudedKeyBag;
  const bags = [
    ...(p12.getBags({ bagType: oid })[oid] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  return bags.flatMap((bag) => {
    const info = bag.key ? rsaKeyInfo(forge, bag.key as Parameters<Forge["pki"]["privateKeyToAsn1"]>[0]) : bag.asn1;
    return info ? [Buffer.from(forge.asn1.toDer(info).getBytes(), "binary")] : [];
  });
}

function rsaKeyInfo(forge: Forge, key: Parameters<Forge["pki"]["privateKeyToAsn1"]>[0]) {
  return forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key));
}
