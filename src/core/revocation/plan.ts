import type { ChainAnalysis } from "../chain/chain.js";
import type { BundleEntry } from "../input/read-bundle.js";
import type { Certificate } from "../x509/certificate.js";
import { firstHttpUrl } from "../x509/urls.js";
import { buildOcspRequest, type OcspQuery } from "./ocsp.js";

/** A certificate on the path, with its position in the file. */
export interface ChainLink {
  cert: Certificate;
  index: number;
}

/** What the network is asked for one certificate; src/net/revocation-fetch.ts answers it. */
export type RevocationQuestion = { kind: "ocsp"; url: string; der: Buffer } | { kind: "crl"; url: string };

/** One certificate's revocation check as planned: what is checked, against what, and how. */
export type RevocationItem =
  | { kind: "no-issuer" | "no-url" | "not-checked"; link: ChainLink; question?: undefined }
  | { kind: "ocsp"; link: ChainLink; issuer: Certificate; question: RevocationQuestion; query: OcspQuery }
  | { kind: "crl"; link: ChainLink; issuer: Certificate; question: RevocationQuestion };

/** The path of a judged bundle, leaf first, as revocation links. */
export function chainLinks(entries: BundleEntry[], chain: ChainAnalysis): ChainLink[] {
  return chain.path.map((i) => ({ cert: entries[i].cert, index: i }));
}

/** OCSP for the leaf and each intermediate (CRL where there is no OCSP URL); roots are not checked. */
export function planRevocation(chain: ChainLink[]): RevocationItem[] {
  const items: RevocationItem[] = [];
  for (let pos = 0; pos < chain.length; pos++) {
    const link = chain[pos];
    const issuer = chain[pos + 1]?.cert;
    if (!issuer) {
      if (pos === 0) items.push({ kind: "no-issuer", link });
      break;
    }
    items.push(planOne(link, issuer, pos === 0));
  }
  return items;
}

function planOne(link: ChainLink, issuer: Certificate, leaf: boolean): RevocationItem {
  const ocspUrl = firstHttpUrl(link.cert.aia.ocsp);
  const crlUrl = firstHttpUrl(link.cert.crlDistributionPoints);
  // ConnectPay checks the client certificate; an intermediate without any revocation URL is noted, not flagged.
  if (!ocspUrl && !crlUrl) return { kind: leaf ? "no-url" : "not-checked", link };
  if (crlUrl && !ocspUrl) return { kind: "crl", link, issuer, question: { kind: "crl", url: crlUrl } };
  const query = buildOcspRequest(link.cert, issuer);
  return { kind: "ocsp", link, issuer, query, question: { kind: "ocsp", url: ocspUrl as string, der: query.der } };
}
