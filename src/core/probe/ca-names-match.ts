import type { Finding } from "../findings/finding.js";
import { caNotAcceptedFinding } from "../findings/probe.js";
import type { Certificate } from "../x509/certificate.js";
import { nameFromDer } from "../x509/names.js";

const norm = (k: string, v: string) => `${k.trim().toUpperCase()}=${v.trim().toLowerCase()}`;

/** `CN = X, O = Y` as `openssl s_client` prints a name, to a comparable set of attributes. */
function opensslNameSet(name: string): Set<string> {
  return new Set(
    name
      .split(/,\s*(?=[A-Za-z][A-Za-z0-9.]* = )/)
      .map((part) => part.split(" = "))
      .filter((kv) => kv.length === 2)
      .map(([k, v]) => norm(k, v.replace(/\\(.)/g, "$1"))),
  );
}

function certNameSet(der: Buffer): Set<string> {
  return new Set(nameFromDer(der).map((a) => norm(a.type, a.value)));
}

const same = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));

/** Whether one of the names the server accepts is an issuer of our chain (or its root). */
export function caNamesFinding(names: string[], chain: Certificate[], refused: boolean): Finding | undefined {
  if (names.length === 0 || chain.length === 0) return undefined;
  const ours = chain.flatMap((c) => [c.issuerDer, ...(c === chain[0] ? [] : [c.subjectDer])]);
  const accepted = names.map(opensslNameSet);
  if (ours.some((der) => accepted.some((a) => same(a, certNameSet(der))))) return undefined;
  return caNotAcceptedFinding(names, chain[chain.length - 1].subject, refused);
}
