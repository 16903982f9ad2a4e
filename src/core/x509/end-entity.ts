import type { ChainAnalysis } from "../chain/chain.js";
import type { BundleEntry } from "../input/read-bundle.js";
import type { Certificate } from "./certificate.js";
import { EKU } from "./oids.js";

/**
 * Whether a certificate is an end-entity (a leaf) rather than a CA. CA:FALSE or no basicConstraints is an
 * end-entity (RFC 5280 §4.2.1.9). A CA:TRUE certificate still counts as a (badly made) leaf when it is built
 * for TLS authentication: digitalSignature and a TLS EKU; that case is `leaf.is-ca`, a warning by contract.
 * Anything else with CA:TRUE is a CA, and a bundle that starts with one has no leaf (`chain.no-leaf`).
 */
export function isEndEntity(cert: Certificate): boolean {
  if (!cert.basicConstraints?.ca) return true;
  const tls = (cert.extKeyUsage ?? []).some((oid) => oid === EKU.clientAuth || oid === EKU.serverAuth);
  return Boolean(cert.keyUsage?.includes("digitalSignature")) && tls;
}

/** The path's first certificate when it is an end-entity; undefined when the bundle has no leaf. */
export function leafOf(entries: BundleEntry[], chain: ChainAnalysis): number | undefined {
  const first = chain.path[0];
  return first !== undefined && isEndEntity(entries[first].cert) ? first : undefined;
}

/** End-entity certificates off the leaf's path: a second leaf, not a stray CA (ConnectPay takes one chain). */
export function otherLeaves(entries: BundleEntry[], chain: ChainAnalysis): number[] {
  if (leafOf(entries, chain) === undefined) return [];
  return chain.unrelated.filter((i) => isEndEntity(entries[i].cert));
}
