import type { Certificate } from "../x509/certificate.js";
import { isoString } from "../x509/iso-time.js";

/** Says where a root is trusted ("a root in Node's Mozilla store"), or undefined when it is not. */
export type TrustedRoot = (root: Certificate) => string | undefined;

export interface PathChoice {
  /** index into the paths given */
  chosen: number;
  /** why this one, as a clause: "it ends at a root in Node's Mozilla store" */
  reason: string;
}

interface Scored {
  at: number;
  complete: boolean;
  trusted?: string;
  length: number;
  expiry: number;
}

/**
 * Which of several paths from the leaf `fix` keeps: a complete one; then one ending at a trusted
 * root (the Mozilla store, `--ca-file`, `--trust`); then the shortest; then the root that expires last; then
 * the first in the file. The reason names the first rule that set the choice apart from the runner-up.
 */
export function choosePath(
  paths: Certificate[][],
  isComplete: (path: Certificate[]) => boolean,
  trusted: TrustedRoot = () => undefined,
): PathChoice {
  const scored: Scored[] = paths.map((path, at) => {
    const root = path[path.length - 1];
    return { at, complete: isComplete(path), trusted: trusted(root), length: path.length, expiry: +root.notAfter };
  });
  const ranked = [...scored].sort(compare);
  const [best, next] = ranked;
  return { chosen: best.at, reason: next ? reasonFor(best, next) : "it is the only path" };
}

function compare(a: Scored, b: Scored): number {
  if (a.complete !== b.complete) return a.complete ? -1 : 1;
  if (Boolean(a.trusted) !== Boolean(b.trusted)) return a.trusted ? -1 : 1;
  if (a.length !== b.length) return a.length - b.length;
  if (a.expiry !== b.expiry) return b.expiry - a.expiry;
  return a.at - b.at;
}

function reasonFor(best: Scored, next: Scored): string {
  if (best.complete !== next.complete) return "it is the only one that ends at a self-signed root";
  if (Boolean(best.trusted) !== Boolean(next.trusted)) return `it ends at ${best.trusted}`;
  if (best.length !== next.length) return "it is the shortest";
  if (best.expiry !== next.expiry) return `its root expires last (${isoString(new Date(best.expiry)).slice(0, 10)})`;
  return "it comes first in the file";
}
