import { LIMITS } from "../limits.js";

/**
 * Every path up from `leaf`, each followed until no issuer is left, an issuer would repeat, or the depth bound.
 * A CA that is in the file twice (self-signed and cross-signed, same subject and key) issues with either
 * copy, so the leaf may have more than one path (a cross-signed root). Bounded: at most `LIMITS.maxPaths` paths.
 */
export function allPaths(leaf: number, issuersOf: (i: number) => number[]): number[][] {
  const paths: number[][] = [];
  const visit = (path: number[]): void => {
    if (paths.length >= LIMITS.maxPaths) return;
    const top = path[path.length - 1];
    const next = path.length < LIMITS.maxChainDepth ? issuersOf(top).filter((j) => !path.includes(j)) : [];
    if (next.length === 0) paths.push(path);
    for (const j of next) visit([...path, j]);
  };
  visit([leaf]);
  return paths;
}
