import { decodeBlock, scanPem } from "./input/pem.js";
import { EKU, ekuName } from "./x509/oids.js";
import { describeSpki, type KeyInfo } from "./x509/public-key.js";
import { loadX509 } from "./x509/x509-lib.js";

/** Labels of a PKCS#10 request: RFC 7468 §7, and the older one OpenSSL and Java still accept. */
const CSR_LABELS = new Set(["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"]);

/** What a certificate request asks for, as `inspect` shows it; `problem` when it cannot be read. */
export interface RequestDetails {
  /** 1-based PEM block number and BEGIN line */
  block: number;
  line: number;
  subject?: string;
  key?: KeyInfo;
  signatureAlgorithm?: string;
  /** whether the request's signature verifies with its own public key (proof of possession, RFC 2986 §3) */
  signatureValid?: boolean;
  subjectAltNames?: string[];
  keyUsage?: string[];
  extendedKeyUsage?: string[];
  /** whether the extended key usage asks for clientAuth, which ConnectPay's gateway needs */
  clientAuth?: boolean;
  problem?: string;
}

/** The certificate requests (PEM) in a text: each described, or why it could not be read. */
export async function describeRequests(text: string): Promise<RequestDetails[]> {
  const blocks = scanPem(text).blocks.filter((b) => CSR_LABELS.has(b.label) && b.closed);
  const out: RequestDetails[] = [];
  for (const block of blocks) {
    const where = { block: block.number, line: block.line };
    const body = decodeBlock(block);
    if (!("der" in body)) out.push({ ...where, problem: `invalid base64 at line ${body.badLine}` });
    else out.push({ ...where, ...(await describeRequest(body.der)) });
  }
  return out;
}

async function describeRequest(der: Buffer): Promise<Omit<RequestDetails, "block" | "line">> {
  const x509 = await loadX509();
  let csr: InstanceType<typeof x509.Pkcs10CertificateRequest>;
  try {
    csr = new x509.Pkcs10CertificateRequest(new Uint8Array(der));
  } catch {
    return { problem: "the block does not hold a PKCS#10 certificate request" };
  }
  const of = <T>(type: abstract new (...args: never[]) => T) =>
    csr.extensions.find((e) => e instanceof type) as T | undefined;
  const eku = of(x509.ExtendedKeyUsageExtension)?.usages.map(String);
  const san = of(x509.SubjectAlternativeNameExtension);
  const ku = of(x509.KeyUsagesExtension);
  return {
    subject: csr.subject,
    key: describeSpki(Buffer.from(csr.publicKey.rawData)),
    signatureAlgorithm: algorithmName(csr.signatureAlgorithm),
    signatureValid: await csr.verify().catch(() => false),
    subjectAltNames: san?.names.items.map((n) => `${n.type.toUpperCase()}:${n.value}`),
    keyUsage: ku ? keyUsageNames(ku.usages, x509.KeyUsageFlags) : undefined,
    extendedKeyUsage: eku?.map(ekuName),
    clientAuth: eku ? eku.includes(EKU.clientAuth) : undefined,
  };
}

function algorithmName(alg: Algorithm & { hash?: Algorithm }): string {
  return alg.hash ? `${alg.name} with ${alg.hash.name}` : alg.name;
}

function keyUsageNames(bits: number, flags: Record<string, number | string>): string[] {
  return Object.entries(flags)
    .filter(([name, bit]) => typeof bit === "number" && Number.isNaN(Number(name)) && bits & bit)
    .map(([name]) => name);
}
