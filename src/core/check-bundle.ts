import type { KeyObject } from "node:crypto";
import { analyzeChain, type ChainAnalysis, type Role } from "./chain/chain.js";
import type { TrustedRoot } from "./chain/choose-path.js";
import { sameCa, trustStatus } from "./chain/trust.js";
import type { Finding } from "./findings/finding.js";
import { signatureWorkFinding } from "./findings/read.js";
import type { SecretPlace } from "./input/kubernetes-secret.js";
import { type BundleEntry, readBundle } from "./input/read-bundle.js";
import { fileInHint } from "./input/shell-arg.js";
import type { DecodedText } from "./input/text.js";
import { LIMITS } from "./limits.js";
import { matchedEvidence } from "./matched.js";
import type { CertRevocation } from "./revocation/status.js";
import { RULES } from "./rules/index.js";
import type { RuleContext } from "./rules/rule.js";
import { isMozillaRoot } from "./trust-store/root-store.js";
import { decideVerdict, type JudgedFinding } from "./verdict/verdict.js";
import { CertCache } from "./x509/cert-cache.js";
import type { Certificate } from "./x509/certificate.js";
import { sanTexts } from "./x509/describe-certificate.js";
import { ekuName } from "./x509/oids.js";
import type { KeyInfo } from "./x509/public-key.js";
import { withSignatureBudget } from "./x509/signature-work.js";
import { daysRemaining, type ExpiryThreshold } from "./x509/validity.js";

export interface CheckOptions {
  at: Date;
  /** a number of days, or a share of each certificate's lifetime (`--warn-days 20%`) */
  warnDays: ExpiryThreshold;
  failDays?: ExpiryThreshold;
  leafKey?: KeyObject;
  scope: "chain" | "leaf";
  strict: boolean;
  /** `--purpose`; default client, what ConnectPay needs */
  purpose?: "client" | "server" | "any";
  /** `--trust` anchors: the path must end at (or just below) one of them */
  anchors?: Certificate[];
  /** `--registered`: the leaf of the certificate ConnectPay has (compared by serial number and CN) */
  registered?: Certificate;
  /** the file `registered` came from, for the hint */
  registeredFile?: string;
  /** revocation is asked online (`--online`, probe) */
  online?: boolean;
}

export interface CertificateSummary {
  index: number;
  role: Role;
  subject: string;
  subjectCN?: string;
  issuer: string;
  issuerCN?: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  daysRemaining: number;
  fingerprintSha256: string;
  selfSigned: boolean;
  key: KeyInfo;
  signatureAlgorithm: string;
  /** as `inspect --json` gives them: `DNS:…`, `IP Address:…` (empty when there is no SAN extension) */
  subjectAltNames: string[];
  /** absent when the certificate has no such extension */
  keyUsage?: string[];
  extendedKeyUsage?: string[];
  /** set when revocation was checked (--online, --crl-file): the status and what says so */
  revocation?: CertRevocation;
}

/** The judgement of one input: the `results[]` element of `check --json`. */
export interface BundleResult {
  input: string;
  /** set when the bundle came from a Kubernetes Secret in the input (kubernetes-secret.ts) */
  secret?: SecretPlace;
  ok: boolean;
  /** set when the input could not be read at all (exit 2) */
  error?: string;
  certificates: CertificateSummary[];
  /** certificate indices from the leaf up to the root (or as far as the file goes) */
  path: number[];
  /** as this run weighs them (core/verdict/verdict.ts): whether each fails the run, and what silenced it */
  findings: JudgedFinding[];
  /** what `--key` and `--registered` were compared with and found to match, one line each */
  matched?: string[];
  /**
   * The 1-based line of each certificate's BEGIN line (by certificate index), for reporters that point into
   * the file (SARIF). Not part of the `--json` contract: the JSON reporter leaves it out.
   */
  lines?: (number | undefined)[];
}

/** The judgement, with what was parsed to reach it, so later steps (revocation, handshake) need not parse again. */
export interface CheckedBundle {
  result: BundleResult;
  entries: BundleEntry[];
  chain: ChainAnalysis;
}

/**
 * `cache` is the run's: pass the same one for every input of one run, a new one for each run. `decoded`: the
 * bytes' text, when the caller has it already.
 */
export function checkBundle(
  bytes: Buffer,
  input: string,
  options: CheckOptions,
  cache = new CertCache(),
  decoded?: DecodedText,
): CheckedBundle {
  // One budget of signature work per input: many same-name CAs with costly keys must not take minutes.
  const { value, exhausted } = withSignatureBudget(() => judgeBundle(bytes, input, options, cache, decoded));
  const { read, chain, ctx, findings } = value;
  if (exhausted) findings.unshift(signatureWorkFinding(LIMITS.maxSignatureWork));
  const resolved = findings.map((f) => withFileInHint(f, input));
  // The bundle's own verdict: --strict only. The config file and what the cli observes besides the bundle
  // (the key's mode, revocation) join in core/verdict/judge-input.ts, through the same function.
  const verdict = decideVerdict(resolved, { strict: options.strict });
  const result: BundleResult = {
    input,
    ok: verdict.ok,
    certificates: read.entries.map((e) => summarize(e, ctx, cache)),
    path: chain.path,
    findings: verdict.findings,
    lines: read.entries.map((e) => e.line),
  };
  const matched = matchedEvidence(ctx);
  if (matched.length) result.matched = matched;
  return { result, entries: read.entries, chain };
}

/** Reading, the issuer graph and every rule: all the signature checks one input makes. */
function judgeBundle(bytes: Buffer, input: string, options: CheckOptions, cache: CertCache, decoded?: DecodedText) {
  const read = readBundle(bytes, input, cache, decoded);
  const chain = analyzeChain(read.entries, cache, trustedRoot(options.anchors));
  const trust = options.anchors ? trustStatus(read.entries, chain, options.anchors) : undefined;
  // Every field named, none spread: one literal of one shape for every bundle. A spread of the options
  // defined their properties one by one (judgeBundle's own time: 140-300 ms at 10,000 bundles).
  const ctx: RuleContext = {
    entries: read.entries,
    chain,
    cache,
    at: options.at,
    warnDays: options.warnDays,
    failDays: options.failDays,
    leafKey: options.leafKey,
    scope: options.scope,
    purpose: options.purpose ?? "client",
    trust,
    registered: options.registered,
    registeredFile: options.registeredFile,
    online: options.online,
  };
  const findings: Finding[] = [...read.findings];
  // Most rules find nothing in most bundles: spreading their empty arrays was measurable at 10,000 bundles.
  for (const rule of RULES) {
    const found = rule.check(ctx);
    if (found.length > 0) findings.push(...found);
  }
  return { read, chain, ctx, findings };
}

/** A finding whose hint names the input (`FILE`) gets a copy naming it; every other finding is kept as it is. */
function withFileInHint(f: Finding, input: string): Finding {
  if (f.hint === undefined) return f;
  const hint = fileInHint(f.hint, input);
  return hint === f.hint ? f : { ...f, hint };
}

/** Among several paths, `check` prefers the one `fix` keeps: ending at a `--trust` anchor, else a Mozilla root. */
function trustedRoot(anchors?: Certificate[]): TrustedRoot {
  if (anchors)
    return (root) =>
      anchors.some((a) => sameCa(a, root)) ? "a --trust root (give `fix` the same file with --ca-file)" : undefined;
  return (root) => (isMozillaRoot(root) ? "a root in Node's Mozilla store" : undefined);
}

/**
 * A certificate's summary. A CA's is the same object in every bundle that has it at the same index, in the
 * same role, with the same days left (the run's cache): the reporters may keep what they made of it.
 */
function summarize(entry: BundleEntry, ctx: RuleContext, cache: CertCache): CertificateSummary {
  const role = ctx.chain.roles.get(entry.index) ?? "unrelated";
  const days = daysRemaining(entry.cert, ctx.at);
  const selfSigned = ctx.chain.selfSigned.has(ctx.chain.duplicates.get(entry.index) ?? entry.index);
  const work = () => summary(entry, role, days, selfSigned, cache);
  // CertCache.ofCa keeps a CA's answers only: a leaf's summary is made at once, without the key naming it.
  if (!entry.cert.basicConstraints?.ca) return work();
  return cache.ofCa(entry.cert, `summary ${entry.index} ${role} ${days} ${selfSigned}`, work);
}

function summary(
  entry: BundleEntry,
  role: Role,
  days: number,
  selfSigned: boolean,
  cache: CertCache,
): CertificateSummary {
  const c = entry.cert;
  return {
    index: entry.index,
    role,
    subject: c.subject,
    subjectCN: c.subjectCN,
    issuer: c.issuer,
    issuerCN: c.issuerCN,
    serialNumber: c.serialNumber,
    notBefore: cache.isoTime(c.notBefore),
    notAfter: cache.isoTime(c.notAfter),
    daysRemaining: days,
    fingerprintSha256: c.fingerprintSha256,
    selfSigned,
    key: c.key,
    signatureAlgorithm: c.signatureAlgorithm.name,
    subjectAltNames: sanTexts(c),
    keyUsage: c.keyUsage,
    extendedKeyUsage: c.extKeyUsage?.map(ekuName),
  };
}
