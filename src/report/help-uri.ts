import pkg from "../../package.json" with { type: "json" };
import type { FindingDefinition } from "../core/findings/definition.js";

// The docs of the version that printed the id: docs/findings.md holds one section per finding.
const DOCS = `https://github.com/connectpay-cert/connectpay-cert/blob/v${pkg.version}/docs/findings.md`;

/** GitHub's heading anchor: lower case, punctuation dropped, spaces as hyphens. */
const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");

/** The finding's section of docs/findings.md (its heading is "`id`: title"). */
export function helpUri(id: string, d: FindingDefinition): string {
  return `${DOCS}#${anchor(`${id}: ${d.title}`)}`;
}
