import { DecodeError, PasswordError } from "./decode-errors.js";
import { type Certificate, parseCertificate } from "./x509/certificate.js";

/** The certificates of a PKCS#7 signedData bundle (RFC 2315 §9.1), as `.p7b` files carry them. */
export async function certsFromPkcs7(der: Buffer): Promise<Certificate[]> {
  const { loadX509 } = await import("./x509-lib.js");
  const x509 = await loadX509();
  try {
    const list = new x509.X509Certificates(new Uint8Array(der));
    return list.map((c) => parseCertificate(Buffer.from(c.rawData)));
  } catch (err) {
    throw new DecodeError(`the PKCS#7 bundle could not be read (${(err as Error).message})`);
  }
}

/** The certificates of a PKCS#12 keystore (RFC 7292), and how many shrouded keys it also held. */
export async function certsFromPkcs12(der: Buffer, password: string): Promise<{ certs: Certificate[]; keys: number }> {
  const { default: forge } = await import("node-forge");
  let p12: ReturnType<typeof forge.pkcs12.pkcs12FromAsn1>;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(der.toString("binary")));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, password);
  } catch (err) {
    const message = (err as Error).message;
    if (/MAC could not be verified|Invalid password/i.test(message))
      throw new PasswordError("the PKCS#12 password is wrong");
    throw new DecodeError(`the PKCS#12 file could not be read (${message})`);
  }
  const bags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  const certs = bags
    .map((bag) => (bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1))
    .flatMap((asn1) => (asn1 ? [parseCertificate(Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary"))] : []));
  const keyBags = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag];
  return { certs, keys: keyBags?.length ?? 0 };
}
