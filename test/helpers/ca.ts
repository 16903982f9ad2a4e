import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const EC = { name: "ECDSA", namedCurve: "P-256" };
const SIGN = { name: "ECDSA", hash: "SHA-256" };

export interface Issued {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
  name: string;
  pem: string;
  der: Buffer;
}

/** Makes a certificate for tests that need run-time values (a local AIA URL, a port). */
export async function issueCert(opts: {
  subject: string;
  issuer?: Issued;
  ca?: boolean;
  aiaCaIssuers?: string;
  notBefore?: Date;
  notAfter?: Date;
}): Promise<Issued> {
  const keys = (await webcrypto.subtle.generateKey(EC, true, ["sign", "verify"])) as CryptoKeyPair;
  const signer = opts.issuer ?? { keys, name: opts.subject };
  const KU = x509.KeyUsageFlags;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(Boolean(opts.ca), undefined, true),
    new x509.KeyUsagesExtension(opts.ca ? KU.keyCertSign | KU.cRLSign : KU.digitalSignature, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(signer.keys.publicKey),
  ];
  if (!opts.ca) extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]));
  if (opts.aiaCaIssuers) extensions.push(new x509.AuthorityInfoAccessExtension({ caIssuers: opts.aiaCaIssuers }));
  const cert = await x509.X509CertificateGenerator.create({
    subject: opts.subject,
    issuer: signer.name,
    notBefore: opts.notBefore ?? new Date("2024-01-01T00:00:00Z"),
    notAfter: opts.notAfter ?? new Date("2099-01-01T00:00:00Z"),
    publicKey: keys.publicKey,
    signingKey: signer.keys.privateKey,
    signingAlgorithm: SIGN,
    extensions,
  });
  return { cert, keys, name: opts.subject, pem: `${cert.toString("pem")}\n`, der: Buffer.from(cert.rawData) };
}

export async function privateKeyPem(issued: Issued): Promise<string> {
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", issued.keys.privateKey);
  return `${x509.PemConverter.encode(pkcs8, "PRIVATE KEY")}\n`;
}
