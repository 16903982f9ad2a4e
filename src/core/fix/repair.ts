import { analyzeChain, type ChainAnalysis } from "../chain/chain.js";
import { chooseLeaf, type Purpose } from "../chain/choose-leaf.js";
import type { TrustedRoot } from "../chain/choose-path.js";
import { pathLine } from "../chain/path-line.js";
import { sameCa } from "../chain/trust.js";
import type { DecodedInput } from "../input/decode-any.js";
import type { BundleEntry } from "../input/read-bundle.js";
import { LIMITS } from "../limits.js";
import { type Certificate, certLabel } from "../x509/certificate.js";
import { colonHex } from "../x509/der.js";
import { isEndEntity } from "../x509/end-entity.js";
import { namesMatch } from "../x509/names.js";
import { isSelfSigned, issuedBy } from "../x509/signature.js";
import { firstHttpUrl } from "../x509/urls.js";
import { isExpired, isNotYetValid } from "../x509/validity.js";

/** Where a missing issuer may come from, in the order they are tried. */
export interface IssuerSources {
  /** certificates from `--ca-file`, with that file's name */
  caFile?: { name: string; certs: Certificate[] };
  /** Node's bundled Mozilla roots, unless `--no-system-roots` */
  systemRoots?: () => Certificate[];
  /** `--fetch-missing`: downloads the AIA "CA Issuers" URL and returns what it held */
  fetchIssuer?: (url: string) => Promise<Certificate[]>;
}

export type Change =
  | { kind: "converted"; from: string }
  | { kind: "removed"; what: string }
  | { kind: "moved"; certificate: string; from: number; to: number }
  | { kind: "kept"; path: string; why: string }
  | { kind: "added"; certificate: string; role: string; from: string };

export interface RepairResult {
  chain: Certificate[];
  changes: Change[];
  /** why the chain could not be completed, when it could not */
  gaps: string[];
  /** `--leaf` named no end-entity certificate of the input (a usage error) */
  badLeaf?: boolean;
}

/** `fix --purpose` and `--leaf`: which end-entity certificate to keep when the input holds several. */
export interface LeafOptions {
  purpose: Purpose;
  leaf?: string;
  /** `--at`: among issuers a source offers, one valid then is preferred */
  at?: Date;
}

/** Turns what the CA delivered into leaf → intermediate(s) → root, saying what changed and why. */
export async function repairChain(
  input: DecodedInput,
  sources: IssuerSources,
  options: LeafOptions = { purpose: "client" },
): Promise<RepairResult> {
  const changes: Change[] = [];
  if (input.format !== "PEM") changes.push({ kind: "converted", from: input.format });
  noteRemovals(input, changes);
  const unique = dedupe(input.certs, changes);
  const choice = chooseLeaf(unique, options.purpose, options.leaf);
  if (choice.kind === "ask" || choice.kind === "unknown")
    return { chain: [], changes, gaps: [choice.message], badLeaf: choice.kind === "unknown" };
  const kept = choice.kind === "chosen" ? unique.filter((c) => !choice.dropped.some((d) => d.cert === c)) : unique;
  if (choice.kind === "chosen")
    for (const d of choice.dropped)
      changes.push({
        kind: "removed",
        what: `second end-entity certificate ${certLabel(d.cert)} (serial ${d.cert.serialNumber}): ${d.why}`,
      });
  const entries = kept.map((cert, index) => ({ index, cert }));
  const analysis = analyzeChain(entries, undefined, trustedBy(sources));
  const chain = analysis.path.map((i) => kept[i]);
  changes.push(...alternateChanges(entries, analysis));
  const spare = analysis.unrelated.map((i) => kept[i]);
  const candidates = { ...sources, spare, at: options.at };
  const gaps = [...unreadableLeaf(input, chain), ...(await complete(chain, candidates, changes))];
  for (const cert of spare.filter((c) => !chain.includes(c)))
    changes.push({ kind: "removed", what: `unrelated certificate ${certLabel(cert)} (not on the leaf's path)` });
  chain.forEach((cert, to) => {
    const from = input.certs.indexOf(cert);
    if (from !== -1 && from !== to)
      changes.push({ kind: "moved", certificate: certLabel(cert), from: from + 1, to: to + 1 });
  });
  return { chain, changes, gaps };
}

/** fix prefers a path ending at a root it trusts: `--ca-file`'s, then Node's Mozilla store. */
function trustedBy(sources: IssuerSources): TrustedRoot {
  return (root) => {
    if (sources.caFile?.certs.some((c) => sameCa(c, root))) return `a root in --ca-file ${sources.caFile.name}`;
    if (sources.systemRoots?.().some((c) => sameCa(c, root))) return "a root in Node's Mozilla store";
    return undefined;
  };
}

/** Which path was kept and why, and what each certificate of the other paths was. */
function alternateChanges(entries: BundleEntry[], analysis: ChainAnalysis): Change[] {
  if (analysis.alternates.length === 0) return [];
  const { path, pathReason } = analysis;
  const changes: Change[] = [];
  if (analysis.paths.length > 1)
    changes.push({ kind: "kept", path: pathLine(entries, analysis, path), why: pathReason ?? "" });
  for (const i of analysis.alternates) changes.push({ kind: "removed", what: offPathRole(entries, analysis, i) });
  return changes;
}

/** How a certificate's issuer is named in a change: its CN, else its whole name. */
const issuerLabel = (cert: Certificate) => (cert.issuerCN ? `CN=${cert.issuerCN}` : cert.issuer);

const crossSignedCopy = (cert: Certificate) =>
  `the cross-signed copy of ${certLabel(cert)} (issued by ${issuerLabel(cert)})`;

function offPathRole(entries: BundleEntry[], analysis: ChainAnalysis, i: number): string {
  const cert = entries[i].cert;
  if (analysis.crossSigned.has(i)) return crossSignedCopy(cert);
  const copyOf = analysis.path.find((p) => sameCa(entries[p].cert, cert));
  if (copyOf !== undefined) {
    const which = analysis.selfSigned.has(i) ? "the self-signed copy" : `the copy issued by ${issuerLabel(cert)}`;
    return `${which} of ${certLabel(cert)}: the kept path uses the one issued by ${issuerLabel(entries[copyOf].cert)}`;
  }
  const signed = analysis.alternates.find(
    (a) => analysis.crossSigned.has(a) && namesMatch(entries[a].cert.issuerDer, cert.subjectDer),
  );
  const what =
    signed === undefined
      ? "on the path that was not kept"
      : `which signed the cross-signed copy of ${certLabel(entries[signed].cert)}`;
  return `${certLabel(cert)}, ${what}`;
}

function dedupe(certs: Certificate[], changes: Change[]): Certificate[] {
  const unique: Certificate[] = [];
  for (const cert of certs) {
    if (unique.some((u) => u.fingerprintSha256 === cert.fingerprintSha256))
      changes.push({ kind: "removed", what: `duplicate of ${certLabel(cert)}` });
    else unique.push(cert);
  }
  return unique;
}

/** fix never ships a chain whose leaf could not be read: the intermediate would be sent as the client certificate. */
function unreadableLeaf(input: DecodedInput, chain: Certificate[]): string[] {
  if (input.unreadable.length === 0 || chain.length === 0 || isEndEntity(chain[0])) return [];
  return [
    `the certificate at ${input.unreadable.join(", ")} could not be read, and nothing else in the input is an end-entity certificate: it was most likely the leaf, and fix never ships a chain without one`,
  ];
}

function noteRemovals(input: DecodedInput, changes: Change[]): void {
  if (input.privateKeys)
    changes.push({ kind: "removed", what: `${input.privateKeys} private key(s): never written anywhere` });
  if (input.extraTextLines)
    changes.push({ kind: "removed", what: `${input.extraTextLines} line(s) of text outside the PEM blocks` });
  for (const block of input.otherBlocks) changes.push({ kind: "removed", what: `a "${block}" block` });
  for (const where of input.unreadable) changes.push({ kind: "removed", what: `unreadable certificate at ${where}` });
  if (input.nonAscii) changes.push({ kind: "converted", from: "UTF-16 / BOM text to ASCII" });
  if (input.carriageReturns) changes.push({ kind: "converted", from: "CR LF line ends to LF" });
  if (input.gluedLines)
    changes.push({
      kind: "converted",
      from: `${input.gluedLines} glued line(s) (one block's END and the next one's BEGIN) to a line each`,
    });
}

/** The input's own certificates that are off the leaf's path: the first candidates for every gap. */
type Candidates = IssuerSources & { spare: Certificate[]; at?: Date };

async function complete(chain: Certificate[], sources: Candidates, changes: Change[]): Promise<string[]> {
  while (chain.length > 0 && chain.length < LIMITS.maxChainDepth) {
    const top = chain[chain.length - 1];
    if (isSelfSigned(top)) return [];
    const found = await findIssuer(top, sources);
    // Only where the issuer is missing or out of date: a chain that completed before keeps its path.
    if (("gap" in found || !usable(found.cert, sources.at)) && trustTopCopy(chain, sources, changes)) return [];
    if ("gap" in found) return [found.gap];
    if (chain.some((c) => c.fingerprintSha256 === found.cert.fingerprintSha256))
      return [`issuer loop at ${certLabel(top)}`];
    chain.push(found.cert);
    if (found.from === FROM_INPUT) continue;
    const role = isSelfSigned(found.cert) ? "root" : "intermediate";
    changes.push({ kind: "added", certificate: certLabel(found.cert), role, from: found.from });
  }
  return chain.length === 0 ? ["the input holds no certificate"] : [];
}

const FROM_INPUT = "the input";
const FROM_STORE = "Node's bundled Mozilla root store";

/** Valid at `at` (any certificate, when no time is given). */
const usable = (cert: Certificate, at?: Date) => !at || (!isExpired(cert, at) && !isNotYetValid(cert, at));

/**
 * The top, a CA below the leaf whose issuer is missing or out of date, is a cross-signed copy of a root the
 * user trusts (`--ca-file`, the store): that self-signed root, valid at `--at`, takes its place, as OpenSSL's
 * trusted-first path building and fix's own choice between copies in the input do (the long-chain shape:
 * leaf, issuing CA, new root signed by an old root that has expired or is not at hand).
 */
function trustTopCopy(chain: Certificate[], sources: Candidates, changes: Change[]): boolean {
  const top = chain[chain.length - 1];
  if (chain.length < 2 || !top.basicConstraints?.ca) return false;
  const fromFile = (sources.caFile?.certs ?? []).map((cert) => ({ cert, from: `--ca-file ${sources.caFile?.name}` }));
  const fromStore = (sources.systemRoots?.() ?? []).map((cert) => ({ cert, from: FROM_STORE }));
  const root = [...fromFile, ...fromStore].find(
    ({ cert }) => sameCa(cert, top) && isSelfSigned(cert) && cert.basicConstraints?.ca && usable(cert, sources.at),
  );
  if (!root) return false;
  chain[chain.length - 1] = root.cert;
  changes.push({ kind: "removed", what: crossSignedCopy(top) });
  changes.push({ kind: "added", certificate: certLabel(root.cert), role: "root", from: root.from });
  return true;
}

/**
 * Of the certificates that issued `top` in one source: a self-signed root valid at `at` (the shortest chain,
 * whatever the file's order), else one valid at `at`, else the first.
 */
function pickIssuer(top: Certificate, certs: readonly Certificate[], at?: Date): Certificate | undefined {
  const issuers = certs.filter((c) => issuedBy(top, c));
  return issuers.find((c) => isSelfSigned(c) && usable(c, at)) ?? issuers.find((c) => usable(c, at)) ?? issuers[0];
}

async function findIssuer(
  top: Certificate,
  sources: Candidates,
): Promise<{ cert: Certificate; from: string } | { gap: string }> {
  const fromInput = sources.spare.find((c) => issuedBy(top, c));
  if (fromInput) return { cert: fromInput, from: FROM_INPUT };
  const fromFile = sources.caFile && pickIssuer(top, sources.caFile.certs, sources.at);
  if (fromFile && sources.caFile) return { cert: fromFile, from: `--ca-file ${sources.caFile.name}` };
  const fromStore = sources.systemRoots && pickIssuer(top, sources.systemRoots(), sources.at);
  if (fromStore) return { cert: fromStore, from: FROM_STORE };
  const url = firstHttpUrl(top.aia.caIssuers);
  const missing = `the issuer of ${certLabel(top)} (${top.issuer}${top.authorityKeyId ? `, key id ${colonHex(top.authorityKeyId)}` : ""})`;
  if (!url) return { gap: `${missing} is missing, and the certificate names no CA Issuers URL to fetch it from` };
  if (!sources.fetchIssuer) return { gap: `${missing} is missing; --fetch-missing would download it from ${url}` };
  let fetched: Certificate[];
  try {
    fetched = await sources.fetchIssuer(url);
  } catch (err) {
    return { gap: `${missing} is missing, and fetching ${url} failed: ${(err as Error).message}` };
  }
  const match = fetched.find((c) => issuedBy(top, c));
  if (!match) return { gap: `${missing} is missing; ${url} returned no certificate whose key signed it` };
  return { cert: match, from: url };
}
