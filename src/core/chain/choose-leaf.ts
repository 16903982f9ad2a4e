import { type Certificate, certLabel } from "../x509/certificate.js";
import { isEndEntity } from "../x509/end-entity.js";
import { EKU } from "../x509/oids.js";
import { issuedBy } from "../x509/signature.js";

export type Purpose = "client" | "server" | "any";

/** Which end-entity certificate `fix` keeps when the input holds several. */
export type LeafChoice =
  /** at most one end-entity certificate: nothing to choose */
  | { kind: "single" }
  | { kind: "chosen"; keep: Certificate; dropped: { cert: Certificate; why: string }[] }
  /** several fit and no --leaf chose: the message lists them */
  | { kind: "ask"; message: string }
  /** --leaf names none of them, or more than one (a usage error) */
  | { kind: "unknown"; message: string };

/** End-entity certificates that issued nothing in the input (a CA:FALSE "intermediate" is not a leaf). */
function leavesOf(certs: Certificate[]): Certificate[] {
  return certs.filter((c) => isEndEntity(c) && !certs.some((child) => child !== c && issuedBy(child, c)));
}

function fitsPurpose(cert: Certificate, purpose: Purpose): boolean {
  if (purpose === "any" || !cert.extKeyUsage) return true;
  return cert.extKeyUsage.includes(purpose === "client" ? EKU.clientAuth : EKU.serverAuth);
}

/** `#n` (position in the input, from 1), a serial (hex, colons and case ignored) or a subject CN. */
function matches(cert: Certificate, position: number, selector: string): boolean {
  if (selector.startsWith("#")) return selector.slice(1) === String(position);
  const hex = selector.replaceAll(":", "").toLowerCase();
  return cert.serialNumber.replaceAll(":", "").toLowerCase() === hex || cert.subjectCN === selector;
}

function describe(cert: Certificate, certs: Certificate[]): string {
  return `#${certs.indexOf(cert) + 1} ${certLabel(cert)} (serial ${cert.serialNumber})`;
}

export function chooseLeaf(certs: Certificate[], purpose: Purpose, selector?: string): LeafChoice {
  const leaves = leavesOf(certs);
  if (leaves.length <= 1 && selector === undefined) return { kind: "single" };
  const list = leaves.map((c) => describe(c, certs)).join(", ");
  if (selector !== undefined) {
    const named = leaves.filter((c) => matches(c, certs.indexOf(c) + 1, selector));
    if (named.length === 0)
      return { kind: "unknown", message: `--leaf ${selector} names none of the end-entity certificates: ${list}.` };
    // A CN two leaves share (a renewal beside the old one) chooses nothing: the first one was kept unsaid.
    if (named.length > 1)
      return {
        kind: "unknown",
        message: `--leaf ${selector} names ${named.length} end-entity certificates: ${named.map((c) => describe(c, certs)).join(", ")}; choose one with --leaf <serial|#n>`,
      };
    return { kind: "chosen", keep: named[0], dropped: others(leaves, named[0], "not the one chosen with --leaf") };
  }
  const fitting = leaves.filter((c) => fitsPurpose(c, purpose));
  if (fitting.length === 1)
    return {
      kind: "chosen",
      keep: fitting[0],
      dropped: others(leaves, fitting[0], `it does not allow ${purpose === "client" ? "clientAuth" : "serverAuth"}`),
    };
  const which = fitting.length === 0 ? leaves : fitting;
  return {
    kind: "ask",
    message: `the input holds ${leaves.length} end-entity certificates and ${fitting.length === 0 ? "none" : fitting.length} fit --purpose ${purpose}: ${which.map((c) => describe(c, certs)).join(", ")}; choose one with --leaf <serial|CN|#n>`,
  };
}

function others(leaves: Certificate[], keep: Certificate, why: string) {
  return leaves.filter((c) => c !== keep).map((cert) => ({ cert, why }));
}
