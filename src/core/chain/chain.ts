import type { BundleEntry } from "../input/read-bundle.js";
import { LIMITS } from "../limits.js";
import { signatureKeyType } from "../x509/algorithms.js";
import { CertCache } from "../x509/cert-cache.js";
import { nameKey } from "../x509/names.js";
import { akiMatches, isSelfIssued } from "../x509/signature.js";
import { choosePath, type TrustedRoot } from "./choose-path.js";
import { allPaths } from "./paths.js";
import { crossSignedCopies } from "./same-ca.js";
import { sameCa } from "./trust.js";

export type Role = "leaf" | "intermediate" | "root" | "alternate" | "unrelated";

/** The issuer graph of a bundle and the one path through it, leaf first. */
export interface ChainAnalysis {
  /** entry indices from the leaf up; each certificate once */
  path: number[];
  /** the path ends at a self-signed certificate */
  complete: boolean;
  /** index of a repeated certificate → index of its first occurrence */
  duplicates: Map<number, number>;
  unrelated: number[];
  /** off the path but linked to it: on another path from the leaf, or the same CA as a certificate on it */
  alternates: number[];
  /** every path from the leaf (one in a clean file); `path` is the one chosen among them */
  paths: number[][];
  /** why `path` was chosen when there were several (choose-path.ts) */
  pathReason?: string;
  /** cross-signed copy → the certificate of the same CA (subject and key) it copies, preferably self-signed */
  crossSigned: Map<number, number>;
  roles: Map<number, Role>;
  /** child index → issuer index whose name matches but whose key did not sign the child */
  badSignatures: Map<number, number>;
  /** self-signed: names match and the certificate's own key verifies its signature */
  selfSigned: Set<number>;
  /** how the file orders the path: as ConnectPay wants, exactly backwards, or otherwise */
  order: "ok" | "reversed" | "misordered";
}

interface Link {
  issuer: number;
  verified: boolean;
  /** every candidate whose key signed the child: more than one when a CA is in the file twice */
  all: number[];
}

function findIssuers(
  entries: BundleEntry[],
  unique: number[],
  selfSigned: Set<number>,
  cache: CertCache,
): Map<number, Link> {
  const links = new Map<number, Link>();
  const bySubject = new Map<string, number[]>();
  for (const j of unique) {
    // Names compare as RFC 5280 §7.1 says, not byte for byte: one key for all encodings of a name.
    const key = nameKey(entries[j].cert.subjectDer);
    const list = bySubject.get(key);
    if (list) list.push(j);
    else bySubject.set(key, [j]);
  }
  for (const i of unique) {
    if (selfSigned.has(i)) continue;
    const child = entries[i].cert;
    // Bounded: a file of many certificates with one subject and different keys must not cost n² signature checks.
    const candidates = (bySubject.get(nameKey(child.issuerDer)) ?? [])
      .filter((j) => j !== i && akiMatches(child, entries[j].cert))
      .slice(0, LIMITS.maxIssuerCandidates);
    const good = candidates.filter((j) => cache.signedBy(child, entries[j].cert));
    if (good.length > 0) links.set(i, { issuer: good[0], verified: true, all: good });
    else if (candidates.length > 0) links.set(i, { issuer: candidates[0], verified: false, all: [candidates[0]] });
  }
  return links;
}

function chooseLeaf(entries: BundleEntry[], unique: number[], links: Map<number, Link>): number {
  const issuers = new Set([...links.values()].flatMap((l) => l.all));
  const candidates = unique.filter((i) => !issuers.has(i));
  if (candidates.length === 0) return unique[0];
  const depth = (i: number) => walk(i, links).length;
  const score = (i: number) => (entries[i].cert.basicConstraints?.ca ? 0 : 1000) + depth(i);
  return candidates.reduce((best, i) => (score(i) > score(best) ? i : best));
}

function walk(start: number, links: Map<number, Link>): number[] {
  const path = [start];
  const seen = new Set(path);
  let link = links.get(start);
  while (link && !seen.has(link.issuer) && path.length < LIMITS.maxChainDepth) {
    path.push(link.issuer);
    seen.add(link.issuer);
    link = links.get(link.issuer);
  }
  return path;
}

/**
 * `cache` is the run's; without one, nothing is remembered beyond this call. `trusted` says which roots the
 * run trusts (the Mozilla store, `--trust`, `--ca-file`) when the leaf has several paths to choose from.
 */
export function analyzeChain(entries: BundleEntry[], cache = new CertCache(), trusted?: TrustedRoot): ChainAnalysis {
  const duplicates = new Map<number, number>();
  const firstByPrint = new Map<string, number>();
  for (const e of entries) {
    const first = firstByPrint.get(e.cert.fingerprintSha256);
    if (first === undefined) firstByPrint.set(e.cert.fingerprintSha256, e.index);
    else duplicates.set(e.index, first);
  }
  const unique = [...firstByPrint.values()];
  // A trusted root's self-signature proves nothing (RFC 5280 §6.1.1 (d): an anchor is a name and a key), and
  // OpenSSL does not check it by default: a self-issued anchor counts as a root even when it does not verify,
  // as long as its signature algorithm fits its key (OpenSSL's ossl_x509_likely_issued asks that much).
  const selfSigned = new Set(
    unique.filter((i) => {
      const cert = entries[i].cert;
      if (!isSelfIssued(cert)) return false;
      if (cache.signedBy(cert, cert)) return true;
      return trusted?.(cert) !== undefined && signatureKeyType(cert.signatureAlgorithm.oid) === cert.key.algorithm;
    }),
  );
  const links = findIssuers(entries, unique, selfSigned, cache);
  const paths = unique.length ? allPaths(chooseLeaf(entries, unique, links), (i) => links.get(i)?.all ?? []) : [];
  const choice = choosePaths(entries, paths, selfSigned, trusted);
  const path = paths[choice.chosen] ?? [];
  const last = path.at(-1);
  const complete = last !== undefined && selfSigned.has(last);
  const badSignatures = new Map<number, number>();
  for (const [child, link] of links) if (!link.verified) badSignatures.set(child, link.issuer);
  const onPath = new Set(path);
  const alternates = linkedOffPath(entries, unique, paths, path);
  const unrelated = unique.filter((i) => !onPath.has(i) && !alternates.includes(i));
  const roles = assignRoles(path, complete, unrelated);
  for (const i of alternates) roles.set(i, "alternate");
  for (const [dup, first] of duplicates) roles.set(dup, roles.get(first) ?? "unrelated");
  const copies = crossSignedCopies(unique.map((i) => entries[i].cert));
  const crossSigned = new Map([...copies].map(([copy, of]) => [unique[copy], unique[of]]));
  const order = orderOf(path);
  const shape = { alternates, paths, pathReason: choice.reason, crossSigned };
  return { path, complete, duplicates, unrelated, roles, badSignatures, selfSigned, order, ...shape };
}

function choosePaths(entries: BundleEntry[], paths: number[][], selfSigned: Set<number>, trusted?: TrustedRoot) {
  if (paths.length < 2) return { chosen: 0, reason: undefined };
  const selfSignedCerts = new Set([...selfSigned].map((i) => entries[i].cert));
  const certs = paths.map((p) => p.map((i) => entries[i].cert));
  return choosePath(certs, (p) => selfSignedCerts.has(p[p.length - 1]), trusted);
}

/** Certificates on another path from the leaf, or CA certificates with the subject and key of one on the path. */
function linkedOffPath(entries: BundleEntry[], unique: number[], paths: number[][], path: number[]): number[] {
  const onPath = new Set(path);
  const onAnyPath = new Set(paths.flat());
  const sameAsOnPath = (i: number) =>
    Boolean(entries[i].cert.basicConstraints?.ca) && path.some((p) => sameCa(entries[i].cert, entries[p].cert));
  return unique.filter((i) => !onPath.has(i) && (onAnyPath.has(i) || sameAsOnPath(i)));
}

function orderOf(path: number[]): ChainAnalysis["order"] {
  const ascending = path.every((v, i) => i === 0 || v > path[i - 1]);
  if (ascending) return "ok";
  const descending = path.every((v, i) => i === 0 || v < path[i - 1]);
  return descending ? "reversed" : "misordered";
}

function assignRoles(path: number[], complete: boolean, unrelated: number[]): Map<number, Role> {
  const roles = new Map<number, Role>();
  path.forEach((idx, pos) => {
    const isLast = pos === path.length - 1;
    roles.set(idx, pos === 0 ? "leaf" : isLast && complete ? "root" : "intermediate");
  });
  for (const i of unrelated) roles.set(i, "unrelated");
  return roles;
}
