import { decodeBlock, scanPem } from "./input/pem.js";
import { LIMITS } from "./limits.js";
import { EKU, ekuName } from "./x509/oids.js";
import { type KeyInfo, readSpki } from "./x509/public-key.js";
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
    // A request file holds one request; verifying hundreds (with costly keys) is work no user asked for.
    if (out.length >= MAX_REQUESTS) {
      out.push({ ...where, problem: `not read: only the first ${MAX_REQUESTS} requests of a file are` });
      break;
    }
    const body = decodeBlock(block);
    if (!("der" in body)) out.push({ ...where, problem: `invalid base64 at line ${body.badLine}` });
    else out.push({ ...where, ...(await describeRequest(body.der)) });
  }
  return out;
}

/** Requests read from one file. */
const MAX_REQUESTS = 16;

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
  // One read of the key (a key it cannot read throws here, before any verification, as it always did).
  const key = readSpki(Buffer.from(csr.publicKey.rawData));
  // An RSA exponent beyond what TLS stacks accept makes one verification cost ~100 times more: not verified.
  const exponentBits = key?.exponentBits ?? 0;
  const verifiable = exponentBits <= LIMITS.maxRsaExponentBits;
  const san = of(x509.SubjectAlternativeNameExtension);
  const ku = of(x509.KeyUsagesExtension);
  return {
    subject: csr.subject,
    key: key?.key,
    signatureAlgorithm: algorithmName(csr.signatureAlgorithm),
    signatureValid: verifiable ? await csr.verify().catch(() => false) : undefined,
    ...(verifiable
      ? {}
      : {
          problem: `its RSA public exponent has ${exponentBits} bits, more than the ${LIMITS.maxRsaExponentBits} TLS stacks accept`,
        }),
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
