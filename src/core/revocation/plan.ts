import type { ChainAnalysis } from "../chain/chain.js";
import type { BundleEntry } from "../input/read-bundle.js";
import type { Certificate } from "../x509/certificate.js";
import { firstHttpUrl } from "../x509/urls.js";
import { type CrlSource, hasCrlFor } from "./crl-status.js";
import { buildOcspRequest, type OcspQuery } from "./ocsp.js";

/** A certificate on the path, with its position in the file. */
export interface ChainLink {
  cert: Certificate;
  index: number;
}

/** What the network is asked for one certificate; src/net/revocation-fetch.ts answers it. */
export type RevocationQuestion = { kind: "ocsp"; url: string; der: Buffer } | { kind: "crl"; url: string };

/** CRLs handed in (`--crl-file`), and the certificates that came with them (separate CRL signers). */
export interface OfflineCrls {
  crls: CrlSource[];
  signers: Certificate[];
}

export interface RevocationPlanOptions {
  /** ask the URLs in the certificates (`--online`, probe) */
  online: boolean;
  offline?: OfflineCrls;
  /** `--trust` roots: a CRL signer's path may end at one of them, as the checked path does */
  anchors?: Certificate[];
}

/** Certificates a CRL signer may be, or chain to, without further proof: the checked path and its anchors. */
type Validated = { validated: Certificate[] };

/** One certificate's revocation check as planned: what is checked, against what, and how. */
export type RevocationItem =
  | { kind: "no-issuer" | "no-url" | "not-checked" | "no-crl"; link: ChainLink; question?: undefined }
  | ({ kind: "crl-set"; link: ChainLink; offline: OfflineCrls; question?: undefined } & Validated)
  | { kind: "ocsp"; link: ChainLink; issuer: Certificate; question: RevocationQuestion; query: OcspQuery }
  | ({ kind: "crl"; link: ChainLink; issuer: Certificate; question: RevocationQuestion } & Validated);

/** The path of a judged bundle, leaf first, as revocation links. */
export function chainLinks(entries: BundleEntry[], chain: ChainAnalysis): ChainLink[] {
  return chain.path.map((i) => ({ cert: entries[i].cert, index: i }));
}

/**
 * The leaf and each intermediate, roots not: from the CRLs handed in where one of them speaks for the
 * certificate, else online OCSP (CRL where there is no OCSP URL). With CRLs handed in but none for the
 * leaf and nothing asked online, the leaf's status is unavailable, as `openssl verify -crl_check` says.
 */
export function planRevocation(
  chain: ChainLink[],
  options: RevocationPlanOptions = { online: true },
): RevocationItem[] {
  const validated = [...chain.map((l) => l.cert), ...(options.anchors ?? [])];
  const items: RevocationItem[] = [];
  for (let pos = 0; pos < chain.length; pos++) {
    const link = chain[pos];
    const issuer = chain[pos + 1]?.cert;
    const { offline } = options;
    // The top of the path is the trust anchor's side: its own CRL does not speak for it.
    if (!issuer && pos > 0) break;
    if (offline && hasCrlFor(link.cert, offline.crls)) items.push({ kind: "crl-set", link, offline, validated });
    else if (!issuer) items.push({ kind: "no-issuer", link });
    else if (options.online) items.push(planOnline(link, issuer, pos === 0, validated));
    else if (offline) items.push({ kind: pos === 0 ? "no-crl" : "not-checked", link });
  }
  return items;
}

function planOnline(link: ChainLink, issuer: Certificate, leaf: boolean, validated: Certificate[]): RevocationItem {
  const ocspUrl = firstHttpUrl(link.cert.aia.ocsp);
  const crlUrl = firstHttpUrl(link.cert.crlDistributionPoints);
  // ConnectPay checks the client certificate; an intermediate without any revocation URL is noted, not flagged.
  if (!ocspUrl && !crlUrl) return { kind: leaf ? "no-url" : "not-checked", link };
  if (crlUrl && !ocspUrl) return { kind: "crl", link, issuer, question: { kind: "crl", url: crlUrl }, validated };
  const query = buildOcspRequest(link.cert, issuer);
  return { kind: "ocsp", link, issuer, query, question: { kind: "ocsp", url: ocspUrl as string, der: query.der } };
}
