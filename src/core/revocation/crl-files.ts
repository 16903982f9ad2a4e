// `--crl-file`: a DER CRL, or PEM with X509 CRL blocks, and optionally the certificates of separate CRL
// signers (PEM CERTIFICATE blocks, or a DER certificate): what `openssl verify -CRLfile` and -untrusted
// would be given.
import { decodeBlock, scanPem } from "../input/pem.js";
import { type Certificate, parseCertificate } from "../x509/certificate.js";
import { CrlError, parseCrl } from "./crl.js";
import type { OfflineCrls } from "./plan.js";

/** The CRLs and certificates of one file; throws CrlError when it holds neither. */
export function readCrlFile(bytes: Buffer, name: string): OfflineCrls {
  const out: OfflineCrls = { crls: [], signers: [] };
  const text = bytes.toString("latin1");
  if (!text.includes("-----BEGIN ")) {
    addDer(out, bytes, name);
    return out;
  }
  for (const block of scanPem(text).blocks) {
    const decoded = decodeBlock(block);
    if (!("der" in decoded)) throw new CrlError(`the PEM block at line ${block.line} is not base64`);
    if (block.label === "X509 CRL") out.crls.push({ crl: parseCrl(decoded.der), origin: name });
    else if (block.label === "CERTIFICATE") out.signers.push(certificate(decoded.der, block.line));
  }
  if (out.crls.length === 0) throw new CrlError("it holds no X509 CRL block");
  return out;
}

function addDer(out: OfflineCrls, der: Buffer, name: string): void {
  try {
    out.crls.push({ crl: parseCrl(der), origin: name });
  } catch (err) {
    try {
      out.signers.push(parseCertificate(der));
    } catch {
      throw err;
    }
  }
}

function certificate(der: Buffer, line: number): Certificate {
  try {
    return parseCertificate(der);
  } catch (err) {
    throw new CrlError(`the certificate at line ${line} cannot be read (${(err as Error).message})`);
  }
}

/** Several files' contents as one set. */
export function mergeCrlFiles(files: OfflineCrls[]): OfflineCrls {
  return { crls: files.flatMap((f) => f.crls), signers: files.flatMap((f) => f.signers) };
}
