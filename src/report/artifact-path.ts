import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { BundleResult } from "../core/check-bundle.js";
import type { Finding } from "../core/findings/finding.js";

/** Where the run's inputs sit: the working folder (inputs are relative to it) and the repository root. */
export interface PathBase {
  cwd: string;
  root: string;
}

/** The input's path relative to the root, as `/`-separated segments; undefined when it lies outside it. */
export function rootRelativeSegments(input: string, base: PathBase): string[] | undefined {
  const rel = relative(base.root, resolve(base.cwd, input));
  if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep);
}

/**
 * A SARIF artifactLocation (SARIF 2.1.0 §3.4.3, RFC 3986): inside the root, a relative reference whose
 * segments are percent-encoded (so `#`, `?`, `%` and a `:` that would read as a scheme stay part of the name),
 * resolved against the `SRCROOT` base id; outside it, an absolute `file:` URI.
 */
export function artifactLocation(input: string, base: PathBase): { uri: string; uriBaseId?: string } {
  const segments = rootRelativeSegments(input, base);
  if (!segments) return { uri: pathToFileURL(resolve(base.cwd, input)).href };
  return { uri: segments.map(encodeURIComponent).join("/"), uriBaseId: "SRCROOT" };
}

/** `originalUriBaseIds.SRCROOT`: the root as an absolute `file:` URI ending in `/` (§3.14.14). */
export function rootUri(base: PathBase): string {
  const href = pathToFileURL(base.root).href;
  return href.endsWith("/") ? href : `${href}/`;
}

/** The line a finding points at: its certificate's BEGIN line, or the line the finding names itself. */
export function findingLine(r: BundleResult, f: Finding): number | undefined {
  return f.certificate === undefined ? f.line : r.lines?.[f.certificate];
}
