// Throwaway certificates for the local gateway and the demo: an ephemeral server identity and a
// client chain shaped like a real one (root → intermediate → leaf with clientAuth).
import { webcrypto } from "node:crypto";
import type { JsonNameParams, Name, X509Certificate } from "@peculiar/x509";
import { loadX509 } from "../core/x509/x509-lib.js";

export interface Made {
  name: string | Name;
  keys: CryptoKeyPair;
  cert: X509Certificate;
  pem: string;
  keyPem: string;
}

export interface IssueOptions {
  /** a DN string, or a JSON name to put any characters in (a DN string cannot hold control characters) */
  subject: string | JsonNameParams | Name;
  issuer?: Made;
  ca?: boolean;
  clientAuth?: boolean;
  /** an OCSP responder certificate delegated by its issuer (RFC 6960 §4.2.2.2) */
  ocspSigning?: boolean;
  /** a CA whose key usage leaves out cRLSign (it may not sign CRLs, RFC 5280 §4.2.1.3) */
  noCrlSign?: boolean;
  serverNames?: string[];
  notBefore?: Date;
  notAfter?: Date;
  aia?: { caIssuers?: string; ocsp?: string };
  /** a CRL distribution point URL */
  crl?: string;
  serial?: string;
  /** the key pair of another certificate: a renewal or a cross-signed copy of it (a new one otherwise) */
  keys?: CryptoKeyPair;
}

const EC = { name: "ECDSA", namedCurve: "P-256" };
const SIGN = { name: "ECDSA", hash: "SHA-256" };

type X509Lib = Awaited<ReturnType<typeof loadX509>>;

export async function issue(opts: IssueOptions): Promise<Made> {
  const x509 = await loadX509();
  const keys = opts.keys ?? ((await webcrypto.subtle.generateKey(EC, true, ["sign", "verify"])) as CryptoKeyPair);
  const subject = Array.isArray(opts.subject) ? new x509.Name(opts.subject) : opts.subject;
  const signer = opts.issuer ?? { name: subject, keys };
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: opts.serial,
    subject,
    issuer: signer.name,
    notBefore: opts.notBefore ?? new Date(now - 3600_000),
    notAfter: opts.notAfter ?? new Date(now + 365 * 86_400_000),
    publicKey: keys.publicKey,
    signingKey: signer.keys.privateKey,
    signingAlgorithm: SIGN,
    extensions: await extensionsFor(x509, opts, keys.publicKey, signer.keys.publicKey),
  });
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  return {
    name: subject,
    keys,
    cert,
    pem: `${cert.toString("pem")}\n`,
    keyPem: `${x509.PemConverter.encode(pkcs8, "PRIVATE KEY")}\n`,
  };
}

/** The extensions a real CA would put in: constraints and key usage by role, key ids, EKU, SAN, AIA, CRL. */
async function extensionsFor(x509: X509Lib, opts: IssueOptions, subjectKey: CryptoKey, issuerKey: CryptoKey) {
  const KU = x509.KeyUsageFlags;
  const ext: InstanceType<typeof x509.Extension>[] = [
    new x509.BasicConstraintsExtension(Boolean(opts.ca), undefined, true),
    new x509.KeyUsagesExtension(caUsage(opts, KU), true),
    await x509.SubjectKeyIdentifierExtension.create(subjectKey),
    await x509.AuthorityKeyIdentifierExtension.create(issuerKey),
  ];
  const eku = [];
  if (opts.clientAuth) eku.push(x509.ExtendedKeyUsage.clientAuth);
  if (opts.serverNames) eku.push(x509.ExtendedKeyUsage.serverAuth);
  if (opts.ocspSigning) eku.push(x509.ExtendedKeyUsage.ocspSigning);
  if (eku.length) ext.push(new x509.ExtendedKeyUsageExtension(eku));
  if (opts.serverNames)
    ext.push(
      new x509.SubjectAlternativeNameExtension(
        opts.serverNames.map((n) => ({ type: /^[\d.]+$|:/.test(n) ? ("ip" as const) : ("dns" as const), value: n })),
      ),
    );
  if (opts.aia) ext.push(new x509.AuthorityInfoAccessExtension(opts.aia));
  if (opts.crl) ext.push(new x509.CRLDistributionPointsExtension([opts.crl]));
  return ext;
}

function caUsage(opts: IssueOptions, KU: X509Lib["KeyUsageFlags"]): number {
  if (!opts.ca) return KU.digitalSignature;
  return opts.noCrlSign ? KU.keyCertSign : KU.keyCertSign | KU.cRLSign;
}

/** A client chain as a CA would issue it; `bundle` is leaf → intermediate → root. */
export async function makeClientChain(org: string, opts: Partial<IssueOptions> = {}) {
  const dates = { notBefore: opts.notBefore, notAfter: opts.notAfter };
  const root = await issue({ subject: `CN=${org} Root CA, O=${org}`, ca: true, ...dates });
  const intermediate = await issue({ subject: `CN=${org} Issuing CA, O=${org}`, ca: true, issuer: root, ...dates });
  const leaf = await issue({ subject: `CN=${org} client, O=${org}`, issuer: intermediate, clientAuth: true, ...opts });
  return { root, intermediate, leaf, bundle: leaf.pem + intermediate.pem + root.pem };
}

/** An ephemeral CA and a server certificate for the given names (localhost, 127.0.0.1). */
export async function makeServerIdentity(names: string[]) {
  const ca = await issue({ subject: "CN=connectpay-cert gateway CA (ephemeral)", ca: true });
  const server = await issue({ subject: `CN=${names[0]}`, issuer: ca, serverNames: names });
  return { caPem: ca.pem, certPem: server.pem, keyPem: server.keyPem };
}
