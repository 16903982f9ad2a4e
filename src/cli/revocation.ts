import { type Certificate, certLabel } from "../core/certificate.js";
import { analyzeChain } from "../core/chain.js";
import type { Finding } from "../core/finding.js";
import { buildOcspRequest, OcspError, readOcspResponse } from "../core/ocsp.js";
import { readBundle } from "../core/read-bundle.js";
import { sameSerial } from "../core/x509/serial.js";
import { askOcsp } from "../net/ocsp-client.js";

export interface RevocationResult {
  findings: Finding[];
  /** one line per certificate checked, for probe's step detail and --verbose */
  details: string[];
}

const CRL_LIMITS = { maxBytes: 10 * 1024 * 1024, maxRedirects: 3 };

function unavailable(cert: Certificate, why: string, index: number): Finding {
  return {
    id: "revocation.unavailable",
    severity: "warning",
    message: `Revocation of ${certLabel(cert)} could not be checked: ${why}. ConnectPay checks it with the issuer's OCSP service on every request.`,
    certificate: index,
    hint: "Make sure the CA's OCSP responder (AIA extension) is reachable; ask the CA if the certificate has no OCSP URL.",
  };
}

/** OCSP for the leaf and each intermediate (CRL where there is no OCSP URL); roots are not checked. */
export async function checkRevocation(
  chain: { cert: Certificate; index: number }[],
  at: Date,
  timeoutMs: number,
): Promise<RevocationResult> {
  const out: RevocationResult = { findings: [], details: [] };
  for (let pos = 0; pos < chain.length; pos++) {
    const { cert, index } = chain[pos];
    const issuer = chain[pos + 1]?.cert;
    if (!issuer) {
      if (pos === 0) out.findings.push(unavailable(cert, "its issuer is not in the file", index));
      break;
    }
    const hasUrl = [...cert.aia.ocsp, ...cert.crlDistributionPoints].some((u) => /^https?:\/\//i.test(u));
    // ConnectPay checks the client certificate; an intermediate without any revocation URL is noted, not flagged.
    if (pos > 0 && !hasUrl) {
      out.details.push(`${certLabel(cert)}: no OCSP URL or CRL distribution point; not checked`);
      continue;
    }
    const finding = await checkOne({ cert, issuer, index, at, timeoutMs, details: out.details });
    if (finding) out.findings.push(finding);
  }
  return out;
}

/** One certificate's check: what is checked, against what, when, and where its detail line goes. */
interface Job {
  cert: Certificate;
  issuer: Certificate;
  index: number;
  at: Date;
  timeoutMs: number;
  details: string[];
}

async function checkOne(job: Job) {
  const { cert, issuer, index, at, timeoutMs, details } = job;
  const url = cert.aia.ocsp.find((u) => /^https?:\/\//i.test(u));
  if (!url) return viaCrl(job);
  const query = buildOcspRequest(cert, issuer);
  try {
    const answer = readOcspResponse(await askOcsp(url, query.der, timeoutMs), cert, issuer, query, at);
    details.push(`${certLabel(cert)}: OCSP ${answer.status} (${url})`);
    if (answer.status === "revoked") return revoked(cert, index, answer.revokedAt, answer.reason);
    if (answer.status === "unknown")
      return {
        id: "revocation.unknown",
        severity: "warning" as const,
        message: `The OCSP responder ${url} does not know ${certLabel(cert)} (status unknown): often a wrong issuer in the chain or a test CA.`,
        certificate: index,
        hint: "Check that the intermediate in the file is the one that issued this certificate.",
      };
    return undefined;
  } catch (err) {
    const why = err instanceof OcspError ? err.message : `${url} did not answer usably (${(err as Error).message})`;
    details.push(`${certLabel(cert)}: OCSP unavailable (${why})`);
    return unavailable(cert, why, index);
  }
}

function revoked(cert: Certificate, index: number, when: Date, reason?: string): Finding {
  return {
    id: "revocation.revoked",
    severity: "error",
    message: `${certLabel(cert)} is REVOKED since ${when.toISOString()}${reason ? ` (reason: ${reason})` : ""}. ConnectPay refuses it on every request.`,
    certificate: index,
    hint: "Get a new certificate and send the new chain to ConnectPay.",
  };
}

async function viaCrl({ cert, issuer, index, at, timeoutMs, details }: Job) {
  const url = cert.crlDistributionPoints.find((u) => /^https?:\/\//i.test(u));
  if (!url) {
    details.push(`${certLabel(cert)}: no OCSP URL or CRL distribution point`);
    return unavailable(cert, "it names neither an OCSP responder nor a CRL distribution point", index);
  }
  try {
    const { fetchUrl } = await import("../net/fetch-url.js");
    const { loadX509 } = await import("../core/x509-lib.js");
    const x509 = await loadX509();
    const crl = new x509.X509Crl(new Uint8Array(await fetchUrl(url, { timeoutMs, ...CRL_LIMITS })));
    const signer = new x509.X509Certificate(new Uint8Array(issuer.der));
    if (!(await crl.verify({ publicKey: signer })))
      throw new Error("its signature does not verify with the issuer's key");
    if (crl.nextUpdate && crl.nextUpdate.getTime() < at.getTime())
      throw new Error(`it is stale (nextUpdate ${crl.nextUpdate.toISOString()})`);
    const entry = crl.entries.find((e) => sameSerial(e.serialNumber, cert.serialNumber));
    details.push(`${certLabel(cert)}: CRL ${entry ? "revoked" : "good"} (${url})`);
    return entry
      ? revoked(cert, index, entry.revocationDate, entry.reason === undefined ? undefined : String(entry.reason))
      : undefined;
  } catch (err) {
    details.push(`${certLabel(cert)}: CRL unavailable (${(err as Error).message})`);
    return unavailable(cert, `the CRL at ${url} is unusable: ${(err as Error).message}`, index);
  }
}

/** The revocation check of a PEM bundle's path, leaf first (check --online, probe). */
export function bundleRevocation(bundle: Buffer, at: Date, timeoutMs: number): Promise<RevocationResult> {
  const { entries } = readBundle(bundle, "bundle");
  const chain = analyzeChain(entries);
  return checkRevocation(
    chain.path.map((i) => ({ cert: entries[i].cert, index: i })),
    at,
    timeoutMs,
  );
}
