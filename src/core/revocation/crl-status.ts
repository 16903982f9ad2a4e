// A certificate's status from a set of CRLs, as RFC 5280 §6.3.3 describes it: for each distribution
// point, the complete CRLs in its scope, issued and signed by someone authorised, fresh, with their delta
// CRLs applied, until every reason is covered or the certificate is found. Anything less is
// "undetermined", with the reasons: never "good".
import type { Certificate } from "../x509/certificate.js";
import { nameKey } from "../x509/names.js";
import { type Crl, type CrlEntry, findCrlEntry, REMOVE_FROM_CRL } from "./crl.js";
import { crlSigner, type SignerPool } from "./crl-signer.js";
import { staleness, tooOldForGood } from "./freshness.js";
import { ALL_REASONS, type DistributionPoint, directoryName, readDistributionPoints } from "./general-names.js";

/** A CRL and where it came from (a --crl-file name or the URL it was fetched from). */
export interface CrlSource {
  crl: Crl;
  origin: string;
}

export interface CrlSet {
  crls: CrlSource[];
  /** the checked path (leaf first) and its trust anchors */
  validated: Certificate[];
  /** certificates handed in with the CRLs (separate CRL signers) */
  offered: Certificate[];
  at: Date;
}

export type CrlVerdict =
  | { status: "good"; source: CrlSource; delta?: CrlSource }
  | { status: "revoked"; source: CrlSource; entry: CrlEntry }
  | { status: "undetermined"; why: string };

const CRL_DISTRIBUTION_POINTS = "2.5.29.31";
const MAX_DEPTH = 3;

/** Whether any CRL of the set could speak for `cert` (its issuer, or a cRLIssuer it names, issued one). */
export function hasCrlFor(cert: Certificate, crls: CrlSource[]): boolean {
  const issuers = new Set([directoryName(cert.issuerDer)]);
  for (const dp of distributionPoints(cert) ?? []) for (const n of dp.crlIssuers ?? []) issuers.add(n);
  return crls.some((s) => issuers.has(directoryName(s.crl.issuerDer)));
}

export function crlStatus(cert: Certificate, set: CrlSet, depth = 0): CrlVerdict {
  const points = distributionPoints(cert);
  if (points === null) return { status: "undetermined", why: "its cRLDistributionPoints extension is malformed" };
  const problems: string[] = [];
  let covered = 0;
  let good: CrlVerdict | undefined;
  const pool = signerPool(set, depth);
  for (const dp of points ?? [{}]) {
    for (const source of set.crls) {
      if (covered === ALL_REASONS) break;
      const judged = judgeOne(cert, dp, source, set, pool, covered);
      if (judged.skip) continue;
      if (judged.problem) {
        problems.push(`${source.origin}: ${judged.problem}`);
        continue;
      }
      if (judged.verdict?.status === "revoked") return judged.verdict;
      covered |= judged.reasons ?? 0;
      good ??= judged.verdict;
    }
  }
  if (covered === ALL_REASONS && good) return good;
  return { status: "undetermined", why: undeterminedWhy(cert, problems, covered) };
}

function undeterminedWhy(cert: Certificate, problems: string[], covered: number): string {
  if (problems.length) return `no usable CRL: ${problems.slice(0, 3).join("; ")}`;
  if (covered) return "the CRLs given cover only some revocation reasons";
  return `no CRL from ${cert.issuer} among the CRLs given`;
}

function signerPool(set: CrlSet, depth: number): SignerPool {
  return {
    validated: set.validated,
    offered: set.offered,
    at: set.at,
    notRevoked: (c) => depth < MAX_DEPTH && crlStatus(c, set, depth + 1).status === "good",
  };
}

interface Judged {
  /** the CRL is not about this certificate at all: it says nothing */
  skip?: boolean;
  /** the CRL is about it but cannot be used */
  problem?: string;
  verdict?: CrlVerdict;
  reasons?: number;
}

/** One complete CRL against one distribution point: RFC 5280 §6.3.3 (a)–(j). */
function judgeOne(
  cert: Certificate,
  dp: DistributionPoint,
  source: CrlSource,
  set: CrlSet,
  pool: SignerPool,
  covered: number,
): Judged {
  const { crl } = source;
  if (crl.baseCrlNumber !== undefined) return { skip: true };
  const issuerWhy = issuerMismatch(cert, dp, crl);
  if (issuerWhy === "skip") return { skip: true };
  if (issuerWhy) return { problem: issuerWhy };
  const scopeWhy = outOfScope(cert, dp, crl);
  if (scopeWhy) return { problem: scopeWhy };
  const reasons = (crl.idp?.onlySomeReasons ?? ALL_REASONS) & (dp.reasons ?? ALL_REASONS) & ALL_REASONS;
  if ((reasons & ~covered) === 0) return { skip: true };
  if (crl.unusable) return { problem: crl.unusable };
  const stale = staleness(crl.thisUpdate, crl.nextUpdate, set.at);
  if (stale) return { problem: stale };
  const { signer, why } = crlSigner(crl, pool);
  if (!signer) return { problem: why };
  const delta = deltaFor(source, set, pool);
  const entry = lookUp(cert, delta?.crl) ?? lookUp(cert, crl);
  if (entry && entry.reason !== REMOVE_FROM_CRL) return { verdict: { status: "revoked", source, entry } };
  const old = tooOldForGood(crl.thisUpdate, crl.nextUpdate, set.at);
  if (old) return { problem: old };
  return { verdict: { status: "good", source, delta }, reasons };
}

function lookUp(cert: Certificate, crl?: Crl): CrlEntry | undefined {
  return crl && findCrlEntry(crl, nameKey(cert.issuerDer), cert.serialBytes);
}

/**
 * RFC 5280 §6.3.3 (b)(1): a point with cRLIssuer wants an indirect CRL from that issuer; otherwise the
 * CRL's issuer is the certificate's. "skip" when the CRL is simply another issuer's.
 */
function issuerMismatch(cert: Certificate, dp: DistributionPoint, crl: Crl): string | undefined {
  const crlIssuer = directoryName(crl.issuerDer);
  if (dp.crlIssuers) {
    if (!dp.crlIssuers.includes(crlIssuer)) return "skip";
    if (!crl.idp?.indirect) return "the certificate names it as an indirect CRL issuer, but the CRL is not indirect";
    return undefined;
  }
  return nameKey(cert.issuerDer) === crl.issuerKey ? undefined : "skip";
}

/** RFC 5280 §6.3.3 (b)(2): the issuingDistributionPoint's name and its only… flags. */
function outOfScope(cert: Certificate, dp: DistributionPoint, crl: Crl): string | undefined {
  const idp = crl.idp;
  if (!idp) return undefined;
  if (idp.names) {
    const wanted = dp.names ?? dp.crlIssuers ?? [directoryName(cert.issuerDer)];
    if (!idp.names.some((n) => wanted.includes(n)))
      return "its issuingDistributionPoint names another distribution point than the certificate's";
  }
  const ca = Boolean(cert.basicConstraints?.ca);
  if (idp.onlyUserCerts && ca) return "it covers only end-entity certificates (onlyContainsUserCerts)";
  if (idp.onlyCaCerts && !ca) return "it covers only CA certificates (onlyContainsCACerts)";
  if (idp.onlyAttributeCerts) return "it covers only attribute certificates (onlyContainsAttributeCerts)";
  return undefined;
}

/** The newest usable delta CRL for a complete one (RFC 5280 §5.2.4, §6.3.3 (c)). */
function deltaFor(base: CrlSource, set: CrlSet, pool: SignerPool): CrlSource | undefined {
  const { crl } = base;
  if (crl.crlNumber === undefined) return undefined;
  const number = crl.crlNumber;
  const fits = (d: Crl) =>
    d.baseCrlNumber !== undefined &&
    d.crlNumber !== undefined &&
    !d.unusable &&
    d.issuerKey === crl.issuerKey &&
    d.idpHex === crl.idpHex &&
    d.baseCrlNumber <= number &&
    d.crlNumber > number &&
    !staleness(d.thisUpdate, d.nextUpdate, set.at);
  const deltas = set.crls.filter((s) => fits(s.crl) && crlSigner(s.crl, pool).signer);
  return deltas.sort((a, b) => ((b.crl.crlNumber ?? 0n) > (a.crl.crlNumber ?? 0n) ? 1 : -1))[0];
}

/** The certificate's distribution points; undefined when it has none, null when they cannot be read. */
function distributionPoints(cert: Certificate): DistributionPoint[] | undefined | null {
  const ext = cert.extensions.find((e) => e.oid === CRL_DISTRIBUTION_POINTS);
  if (!ext) return undefined;
  try {
    const points = readDistributionPoints(Buffer.from(ext.value), cert.issuerDer);
    return points.length ? points : null;
  } catch {
    return null;
  }
}
